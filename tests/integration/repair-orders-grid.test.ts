import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RepairOrderDetail, type RoGridInput, type RoPayer } from '../../shared/contract/repair-orders';
import type { RepairOrderStatus } from '../../shared/domain/repair-order-status';
import { migration as migration0022 } from '../../electron/core/db/migrations/0022-index-repair-order-search';
import { deskDayStart } from '../../shared/domain/desk-time';
import { FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle, validVin } from '../fixtures/factories';
import { passQualityCheck } from '../fixtures/quality';
import { captureStatements, planOf, planProblems } from '../fixtures/query-plan';
import { signIn, type SignedIn } from '../fixtures/users';

// FIXED_NOW is 2026-11-24T02:00Z: Tuesday 24 November, 10:00 in Beijing. The desk's "today" runs from
// 2026-11-23T16:00Z to 2026-11-24T16:00Z. ROs are written with the clock set back to their opening time (sessions
// signed in at FIXED_NOW stay valid for times before it), then the clock returns to FIXED_NOW.

let t: TestCore;
let advisorA: SignedIn;
let advisorB: SignedIn;
let manager: SignedIn;
const ro: Record<string, RepairOrderDetail> = {};

interface Plan {
  by: 'A' | 'B';
  openedAt: string;
  promisedAt: string | null;
  /** Status walk after creation (each step at the opening time). */
  walk?: RepairOrderStatus[];
  /** Payer of an extra job (the first job is the customer's). */
  extraPayer?: RoPayer;
  /** A part line's unit price on the first job, fen (quantity 1). */
  partFen?: number;
}

/** Worked out by hand: which view each RO belongs to at FIXED_NOW. */
const PLANS: Record<string, Plan> = {
  // Promised for Monday 18:00 Beijing: late, and not due today.
  a1: { by: 'A', openedAt: '2026-11-22T01:00:00.000Z', promisedAt: '2026-11-23T10:00:00.000Z', partFen: 12_345 },
  // Opened 00:30 Tuesday in Beijing (still Monday in UTC); promised 17:00 today: due today, not late.
  a2: { by: 'A', openedAt: '2026-11-23T16:30:00.000Z', promisedAt: '2026-11-24T09:00:00.000Z' },
  // Opened 23:30 Monday in Beijing; promised 09:00 today, an hour ago: due today and late; a warranty job too.
  a3: {
    by: 'A',
    openedAt: '2026-11-23T15:30:00.000Z',
    promisedAt: '2026-11-24T01:00:00.000Z',
    extraPayer: 'warranty',
    partFen: 50_000,
  },
  // In progress, no promise: A's open RO, in neither due today nor late.
  a4: { by: 'A', openedAt: '2026-11-20T02:00:00.000Z', promisedAt: null, walk: ['in_progress'] },
  // Delivered with a promise long past: not open, so in no view but "all".
  a5: {
    by: 'A',
    openedAt: '2026-11-19T02:00:00.000Z',
    promisedAt: '2026-11-20T02:00:00.000Z',
    walk: ['in_progress', 'qc', 'ready', 'delivered'],
    extraPayer: 'internal',
  },
  // B's, promised 23:59 today in Beijing: due today, not late, not A's.
  b1: { by: 'B', openedAt: '2026-11-24T01:00:00.000Z', promisedAt: '2026-11-24T15:59:00.000Z' },
  // B's, promised 00:00 Wednesday in Beijing (the first instant of tomorrow): neither due today nor late.
  b2: { by: 'B', openedAt: '2026-11-21T03:00:00.000Z', promisedAt: '2026-11-24T16:00:00.000Z', walk: ['in_progress', 'on_hold'] },
  // B's, cancelled with its promise past: not open, so not late.
  b3: {
    by: 'B',
    openedAt: '2026-11-21T04:00:00.000Z',
    promisedAt: '2026-11-22T04:00:00.000Z',
    walk: ['cancelled'],
    extraPayer: 'insurance',
  },
};

const NEWEST_FIRST = ['b1', 'a2', 'a3', 'a1', 'b3', 'b2', 'a4', 'a5'];

