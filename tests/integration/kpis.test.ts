import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvanceComplaintInput, ComplaintDetailDto } from '../../shared/contract/complaints';
import type { KpiFigureDto, KpiKey, KpisDto } from '../../shared/contract/reports/kpis';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { openTestCore, type TestCore } from '../fixtures/core';
import { beijing } from '../fixtures/delivered';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { passQualityCheck } from '../fixtures/quality';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * The hand-worked fixture for October 2026 (desk days, Beijing; the clock's now is 24 Nov 2026, so the period has
 * ended and point-in-time figures are reckoned at its end, 31 Oct 24:00 = 2026-10-31T16:00Z). Prices include VAT
 * (the shipped setting), so a labor line's total is hours × ¥200.
 *
 *  RO  opened        from appt  labor (not declined)  promised      ready         delivered
 *  R6  30 Sep 09:00  no         1.0 h  ¥200           2 Oct 12:00   2 Oct 11:00   2 Oct 11:30   on time
 *  R1  12 Oct 09:00  yes (A1)   1.5 h  ¥300           12 Oct 17:00  12 Oct 16:00  12 Oct 17:30  on time
 *  R2  13 Oct 09:00  no         2.0 h  ¥400           13 Oct 15:00  13 Oct 16:00  13 Oct 17:00  late
 *  R3  14 Oct 09:00  no         0.5 h  ¥100 (+1.0 h declined)  none  14 Oct 12:00  14 Oct 17:00  not on time (no promise)
 *  R4  20 Oct 09:00  yes (A2)   not delivered
 *  R5  21 Oct 09:00  no         cancelled: not an RO of the period
 *
 *  on-time = R1, R6 of R6, R1, R2, R3 delivered = 2 / 4; ARO = (200+300+400+100) / 4 = ¥250 (100,000 / 4 fen);
 *  hours per RO = (1.0+1.5+2.0+0.5) / 4 = 1.25 h (5,000 / 4 thousandths); appointment rate = R1, R4 of R1-R4 = 2 / 4;
 *  show rate: A1, A2 arrived, A3 (15 Oct) not, A4 cancelled, A5 is in November = 2 / 3.
 *  Lapsed rate of October (base April): L seen 10 Apr only (lapsed), R6's vehicle seen 15 Apr and again 30 Sep = 1 / 2.
 *  Surveys (16 Oct): R1 all 1-10 answers 8, recommend 10; R2 all 10, recommend 8. Every factor mean 9 → 900 → CSI
 *  900.0 (weights sum to 100 %); NPS = 1 promoter − 0 detractors of 2 = 50.0.
 *  Complaints: C1 5 Oct ordinary, no response (overdue); C6 8 Oct closed on 9 Oct; C2 10 Oct answered the same day;
 *  C4 20 Oct judged not valid; C3 30 Oct 10:00, due 31 Oct 10:00, no response (overdue); C5 5 Nov. Open at the end
 *  of October: C1, C2, C3 = 3; overdue C1, C3 = 2 / 3. Two-week closure (created in October, as of its end; 14 days
 *  before = 17 Oct 24:00): closed C6; open over two weeks C1, C2; C3 younger; C4 invalid: 1 / (1 + 2).
 *  First-time fix: 4 approved jobs delivered early October, windows (30 days) closed by 24 Nov, none came back: 4 / 4.
 */

let t: TestCore;
let advisor: SignedIn;
let manager: SignedIn;
let foreman: SignedIn;
let agent: SignedIn;
const ro: Record<string, RepairOrderDetail> = {};
const complaint: Record<string, ComplaintDetailDto> = {};
let lapsedRoId = 0;

const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };

async function newVehicle(): Promise<number> {
  return (await makeVehicle(advisor.client, (await makeCustomer(advisor.client)).id)).id;
}

