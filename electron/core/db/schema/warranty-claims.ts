import type { Generated } from 'kysely';
import type { ClaimStatus } from '../../../../shared/domain/warranty-claims';

/** Migration 0042: warranty claims (索赔), their parts, batches and status history. */
export interface WarrantyClaimBatchesTable {
  id: Generated<number>;
  number: string;
  claims: number;
  claimed_fen: number;
  created_by: number;
  created_at: string;
}

export interface WarrantyClaimsTable {
  id: Generated<number>;
  number: string;
  repair_order_id: number;
  job_id: number;
  status: ClaimStatus;
  /** JSON [{code, name, hoursMilli}]: the OEM labor operations. */
  labor_json: string;
  labor_rate_fen: number;
  labor_fen: number;
  parts_fen: number;
  sublet_fen: number;
  claimed_fen: number;
  paid_fen: number;
  written_off_fen: number;
  write_off_reason: string;
  write_off_approved_by: number | null;
  write_off_approved_at: string | null;
  causal_part_number: string;
  failure_code: string;
  complaint: string;
  cause: string;
  correction: string;
  rejection_reason: string;
  batch_id: number | null;
  submitted_at: string | null;
  settled_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface WarrantyClaimPartsTable {
  id: Generated<number>;
  claim_id: number;
  line_id: number | null;
  part_number: string;
  name_zh: string;
  qty_milli: number;
  amount_fen: number;
  old_part_tag: string | null;
}

export interface WarrantyClaimEventsTable {
  id: Generated<number>;
  claim_id: number;
  from_status: ClaimStatus | null;
  to_status: ClaimStatus;
  actor_id: number | null;
  at: string;
  note: string;
}
