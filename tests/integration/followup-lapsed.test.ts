import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lapsedCandidates } from '../../electron/core/followup/repository';
import { startFollowupSchedule } from '../../electron/core/followup/schedule';
import { writeSetting } from '../../electron/core/settings/repository';
import { countRows, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { captureStatements, planOf } from '../fixtures/query-plan';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

// Lapsed customers and maintenance reminders (generateDue, the first queue of the day, the shells' schedule) and the
// lapsed rate of a month. The CSI calls of delivered ROs are in followup-csi-calls.test.ts.

// FIXED_NOW is 2026-11-24T02:00Z: 10:00 on Tuesday 24 November in Beijing. Desk midnight is 16:00Z the day before.
const DAY = (day: string) => `${day}T02:00:00.000Z`;

describe('lapsed customers and maintenance reminders', () => {
  let t: TestCore;
  let advisor: SignedIn;
  let csi: SignedIn;
  const vehicles: Record<string, number> = {};
  beforeAll(async () => {
    t = await openTestCore();
    advisor = await signIn(t.core, 'advisor');
    csi = await signIn(t.core, 'csi_agent');
    const visit = async (vehicleId: number, day: string) => {
      t.clock.set(DAY(day));
      return advisor.client.repairOrders.create({ vehicleId, concerns: ['常规检查'] });
    };
    const car = async (name: string, consent = true) => {
      const owner = await makeCustomer(advisor.client, { consentToContact: consent });
      vehicles[name] = (await makeVehicle(advisor.client, owner.id)).id;
      return vehicles[name]!;
    };
    // Hand-worked fixture, visits on desk days:
    // V1 2026-03-10; V2 2025-12-01 and 2026-09-01; V3 2024-06-01; V4 2026-05-24 (owner without consent); V5 2026-05-25.
    await visit(await car('V1'), '2026-03-10');
    await car('V2');
    await visit(vehicles.V2!, '2025-12-01');
    await visit(vehicles.V2!, '2026-09-01');
    await visit(await car('V3'), '2024-06-01');
    await visit(await car('V4', false), '2026-05-24');
    await visit(await car('V5'), '2026-05-25');
    // V6: a maintenance visit on 2026-01-01 at 20,000 km; readings 20,000 (1 Jan) and 24,000 (10 Feb): 100 km/day,
    // so 30,000 km is reached on 11 April 2026, before the 12 months are up.
    await car('V6');
    t.clock.set(DAY('2026-01-01'));
    await advisor.client.vehicles.recordMileage({ vehicleId: vehicles.V6!, km: 20_000 });
    const ro = await visit(vehicles.V6!, '2026-01-01');
    await advisor.client.repairOrders.updateJob({
      id: ro.id,
      version: ro.version,
      jobId: ro.jobs[0]!.id,
      concernGroup: 'maintenance',
    });
    t.core.deps.sqlite.prepare('UPDATE repair_orders SET mileage_in_km = 20000 WHERE id = ?').run(ro.id);
    t.clock.set(DAY('2026-02-10'));
    await advisor.client.vehicles.recordMileage({ vehicleId: vehicles.V6!, km: 24_000 });
    // V6 visits again (not maintenance) on 2026-10-01 so it is not lapsed.
    await visit(vehicles.V6!, '2026-10-01');
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => {
    t.clock.set(FIXED_NOW);
  });

  it('generateDue finds lapsed vehicles from the visits of its window by index, never every RO ever made', async () => {
    // Read-only: the statement generateDue runs inside its write transaction, on the window it uses today.
    const statements = await captureStatements(() =>
      lapsedCandidates(t.core.deps.db, { from: '2024-11-23T16:00:00.000Z', lapsedBefore: '2026-05-24T16:00:00.000Z' }),
    );
    expect(statements).toHaveLength(1);
    const plan = planOf(t.core.deps.sqlite, statements[0]!.sql, statements[0]!.parameters);
    expect(plan.filter((line) => /^SCAN (r|repair_orders)\b/.test(line))).toEqual([]);
    expect(plan).toContain('SEARCH r USING INDEX repair_orders_opened (opened_at>? AND opened_at<?)');
  });

  it('generateDue creates one lapsed call (V1; V4’s owner does not consent) and V6’s reminder, once', async () => {
    const before = countRows(t.core, 'followup_tasks');
    expect(await csi.client.followup.generateDue({})).toEqual({ created: 2 });
    expect(countRows(t.core, 'followup_tasks')).toBe(before + 2);
    expect(await csi.client.followup.generateDue({})).toEqual({ created: 0 });

    const lapsed = await csi.client.followup.queue({ kind: 'lapsed', due: 'today', offset: 0, limit: 50 });
    expect(lapsed.rows.map((r) => r.vehicle.id)).toEqual([vehicles.V1]);
    expect(lapsed.rows[0]).toMatchObject({ scriptKey: 'lapsed', scriptParams: { lastVisitDay: '2026-03-10' } });

    const reminders = await csi.client.followup.queue({ kind: 'maintenance_reminder', due: 'overdue', offset: 0, limit: 50 });
    expect(reminders.rows).toHaveLength(1);
    expect(reminders.rows[0]).toMatchObject({
      vehicle: { id: vehicles.V6 },
      dueDay: '2026-04-11',
      dueReason: 'mileage',
      scriptKey: 'maintenanceReminder',
    });

    // Done: no second task for the same lapse.
    const row = lapsed.rows[0]!;
    await csi.client.followup.recordAttempt({ taskId: row.id, version: row.version, outcome: 'done', note: '' });
    expect(await csi.client.followup.generateDue({})).toEqual({ created: 0 });
  });

  it('the first queue of the day reads what is due in a read worker, and two desks opening it at once create each task once', async () => {
    // Back to the state before any generation: no lapsed or reminder task, and not yet generated today.
    t.core.deps.sqlite.prepare("DELETE FROM followup_tasks WHERE kind IN ('lapsed', 'maintenance_reminder')").run();
    await writeSetting(t.core.deps.db, 'followup.generatedOn', '');
    const threads: (number | undefined)[] = [];
    const stop = t.core.deps.workers.reads.observe((note) => {
      if (note.kind === 'start' && note.task === 'followup.dueTasks') threads.push(note.threadId);
    });
    const other = await signIn(t.core, 'csi_agent', 'csi2');
    const open = { kind: 'lapsed' as const, due: 'today' as const, offset: 0, limit: 50 };
    const [mine, theirs] = await Promise.all([csi.client.followup.queue(open), other.client.followup.queue(open)]);
    stop();
    expect(mine.rows.map((r) => r.vehicle.id)).toEqual([vehicles.V1]);
    expect(theirs.rows.map((r) => r.vehicle.id)).toEqual([vehicles.V1]);
    const tasks = t.core.deps.sqlite
      .prepare(
        "SELECT kind, vehicle_id AS vehicleId FROM followup_tasks WHERE kind IN ('lapsed', 'maintenance_reminder') ORDER BY kind",
      )
      .all();
    expect(tasks).toEqual([
      { kind: 'lapsed', vehicleId: vehicles.V1 },
      { kind: 'maintenance_reminder', vehicleId: vehicles.V6 },
    ]);
    // Read on a worker thread (a thread id), not on the thread that answers the desks.
    expect(threads.length).toBeGreaterThanOrEqual(1);
    expect(threads.every((id) => typeof id === 'number' && id > 0)).toBe(true);
  });

  it("the shells' schedule makes the day's calls before anyone opens the queue, once", async () => {
    t.core.deps.sqlite.prepare("DELETE FROM followup_tasks WHERE kind IN ('lapsed', 'maintenance_reminder')").run();
    await writeSetting(t.core.deps.db, 'followup.generatedOn', '');
    const made = () =>
      t.core.deps.sqlite
        .prepare(
          "SELECT kind, vehicle_id AS vehicleId FROM followup_tasks WHERE kind IN ('lapsed', 'maintenance_reminder') ORDER BY kind",
        )
        .all();
    const schedule = startFollowupSchedule(t.core.deps);
    try {
      // Nobody calls the queue: the run at start makes them (in a read worker, then one short write).
      await expect.poll(made, { timeout: 30_000 }).toEqual([
        { kind: 'lapsed', vehicleId: vehicles.V1 },
        { kind: 'maintenance_reminder', vehicleId: vehicles.V6 },
      ]);
      await schedule.check();
      expect(made()).toHaveLength(2);
    } finally {
      schedule.stop();
    }
    const open = await csi.client.followup.queue({ kind: 'lapsed', due: 'today', offset: 0, limit: 50 });
    expect(open.rows.map((r) => r.vehicle.id)).toEqual([vehicles.V1]);
  });
});

describe('lapsed rate of a month (docs/domain.md "KPIs")', () => {
  let t: TestCore;
  let advisor: SignedIn;
  let manager: SignedIn;
  let csi: SignedIn;
  beforeAll(async () => {
    t = await openTestCore();
    advisor = await signIn(t.core, 'advisor');
    manager = await signIn(t.core, 'manager');
    csi = await signIn(t.core, 'csi_agent');
    const car = async () => (await makeVehicle(advisor.client, (await makeCustomer(advisor.client)).id)).id;
    /** An RO opened for the vehicle at the instant (UTC): a visit, the vehicle is "seen" then. */
    const visit = async (vehicleId: number, iso: string) => {
      t.clock.set(iso);
      return advisor.client.repairOrders.create({ vehicleId, concerns: ['常规检查'] });
    };
    // Month N = 2026-11, so N − 6 = May 2026 and N − 5 .. N = June to November 2026. Beijing is UTC+8.
    const a = await car(); // seen in May and again in August (N − 3): in the base, not lapsed
    await visit(a, DAY('2026-05-10'));
    await visit(a, DAY('2026-08-15'));
    const b = await car(); // seen in May only: lapsed
    await visit(b, DAY('2026-05-20'));
    const c = await car(); // seen in April (N − 7) only: not in the base
    await visit(c, DAY('2026-04-12'));
    const d = await car(); // 30 April 16:30 UTC is 1 May 00:30 in Beijing: seen in May, lapsed
    await visit(d, '2026-04-30T16:30:00.000Z');
    const e = await car(); // 31 May 23:30 in Beijing, and again on 20 November (month N itself): not lapsed
    await visit(e, '2026-05-31T15:30:00.000Z');
    await visit(e, DAY('2026-11-20'));
    const f = await car(); // its only May RO was cancelled: not a visit, not in the base
    const cancelled = await visit(f, DAY('2026-05-05'));
    await advisor.client.repairOrders.transition({
      id: cancelled.id,
      version: cancelled.version,
      to: 'cancelled',
      note: '客户取消',
    });
    const g = await car(); // two ROs in May count once; lapsed
    await visit(g, DAY('2026-05-03'));
    await visit(g, DAY('2026-05-28'));
    const h = await car(); // 1 June 00:30 in Beijing is 31 May in UTC: seen in June, not in the base
    await visit(h, '2026-05-31T16:30:00.000Z');
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => {
    t.clock.set(FIXED_NOW);
  });

  it('November 2026: base = a, b, d, e, g seen in May (5); lapsed = b, d, g (3): 3 / 5 = 60 %', async () => {
    expect(await manager.client.followup.lapsedRate({ month: '2026-11' })).toEqual({
      month: '2026-11',
      baseMonth: '2026-05',
      lapsedVehicles: 3,
      baseVehicles: 5,
      rate: 0.6,
    });
    // The current month (the clock is in November 2026) when none is given.
    expect(await manager.client.followup.lapsedRate({})).toMatchObject({ month: '2026-11', lapsedVehicles: 3, baseVehicles: 5 });
  });

  it('October 2026: base = c seen in April (d’s visit is May in Beijing), lapsed = c: 1 / 1; December: base h, 1 / 1', async () => {
    expect(await manager.client.followup.lapsedRate({ month: '2026-10' })).toEqual({
      month: '2026-10',
      baseMonth: '2026-04',
      lapsedVehicles: 1,
      baseVehicles: 1,
      rate: 1,
    });
    // Month 2026-12: base = June = h only (no later visit).
    expect(await manager.client.followup.lapsedRate({ month: '2026-12' })).toMatchObject({
      baseMonth: '2026-06',
      lapsedVehicles: 1,
      baseVehicles: 1,
    });
    // February 2027: base = August = a, whose later visits (none after August) make it lapsed only if none in Sep..Feb.
    expect(await manager.client.followup.lapsedRate({ month: '2027-02' })).toMatchObject({
      baseMonth: '2026-08',
      lapsedVehicles: 1,
      baseVehicles: 1,
    });
    // Month 2027-05: base = November 2026 = e; nothing after: lapsed.
    expect(await manager.client.followup.lapsedRate({ month: '2027-05' })).toMatchObject({
      lapsedVehicles: 1,
      baseVehicles: 1,
      rate: 1,
    });
  });

  it('a month whose base month saw nobody has no rate; only the manager reads it; a bad month is refused', async () => {
    expect(await manager.client.followup.lapsedRate({ month: '2026-09' })).toEqual({
      month: '2026-09',
      baseMonth: '2026-03',
      lapsedVehicles: 0,
      baseVehicles: 0,
      rate: null,
    });
    await expectApiError(csi.client.followup.lapsedRate({ month: '2026-11' }), 'FORBIDDEN');
    await expectApiError(manager.client.followup.lapsedRate({ month: '2026-13' }), 'INVALID_INPUT', { field: 'month' });
  });
});
