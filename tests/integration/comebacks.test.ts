import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import type { ConcernGroup } from '../../shared/domain/concern-groups';
import { FIXED_NOW, countRows, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { passQualityCheck } from '../fixtures/quality';
import { signIn, type SignedIn } from '../fixtures/users';

const BEIJING = 8 * 3600_000;
function beijing(day: string, time: string): string {
  return new Date(Date.parse(`${day}T${time}:00.000Z`) - BEIJING).toISOString();
}

let t: TestCore;
let advisor: SignedIn;
let foreman: SignedIn;
let technician: SignedIn;

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  foreman = await signIn(t.core, 'foreman');
  technician = await signIn(t.core, 'technician');
});

afterAll(async () => {
  await t.close();
});

beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

async function newVehicle(): Promise<number> {
  const customer = await makeCustomer(advisor.client);
  return (await makeVehicle(advisor.client, customer.id)).id;
}

/** An RO with one job in `group`, approved, through the workshop and delivered at 17:00 on `day` (Beijing). */
async function delivered(vehicleId: number, day: string, group: ConcernGroup): Promise<RepairOrderDetail> {
  const c = advisor.client.repairOrders;
  t.clock.set(beijing(day, '09:00'));
  let ro = await c.create({ vehicleId, concerns: ['异响'] });
  const jobId = ro.jobs[0]!.id;
  ro = await c.updateJob({ id: ro.id, version: ro.version, jobId, concernGroup: group, workCategory: 'level1_minor_special' });
  ro = await c.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: [{ jobId, decision: 'approved' }],
  });
  ro = await c.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
  await passQualityCheck(foreman, ro.id);
  ro = await c.get({ id: ro.id });
  for (const to of ['qc', 'ready'] as const) ro = await c.transition({ id: ro.id, version: ro.version, to });
  t.clock.set(beijing(day, '17:00'));
  return c.deliver({ id: ro.id, version: ro.version, explanation: '已说明', collectedBy: '车主' });
}

async function linksOf(laterRoId: number) {
  const page = await foreman.client.workshop.comebacks({ limit: 200 });
  return page.rows.filter((c) => c.later.repairOrderId === laterRoId);
}