beforeAll(async () => {
  t = await openTestCore();
  advisorA = await signIn(t.core, 'advisor');
  advisorB = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  // Written oldest first, so numbers follow opening times.
  const order = Object.entries(PLANS).sort(([, x], [, y]) => x.openedAt.localeCompare(y.openedAt));
  let n = 0;
  for (const [key, plan] of order) {
    n += 1;
    const who = plan.by === 'A' ? advisorA : advisorB;
    t.clock.set(FIXED_NOW);
    const customer = await makeCustomer(who.client, key === 'a1' ? { name: '欧阳娜娜' } : {});
    const vehicle = await makeVehicle(who.client, customer.id, {
      plate: key === 'a2' ? '沪B 7K9Q2' : `京G${String(n).padStart(5, '0')}`,
      vin: validVin('LFV2A21K', key === 'b2' ? '7A654321' : `R9${String(n).padStart(6, '0')}`),
    });
    t.clock.set(plan.openedAt);
    let detail = await who.client.repairOrders.create({ vehicleId: vehicle.id, promisedAt: plan.promisedAt, concerns: ['保养'] });
    if (plan.partFen) {
      detail = await who.client.repairOrders.addPartLine({
        id: detail.id,
        version: detail.version,
        jobId: detail.jobs[0]!.id,
        partNumber: 'OIL-5W30',
        nameZh: '机油',
        qtyMilli: 1000,
        unitPriceFen: plan.partFen,
      });
    }
    if (plan.extraPayer) {
      detail = await who.client.repairOrders.addJob({
        id: detail.id,
        version: detail.version,
        concern: '异响',
        payer: plan.extraPayer,
      });
    }
    for (const to of plan.walk ?? []) {
      if (to === 'in_progress') {
        // Work starts on what the customer approved.
        detail = await who.client.repairOrders.authorise({
          id: detail.id,
          version: detail.version,
          customerName: customer.name,
          channel: 'phone',
          decisions: detail.jobs.map((job) => ({ jobId: job.id, decision: 'approved' as const })),
        });
      }
      if (to === 'ready') await passQualityCheck(manager, detail.id);
      if (to === 'delivered') {
        // Handed over through the settlement's procedure: the job's guarantee category first, then the explanation.
        for (const job of detail.jobs) {
          detail = await who.client.repairOrders.updateJob({
            id: detail.id,
            version: (await who.client.repairOrders.get({ id: detail.id })).version,
            jobId: job.id,
            workCategory: 'level1_minor_special',
          });
        }
        detail = await who.client.repairOrders.deliver({
          id: detail.id,
          version: detail.version,
          explanation: '已交车说明',
          collectedBy: '车主',
        });
        continue;
      }
      if (to === 'ready') detail = await who.client.repairOrders.get({ id: detail.id });
      detail = await who.client.repairOrders.transition({ id: detail.id, version: detail.version, to });
    }
    ro[key] = detail;
  }
  t.clock.set(FIXED_NOW);
});
afterAll(async () => {
  await t?.close();
});

const keyOf = (id: number) => Object.keys(ro).find((key) => ro[key]!.id === id);

async function keys(input: Partial<RoGridInput>, who: SignedIn = advisorA): Promise<string[]> {
  const page = await who.client.repairOrders.grid({ startRow: 0, endRow: 100, ...input });
  return page.rows.map((row) => keyOf(row.id) ?? `#${row.id}`);
}

describe('repairOrders.grid: saved views', () => {
  it('"all" lists every RO, newest opened first', async () => {
    expect(await keys({})).toEqual(NEWEST_FIRST);
    expect(await keys({ view: 'all' }, manager)).toEqual(NEWEST_FIRST);
  });

  it('"mine_open" is the acting advisor\'s ROs before delivered', async () => {
    expect(await keys({ view: 'mine_open' })).toEqual(['a2', 'a3', 'a1', 'a4']);
    expect(await keys({ view: 'mine_open' }, advisorB)).toEqual(['b1', 'b2']);
    expect(await keys({ view: 'mine_open' }, manager)).toEqual([]);
  });

  it('"due_today" is open ROs promised within today in Beijing, soonest promise first', async () => {
    expect(await keys({ view: 'due_today' })).toEqual(['a3', 'a2', 'b1']);
  });

  it('"late" is open ROs whose promised time has passed, by the core\'s clock', async () => {
    expect(await keys({ view: 'late' })).toEqual(['a1', 'a3']);
    // At 17:30 Beijing a2 (promised 17:00) has become late too; b1 (23:59) has not.
    t.clock.set('2026-11-24T09:30:00.000Z');
    try {
      expect(await keys({ view: 'late' })).toEqual(['a1', 'a3', 'a2']);
      const page = await advisorA.client.repairOrders.grid({ startRow: 0, endRow: 100 });
      expect(page.rows.filter((row) => row.late).map((row) => keyOf(row.id))).toEqual(['a2', 'a3', 'a1']);
    } finally {
      t.clock.set(FIXED_NOW);
    }
  });

  it('a view narrows together with the filters', async () => {
    expect(await keys({ view: 'late', status: ['open'] })).toEqual(['a1', 'a3']);
    expect(await keys({ view: 'late', status: ['delivered'] })).toEqual([]);
    expect(await keys({ view: 'due_today', advisorId: advisorB.session.user.id })).toEqual(['b1']);
    expect(await keys({ view: 'mine_open', advisorId: advisorB.session.user.id })).toEqual([]);
  });
});

