import type { Generated } from 'kysely';
import type { AuditAction, AuditEntity } from '../../../shared/contract/audit';
import type { AuthorisationChannel, DeclinedWorkStatus, JobDecision } from '../../../shared/contract/repair-orders/authorisation';
import type { DamageKind, PhotoMime } from '../../../shared/contract/repair-orders/check-in';
import type { OldPartStatus } from '../../../shared/contract/parts/old-parts';
import type { PriceFileFormat } from '../../../shared/contract/parts/price-import';
import type { PurchaseOrderStatus } from '../../../shared/contract/parts/purchasing';
import type { JobAuthorization, LineKind, RoPayer } from '../../../shared/contract/repair-orders';
import type { PaymentMethod } from '../../../shared/contract/repair-orders/settlement';
import type { StocktakeStatus } from '../../../shared/contract/parts/stocktake';
import type { AppointmentReason, AppointmentStatus } from '../../../shared/domain/appointment-slots';
import type {
  ComplaintAdvanceStep,
  ComplaintDepartment,
  ComplaintLevel,
  ComplaintRootCause,
  ComplaintSource,
  ComplaintStatus,
  ComplaintStep,
  ResolutionKind,
} from '../../../shared/domain/complaints';
import type { ConcernGroup } from '../../../shared/domain/concern-groups';
import type { CsiFactor, SurveyScale } from '../../../shared/domain/csi';
import type { ContactChannel, CustomerKind, FuelType, MileageSource, PhoneLabel } from '../../../shared/domain/enums';
import type { ComebackRootCause, ComebackStatus } from '../../../shared/domain/first-time-fix';
import type {
  AttemptOutcome,
  FollowupChannel,
  FollowupKind,
  FollowupStatus,
  ReminderReason,
} from '../../../shared/domain/followup';
import type { GuaranteeCategory } from '../../../shared/domain/guarantee';
import type { ConsentMethod, ConsentPurpose } from '../../../shared/domain/privacy';
import type { QcResult } from '../../../shared/domain/qc-checklists';
import type { RepairOrderStatus } from '../../../shared/domain/repair-order-status';
import type { Role } from '../../../shared/domain/roles';
import type { ReservationStatus, StockMovementKind } from '../../../shared/domain/stock';
import type { MainPartKind } from '../../../shared/domain/warranty-risk';
import type { JobOrigin, JobWorkshopState, PauseReason } from '../../../shared/domain/workshop-states';

/**
 * Table row types: they stay inside repositories; services hand out DTOs. Columns are snake_case. Written by hand and
 * checked against the migrated database by tests/integration/schema-matches-migrations.test.ts (tables, columns,
 * types, nullability, defaults). A column that holds one of the shared domain unions is typed with it; the database
 * does not enforce most of them (few CHECKs), the contract's zod schemas do on the way in.
 */
export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  /** Last call (at most a minute stale); null for sessions from before migration 0021. */
  last_seen_at: string | null;
}

