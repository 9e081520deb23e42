import type { ConcernGroup } from '../../../../shared/domain/concern-groups';
import type { CsiFactor } from '../../../../shared/domain/csi';

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