describe('repairOrders.grid: rows, paging and sorting', () => {
  it('a row carries names, plate, the sum of the stored line totals, payers and the late mark', async () => {
    const page = await advisorA.client.repairOrders.grid({ startRow: 0, endRow: 100 });
    const a3 = page.rows.find((row) => row.id === ro.a3!.id)!;
    expect(a3).toMatchObject({
      number: ro.a3!.number,
      status: 'open',
      customerName: ro.a3!.customer.name,
      plate: ro.a3!.vehicle.plate,
      advisorId: advisorA.session.user.id,
      advisorName: advisorA.session.user.displayName,
      openedAt: PLANS.a3!.openedAt,
      promisedAt: PLANS.a3!.promisedAt,
      late: true,
      totalFen: ro.a3!.totals.all.totalFen,
      payers: ['customer', 'warranty'],
    });
    expect(a3.totalFen).toBeGreaterThan(0);
    const a1 = page.rows.find((row) => row.id === ro.a1!.id)!;
    expect(a1.totalFen).toBe(ro.a1!.totals.all.totalFen);
    expect(page.rows.find((row) => row.id === ro.a2!.id)).toMatchObject({ totalFen: 0, late: false, payers: ['customer'] });
    // Handed over with a past promise (nothing owed, so closed at once): not marked late.
    expect(page.rows.find((row) => row.id === ro.a5!.id)).toMatchObject({ status: 'closed', late: false });
  });

  it('pages in SQL: one extra row tells whether there is more', async () => {
    const first = await advisorA.client.repairOrders.grid({ startRow: 0, endRow: 3 });
    expect(first.rows.map((row) => keyOf(row.id))).toEqual(NEWEST_FIRST.slice(0, 3));
    expect(first.hasMore).toBe(true);
    const middle = await advisorA.client.repairOrders.grid({ startRow: 3, endRow: 6 });
    expect(middle.rows.map((row) => keyOf(row.id))).toEqual(NEWEST_FIRST.slice(3, 6));
    expect(middle.hasMore).toBe(true);
    const last = await advisorA.client.repairOrders.grid({ startRow: 6, endRow: 9 });
    expect(last.rows.map((row) => keyOf(row.id))).toEqual(NEWEST_FIRST.slice(6));
    expect(last.hasMore).toBe(false);
    const exact = await advisorA.client.repairOrders.grid({ startRow: 5, endRow: 8 });
    expect(exact.rows).toHaveLength(3);
    expect(exact.hasMore).toBe(false);
  });

  it('sorts by number, opened, promised and status', async () => {
    const byNumber = Object.keys(ro).sort((x, y) => ro[x]!.number.localeCompare(ro[y]!.number));
    expect(await keys({ sortModel: [{ colId: 'number', sort: 'asc' }] })).toEqual(byNumber);
    expect(await keys({ sortModel: [{ colId: 'number', sort: 'desc' }] })).toEqual([...byNumber].reverse());
    expect(await keys({ sortModel: [{ colId: 'openedAt', sort: 'asc' }] })).toEqual([...NEWEST_FIRST].reverse());
    // SQLite puts NULL first ascending: a4 has no promise.
    expect(await keys({ sortModel: [{ colId: 'promisedAt', sort: 'asc' }] })).toEqual([
      'a4',
      'a5',
      'b3',
      'a1',
      'a3',
      'a2',
      'b1',
      'b2',
    ]);
    const byStatus = await advisorA.client.repairOrders.grid({
      startRow: 0,
      endRow: 100,
      sortModel: [{ colId: 'status', sort: 'asc' }],
    });
    const statuses = byStatus.rows.map((row) => row.status);
    expect(statuses).toEqual([...statuses].sort());
  });

  it('refuses unknown sort columns and grid column filters by schema', async () => {
    await expectApiError(
      advisorA.client.repairOrders.grid({
        startRow: 0,
        endRow: 10,
        sortModel: [{ colId: 'customerName' as never, sort: 'asc' }],
      }),
      'INVALID_INPUT',
      { field: 'sortModel.0.colId' },
    );
    await expectApiError(
      advisorA.client.repairOrders.grid({
        startRow: 0,
        endRow: 10,
        filterModel: { number: { filterType: 'text', type: 'contains', filter: '1' } },
      }),
      'INVALID_INPUT',
      { field: 'filterModel.number', reason: 'filter.unsupported' },
    );
    await expectApiError(advisorA.client.repairOrders.grid({ startRow: 0, endRow: 500 }), 'INVALID_INPUT', { field: 'endRow' });
    await expectApiError(
      advisorA.client.repairOrders.grid({ startRow: 0, endRow: 10, view: 'everything' as never }),
      'INVALID_INPUT',
      {
        field: 'view',
      },
    );
    await expectApiError(
      advisorA.client.repairOrders.grid({ startRow: 0, endRow: 10, openedFrom: '2026-11-24', openedTo: '2026-11-23' }),
      'INVALID_INPUT',
      { field: 'openedTo', reason: 'dateRange.order' },
    );
  });

  it('needs a signed-in user', async () => {
    await expectApiError(t.core.client().repairOrders.grid({ startRow: 0, endRow: 10 }), 'UNAUTHENTICATED');
  });
});