describe('comeback detection', () => {
  it('waits for the job to be triaged, follows a change of group, and keeps the foreman’s decision', async () => {
    const vehicleId = await newVehicle();
    const earlier = await delivered(vehicleId, '2026-11-02', 'brakes');
    t.clock.set(beijing('2026-11-12', '10:00'));
    const c = advisor.client.repairOrders;
    let later = await c.create({ vehicleId, concerns: ['刹车还响'] });
    // A new job is 'other' until triaged: nothing to compare yet.
    expect(await linksOf(later.id)).toEqual([]);
    later = await c.updateJob({ id: later.id, version: later.version, jobId: later.jobs[0]!.id, concernGroup: 'brakes' });
    const [link] = await linksOf(later.id);
    expect(link).toMatchObject({
      status: 'suspected',
      daysAfter: 10,
      kmAfter: null,
      earlier: { repairOrderId: earlier.id },
      detectedAt: beijing('2026-11-12', '10:00'),
    });
    // Re-triaged as another group: the suspicion goes.
    later = await c.updateJob({ id: later.id, version: later.version, jobId: later.jobs[0]!.id, concernGroup: 'engine' });
    expect(await linksOf(later.id)).toEqual([]);
    later = await c.updateJob({ id: later.id, version: later.version, jobId: later.jobs[0]!.id, concernGroup: 'brakes' });
    const [again] = await linksOf(later.id);
    await foreman.client.workshop.decideComeback({
      id: again!.id,
      version: again!.version,
      decision: 'confirmed',
      rootCause: 'diagnosis',
    });
    // A decision stays on record when the group changes afterwards; a job added in the group is linked too.
    later = await c.updateJob({ id: later.id, version: later.version, jobId: later.jobs[0]!.id, concernGroup: 'engine' });
    later = await c.addJob({ id: later.id, version: later.version, concern: '刹车踏板软', concernGroup: 'brakes' });
    const links = await linksOf(later.id);
    expect(links.map((l) => [l.later.jobId, l.status])).toEqual([
      [later.jobs[1]!.id, 'suspected'],
      [later.jobs[0]!.id, 'confirmed'],
    ]);
  });

  it('leaves out an RO cancelled after it was linked, and links nothing on another vehicle', async () => {
    const vehicleId = await newVehicle();
    await delivered(vehicleId, '2026-11-03', 'electrical');
    const other = await newVehicle();
    t.clock.set(beijing('2026-11-05', '10:00'));
    const c = advisor.client.repairOrders;
    let elsewhere = await c.create({ vehicleId: other, concerns: ['电瓶亏电'] });
    elsewhere = await c.updateJob({
      id: elsewhere.id,
      version: elsewhere.version,
      jobId: elsewhere.jobs[0]!.id,
      concernGroup: 'electrical',
    });
    expect(await linksOf(elsewhere.id)).toEqual([]);
    let later = await c.create({ vehicleId, concerns: ['电瓶亏电'] });
    later = await c.updateJob({ id: later.id, version: later.version, jobId: later.jobs[0]!.id, concernGroup: 'electrical' });
    expect(await linksOf(later.id)).toHaveLength(1);
    await c.transition({ id: later.id, version: later.version, to: 'cancelled', note: '客户取消' });
    expect(await linksOf(later.id)).toEqual([]);
  });

  it('uses the window the manager set (settings comebacks.windowDays / windowKm)', async () => {
    const vehicleId = await newVehicle();
    await delivered(vehicleId, '2026-11-01', 'ac_heating');
    // The settings screen for the window comes later: the row is written as it will write it.
    t.core.deps.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('comebacks.windowDays', '7')").run();
    try {
      expect(await advisor.client.workshop.comebackWindow({})).toEqual({ days: 7, km: 3000 });
      t.clock.set(beijing('2026-11-09', '10:00')); // day 8
      const c = advisor.client.repairOrders;
      let later = await c.create({ vehicleId, concerns: ['空调不凉'] });
      later = await c.updateJob({ id: later.id, version: later.version, jobId: later.jobs[0]!.id, concernGroup: 'ac_heating' });
      expect(await linksOf(later.id)).toEqual([]);
      expect(countRows(t.core, 'comebacks')).toBeGreaterThan(0);
    } finally {
      t.core.deps.sqlite.prepare("DELETE FROM settings WHERE key = 'comebacks.windowDays'").run();
    }
    expect(await advisor.client.workshop.comebackWindow({})).toEqual({ days: 30, km: 3000 });
  });
});

describe('the comebacks list', () => {
  it('filters by status and by the later RO’s opening day, and is not for technicians', async () => {
    const confirmed = await foreman.client.workshop.comebacks({ status: 'confirmed' });
    expect(confirmed.rows.length).toBeGreaterThan(0);
    expect(confirmed.rows.every((c) => c.status === 'confirmed')).toBe(true);
    const day = await foreman.client.workshop.comebacks({ from: '2026-11-05', to: '2026-11-05' });
    expect(day.rows.every((c) => c.later.openedAt.startsWith('2026-11-05'))).toBe(true);
    await expectApiError(foreman.client.workshop.comebacks({ from: '2026-11-05', to: '2026-11-04' }), 'INVALID_INPUT', {
      field: 'to',
      reason: 'dateRange.order',
    });
    await expectApiError(technician.client.workshop.comebacks({}), 'FORBIDDEN');
    await expectApiError(
      foreman.client.workshop.decideComeback({ id: 999_999, version: 1, decision: 'confirmed', rootCause: 'parts' }),
      'NOT_FOUND',
    );
  });
});
