import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VehicleRiskDto } from '../../shared/contract/warranty-risk';
import type { ConcernGroup } from '../../shared/domain/concern-groups';
import { countRows, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { makePart, stockIn } from '../fixtures/parts';
import { passQualityCheck } from '../fixtures/quality';
import { beijing, deliveredRo, openRo } from '../fixtures/repair-orders';
import { signIn, type SignedIn } from '../fixtures/users';
import { ManualClock } from '../../electron/core/clock';
import { radarQuery } from '../../electron/core/warranty-risk/repository';
import { earliestInvoice, radar as radarService } from '../../electron/core/warranty-risk/service';
import { migration, signalsBackfill } from '../../electron/core/db/migrations/0026-create-warranty-risk-signals';
import type { Backfill } from '../../electron/core/db/migrations/types';

let t: TestCore;
let advisor: SignedIn;
let foreman: SignedIn;
let manager: SignedIn;
let clerk: SignedIn;

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  foreman = await signIn(t.core, 'foreman');
  manager = await signIn(t.core, 'manager');
  clerk = await signIn(t.core, 'parts_clerk');
});

afterAll(async () => {
  await t.close();
});

async function vehicle(invoiceDate: string | null): Promise<number> {
  t.clock.set(FIXED_NOW);
  const customer = await makeCustomer(advisor.client);
  return (await makeVehicle(advisor.client, customer.id, { invoiceDate })).id;
}

