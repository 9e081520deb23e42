import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiDrillKey, KpiKey, KpiPointDto } from '../../shared/contract/reports/kpis';
import { KPI_DRILL_KEYS } from '../../shared/contract/reports/kpis';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import type { SurveyTemplateDto } from '../../shared/contract/followup/surveys';
import type { ConcernGroup } from '../../shared/domain/concern-groups';
import {
  CSI_FACTORS,
  DEFAULT_CSI_WEIGHTS,
  combineVersions,
  csiOf,
  factorScore,
  npsOf,
  round1,
  type CsiFactor,
} from '../../shared/domain/csi';
import { addDays, instantAt } from '../../shared/domain/desk-time';
import { monthDays, monthStart, shiftMonth } from '../../shared/domain/kpi-months';
import type { Actor } from '../../electron/core/context';
import { migration } from '../../electron/core/db/migrations/0025-create-report-summaries';
import { csi } from '../../electron/core/followup/surveys/service';
import * as csiReport from '../../electron/core/reports/csi-report/service';
import * as kpiService from '../../electron/core/reports/kpis/service';
import { openTestCore, type TestCore } from '../fixtures/core';
import { beijing } from '../fixtures/delivered';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { passQualityCheck } from '../fixtures/quality';
import { captureStatements, planOf, planProblems } from '../fixtures/query-plan';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * The KPI dashboard and the monthly CSI report read summary rows (migration 0025) kept by triggers as the facts are
 * written. A realistic four months of a small service department, written through the API (two advisors, two
 * technicians clocking on and off, a clocking corrected, declined work, a cancelled RO, appointments kept, missed and
 * cancelled, comebacks confirmed and dismissed, surveys under two template versions with verbatims and a
 * dissatisfied one, complaints), then:
 * - the summary rows kept by those writes are the rows the upgrade's backfill builds from the same facts;
 * - every figure of the trend and of a custom period equals the figure computed from the facts, as the per-month SQL
 *   before the summaries did (kept here as the reference) and as the areas' own procedures compute it;
 * - the statements of the dashboard, the trend, the drill-downs and the monthly CSI report read indexes only, and a
 *   24-month trend is a dozen statements, not 17 a month.
 */

let t: TestCore;
let advisorA: SignedIn;
let advisorB: SignedIn;
let foreman: SignedIn;
let tech1: SignedIn;
let tech2: SignedIn;
let manager: SignedIn;
let agent: SignedIn;
let managerActor: Actor;

const MONTHS = ['2026-08', '2026-09', '2026-10', '2026-11'];
const SUMMARY_TABLES = [
  'report_ro_facts',
  'report_ro_days',
  'report_vehicle_months',
  'report_visit_months',
  'report_appointment_days',
  'report_clocking_days',
  'report_csi_days',
  'report_csi_factor_days',
  'report_comeback_links',
] as const;

async function newVehicle(): Promise<number> {
  return (await makeVehicle(advisorA.client, (await makeCustomer(advisorA.client)).id)).id;
}

interface Visit {
  advisor: SignedIn;
  technician: SignedIn;
  vehicleId: number;
  day: string;
  group: ConcernGroup;
  hoursMilli: number;
  /** A second job, declined by the customer. */
  declinedMilli?: number;
  fromAppointment?: boolean;
  promise?: string;
  /** Clocked on and off (HH:MM) on the opening day. */
  clocked?: [string, string];
  ready?: string;
  deliver?: { day: string; time: string };
}

