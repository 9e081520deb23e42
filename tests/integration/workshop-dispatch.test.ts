import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import type { BoardDto } from '../../shared/contract/workshop';
import type { LiveChange } from '../../shared/domain/live-areas';
import { countRows, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

// FIXED_NOW is 2026-11-24T02:00Z, 10:00 in Beijing.
const MINUTE = 60_000;
const SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const TABLES = [
  'job_clockings',
  'job_clocking_corrections',
  'job_state_history',
  'technician_skills',
  'repair_order_jobs',
] as const;

let t: TestCore;
let advisor: SignedIn;
let foreman: SignedIn;
let manager: SignedIn;
let tech1: SignedIn;
let tech2: SignedIn;
let csi: SignedIn;
let ownerId: number;
let ownerName: string;

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  foreman = await signIn(t.core, 'foreman');
  manager = await signIn(t.core, 'manager');
  tech1 = await signIn(t.core, 'technician');
  tech2 = await signIn(t.core, 'technician');
  csi = await signIn(t.core, 'csi_agent');
  const owner = await makeCustomer(advisor.client);
  ownerId = owner.id;
  ownerName = owner.name;
  await foreman.client.workshop.setSkills({ technicianId: tech1.session.user.id, concernGroups: ['brakes', 'engine'] });
  await foreman.client.workshop.setSkills({ technicianId: tech2.session.user.id, concernGroups: ['brakes'] });
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

function counts(): Record<string, number> {
  return Object.fromEntries(TABLES.map((table) => [table, countRows(t.core, table)]));
}

async function authorise(ro: RepairOrderDetail, jobIds: number[]): Promise<RepairOrderDetail> {
  return advisor.client.repairOrders.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ownerName,
    channel: 'in_person',
    signaturePng: SIGNATURE,
    decisions: jobIds.map((jobId) => ({ jobId, decision: 'approved' as const })),
  });
}

/**
 * An RO with a brakes job (1.5 h sold) and an engine job, both approved; `start` moves it to in_progress.
 */
async function approvedRo(start = true): Promise<RepairOrderDetail> {
  const vehicle = await makeVehicle(advisor.client, ownerId);
  let ro = await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['刹车异响', '发动机抖动'] });
  const [brakes, engine] = ro.jobs;
  ro = await advisor.client.repairOrders.updateJob({ id: ro.id, version: ro.version, jobId: brakes!.id, concernGroup: 'brakes' });
  ro = await advisor.client.repairOrders.updateJob({ id: ro.id, version: ro.version, jobId: engine!.id, concernGroup: 'engine' });
  ro = await advisor.client.repairOrders.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId: brakes!.id,
    code: 'BRK-01',
    nameZh: '更换前刹车片',
    hoursMilli: 1500,
    laborRateFen: 22_000,
  });
  ro = await authorise(ro, [brakes!.id, engine!.id]);
  if (start) ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
  return ro;
}

function boardJob(board: BoardDto, jobId: number) {
  const unassigned = board.unassigned.find((job) => job.jobId === jobId);
  if (unassigned) return { column: 'unassigned' as const, job: unassigned };
  for (const technician of board.technicians) {
    const job = technician.jobs.find((candidate) => candidate.jobId === jobId);
    if (job) return { column: technician.id, job };
  }
  return null;
}

describe('workshop.board', () => {
  it('shows approved jobs of ROs in the workshop, not jobs still pending approval, with sold hours, plate and promise', async () => {
    const vehicle = await makeVehicle(advisor.client, ownerId);
    const pending = await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['异响待报价'] });
    const ro = await approvedRo();
    const board = await foreman.client.workshop.board({});
    expect(boardJob(board, pending.jobs[0]!.id)).toBeNull();
    const found = boardJob(board, ro.jobs[0]!.id);
    expect(found?.column).toBe('unassigned');
    expect(found?.job).toMatchObject({
      roNumber: ro.number,
      plate: ro.vehicle.plate,
      concern: '刹车异响',
      concernGroup: 'brakes',
      state: 'waiting',
      soldMilli: 1500,
      clockedMinutes: 0,
      technician: null,
    });
    const column = board.technicians.find((c) => c.id === tech1.session.user.id);
    expect(column?.skills).toEqual(['brakes', 'engine']);
    // The advisor reads it too; a technician or CSI agent does not.
    await expect(advisor.client.workshop.board({})).resolves.toBeTruthy();
    await expectApiError(tech1.client.workshop.board({}), 'FORBIDDEN');
    await expectApiError(csi.client.workshop.board({}), 'FORBIDDEN');
  });
});

