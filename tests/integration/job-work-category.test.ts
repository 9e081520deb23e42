import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

let t: TestCore;
let advisor: SignedIn;
beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
});
afterAll(async () => {
  await t?.close();
});

describe("a job's work category (the guarantee category the settlement and the certificate depend on)", () => {
  it('starts unset, is set and cleared by the advisor, and has no technician until dispatched', async () => {
    const owner = await makeCustomer(advisor.client);
    const vehicle = await makeVehicle(advisor.client, owner.id);
    let ro = await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['二级维护'] });
    const jobId = ro.jobs[0]!.id;
    expect(ro.jobs[0]).toMatchObject({ workCategory: null, technician: null });

    ro = await advisor.client.repairOrders.updateJob({
      id: ro.id,
      version: ro.version,
      jobId,
      workCategory: 'level2_maintenance',
    });
    expect(ro.jobs[0]!.workCategory).toBe('level2_maintenance');
    expect((await advisor.client.repairOrders.get({ id: ro.id })).jobs[0]!.workCategory).toBe('level2_maintenance');

    ro = await advisor.client.repairOrders.updateJob({ id: ro.id, version: ro.version, jobId, workCategory: null });
    expect(ro.jobs[0]!.workCategory).toBeNull();

    await expectApiError(
      advisor.client.repairOrders.updateJob({ id: ro.id, version: ro.version, jobId, workCategory: 'overhaul' as never }),
      'INVALID_INPUT',
      { field: 'workCategory' },
    );
  });
});