/** An RO through the API as the desks write it: opened (or converted from an appointment), priced, authorised, worked, delivered. */
async function visit(v: Visit): Promise<RepairOrderDetail> {
  const c = v.advisor.client.repairOrders;
  let ro: RepairOrderDetail;
  if (v.fromAppointment) {
    t.clock.set(beijing(addDays(v.day, -1), '10:00'));
    let appointment = await v.advisor.client.appointments.book({
      vehicleId: v.vehicleId,
      advisorId: v.advisor.session.user.id,
      startsAt: beijing(v.day, '09:00'),
      reason: 'repair',
      concerns: ['刹车异响'],
      estimatedHoursMilli: 1000,
    });
    t.clock.set(beijing(v.day, '08:55'));
    appointment = await v.advisor.client.appointments.arrive({ id: appointment.id, version: appointment.version });
    t.clock.set(beijing(v.day, '09:00'));
    const { repairOrderId } = await v.advisor.client.appointments.convert({ id: appointment.id, version: appointment.version });
    ro = await c.get({ id: repairOrderId });
  } else {
    t.clock.set(beijing(v.day, '09:00'));
    ro = await c.create({ vehicleId: v.vehicleId, concerns: ['刹车异响'] });
  }
  const jobId = ro.jobs[0]!.id;
  ro = await c.updateJob({ id: ro.id, version: ro.version, jobId, concernGroup: v.group, workCategory: 'level1_minor_special' });
  ro = await c.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId,
    code: 'BRK-01',
    nameZh: '检修',
    hoursMilli: v.hoursMilli,
    laborRateFen: 20_000,
  });
  if (v.declinedMilli) {
    ro = await c.addJob({ id: ro.id, version: ro.version, concern: '车门划痕', concernGroup: 'body_paint' });
    const extra = ro.jobs[1]!.id;
    ro = await c.updateJob({ id: ro.id, version: ro.version, jobId: extra, workCategory: 'level1_minor_special' });
    ro = await c.addLaborLine({
      id: ro.id,
      version: ro.version,
      jobId: extra,
      code: 'PNT-01',
      nameZh: '补漆',
      hoursMilli: v.declinedMilli,
      laborRateFen: 20_000,
    });
  }
  if (v.promise) ro = await c.setPromisedTime({ id: ro.id, version: ro.version, promisedAt: beijing(v.day, v.promise) });
  ro = await c.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: ro.jobs.map((job, k) => ({ jobId: job.id, decision: k === 0 ? ('approved' as const) : ('declined' as const) })),
  });
  await foreman.client.workshop.assign({ jobId, technicianId: v.technician.session.user.id, overrideSkills: true });
  ro = await c.get({ id: ro.id });
  if (!v.clocked && !v.ready) return ro;
  ro = await c.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
  if (v.clocked) {
    t.clock.set(beijing(v.day, v.clocked[0]));
    await v.technician.client.workshop.clockOn({ jobId });
    t.clock.set(beijing(v.day, v.clocked[1]));
    await v.technician.client.workshop.clockOff({ jobId, finished: true });
  }
  if (!v.ready) return c.get({ id: ro.id });
  await passQualityCheck(foreman, ro.id);
  ro = await c.get({ id: ro.id });
  ro = await c.transition({ id: ro.id, version: ro.version, to: 'qc' });
  t.clock.set(beijing(v.day, v.ready));
  ro = await c.transition({ id: ro.id, version: ro.version, to: 'ready' });
  t.clock.set(beijing(v.deliver?.day ?? v.day, v.deliver?.time ?? '17:30'));
  return c.deliver({ id: ro.id, version: ro.version, explanation: '已说明', collectedBy: '车主' });
}

/** Answers to every question of `template`: 1-10 questions `score`, recommend `recommend`, yes/no yes, text `text`. */
function answers(template: SurveyTemplateDto, score: number, recommend: number, text?: string) {
  return template.questions.flatMap((q): { questionId: number; value: number | boolean | string }[] => {
    if (q.scale === 'scale_1_10') return [{ questionId: q.id, value: q.position === 1 ? Math.max(1, score - 1) : score }];
    if (q.scale === 'recommend_0_10') return [{ questionId: q.id, value: recommend }];
    if (q.scale === 'yes_no') return [{ questionId: q.id, value: true }];
    return text ? [{ questionId: q.id, value: text }] : [];
  });
}

async function survey(ro: RepairOrderDetail, day: string, score: number, recommend: number, text?: string) {
  t.clock.set(beijing(day, '10:00'));
  const template = await agent.client.followup.surveyTemplate({});
  await agent.client.followup.recordSurvey({ repairOrderId: ro.id, answers: answers(template, score, recommend, text) });
}

async function linkOf(laterRoId: number) {
  const page = await foreman.client.workshop.comebacks({ limit: 200 });
  const link = page.rows.find((c) => c.later.repairOrderId === laterRoId);
  if (!link) throw new Error(`no comeback for RO ${laterRoId}`);
  return link;
}

