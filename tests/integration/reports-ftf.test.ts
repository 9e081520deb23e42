import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComebackDto } from '../../shared/contract/workshop/comebacks';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import type { FtfRowDto } from '../../shared/contract/reports';
import type { ConcernGroup } from '../../shared/domain/concern-groups';
import { FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { passQualityCheck } from '../fixtures/quality';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * The hand-worked fixture (all times on the desk's clock, Beijing = UTC+8). Each earlier visit is delivered the day it
 * is opened; the comeback window ships as 30 days / 3,000 km.
 *
 *  vehicle  earlier RO (advisor, job, technician, labor)      later RO                                  link
 *  V1       RO1 1 Sep  A brakes      T1 BRK01 1.5 h 10,000 km RO1b 1 Oct (day 30) brakes 11,000 km      comeback, confirmed
 *  V2       RO2 2 Sep  A engine      T2 ENG01 2.0 h 20,000 km RO2b 3 Oct (day 31) engine                 none (day 31)
 *  V3       RO3 3 Sep  A electrical  T1 ELE01 1.0 h 30,000 km RO3b 10 Sep (day 7) electrical 33,001 km   none (3,001 km)
 *  V4       RO4 5 Sep  B suspension  T1 SUS01 1.0 h 40,000 km RO4b 15 Sep (day 10) suspension 40,500 km  not a quality issue
 *  V5       RO5 6 Sep  B a/c         T1 AC01  0.5 h + a declined body job                                 none
 *  V6       RO6 7 Sep  B brakes      T2 BRK01 1.5 h 60,000 km RO6b 20 Sep (day 13) brakes 60,800 km     comeback, suspected
 *  V7       RO7 20 Nov B tyres       T2 TYR01 0.8 h           RO7b 23 Nov tyres (not delivered)          comeback, suspected
 *  V8       RO8 21 Nov A maintenance T1 MNT01 1.0 h                                                      none
 * Later ROs' jobs have no technician and no labor line; all later ROs but RO7b are delivered the day they open.
 */

const BEIJING = 8 * 3600_000;
/** A desk (Beijing) wall time as the UTC instant the clock takes. */
function beijing(day: string, time: string): string {
  return new Date(Date.parse(`${day}T${time}:00.000Z`) - BEIJING).toISOString();
}

let t: TestCore;
let advisorA: SignedIn;
let advisorB: SignedIn;
let foreman: SignedIn;
let manager: SignedIn;
let t1: SignedIn;
let t2: SignedIn;
const ro: Record<string, RepairOrderDetail> = {};

interface Visit {
  key: string;
  vehicleId: number;
  by: SignedIn;
  day: string;
  group: ConcernGroup;
  km?: number;
  technician?: SignedIn;
  labor?: { code: string; hoursMilli: number };
  declinedExtra?: boolean;
  deliver: boolean;
}

/** One visit through the API: opened, triaged, checked in, priced, approved, dispatched, inspected and delivered. */
async function visit(v: Visit): Promise<RepairOrderDetail> {
  const c = v.by.client.repairOrders;
  t.clock.set(beijing(v.day, '09:00'));
  let detail = await c.create({ vehicleId: v.vehicleId, concerns: [`${v.group} 故障`] });
  const jobId = detail.jobs[0]!.id;
  // Triaged first, checked in after: a link made on the days alone must still fall out on the km.
  detail = await c.updateJob({
    id: detail.id,
    version: detail.version,
    jobId,
    concernGroup: v.group,
    workCategory: 'level1_minor_special',
  });
  if (v.km !== undefined) {
    await c.checkIn({ id: detail.id, version: detail.version, mileageKm: v.km, fuelEighths: 4 });
    detail = await c.get({ id: detail.id });
  }
  if (v.labor) {
    detail = await c.addLaborLine({
      id: detail.id,
      version: detail.version,
      jobId,
      code: v.labor.code,
      nameZh: `工时 ${v.labor.code}`,
      hoursMilli: v.labor.hoursMilli,
      laborRateFen: 20_000,
    });
  }
  if (v.declinedExtra) {
    detail = await c.addJob({ id: detail.id, version: detail.version, concern: '车门划痕', concernGroup: 'body_paint' });
    detail = await c.updateJob({
      id: detail.id,
      version: detail.version,
      jobId: detail.jobs[1]!.id,
      workCategory: 'level1_minor_special',
    });
  }
  detail = await c.authorise({
    id: detail.id,
    version: detail.version,
    customerName: detail.customer.name,
    channel: 'phone',
    decisions: detail.jobs.map((job, k) => ({
      jobId: job.id,
      decision: k === 0 ? ('approved' as const) : ('declined' as const),
    })),
  });
  if (v.technician) {
    await foreman.client.workshop.assign({ jobId, technicianId: v.technician.session.user.id, overrideSkills: true });
    detail = await c.get({ id: detail.id });
  }
  if (v.deliver) {
    detail = await c.transition({ id: detail.id, version: detail.version, to: 'in_progress' });
    await passQualityCheck(foreman, detail.id);
    detail = await c.get({ id: detail.id });
    for (const to of ['qc', 'ready'] as const) detail = await c.transition({ id: detail.id, version: detail.version, to });
    t.clock.set(beijing(v.day, '17:00'));
    detail = await c.deliver({
      id: detail.id,
      version: detail.version,
      explanation: '已向客户说明维修内容和费用',
      collectedBy: '车主',
    });
  }
  ro[v.key] = detail;
  return detail;
}

/**
 * Clockings and attendance are the dispatch area's records; the test writes the clockings straight into the file
 * (plain SQL, as a technician's clock-on/off at these past times would have), and attendance through the API.
 */
function clocking(key: string, technician: SignedIn, day: string, from: string, to: string | null): void {
  const detail = ro[key]!;
  t.core.deps.sqlite
    .prepare(
      'INSERT INTO job_clockings (repair_order_id, job_id, technician_id, started_at, ended_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(
      detail.id,
      detail.jobs[0]!.id,
      technician.session.user.id,
      beijing(day, from),
      to ? beijing(day, to) : null,
      beijing(day, from),
    );
}

beforeAll(async () => {
  t = await openTestCore();
  // Signed in "now": the sessions are still valid when the clock is set back to the autumn.
  advisorA = await signIn(t.core, 'advisor');
  advisorB = await signIn(t.core, 'advisor');
  foreman = await signIn(t.core, 'foreman');
  manager = await signIn(t.core, 'manager');
  t1 = await signIn(t.core, 'technician');
  t2 = await signIn(t.core, 'technician');

  const vehicles: number[] = [];
  for (let n = 0; n < 8; n += 1) {
    t.clock.set(FIXED_NOW);
    const customer = await makeCustomer(advisorA.client);
    t.clock.set(beijing('2026-08-01', '09:00'));
    vehicles.push((await makeVehicle(advisorA.client, customer.id)).id);
  }
  const [v1, v2, v3, v4, v5, v6, v7, v8] = vehicles as [number, number, number, number, number, number, number, number];

  await visit({
    key: 'ro1',
    vehicleId: v1,
    by: advisorA,
    day: '2026-09-01',
    group: 'brakes',
    km: 10_000,
    technician: t1,
    labor: { code: 'BRK01', hoursMilli: 1500 },
    deliver: true,
  });
  await visit({
    key: 'ro2',
    vehicleId: v2,
    by: advisorA,
    day: '2026-09-02',
    group: 'engine',
    km: 20_000,
    technician: t2,
    labor: { code: 'ENG01', hoursMilli: 2000 },
    deliver: true,
  });
  await visit({
    key: 'ro3',
    vehicleId: v3,
    by: advisorA,
    day: '2026-09-03',
    group: 'electrical',
    km: 30_000,
    technician: t1,
    labor: { code: 'ELE01', hoursMilli: 1000 },
    deliver: true,
  });
  await visit({
    key: 'ro4',
    vehicleId: v4,
    by: advisorB,
    day: '2026-09-05',
    group: 'suspension_steering',
    km: 40_000,
    technician: t1,
    labor: { code: 'SUS01', hoursMilli: 1000 },
    deliver: true,
  });
  await visit({
    key: 'ro5',
    vehicleId: v5,
    by: advisorB,
    day: '2026-09-06',
    group: 'ac_heating',
    technician: t1,
    labor: { code: 'AC01', hoursMilli: 500 },
    declinedExtra: true,
    deliver: true,
  });
  await visit({
    key: 'ro6',
    vehicleId: v6,
    by: advisorB,
    day: '2026-09-07',
    group: 'brakes',
    km: 60_000,
    technician: t2,
    labor: { code: 'BRK01', hoursMilli: 1500 },
    deliver: true,
  });
  await visit({ key: 'ro3b', vehicleId: v3, by: advisorA, day: '2026-09-10', group: 'electrical', km: 33_001, deliver: true });
  await visit({
    key: 'ro4b',
    vehicleId: v4,
    by: advisorB,
    day: '2026-09-15',
    group: 'suspension_steering',
    km: 40_500,
    deliver: true,
  });
  await visit({ key: 'ro6b', vehicleId: v6, by: advisorB, day: '2026-09-20', group: 'brakes', km: 60_800, deliver: true });
  await visit({ key: 'ro1b', vehicleId: v1, by: advisorA, day: '2026-10-01', group: 'brakes', km: 11_000, deliver: true });
  await visit({ key: 'ro2b', vehicleId: v2, by: advisorA, day: '2026-10-03', group: 'engine', deliver: true });
  await visit({
    key: 'ro7',
    vehicleId: v7,
    by: advisorB,
    day: '2026-11-20',
    group: 'tyres_wheels',
    technician: t2,
    labor: { code: 'TYR01', hoursMilli: 800 },
    deliver: true,
  });
  await visit({
    key: 'ro8',
    vehicleId: v8,
    by: advisorA,
    day: '2026-11-21',
    group: 'maintenance',
    technician: t1,
    labor: { code: 'MNT01', hoursMilli: 1000 },
    deliver: true,
  });
  await visit({ key: 'ro7b', vehicleId: v7, by: advisorB, day: '2026-11-23', group: 'tyres_wheels', deliver: false });

  // Clocked in September/October: T1 2.0 + 1.0 + 1.5 + 0.5 = 5.0 h; T2 1.5 + 1.5 = 3.0 h.
  clocking('ro1', t1, '2026-09-01', '10:00', '12:00');
  clocking('ro3', t1, '2026-09-03', '10:00', '11:00');
  clocking('ro4', t1, '2026-09-05', '10:00', '11:30');
  clocking('ro5', t1, '2026-09-06', '10:00', '10:30');
  clocking('ro2', t2, '2026-09-02', '10:00', '11:30');
  clocking('ro6', t2, '2026-09-07', '10:00', '11:30');
  // Outside the period (November), and one still running: neither counts in September/October.
  clocking('ro8', t1, '2026-11-21', '10:00', '11:00');
  clocking('ro7', t2, '2026-11-20', '10:00', null);

  t.clock.set(FIXED_NOW);
  // Attendance: T1 8 h on 1 and 3 Sep (16.0 h) and 8 h on 21 Nov (outside); T2 4 h on 2 and 7 Sep (8.0 h).
  for (const [who, day, milli] of [
    [t1, '2026-09-01', 8000],
    [t1, '2026-09-03', 8000],
    [t1, '2026-11-21', 8000],
    [t2, '2026-09-02', 4000],
    [t2, '2026-09-07', 4000],
  ] as const) {
    await foreman.client.workshop.recordAttendance({ technicianId: who.session.user.id, day, attendedMilli: milli });
  }
}, 120_000);

afterAll(async () => {
  await t.close();
});

const AUTUMN = { from: '2026-09-01', to: '2026-10-31' } as const;

function row(rows: FtfRowDto[], key: string): FtfRowDto {
  const found = rows.find((r) => r.key === key);
  if (!found) throw new Error(`no row ${key} in ${JSON.stringify(rows.map((r) => r.key))}`);
  return found;
}

async function suspected(): Promise<ComebackDto[]> {
  return (await foreman.client.workshop.comebacks({ status: 'suspected', limit: 50 })).rows;
}

describe('comeback detection and the foreman’s decision', () => {
  it('links day 30 and the later visits inside the window; not day 31, not 3,001 km', async () => {
    const found = await suspected();
    const pairs = found.map((c) => [c.earlier.repairOrderId, c.later.repairOrderId]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        [ro.ro1!.id, ro.ro1b!.id],
        [ro.ro4!.id, ro.ro4b!.id],
        [ro.ro6!.id, ro.ro6b!.id],
        [ro.ro7!.id, ro.ro7b!.id],
      ]),
    );
    expect(found).toHaveLength(4);
    const day30 = found.find((c) => c.later.repairOrderId === ro.ro1b!.id)!;
    expect(day30).toMatchObject({
      daysAfter: 30,
      kmAfter: 1000,
      concernGroup: 'brakes',
      status: 'suspected',
      plate: expect.any(String),
    });
    expect(day30.earlier).toMatchObject({ repairOrderNumber: ro.ro1!.number, technicianName: t1.session.user.displayName });
  });

  it('refuses a decision without its root cause or reason, a stale one, and one by an advisor, writing nothing', async () => {
    const link = (await suspected()).find((c) => c.later.repairOrderId === ro.ro1b!.id)!;
    const decide = foreman.client.workshop.decideComeback;
    await expectApiError(decide({ id: link.id, version: link.version, decision: 'confirmed' }), 'INVALID_INPUT', {
      field: 'rootCause',
      reason: 'required',
    });
    await expectApiError(decide({ id: link.id, version: link.version, decision: 'not_quality', reason: '  ' }), 'INVALID_INPUT', {
      field: 'reason',
      reason: 'required',
    });
    await expectApiError(
      decide({ id: link.id, version: link.version + 1, decision: 'confirmed', rootCause: 'parts' }),
      'CONFLICT',
    );
    await expectApiError(
      advisorA.client.workshop.decideComeback({ id: link.id, version: link.version, decision: 'confirmed', rootCause: 'parts' }),
      'FORBIDDEN',
    );
    expect((await suspected()).find((c) => c.id === link.id)).toEqual(link);
  });

  it('records the confirmation with its root cause, and "not a quality issue" with its reason', async () => {
    const links = await suspected();
    const ro1 = links.find((c) => c.later.repairOrderId === ro.ro1b!.id)!;
    const ro4 = links.find((c) => c.later.repairOrderId === ro.ro4b!.id)!;
    const confirmed = await foreman.client.workshop.decideComeback({
      id: ro1.id,
      version: ro1.version,
      decision: 'confirmed',
      rootCause: 'workmanship',
    });
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      rootCause: 'workmanship',
      decidedBy: { id: foreman.session.user.id },
      decidedAt: FIXED_NOW,
    });
    const dismissed = await manager.client.workshop.decideComeback({
      id: ro4.id,
      version: ro4.version,
      decision: 'not_quality',
      rootCause: 'parts',
      reason: '客户压坑撞击，新损伤',
    });
    expect(dismissed).toMatchObject({ status: 'not_quality', rootCause: null, reason: '客户压坑撞击，新损伤' });
    expect((await suspected()).map((c) => c.later.repairOrderId).sort()).toEqual([ro.ro6b!.id, ro.ro7b!.id].sort());
    // Suspected first, then the decided ones.
    const all = (await foreman.client.workshop.comebacks({ limit: 50 })).rows;
    expect(all.map((c) => c.status).slice(0, 2)).toEqual(['suspected', 'suspected']);
    expect(
      all
        .map((c) => c.status)
        .slice(2)
        .sort(),
    ).toEqual(['confirmed', 'not_quality']);
  });
});