describe('workshop.assign and skills', () => {
  it('dispatches to a skilled technician, refuses one without the skill unless confirmed, and returns jobs to the queue', async () => {
    const ro = await approvedRo();
    const engine = ro.jobs[1]!;
    const changes: LiveChange[] = [];
    const stop = t.core.deps.events.subscribe((change) => changes.push(change));
    const before = counts();
    await expectApiError(foreman.client.workshop.assign({ jobId: engine.id, technicianId: tech2.session.user.id }), 'RULE', {
      field: 'technicianId',
      reason: 'assign.skillMissing',
    });
    expect(counts()).toEqual(before);
    expect(changes).toEqual([]);
    let job = await foreman.client.workshop.assign({
      jobId: engine.id,
      technicianId: tech2.session.user.id,
      overrideSkills: true,
    });
    expect(job.technician?.id).toBe(tech2.session.user.id);
    // Only the bay changes: the skill rule is not asked again.
    job = await foreman.client.workshop.assign({ jobId: engine.id, technicianId: tech2.session.user.id, bay: 'A1' });
    expect(job).toMatchObject({ technician: { id: tech2.session.user.id }, bay: 'A1' });
    job = await manager.client.workshop.assign({ jobId: engine.id, technicianId: tech1.session.user.id, bay: 'B3' });
    expect(job).toMatchObject({ technician: { id: tech1.session.user.id }, bay: 'B3' });
    expect(changes).toContainEqual({ area: 'workshop', id: ro.id });
    expect(changes).toContainEqual({ area: 'repairOrders', id: ro.id });
    stop();
    // The RO page shows who has the job.
    const detail = await advisor.client.repairOrders.get({ id: ro.id });
    expect(detail.jobs[1]!.technician?.id).toBe(tech1.session.user.id);
    const board = await advisor.client.workshop.board({});
    expect(boardJob(board, engine.id)?.column).toBe(tech1.session.user.id);
    await manager.client.workshop.assign({ jobId: engine.id, technicianId: null });
    expect(boardJob(await foreman.client.workshop.board({}), engine.id)?.column).toBe('unassigned');
    // Only dispatchers assign; only technicians can be assigned.
    await expectApiError(advisor.client.workshop.assign({ jobId: engine.id, technicianId: tech1.session.user.id }), 'FORBIDDEN');
    await expectApiError(tech1.client.workshop.assign({ jobId: engine.id, technicianId: tech1.session.user.id }), 'FORBIDDEN');
    await expectApiError(
      foreman.client.workshop.assign({ jobId: engine.id, technicianId: advisor.session.user.id, overrideSkills: true }),
      'RULE',
      { reason: 'technician.notTechnician' },
    );
  });

  it('does not dispatch a job still pending the customer approval', async () => {
    const vehicle = await makeVehicle(advisor.client, ownerId);
    const ro = await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['待报价'] });
    await expectApiError(
      foreman.client.workshop.assign({ jobId: ro.jobs[0]!.id, technicianId: tech1.session.user.id, overrideSkills: true }),
      'RULE',
      { reason: 'workshopJob.notApproved' },
    );
    const detail = await advisor.client.repairOrders.get({ id: ro.id });
    expect(detail.jobs[0]!.technician).toBeNull();
  });
});

