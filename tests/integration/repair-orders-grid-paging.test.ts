import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RoGridInput, type RoPayer } from '../../shared/contract/repair-orders';
import { migration as migration0022 } from '../../electron/core/db/migrations/0022-index-repair-order-search';
import { openTestCore, type TestCore } from '../fixtures/core';
import { makeCustomer, makeVehicle, validVin } from '../fixtures/factories';
import { captureStatements, planOf, planProblems } from '../fixtures/query-plan';
import { signIn, type SignedIn } from '../fixtures/users';
import { t, advisorA, keyOf, keys, useGridCore } from '../fixtures/repair-orders-grid';

// repairOrders.grid on the shared fixture (tests/fixtures/repair-orders-grid.ts): query plans, keyset paging, and
// how what it searches and shows follows every write. Views, rows, sorting and filters are in
// repair-orders-grid-views.test.ts.

useGridCore();

describe('repairOrders.grid: query plans', () => {
  /** The plan of every statement the grid ran on repair_orders for this request (tests/fixtures/query-plan.ts). */
  async function plans(input: Partial<RoGridInput>): Promise<string[]> {
    const statements = await captureStatements(() => advisorA.client.repairOrders.grid({ startRow: 0, endRow: 100, ...input }));
    return statements
      .filter((statement) => /"repair_orders"|repair_orders AS/i.test(statement.sql))
      .flatMap((statement) => planOf(t.core.deps.sqlite, statement.sql, statement.parameters));
  }

  it.each([
    ['mine_open', 'repair_orders_status'],
    ['due_today', 'repair_orders_status_promised_at'],
    ['late', 'repair_orders_status_promised_at'],
  ] as const)('the %s view searches repair_orders through %s, never a full scan', async (view, index) => {
    const details = await plans({ view });
    // Every walk of repair_orders seeks that index; the page's rows are then read by id.
    const walks = details.filter((detail) => /^S(EARCH|CAN) r /.test(detail) && !/INTEGER PRIMARY KEY/.test(detail));
    expect(walks.length, details.join('\n')).toBeGreaterThan(0);
    for (const walk of walks) expect(walk).toMatch(new RegExp(`^SEARCH r USING (COVERING )?INDEX ${index} \\(status=\\?`));
    expect(planProblems(details), details.join('\n')).toEqual([]);
    // The totals are read through the page's own rows of lines.
    expect(
      details.some((detail) => /^SEARCH l USING (COVERING )?INDEX repair_order_lines_order/.test(detail)),
      details.join('\n'),
    ).toBe(true);
  });

  it('the whole list newest first reads the opening-time index instead of sorting every RO', async () => {
    const details = (await plans({})).join('\n');
    expect(details).toMatch(/SCAN r USING (COVERING )?INDEX repair_orders_opened/);
    expect(details).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });
});