describe('first-time fix, comeback rate and efficiency on the hand-worked fixture', () => {
  it('September-October totals: 11 approved jobs delivered, 2 came back -> 9/11; 2 of 11 delivered ROs are comebacks', async () => {
    // Jobs: RO1, RO2, RO3, RO4, RO5 (its declined body job left out), RO6 and the five later ROs' jobs = 11.
    // Comebacks counted: RO1 (confirmed, day 30) and RO6 (suspected). Not RO2 (day 31), RO3 (3,001 km), RO4 (not
    // a quality issue). Every window has closed by 24 Nov (the last delivery, 3 Oct, closed on 2 Nov).
    const report = await foreman.client.reports.firstTimeFix({ ...AUTUMN, by: 'technician' });
    expect(report.totals).toEqual({ jobs: 11, withComeback: 2, provisionalJobs: 0, ftfRate: 9 / 11 });
    // Delivered ROs: RO1-RO6, RO3b, RO4b, RO6b, RO1b, RO2b = 11; comeback ROs: RO1b and RO6b.
    expect(report).toMatchObject({ deliveredRos: 11, comebackRos: 2, comebackRate: 2 / 11, window: { days: 30, km: 3000 } });
  });

  it('by technician: T1 3 of 4 (RO1 came back), T2 1 of 2 (RO6), unassigned later jobs 5 of 5', async () => {
    const { rows } = await manager.client.reports.firstTimeFix({ ...AUTUMN, by: 'technician' });
    expect(row(rows, String(t1.session.user.id))).toMatchObject({
      label: t1.session.user.displayName,
      jobs: 4,
      withComeback: 1,
      ftfRate: 0.75,
    });
    expect(row(rows, String(t2.session.user.id))).toMatchObject({ jobs: 2, withComeback: 1, ftfRate: 0.5 });
    expect(row(rows, '')).toMatchObject({ jobs: 5, withComeback: 0, ftfRate: 1 });
    expect(rows).toHaveLength(3);
  });

  it('by advisor: A 5 of 6 (RO1), B 4 of 5 (RO6; RO4 not a quality issue)', async () => {
    const { rows } = await foreman.client.reports.firstTimeFix({ ...AUTUMN, by: 'advisor' });
    expect(row(rows, String(advisorA.session.user.id))).toMatchObject({ jobs: 6, withComeback: 1, ftfRate: 5 / 6 });
    expect(row(rows, String(advisorB.session.user.id))).toMatchObject({ jobs: 5, withComeback: 1, ftfRate: 4 / 5 });
  });

  it('by concern group and by labor operation', async () => {
    const groups = (await foreman.client.reports.firstTimeFix({ ...AUTUMN, by: 'concernGroup' })).rows;
    // brakes: RO1, RO6, RO1b, RO6b; two came back.
    expect(row(groups, 'brakes')).toMatchObject({ jobs: 4, withComeback: 2, ftfRate: 0.5 });
    expect(row(groups, 'suspension_steering')).toMatchObject({ jobs: 2, withComeback: 0, ftfRate: 1 });
    expect(row(groups, 'electrical')).toMatchObject({ jobs: 2, withComeback: 0 });
    expect(groups.find((r) => r.key === 'body_paint')).toBeUndefined();
    const operations = (await foreman.client.reports.firstTimeFix({ ...AUTUMN, by: 'operation' })).rows;
    expect(row(operations, 'BRK01')).toMatchObject({ label: '工时 BRK01', jobs: 2, withComeback: 2, ftfRate: 0 });
    expect(row(operations, 'ENG01')).toMatchObject({ jobs: 1, withComeback: 0, ftfRate: 1 });
    expect(row(operations, '')).toMatchObject({ jobs: 5, withComeback: 0 });
  });

  it('drills down to the ROs behind a figure', async () => {
    const t1Key = String(t1.session.user.id);
    const failed = await foreman.client.reports.drillDown({ ...AUTUMN, by: 'technician', key: t1Key, figure: 'withComeback' });
    expect(failed.rows).toHaveLength(1);
    expect(failed.rows[0]).toMatchObject({
      repairOrderId: ro.ro1!.id,
      repairOrderNumber: ro.ro1!.number,
      concernGroup: 'brakes',
      technicianName: t1.session.user.displayName,
      provisional: false,
      comeback: { repairOrderId: ro.ro1b!.id, repairOrderNumber: ro.ro1b!.number, status: 'confirmed' },
    });
    const all = await foreman.client.reports.drillDown({ ...AUTUMN, by: 'technician', key: t1Key, limit: 3 });
    expect(all.rows.map((r) => r.repairOrderId)).toEqual([ro.ro5!.id, ro.ro4!.id, ro.ro3!.id]); // latest delivery first
    expect(all.hasMore).toBe(true);
    const brakes = await foreman.client.reports.drillDown({ ...AUTUMN, by: 'operation', key: 'BRK01', figure: 'withComeback' });
    expect(brakes.rows.map((r) => r.repairOrderId)).toEqual([ro.ro6!.id, ro.ro1!.id]);
  });

  it('November: RO7 came back inside its open window (0 of 1 settled), RO8 is still provisional', async () => {
    const november = await foreman.client.reports.firstTimeFix({ from: '2026-11-01', to: '2026-11-30', by: 'technician' });
    // Jobs: RO7 (tyres, came back with RO7b on 23 Nov) and RO8 (no comeback yet, window open until 21 Dec).
    expect(november.totals).toEqual({ jobs: 2, withComeback: 1, provisionalJobs: 1, ftfRate: 0 });
    expect(row(november.rows, String(t1.session.user.id))).toMatchObject({ jobs: 1, provisionalJobs: 1, ftfRate: null });
    // RO7b is not delivered: RO7 and RO8 delivered, none of them a comeback.
    expect(november).toMatchObject({ deliveredRos: 2, comebackRos: 0, comebackRate: 0 });
    const provisional = await foreman.client.reports.drillDown({
      from: '2026-11-01',
      to: '2026-11-30',
      by: 'technician',
      figure: 'provisional',
    });
    expect(provisional.rows.map((r) => [r.repairOrderId, r.provisional])).toEqual([[ro.ro8!.id, true]]);
  });

  it('efficiency, productivity and proficiency per technician from sold hours, clockings and attendance', async () => {
    const rows = await manager.client.reports.efficiency(AUTUMN);
    // T1: sold 1.5 + 1.0 + 1.0 + 0.5 = 4.0 h; clocked 5.0 h; attended 16.0 h.
    // efficiency 4.0 / 5.0 = 0.8; productivity 5.0 / 16.0 = 0.3125; proficiency 4.0 / 16.0 = 0.25.
    expect(rows.find((r) => r.technicianId === t1.session.user.id)).toEqual({
      technicianId: t1.session.user.id,
      technicianName: t1.session.user.displayName,
      soldMilli: 4000,
      clockedMilli: 5000,
      attendanceMilli: 16_000,
      efficiency: 0.8,
      productivity: 0.3125,
      proficiency: 0.25,
    });
    // T2: sold 2.0 + 1.5 = 3.5 h; clocked 3.0 h (the running clocking on RO7 not counted); attended 8.0 h.
    // efficiency 3.5 / 3.0 = 1.1667; productivity 3.0 / 8.0 = 0.375; proficiency 3.5 / 8.0 = 0.4375.
    const second = rows.find((r) => r.technicianId === t2.session.user.id)!;
    expect(second).toMatchObject({
      soldMilli: 3500,
      clockedMilli: 3000,
      attendanceMilli: 8000,
      productivity: 0.375,
      proficiency: 0.4375,
    });
    expect(second.efficiency).toBeCloseTo(3.5 / 3, 12);
  });

  it('is for the foreman and the manager only, and refuses a period that ends before it starts', async () => {
    await expectApiError(advisorA.client.reports.firstTimeFix({ ...AUTUMN, by: 'technician' }), 'FORBIDDEN');
    await expectApiError(t1.client.reports.efficiency(AUTUMN), 'FORBIDDEN');
    await expectApiError(
      foreman.client.reports.firstTimeFix({ from: '2026-10-31', to: '2026-09-01', by: 'advisor' }),
      'INVALID_INPUT',
      {
        field: 'to',
        reason: 'dateRange.order',
      },
    );
  });
});