describe('clocking', () => {
  it('clocks on, refuses a second running clocking with nothing written, clocks off finished', async () => {
    const ro = await approvedRo();
    const [brakes, engine] = ro.jobs;
    await foreman.client.workshop.assign({ jobId: brakes!.id, technicianId: tech1.session.user.id });
    await foreman.client.workshop.assign({ jobId: engine!.id, technicianId: tech1.session.user.id });

    let mine = await tech1.client.workshop.clockOn({ jobId: brakes!.id });
    expect(mine.running).toMatchObject({ jobId: brakes!.id, roNumber: ro.number, startedAt: FIXED_NOW });
    expect(mine.jobs.find((job) => job.jobId === brakes!.id)?.state).toBe('in_progress');

    const before = counts();
    await expectApiError(tech1.client.workshop.clockOn({ jobId: engine!.id }), 'RULE', {
      field: 'jobId',
      reason: 'clocking.alreadyRunning',
      params: { number: ro.number, concern: '刹车异响' },
    });
    expect(counts()).toEqual(before);
    expect((await tech1.client.workshop.myJobs({})).jobs.find((job) => job.jobId === engine!.id)?.state).toBe('waiting');

    t.clock.advance(45 * MINUTE);
    mine = await tech1.client.workshop.clockOff({ jobId: brakes!.id, finished: true });
    expect(mine.running).toBeNull();
    const done = mine.jobs.find((job) => job.jobId === brakes!.id);
    expect(done).toMatchObject({ state: 'done', clockedMinutes: 45 });
    const board = await foreman.client.workshop.board({});
    const column = board.technicians.find((c) => c.id === tech1.session.user.id)!;
    expect(column.clockedMinutesDay).toBeGreaterThanOrEqual(45);
    const states = await advisor.client.workshop.roJobs({ repairOrderId: ro.id });
    expect(states.map((s) => s.state)).toEqual(['done', 'waiting']);

    // Now the engine job may start; clocking off unfinished puts it back to waiting.
    await tech1.client.workshop.clockOn({ jobId: engine!.id });
    t.clock.advance(10 * MINUTE);
    mine = await tech1.client.workshop.clockOff({ jobId: engine!.id, finished: false });
    expect(mine.jobs.find((job) => job.jobId === engine!.id)).toMatchObject({ state: 'waiting', clockedMinutes: 10 });
  });

  it('refuses clocking on another technician’s job, on an RO not started or on hold', async () => {
    const ro = await approvedRo();
    const brakes = ro.jobs[0]!;
    await foreman.client.workshop.assign({ jobId: brakes.id, technicianId: tech1.session.user.id });
    const before = counts();
    await expectApiError(tech2.client.workshop.clockOn({ jobId: brakes.id }), 'RULE', { reason: 'clocking.notYourJob' });
    await expectApiError(foreman.client.workshop.clockOn({ jobId: brakes.id }), 'FORBIDDEN');

    const notStarted = await approvedRo(false);
    await foreman.client.workshop.assign({ jobId: notStarted.jobs[0]!.id, technicianId: tech2.session.user.id });
    // On the board already (approved), but the advisor has not started the work.
    expect(boardJob(await foreman.client.workshop.board({}), notStarted.jobs[0]!.id)?.column).toBe(tech2.session.user.id);
    const assigned = counts();
    await expectApiError(tech2.client.workshop.clockOn({ jobId: notStarted.jobs[0]!.id }), 'RULE', {
      reason: 'clocking.roNotStarted',
    });

    const held = await approvedRo();
    await foreman.client.workshop.assign({ jobId: held.jobs[0]!.id, technicianId: tech2.session.user.id });
    await advisor.client.repairOrders.transition({ id: held.id, version: held.version, to: 'on_hold' });
    const heldCounts = counts();
    await expectApiError(tech2.client.workshop.clockOn({ jobId: held.jobs[0]!.id }), 'RULE', {
      reason: 'clocking.roNotInProgress',
    });
    expect(counts()).toEqual(heldCounts);
    expect(assigned.job_clockings).toBe(before.job_clockings);
  });

  it('pauses with a reason (ending the clocking) and refuses reassigning a job while it is clocked', async () => {
    const ro = await approvedRo();
    const brakes = ro.jobs[0]!;
    await foreman.client.workshop.assign({ jobId: brakes.id, technicianId: tech2.session.user.id });
    await tech2.client.workshop.clockOn({ jobId: brakes.id });
    await expectApiError(foreman.client.workshop.assign({ jobId: brakes.id, technicianId: tech1.session.user.id }), 'RULE', {
      reason: 'assign.clockingRunning',
    });
    await expectApiError(tech2.client.workshop.pause({ jobId: brakes.id, reason: 'other', note: '' }), 'INVALID_INPUT', {
      field: 'note',
      reason: 'required',
    });
    t.clock.advance(20 * MINUTE);
    const paused = await tech2.client.workshop.pause({ jobId: brakes.id, reason: 'parts', note: '刹车片缺货' });
    expect(paused).toMatchObject({
      state: 'paused',
      pauseReason: 'parts',
      pauseNote: '刹车片缺货',
      running: null,
      clockedMinutes: 20,
    });
    expect((await tech2.client.workshop.myJobs({})).running).toBeNull();
    // Reassign is allowed now; clocking on again resumes.
    await foreman.client.workshop.assign({ jobId: brakes.id, technicianId: tech1.session.user.id });
    const mine = await tech1.client.workshop.clockOn({ jobId: brakes.id });
    expect(mine.jobs.find((job) => job.jobId === brakes.id)).toMatchObject({ state: 'in_progress', pauseReason: null });
    await tech1.client.workshop.clockOff({ jobId: brakes.id, finished: true });
    const history = t.core.deps.sqlite
      .prepare('SELECT from_state, to_state, pause_reason FROM job_state_history WHERE job_id = ? ORDER BY id')
      .all(brakes.id);
    expect(history).toEqual([
      { from_state: 'waiting', to_state: 'in_progress', pause_reason: null },
      { from_state: 'in_progress', to_state: 'paused', pause_reason: 'parts' },
      { from_state: 'paused', to_state: 'in_progress', pause_reason: null },
      { from_state: 'in_progress', to_state: 'done', pause_reason: null },
    ]);
  });

  it('keeps the RO from going to the final check or on hold while a technician is clocked on it', async () => {
    const ro = await approvedRo();
    const brakes = ro.jobs[0]!;
    await foreman.client.workshop.assign({ jobId: brakes.id, technicianId: tech1.session.user.id });
    await tech1.client.workshop.clockOn({ jobId: brakes.id });
    const version = (await advisor.client.repairOrders.get({ id: ro.id })).version;
    for (const to of ['qc', 'on_hold'] as const) {
      await expectApiError(advisor.client.repairOrders.transition({ id: ro.id, version, to }), 'RULE', {
        field: 'to',
        reason: 'clocking.stillRunning',
        params: { name: tech1.session.user.displayName },
      });
    }
    expect((await advisor.client.repairOrders.get({ id: ro.id })).status).toBe('in_progress');
    await tech1.client.workshop.clockOff({ jobId: brakes.id, finished: true });
    const moved = await advisor.client.repairOrders.transition({ id: ro.id, version, to: 'qc' });
    expect(moved.status).toBe('qc');
  });

  it('lets the database refuse a second running clocking too', async () => {
    const ro = await approvedRo();
    const insert = t.core.deps.sqlite.prepare(
      'INSERT INTO job_clockings (repair_order_id, job_id, technician_id, started_at, ended_at, created_at) VALUES (?, ?, ?, ?, NULL, ?)',
    );
    insert.run(ro.id, ro.jobs[0]!.id, csi.session.user.id, FIXED_NOW, FIXED_NOW);
    expect(() => insert.run(ro.id, ro.jobs[1]!.id, csi.session.user.id, FIXED_NOW, FIXED_NOW)).toThrow(/UNIQUE/);
    t.core.deps.sqlite.prepare('DELETE FROM job_clockings WHERE technician_id = ?').run(csi.session.user.id);
  });
});

