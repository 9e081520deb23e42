import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signalsBackfill } from '../../electron/core/db/migrations/0026-create-warranty-risk-signals';
import { radar } from '../../electron/core/warranty-risk/service';
import { FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { makePart, stockIn } from '../fixtures/parts';
import { captureStatements, planOf, planProblems, type CapturedStatement } from '../fixtures/query-plan';
import { deliveredRo, openRo } from '../fixtures/repair-orders';
import { expectApiError } from '../fixtures/errors';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * Query plans of the 三包 radar (issue 13): the manager's radar page and the banner of the RO and vehicle pages
 * (warrantyRisk.vehicle), and the per-vehicle recompute the triggers of migration 0026 run inside every write. On a
 * fresh file, so they hold at any scale: no full scan of a growing table, no sort of a whole result for a page.
 */

let t: TestCore;
let advisor: SignedIn;
let manager: SignedIn;
let settled: number;
let open: number;

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  const foreman = await signIn(t.core, 'foreman');
  const clerk = await signIn(t.core, 'parts_clerk');
  const part = await makePart(t.core, { name_zh: '发动机总成' });
  await stockIn(t.core, part.id, 10_000, 6_000);
  await clerk.client.warrantyRisk.setMainPart({ partId: part.id, kind: 'engine' });
  const customer = await makeCustomer(advisor.client);
  settled = (await makeVehicle(advisor.client, customer.id, { invoiceDate: '2025-06-01' })).id;
  open = (await makeVehicle(advisor.client, customer.id, { invoiceDate: '2025-09-01' })).id;
  const visit = { advisor, inspector: foreman, clock: t.clock };
  const parts = [{ partNumber: part.partNumber, qtyMilli: 1000 }];
  // A car on the radar from its summary row (settled repairs), and one whose repair is open (computed at read time).
  for (const day of ['2025-09-01', '2025-12-01', '2026-03-02', '2026-06-01']) {
    await deliveredRo({ ...visit, vehicleId: settled, openDay: day, deliverDay: day, group: 'engine', parts });
  }
  await openRo({ ...visit, vehicleId: open, openDay: '2026-11-16', group: 'brakes' });
  t.clock.set(FIXED_NOW);
});

afterAll(async () => {
  await t.close();
});

function problemsOf(statements: readonly CapturedStatement[], allowScan: readonly string[] = []) {
  return statements
    .map((s) => ({ sql: s.sql, problems: planProblems(planOf(t.core.deps.sqlite, s.sql, s.parameters), { allowScan }) }))
    .filter((s) => s.problems.length > 0);
}

function plansOf(statements: readonly CapturedStatement[]): string {
  return statements.map((s) => planOf(t.core.deps.sqlite, s.sql, s.parameters).join('\n')).join('\n\n');
}

describe('the manager’s radar', () => {
  // The router runs the radar in a read worker; its service is called here on the test's thread so that the very
  // statements it runs can be captured.
  const inputs = [
    { offset: 0, limit: 20, reachedOnly: false },
    { offset: 0, limit: 20, reachedOnly: true },
    { offset: 180, limit: 20, reachedOnly: false },
    { offset: 0, limit: 200, reachedOnly: false },
  ];

  it.each(inputs)('reads a page from the summary index, whatever the page (%o)', async (input) => {
    const page = await radar(t.core.deps, input);
    if (input.offset === 0) expect(page.rows.map((row) => row.vehicleId)).toEqual(expect.arrayContaining([settled]));
    const statements = await captureStatements(() => radar(t.core.deps, input));
    expect(problemsOf(statements)).toEqual([]);
    const plans = plansOf(statements);
    // Sorted by the index (reached first, then most repair days), never by a temporary B-tree...
    expect(plans).toMatch(
      input.reachedOnly
        ? /SEARCH s USING COVERING INDEX warranty_risk_signals_rank \(level=\?\)/
        : /SEARCH s USING COVERING INDEX warranty_risk_signals_rank \(level>\?\)/,
    );
    // ...the cars with an open repair found through their own index, and their ROs (and the page's) by vehicle...
    expect(plans).toMatch(/SEARCH s USING INDEX warranty_risk_signals_open \(period_end>\?\)/);
    expect(plans).toMatch(/SEARCH r USING INDEX repair_orders_vehicle \(vehicle_id=\? AND opened_at>\? AND opened_at<\?\)/);
    // ...and no walk over every car invoiced in the last two years, as the radar did before the summary rows.
    expect(plans).not.toMatch(/vehicles_invoice_date/);
    expect(plans).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });
});

describe('the 三包 banner of the RO page and the vehicle page', () => {
  it.each([
    ['a car with settled repairs', () => settled],
    ['a car with an open repair', () => open],
  ])('reads only the car’s own rows by key (%s)', async (_label, vehicle) => {
    const statements = await captureStatements(() => advisor.client.warrantyRisk.vehicle({ vehicleId: vehicle() }));
    expect(statements.length).toBeGreaterThan(0);
    expect(problemsOf(statements)).toEqual([]);
    expect(plansOf(statements)).toMatch(
      /SEARCH r USING INDEX repair_orders_vehicle \(vehicle_id=\? AND opened_at>\? AND opened_at<\?\)/,
    );
  });
});

