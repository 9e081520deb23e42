import type { Generated } from 'kysely';
import type {
  AuthorisationChannel,
  DeclinedWorkStatus,
  JobDecision,
} from '../../../../shared/contract/repair-orders/authorisation';
import type { DamageKind, PhotoMime } from '../../../../shared/contract/repair-orders/check-in';
import type { JobAuthorization, LineKind, RoPayer } from '../../../../shared/contract/repair-orders';
import type { PaymentMethod } from '../../../../shared/contract/repair-orders/settlement';
import type { RefundState } from '../../../../shared/contract/repair-orders/refunds';
import type { ConcernGroup } from '../../../../shared/domain/concern-groups';
import type { GuaranteeCategory } from '../../../../shared/domain/guarantee';
import type { RepairOrderStatus, RoSource } from '../../../../shared/domain/repair-order-status';
import type { JobOrigin, JobWorkshopState, PauseReason } from '../../../../shared/domain/workshop-states';

/** Per calendar year of the desk: the last RO number handed out. */
export interface RepairOrderSequencesTable {
  year: number;
  last_number: number;
}

export interface RepairOrdersTable {
  id: Generated<number>;
  /** RO2026-000123: unique. */
  number: string;
  customer_id: number;
  vehicle_id: number;
  advisor_id: number;
  status: RepairOrderStatus;
  promised_at: string | null;
  opened_at: string;
  mileage_in_km: number | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  /** Who pays for its jobs, one bit per payer in RO_PAYERS order; kept by triggers (migration 0022). */
  payer_mask: Generated<number>;
  /** 'desk', or 'import': history from the previous DMS, closed on arrival (migration 0037). */
  source: Generated<RoSource>;
  /** The previous DMS's RO id, its advisor's name and its labor/parts totals as it wrote them (imported ROs only). */
  legacy_id: Generated<string | null>;
  legacy_advisor: Generated<string | null>;
  legacy_labor_fen: Generated<number | null>;
  legacy_parts_fen: Generated<number | null>;
}

export interface RepairOrderJobsTable {
  id: Generated<number>;
  repair_order_id: number;
  position: number;
  concern: string;
  cause: Generated<string>;
  correction: Generated<string>;
  concern_group: ConcernGroup;
  payer: RoPayer;
  authorization_state: Generated<JobAuthorization>;
  /** Guarantee category (shared/domain/guarantee); null until set (migration 0009). */
  work_category: Generated<GuaranteeCategory | null>;
  /** Who the job is dispatched to (migration 0009). */
  technician_id: Generated<number | null>;
  /** Workshop state (shared/domain/workshop-states): waiting | in_progress | paused | done (migration 0010). */
  workshop_state: Generated<JobWorkshopState>;
  /** parts | approval | other; null unless paused (migration 0010). */
  pause_reason: Generated<PauseReason | null>;
  pause_note: Generated<string>;
  bay: Generated<string>;
  /** reception | workshop (additional work proposed in the workshop) (migration 0010). */
  origin: Generated<JobOrigin>;
  proposed_by: Generated<number | null>;
  proposal_note: Generated<string>;
  created_at: string;
  updated_at: string;
  /** Where the job's bar starts on the workshop planner, ISO-8601 UTC; null while not planned (migration 0031). */
  planned_start_at: Generated<string | null>;
}

/** Labor and part lines in one table: both are priced the same way and summed together. */
export interface RepairOrderLinesTable {
  id: Generated<number>;
  repair_order_id: number;
  job_id: number;
  kind: LineKind;
  position: number;
  /** The catalogue operation a labor line was copied from; never read for pricing. */
  operation_id: number | null;
  /** Labor: operation code ('' for free text without one). Part: part number. */
  code: string;
  name_zh: string;
  name_en: string;
  /** Labor: flat-rate hours in thousandths. Part: quantity in thousandths. */
  qty_milli: number;
  /** Labor: rate per hour. Part: unit price. Fen. */
  unit_price_fen: number;
  discount_bp: number;
  discount_reason: string;
  tax_rate_bp: number;
  tax_included: number;
  gross_fen: number;
  discount_fen: number;
  net_fen: number;
  tax_fen: number;
  total_fen: number;
  created_by: number;
  created_at: string;
  updated_at: string;
  /** An imported line's number on its RO in the previous DMS (migration 0037). */
  legacy_id: Generated<string | null>;
}