describe('workshop.correctClocking', () => {
  it('lets the manager correct an ended clocking with a reason and keeps the values before; refuses others and no reason', async () => {
    const ro = await approvedRo();
    const brakes = ro.jobs[0]!;
    await foreman.client.workshop.assign({ jobId: brakes.id, technicianId: tech2.session.user.id });
    await tech2.client.workshop.clockOn({ jobId: brakes.id });
    t.clock.advance(30 * MINUTE);
    await tech2.client.workshop.clockOff({ jobId: brakes.id, finished: false });
    const [clocking] = await foreman.client.workshop.clockings({ jobId: brakes.id });
    expect(clocking).toMatchObject({ startedAt: FIXED_NOW, minutes: 30 });
    const correction = {
      clockingId: clocking!.id,
      // Before the other clockings of the morning (a correction may not overlap another clocking of the technician).
      startedAt: '2026-11-24T01:00:00.000Z',
      endedAt: '2026-11-24T02:00:00.000Z',
      reason: '忘记打卡，按班组长记录更正',
    };
    const before = counts();
    await expectApiError(foreman.client.workshop.correctClocking(correction), 'FORBIDDEN');
    await expectApiError(tech2.client.workshop.correctClocking(correction), 'FORBIDDEN');
    await expectApiError(manager.client.workshop.correctClocking({ ...correction, reason: '  ' }), 'INVALID_INPUT', {
      field: 'reason',
    });
    await expectApiError(
      manager.client.workshop.correctClocking({ ...correction, endedAt: '2026-11-24T00:30:00.000Z' }),
      'INVALID_INPUT',
      { field: 'endedAt', reason: 'clocking.endBeforeStart' },
    );
    expect(counts()).toEqual(before);
    expect((await foreman.client.workshop.clockings({ jobId: brakes.id }))[0]).toMatchObject({
      startedAt: FIXED_NOW,
      minutes: 30,
    });

    // A second stretch on the job, 02:30-02:40: a correction may not run into it.
    await tech2.client.workshop.clockOn({ jobId: brakes.id });
    t.clock.advance(10 * MINUTE);
    await tech2.client.workshop.clockOff({ jobId: brakes.id, finished: false });
    await expectApiError(
      manager.client.workshop.correctClocking({ ...correction, endedAt: '2026-11-24T02:35:00.000Z' }),
      'RULE',
      { field: 'startedAt', reason: 'clocking.overlap' },
    );
    expect(countRows(t.core, 'job_clocking_corrections')).toBe(before.job_clocking_corrections);

    const corrected = await manager.client.workshop.correctClocking(correction);
    expect(corrected).toMatchObject({ startedAt: correction.startedAt, endedAt: correction.endedAt, minutes: 60 });
    expect(corrected.corrections).toEqual([
      expect.objectContaining({
        oldStartedAt: FIXED_NOW,
        oldEndedAt: '2026-11-24T02:30:00.000Z',
        newStartedAt: correction.startedAt,
        newEndedAt: correction.endedAt,
        reason: correction.reason,
        correctedBy: manager.session.user.displayName,
      }),
    ]);
    const states = await advisor.client.workshop.roJobs({ repairOrderId: ro.id });
    expect(states[0]!.clockedMinutes).toBe(70);
  });
});