/** The statements of the radar's triggers (and their WHEN conditions), with each NEW./OLD. value as a parameter. */
function triggerStatements(): { trigger: string; sql: string; parameters: number[] }[] {
  const triggers = t.core.deps.sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'warranty_risk_%' ORDER BY name")
    .all() as { name: string; sql: string }[];
  return triggers.flatMap(({ name, sql }) => {
    const begin = sql.search(/\bBEGIN\b/);
    const when = /\bWHEN\b([\s\S]*)$/.exec(sql.slice(0, begin))?.[1];
    const body = sql.slice(begin + 'BEGIN'.length, sql.lastIndexOf('END'));
    const statements = [...(when ? [`SELECT ${when}`] : []), ...body.split(';').filter((s) => s.trim() !== '')];
    return statements.map((statement) => {
      const parameters: number[] = [];
      const bound = statement.replace(/\b(?:NEW|OLD)\.\w+/g, () => {
        parameters.push(1);
        return '?';
      });
      return { trigger: name, sql: bound, parameters };
    });
  });
}

describe('the summary rows kept inside every write', () => {
  it('recompute one car by key in each trigger (a job, a part line, a status, a delivery, the invoice date, a mileage)', () => {
    const statements = triggerStatements();
    expect(new Set(statements.map((s) => s.trigger)).size).toBeGreaterThanOrEqual(15);
    const problems = statements
      .map((s) => ({ trigger: s.trigger, sql: s.sql, problems: planProblems(planOf(t.core.deps.sqlite, s.sql, s.parameters)) }))
      .filter((s) => s.problems.length > 0);
    expect(problems).toEqual([]);
    // Marking a part as a main part finds the ROs that had it fitted by its number, not by reading every line.
    const marking = statements
      .filter((s) => s.trigger === 'warranty_risk_part_update')
      .map((s) => planOf(t.core.deps.sqlite, s.sql, s.parameters).join('\n'));
    expect(marking.join('\n')).toMatch(/SEARCH l USING INDEX repair_order_lines_part_code \(code=\?\)/);
  });

  it('are filled by the backfill chunk by chunk: ROs by id range, then vehicles by id range', async () => {
    const backfill = signalsBackfill({ repairs: 2, vehicles: 1 });
    const step = (cursor: string | null) => t.core.deps.db.transaction().execute((trx) => backfill.step(trx as never, cursor));
    // Up to the first chunk of vehicles (the scratch tables still there to be planned), then to the end.
    const at: { cursor: string | null } = { cursor: null };
    const statements: CapturedStatement[] = [];
    do {
      statements.push(...(await captureStatements(async () => (at.cursor = (await step(at.cursor))?.cursor ?? null))));
    } while (at.cursor !== null && !/^vehicles:[1-9]/.test(at.cursor));
    expect(problemsOf(statements)).toEqual([]);
    const plans = plansOf(statements);
    expect(plans).toMatch(/SEARCH r USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
    expect(plans).toMatch(/SEARCH v USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
    while (at.cursor !== null) at.cursor = (await step(at.cursor))?.cursor ?? null;
  });
});

describe('the radar’s grid (the radar screen)', () => {
  // The grid is the radar a block at a time: the same worker task, so the plans above are its plans.
  it('gives the radar’s rows for each block, and hasMore as the radar does', async () => {
    for (const reachedOnly of [false, true]) {
      const whole = await manager.client.warrantyRisk.radar({ offset: 0, limit: 200, reachedOnly });
      expect(await manager.client.warrantyRisk.grid({ startRow: 0, endRow: 100, reachedOnly })).toEqual(whole);
      const first = await manager.client.warrantyRisk.grid({ startRow: 0, endRow: 1, reachedOnly });
      expect(first.rows).toEqual(whole.rows.slice(0, 1));
      expect(first.hasMore).toBe(whole.rows.length > 1);
    }
  });

  it('offers no sort and no column filter (the order is the rule’s), and is the manager’s', async () => {
    await expectApiError(
      manager.client.warrantyRisk.grid({ startRow: 0, endRow: 10, sortModel: [{ colId: 'level', sort: 'asc' }] }),
      'INVALID_INPUT',
    );
    await expectApiError(
      manager.client.warrantyRisk.grid({
        startRow: 0,
        endRow: 10,
        filterModel: { level: { filterType: 'text', type: 'equals', filter: 'x' } },
      }),
      'INVALID_INPUT',
    );
    await expectApiError(advisor.client.warrantyRisk.grid({ startRow: 0, endRow: 10 }), 'FORBIDDEN');
  });
});