beforeAll(async () => {
  t = await openTestCore();
  advisorA = await signIn(t.core, 'advisor');
  advisorB = await signIn(t.core, 'advisor');
  foreman = await signIn(t.core, 'foreman');
  tech1 = await signIn(t.core, 'technician');
  tech2 = await signIn(t.core, 'technician');
  manager = await signIn(t.core, 'manager');
  agent = await signIn(t.core, 'csi_agent');
  const user = manager.session.user;
  managerActor = { id: user.id, username: user.username, displayName: user.displayName, role: user.role };

  // The lapsed rate's base (May): L1 once; L2 in May and again in August; a cancelled RO is no visit.
  const l1 = await newVehicle();
  await visit({
    advisor: advisorA,
    technician: tech1,
    vehicleId: l1,
    day: '2026-05-10',
    group: 'brakes',
    hoursMilli: 500,
    ready: '15:00',
  });
  const l2 = await newVehicle();
  await visit({
    advisor: advisorA,
    technician: tech1,
    vehicleId: l2,
    day: '2026-05-12',
    group: 'brakes',
    hoursMilli: 500,
    ready: '15:00',
  });
  t.clock.set(beijing('2026-05-14', '09:00'));
  const cancelledInMay = await advisorB.client.repairOrders.create({ vehicleId: await newVehicle(), concerns: ['异响'] });
  await advisorB.client.repairOrders.transition({
    id: cancelledInMay.id,
    version: cancelledInMay.version,
    to: 'cancelled',
    note: '客户取消',
  });

  // August.
  const v1 = await newVehicle();
  const r1 = await visit({
    advisor: advisorA,
    technician: tech1,
    vehicleId: v1,
    day: '2026-08-03',
    group: 'brakes',
    hoursMilli: 1500,
    promise: '17:00',
    clocked: ['10:00', '12:00'],
    ready: '16:00',
  });
  const r2 = await visit({
    advisor: advisorB,
    technician: tech2,
    vehicleId: await newVehicle(),
    day: '2026-08-12',
    group: 'engine',
    hoursMilli: 2000,
    fromAppointment: true,
    promise: '15:00',
    clocked: ['09:30', '12:15'],
    ready: '16:00',
  });
  await visit({
    advisor: advisorA,
    technician: tech1,
    vehicleId: l2,
    day: '2026-08-20',
    group: 'maintenance',
    hoursMilli: 1000,
    clocked: ['10:00', '10:50'],
    ready: '11:00',
    deliver: { day: '2026-08-21', time: '09:10' },
  });

  // September: R3 comes back as R4 (confirmed); R5 with declined work; a cancelled RO.
  const v3 = await newVehicle();
  const r3 = await visit({
    advisor: advisorA,
    technician: tech1,
    vehicleId: v3,
    day: '2026-09-02',
    group: 'brakes',
    hoursMilli: 1000,
    promise: '18:00',
    clocked: ['13:00', '14:30'],
    ready: '15:00',
  });
  const r4 = await visit({
    advisor: advisorB,
    technician: tech2,
    vehicleId: v3,
    day: '2026-09-15',
    group: 'brakes',
    hoursMilli: 800,
    clocked: ['09:30', '10:15'],
    ready: '11:00',
  });
  let link = await linkOf(r4.id);
  await foreman.client.workshop.decideComeback({
    id: link.id,
    version: link.version,
    decision: 'confirmed',
    rootCause: 'workmanship',
  });
  const r5 = await visit({
    advisor: advisorB,
    technician: tech1,
    vehicleId: await newVehicle(),
    day: '2026-09-21',
    group: 'electrical',
    hoursMilli: 2500,
    declinedMilli: 1200,
    fromAppointment: true,
    promise: '16:00',
    clocked: ['10:00', '15:00'],
    ready: '15:30',
    deliver: { day: '2026-09-22', time: '09:00' },
  });
  t.clock.set(beijing('2026-09-25', '09:00'));
  const cancelled = await advisorA.client.repairOrders.create({ vehicleId: await newVehicle(), concerns: ['异响'] });
  await advisorA.client.repairOrders.transition({
    id: cancelled.id,
    version: cancelled.version,
    to: 'cancelled',
    note: '客户取消',
  });

  // October: R7 comes back as R8 (not a quality issue); R7's clocking corrected by the manager.
  const v7 = await newVehicle();
  const r7 = await visit({
    advisor: advisorA,
    technician: tech2,
    vehicleId: v7,
    day: '2026-10-08',
    group: 'suspension_steering',
    hoursMilli: 1200,
    promise: '12:00',
    clocked: ['09:15', '11:45'],
    ready: '12:30',
  });
  const clockings = await foreman.client.workshop.clockings({ jobId: r7.jobs[0]!.id });
  t.clock.set(beijing('2026-10-09', '09:00'));
  await manager.client.workshop.correctClocking({
    clockingId: clockings[0]!.id,
    startedAt: beijing('2026-10-08', '09:30'),
    endedAt: beijing('2026-10-08', '11:00'),
    reason: '忘记打卡',
  });
  const r8 = await visit({
    advisor: advisorB,
    technician: tech1,
    vehicleId: v7,
    day: '2026-10-20',
    group: 'suspension_steering',
    hoursMilli: 600,
    clocked: ['14:00', '14:40'],
    ready: '15:00',
  });
  link = await linkOf(r8.id);
  await foreman.client.workshop.decideComeback({
    id: link.id,
    version: link.version,
    decision: 'not_quality',
    reason: '新的故障',
  });

  // November: R9 delivered (its window still open), R10 open with a line taken off again, appointments missed,
  // cancelled and ahead.
  const r9 = await visit({
    advisor: advisorA,
    technician: tech2,
    vehicleId: await newVehicle(),
    day: '2026-11-10',
    group: 'brakes',
    hoursMilli: 900,
    fromAppointment: true,
    promise: '17:00',
    clocked: ['10:00', '11:00'],
    ready: '16:00',
  });
  let r10 = await visit({
    advisor: advisorB,
    technician: tech1,
    vehicleId: await newVehicle(),
    day: '2026-11-18',
    group: 'engine',
    hoursMilli: 3000,
  });
  r10 = await advisorB.client.repairOrders.addLaborLine({
    id: r10.id,
    version: r10.version,
    jobId: r10.jobs[0]!.id,
    code: 'ENG-02',
    nameZh: '检查',
    hoursMilli: 700,
    laborRateFen: 20_000,
  });
  await advisorB.client.repairOrders.removeLine({ id: r10.id, version: r10.version, lineId: r10.jobs[0]!.laborLines.at(-1)!.id });
  t.clock.set(beijing('2026-11-12', '10:00'));
  const book = (vehicleId: number, day: string) =>
    advisorA.client.appointments.book({
      vehicleId,
      advisorId: advisorA.session.user.id,
      startsAt: beijing(day, '10:00'),
      reason: 'repair',
      concerns: ['保养'],
      estimatedHoursMilli: 1000,
    });
  await book(await newVehicle(), '2026-11-16');
  const cancelledAppointment = await book(await newVehicle(), '2026-11-17');
  await advisorA.client.appointments.cancel({
    id: cancelledAppointment.id,
    version: cancelledAppointment.version,
    reason: '客户改期',
  });
  await book(await newVehicle(), '2026-11-30');

  // Surveys: August and September under the shipped template; a second version (other weights) from October.
  await survey(r1, '2026-08-06', 9, 10, '服务很好');
  await survey(r2, '2026-08-15', 5, 7, '等太久了');
  await survey(r3, '2026-09-05', 8, 9);
  await survey(r4, '2026-09-18', 7, 6, '又坏了');
  t.clock.set(beijing('2026-10-01', '09:00'));
  const shipped = await manager.client.followup.surveyTemplate({});
  await manager.client.followup.saveSurveyTemplate({
    questions: shipped.questions.map((q) => ({
      textZh: q.textZh,
      textEn: q.textEn,
      scale: q.scale,
      factor: q.factor,
      required: q.required,
    })),
    weights: { service_initiation: 10, service_advisor: 30, service_facility: 10, vehicle_pickup: 20, service_quality: 30 },
  });
  await survey(r5, '2026-10-02', 10, 9, '很满意');
  await survey(r7, '2026-10-12', 6, 8);
  await survey(r9, '2026-11-13', 9, 10);

  // Complaints: one closed in September, one answered in October, one still open.
  const complain = async (day: string) => {
    t.clock.set(beijing(day, '10:00'));
    return agent.client.complaints.create({
      source: 'phone',
      customerId: (await makeCustomer(advisorA.client)).id,
      level: 'ordinary',
      againstDepartment: 'service',
      customerSays: '交车说明不清',
      customerWants: '解释',
    });
  };
  const c1 = await complain('2026-08-25');
  t.clock.set(beijing('2026-09-03', '10:00'));
  await agent.client.complaints.advance({ id: c1.id, version: c1.version, step: 'validity', valid: false, reason: '非本店车辆' });
  const c2 = await complain('2026-10-05');
  t.clock.set(beijing('2026-10-05', '12:00'));
  await agent.client.complaints.advance({
    id: c2.id,
    version: c2.version,
    step: 'validity',
    valid: true,
    reason: '确属服务问题',
  });
  await complain('2026-11-20');

  t.clock.set('2026-11-24T02:00:00.000Z');
}, 240_000);

