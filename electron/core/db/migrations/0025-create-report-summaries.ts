import type { Kysely } from 'kysely';
import type { Migration } from './types';
import { roTriggers } from './0025/repair-orders';
import { appointmentAndClockingTriggers } from './0025/appointments-clockings';
import { surveyTriggers } from './0025/surveys';
import { createTables } from './0025/tables';
import { backfill } from './0025/backfill';

/**
 * Issue 13 (ten years of data): the summary rows the KPI dashboard, its trends and the monthly CSI report read.
 * Frozen once landed.
 *
 * Before, every figure of every month was aggregated from the facts (17 statements a month, 2.9 s for a 24-month
 * trend on a ten-year file). Now the facts are summed per desk day as they are written, and a period (any days, or
 * 24 months grouped by month) is one indexed range of a few thousand small rows:
 * - report_ro_facts: one row per RO, what the figures read of it (advisor, visit day unless cancelled, from an
 *   appointment, delivery, on time, totals of the jobs not declined, approved jobs, technicians' sold hours). It is
 *   recomputed whole from the facts whenever one of them changes, so it never drifts, and it keeps what each RO put
 *   into the sums below, so a change takes out exactly that and adds the new values.
 * - report_ro_days (desk day × advisor): ROs opened, of them from an appointment; ROs delivered, on time, total,
 *   flat-rate hours, approved jobs, technicians' sold hours.
 * - report_vehicle_months (vehicle × desk month with a visit, and the vehicle's next month with one), summed into
 *   report_visit_months (desk month: vehicles seen, of them back within 6 months): the lapsed rate of month N is the
 *   row of month N − 6.
 * - report_appointment_days (desk day of the slot × advisor): booked (not cancelled) and arrived.
 * - report_clocking_days (desk day the clocking started × technician): milliseconds of ended clockings.
 * - report_csi_days, report_csi_factor_days (kind 'all' | 'advisor' | 'technician' × desk day answered × person ×
 *   template version [× factor]): the counts and sums CSI and NPS are computed from (docs/domain.md "CSI, NPS and follow-up").
 * - report_comeback_links (one row per comeback): the delivery days of both ROs and what the comeback window is
 *   checked on, so first-time fix and the comeback rate of months read one index instead of three tables per link.
 * - report_complaints_closed: complaints by closing time, for those open at an instant or during a month.
 *
 * Why triggers: the summaries must change in the same transaction as the facts, and the facts are written by many
 * areas (repair orders, workshop, settlement, appointments, follow-up, comeback detection, the parts counter, the
 * privacy tools). SQLite triggers keep every one of those write paths as it is, cannot be forgotten by a new one, and
 * run inside the writer's own transaction. Each costs a few index look-ups per write.
 *
 * Desk days are Asia/Shanghai (shared/domain/desk-time.ts), UTC+8 all year since 1991, hence date(x, '+8 hours').
 * The DDL (its parts in 0025/) is built from constant fragments only (triggers cannot take bound parameters).
 */

export const migration: Migration = {
  name: '0025-create-report-summaries',
  async up(db: Kysely<unknown>) {
    await createTables(db);
    for (const trigger of [...roTriggers(), ...appointmentAndClockingTriggers(), ...surveyTriggers()]) await trigger.execute(db);
  },
  backfill,
};
