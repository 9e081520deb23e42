import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMEBACK_STATUSES } from '../../shared/domain/first-time-fix';
import { FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { captureStatements, planOf, planProblems } from '../fixtures/query-plan';
import { beijing, deliveredRo } from '../fixtures/repair-orders';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * The comebacks screen's grid (workshop.comebacksGrid): the rows of workshop.comebacks a block of AG Grid at a time,
 * in the foreman's order along comebacks_list (suspected first, the latest found first), with the status and date
 * filters above the grid. No sort and no column filter is offered: every block is an index walk at ten years.
 */

let t: TestCore;
let advisor: SignedIn;
let foreman: SignedIn;
let technician: SignedIn;

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  foreman = await signIn(t.core, 'foreman');
  technician = await signIn(t.core, 'technician');
  const customer = await makeCustomer(advisor.client);
  const vehicleId = (await makeVehicle(advisor.client, customer.id)).id;
  const dispatch = { by: foreman, technician };
  await deliveredRo({
    advisor,
    inspector: foreman,
    dispatch,
    clock: t.clock,
    vehicleId,
    openDay: '2026-11-02',
    deliverDay: '2026-11-02',
    group: 'brakes',
  });
  t.clock.set(beijing('2026-11-12', '10:00'));
  let later = await advisor.client.repairOrders.create({ vehicleId, concerns: ['刹车还响'] });
  later = await advisor.client.repairOrders.updateJob({
    id: later.id,
    version: later.version,
    jobId: later.jobs[0]!.id,
    concernGroup: 'brakes',
  });
  await advisor.client.repairOrders.addJob({
    id: later.id,
    version: later.version,
    concern: '刹车踏板软',
    concernGroup: 'brakes',
  });
  t.clock.set(FIXED_NOW);
  // One of the two links decided, so the grid holds more than one status.
  const [first] = (await foreman.client.workshop.comebacks({})).rows;
  await foreman.client.workshop.decideComeback({
    id: first!.id,
    version: first!.version,
    decision: 'not_quality',
    reason: '新故障',
  });
}, 60_000);

afterAll(async () => {
  await t.close();
});

const filters = [
  {},
  ...COMEBACK_STATUSES.map((status) => ({ status })),
  { from: '2026-11-01', to: '2026-11-30' },
  { status: 'suspected' as const, from: '2026-11-01' },
  { to: '2026-11-30' },
];

describe('workshop.comebacksGrid', () => {
  it.each(filters)('%j gives the rows of workshop.comebacks, block by block, with hasMore', async (filter) => {
    const whole = await foreman.client.workshop.comebacks({ ...filter, offset: 0, limit: 200 });
    expect(await foreman.client.workshop.comebacksGrid({ ...filter, startRow: 0, endRow: 100 })).toEqual(whole);
    const first = await foreman.client.workshop.comebacksGrid({ ...filter, startRow: 0, endRow: 1 });
    expect(first.rows).toEqual(whole.rows.slice(0, 1));
    expect(first.hasMore).toBe(whole.rows.length > 1);
    const second = await foreman.client.workshop.comebacksGrid({ ...filter, startRow: 1, endRow: 2 });
    expect(second.rows).toEqual(whole.rows.slice(1, 2));
  });

  it('holds both links, the suspected one first', async () => {
    const rows = (await foreman.client.workshop.comebacksGrid({ startRow: 0, endRow: 100 })).rows;
    expect(rows.map((row) => row.status)).toEqual(['suspected', 'not_quality']);
  });

  const blocks = [
    ...filters.map((filter) => ({ ...filter, startRow: 0, endRow: 100 })),
    { startRow: 100, endRow: 200 },
    { status: 'confirmed' as const, startRow: 4000, endRow: 4100 },
  ];
  it.each(blocks)('%j walks an index in the list order and reads the block’s rows by key', async (input) => {
    const statements = await captureStatements(() => foreman.client.workshop.comebacksGrid(input));
    expect(statements.length).toBeGreaterThan(0);
    const problems = statements.flatMap((s) => {
      const found = planProblems(planOf(t.core.deps.sqlite, s.sql, s.parameters));
      return found.length > 0 ? [{ sql: s.sql, found }] : [];
    });
    expect(problems).toEqual([]);
    const page = statements.find((s) => /order by/i.test(s.sql))!;
    expect(planOf(t.core.deps.sqlite, page.sql, page.parameters).join('\n')).toMatch(
      'status' in input ? /SEARCH c USING INDEX comebacks_list_status/ : /SCAN c USING INDEX comebacks_list\b/,
    );
  });

  it('offers no sort and no column filter (the order is the foreman’s), and is read by those who read comebacks', async () => {
    await expectApiError(
      foreman.client.workshop.comebacksGrid({ startRow: 0, endRow: 10, sortModel: [{ colId: 'status', sort: 'asc' }] }),
      'INVALID_INPUT',
    );
    await expectApiError(
      foreman.client.workshop.comebacksGrid({
        startRow: 0,
        endRow: 10,
        filterModel: { status: { filterType: 'text', type: 'equals', filter: 'x' } },
      }),
      'INVALID_INPUT',
    );
    await expectApiError(
      foreman.client.workshop.comebacksGrid({ startRow: 0, endRow: 10, from: '2026-11-05', to: '2026-11-04' }),
      'INVALID_INPUT',
      {
        field: 'to',
      },
    );
    await expectApiError(technician.client.workshop.comebacksGrid({ startRow: 0, endRow: 10 }), 'FORBIDDEN');
    expect((await advisor.client.workshop.comebacksGrid({ startRow: 0, endRow: 10 })).rows).toHaveLength(2);
  });
});
