import type { Generated } from 'kysely';
import type { ConcernGroup } from '../../../../shared/domain/concern-groups';
import type { ComebackRootCause, ComebackStatus } from '../../../../shared/domain/first-time-fix';
import type { QcResult } from '../../../../shared/domain/qc-checklists';
import type { JobWorkshopState, PauseReason } from '../../../../shared/domain/workshop-states';

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
