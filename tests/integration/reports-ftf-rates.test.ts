import { beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../fixtures/errors';
import {
  advisorA,
  advisorB,
  foreman,
  manager,
  t1,
  t2,
  ro,
  AUTUMN,
  row,
  decideComebacks,
  useFtfCore,
} from '../fixtures/reports-ftf';

// First-time fix, comeback rate and efficiency on the hand-worked fixture (tests/fixtures/reports-ftf.ts). Comeback
// detection and the foreman's decision are in reports-ftf-comebacks.test.ts; the figures here count the decisions
// that file records (RO1b confirmed, RO4b not a quality issue), which decideComebacks() makes before these tests.

useFtfCore();
beforeAll(decideComebacks);

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