describe('repairOrders.grid: keyset paging', () => {
  const ORDERS: RoGridInput['sortModel'][] = [
    [],
    ...(['number', 'openedAt', 'promisedAt', 'status'] as const).flatMap((colId) =>
      (['asc', 'desc'] as const).map((sort) => [{ colId, sort }]),
    ),
    [
      { colId: 'status', sort: 'asc' },
      { colId: 'promisedAt', sort: 'desc' },
    ],
  ];
  const FILTERS: Partial<RoGridInput>[] = [
    {},
    { view: 'mine_open' },
    { view: 'due_today' },
    { status: ['open', 'in_progress', 'on_hold'] },
    { payer: 'customer' },
    { text: '京G' },
    { openedFrom: '2026-11-21', openedTo: '2026-11-23' },
  ];

  it('a block that continues after the last row of the one before shows the rows an offset shows, in every order', async () => {
    for (const sortModel of ORDERS) {
      for (const filter of FILTERS) {
        const whole = await keys({ ...filter, sortModel });
        const chained: string[] = [];
        let after: RoGridInput['after'];
        for (let startRow = 0; ; startRow += 3) {
          const page = await advisorA.client.repairOrders.grid({
            ...filter,
            sortModel,
            startRow,
            endRow: startRow + 3,
            ...(after ? { after } : {}),
          });
          chained.push(...page.rows.map((row) => keyOf(row.id) ?? `#${row.id}`));
          // The offset page is the same block.
          const byOffset = await advisorA.client.repairOrders.grid({ ...filter, sortModel, startRow, endRow: startRow + 3 });
          expect(
            byOffset.rows.map((row) => row.id),
            JSON.stringify({ sortModel, filter, startRow }),
          ).toEqual(page.rows.map((row) => row.id));
          const last = page.rows.at(-1);
          if (!page.hasMore || !last) break;
          after = { id: last.id, number: last.number, status: last.status, openedAt: last.openedAt, promisedAt: last.promisedAt };
        }
        expect(chained, JSON.stringify({ sortModel, filter })).toEqual(whole);
      }
    }
  });

  it('descending, ROs without a promise come last; a status sort keeps the newest first within each status', async () => {
    expect((await keys({ sortModel: [{ colId: 'promisedAt', sort: 'desc' }] })).at(-1)).toBe('a4');
    // Status groups descending (open, on_hold, in_progress, closed, cancelled), newest first within each.
    expect(await keys({ sortModel: [{ colId: 'status', sort: 'desc' }] })).toEqual([
      'b1',
      'a2',
      'a3',
      'a1',
      'b2',
      'a4',
      'a5',
      'b3',
    ]);
  });
});