/** Consecutive failed sign-ins per typed username (known or not); see migration 0021. */
export interface LoginFailuresTable {
  username: string;
  failed_count: number;
  last_failed_at: string;
  locked_until: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface CustomersTable {
  id: Generated<number>;
  kind: CustomerKind;
  name: string;
  /** nameKey(name): what the name-prefix search reads. */
  name_key: string;
  contact_person: string;
  email: string;
  address: string;
  preferred_contact: ContactChannel;
  consent_to_contact: number;
  consent_changed_at: string | null;
  merged_into_id: number | null;
  /** Set when the file was erased on the customer's request (PIPL): its personal fields are anonymised. */
  erased_at: string | null;
  erased_by: number | null;
  erase_reason: Generated<string>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** One consent given or withdrawn (PIPL), as written down at the desk: by whom, when, how. */
export interface CustomerConsentsTable {
  id: Generated<number>;
  customer_id: number;
  purpose: ConsentPurpose;
  granted: number;
  method: ConsentMethod;
  note: string;
  recorded_by: number | null;
  recorded_at: string;
}

export interface CustomerPhonesTable {
  id: Generated<number>;
  customer_id: number;
  /** Normalised digits (a leading + kept). */
  number: string;
  /** The digits reversed, so "last 4 digits" is an indexed prefix search. */
  number_rev: string;
  label: PhoneLabel;
  position: number;
}

export interface CustomerNotesTable {
  id: Generated<number>;
  customer_id: number;
  author_id: number;
  body: string;
  created_at: string;
}

/** Every one- and two-character piece of each customer name_key, for searches too short for trigrams; kept by triggers (migration 0022). */
export interface CustomerNameGramsTable {
  gram: string;
  customer_id: number;
}

export interface VehiclesTable {
  id: Generated<number>;
  vin: string;
  /** The VIN reversed, so "last 6-8 characters" is an indexed prefix search. */
  vin_rev: string;
  vin_check_ok: number;
  /** normalizePlate(plate): the stored and searched form. */
  plate: string;
  /** The plate without its province character. */
  plate_serial: string;
  make: string;
  model: string;
  year: number;
  colour: string;
  fuel_type: FuelType;
  engine: string;
  purchase_date: string | null;
  invoice_date: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface VehicleOwnershipsTable {
  id: Generated<number>;
  vehicle_id: number;
  customer_id: number;
  from_at: string;
  /** Null while this is the current owner. */
  to_at: string | null;
}

export interface VehicleMileageTable {
  id: Generated<number>;
  vehicle_id: number;
  km: number;
  source: MileageSource;
  recorded_at: string;
  recorded_by: number | null;
}

export interface LaborOperationsTable {
  id: Generated<number>;
  /** Upper-case, unique. */
  code: string;
  name_zh: string;
  name_en: string;
  /** nameKey(name_en): what the English name search and sort read. */
  name_en_key: string;
  concern_group: ConcernGroup;
  /** Flat-rate hours in thousandths (0.5 h = 500). */
  flat_rate_hours_milli: number;
  /** Per flat-rate hour, in fen. */
  labor_rate_fen: number;
  /** 0 once retired: kept for the repair orders that point at it, offered for nothing new. */
  active: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface MaintenancePackagesTable {
  id: Generated<number>;
  code: string;
  name_zh: string;
  name_en: string;
  active: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface MaintenancePackageLaborTable {
  id: Generated<number>;
  package_id: number;
  operation_id: number;
  position: number;
}

/** Plain lines until the parts master exists (a later issue links them to it). */
export interface MaintenancePackagePartsTable {
  id: Generated<number>;
  package_id: number;
  position: number;
  part_number: string;
  name_zh: string;
  name_en: string;
  qty_milli: number;
  unit_price_fen: number;
}

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
}

/** Time a technician spent on a job (migration 0010); ended_at null while running (one running per technician). */
export interface JobClockingsTable {
  id: Generated<number>;
  repair_order_id: number;
  job_id: number;
  technician_id: number;
  started_at: string;
  ended_at: string | null;
  created_at: string;
}

/** A manager's correction of a clocking, with the values before and after (migration 0010). */
export interface JobClockingCorrectionsTable {
  id: Generated<number>;
  clocking_id: number;
  old_started_at: string;
  old_ended_at: string | null;
  new_started_at: string;
  new_ended_at: string | null;
  reason: string;
  corrected_by: number;
  corrected_at: string;
}

/** Concern groups a technician is skilled for (migration 0010). */
export interface TechnicianSkillsTable {
  technician_id: number;
  concern_group: ConcernGroup;
}

/** Hours a technician attended on a desk day, in thousandths (migration 0010). */
export interface TechnicianAttendanceTable {
  id: Generated<number>;
  technician_id: number;
  day: string;
  attended_milli: number;
  recorded_by: number;
  recorded_at: string;
}

/** Every workshop state change of a job (migration 0010). */
export interface JobStateHistoryTable {
  id: Generated<number>;
  job_id: number;
  from_state: JobWorkshopState | null;
  to_state: JobWorkshopState;
  pause_reason: PauseReason | null;
  changed_by: number;
  changed_at: string;
  note: Generated<string>;
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

export interface AppointmentsTable {
  id: Generated<number>;
  customer_id: number;
  vehicle_id: number;
  advisor_id: number;
  /** UTC ISO of the slot's start. */
  starts_at: string;
  reason: AppointmentReason;
  /** JSON array of the customer's concerns. */
  concerns: string;
  estimated_hours_milli: number;
  note: string;
  status: AppointmentStatus;
  cancel_reason: string;
  arrived_at: string | null;
  repair_order_id: number | null;
  reminded_at: string | null;
  reminded_by: number | null;
  version: Generated<number>;
  created_by: number;
  created_at: string;
  updated_at: string;
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

/** A later job linked to the earlier job it may have come back for (migration 0013). */
export interface ComebacksTable {
  id: Generated<number>;
  earlier_job_id: number;
  earlier_repair_order_id: number;
  later_job_id: number;
  later_repair_order_id: number;
  concern_group: ConcernGroup;
  days_after: number;
  status: Generated<ComebackStatus>;
  root_cause: ComebackRootCause | null;
  reason: Generated<string>;
  decided_by: number | null;
  decided_at: string | null;
  detected_at: string;
  version: Generated<number>;
  /** The earlier RO's delivery, the later RO's opening and (once handed over) delivery, copied on (migration 0023). */
  earlier_delivered_at: string | null;
  later_opened_at: string | null;
  later_delivered_at: string | null;
}

/** An approved job of a delivered RO as it was handed over, written by a trigger on the delivery (migration 0023). */
export interface DeliveredJobsTable {
  delivered_at: string;
  job_id: number;
  repair_order_id: number;
  advisor_id: number;
  technician_id: number | null;
  concern_group: ConcernGroup;
  labor_milli: number;
}

/** The labor operation codes of a delivered job ('' for none), written with delivered_jobs (migration 0023). */
export interface DeliveredJobOperationsTable {
  code: string;
  delivered_at: string;
  job_id: number;
}

/**
 * Per desk day of the handover and row of a first-time-fix dimension ('all', 'technician', 'advisor', 'concernGroup',
 * 'operation'): jobs handed over, ROs ('all'), labor hours sold ('technician'), operation names (migration 0023).
 */
export interface DeliveredJobDaysTable {
  dimension: string;
  day: string;
  key: string;
  ros: number;
  jobs: number;
  labor_milli: number;
  label_zh: string | null;
  label_en: string | null;
}

/** delivered_job_days summed per desk month 'YYYY-MM' (migration 0023). */
export interface DeliveredJobMonthsTable {
  dimension: string;
  month: string;
  key: string;
  ros: number;
  jobs: number;
  labor_milli: number;
  label_zh: string | null;
  label_en: string | null;
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

/** The final inspection of a job (migration 0011); every one is kept, the latest counts. */
export interface QcInspectionsTable {
  id: Generated<number>;
  repair_order_id: number;
  job_id: number;
  inspector_id: number;
  result: QcResult;
  /** JSON {itemKey: ok|not_ok|na}. */
  answers: string;
  note: Generated<string>;
  inspected_at: string;
}

/** Per calendar year of the desk: the last completion-certificate number handed out (migration 0011). */
export interface CertificateSequencesTable {
  year: number;
  last_number: number;
}

/** An RO's completion certificate (竣工出厂合格证, migration 0011), one per RO. */
export interface CompletionCertificatesTable {
  id: Generated<number>;
  repair_order_id: number;
  number: string;
  issued_by: number;
  issued_at: string;
  mileage_km: number | null;
  /** JSON array of guarantee categories. */
  categories: string;
}

/** Parts master (issue 5). part_number is normalised (shared/domain/part-number.ts). */
export interface PartsTable {
  id: Generated<number>;
  part_number: string;
  name_zh: string;
  name_en: string;
  brand: string;
  unit: string;
  list_price_fen: number;
  cost_fen: number;
  tax_class: string;
  superseded_by_id: number | null;
  default_bin: string;
  min_qty_milli: number;
  max_qty_milli: number;
  /** Running total of the ledger over all bins, written with each movement. */
  on_hand_milli: number;
  /** Moving-average valuation of what is on hand. */
  stock_value_fen: number;
  /** What open reservations hold on the shelf, kept by triggers on part_reservations (migration 0024). */
  reserved_milli: Generated<number>;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
  /** A main part of 三包 (shared/domain/warranty-risk MAIN_PART_KINDS), null for any other part (migration 0018). */
  main_part_kind: Generated<MainPartKind | null>;
}

export interface PartStockTable {
  part_id: number;
  bin: string;
  on_hand_milli: number;
}

/** The stock ledger: every movement of every part, signed (in > 0). */
export interface StockMovementsTable {
  id: Generated<number>;
  part_id: number;
  bin: string;
  kind: StockMovementKind;
  qty_milli: number;
  unit_cost_fen: number;
  value_fen: number;
  on_hand_after_milli: number;
  repair_order_id: number | null;
  job_id: number | null;
  line_id: number | null;
  purchase_order_id: number | null;
  purchase_order_line_id: number | null;
  stocktake_id: number | null;
  reason: string;
  override_by: number | null;
  created_by: number;
  created_at: string;
}

/** One per RO part line of a part in the master: qty = reserved + to order + issued while open. */
export interface PartReservationsTable {
  id: Generated<number>;
  line_id: number;
  part_id: number;
  repair_order_id: number;
  job_id: number;
  qty_milli: number;
  reserved_milli: number;
  to_order_milli: number;
  issued_milli: number;
  expected_at: string | null;
  status: ReservationStatus;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PartArrivalNoticesTable {
  id: Generated<number>;
  advisor_id: number;
  repair_order_id: number;
  line_id: number;
  part_id: number;
  qty_milli: number;
  created_at: string;
  seen_at: string | null;
}

export interface DocumentSequencesTable {
  kind: string;
  year: number;
  last_number: number;
}

export interface SuppliersTable {
  id: Generated<number>;
  name: string;
  contact: string;
  phone: string;
  lead_days: number;
  active: number;
  created_at: string;
}

export interface PurchaseOrdersTable {
  id: Generated<number>;
  number: string;
  supplier_id: number;
  status: PurchaseOrderStatus;
  expected_at: string | null;
  note: string;
  ordered_at: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PurchaseOrderLinesTable {
  id: Generated<number>;
  purchase_order_id: number;
  position: number;
  part_id: number;
  qty_milli: number;
  received_milli: number;
  unit_cost_fen: number;
}

export interface StocktakesTable {
  id: Generated<number>;
  number: string;
  status: StocktakeStatus;
  scope: string;
  note: string;
  created_by: number;
  created_at: string;
  posted_by: number | null;
  posted_at: string | null;
  version: number;
}

export interface StocktakeLinesTable {
  id: Generated<number>;
  stocktake_id: number;
  part_id: number;
  bin: string;
  frozen_milli: number;
  unit_cost_fen: number;
  counted_milli: number | null;
  counted_by: number | null;
  counted_at: string | null;
}

/** 旧件: parts removed under warranty, held until the claim is settled. */
export interface WarrantyOldPartsTable {
  id: Generated<number>;
  tag_number: string;
  repair_order_id: number;
  job_id: number;
  line_id: number | null;
  part_id: number | null;
  part_number: string;
  name_zh: string;
  qty_milli: number;
  claim_number: string;
  location: string;
  status: OldPartStatus;
  claim_settled_at: string | null;
  disposed_at: string | null;
  disposed_by: number | null;
  note: string;
  created_by: number;
  created_at: string;
  version: number;
}

export interface PriceImportMappingsTable {
  header_signature: string;
  mapping_json: string;
  updated_by: number;
  updated_at: string;
}

export interface PriceImportsTable {
  id: Generated<number>;
  file_name: string;
  format: PriceFileFormat;
  stored_path: string;
  status: string;
  line_count: number | null;
  added: number | null;
  changed: number | null;
  unchanged: number | null;
  rejected: number | null;
  created_by: number;
  created_at: string;
  committed_at: string | null;
  /** Good lines written so far while status is writing or interrupted (migration 0029). */
  written: number | null;
}

/** A follow-up call task (migration 0016): csi_call per delivered RO, lapsed and maintenance_reminder per vehicle. */
export interface FollowupTasksTable {
  id: Generated<number>;
  kind: FollowupKind;
  customer_id: number;
  vehicle_id: number;
  repair_order_id: number | null;
  status: FollowupStatus;
  channel: FollowupChannel;
  due_at: string;
  due_reason: ReminderReason | '';
  attempts: number;
  failed_attempts: number;
  closed_at: string | null;
  closed_by: number | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  /** 1 while the task's customer consents to be contacted, else 0; kept by triggers (migration 0028). */
  contactable: Generated<number>;
}

/** One call attempt on a follow-up task (migration 0016). */
export interface FollowupAttemptsTable {
  id: Generated<number>;
  task_id: number;
  user_id: number;
  outcome: AttemptOutcome;
  note: string;
  call_back_at: string | null;
  attempted_at: string;
}

/** A version of the survey (migration 0015); never edited, the manager saves a new version. */
export interface SurveyTemplatesTable {
  id: Generated<number>;
  version: number;
  created_by: number | null;
  created_at: string;
}

/** A CSI factor's weight in whole percent under one template version (migration 0015). */
export interface SurveyTemplateWeightsTable {
  template_id: number;
  factor: CsiFactor;
  weight_pct: number;
}

/** A question of one template version (migration 0015). */
export interface SurveyQuestionsTable {
  id: Generated<number>;
  template_id: number;
  position: number;
  text_zh: string;
  text_en: string;
  scale: SurveyScale;
  factor: CsiFactor | null;
  required: Generated<number>;
}

/** A customer's survey of one RO (migration 0015), with the advisor and agent as they were when answered. */
export interface SurveyResponsesTable {
  id: Generated<number>;
  repair_order_id: number;
  template_id: number;
  followup_task_id: number | null;
  customer_id: number;
  advisor_id: number;
  agent_id: number;
  answered_at: string;
  dissatisfied: Generated<number>;
}

/** The technicians of a surveyed RO's jobs when the survey was answered (migration 0015). */
export interface SurveyResponseTechniciansTable {
  response_id: number;
  technician_id: number;
}

/** One answered question (migration 0015): numbers and yes/no (1/0) in value_int, free text in value_text. */
export interface SurveyAnswersTable {
  id: Generated<number>;
  response_id: number;
  question_id: number;
  scale: SurveyScale;
  factor: CsiFactor | null;
  value_int: number | null;
  value_text: string | null;
}

export interface ComplaintsTable {
  id: Generated<number>;
  number: string;
  source: ComplaintSource;
  survey_response_id: number | null;
  customer_id: number;
  vehicle_id: number | null;
  repair_order_id: number | null;
  level: ComplaintLevel;
  against_department: ComplaintDepartment;
  against_user_id: number | null;
  customer_says: string;
  customer_wants: string;
  status: ComplaintStatus;
  next_step: ComplaintAdvanceStep | null;
  created_by: number;
  created_at: string;
  response_due_at: string;
  first_response_at: string | null;
  closed_at: string | null;
  valid: number | null;
  validity_reason: string;
  department: ComplaintDepartment | null;
  responsible_user_id: number | null;
  cause: string;
  resolution_kind: ResolutionKind | null;
  amount_fen: number | null;
  resolution: string;
  approved_by: number | null;
  approved_at: string | null;
  satisfied: number | null;
  root_cause: ComplaintRootCause | null;
  corrective_action: string;
  version: Generated<number>;
  updated_at: string;
}

export interface ComplaintStepsTable {
  id: Generated<number>;
  complaint_id: number;
  step: ComplaintStep | 'dismiss';
  /** JSON of the step's fields. */
  data: string;
  by_user_id: number;
  at: string;
}

/** 三包 figures of one vehicle's settled repairs in its period, kept by triggers (migration 0026); read by warranty-risk. */
export interface WarrantyRiskSignalsTable {
  vehicle_id: number;
  invoice_date: string;
  period_end: string;
  latest_km: number | null;
  open_repairs: number;
  repair_days: number;
  longest_repair: number;
  same_fault_max: number;
  safety_max: number;
  main_part_max: number;
  /** 2 reached, 1 warning, 0 none. */
  level: number;
}

/** The quiet kinds of audit entry by (entity, at, id), kept by an insert trigger on audit_log (migration 0024). */
export interface AuditLogRareTable {
  entity: string;
  at: string;
  id: number;
  user_id: number | null;
}

/** Append-only (triggers refuse UPDATE and DELETE); written by core/audit/record.ts only. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  user_name: Generated<string>;
  role: Generated<Role | ''>;
  entity: AuditEntity;
  entity_id: number | null;
  repair_order_id: number | null;
  action: AuditAction;
  /** JSON of the entry's details. */
  details: Generated<string>;
}

/**
 * Summary rows of the KPI dashboard and the monthly CSI report (migration 0025), kept by triggers in the writer's own
 * transaction; read by reports/kpis/repository, reports/csi-report/repository and followup/surveys/repository.
 * `day` is a desk day 'YYYY-MM-DD', `month` a desk month 'YYYY-MM'.
 */
export interface ReportRoFactsTable {
  repair_order_id: number;
  advisor_id: number;
  vehicle_id: number;
  /** Null for a cancelled RO. */
  opened_day: string | null;
  from_appointment: number;
  delivered_at: string | null;
  delivered_day: string | null;
  on_time: number;
  total_fen: number;
  sold_milli: number;
  approved_jobs: number;
  technician_sold_milli: number;
}

/** A comeback link as the first-time-fix figures read it; the window is applied when read. */
export interface ReportComebackLinksTable {
  comeback_id: number;
  earlier_repair_order_id: number;
  later_repair_order_id: number;
  earlier_job_id: number;
  earlier_day: string | null;
  later_day: string | null;
  counting: number;
  earlier_approved: number;
  days_after: number;
  km_after: number | null;
}

export interface ReportRoDaysTable {
  day: string;
  advisor_id: number;
  opened: number;
  from_appointment: number;
  delivered: number;
  on_time: number;
  total_fen: number;
  sold_milli: number;
  approved_jobs: number;
  technician_sold_milli: number;
}

export interface ReportVehicleMonthsTable {
  vehicle_id: number;
  month: string;
  visits: number;
  next_month: string | null;
}

/** Per desk month: vehicles with a visit, and of them those seen again within 6 months (the lapsed rate's base). */
export interface ReportVisitMonthsTable {
  month: string;
  vehicles: number;
  returned: number;
}

export interface ReportAppointmentDaysTable {
  day: string;
  advisor_id: number;
  booked: number;
  arrived: number;
}

export interface ReportClockingDaysTable {
  day: string;
  technician_id: number;
  clocked_ms: number;
}

/** report_clocking_days summed per desk month 'YYYY-MM', kept by triggers (migration 0028). */
export interface ReportClockingMonthsTable {
  month: string;
  technician_id: number;
  clocked_ms: number;
}

export interface ReportCsiDaysTable {
  /** 'all' (person 0: the totals) | 'advisor' | 'technician': whom person_id names. */
  kind: string;
  day: string;
  person_id: number;
  template_id: number;
  responses: number;
  csi_responses: number;
  dissatisfied: number;
  answers: number;
  recommend: number;
  promoters: number;
  detractors: number;
  verbatims: number;
}

export interface ReportCsiFactorDaysTable {
  kind: string;
  day: string;
  person_id: number;
  template_id: number;
  factor: CsiFactor;
  answers: number;
  value_sum: number;
  responses: number;
}

/** A desk paired with the server (migration 0030): only the credential's SHA-256 is kept. */
export interface DesksTable {
  id: Generated<number>;
  name: string;
  credential_hash: string;
  paired_at: string;
  paired_by: number | null;
  last_seen_at: string | null;
  last_address: string | null;
  revoked_at: string | null;
  revoked_by: number | null;
}

export interface DeskPairingCodesTable {
  id: Generated<number>;
  code_hash: string;
  created_at: string;
  created_by: number;
  expires_at: string;
  used_at: string | null;
  desk_id: number | null;
}

/** The one row counting wrong pairing codes (id = 1). */
export interface DeskPairingLockTable {
  id: number;
  failed_count: number;
  last_failed_at: string;
  locked_until: string | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  desks: DesksTable;
  desk_pairing_codes: DeskPairingCodesTable;
  desk_pairing_lock: DeskPairingLockTable;
  settings: SettingsTable;
  customers: CustomersTable;
  customer_phones: CustomerPhonesTable;
  customer_consents: CustomerConsentsTable;
  customer_notes: CustomerNotesTable;
  customer_name_grams: CustomerNameGramsTable;
  vehicles: VehiclesTable;
  vehicle_ownerships: VehicleOwnershipsTable;
  vehicle_mileage: VehicleMileageTable;
  labor_operations: LaborOperationsTable;
  maintenance_packages: MaintenancePackagesTable;
  maintenance_package_labor: MaintenancePackageLaborTable;
  maintenance_package_parts: MaintenancePackagePartsTable;
  repair_order_sequences: RepairOrderSequencesTable;
  repair_orders: RepairOrdersTable;
  repair_order_jobs: RepairOrderJobsTable;
  repair_order_lines: RepairOrderLinesTable;
  repair_order_status_history: RepairOrderStatusHistoryTable;
  repair_order_authorisations: RepairOrderAuthorisationsTable;
  repair_order_authorisation_jobs: RepairOrderAuthorisationJobsTable;
  declined_work: DeclinedWorkTable;
  repair_order_payments: RepairOrderPaymentsTable;
  repair_order_deliveries: RepairOrderDeliveriesTable;
  appointments: AppointmentsTable;
  repair_order_check_ins: RepairOrderCheckInsTable;
  check_in_damage_marks: CheckInDamageMarksTable;
  check_in_photos: CheckInPhotosTable;
  comebacks: ComebacksTable;
  delivered_jobs: DeliveredJobsTable;
  delivered_job_operations: DeliveredJobOperationsTable;
  delivered_job_days: DeliveredJobDaysTable;
  delivered_job_months: DeliveredJobMonthsTable;
  qc_inspections: QcInspectionsTable;
  certificate_sequences: CertificateSequencesTable;
  completion_certificates: CompletionCertificatesTable;
  job_clockings: JobClockingsTable;
  job_clocking_corrections: JobClockingCorrectionsTable;
  technician_skills: TechnicianSkillsTable;
  technician_attendance: TechnicianAttendanceTable;
  job_state_history: JobStateHistoryTable;
  parts: PartsTable;
  part_stock: PartStockTable;
  stock_movements: StockMovementsTable;
  part_reservations: PartReservationsTable;
  part_arrival_notices: PartArrivalNoticesTable;
  document_sequences: DocumentSequencesTable;
  suppliers: SuppliersTable;
  purchase_orders: PurchaseOrdersTable;
  purchase_order_lines: PurchaseOrderLinesTable;
  stocktakes: StocktakesTable;
  stocktake_lines: StocktakeLinesTable;
  warranty_old_parts: WarrantyOldPartsTable;
  price_import_mappings: PriceImportMappingsTable;
  price_imports: PriceImportsTable;
  complaints: ComplaintsTable;
  complaint_steps: ComplaintStepsTable;
  followup_tasks: FollowupTasksTable;
  followup_attempts: FollowupAttemptsTable;
  survey_templates: SurveyTemplatesTable;
  survey_template_weights: SurveyTemplateWeightsTable;
  survey_questions: SurveyQuestionsTable;
  survey_responses: SurveyResponsesTable;
  survey_response_technicians: SurveyResponseTechniciansTable;
  survey_answers: SurveyAnswersTable;
  audit_log: AuditLogTable;
  audit_log_rare: AuditLogRareTable;
  warranty_risk_signals: WarrantyRiskSignalsTable;
  report_ro_facts: ReportRoFactsTable;
  report_ro_days: ReportRoDaysTable;
  report_comeback_links: ReportComebackLinksTable;
  report_vehicle_months: ReportVehicleMonthsTable;
  report_visit_months: ReportVisitMonthsTable;
  report_appointment_days: ReportAppointmentDaysTable;
  report_clocking_days: ReportClockingDaysTable;
  report_clocking_months: ReportClockingMonthsTable;
  report_csi_days: ReportCsiDaysTable;
  report_csi_factor_days: ReportCsiFactorDaysTable;
}
