import type { Generated } from 'kysely';
import type { CampaignKind, CampaignStatus } from '../../../../shared/domain/campaigns';

/** A recall or service campaign (migration 0040). */
export interface CampaignsTable {
  id: Generated<number>;
  code: string;
  title: string;
  kind: CampaignKind;
  mandatory: number;
  labor_operation_id: number;
  labor_hours_milli: number;
  /** [{ partNumber, qtyMilli }]: the parts the remedy uses. */
  parts_json: string;
  starts_on: string;
  ends_on: string;
  status: CampaignStatus;
  file_name: string;
  affected_count: Generated<number>;
  /** Kept by the trigger campaign_done_count. */
  done_count: Generated<number>;
  refused_count: Generated<number>;
  created_by: number;
  created_at: string;
}

/** One affected VIN of a campaign; done when an RO carrying its campaign job was delivered. */
export interface CampaignVehiclesTable {
  id: Generated<number>;
  campaign_id: number;
  vin: string;
  vehicle_id: number | null;
  done_repair_order_id: Generated<number | null>;
  done_at: Generated<string | null>;
}

/** An RO job that carries a campaign's remedy for one affected car. */
export interface CampaignJobsTable {
  job_id: number;
  campaign_vehicle_id: number;
}
