import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueTasks } from '../../electron/core/followup/due-tasks';
import { openTestCore, type TestCore } from '../fixtures/core';
import { CUSTOMERS, csvOf, importFile, ORDER_LINES, ORDERS, prepareDmsFile, runDms, VEHICLES } from '../fixtures/dms-import';
import { signIn, type SignedIn } from '../fixtures/users';

// Issue 18 item 1: imported ROs are history (no workflow) that the vehicle's history, the customer's visits, the KPIs
// of their month, the reminders and the lapsed list all count; a cancelled run leaves whole batches only; a run after
// the dry run of its file tells its progress against the file's rows.

let t: TestCore;
let manager: SignedIn;

beforeAll(async () => {
  t = await openTestCore({ workers: 'in-process' });
  manager = await signIn(t.core, 'manager');
  await importFile(t.core, manager, 'customers', CUSTOMERS);
  await importFile(t.core, manager, 'vehicles', VEHICLES);
  await importFile(t.core, manager, 'orders', ORDERS);
  await importFile(t.core, manager, 'orderLines', ORDER_LINES);
});
afterAll(async () => {
  await t?.close();
});

const one = (sql: string, ...params: unknown[]) => t.core.deps.sqlite.prepare(sql).get(...params) as Record<string, number>;

describe('imported ROs as history', () => {
  it("shows in the vehicle's history and the customer's visits", async () => {
    const v1 = one(`SELECT id FROM vehicles WHERE legacy_id = 'V1'`).id!;
    const vehicle = await manager.client.vehicles.get({ id: v1 });
    expect(vehicle.history.map((ro) => ro.number).sort()).toEqual(['H-WO2026-0001', 'H-WO2026-0002']);
    const c1 = one(`SELECT id FROM customers WHERE legacy_id = 'C1'`).id!;
    const visits = await manager.client.customers.visits({ customerId: c1, state: 'past', startRow: 0, endRow: 20 });
    expect(visits.rows.map((row) => (row as { number: string }).number).sort()).toEqual(['H-WO2026-0001', 'H-WO2026-0002']);
  });

  it('is marked as imported wherever its number is listed', async () => {
    const v1 = one(`SELECT id FROM vehicles WHERE legacy_id = 'V1'`).id!;
    expect((await manager.client.vehicles.get({ id: v1 })).history.map((ro) => ro.source)).toEqual(['import', 'import']);
    const c1 = one(`SELECT id FROM customers WHERE legacy_id = 'C1'`).id!;
    const visits = await manager.client.customers.visits({ customerId: c1, state: 'past', startRow: 0, endRow: 20 });
    expect(visits.rows.map((row) => row.source)).toEqual(['import', 'import']);
    const grid = await manager.client.repairOrders.grid({ startRow: 0, endRow: 20, text: 'H-WO2026-0001' });
    expect(grid.rows.map((row) => [row.number, row.source])).toEqual([['H-WO2026-0001', 'import']]);
    const r1 = one(`SELECT id FROM repair_orders WHERE legacy_id = 'R1'`).id!;
    expect(await manager.client.repairOrders.get({ id: r1 })).toMatchObject({ number: 'H-WO2026-0001', source: 'import' });
  });

  it('counts in the KPIs of its month', async () => {
    const kpis = await manager.client.reports.kpis({ from: '2026-10-01', to: '2026-10-31' });
    const aro = kpis.figures.find((figure) => figure.key === 'aro')!;
    // R1 (750.50) and R2 (800.00) delivered in October; R3 in September.
    expect(aro.denominator).toBe(2);
    expect(aro.numerator).toBe(155_050);
    const september = await manager.client.reports.kpis({ from: '2026-09-01', to: '2026-09-30' });
    expect(september.figures.find((figure) => figure.key === 'aro')!.denominator).toBe(1);
  });

  it('is never moved by the status flow', async () => {
    const r1 = one(`SELECT id, version FROM repair_orders WHERE legacy_id = 'R1'`);
    await expect(manager.client.repairOrders.transition({ id: r1.id!, version: r1.version!, to: 'open' })).rejects.toMatchObject({
      code: 'RULE',
    });
  });

  it('feeds the maintenance reminders and the lapsed list', async () => {
    const v1 = one(`SELECT id FROM vehicles WHERE legacy_id = 'V1'`).id!;
    const tasks = await dueTasks(t.core.deps, { day: '2027-10-15' });
    const mine = tasks.filter((task) => task.vehicleId === v1).map((task) => task.kind);
    expect(mine).toContain('lapsed');
    expect(mine).toContain('maintenance_reminder');
  });
});

