import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../fixtures/core';
import { CUSTOMERS, importFile, ORDER_LINES, ORDERS, VEHICLES } from '../fixtures/dms-import';
import { signIn } from '../fixtures/users';

// Issue 18 item 1 at speed: an import batch recomputes its ROs' report facts and their vehicles' 三包 signals once, at
// the end of the batch (imports/held-facts.ts, migration 0039). What the reports read must be exactly what the
// per-row triggers give: the same files are imported into two databases, one of which never holds.

/** The summary tables the reports, the KPIs, the lapsed list and the 三包 radar read, row for row. */
const TABLES = [
  'report_ro_facts',
  'report_ro_days',
  'report_vehicle_months',
  'report_comeback_links',
  'warranty_risk_signals',
  'delivered_jobs',
];

/** More history than the fixture's: 3 vehicles, 40 ROs over two years, 1-4 lines each, lines of one RO apart. */
function moreOrders(): { orders: string[][]; lines: string[][] } {
  const orders = [ORDERS[0]!];
  const lines = [ORDER_LINES[0]!];
  for (let i = 0; i < 40; i++) {
    const vehicle = ['V1', 'V2', 'V3'][i % 3]!;
    const day = new Date(Date.UTC(2025, 0, 5) + i * 17 * 86_400_000).toISOString().slice(0, 10);
    orders.push([
      `M${i}`,
      `OLD-${i}`,
      vehicle,
      '',
      '',
      day,
      i % 7 === 0 ? '' : day,
      String(10_000 + i * 900),
      '老周',
      '',
      '',
      i % 2 ? '常规保养' : '刹车异响',
    ]);
    for (let n = 1; n <= 1 + (i % 4); n++)
      lines.push([`M${i}`, String(n), n === 1 ? '工时' : '配件', `P-${n}`, `项目${n}`, '1', '', `${100 * n + i}.00`]);
  }
  return { orders, lines };
}

async function importAll(t: TestCore): Promise<void> {
  const manager = await signIn(t.core, 'manager');
  const more = moreOrders();
  await importFile(t.core, manager, 'customers', CUSTOMERS);
  await importFile(t.core, manager, 'vehicles', VEHICLES);
  // The old system's files carry no invoice date; the desk sets it, and the 三包 signals count from it.
  t.core.deps.sqlite.exec(`UPDATE vehicles SET invoice_date = '2025-01-01'`);
  await importFile(t.core, manager, 'orders', ORDERS);
  await importFile(t.core, manager, 'orders', more.orders);
  // Lines before and after a second run of the headers that changes one of them (an update, not an insert).
  await importFile(t.core, manager, 'orderLines', ORDER_LINES);
  await importFile(t.core, manager, 'orderLines', more.lines);
  const changed = more.orders.map((row) =>
    row[0] === 'M5' ? [...row.slice(0, 5), '2026-02-01', '2026-02-02', ...row.slice(7)] : row,
  );
  await importFile(t.core, manager, 'orders', changed);
}

function rowsOf(t: TestCore, table: string): unknown[] {
  return t.core.deps.sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all();
}

let held: TestCore;
let perRow: TestCore;

beforeAll(async () => {
  held = await openTestCore({ workers: 'in-process' });
  perRow = await openTestCore({ workers: 'in-process' });
  // This database never holds: the hold's row is gone as soon as it is written, so every trigger runs per row.
  perRow.core.deps.sqlite.exec(
    'CREATE TRIGGER never_hold AFTER INSERT ON fact_refresh_hold BEGIN DELETE FROM fact_refresh_hold; END',
  );
  await importAll(held);
  await importAll(perRow);
}, 60_000);
afterAll(async () => {
  await held?.close();
  await perRow?.close();
});

describe('report facts of an imported history', () => {
  it.each(TABLES)('%s holds what the per-row triggers give', (table) => {
    const rows = rowsOf(held, table);
    expect(rows).toEqual(rowsOf(perRow, table));
    if (table !== 'report_comeback_links') expect(rows.length).toBeGreaterThan(0);
  });

  it('leaves no hold and no queue behind', () => {
    for (const t of [held, perRow]) {
      expect(t.core.deps.sqlite.prepare('SELECT count(*) AS n FROM fact_refresh_hold').get()).toEqual({ n: 0 });
      expect(t.core.deps.sqlite.prepare('SELECT count(*) AS n FROM report_queue').get()).toEqual({ n: 0 });
    }
  });
});