describe('findings and additional work', () => {
  it('writes the 3C findings on the RO, by the job’s technician or the foreman, not another technician', async () => {
    const ro = await approvedRo();
    const brakes = ro.jobs[0]!;
    await foreman.client.workshop.assign({ jobId: brakes.id, technicianId: tech1.session.user.id });
    await expectApiError(tech2.client.workshop.recordFindings({ jobId: brakes.id, cause: 'x', correction: 'y' }), 'RULE', {
      reason: 'clocking.notYourJob',
    });
    expect((await advisor.client.repairOrders.get({ id: ro.id })).jobs[0]!.cause).toBe('');
    await tech1.client.workshop.recordFindings({ jobId: brakes.id, cause: '前刹车片磨损到极限', correction: '更换前刹车片' });
    const detail = await advisor.client.repairOrders.get({ id: ro.id });
    expect(detail.jobs[0]).toMatchObject({ cause: '前刹车片磨损到极限', correction: '更换前刹车片' });
    // The RO moved on: a screen holding the older version reads again before saving.
    expect(detail.version).toBeGreaterThan(ro.version);
    await foreman.client.workshop.recordFindings({ jobId: brakes.id, cause: '刹车片磨损', correction: '更换' });
    await expectApiError(advisor.client.workshop.recordFindings({ jobId: brakes.id, cause: '', correction: '' }), 'FORBIDDEN');
  });

  it('proposes additional work as a pending job that joins the board once the customer approves it', async () => {
    const ro = await approvedRo();
    await foreman.client.workshop.assign({ jobId: ro.jobs[0]!.id, technicianId: tech1.session.user.id });
    // A technician with no job on the RO may not propose on it.
    await expectApiError(
      tech2.client.workshop.proposeJob({ repairOrderId: ro.id, concern: '刹车盘磨损', concernGroup: 'brakes', note: '' }),
      'RULE',
      { reason: 'propose.notYourRepairOrder' },
    );
    const proposed = await tech1.client.workshop.proposeJob({
      repairOrderId: ro.id,
      concern: '前刹车盘磨损超限',
      concernGroup: 'brakes',
      note: '刹车盘厚度 20mm，低于限值',
    });
    expect(proposed.origin).toBe('workshop');
    let detail = await advisor.client.repairOrders.get({ id: ro.id });
    const added = detail.jobs.find((job) => job.id === proposed.jobId)!;
    expect(added).toMatchObject({ concern: '前刹车盘磨损超限', authorization: 'pending', concernGroup: 'brakes' });
    expect(boardJob(await foreman.client.workshop.board({}), proposed.jobId)).toBeNull();
    const facts = await advisor.client.workshop.roJobs({ repairOrderId: ro.id });
    expect(facts.find((f) => f.jobId === proposed.jobId)).toMatchObject({
      origin: 'workshop',
      proposalNote: '刹车盘厚度 20mm，低于限值',
    });

    detail = await authorise(detail, [proposed.jobId]);
    expect(boardJob(await foreman.client.workshop.board({}), proposed.jobId)?.column).toBe('unassigned');
    await expectApiError(
      advisor.client.workshop.proposeJob({ repairOrderId: ro.id, concern: 'x', concernGroup: 'other', note: '' }),
      'FORBIDDEN',
    );
  });
});

