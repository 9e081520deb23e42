import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RO_GRID_COLUMNS,
  RO_PAYERS,
  type RepairOrderDetail,
  type RoGridInput,
  type RoGridRow,
} from '../../shared/contract/repair-orders';
import { RO_STATUSES } from '../../shared/domain/repair-order-status';
import { GRID_COVERED_SET, GRID_SMALL_SET } from '../../electron/core/repair-orders/grid-service';
import { openTestCore, type TestCore } from '../fixtures/core';
import { makeCustomer, makeVehicle, validVin } from '../fixtures/factories';
import { captureStatements, planOf, planProblems, type CapturedStatement } from '../fixtures/query-plan';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * Issue 13: the RO list at ten years. Every sort, view and filter the list offers, and its text search, is called
 * through the API as the list screen calls it, and the plan of every statement it ran is read on a freshly migrated
 * file: no statement scans a table that grows, and no page is sorted in a temporary B-tree, except a page drawn from
 * a set the service has just counted as small (at most GRID_SMALL_SET ROs: a rare search term, a quiet day; or
 * GRID_COVERED_SET read from a covering index: a date range, an RO number prefix), which is read whole and sorted
 * (at most that many rows, so ten years add nothing). The crowd below (more than GRID_SMALL_SET ROs on one day, one customer, one status) makes
 * the broad searches, the busy day and the busy status take the other road, a walk along the sort column's index, as
 * they do on a ten-year file; the plans do not depend on how many rows there are otherwise.
 */

let t: TestCore;
let advisor: SignedIn;
let manager: SignedIn;
const ros: RepairOrderDetail[] = [];