/** Work on an open RO: a labor line on its first job, a declined extra job, the promise, approval, ready and delivery. */
async function work(
  detail: RepairOrderDetail,
  day: string,
  plan: { hoursMilli: number; declinedMilli?: number; promise?: string; ready?: string; deliver?: string },
): Promise<RepairOrderDetail> {
  const c = advisor.client.repairOrders;
  let d = detail;
  const jobId = d.jobs[0]!.id;
  d = await c.updateJob({ id: d.id, version: d.version, jobId, concernGroup: 'brakes', workCategory: 'level1_minor_special' });
  d = await c.addLaborLine({
    id: d.id,
    version: d.version,
    jobId,
    code: 'BRK-01',
    nameZh: '检修制动',
    hoursMilli: plan.hoursMilli,
    laborRateFen: 20_000,
  });
  if (plan.declinedMilli) {
    d = await c.addJob({ id: d.id, version: d.version, concern: '车门划痕', concernGroup: 'body_paint' });
    const extra = d.jobs[1]!.id;
    d = await c.updateJob({ id: d.id, version: d.version, jobId: extra, workCategory: 'level1_minor_special' });
    d = await c.addLaborLine({
      id: d.id,
      version: d.version,
      jobId: extra,
      code: 'PNT-01',
      nameZh: '补漆',
      hoursMilli: plan.declinedMilli,
      laborRateFen: 20_000,
    });
  }
  if (plan.promise) d = await c.setPromisedTime({ id: d.id, version: d.version, promisedAt: beijing(day, plan.promise) });
  d = await c.authorise({
    id: d.id,
    version: d.version,
    customerName: d.customer.name,
    channel: 'phone',
    decisions: d.jobs.map((job, k) => ({ jobId: job.id, decision: k === 0 ? ('approved' as const) : ('declined' as const) })),
  });
  if (!plan.ready) return d;
  d = await c.transition({ id: d.id, version: d.version, to: 'in_progress' });
  await passQualityCheck(foreman, d.id);
  d = await c.get({ id: d.id });
  d = await c.transition({ id: d.id, version: d.version, to: 'qc' });
  t.clock.set(beijing(day, plan.ready));
  d = await c.transition({ id: d.id, version: d.version, to: 'ready' });
  t.clock.set(beijing(day, plan.deliver!));
  return c.deliver({ id: d.id, version: d.version, explanation: '已说明', collectedBy: '车主' });
}

async function walkInRo(vehicleId: number, day: string): Promise<RepairOrderDetail> {
  t.clock.set(beijing(day, '09:00'));
  return advisor.client.repairOrders.create({ vehicleId, concerns: ['刹车异响'] });
}

async function book(vehicleId: number, day: string, time: string) {
  return advisor.client.appointments.book({
    vehicleId,
    advisorId: advisor.session.user.id,
    startsAt: beijing(day, time),
    reason: 'repair',
    concerns: ['刹车异响'],
    estimatedHoursMilli: 1000,
  });
}

/** An appointment booked the day before, arriving at 08:55 and turned into an RO at 09:00 on `day`. */
async function appointmentRo(vehicleId: number, day: string, previousDay: string): Promise<RepairOrderDetail> {
  t.clock.set(beijing(previousDay, '10:00'));
  let appointment = await book(vehicleId, day, '09:00');
  t.clock.set(beijing(day, '08:55'));
  appointment = await advisor.client.appointments.arrive({ id: appointment.id, version: appointment.version });
  t.clock.set(beijing(day, '09:00'));
  const { repairOrderId } = await advisor.client.appointments.convert({ id: appointment.id, version: appointment.version });
  return advisor.client.repairOrders.get({ id: repairOrderId });
}

type StepFields = AdvanceComplaintInput extends infer U ? (U extends unknown ? Omit<U, 'id' | 'version'> : never) : never;
const STEPS: Record<AdvanceComplaintInput['step'], StepFields> = {
  validity: { step: 'validity', valid: true, reason: '确属服务问题' },
  assign: { step: 'assign', department: 'service' },
  analyse: { step: 'analyse', cause: '交车说明不清' },
  propose: { step: 'propose', resolutionKind: 'redo', resolution: '重新说明并赠送洗车' },
  approve: { step: 'approve', approved: true },
  carry_out: { step: 'carry_out', done: '已电话说明' },
  callback: { step: 'callback', satisfied: true },
  summary: { step: 'summary', rootCause: 'communication', correctiveAction: '交车说明培训' },
};

async function advance(c: ComplaintDetailDto, fields: StepFields): Promise<ComplaintDetailDto> {
  const who = fields.step === 'approve' ? manager : agent;
  return who.client.complaints.advance({ id: c.id, version: c.version, ...fields } as AdvanceComplaintInput);
}