afterAll(async () => {
  await t?.close();
});

/** Every row of a summary table in key order, leaving out rows whose figures all came back to zero. */
function rowsOf(table: (typeof SUMMARY_TABLES)[number]): Record<string, unknown>[] {
  const keys: Record<(typeof SUMMARY_TABLES)[number], string> = {
    report_ro_facts: 'repair_order_id',
    report_ro_days: 'day, advisor_id',
    report_vehicle_months: 'vehicle_id, month',
    report_visit_months: 'month',
    report_appointment_days: 'day, advisor_id',
    report_clocking_days: 'day, technician_id',
    report_csi_days: 'kind, day, person_id, template_id',
    report_csi_factor_days: 'kind, day, person_id, template_id, factor',
    report_comeback_links: 'comeback_id',
  };
  const rows = t.core.deps.sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${keys[table]}`).all() as Record<string, unknown>[];
  const keyColumns = new Set(keys[table].split(', '));
  return rows.filter((row) =>
    Object.entries(row).some(([column, value]) => !keyColumns.has(column) && typeof value === 'number' && value !== 0),
  );
}

describe('the summary rows', () => {
  it('kept by the writes are the rows the upgrade builds from the same facts', async () => {
    const kept = new Map(SUMMARY_TABLES.map((table) => [table, rowsOf(table)]));
    expect(kept.get('report_ro_facts')!.length).toBeGreaterThan(10);
    expect(kept.get('report_csi_factor_days')!.length).toBeGreaterThan(10);

    for (const table of SUMMARY_TABLES) t.core.deps.sqlite.prepare(`DELETE FROM ${table}`).run();
    const backfill = migration.backfill!;
    let cursor: string | null = null;
    for (;;) {
      const from: string | null = cursor;
      const next: { cursor: string } | null = await t.core.deps.db
        .transaction()
        .execute((trx) => backfill.step(trx as never, from));
      if (!next) break;
      cursor = next.cursor;
    }
    for (const table of SUMMARY_TABLES) expect({ table, rows: rowsOf(table) }).toEqual({ table, rows: kept.get(table) });
  });

  it('per month (migration 0028, what a trend reads) are the day rows summed per month, through the writes and a rebuild', () => {
    const months = t.core.deps.sqlite
      .prepare(
        'SELECT month, technician_id, clocked_ms FROM report_clocking_months WHERE clocked_ms <> 0 ORDER BY month, technician_id',
      )
      .all();
    const fromDays = t.core.deps.sqlite
      .prepare(
        `SELECT substr(day, 1, 7) AS month, technician_id, sum(clocked_ms) AS clocked_ms FROM report_clocking_days
          GROUP BY month, technician_id HAVING sum(clocked_ms) <> 0 ORDER BY month, technician_id`,
      )
      .all();
    expect(months.length).toBeGreaterThan(3);
    expect(months).toEqual(fromDays);
  });
});

// ---- the reference: each figure from the facts, as the per-month SQL before the summaries computed it ----

function one<T>(source: string, ...params: unknown[]): T {
  return t.core.deps.sqlite.prepare(source).get(...params) as T;
}

async function reference(period: { from: string; to: string }): Promise<Partial<Record<KpiKey, Omit<KpiPointDto, 'month'>>>> {
  const from = instantAt(period.from, 0).toISOString();
  const before = instantAt(addDays(period.to, 1), 0).toISOString();
  const now = t.clock.now().toISOString();
  const asOf = now < before ? now : before;
  const q = (numerator: number, denominator: number) => ({
    value: denominator > 0 ? numerator / denominator : null,
    numerator,
    denominator,
  });
  const delivered = one<{ ros: number; on_time: number; total: number; sold: number }>(
    `SELECT count(*) AS ros, coalesce(sum(on_time), 0) AS on_time, coalesce(sum(total), 0) AS total, coalesce(sum(sold), 0) AS sold FROM (
       SELECT CASE WHEN r.promised_at IS NOT NULL AND (SELECT max(h.changed_at) FROM repair_order_status_history h
                WHERE h.repair_order_id = r.id AND h.to_status = 'ready' AND h.changed_at <= d.delivered_at) <= r.promised_at THEN 1 ELSE 0 END AS on_time,
         (SELECT coalesce(sum(l.total_fen), 0) FROM repair_order_lines l JOIN repair_order_jobs j ON j.id = l.job_id
           WHERE l.repair_order_id = r.id AND j.authorization_state <> 'declined') AS total,
         (SELECT coalesce(sum(l.qty_milli), 0) FROM repair_order_lines l JOIN repair_order_jobs j ON j.id = l.job_id
           WHERE l.repair_order_id = r.id AND j.authorization_state <> 'declined' AND l.kind = 'labor') AS sold
       FROM repair_order_deliveries d JOIN repair_orders r ON r.id = d.repair_order_id WHERE d.delivered_at >= ? AND d.delivered_at < ?)`,
    from,
    before,
  );
  const opened = one<{ ros: number; fa: number }>(
    `SELECT count(*) AS ros, coalesce(sum(EXISTS (SELECT 1 FROM appointments a WHERE a.repair_order_id = r.id)), 0) AS fa
       FROM repair_orders r WHERE r.opened_at >= ? AND r.opened_at < ? AND r.status <> 'cancelled'`,
    from,
    before,
  );
  const booked = one<{ booked: number; arrived: number }>(
    `SELECT count(*) AS booked, coalesce(sum(arrived_at IS NOT NULL), 0) AS arrived FROM appointments
      WHERE starts_at >= ? AND starts_at < ? AND status <> 'cancelled' AND (starts_at <= ? OR arrived_at IS NOT NULL)`,
    from,
    before,
    now,
  );
  const recommend = one<{ answers: number; promoters: number; detractors: number }>(
    `SELECT count(*) AS answers, coalesce(sum(a.value_int >= 9), 0) AS promoters, coalesce(sum(a.value_int <= 6), 0) AS detractors
       FROM survey_responses s JOIN survey_answers a ON a.response_id = s.id
      WHERE s.answered_at >= ? AND s.answered_at < ? AND a.scale = 'recommend_0_10'`,
    from,
    before,
  );
  const responses = one<{ n: number }>(
    'SELECT count(*) AS n FROM survey_responses WHERE answered_at >= ? AND answered_at < ?',
    from,
    before,
  ).n;
  const means = t.core.deps.sqlite
    .prepare(
      `SELECT s.template_id, a.factor, avg(a.value_int) AS mean FROM survey_responses s JOIN survey_answers a ON a.response_id = s.id
        WHERE s.answered_at >= ? AND s.answered_at < ? AND a.scale = 'scale_1_10' AND a.factor IS NOT NULL GROUP BY s.template_id, a.factor`,
    )
    .all(from, before) as { template_id: number; factor: CsiFactor; mean: number }[];
  const versions = t.core.deps.sqlite
    .prepare(
      `SELECT s.template_id, count(DISTINCT s.id) AS n FROM survey_responses s JOIN survey_answers a ON a.response_id = s.id
        WHERE s.answered_at >= ? AND s.answered_at < ? AND a.scale = 'scale_1_10' AND a.factor IS NOT NULL GROUP BY s.template_id`,
    )
    .all(from, before) as { template_id: number; n: number }[];
  const csiValue = round1(
    combineVersions(
      versions.map((v) => {
        const weights = { ...DEFAULT_CSI_WEIGHTS };
        for (const w of t.core.deps.sqlite
          .prepare('SELECT factor, weight_pct FROM survey_template_weights WHERE template_id = ?')
          .all(v.template_id) as {
          factor: CsiFactor;
          weight_pct: number;
        }[])
          weights[w.factor] = w.weight_pct;
        const scores = Object.fromEntries(
          CSI_FACTORS.map((f) => [
            f,
            factorScore(means.find((m) => m.template_id === v.template_id && m.factor === f)?.mean ?? null),
          ]),
        );
        return { responses: v.n, csi: csiOf(scores, weights) };
      }),
    ),
  );

  // The areas' own procedures for the workshop figures, the lapsed rate and the closure rate.
  const ftf = await foreman.client.reports.firstTimeFix({ ...period, by: 'concernGroup' });
  const settled = ftf.totals.jobs - ftf.totals.provisionalJobs;
  const hours = (await foreman.client.reports.efficiency(period)).reduce(
    (sum, row) => ({ sold: sum.sold + row.soldMilli, clocked: sum.clocked + row.clockedMilli }),
    { sold: 0, clocked: 0 },
  );
  const lapsed = await manager.client.followup.lapsedRate({ month: period.to.slice(0, 7) });
  const closure = await manager.client.complaints.closureRate({ asOf, ...period });
  return {
    csi: { value: csiValue, numerator: null, denominator: responses },
    nps: {
      value: round1(npsOf(recommend)),
      numerator: recommend.promoters - recommend.detractors,
      denominator: recommend.answers,
    },
    firstTimeFix: q(settled - ftf.totals.withComeback, settled),
    comebackRate: q(ftf.comebackRos, ftf.deliveredRos),
    onTimeDelivery: q(delivered.on_time, delivered.ros),
    aro: q(delivered.total, delivered.ros),
    hoursPerRo: q(delivered.sold, delivered.ros),
    laborEfficiency: q(hours.sold, hours.clocked),
    appointmentRate: q(opened.fa, opened.ros),
    showRate: q(booked.arrived, booked.booked),
    lapsedRate: q(lapsed.lapsedVehicles, lapsed.baseVehicles),
    closureRate: q(closure.closed, closure.closed + closure.openOverTwoWeeks),
  };
}

describe('the figures from the summary rows', () => {
  it('each month of the trend equals the figures computed from the facts', async () => {
    const trend = await manager.client.reports.kpiTrend({ to: '2026-11', months: 4 });
    expect(trend.months).toEqual(MONTHS);
    for (const [index, month] of MONTHS.entries()) {
      const expected = await reference(monthDays(month));
      for (const series of trend.series)
        expect({ month, key: series.key, ...series.points[index] }).toEqual({ month, key: series.key, ...expected[series.key] });
    }
    // The fixture reaches every figure: something to count in each, not zeros compared with zeros.
    const totals = (key: KpiKey) =>
      trend.series.find((s) => s.key === key)!.points.reduce((sum, p) => sum + (p.denominator ?? 0), 0);
    for (const key of [
      'csi',
      'nps',
      'firstTimeFix',
      'comebackRate',
      'onTimeDelivery',
      'laborEfficiency',
      'appointmentRate',
      'showRate',
      'lapsedRate',
      'closureRate',
    ] as const)
      expect({ key, total: totals(key) > 0 }).toEqual({ key, total: true });
    const september = (key: KpiKey) => trend.series.find((s) => s.key === key)!.points[1]!;
    // September by hand: R4 came back for R3 of the three ROs delivered; sold 1.0 + 0.8 + 2.5 h, clocked 1.5 + 0.75 + 5 h.
    expect(september('comebackRate')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(september('laborEfficiency')).toMatchObject({ numerator: 4300, denominator: 7250 });
  });

  it('a period of any desk days equals the figures computed from the facts', async () => {
    for (const period of [
      { from: '2026-08-15', to: '2026-10-20' },
      { from: '2026-09-21', to: '2026-09-21' },
      { from: '2026-11-01', to: '2026-11-30' },
    ]) {
      const dto = await manager.client.reports.kpis(period);
      const expected = await reference(period);
      for (const figure of dto.figures) {
        if (figure.key === 'complaintsOpen' || figure.key === 'complaintsOverdue') continue;
        expect({ ...period, ...figure }).toEqual({ ...period, key: figure.key, unit: figure.unit, ...expected[figure.key] });
      }
    }
  });

  it('the monthly CSI report and followup.csi read the same surveys the facts hold', async () => {
    const report = await manager.client.reports.monthlyCsi({ month: '2026-10' });
    const expected = await reference(monthDays('2026-10'));
    expect(report.totals).toMatchObject({
      responses: expected.csi!.denominator,
      csi: expected.csi!.value,
      nps: expected.nps!.value,
    });
    expect(report.trend.map((p) => p.responses).slice(-3)).toEqual([2, 2, 2]);
    expect(report.verbatimCount).toBe(1);
    expect(report.technicians.map((row) => row.responses).sort()).toEqual([1, 1]);
  });
});

// ---- plans ----

/**
 * Each statement's plan problems (a full scan of a growing table, a sort before a page is cut), with its SQL. The
 * closure rate's `w` is the VALUES list of the periods asked for (one row per month of a trend, at most 24): SQLite
 * scans it as it scans any list of constants, and reads the complaints of each row by complaints_created. `parts` is
 * the union of the complaints not closed and those closed later, each part read by an index its own lines show.
 * survey_template_weights holds five rows per template version: with statistics (a ten-year file) SQLite scans it.
 */
function problemsOf(statements: { sql: string; parameters: readonly unknown[] }[]) {
  return statements
    .filter((s) => !/^\s*(begin|commit|rollback)/i.test(s.sql))
    .flatMap((s) =>
      planProblems(planOf(t.core.deps.sqlite, s.sql, s.parameters), { allowScan: ['w', 'parts', 'survey_template_weights'] })
        .filter((problem) => !/^SCAN \d+ CONSTANT ROWS$/.test(problem))
        .map((problem) => `${problem} <- ${s.sql.slice(0, 160)}`),
    );
}

describe('query plans of the KPI dashboard and the monthly CSI report', () => {
  const deps = () => t.core.deps;

  it('the dashboard as it opens (this month, the month before, the 12-month trend) reads indexes only', async () => {
    const statements = await captureStatements(async () => {
      await kpiService.kpis(deps(), monthDays('2026-11'));
      await kpiService.kpis(deps(), monthDays('2026-10'));
      await kpiService.kpiTrend(deps(), { to: '2026-11', months: 12 });
    });
    expect(problemsOf(statements)).toEqual([]);
    // The summary rows, not the facts: no statement of the figures reads the RO lines or the status history.
    expect(statements.filter((s) => /repair_order_lines|repair_order_status_history|survey_answers/.test(s.sql))).toEqual([]);
  });

  it('a 24-month trend is a dozen statements (it was 17 a month), none of them a scan', async () => {
    const statements = await captureStatements(() => kpiService.kpiTrend(deps(), { to: '2026-11', months: 24 }));
    expect(problemsOf(statements)).toEqual([]);
    expect(statements.length).toBeLessThanOrEqual(20);
  });

  it('every drill-down page is read in the order of an index', async () => {
    for (const kpi of KPI_DRILL_KEYS as readonly KpiDrillKey[]) {
      for (const page of [
        { offset: 0, limit: 50 },
        { offset: 2, limit: 1 },
      ]) {
        const statements = await captureStatements(() =>
          kpiService.kpiDrillDown(deps(), managerActor, { ...monthDays('2026-09'), kpi, ...page }),
        );
        expect({ kpi, problems: problemsOf(statements) }).toEqual({ kpi, problems: [] });
      }
    }
  });

  it('the monthly CSI report and followup.csi read indexes only, whatever the month', async () => {
    const statements = await captureStatements(async () => {
      await csiReport.monthlyCsi(deps(), managerActor, { month: '2026-10' });
      for (const groupBy of ['none', 'advisor', 'technician', 'factor'] as const)
        await csi(deps(), { ...monthDays('2026-10'), groupBy });
    });
    expect(problemsOf(statements)).toEqual([]);
  });

  it('the lapsed rate reads one summary row per month, not the vehicles', async () => {
    const statements = await captureStatements(() => kpiService.kpiTrend(deps(), { to: '2026-11', months: 24 }));
    const lapsed = statements.filter((s) => /report_visit_months/.test(s.sql));
    expect(lapsed).toHaveLength(1);
    expect(planOf(deps().sqlite, lapsed[0]!.sql, lapsed[0]!.parameters).join('\n')).toMatch(
      /SEARCH m USING PRIMARY KEY \(month>\? AND month<\?\)/,
    );
    expect(monthStart('2026-05')).toBe(instantAt('2026-05-01', 0).toISOString());
    expect(shiftMonth('2026-11', -6)).toBe('2026-05');
  });
});

describe('the summary rows after any change of a fact', () => {
  /** Rebuilds every summary row from the facts (the upgrade's backfill) and returns whether anything differed. */
  async function rebuiltEqualsKept(): Promise<void> {
    const kept = new Map(SUMMARY_TABLES.map((table) => [table, rowsOf(table)]));
    for (const table of SUMMARY_TABLES) t.core.deps.sqlite.prepare(`DELETE FROM ${table}`).run();
    let cursor: string | null = null;
    for (;;) {
      const from: string | null = cursor;
      const next: { cursor: string } | null = await t.core.deps.db
        .transaction()
        .execute((trx) => migration.backfill!.step(trx as never, from));
      if (!next) break;
      cursor = next.cursor;
    }
    for (const table of SUMMARY_TABLES) expect({ table, rows: rowsOf(table) }).toEqual({ table, rows: kept.get(table) });
  }

  it('even ones no screen makes today (moves, deletions, a vehicle merged) keep them equal to a rebuild', async () => {
    const db = t.core.deps.sqlite;
    const id = (source: string) => (db.prepare(source).get() as { id: number }).id;
    const edits = db.transaction(() => {
      db.prepare('UPDATE survey_answers SET value_text = NULL WHERE id = ?').run(
        id('SELECT min(id) AS id FROM survey_answers WHERE value_text IS NOT NULL'),
      );
      db.prepare('UPDATE survey_answers SET value_int = 3 WHERE id = ?').run(
        id("SELECT max(id) AS id FROM survey_answers WHERE scale = 'scale_1_10'"),
      );
      db.prepare('DELETE FROM survey_answers WHERE id = ?').run(
        id("SELECT min(id) AS id FROM survey_answers WHERE scale = 'scale_1_10'"),
      );
      db.prepare('DELETE FROM survey_response_technicians WHERE response_id = ?').run(
        id('SELECT max(response_id) AS id FROM survey_response_technicians'),
      );
      const moved = id('SELECT min(id) AS id FROM survey_responses');
      db.prepare("UPDATE survey_responses SET answered_at = '2026-09-30T17:00:00.000Z', advisor_id = ? WHERE id = ?").run(
        advisorB.session.user.id,
        moved,
      );
      db.prepare('DELETE FROM complaints WHERE survey_response_id IS NOT NULL').run();
      db.prepare('DELETE FROM survey_responses WHERE id = ?').run(id('SELECT max(id) AS id FROM survey_responses'));
      db.prepare("UPDATE appointments SET starts_at = '2026-11-19T02:00:00.000Z' WHERE id = ?").run(
        id("SELECT max(id) AS id FROM appointments WHERE status <> 'cancelled'"),
      );
      db.prepare('UPDATE appointments SET repair_order_id = NULL WHERE id = ?').run(
        id('SELECT min(id) AS id FROM appointments WHERE repair_order_id IS NOT NULL'),
      );
      db.prepare("UPDATE job_clockings SET ended_at = '2026-08-03T06:00:00.000Z' WHERE id = ?").run(
        id('SELECT min(id) AS id FROM job_clockings'),
      );
      db.prepare('DELETE FROM job_clockings WHERE id = ?').run(id('SELECT max(id) AS id FROM job_clockings'));
      db.prepare("UPDATE repair_order_deliveries SET delivered_at = '2026-10-31T17:00:00.000Z' WHERE repair_order_id = ?").run(
        id('SELECT min(repair_order_id) AS id FROM repair_order_deliveries'),
      );
      db.prepare("UPDATE comebacks SET status = 'suspected' WHERE id = ?").run(id('SELECT max(id) AS id FROM comebacks'));
      db.prepare('UPDATE repair_orders SET mileage_in_km = 120000 WHERE id = ?').run(
        id('SELECT max(later_repair_order_id) AS id FROM comebacks'),
      );
      db.prepare("UPDATE repair_order_jobs SET authorization_state = 'pending' WHERE id = ?").run(
        id('SELECT max(earlier_job_id) AS id FROM comebacks'),
      );
      db.prepare('DELETE FROM comebacks WHERE id = ?').run(id('SELECT min(id) AS id FROM comebacks'));
      db.prepare("UPDATE repair_order_jobs SET authorization_state = 'declined' WHERE id = ?").run(
        id(
          "SELECT max(j.id) AS id FROM repair_order_jobs j JOIN repair_order_deliveries d ON d.repair_order_id = j.repair_order_id WHERE j.authorization_state = 'approved'",
        ),
      );
      db.prepare('UPDATE repair_order_lines SET qty_milli = qty_milli + 250, total_fen = total_fen + 5000 WHERE id = ?').run(
        id('SELECT max(id) AS id FROM repair_order_lines'),
      );
      // Two vehicles merged: the visits of one become the other's.
      const [keep, gone] = db
        .prepare('SELECT DISTINCT vehicle_id AS id FROM repair_orders ORDER BY vehicle_id LIMIT 2')
        .all() as { id: number }[];
      db.prepare('UPDATE repair_orders SET vehicle_id = ? WHERE vehicle_id = ?').run(keep!.id, gone!.id);
      db.prepare("UPDATE repair_orders SET status = 'cancelled' WHERE id = ?").run(
        id("SELECT max(id) AS id FROM repair_orders WHERE status = 'open'"),
      );
    });
    edits();
    await rebuiltEqualsKept();
  });
});