/** The crowd's day (Beijing) and its customer's name: written straight into the file, the API would take minutes. */
const CROWD_DAY = '2026-03-02';
const CROWD_NAME = '王大明';

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  const customer = await makeCustomer(advisor.client, { name: '欧阳娜娜' });
  for (const [n, payer] of RO_PAYERS.entries()) {
    const vehicle = await makeVehicle(advisor.client, customer.id, {
      plate: `沪B7K9Q${n}`,
      vin: validVin('LFV2A21K', `7A65432${n}`),
    });
    let ro = await advisor.client.repairOrders.create({
      vehicleId: vehicle.id,
      promisedAt: n % 2 === 0 ? '2026-11-24T09:00:00.000Z' : null,
      concerns: ['保养'],
    });
    if (payer !== 'customer')
      ro = await advisor.client.repairOrders.addJob({ id: ro.id, version: ro.version, concern: '异响', payer });
    ros.push(ro);
  }
  const crowdCustomer = await makeCustomer(advisor.client, { name: CROWD_NAME });
  const crowdVehicle = await makeVehicle(advisor.client, crowdCustomer.id);
  t.core.deps.sqlite
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO repair_orders (number, customer_id, vehicle_id, advisor_id, status, promised_at, opened_at, created_at, updated_at)
       SELECT printf('RO2020-%06d', i), ?, ?, ?, 'closed', NULL, ?, ?, ? FROM n`,
    )
    .run(
      GRID_SMALL_SET + 200,
      crowdCustomer.id,
      crowdVehicle.id,
      advisor.session.user.id,
      '2026-03-02T02:00:00.000Z',
      '2026-03-02T02:00:00.000Z',
      '2026-03-02T02:00:00.000Z',
    );
});
afterAll(async () => {
  await t?.close();
});

/**
 * Runs one grid request through the API and checks the plan of every statement it ran. A statement ordered by `+col`
 * sorts its whole set (repairOrderCandidates): allowed only right after a count that found that set within its cap,
 * and only if it draws the set from an index (the search matches by id, an opening-time range, a range of RO
 * numbers). Returns the statements.
 */
async function checkPlans(input: Partial<RoGridInput>, who: SignedIn = advisor): Promise<CapturedStatement[]> {
  const statements = await captureStatements(() => who.client.repairOrders.grid({ startRow: 0, endRow: 100, ...input }));
  let smallSet = false;
  for (const statement of statements) {
    const plan = planOf(t.core.deps.sqlite, statement.sql, statement.parameters);
    const sortsWholeSet = /order by \+/i.test(statement.sql);
    if (/select count\(\*\)/i.test(statement.sql)) {
      // Counted up to its cap + 1 (the statement's last parameter): within the cap, the set is read whole.
      const counted = t.core.deps.sqlite.prepare(statement.sql).get(...(statement.parameters as unknown[])) as { n: number };
      const cap = Number(statement.parameters.at(-1)) - 1;
      expect(cap).toBeLessThanOrEqual(GRID_COVERED_SET);
      smallSet = counted.n <= cap;
    }
    if (sortsWholeSet) {
      expect(smallSet, statement.sql).toBe(true);
      const source =
        /^SEARCH r USING (INTEGER PRIMARY KEY|(COVERING )?INDEX repair_orders_opened \(opened_at[<>]|(COVERING )?INDEX repair_orders_(number|number_opened) \(number>)/;
      expect(
        plan.some((line) => source.test(line)),
        plan.join('\n'),
      ).toBe(true);
    }
    expect(planProblems(plan, { allowTempOrderBy: sortsWholeSet }), `${statement.sql}\n${plan.join('\n')}`).toEqual([]);
  }
  return statements;
}

const readsWholeSet = (statements: CapturedStatement[]) => statements.some((statement) => /order by \+/i.test(statement.sql));

const SORTS: RoGridInput['sortModel'][] = [
  [],
  ...RO_GRID_COLUMNS.flatMap((colId) => (['asc', 'desc'] as const).map((sort) => [{ colId, sort }])),
  [
    { colId: 'status', sort: 'desc' },
    { colId: 'promisedAt', sort: 'asc' },
  ],
];

/** Every filter and view the list offers (the screen sends one status; the API takes several). */
function filters(): [string, Partial<RoGridInput>][] {
  const ro = ros[1]!;
  return [
    ['every RO', {}],
    ['view mine_open', { view: 'mine_open' }],
    ['view due_today', { view: 'due_today' }],
    ['view late', { view: 'late' }],
    ...RO_STATUSES.map((status): [string, Partial<RoGridInput>] => [`status ${status}`, { status: [status] }]),
    ['several statuses', { status: ['open', 'in_progress', 'closed'] }],
    ['advisor', { advisorId: advisor.session.user.id }],
    ['advisor and a status with few ROs', { advisorId: advisor.session.user.id, status: ['open'] }],
    ['advisor and a status with many ROs', { advisorId: advisor.session.user.id, status: ['closed'] }],
    ['opened on a quiet day', { openedFrom: '2026-11-24', openedTo: '2026-11-24' }],
    ['opened on the busy day', { openedFrom: CROWD_DAY, openedTo: CROWD_DAY }],
    ['opened since a day', { openedFrom: '2026-01-01' }],
    ['opened until a day', { openedTo: '2026-11-01' }],
    ...RO_PAYERS.map((payer): [string, Partial<RoGridInput>] => [`payer ${payer}`, { payer }]),
    ['text: RO number', { text: ro.number }],
    ['text: end of an RO number', { text: ro.number.slice(-4) }],
    ['text: plate', { text: ro.vehicle.plate }],
    ['text: start of a plate (2 characters)', { text: '沪B' }],
    ['text: VIN tail', { text: ro.vehicle.vin.slice(-6) }],
    ['text: customer name', { text: '欧阳娜娜' }],
    ['text: two characters of a name', { text: '娜娜' }],
    ['text: one character', { text: '欧' }],
    ['text: the start of ten thousand RO numbers', { text: 'RO2020' }],
    ['text: a name ten thousand ROs have', { text: '大明' }],
  ];
}

describe('plans: the RO list (repairOrders.grid)', () => {
  it('reads an index for every filter in every order, and sorts only small sets', async () => {
    for (const [, input] of filters()) {
      for (const sortModel of SORTS) await checkPlans({ ...input, sortModel }, manager);
    }
  });

  it('reads the same indexes once the planner has statistics (an upgraded file is analysed)', async () => {
    t.core.deps.sqlite.exec('ANALYZE');
    try {
      for (const [, input] of filters()) {
        for (const sortModel of SORTS) await checkPlans({ ...input, sortModel }, manager);
      }
    } finally {
      t.core.deps.sqlite.exec('DROP TABLE IF EXISTS sqlite_stat1');
    }
  });

  it('the views for the acting advisor read the open statuses only', async () => {
    for (const view of ['mine_open', 'due_today', 'late'] as const) {
      const statements = await checkPlans({ view });
      const walks = statements
        .flatMap((s) => planOf(t.core.deps.sqlite, s.sql, s.parameters))
        .filter((line) => /^S(EARCH|CAN) r USING (COVERING )?INDEX/.test(line));
      for (const walk of walks)
        expect(walk).toMatch(/^SEARCH r USING (COVERING )?INDEX repair_orders_(status|status_promised_at) \(status=\?/);
    }
  });

  it('a rare search term is read whole and sorted; a broad one, a busy day and a busy status are walked in order', async () => {
    expect(readsWholeSet(await checkPlans({ text: ros[1]!.vehicle.plate }))).toBe(true);
    expect(readsWholeSet(await checkPlans({ text: '大明' }))).toBe(false);
    // An RO number prefix is a range of the number index: read from (number, opened_at) alone newest first, walked in
    // number order.
    const numbers = await checkPlans({ text: 'RO2020' });
    expect(readsWholeSet(numbers)).toBe(true);
    expect(numbers.flatMap((s) => planOf(t.core.deps.sqlite, s.sql, s.parameters)).join('\n')).toMatch(
      /SEARCH r USING COVERING INDEX repair_orders_number_opened \(number>\? AND number<\?\)/,
    );
    const byNumber = await checkPlans({ text: 'RO2020', sortModel: [{ colId: 'number', sort: 'desc' }] });
    expect(readsWholeSet(byNumber)).toBe(false);
    expect(
      readsWholeSet(
        await checkPlans({ openedFrom: '2026-11-24', openedTo: '2026-11-24', sortModel: [{ colId: 'number', sort: 'asc' }] }),
      ),
    ).toBe(true);
    // A day after the crowd, in promised order, is read whole from the opening-time index; the busy day comes first
    // in a walk (no RO before it) and is walked along (promised_at, opened_at), the day checked in the index; in
    // number order along (number, opened_at); checked row by row (a payer), too.
    const quietDay = await checkPlans({
      openedFrom: '2026-11-24',
      openedTo: '2026-11-24',
      sortModel: [{ colId: 'promisedAt', sort: 'asc' }],
    });
    expect(readsWholeSet(quietDay)).toBe(true);
    expect(quietDay.flatMap((s) => planOf(t.core.deps.sqlite, s.sql, s.parameters)).join('\n')).toMatch(
      /SEARCH r USING INDEX repair_orders_opened \(opened_at>/,
    );
    const busyPromised = await checkPlans({
      openedFrom: CROWD_DAY,
      openedTo: CROWD_DAY,
      sortModel: [{ colId: 'promisedAt', sort: 'asc' }],
    });
    expect(readsWholeSet(busyPromised)).toBe(false);
    expect(busyPromised.flatMap((s) => planOf(t.core.deps.sqlite, s.sql, s.parameters)).join('\n')).toMatch(
      /USING COVERING INDEX repair_orders_promised_at/,
    );
    const busyDay = await checkPlans({
      openedFrom: CROWD_DAY,
      openedTo: CROWD_DAY,
      sortModel: [{ colId: 'number', sort: 'asc' }],
    });
    expect(readsWholeSet(busyDay)).toBe(false);
    expect(busyDay.flatMap((s) => planOf(t.core.deps.sqlite, s.sql, s.parameters)).join('\n')).toMatch(
      /SCAN r USING COVERING INDEX repair_orders_number_opened/,
    );
    expect(
      readsWholeSet(
        await checkPlans({
          openedFrom: CROWD_DAY,
          openedTo: CROWD_DAY,
          payer: 'customer',
          sortModel: [{ colId: 'number', sort: 'asc' }],
        }),
      ),
    ).toBe(false);
    // A range open at the end the walk starts from is walked: its first rows are inside the range.
    expect(readsWholeSet(await checkPlans({ openedTo: '2026-11-01', sortModel: [{ colId: 'number', sort: 'asc' }] }))).toBe(
      false,
    );
    // A payer on a few ROs in a hundred has its own index, newest first.
    const insurance = await checkPlans({ payer: 'insurance', text: '大明' });
    expect(insurance.flatMap((s) => planOf(t.core.deps.sqlite, s.sql, s.parameters)).join('\n')).toMatch(
      /S(CAN|EARCH) r USING INDEX repair_orders_insurance_opened/,
    );
    // A status with few ROs drives the walk by status; one with many, by the advisor's own index.
    const busy = await checkPlans({ advisorId: advisor.session.user.id, status: ['closed'] }, manager);
    expect(busy.flatMap((s) => planOf(t.core.deps.sqlite, s.sql, s.parameters)).join('\n')).toMatch(
      /SEARCH r USING INDEX repair_orders_advisor_opened \(advisor_id=\?/,
    );
  });

  it('a block deep in the list starts inside the index where the block before ended (keyset paging)', async () => {
    for (const sortModel of SORTS) {
      for (const input of [{}, { text: '大明' }, { status: ['closed' as const] }, { view: 'mine_open' as const }]) {
        const first = await advisor.client.repairOrders.grid({ startRow: 0, endRow: 50, sortModel, ...input });
        const last: RoGridRow | undefined = first.rows.at(-1);
        if (!last) continue;
        const after = {
          id: last.id,
          number: last.number,
          status: last.status,
          openedAt: last.openedAt,
          promisedAt: last.promisedAt,
        };
        const statements = await checkPlans({ ...input, sortModel, startRow: 50, endRow: 100, after });
        // The page is sought from the cursor's values (never an OFFSET past the rows before it).
        const pages = statements.filter((statement) => /FROM repair_orders AS r\b/.test(statement.sql));
        expect(
          pages.some((statement) => statement.parameters.includes(last.id)),
          JSON.stringify({ sortModel, input }),
        ).toBe(true);
        for (const statement of pages) expect(statement.parameters.at(-1)).toBe(0);
      }
    }
  });
});

describe('plans: what the RO page and the vehicle page read on opening', () => {
  it("listForVehicle and the vehicle page read the vehicle's own ROs by index", async () => {
    const vehicleId = ros[0]!.vehicle.id;
    const statements = [
      ...(await captureStatements(() => advisor.client.repairOrders.listForVehicle({ vehicleId }))),
      ...(await captureStatements(() => advisor.client.vehicles.get({ id: vehicleId }))),
      ...(await captureStatements(() => advisor.client.repairOrders.get({ id: ros[0]!.id }))),
    ].filter((statement) => /repair_order/i.test(statement.sql));
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      const plan = planOf(t.core.deps.sqlite, statement.sql, statement.parameters);
      expect(planProblems(plan), `${statement.sql}\n${plan.join('\n')}`).toEqual([]);
    }
  });
});
