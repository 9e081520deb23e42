import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VehicleRiskDto } from '../../shared/contract/warranty-risk';
import type { ConcernGroup } from '../../shared/domain/concern-groups';
import { FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { makePart, stockIn } from '../fixtures/parts';
import { beijing, deliveredRo, openRo } from '../fixtures/repair-orders';
import { signIn, type SignedIn } from '../fixtures/users';
import { radarQuery } from '../../electron/core/warranty-risk/repository';
import { earliestInvoice } from '../../electron/core/warranty-risk/service';

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
function repair(vehicleId: number, day: string, group: ConcernGroup, days = 1, parts?: { partNumber: string; qtyMilli: number }[]) {
  const end = new Date(Date.parse(`${day}T00:00:00Z`) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return deliveredRo({ advisor, inspector: foreman, clock: t.clock, vehicleId, openDay: day, deliverDay: end, group, ...(parts ? { parts } : {}) });
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
    const fifth = await openRo({ advisor, inspector: foreman, clock: t.clock, vehicleId: id, openDay: '2026-09-07', group: 'electrical' });
    r = await risk(id, beijing('2026-09-07', '12:00'));
    expect(summary(r)).toEqual([['sameFault', 'warning']]);
    expect(r.level).toBe('warning');
    await advisor.client.repairOrders.transition({ id: fifth.id, version: fifth.version, to: 'cancelled' });
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
    expect((await risk(id, beijing('2026-11-22', '08:00'))).signals).toMatchObject([{ kind: 'longRepair', level: 'warning', days: 4, open: true }]);
    expect((await risk(id, beijing('2026-11-23', '23:00'))).signals).toMatchObject([{ kind: 'longRepair', level: 'warning', days: 5 }]);
    expect((await risk(id)).signals).toMatchObject([{ kind: 'longRepair', level: 'reached', days: 6 }]);
  });

  it('a safety fault coming back warns; two repairs and back again reaches', async () => {
    const id = await vehicle('2025-12-01');
    await repair(id, '2026-06-01', 'brakes');
    expect((await risk(id)).signals).toEqual([]);
    await repair(id, '2026-08-03', 'brakes');
    expect((await risk(id)).signals).toMatchObject([{ kind: 'safety', level: 'warning', group: 'brakes', repairs: 2, visits: 2 }]);
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
    expect(await clerk.client.warrantyRisk.setMainPart({ partId: part.id, kind: 'transmission' })).toEqual({ partId: part.id, kind: 'transmission' });
    expect((await risk(id)).signals).toMatchObject([{ kind: 'mainPart', level: 'warning', part: 'transmission', replacements: 1 }]);
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
    const query = radarQuery(t.core.deps.db, '2026-11-24', earliestInvoice('2026-11-24'), { offset: 0, limit: 20, reachedOnly: false }).compile();
    const plan = t.core.deps.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as { detail: string }[];
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(/SEARCH v USING (COVERING )?INDEX vehicles_invoice_date/);
    expect(details).toMatch(/SEARCH r USING INDEX repair_orders_vehicle \(vehicle_id=\? AND opened_at>\?\)/);
    expect(details).toMatch(/SEARCH j USING INDEX repair_order_jobs_order/);
    expect(details).toMatch(/SEARCH l USING INDEX repair_order_lines_order/);
    // Only the small intermediate results are scanned, never a table of ROs, jobs, lines, parts or vehicles.
    expect(details).not.toMatch(/SCAN (r|j|l|p|v|d)\b/);
  });
});