/** A repair in `group` opened on `day` and delivered `days` calendar days later (both counted). */
function repair(
  vehicleId: number,
  day: string,
  group: ConcernGroup,
  days = 1,
  parts?: { partNumber: string; qtyMilli: number }[],
) {
  const end = new Date(Date.parse(`${day}T00:00:00Z`) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return deliveredRo({
    advisor,
    inspector: foreman,
    clock: t.clock,
    vehicleId,
    openDay: day,
    deliverDay: end,
    group,
    ...(parts ? { parts } : {}),
  });
}

async function risk(vehicleId: number, at = FIXED_NOW): Promise<VehicleRiskDto> {
  t.clock.set(at);
  return advisor.client.warrantyRisk.vehicle({ vehicleId });
}

const summary = (r: VehicleRiskDto) => r.signals.map((s) => [s.kind, s.level]);

describe('a vehicle’s 三包 signals', () => {
  it('same fault warns at the 4th delivered repair and reaches at the 5th; repair days add up to a warning at 25', async () => {
    const id = await vehicle('2025-06-01');
    // Five-day electrical repairs (a single repair over 5 days would be a signal of its own).
    for (const day of ['2026-01-05', '2026-03-02', '2026-05-04']) await repair(id, day, 'electrical', 5);
    let r = await risk(id);
    expect(r.period).toEqual({ start: '2025-06-01', end: '2027-05-31', km: 50_000 });
    expect(r.outside).toBeNull();
    expect(r.signals).toEqual([]);
    await repair(id, '2026-07-06', 'electrical', 5);
    r = await risk(id);
    expect(r.signals).toMatchObject([{ kind: 'sameFault', level: 'warning', group: 'electrical', repairs: 4 }]);
    expect(r.repairOrders).toHaveLength(4);
    // An open RO in the group is not a 5th repair yet.
    const fifth = await openRo({
      advisor,
      inspector: foreman,
      clock: t.clock,
      vehicleId: id,
      openDay: '2026-09-07',
      group: 'electrical',
    });
    r = await risk(id, beijing('2026-09-07', '12:00'));
    expect(summary(r)).toEqual([['sameFault', 'warning']]);
    expect(r.level).toBe('warning');
    await advisor.client.repairOrders.transition({ id: fifth.id, version: fifth.version, to: 'cancelled', note: '客户取消' });
    await repair(id, '2026-09-07', 'electrical', 5);
    r = await risk(id);
    expect(r.signals).toMatchObject([
      { kind: 'sameFault', level: 'reached', repairs: 5 },
      { kind: 'repairDays', level: 'warning', days: 25 },
    ]);
    expect(r.level).toBe('reached');
    // Maintenance visits are not repairs: they add no days.
    await repair(id, '2026-10-05', 'maintenance', 3);
    expect((await risk(id)).signals).toMatchObject([{ kind: 'sameFault' }, { kind: 'repairDays', days: 25 }]);
  });

  it('a long open repair warns on day 4 and reaches on day 6 (loaner owed)', async () => {
    const id = await vehicle('2026-03-10');
    await openRo({ advisor, inspector: foreman, clock: t.clock, vehicleId: id, openDay: '2026-11-19', group: 'engine' });
    expect((await risk(id, beijing('2026-11-21', '23:00'))).signals).toEqual([]);
    expect((await risk(id, beijing('2026-11-22', '08:00'))).signals).toMatchObject([
      { kind: 'longRepair', level: 'warning', days: 4, open: true },
    ]);
    expect((await risk(id, beijing('2026-11-23', '23:00'))).signals).toMatchObject([
      { kind: 'longRepair', level: 'warning', days: 5 },
    ]);
    expect((await risk(id)).signals).toMatchObject([{ kind: 'longRepair', level: 'reached', days: 6 }]);
  });

  it('a safety fault coming back warns; two repairs and back again reaches', async () => {
    const id = await vehicle('2025-12-01');
    await repair(id, '2026-06-01', 'brakes');
    expect((await risk(id)).signals).toEqual([]);
    await repair(id, '2026-08-03', 'brakes');
    expect((await risk(id)).signals).toMatchObject([
      { kind: 'safety', level: 'warning', group: 'brakes', repairs: 2, visits: 2 },
    ]);
    await openRo({ advisor, inspector: foreman, clock: t.clock, vehicleId: id, openDay: '2026-11-24', group: 'brakes' });
    expect((await risk(id)).signals).toMatchObject([{ kind: 'safety', level: 'reached', repairs: 2, visits: 3 }]);
  });

  it('the same main part replaced twice, once the parts clerk marked the part; only the clerk and manager may mark', async () => {
    const part = await makePart(t.core, { name_zh: '自动变速器总成' });
    await stockIn(t.core, part.id, 2000, 6_000);
    await expectApiError(advisor.client.warrantyRisk.setMainPart({ partId: part.id, kind: 'transmission' }), 'FORBIDDEN');
    expect(await clerk.client.warrantyRisk.mainPart({ partId: part.id })).toEqual({ partId: part.id, kind: null });
    const id = await vehicle('2026-01-15');
    const line = [{ partNumber: part.partNumber, qtyMilli: 1000 }];
    await repair(id, '2026-04-01', 'transmission', 1, line);
    expect((await risk(id)).signals).toEqual([]);
    expect(await clerk.client.warrantyRisk.setMainPart({ partId: part.id, kind: 'transmission' })).toEqual({
      partId: part.id,
      kind: 'transmission',
    });
    expect((await risk(id)).signals).toMatchObject([
      { kind: 'mainPart', level: 'warning', part: 'transmission', replacements: 1 },
    ]);
    await repair(id, '2026-07-01', 'transmission', 1, line);
    expect((await risk(id)).signals).toMatchObject([{ kind: 'mainPart', level: 'reached', replacements: 2 }]);
    await expectApiError(clerk.client.warrantyRisk.setMainPart({ partId: 999_999, kind: 'engine' }), 'NOT_FOUND');
  });

  it('shows nothing outside the period: invoiced three years ago, over 50,000 km, or no invoice date', async () => {
    const old = await vehicle('2023-11-01');
    const far = await vehicle('2025-06-01');
    const unknown = await vehicle(null);
    for (const id of [old, far, unknown]) {
      for (const day of ['2026-02-02', '2026-04-06', '2026-06-01', '2026-08-03']) await repair(id, day, 'engine', 6);
    }
    // Inside the period the same history would be a warning; the reading over 50,000 km ends it.
    expect((await risk(far)).signals.length).toBeGreaterThan(0);
    t.clock.set(FIXED_NOW);
    await advisor.client.vehicles.recordMileage({ vehicleId: far, km: 50_001 });
    expect(await risk(old)).toMatchObject({ outside: 'expiredByDate', signals: [], level: null });
    expect(await risk(far)).toMatchObject({ outside: 'expiredByKm', signals: [], mileageKm: 50_001 });
    expect(await risk(unknown)).toMatchObject({ outside: 'noInvoiceDate', period: null, signals: [] });
  });
});

describe('the manager’s radar', () => {
  it('lists the vehicles with a signal, worst first, paged; advisors may not read it', async () => {
    await expectApiError(advisor.client.warrantyRisk.radar({}), 'FORBIDDEN');
    // One more vehicle with a warning only: four engine repairs of a day each.
    const warned = await vehicle('2025-02-01');
    for (const day of ['2025-03-03', '2025-06-02', '2025-09-01', '2025-12-01']) await repair(warned, day, 'engine');
    t.clock.set(FIXED_NOW);
    const all = await manager.client.warrantyRisk.radar({ limit: 200 });
    expect(all.hasMore).toBe(false);
    // Every vehicle listed has a signal, the same the vehicle's own look-up gives.
    for (const row of all.rows) {
      expect(row.signals.length).toBeGreaterThan(0);
      expect(row).toEqual(await manager.client.warrantyRisk.vehicle({ vehicleId: row.vehicleId }));
    }
    const levels = all.rows.map((row) => row.level);
    expect(levels).toEqual([...levels].sort((a, b) => (a === b ? 0 : a === 'reached' ? -1 : 1)));
    // Same fault 5 with 25 days, the open RO on day 6, safety and main part are reached; four engine repairs warn.
    expect(levels).toEqual(['reached', 'reached', 'reached', 'reached', 'warning']);
    expect(all.rows[0]!.signals.find((s) => s.kind === 'repairDays')).toMatchObject({ days: 25 });
    expect(all.rows[4]).toMatchObject({ vehicleId: warned, signals: [{ kind: 'sameFault', group: 'engine', repairs: 4 }] });
    const reached = await manager.client.warrantyRisk.radar({ reachedOnly: true, limit: 200 });
    expect(reached.rows.map((r) => r.vehicleId)).toEqual(all.rows.slice(0, 4).map((r) => r.vehicleId));
    const first = await manager.client.warrantyRisk.radar({ limit: 2 });
    const second = await manager.client.warrantyRisk.radar({ offset: 2, limit: 2 });
    expect(first.hasMore).toBe(true);
    expect(second.hasMore).toBe(true);
    expect([...first.rows, ...second.rows].map((r) => r.vehicleId)).toEqual(all.rows.slice(0, 4).map((r) => r.vehicleId));
    // The vehicles outside their period are never listed.
    expect(all.rows.every((row) => row.outside === null)).toBe(true);
  });

  it('reads the vehicles through the invoice-date index and each vehicle’s ROs through its own index', () => {
    const query = radarQuery(t.core.deps.db, '2026-11-24', earliestInvoice('2026-11-24'), {
      offset: 0,
      limit: 20,
      reachedOnly: false,
    }).compile();
    const plan = t.core.deps.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as {
      detail: string;
    }[];
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(/SEARCH v USING (COVERING )?INDEX vehicles_invoice_date/);
    expect(details).toMatch(/SEARCH r USING INDEX repair_orders_vehicle \(vehicle_id=\? AND opened_at>\?\)/);
    expect(details).toMatch(/SEARCH j USING INDEX repair_order_jobs_order/);
    expect(details).toMatch(/SEARCH l USING INDEX repair_order_lines_order/);
    // Only the small intermediate results are scanned, never a table of ROs, jobs, lines, parts or vehicles.
    expect(details).not.toMatch(/SCAN (r|j|l|p|v|d)\b/);
  });
});

/** The radar as it was computed before the summary rows (from every fact, for every vehicle): the reference. */
async function referenceRadar(today: string, reachedOnly: boolean): Promise<number[]> {
  const rows = await radarQuery(t.core.deps.db, today, earliestInvoice(today), {
    offset: 0,
    limit: 10_000,
    reachedOnly,
  }).execute();
  return rows.map((row) => row.vehicle_id);
}

const LAST_DAY = '2027-04-01';

/**
 * The radar as the manager's screen reads it, page by page, on desk day `day`. Through the service with a clock of
 * its own: a session runs 12 hours from its sign-in, and signing in on a later day would end the other desks'
 * sessions of this file.
 */
async function pagedRadar(day: string, reachedOnly: boolean, limit = 2): Promise<number[]> {
  const deps = { ...t.core.deps, clock: new ManualClock(beijing(day, '10:00')) };
  const ids: number[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await radarService(deps, { offset, limit, reachedOnly });
    ids.push(...page.rows.map((row) => row.vehicleId));
    if (!page.hasMore) return ids;
  }
}

const SIGNAL_COLUMNS =
  'vehicle_id, invoice_date, period_end, latest_km, open_repairs, repair_days, longest_repair, same_fault_max, safety_max, main_part_max';

/** The summary rows as the triggers kept them, and as computed from scratch from the facts now. */
function summaries() {
  const sqlite = t.core.deps.sqlite;
  return {
    kept: sqlite.prepare(`SELECT ${SIGNAL_COLUMNS}, level FROM warranty_risk_signals ORDER BY vehicle_id`).all(),
    scratch: sqlite.prepare(`SELECT ${SIGNAL_COLUMNS} FROM warranty_risk_figures ORDER BY vehicle_id`).all(),
  };
}

/** The radar from the summary rows equals the reference on each of these days (the clock moved there). */
async function expectRadarAsReference(days: string[]): Promise<void> {
  const { kept, scratch } = summaries();
  expect(kept.map((row) => ({ ...(row as object), level: undefined }))).toEqual(
    scratch.map((row) => ({ ...(row as object), level: undefined })),
  );
  for (const day of days) {
    for (const reachedOnly of [false, true]) {
      const reference = await referenceRadar(day, reachedOnly);
      expect(await pagedRadar(day, reachedOnly), `${day} reachedOnly=${reachedOnly}`).toEqual(reference);
    }
  }
}

/** What the manager sees on the radar today (FIXED_NOW): each listed vehicle's level. */
async function radarNow(): Promise<Map<number, string | null>> {
  t.clock.set(FIXED_NOW);
  const { rows } = await manager.client.warrantyRisk.radar({ limit: 200 });
  return new Map(rows.map((row) => [row.vehicleId, row.level]));
}

describe('the radar’s summary rows (kept in the write transaction, migration 0026)', () => {
  it('equal a computation from scratch after a realistic sequence of writes, on every day the radar is read', async () => {
    const days = ['2026-03-01', '2026-09-07', '2026-11-24', LAST_DAY];
    const part = await makePart(t.core, { name_zh: '转向机总成' });
    await stockIn(t.core, part.id, 10_000, 6_000);
    const line = [{ partNumber: part.partNumber, qtyMilli: 1000 }];

    // Four electrical repairs, one of them first triaged as "other" and moved to electrical by the advisor.
    const fault = await vehicle('2025-05-10');
    for (const day of ['2025-08-04', '2025-11-03', '2026-02-02']) await repair(fault, day, 'electrical', 3);
    const triaged = await openRo({
      advisor,
      inspector: foreman,
      clock: t.clock,
      vehicleId: fault,
      openDay: '2026-04-06',
      group: 'other',
    });
    let ro = await advisor.client.repairOrders.get({ id: triaged.id });
    ro = await advisor.client.repairOrders.updateJob({
      id: ro.id,
      version: ro.version,
      jobId: ro.jobs[0]!.id,
      concernGroup: 'electrical',
    });
    await expectRadarAsReference(days);
    ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
    await passQualityCheck(foreman, ro.id);
    ro = await advisor.client.repairOrders.get({ id: ro.id });
    for (const to of ['qc', 'ready'] as const)
      ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to });
    t.clock.set(beijing('2026-04-09', '17:00'));
    await advisor.client.repairOrders.deliver({ id: ro.id, version: ro.version, explanation: '已说明', collectedBy: '车主' });
    await expectRadarAsReference(days);
    expect((await radarNow()).get(fault)).toBe('warning');

    // A part replaced, then marked a main part by the clerk, then replaced again; one line taken off an open RO.
    const steering = await vehicle('2025-10-01');
    await repair(steering, '2026-01-12', 'suspension_steering', 1, line);
    await expectRadarAsReference(days);
    await clerk.client.warrantyRisk.setMainPart({ partId: part.id, kind: 'steering' });
    await expectRadarAsReference(days);
    expect((await radarNow()).get(steering)).toBe('warning');
    await repair(steering, '2026-05-11', 'suspension_steering', 2, line);
    const pending = await openRo({
      advisor,
      inspector: foreman,
      clock: t.clock,
      vehicleId: steering,
      openDay: '2026-10-12',
      group: 'body_paint',
      parts: line,
    });
    await expectRadarAsReference(days);
    expect((await radarNow()).get(steering)).toBe('reached');
    ro = await advisor.client.repairOrders.get({ id: pending.id });
    const partLine = ro.jobs[0]!.partLines[0]!;
    await advisor.client.repairOrders.removeLine({ id: ro.id, version: ro.version, lineId: partLine.id });
    await expectRadarAsReference(days);

    // Declined work and maintenance are no repairs; a job added and removed again; a cancelled visit.
    const quiet = await vehicle('2025-08-20');
    const declined = await advisor.client.repairOrders.create({ vehicleId: quiet, concerns: ['刹车异响'] });
    ro = await advisor.client.repairOrders.updateJob({
      id: declined.id,
      version: declined.version,
      jobId: declined.jobs[0]!.id,
      concernGroup: 'brakes',
    });
    ro = await advisor.client.repairOrders.addJob({
      id: ro.id,
      version: ro.version,
      concern: '保养',
      concernGroup: 'maintenance',
    });
    ro = await advisor.client.repairOrders.authorise({
      id: ro.id,
      version: ro.version,
      customerName: ro.customer.name,
      channel: 'phone',
      decisions: ro.jobs.map((job) => ({
        jobId: job.id,
        decision: job.concernGroup === 'brakes' ? ('declined' as const) : ('approved' as const),
      })),
    });
    await expectRadarAsReference(days);
    ro = await advisor.client.repairOrders.addJob({
      id: ro.id,
      version: ro.version,
      concern: '发动机抖动',
      concernGroup: 'engine',
    });
    await expectRadarAsReference(days);
    ro = await advisor.client.repairOrders.removeJob({ id: ro.id, version: ro.version, jobId: ro.jobs.at(-1)!.id });
    await expectRadarAsReference(days);
    const cancelled = await openRo({
      advisor,
      inspector: foreman,
      clock: t.clock,
      vehicleId: quiet,
      openDay: '2026-09-01',
      group: 'brakes',
    });
    await advisor.client.repairOrders.transition({
      id: cancelled.id,
      version: cancelled.version,
      to: 'cancelled',
      note: '客户取消',
    });
    await expectRadarAsReference(days);
    expect((await radarNow()).has(quiet)).toBe(false);

    // A long repair, then the invoice date corrected (out of the period, and back in); a mileage over the limit.
    const long = await vehicle('2026-02-01');
    await repair(long, '2026-06-01', 'engine', 7);
    await expectRadarAsReference(days);
    expect((await radarNow()).get(long)).toBe('reached');
    let detail = await advisor.client.vehicles.get({ id: long });
    const { vin, plate, make, model, year, colour, fuelType, engine, purchaseDate } = detail;
    const fields = { vin, plate, make, model, year, colour, fuelType, engine, purchaseDate };
    detail = await advisor.client.vehicles.update({ ...fields, id: long, version: detail.version, invoiceDate: '2023-02-01' });
    await expectRadarAsReference(days);
    expect((await radarNow()).has(long)).toBe(false);
    await advisor.client.vehicles.update({ ...fields, id: long, version: detail.version, invoiceDate: '2026-02-01' });
    await expectRadarAsReference(days);
    expect((await radarNow()).get(long)).toBe('reached');
    t.clock.set(FIXED_NOW);
    await advisor.client.vehicles.recordMileage({ vehicleId: long, km: 50_100 });
    await expectRadarAsReference(days);
    expect((await radarNow()).has(long)).toBe(false);

    // Open repairs whose days run with the clock, in the same group as settled ones (safety) and alone (long repair).
    const brakes = await vehicle('2025-11-11');
    await repair(brakes, '2026-03-02', 'brakes');
    await repair(brakes, '2026-06-08', 'brakes');
    await openRo({ advisor, inspector: foreman, clock: t.clock, vehicleId: brakes, openDay: '2026-11-18', group: 'brakes' });
    const waiting = await vehicle('2026-05-05');
    await openRo({ advisor, inspector: foreman, clock: t.clock, vehicleId: waiting, openDay: '2026-11-20', group: 'electrical' });
    await expectRadarAsReference([...days, '2026-11-22', '2026-11-25']);
    const now = await radarNow();
    expect([now.get(brakes), now.get(waiting)]).toEqual(['reached', 'warning']);

    // The part is no main part after all.
    await clerk.client.warrantyRisk.setMainPart({ partId: part.id, kind: null });
    await expectRadarAsReference(days);
    // Still listed (the body-paint visit open since 12 October is a long repair), but without the main part.
    t.clock.set(FIXED_NOW);
    const kinds = (await manager.client.warrantyRisk.vehicle({ vehicleId: steering })).signals.map((s) => s.kind);
    expect(kinds).toContain('longRepair');
    expect(kinds).not.toContain('mainPart');
  });

  it('are filled for existing data by the backfill, in chunks, resuming where it stopped and giving the same rows again', async () => {
    const { kept } = summaries();
    const sqlite = t.core.deps.sqlite;
    const scratchTables = () =>
      sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'warranty_risk_backfill_%'").pluck().get() as number;
    /** Runs the backfill from `cursor`, each chunk in its own transaction (as migrate does), `steps` chunks at most. */
    async function run(backfill: Backfill, cursor: string | null, steps = Infinity): Promise<string | null> {
      for (let n = 0; n < steps; n++) {
        const next = await t.core.deps.db.transaction().execute((trx) => backfill.step(trx as never, cursor));
        if (!next) return null;
        cursor = next.cursor;
      }
      return cursor;
    }
    const full = migration.backfill!;
    expect(await full.total(t.core.deps.db as never)).toBe(countRows(t.core, 'repair_orders') + countRows(t.core, 'vehicles'));
    sqlite.exec('DELETE FROM warranty_risk_signals');
    expect(await run(full, null)).toBeNull();
    expect(summaries().kept).toEqual(kept);
    expect(scratchTables()).toBe(0);

    // Small chunks, stopped halfway through the ROs and again among the vehicles, then resumed from the saved cursor;
    // one chunk run twice (a stop after its work but before its cursor was kept).
    const small = signalsBackfill({ repairs: 3, vehicles: 2 });
    sqlite.exec('DELETE FROM warranty_risk_signals');
    let cursor = await run(small, null, 4);
    expect(cursor).toMatch(/^repairs:\d+$/);
    cursor = await run(small, cursor, Math.ceil(countRows(t.core, 'repair_orders') / 3) + 2);
    expect(cursor).toMatch(/^vehicles:\d+$/);
    await run(small, cursor, 1);
    expect(await run(small, cursor)).toBeNull();
    expect(summaries().kept).toEqual(kept);
    expect(scratchTables()).toBe(0);
  });
});