async function recordComplaint(key: string, day: string, time: string) {
  t.clock.set(beijing(day, time));
  const customerId = (await makeCustomer(advisor.client)).id;
  complaint[key] = await agent.client.complaints.create({
    source: 'phone',
    customerId,
    level: 'ordinary',
    againstDepartment: 'service',
    customerSays: '交车时没有说明更换了什么',
    customerWants: '解释清楚',
  });
  return complaint[key];
}

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  foreman = await signIn(t.core, 'foreman');
  agent = await signIn(t.core, 'csi_agent');

  // Lapsed rate base (April): L once, V6 (R6's vehicle) in April and again on 30 September.
  const lapsedVehicle = await newVehicle();
  lapsedRoId = (await walkInRo(lapsedVehicle, '2026-04-10')).id;
  const v6 = await newVehicle();
  await walkInRo(v6, '2026-04-15');

  ro.R6 = await work(await walkInRo(v6, '2026-09-30'), '2026-10-02', {
    hoursMilli: 1000,
    promise: '12:00',
    ready: '11:00',
    deliver: '11:30',
  });
  ro.R1 = await work(await appointmentRo(await newVehicle(), '2026-10-12', '2026-10-09'), '2026-10-12', {
    hoursMilli: 1500,
    promise: '17:00',
    ready: '16:00',
    deliver: '17:30',
  });
  ro.R2 = await work(await walkInRo(await newVehicle(), '2026-10-13'), '2026-10-13', {
    hoursMilli: 2000,
    promise: '15:00',
    ready: '16:00',
    deliver: '17:00',
  });
  ro.R3 = await work(await walkInRo(await newVehicle(), '2026-10-14'), '2026-10-14', {
    hoursMilli: 500,
    declinedMilli: 1000,
    ready: '12:00',
    deliver: '17:00',
  });
  ro.R4 = await appointmentRo(await newVehicle(), '2026-10-20', '2026-10-16');
  const r5 = await walkInRo(await newVehicle(), '2026-10-21');
  ro.R5 = await advisor.client.repairOrders.transition({ id: r5.id, version: r5.version, to: 'cancelled', note: '客户取消' });

  // Appointments that did not become ROs: A3 missed (15 Oct), A4 cancelled (22 Oct), A5 in November.
  t.clock.set(beijing('2026-10-09', '11:00'));
  await book(await newVehicle(), '2026-10-15', '10:00');
  const a4 = await book(await newVehicle(), '2026-10-22', '10:00');
  await advisor.client.appointments.cancel({ id: a4.id, version: a4.version, reason: '客户改期' });
  await book(await newVehicle(), '2026-11-03', '10:00');

  // Surveys on 16 October.
  t.clock.set(beijing('2026-10-16', '10:00'));
  const template = await agent.client.followup.surveyTemplate({});
  const answers = (scale110: number, recommend: number) =>
    template.questions.flatMap((q): { questionId: number; value: number | boolean }[] =>
      q.scale === 'scale_1_10'
        ? [{ questionId: q.id, value: scale110 }]
        : q.scale === 'recommend_0_10'
          ? [{ questionId: q.id, value: recommend }]
          : q.scale === 'yes_no'
            ? [{ questionId: q.id, value: true }]
            : [],
    );
  await agent.client.followup.recordSurvey({ repairOrderId: ro.R1.id, answers: answers(8, 10) });
  await agent.client.followup.recordSurvey({ repairOrderId: ro.R2.id, answers: answers(10, 8) });

  // Complaints.
  await recordComplaint('C1', '2026-10-05', '10:00');
  let c6 = await recordComplaint('C6', '2026-10-08', '10:00');
  t.clock.set(beijing('2026-10-09', '10:00'));
  while (c6.nextStep !== null) c6 = await advance(c6, STEPS[c6.nextStep]);
  complaint.C6 = c6;
  const c2 = await recordComplaint('C2', '2026-10-10', '10:00');
  t.clock.set(beijing('2026-10-10', '12:00'));
  complaint.C2 = await advance(c2, STEPS.validity);
  const c4 = await recordComplaint('C4', '2026-10-20', '10:00');
  complaint.C4 = await advance(c4, { step: 'validity', valid: false, reason: '非本店车辆' });
  await recordComplaint('C3', '2026-10-30', '10:00');
  await recordComplaint('C5', '2026-11-05', '10:00');

  t.clock.set('2026-11-24T02:00:00.000Z');
});

afterAll(async () => {
  await t?.close();
});

function figure(dto: KpisDto, key: KpiKey): KpiFigureDto {
  const found = dto.figures.find((f) => f.key === key);
  if (!found) throw new Error(`no figure ${key}`);
  return found;
}