describe('repairOrders.grid: filters', () => {
  it('by status (any of several)', async () => {
    expect(await keys({ status: ['in_progress', 'on_hold'] })).toEqual(['b2', 'a4']);
    expect(await keys({ status: ['cancelled'] })).toEqual(['b3']);
  });

  it('by advisor', async () => {
    expect(await keys({ advisorId: advisorB.session.user.id })).toEqual(['b1', 'b3', 'b2']);
    expect(await keys({ advisorId: manager.session.user.id })).toEqual([]);
  });

  it('by opening date, on Beijing day boundaries (both days included)', async () => {
    expect(deskDayStart('2026-11-24')).toBe('2026-11-23T16:00:00.000Z');
    // Tuesday in Beijing: a2 (00:30 Tuesday, Monday in UTC) and b1; not a3 (23:30 Monday).
    expect(await keys({ openedFrom: '2026-11-24', openedTo: '2026-11-24' })).toEqual(['b1', 'a2']);
    expect(await keys({ openedFrom: '2026-11-23', openedTo: '2026-11-23' })).toEqual(['a3']);
    expect(await keys({ openedFrom: '2026-11-21', openedTo: '2026-11-22' })).toEqual(['a1', 'b3', 'b2']);
    expect(await keys({ openedTo: '2026-11-20' })).toEqual(['a4', 'a5']);
    expect(await keys({ openedFrom: '2026-11-23' })).toEqual(['b1', 'a2', 'a3']);
  });

  it('by payer: ROs with at least one job for that payer', async () => {
    expect(await keys({ payer: 'warranty' })).toEqual(['a3']);
    expect(await keys({ payer: 'insurance' })).toEqual(['b3']);
    expect(await keys({ payer: 'customer' })).toEqual(NEWEST_FIRST);
  });

  it('by text: RO number, plate (any spacing or case), customer name, VIN tail', async () => {
    expect(await keys({ text: ro.a4!.number })).toEqual(['a4']);
    expect(await keys({ text: ro.a4!.number.slice(-3).toLowerCase() })).toEqual(['a4']);
    expect(await keys({ text: '沪b7k 9q2' })).toEqual(['a2']);
    expect(await keys({ text: '7K9' })).toEqual(['a2']);
    expect(await keys({ text: '欧阳' })).toEqual(['a1']);
    expect(await keys({ text: '654321' })).toEqual(['b2']);
    // Ends the VIN, so a tail; the same characters inside another VIN are not a tail.
    expect(await keys({ text: 'a654321' })).toEqual(['b2']);
    expect(await keys({ text: '100%_' })).toEqual([]);
  });
});

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