describe('attendance', () => {
  it('records the hours a technician attended on a day, shown on the board of that day', async () => {
    await foreman.client.workshop.recordAttendance({
      technicianId: tech1.session.user.id,
      day: '2026-11-24',
      attendedMilli: 8000,
    });
    await manager.client.workshop.recordAttendance({
      technicianId: tech1.session.user.id,
      day: '2026-11-24',
      attendedMilli: 7500,
    });
    const board = await foreman.client.workshop.board({ day: '2026-11-24' });
    expect(board.technicians.find((c) => c.id === tech1.session.user.id)?.attendedMilli).toBe(7500);
    expect(board.technicians.find((c) => c.id === tech2.session.user.id)?.attendedMilli).toBeNull();
    await expectApiError(
      foreman.client.workshop.recordAttendance({ technicianId: tech1.session.user.id, day: '2026-11-25', attendedMilli: 8000 }),
      'RULE',
      { reason: 'date.future' },
    );
    await expectApiError(
      tech1.client.workshop.recordAttendance({ technicianId: tech1.session.user.id, day: '2026-11-24', attendedMilli: 8000 }),
      'FORBIDDEN',
    );
    await expectApiError(
      foreman.client.workshop.recordAttendance({ technicianId: tech1.session.user.id, day: '2026-11-24', attendedMilli: 24_001 }),
      'INVALID_INPUT',
      { field: 'attendedMilli' },
    );
  });
});

describe('roles and skills', () => {
  it('lets only the dispatchers set skills, of technicians, and only technicians work on their jobs', async () => {
    const before = counts();
    await expectApiError(
      tech1.client.workshop.setSkills({ technicianId: tech1.session.user.id, concernGroups: ['engine'] }),
      'FORBIDDEN',
    );
    await expectApiError(
      advisor.client.workshop.setSkills({ technicianId: tech1.session.user.id, concernGroups: ['engine'] }),
      'FORBIDDEN',
    );
    await expectApiError(
      manager.client.workshop.setSkills({ technicianId: advisor.session.user.id, concernGroups: ['engine'] }),
      'RULE',
      { reason: 'technician.notTechnician' },
    );
    expect(counts()).toEqual(before);
    await expectApiError(foreman.client.workshop.myJobs({}), 'FORBIDDEN');
    await expectApiError(advisor.client.workshop.clockOn({ jobId: 1 }), 'FORBIDDEN');
    await expectApiError(manager.client.workshop.clockOff({ jobId: 1, finished: true }), 'FORBIDDEN');
    const skills = await manager.client.workshop.setSkills({
      technicianId: tech2.session.user.id,
      concernGroups: ['engine', 'brakes', 'engine'],
    });
    expect(skills.concernGroups).toEqual(['brakes', 'engine']);
    const board = await foreman.client.workshop.board({});
    expect(board.technicians.find((c) => c.id === tech2.session.user.id)?.skills).toEqual(['brakes', 'engine']);
  });
});
