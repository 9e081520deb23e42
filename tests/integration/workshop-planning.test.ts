import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { instantAt } from '../../shared/domain/desk-time';
import { FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

// FIXED_NOW is 2026-11-24T02:00Z, 10:00 in Beijing; the shipped opening hours are 08:30-17:30.
const DAY = '2026-11-24';
const at = (hm: string) => instantAt(DAY, Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3))).toISOString();
const SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let t: TestCore;
let advisor: SignedIn;
let foreman: SignedIn;
let tech1: SignedIn;
let tech2: SignedIn;
let ownerId: number;
let ownerName: string;

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  foreman = await signIn(t.core, 'foreman');
  tech1 = await signIn(t.core, 'technician');
  tech2 = await signIn(t.core, 'technician');
  const owner = await makeCustomer(advisor.client);
  ownerId = owner.id;
  ownerName = owner.name;
  await foreman.client.workshop.setSkills({ technicianId: tech1.session.user.id, concernGroups: ['brakes'] });
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

/** An RO in progress with one approved brakes job of 1.5 h sold. */
async function startedRo(): Promise<RepairOrderDetail> {
  const vehicle = await makeVehicle(advisor.client, ownerId);
  let ro = await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['刹车异响'] });
  const jobId = ro.jobs[0]!.id;
  ro = await advisor.client.repairOrders.updateJob({ id: ro.id, version: ro.version, jobId, concernGroup: 'brakes' });
  ro = await advisor.client.repairOrders.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId,
    code: 'BRK-01',
    nameZh: '更换前刹车片',
    hoursMilli: 1500,
    laborRateFen: 22_000,
  });
  ro = await advisor.client.repairOrders.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ownerName,
    channel: 'in_person',
    signaturePng: SIGNATURE,
    decisions: [{ jobId, decision: 'approved' }],
  });
  return advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
}

const plannedStart = (jobId: number) =>
  (
    t.core.deps.sqlite.prepare('select planned_start_at as p from repair_order_jobs where id = ?').get(jobId) as {
      p: string | null;
    }
  ).p;

describe('workshop.plan', () => {
  it('plans a job onto a technician at a time; the board shows it in their row with its start and the opening hours', async () => {
    const ro = await startedRo();
    const jobId = ro.jobs[0]!.id;
    const job = await foreman.client.workshop.plan({ jobId, technicianId: tech1.session.user.id, plannedStartAt: at('13:00') });
    expect(job.plannedStartAt).toBe(at('13:00'));
    expect(job.technician?.id).toBe(tech1.session.user.id);
    expect(plannedStart(jobId)).toBe('2026-11-24T05:00:00.000Z');
    const board = await foreman.client.workshop.board({});
    expect(board.hours).toEqual({ opensAt: 8 * 60 + 30, closesAt: 17 * 60 + 30 });
    const row = board.technicians.find((tech) => tech.id === tech1.session.user.id)!;
    expect(row.jobs.find((j) => j.jobId === jobId)).toMatchObject({
      plannedStartAt: at('13:00'),
      soldMilli: 1500,
      firstClockedAt: null,
    });
  });

  it('keeps the dispatch rules: a missing skill is refused until confirmed, and nothing is written before', async () => {
    const ro = await startedRo();
    const jobId = ro.jobs[0]!.id;
    await expectApiError(
      foreman.client.workshop.plan({ jobId, technicianId: tech2.session.user.id, plannedStartAt: at('09:00') }),
      'RULE',
      { field: 'technicianId', reason: 'assign.skillMissing' },
    );
    expect(plannedStart(jobId)).toBeNull();
    const job = await foreman.client.workshop.plan({
      jobId,
      technicianId: tech2.session.user.id,
      plannedStartAt: at('09:00'),
      overrideSkills: true,
    });
    expect(job.technician?.id).toBe(tech2.session.user.id);
  });

  it('refuses a start outside the opening hours, and one the technician may not give', async () => {
    const ro = await startedRo();
    const jobId = ro.jobs[0]!.id;
    for (const hm of ['08:00', '17:30', '22:00']) {
      await expectApiError(
        foreman.client.workshop.plan({ jobId, technicianId: tech1.session.user.id, plannedStartAt: at(hm) }),
        'RULE',
        { field: 'plannedStartAt', reason: 'plan.outsideHours', params: { opens: '08:30', closes: '17:30' } },
      );
    }
    await expectApiError(
      foreman.client.workshop.plan({ jobId, technicianId: tech1.session.user.id, plannedStartAt: 'noon' }),
      'INVALID_INPUT',
      { field: 'plannedStartAt' },
    );
    await expectApiError(
      tech1.client.workshop.plan({ jobId, technicianId: tech1.session.user.id, plannedStartAt: at('09:00') }),
      'FORBIDDEN',
    );
    expect(plannedStart(jobId)).toBeNull();
  });

  it('moves a job in time without asking the skill again, and back to the queue clears its time', async () => {
    const ro = await startedRo();
    const jobId = ro.jobs[0]!.id;
    await foreman.client.workshop.plan({
      jobId,
      technicianId: tech2.session.user.id,
      plannedStartAt: at('09:00'),
      overrideSkills: true,
    });
    const moved = await foreman.client.workshop.plan({ jobId, technicianId: tech2.session.user.id, plannedStartAt: at('15:30') });
    expect(moved.plannedStartAt).toBe(at('15:30'));
    const back = await foreman.client.workshop.assign({ jobId, technicianId: null });
    expect(back).toMatchObject({ technician: null, plannedStartAt: null });
    expect(plannedStart(jobId)).toBeNull();
  });

  it('refuses to hand a job on while a clocking runs on it; the bar then starts where the clocking started', async () => {
    const ro = await startedRo();
    const jobId = ro.jobs[0]!.id;
    await foreman.client.workshop.plan({ jobId, technicianId: tech1.session.user.id, plannedStartAt: null });
    await tech1.client.workshop.clockOn({ jobId });
    await expectApiError(
      foreman.client.workshop.plan({
        jobId,
        technicianId: tech2.session.user.id,
        plannedStartAt: at('11:00'),
        overrideSkills: true,
      }),
      'RULE',
      { field: 'technicianId', reason: 'assign.clockingRunning' },
    );
    // The same technician at another time is no hand-over.
    const job = await foreman.client.workshop.plan({ jobId, technicianId: tech1.session.user.id, plannedStartAt: at('10:00') });
    expect(job).toMatchObject({ plannedStartAt: at('10:00'), firstClockedAt: FIXED_NOW });
    await tech1.client.workshop.clockOff({ jobId, finished: true });
  });
});