export interface RepairOrderStatusHistoryTable {
  id: Generated<number>;
  repair_order_id: number;
  from_status: RepairOrderStatus | null;
  to_status: RepairOrderStatus;
  changed_by: number;
  changed_at: string;
  note: string;
}

/** One per RO: what the reception recorded when the car came in (check-in). */
export interface RepairOrderCheckInsTable {
  repair_order_id: number;
  mileage_km: number;
  /** The vehicle_mileage row this check-in wrote (replaced when the check-in is corrected). */
  mileage_reading_id: number | null;
  mileage_override_reason: string | null;
  fuel_eighths: number;
  valuables: string;
  notes: string;
  checked_in_by: number;
  checked_in_at: string;
  updated_at: string;
}

/** A numbered mark on the walk-around diagram (x, y in thousandths of its width and height). */
export interface CheckInDamageMarksTable {
  id: Generated<number>;
  repair_order_id: number;
  number: number;
  x_permille: number;
  y_permille: number;
  kind: DamageKind;
  note: string;
  created_by: number;
  created_at: string;
  removed_by: number | null;
  removed_at: string | null;
}

/** A check-in photo: the file lives under the files folder, at relative_path ('/' separators). */
export interface CheckInPhotosTable {
  id: Generated<number>;
  repair_order_id: number;
  relative_path: string;
  mime: PhotoMime;
  byte_size: number;
  sha256: string;
  caption: string;
  created_by: number;
  created_at: string;
}

/** The customer's answer for some jobs of an RO (see migration 0008). */
export interface RepairOrderAuthorisationsTable {
  id: Generated<number>;
  repair_order_id: number;
  customer_name: string;
  channel: AuthorisationChannel;
  authorised_at: string;
  /** PNG data URL of the signature drawn on the screen. */
  signature_png: string | null;
  signed_on_paper: number;
  note: string;
  approved_total_fen: number;
  recorded_by: number;
  recorded_at: string;
}

export interface RepairOrderAuthorisationJobsTable {
  id: Generated<number>;
  authorisation_id: number;
  /** Null once the job was removed from its RO. */
  job_id: number | null;
  concern: string;
  decision: JobDecision;
  job_total_fen: number;
}

/** A declined job, offered again at the vehicle's next visits until taken or dismissed. */
export interface DeclinedWorkTable {
  id: Generated<number>;
  vehicle_id: number;
  repair_order_id: number;
  job_id: number;
  concern: string;
  concern_group: ConcernGroup;
  payer: RoPayer;
  total_fen: number;
  declined_at: string;
  status: Generated<DeclinedWorkStatus>;
  taken_job_id: number | null;
  taken_at: string | null;
  taken_by: number | null;
  dismissed_reason: Generated<string>;
  dismissed_at: string | null;
  dismissed_by: number | null;
}

/** Money the customer paid on an RO (migration 0012); partial payments add up. */
export interface RepairOrderPaymentsTable {
  id: Generated<number>;
  repair_order_id: number;
  method: PaymentMethod;
  amount_fen: number;
  reference: string;
  note: string;
  received_by: number;
  received_at: string;
}

/** Money given back against one payment (migration 0035): requested, then approved or refused by a manager. */
export interface RepairOrderRefundsTable {
  id: Generated<number>;
  repair_order_id: number;
  payment_id: number;
  method: PaymentMethod;
  amount_fen: number;
  reason: string;
  state: RefundState;
  requested_by: number;
  requested_at: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: Generated<string>;
}

/** The handover of an RO's car (migration 0012), one per RO. */
export interface RepairOrderDeliveriesTable {
  repair_order_id: number;
  delivered_by: number;
  delivered_at: string;
  explanation: string;
  /** Who collected the car. */
  collected_by: string;
  mileage_out_km: number | null;
}