describe('repairOrders.grid: what it searches and shows follows every write', () => {
  let core: TestCore;
  let advisor: SignedIn;

  beforeAll(async () => {
    core = await openTestCore();
    advisor = await signIn(core.core, 'advisor');
  });
  afterAll(async () => {
    await core?.close();
  });

  const payersOf = async (id: number, payer?: RoPayer) =>
    (await advisor.client.repairOrders.grid({ startRow: 0, endRow: 100, ...(payer ? { payer } : {}) })).rows.find(
      (row) => row.id === id,
    )?.payers;

  /** Every RO's payer_mask against its jobs' payers counted from scratch. */
  function masksFromScratch() {
    return core.core.deps.sqlite
      .prepare(
        `SELECT r.id, r.payer_mask AS kept, coalesce((SELECT sum(DISTINCT CASE j.payer WHEN 'customer' THEN 1 WHEN 'warranty' THEN 2
           WHEN 'internal' THEN 4 WHEN 'insurance' THEN 8 END) FROM repair_order_jobs j WHERE j.repair_order_id = r.id), 0) AS counted
         FROM repair_orders r ORDER BY r.id`,
      )
      .all() as { id: number; kept: number; counted: number }[];
  }

  it('the payers shown and filtered are those of the jobs the RO has now', async () => {
    const customer = await makeCustomer(advisor.client);
    const vehicle = await makeVehicle(advisor.client, customer.id);
    let ro = await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['保养', '异响'] });
    expect(await payersOf(ro.id)).toEqual(['customer']);
    ro = await advisor.client.repairOrders.addJob({ id: ro.id, version: ro.version, concern: '召回', payer: 'warranty' });
    ro = await advisor.client.repairOrders.addJob({ id: ro.id, version: ro.version, concern: '事故', payer: 'insurance' });
    expect(await payersOf(ro.id)).toEqual(['customer', 'warranty', 'insurance']);
    ro = await advisor.client.repairOrders.updateJob({
      id: ro.id,
      version: ro.version,
      jobId: ro.jobs[2]!.id,
      payer: 'internal',
    });
    ro = await advisor.client.repairOrders.removeJob({ id: ro.id, version: ro.version, jobId: ro.jobs[3]!.id });
    expect(await payersOf(ro.id)).toEqual(['customer', 'internal']);
    for (const job of ro.jobs.filter((j) => j.payer === 'customer')) {
      ro = await advisor.client.repairOrders.updateJob({ id: ro.id, version: ro.version, jobId: job.id, payer: 'internal' });
    }
    expect(await payersOf(ro.id)).toEqual(['internal']);
    expect(await payersOf(ro.id, 'internal')).toEqual(['internal']);
    expect(await payersOf(ro.id, 'customer')).toBeUndefined();
    expect(await payersOf(ro.id, 'insurance')).toBeUndefined();
    for (const row of masksFromScratch()) expect(row.kept, `RO ${row.id}`).toBe(row.counted);
  });

  it('a new RO, a changed plate and a renamed customer are found at once; the old plate and name are not', async () => {
    const customer = await makeCustomer(advisor.client, { name: '司马相如' });
    const vehicle = await makeVehicle(advisor.client, customer.id, { plate: '粤B12345', vin: validVin('LFV2A21K', '9Z000001') });
    const ro = await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['保养'] });
    const found = async (text: string) =>
      (await advisor.client.repairOrders.grid({ startRow: 0, endRow: 100, text })).rows.some((row) => row.id === ro.id);
    for (const text of [ro.number, ro.number.slice(-4), '粤B12345', 'b123', '粤B', '司马相如', '相如', '马', '9Z000001'])
      expect(await found(text), text).toBe(true);

    const current = await advisor.client.vehicles.get({ id: vehicle.id });
    const { id, version, vin, make, model, year, colour, fuelType, engine, purchaseDate, invoiceDate } = current;
    await advisor.client.vehicles.update({
      id,
      version,
      vin,
      plate: '粤C67890',
      make,
      model,
      year,
      colour,
      fuelType,
      engine,
      purchaseDate,
      invoiceDate,
    });
    const person = await advisor.client.customers.get({ id: customer.id });
    await advisor.client.customers.update({
      id: person.id,
      version: person.version,
      kind: 'person',
      name: '卓文君',
      phones: person.phones.map((phone) => ({ number: phone.number, label: phone.label })),
    });
    for (const text of ['粤C67890', 'C678', '卓文君', '文君']) expect(await found(text), text).toBe(true);
    for (const text of ['粤B12345', 'B123', '司马相如', '相如']) expect(await found(text), text).toBe(false);
  });

  it('an upgraded file: the backfill fills the search and the payers of the ROs already on it, resuming after a stop', async () => {
    const rows = async (input: Partial<RoGridInput>) =>
      (await advisor.client.repairOrders.grid({ startRow: 0, endRow: 100, ...input })).rows.map((row) => [row.id, row.payers]);
    const searches: Partial<RoGridInput>[] = [
      {},
      { text: '卓文君' },
      { text: '文君' },
      { text: 'C678' },
      { text: '粤C' },
      { payer: 'internal' },
      { text: 'RO20' },
    ];
    const before = await Promise.all(searches.map(rows));
    expect(before[1]).toHaveLength(1);
    // The file as an older BayDesk left it: no search rows, no payer masks.
    const sqlite = core.core.deps.sqlite;
    for (const table of ['repair_order_number_search', 'vehicle_plate_search', 'customer_name_search']) {
      sqlite.prepare(`INSERT INTO ${table} (${table}) VALUES ('delete-all')`).run();
    }
    sqlite.prepare('DELETE FROM customer_name_grams').run();
    sqlite.prepare('UPDATE repair_orders SET payer_mask = 0').run();
    expect(await rows({ text: '卓文君' })).toEqual([]);

    const backfill = migration0022.backfill!;
    const step = (cursor: string | null) => core.core.deps.db.transaction().execute((trx) => backfill.step(trx as never, cursor));
    let cursor = (await step(null))!.cursor;
    // Stopped after the first chunk: the next start goes on from the cursor it committed.
    for (let next = await step(cursor); next; next = await step(cursor)) cursor = next.cursor;
    expect(await Promise.all(searches.map(rows))).toEqual(before);
    for (const row of masksFromScratch()) expect(row.kept, `RO ${row.id}`).toBe(row.counted);
  });
});