describe('reports.kpis for October 2026', () => {
  it('computes every figure with its numerator and denominator as worked out by hand', async () => {
    const dto = await manager.client.reports.kpis(OCTOBER);
    expect(dto).toMatchObject({ from: '2026-10-01', to: '2026-10-31', asOf: '2026-10-31T16:00:00.000Z', lapsedMonth: '2026-10' });
    const f = (key: KpiKey) => figure(dto, key);
    expect(f('onTimeDelivery')).toEqual({ key: 'onTimeDelivery', unit: 'ratio', value: 0.5, numerator: 2, denominator: 4 });
    expect(f('aro')).toEqual({ key: 'aro', unit: 'fen', value: 25_000, numerator: 100_000, denominator: 4 });
    expect(f('hoursPerRo')).toEqual({ key: 'hoursPerRo', unit: 'hoursMilli', value: 1250, numerator: 5000, denominator: 4 });
    expect(f('appointmentRate')).toEqual({ key: 'appointmentRate', unit: 'ratio', value: 0.5, numerator: 2, denominator: 4 });
    expect(f('showRate')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(f('showRate').value).toBeCloseTo(2 / 3, 10);
    expect(f('lapsedRate')).toEqual({ key: 'lapsedRate', unit: 'ratio', value: 0.5, numerator: 1, denominator: 2 });
    expect(f('csi')).toEqual({ key: 'csi', unit: 'points', value: 900, numerator: null, denominator: 2 });
    expect(f('nps')).toEqual({ key: 'nps', unit: 'nps', value: 50, numerator: 1, denominator: 2 });
    expect(f('firstTimeFix')).toEqual({ key: 'firstTimeFix', unit: 'ratio', value: 1, numerator: 4, denominator: 4 });
    expect(f('comebackRate')).toEqual({ key: 'comebackRate', unit: 'ratio', value: 0, numerator: 0, denominator: 4 });
    // Nobody clocked on these jobs: no clocked hours, no efficiency (not 0 %).
    expect(f('laborEfficiency')).toMatchObject({ value: null, denominator: 0 });
    expect(f('complaintsOpen')).toEqual({ key: 'complaintsOpen', unit: 'count', value: 3, numerator: null, denominator: null });
    expect(f('complaintsOverdue')).toEqual({ key: 'complaintsOverdue', unit: 'count', value: 2, numerator: 2, denominator: 3 });
    expect(f('closureRate')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(f('closureRate').value).toBeCloseTo(1 / 3, 10);
    expect(dto.openUnderTwoWeeks).toBe(1);
    expect(dto.provisionalJobs).toBe(0);
  });

  it('a period of one day counts only that day: 13 October has R2 delivered late, 0 / 1, ARO ¥400', async () => {
    const dto = await manager.client.reports.kpis({ from: '2026-10-13', to: '2026-10-13' });
    expect(figure(dto, 'onTimeDelivery')).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(figure(dto, 'aro')).toMatchObject({ value: 40_000, numerator: 40_000, denominator: 1 });
    expect(figure(dto, 'appointmentRate')).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('only the manager reads it; a reversed period is refused', async () => {
    for (const who of [advisor, foreman, agent]) await expectApiError(who.client.reports.kpis(OCTOBER), 'FORBIDDEN');
    await expectApiError(advisor.client.reports.kpiDrillDown({ ...OCTOBER, kpi: 'aro' }), 'FORBIDDEN');
    await expectApiError(manager.client.reports.kpis({ from: '2026-10-31', to: '2026-10-01' }), 'INVALID_INPUT', { field: 'to' });
  });
});

describe('reports.kpiTrend', () => {
  it('gives September to November month by month, October as kpis computes it', async () => {
    const trend = await manager.client.reports.kpiTrend({ to: '2026-11', months: 3 });
    expect(trend.months).toEqual(['2026-09', '2026-10', '2026-11']);
    const series = (key: KpiKey) => trend.series.find((s) => s.key === key)!.points.map((p) => [p.numerator, p.denominator]);
    expect(trend.series.map((s) => s.key)).not.toContain('complaintsOpen');
    // September: only R6 opened (no appointment), nothing delivered.
    expect(series('appointmentRate')).toEqual([
      [0, 1],
      [2, 4],
      [0, 0],
    ]);
    expect(series('onTimeDelivery')).toEqual([
      [0, 0],
      [2, 4],
      [0, 0],
    ]);
    expect(series('aro')).toEqual([
      [0, 0],
      [100_000, 4],
      [0, 0],
    ]);
    expect(series('hoursPerRo')).toEqual([
      [0, 0],
      [5000, 4],
      [0, 0],
    ]);
    // The lapsed rate of each month N (bases March, April, May): only April saw anyone.
    expect(series('lapsedRate')).toEqual([
      [0, 0],
      [1, 2],
      [0, 0],
    ]);
    expect(series('nps')).toEqual([
      [0, 0],
      [1, 2],
      [0, 0],
    ]);
    expect(trend.series.find((s) => s.key === 'csi')!.points.map((p) => p.value)).toEqual([null, 900, null]);
    // Closure: November's complaints (C5, created 5 Nov) as of now (24 Nov): open over two weeks, none closed.
    expect(series('closureRate')).toEqual([
      [0, 0],
      [1, 3],
      [0, 1],
    ]);
  });
});

describe('reports.kpiDrillDown', () => {
  const ids = (rows: { repairOrderId: number }[]) => rows.map((r) => r.repairOrderId);

  it('on-time: the four delivered ROs, late ones first, then latest delivery first; paged in SQL', async () => {
    const page = await manager.client.reports.kpiDrillDown({ ...OCTOBER, kpi: 'onTimeDelivery' });
    if (page.kind !== 'repairOrders') throw new Error(page.kind);
    expect(ids(page.rows)).toEqual([ro.R3!.id, ro.R2!.id, ro.R1!.id, ro.R6!.id]);
    expect(page.rows.map((r) => r.onTime)).toEqual([false, false, true, true]);
    expect(page.rows[1]).toMatchObject({ promisedAt: beijing('2026-10-13', '15:00'), readyAt: beijing('2026-10-13', '16:00') });
    expect(page.hasMore).toBe(false);
    const second = await manager.client.reports.kpiDrillDown({ ...OCTOBER, kpi: 'onTimeDelivery', offset: 1, limit: 1 });
    expect(second.kind === 'repairOrders' && ids(second.rows)).toEqual([ro.R2!.id]);
    expect(second.hasMore).toBe(true);
  });

  it('ARO: the ROs counted with their totals (the declined job left out) adding up to the numerator', async () => {
    const page = await manager.client.reports.kpiDrillDown({ ...OCTOBER, kpi: 'aro' });
    if (page.kind !== 'repairOrders') throw new Error(page.kind);
    expect(page.rows.map((r) => [r.repairOrderId, r.totalFen, r.soldMilli])).toEqual([
      [ro.R3!.id, 10_000, 500],
      [ro.R2!.id, 40_000, 2000],
      [ro.R1!.id, 30_000, 1500],
      [ro.R6!.id, 20_000, 1000],
    ]);
  });

  it('appointment rate: the ROs from appointments; lapsed rate: the lapsed vehicle’s April RO', async () => {
    const appointments = await manager.client.reports.kpiDrillDown({ ...OCTOBER, kpi: 'appointmentRate' });
    expect(appointments.kind === 'repairOrders' && ids(appointments.rows)).toEqual([ro.R4!.id, ro.R1!.id]);
    expect(appointments.kind === 'repairOrders' && appointments.rows.every((r) => r.fromAppointment)).toBe(true);
    const lapsed = await manager.client.reports.kpiDrillDown({ ...OCTOBER, kpi: 'lapsedRate' });
    expect(lapsed.kind === 'repairOrders' && ids(lapsed.rows)).toEqual([lapsedRoId]);
  });

  it('CSI: the surveys answered; complaints: open, overdue and those in the closure rate', async () => {
    const surveys = await manager.client.reports.kpiDrillDown({ ...OCTOBER, kpi: 'csi' });
    expect(surveys.kind).toBe('surveys');
    expect(surveys.kind === 'surveys' && surveys.rows.map((r) => r.repairOrder.id).sort()).toEqual([ro.R1!.id, ro.R2!.id].sort());
    const numbers = async (kpi: 'complaintsOpen' | 'complaintsOverdue' | 'closureRate') => {
      const page = await manager.client.reports.kpiDrillDown({ ...OCTOBER, kpi });
      if (page.kind !== 'complaints') throw new Error(page.kind);
      return page.rows.map((r) => r.id);
    };
    const id = (key: string) => complaint[key]!.id;
    expect(await numbers('complaintsOpen')).toEqual([id('C1'), id('C2'), id('C3')]);
    expect(await numbers('complaintsOverdue')).toEqual([id('C1'), id('C3')]);
    expect(await numbers('closureRate')).toEqual([id('C1'), id('C6'), id('C2')]);
  });
});
