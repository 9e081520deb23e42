import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

// FIXED_NOW is 02:00 UTC = 10:00 in Beijing on Tuesday 24 Nov 2026; the workshop is open 08:30-17:30 desk time.
let t: TestCore;
let advisor: SignedIn;
let ownerId: number;
beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  ownerId = (await makeCustomer(advisor.client)).id;
});
afterAll(async () => {
  await t?.close();
});

/** An RO promised at `promisedAt` (Beijing time) with one job of `hours` flat-rate hours, approved by phone. */
async function roWithWork(promisedAt: string, hours: number, approve = true): Promise<RepairOrderDetail> {
  const vehicle = await makeVehicle(advisor.client, ownerId);
  let ro = await advisor.client.repairOrders.create({
    vehicleId: vehicle.id,
    concerns: ['发动机故障灯亮'],
    promisedAt: `${promisedAt}+08:00`,
  });
  ro = await advisor.client.repairOrders.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId: ro.jobs[0]!.id,
    nameZh: '发动机诊断',
    hoursMilli: hours * 1000,
    laborRateFen: 20_000,
  });
  if (!approve) return ro;
  return advisor.client.repairOrders.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: [{ jobId: ro.jobs[0]!.id, decision: 'approved' }],
  });
}

function riskOf(rows: Awaited<ReturnType<typeof advisor.client.repairOrders.promiseRisks>>, id: number) {
  return rows.find((row) => row.id === id);
}

describe('the promise-time warning', () => {
  it('flags the clear cases: enough time, too much work left, waiting for parts, waiting for approval', async () => {
    const fits = await roWithWork('2026-11-24T16:00:00', 2); // 6 h open time left, 2 h to do
    const tooMuch = await roWithWork('2026-11-24T13:00:00', 5); // 3 h left, 5 h to do
    const tomorrow = await roWithWork('2026-11-25T12:00:00', 10); // 7.5 h today + 3.5 h tomorrow = 11 h >= 10 h
    const parts = await roWithWork('2026-11-26T17:00:00', 1);
    const approval = await roWithWork('2026-11-26T17:00:00', 1, false);
    // The job waits for parts: the state the dispatch board sets (written here directly, the rule is what is tested).
    t.core.deps.sqlite
      .prepare(`update repair_order_jobs set workshop_state = 'paused', pause_reason = 'parts' where repair_order_id = ?`)
      .run(parts.id);

    const rows = await advisor.client.repairOrders.promiseRisks({});
    expect(riskOf(rows, fits.id)).toMatchObject({ level: 'on_track', reasons: [], remainingMilli: 2000, availableMilli: 6000 });
    expect(riskOf(rows, tooMuch.id)).toMatchObject({
      level: 'at_risk',
      reasons: ['hours'],
      remainingMilli: 5000,
      availableMilli: 3000,
    });
    expect(riskOf(rows, tomorrow.id)).toMatchObject({ level: 'on_track', availableMilli: 11_000 });
    expect(riskOf(rows, parts.id)).toMatchObject({ level: 'at_risk', reasons: ['parts'] });
    expect(riskOf(rows, approval.id)).toMatchObject({ level: 'at_risk', reasons: ['approval'] });
    // At risk first, then on track; every row names its RO.
    expect(rows.findIndex((row) => row.level === 'on_track')).toBeGreaterThan(rows.findIndex((row) => row.level === 'at_risk'));
    expect(riskOf(rows, fits.id)).toMatchObject({ number: fits.number, plate: fits.vehicle.plate });
  });

  it('counts clocked time against the hours sold, and says late once the promise has passed', async () => {
    const ro = await roWithWork('2026-11-24T12:00:00', 3); // 2 h left before the promise, 3 h sold
    const techId = (await signIn(t.core, 'technician')).session.user.id;
    // 1.5 h already clocked on it (a finished clocking, as the workshop records them).
    t.core.deps.sqlite
      .prepare(
        `insert into job_clockings (repair_order_id, job_id, technician_id, started_at, ended_at, created_at)
         values (?, ?, ?, '2026-11-24T00:30:00.000Z', '2026-11-24T02:00:00.000Z', '2026-11-24T00:30:00.000Z')`,
      )
      .run(ro.id, ro.jobs[0]!.id, techId);
    expect(riskOf(await advisor.client.repairOrders.promiseRisks({}), ro.id)).toMatchObject({
      level: 'on_track',
      remainingMilli: 1500,
      availableMilli: 2000,
    });

    t.clock.set('2026-11-24T04:30:00.000Z'); // 12:30 in Beijing
    expect(riskOf(await advisor.client.repairOrders.promiseRisks({}), ro.id)).toMatchObject({ level: 'late', reasons: ['late'] });
  });

  it('is read by the service department, not by anyone signed out', async () => {
    await expectApiError(t.core.client().repairOrders.promiseRisks({}), 'UNAUTHENTICATED');
  });
});
