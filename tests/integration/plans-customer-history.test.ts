import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../fixtures/core';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { captureStatements, planOf, planProblems, type CapturedStatement } from '../fixtures/query-plan';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * Issue 17 item 8: the customer file's lists at ten years. Each procedure is called through the API as the customer
 * page calls it (the first page and a page after a cursor), and the plan of every statement it ran is read: each
 * seeks its customer in an index and reads a page from it; no statement scans a table that grows. The declined work
 * is sorted by when it was declined over the customer's own visits (found by repair_orders_customer), never over the
 * table.
 */

let t: TestCore;
let manager: SignedIn;
let customerId: number;

beforeAll(async () => {
  t = await openTestCore();
  manager = await signIn(t.core, 'manager');
  customerId = (await makeCustomer(manager.client)).id;
  const vehicle = await makeVehicle(manager.client, customerId);
  const ro = await manager.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['保养', '雨刮'] });
  await manager.client.repairOrders.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: [
      { jobId: ro.jobs[0]!.id, decision: 'approved' },
      { jobId: ro.jobs[1]!.id, decision: 'declined' },
    ],
  });
  // Enough closed visits for a second page, written straight into the file.
  t.core.deps.sqlite
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
       INSERT INTO repair_orders (number, customer_id, vehicle_id, advisor_id, status, opened_at, created_at, updated_at)
       SELECT printf('RO2020-%06d', i), ?, ?, ?, 'closed', '2020-03-02T02:00:00.000Z', '2020-03-02T02:00:00.000Z',
              '2020-03-02T02:00:00.000Z' FROM n`,
    )
    .run(customerId, vehicle.id, manager.session.user.id);
  for (let i = 0; i < 12; i++)
    await manager.client.complaints.create({
      source: 'phone',
      customerId,
      againstDepartment: 'workshop',
      customerSays: `投诉${i}`,
    });
});
afterAll(async () => {
  await t?.close();
});

function plans(statements: CapturedStatement[]): { sql: string; plan: string[] }[] {
  return statements.map((s) => ({ sql: s.sql, plan: planOf(t.core.deps.sqlite, s.sql, s.parameters) }));
}

/** The grid's first block of `size` rows, or the one after it (by key). */
const block = (size: number, after?: string) =>
  after ? { startRow: size, endRow: 2 * size, after } : { startRow: 0, endRow: size };

/** Runs the first page and the page after it; returns every statement's plan. */
async function bothPages<P extends { next: string | null }>(call: (after?: string) => Promise<P>) {
  let next: string | null = null;
  const first = await captureStatements(async () => {
    next = (await call()).next;
  });
  expect(next).not.toBeNull();
  const second = await captureStatements(() => call(next ?? undefined));
  return plans([...first, ...second]);
}

function expectIndexed(found: { sql: string; plan: string[] }[], table: string, index: string, options = {}) {
  for (const { sql, plan } of found) expect(planProblems(plan, options), `${sql}\n${plan.join('\n')}`).toEqual([]);
  const reading = found.filter(({ sql }) => sql.includes(`from "${table}"`));
  expect(reading.length).toBeGreaterThan(0);
  for (const { plan } of reading) expect(plan.join('\n')).toMatch(new RegExp(`SEARCH \\w+ USING (COVERING )?INDEX ${index}`));
}

describe('plans of the customer file’s lists', () => {
  it('customers.visits reads a page of the customer’s ROs along repair_orders_customer', async () => {
    expectIndexed(
      await bothPages((after) => manager.client.customers.visits({ customerId, state: 'past', ...block(10, after) })),
      'repair_orders',
      'repair_orders_customer',
    );
    // A block the grid asks for without the one before it (a jump down the scrollbar) walks the same index.
    expectIndexed(
      plans(
        await captureStatements(() => manager.client.customers.visits({ customerId, state: 'past', startRow: 10, endRow: 20 })),
      ),
      'repair_orders',
      'repair_orders_customer',
    );
    // One open RO: a single page, the same statement with "in" for "not in".
    const open = await captureStatements(() =>
      manager.client.customers.visits({ customerId, state: 'open', startRow: 0, endRow: 10 }),
    );
    for (const { plan } of plans(open)) expect(planProblems(plan)).toEqual([]);
  });

  it('customers.declinedWork seeks the customer’s visits, their jobs and each job’s declined item', async () => {
    const found = plans(
      await captureStatements(() => manager.client.customers.declinedWork({ customerId, startRow: 0, endRow: 10 })),
    );
    // Sorted over the customer's own declined items only (a customer has tens of visits, not the table).
    for (const { plan } of found) expect(planProblems(plan, { allowTempOrderBy: true })).toEqual([]);
    const statement = found.find(({ sql }) => sql.includes('"declined_work"'))!;
    expect(statement.plan.join('\n')).toMatch(/SEARCH r USING (COVERING )?INDEX repair_orders_customer/);
    expect(statement.plan.join('\n')).toMatch(/SEARCH d USING INDEX declined_work_job/);
  });

  it('customers.complaints reads a page along complaints_customer', async () => {
    expectIndexed(
      await bothPages((after) => manager.client.customers.complaints({ customerId, ...block(5, after) })),
      'complaints',
      'complaints_customer',
    );
  });
});