describe('a cancelled run', () => {
  it('leaves whole batches only, and the same file run again finishes it', async () => {
    const header = CUSTOMERS[0]!;
    const file = [
      header,
      ...Array.from({ length: 20_000 }, (_, i) => [`K${i}`, `客户${i}`, '', `150${String(i).padStart(8, '0')}`]),
    ];
    const prepared = await prepareDmsFile(t.core, manager, 'customers', 'big.csv', csvOf(file));
    const input = { importId: prepared.importId, kind: 'customers' as const, mapping: prepared.suggestedMapping, commit: true };
    let summary = null;
    let asked = false;
    for await (const event of await manager.client.dmsImport.run(input)) {
      if (event.kind === 'progress' && event.done >= 5_000 && !asked) {
        asked = true;
        expect(await manager.client.dmsImport.cancel({ importId: prepared.importId })).toEqual({ cancelled: true });
      }
      if (event.kind === 'summary') summary = event;
    }
    expect(summary).toMatchObject({ cancelled: true, committed: false });
    const written = one(`SELECT count(*) AS n FROM customers WHERE legacy_id LIKE 'K%'`).n!;
    expect(written).toBe(summary!.written);
    expect(written % 1_000).toBe(0);
    expect(written).toBeGreaterThanOrEqual(5_000);
    expect(written).toBeLessThan(20_000);
    expect(one(`SELECT status FROM dms_imports WHERE id = ?`, prepared.importId)).toEqual({ status: 'cancelled' });

    const again = await importFile(t.core, manager, 'customers', file);
    expect(again.summary).toMatchObject({ created: 20_000 - written, unchanged: written, refused: 0, committed: true });
    expect(one(`SELECT count(*) AS n FROM customers WHERE legacy_id LIKE 'K%'`).n).toBe(20_000);
  });
});

describe("a run's progress", () => {
  it('is told against the rows the dry run of the same file counted', async () => {
    const rows = 6_000;
    const file = [
      CUSTOMERS[0]!,
      ...Array.from({ length: rows }, (_, i) => [`P${i}`, `进度${i}`, '', `151${String(i).padStart(8, '0')}`]),
    ];
    const prepared = await prepareDmsFile(t.core, manager, 'customers', 'progress.csv', csvOf(file));
    const input = { importId: prepared.importId, kind: 'customers' as const, mapping: prepared.suggestedMapping };

    // The first reading of a CSV cannot know its length until its end.
    const dry = (await runDms(manager, { ...input, commit: false })).events.filter((event) => event.kind === 'progress');
    expect(dry.slice(0, -1).map((event) => event.total)).toEqual(dry.slice(0, -1).map(() => null));
    expect(dry.at(-1)).toMatchObject({ phase: 'reading', done: rows, total: rows });

    const commit = await runDms(manager, { ...input, commit: true });
    expect(commit.summary).toMatchObject({ rows, created: rows, committed: true });
    const progress = commit.events.filter((event) => event.kind === 'progress');
    expect(progress.map((event) => [event.phase, event.total])).toEqual(progress.map(() => ['writing', rows]));
    expect(progress[0]).toMatchObject({ done: 0 });
    expect(progress.some((event) => event.done > 0 && event.done < rows)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ done: rows });
  });
});
