import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { changedKeys, customerEditValues, partEditValues, repairOrderEditValues } from '../../shared/contract/concurrent-edits';
import type { CustomerDetail, CustomerFields } from '../../shared/contract/customers';
import type { PartDetail, PartFields } from '../../shared/contract/parts';
import { FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

// Two desks: each signed in on its own session, each loading the record before either saves.
let t: TestCore;
let desk1: SignedIn;
let desk2: SignedIn;
let clerk1: SignedIn;
let clerk2: SignedIn;
beforeAll(async () => {
  t = await openTestCore();
  desk1 = await signIn(t.core, 'advisor');
  desk2 = await signIn(t.core, 'advisor');
  clerk1 = await signIn(t.core, 'parts_clerk');
  clerk2 = await signIn(t.core, 'manager');
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

/** A refusal for a stale version, with the record as the other desk saved it. */
function staleIssueOf(error: { issues: { reason: string; current?: unknown }[] }) {
  const issue = error.issues.find((i) => i.reason === 'staleVersion');
  expect(issue?.current, JSON.stringify(error.issues)).toBeDefined();
  return issue!.current as { version: number; updatedAt: string; updatedBy: string | null; values: Record<string, unknown> };
}

function customerFieldsOf(c: CustomerDetail): CustomerFields {
  return {
    kind: c.kind,
    name: c.name,
    contactPerson: c.contactPerson,
    phones: c.phones,
    email: c.email,
    address: c.address,
    preferredContact: c.preferredContact,
    consentToContact: c.consentToContact,
  };
}

describe('two desks edit the same customer', () => {
  it('the first save wins; the second is refused with what changed and writes nothing; a re-save on the new version succeeds', async () => {
    const created = await makeCustomer(desk1.client, { name: '王芳', phones: [{ number: '13800138000', label: 'mobile' }] });
    const loaded1 = await desk1.client.customers.get({ id: created.id });
    const loaded2 = await desk2.client.customers.get({ id: created.id });

    t.clock.set('2026-11-24T02:03:00.000Z');
    const saved1 = await desk1.client.customers.update({
      ...customerFieldsOf(loaded1),
      phones: [{ number: '13900139000', label: 'mobile' }],
      name: '王芳芳',
      id: loaded1.id,
      version: loaded1.version,
    });
    expect(saved1.version).toBe(loaded1.version + 1);

    t.clock.set('2026-11-24T02:05:00.000Z');
    const error = await expectApiError(
      desk2.client.customers.update({
        ...customerFieldsOf(loaded2),
        address: '北京市朝阳区建国路1号',
        id: loaded2.id,
        version: loaded2.version,
      }),
      'CONFLICT',
      { field: 'version', reason: 'staleVersion' },
    );
    const current = staleIssueOf(error);
    expect(current.version).toBe(saved1.version);
    expect(current.updatedAt).toBe('2026-11-24T02:03:00.000Z');
    expect(current.values).toEqual(customerEditValues(saved1));
    // What the second desk loaded against what is stored now: the two fields the first desk changed, nothing else.
    expect(changedKeys(customerEditValues(loaded2), customerEditValues(saved1))).toEqual(['name', 'phones']);
    expect(current.values.phones).toBe('13900139000');

    // Nothing of the second save was written.
    const after = await desk2.client.customers.get({ id: created.id });
    expect(after.version).toBe(saved1.version);
    expect(after.address).toBe(loaded2.address);
    expect(after.name).toBe('王芳芳');
    expect(after.updatedAt).toBe('2026-11-24T02:03:00.000Z');

    // The second desk saves over it knowingly, on the version it was shown.
    const saved2 = await desk2.client.customers.update({
      ...customerFieldsOf(loaded2),
      address: '北京市朝阳区建国路1号',
      id: loaded2.id,
      version: current.version,
    });
    expect(saved2.version).toBe(saved1.version + 1);
    expect(saved2.address).toBe('北京市朝阳区建国路1号');
  });
});

const partFields = (overrides: Partial<PartFields> = {}): PartFields => ({
  partNumber: '04465-YZZ01',
  nameZh: '前刹车片',
  nameEn: 'Front brake pads',
  brand: '丰田',
  unit: 'set',
  listPriceFen: 48_000,
  costFen: 30_000,
  taxClass: 'standard',
  defaultBin: 'B-02-01',
  minQtyMilli: 1_000,
  maxQtyMilli: 6_000,
  ...overrides,
});

function partInput(p: PartDetail, overrides: Partial<PartFields> = {}) {
  return { ...partFields({ partNumber: p.partNumber }), ...overrides, id: p.id, version: p.version, active: p.active };
}

describe('two desks edit the same part', () => {
  it('the second save is refused with the new price and version; the stored part keeps the first save', async () => {
    const created = await clerk1.client.parts.create(partFields());
    const loaded1 = await clerk1.client.parts.get({ id: created.id });
    const loaded2 = await clerk2.client.parts.get({ id: created.id });

    const saved1 = await clerk1.client.parts.update(partInput(loaded1, { listPriceFen: 52_000 }));
    const error = await expectApiError(clerk2.client.parts.update(partInput(loaded2, { defaultBin: 'C-09-09' })), 'CONFLICT', {
      field: 'version',
      reason: 'staleVersion',
    });
    const current = staleIssueOf(error);
    expect(current.version).toBe(saved1.version);
    expect(current.values).toEqual(partEditValues(saved1));
    expect(changedKeys(partEditValues(loaded2), current.values as never)).toEqual(['listPriceFen']);
    expect(current.values.listPriceFen).toBe(52_000);

    const after = await clerk2.client.parts.get({ id: created.id });
    expect(after.defaultBin).toBe('B-02-01');
    expect(after.listPriceFen).toBe(52_000);
    expect(after.version).toBe(saved1.version);

    const saved2 = await clerk2.client.parts.update({
      ...partInput(loaded2, { defaultBin: 'C-09-09' }),
      version: current.version,
    });
    expect(saved2.defaultBin).toBe('C-09-09');
    expect(saved2.version).toBe(saved1.version + 1);
  });
});

describe('two desks edit the same RO', () => {
  it('a job edit from a stale version is refused with the job field the other desk changed; nothing is written', async () => {
    const owner = await makeCustomer(desk1.client);
    const vehicle = await makeVehicle(desk1.client, owner.id);
    const ro = await desk1.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['刹车异响'] });
    const jobId = ro.jobs[0]!.id;
    const loaded1 = await desk1.client.repairOrders.get({ id: ro.id });
    const loaded2 = await desk2.client.repairOrders.get({ id: ro.id });

    t.clock.set('2026-11-24T02:10:00.000Z');
    const saved1 = await desk1.client.repairOrders.updateJob({
      id: ro.id,
      version: loaded1.version,
      jobId,
      cause: '前刹车片磨损到极限',
    });
    const error = await expectApiError(
      desk2.client.repairOrders.updateJob({
        id: ro.id,
        version: loaded2.version,
        jobId,
        concern: '刹车时有尖锐异响',
        cause: '待检查',
      }),
      'CONFLICT',
      { field: 'version', reason: 'staleVersion' },
    );
    const current = staleIssueOf(error);
    expect(current.version).toBe(saved1.version);
    expect(current.updatedAt).toBe('2026-11-24T02:10:00.000Z');
    expect(changedKeys(repairOrderEditValues(loaded2), current.values as never)).toEqual(['jobs.1.cause']);
    expect(current.values['jobs.1.cause']).toBe('前刹车片磨损到极限');

    const after = await desk2.client.repairOrders.get({ id: ro.id });
    expect(after.version).toBe(saved1.version);
    expect(after.jobs[0]!.concern).toBe('刹车异响');
    expect(after.jobs[0]!.cause).toBe('前刹车片磨损到极限');

    // The header too: a promised time set on the stale version is refused the same way.
    await expectApiError(
      desk2.client.repairOrders.setPromisedTime({ id: ro.id, version: loaded2.version, promisedAt: '2026-11-24T09:00:00.000Z' }),
      'CONFLICT',
      { reason: 'staleVersion' },
    );
    expect((await desk2.client.repairOrders.get({ id: ro.id })).promisedAt).toBe(saved1.promisedAt);

    const saved2 = await desk2.client.repairOrders.updateJob({
      id: ro.id,
      version: current.version,
      jobId,
      concern: '刹车时有尖锐异响',
    });
    expect(saved2.version).toBe(saved1.version + 1);
    expect(saved2.jobs[0]!.concern).toBe('刹车时有尖锐异响');
    expect(saved2.jobs[0]!.cause).toBe('前刹车片磨损到极限');
  });
});