describe('workshop bays', () => {
  it('keeps the manager’s list of bays over its version; the board offers the active ones as rows', async () => {
    const manager = await signIn(t.core, 'manager');
    expect(await foreman.client.workshop.bays({})).toEqual({ bays: [], version: 0 });
    const saved = await manager.client.workshop.setBays({
      bays: [
        { name: 'A1', kind: 'lift', active: true },
        { name: '四轮定位', kind: 'alignment', active: true },
        { name: 'W', kind: 'wash', active: false },
      ],
      version: 0,
    });
    expect(saved.version).toBe(1);
    expect(saved.bays.map((bay) => bay.name)).toEqual(['A1', '四轮定位', 'W']);
    const board = await foreman.client.workshop.board({});
    expect(board.bays).toEqual([
      { name: 'A1', kind: 'lift', active: true },
      { name: '四轮定位', kind: 'alignment', active: true },
    ]);
    // Another desk's save in between, a name twice, and a foreman are refused; nothing is written.
    await expectApiError(manager.client.workshop.setBays({ bays: [], version: 0 }), 'CONFLICT');
    await expectApiError(
      manager.client.workshop.setBays({
        bays: [
          { name: 'A1', kind: 'lift', active: true },
          { name: 'a1', kind: 'ev', active: true },
        ],
        version: 1,
      }),
      'INVALID_INPUT',
      { field: 'bays.1.name', reason: 'bays.duplicate' },
    );
    await expectApiError(foreman.client.workshop.setBays({ bays: [], version: 1 }), 'FORBIDDEN');
    expect((await foreman.client.workshop.bays({})).version).toBe(1);
  });

  it('plans a job into a bay at a time: the bay and start are set, the technician stays', async () => {
    const ro = await startedRo();
    const jobId = ro.jobs[0]!.id;
    await foreman.client.workshop.plan({ jobId, technicianId: tech1.session.user.id, plannedStartAt: at('09:00') });
    const job = await foreman.client.workshop.planBay({ jobId, bay: 'A1', plannedStartAt: at('14:15') });
    expect(job).toMatchObject({ bay: 'A1', plannedStartAt: at('14:15'), technician: { id: tech1.session.user.id } });
    await expectApiError(foreman.client.workshop.planBay({ jobId, bay: 'A1', plannedStartAt: at('18:00') }), 'RULE', {
      field: 'plannedStartAt',
      reason: 'plan.outsideHours',
    });
    await expectApiError(advisor.client.workshop.planBay({ jobId, bay: 'A1', plannedStartAt: at('10:00') }), 'FORBIDDEN');
    expect(plannedStart(jobId)).toBe(at('14:15'));
    // A car being worked on stays in its bay.
    await tech1.client.workshop.clockOn({ jobId });
    await expectApiError(foreman.client.workshop.planBay({ jobId, bay: 'B2', plannedStartAt: at('10:00') }), 'RULE', {
      reason: 'assign.clockingRunning',
    });
    await tech1.client.workshop.clockOff({ jobId, finished: true });
  });
});
