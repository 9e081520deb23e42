import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../fixtures/core';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { captureStatements, planOf, planProblems } from '../fixtures/query-plan';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * Query plans of the loaner cars (issue 19 item 3): the fleet page, the RO page's loan, the utilisation report and
 * the lend and return writes. Loans grow with every long repair for ten years: no full scan of them, no sort of a
 * whole result for a page.
 */
let t: TestCore;
let advisor: SignedIn;
let roId: number;
let carId: number;

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  const customer = await makeCustomer(advisor.client);
  const vehicle = await makeVehicle(advisor.client, customer.id);
  roId = (await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['异响'] })).id;
  carId = (await advisor.client.loaners.create({ plate: '京AD0001', model: '朗逸', mileageKm: 100, fuelEighths: 8 })).id;
});
afterAll(async () => {
  await t?.close();
});

async function problemsOf(work: () => Promise<unknown>) {
  const statements = await captureStatements(work);
  // Proof the capture saw the procedure's reads at all.
  expect(statements.filter((s) => /^\s*select/i.test(s.sql)).length).toBeGreaterThan(0);
  return statements
    .filter((s) => /^\s*select/i.test(s.sql))
    .map((s) => ({ sql: s.sql, problems: planProblems(planOf(t.core.deps.sqlite, s.sql, s.parameters)) }))
    .filter((s) => s.problems.length > 0);
}

describe('loaner plans', () => {
  it('lending, the RO’s loan, the agreement and the return read through indexes', async () => {
    const car = await advisor.client.loaners.get({ id: carId });
    let loanId = 0;
    expect(
      await problemsOf(async () => {
        const loan = await advisor.client.loaners.lend({
          carId,
          carVersion: car.version,
          repairOrderId: roId,
          driverName: '张三',
          licenceNumber: '11010519491231002X',
          outMileageKm: 100,
          fuelEighths: 8,
          marks: [],
          expectedReturnAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
        });
        loanId = loan.id;
      }),
    ).toEqual([]);
    expect(await problemsOf(() => advisor.client.loaners.openLoanOfRo({ repairOrderId: roId }))).toEqual([]);
    expect(await problemsOf(() => advisor.client.loaners.loan({ id: loanId }))).toEqual([]);
    expect(await problemsOf(() => advisor.client.loaners.loansOfRo({ repairOrderId: roId }))).toEqual([]);
    expect(await problemsOf(() => advisor.client.loaners.returnLoan({ loanId, inMileageKm: 150, fuelEighths: 6 }))).toEqual([]);
  });

  it('the fleet page and the utilisation report page in SQL by plate', async () => {
    expect(await problemsOf(() => advisor.client.loaners.list({ limit: 20 }))).toEqual([]);
    expect(await problemsOf(() => advisor.client.loaners.list({ status: 'available', limit: 20 }))).toEqual([]);
    expect(await problemsOf(() => advisor.client.loaners.utilisation({ month: '2026-11', limit: 20 }))).toEqual([]);
  });
});
