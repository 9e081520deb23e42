import type { z } from 'zod';
import type {
  attendanceInput,
  BoardDto,
  ClockingDto,
  clockOffInput,
  correctClockingInput,
  findingsInput,
  MyJobsDto,
  pauseInput,
  proposeJobInput,
  RoJobWorkshopDto,
  setSkillsInput,
  WorkshopJobDto,
} from '../../../shared/contract/workshop';
import type { ConcernGroup } from '../../../shared/domain/concern-groups';
import { BOARD_RO_STATUSES, type JobWorkshopState, type PauseReason } from '../../../shared/domain/workshop-states';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { fail, notFound } from '../errors';
import { insertJob } from '../ro-records/repository';
import { deskDay, deskDayStart } from '../../../shared/domain/desk-time';
import * as repo from './repository';
import { recordAudit } from '../audit/record';
import { activeBays } from './bays';
import { slotSettings } from '../settings/appointment-slots';
import { activeTechnician, isBoardStatus, jobDtos, jobForWork, loadJob, minutes, overlapMs, published } from './jobs';

async function changeState(
  trx: Db,
  job: { id: number; workshop_state: JobWorkshopState },
  to: JobWorkshopState,
  actor: Actor,
  now: string,
  pause: { reason: PauseReason; note: string } | null = null,
): Promise<void> {
  await repo.updateJob(trx, job.id, {
    workshop_state: to,
    pause_reason: pause?.reason ?? null,
    pause_note: pause?.note ?? '',
    updated_at: now,
  });
  if (job.workshop_state !== to || pause) {
    await repo.insertStateChange(trx, {
      job_id: job.id,
      from_state: job.workshop_state,
      to_state: to,
      pause_reason: pause?.reason ?? null,
      changed_by: actor.id,
      changed_at: now,
      note: pause?.note ?? '',
    });
  }
}

// --- reads ---

/** workshop.board */
export async function board(deps: CoreDeps, input: { day?: string }): Promise<BoardDto> {
  const now = isoNow(deps.clock);
  const day = input.day ?? deskDay(deps.clock.now());
  const from = deskDayStart(day);
  const to = new Date(Date.parse(from) + 24 * 3600_000).toISOString();
  const [rows, technicians, attendance, hours, bays] = await Promise.all([
    repo.findWorkshopJobs(deps.db, { roStatuses: BOARD_RO_STATUSES, approvedOnly: true }),
    repo.findTechnicians(deps.db),
    repo.findAttendance(deps.db, day),
    slotSettings(deps.db),
    activeBays(deps.db),
  ]);
  // Only the day's clockings of the technicians on the board: never every clocking ever made.
  const dayClockings = await repo.findClockingsOfTechniciansBetween(
    deps.db,
    technicians.map((t) => t.id),
    from,
    to,
  );
  const [jobs, skills] = await Promise.all([
    jobDtos(deps.db, rows, now),
    repo.findSkills(
      deps.db,
      technicians.map((t) => t.id),
    ),
  ]);
  const columnIds = new Set(technicians.map((t) => t.id));
  return {
    day,
    hours: { opensAt: hours.opensAt, closesAt: hours.closesAt },
    // A job dispatched to someone no longer on the board (deactivated) goes back to the queue's eyes.
    unassigned: jobs.filter((job) => job.technician === null || !columnIds.has(job.technician.id)),
    technicians: technicians.map((t) => ({
      id: t.id,
      displayName: t.display_name,
      skills: skills.filter((s) => s.technician_id === t.id).map((s) => s.concern_group),
      jobs: jobs.filter((job) => job.technician?.id === t.id),
      clockedMinutesDay: minutes(
        dayClockings.filter((c) => c.technician_id === t.id).reduce((sum, c) => sum + overlapMs(c, now, from, to), 0),
      ),
      attendedMilli: attendance.find((a) => a.technician_id === t.id)?.attended_milli ?? null,
    })),
    bays,
  };
}

async function loadMyJobs(db: Db, actor: Actor, now: string): Promise<MyJobsDto> {
  const rows = await repo.findWorkshopJobs(db, { roStatuses: BOARD_RO_STATUSES, approvedOnly: true, technicianId: actor.id });
  const running = await repo.findRunningClocking(db, actor.id);
  return {
    jobs: await jobDtos(db, rows, now),
    running: running
      ? { clockingId: running.id, jobId: running.job_id, roNumber: running.ro_number, startedAt: running.started_at }
      : null,
  };
}

/** workshop.myJobs */
export function myJobs(deps: CoreDeps, actor: Actor): Promise<MyJobsDto> {
  return loadMyJobs(deps.db, actor, isoNow(deps.clock));
}

/** workshop.roJobs */
export async function roJobs(deps: CoreDeps, repairOrderId: number): Promise<RoJobWorkshopDto[]> {
  const now = isoNow(deps.clock);
  const rows = await repo.findWorkshopJobs(deps.db, { repairOrderId });
  const dtos = await jobDtos(deps.db, rows, now);
  return rows
    .map((row, k) => ({
      jobId: row.id,
      position: row.position,
      state: row.workshop_state,
      pauseReason: row.pause_reason,
      pauseNote: row.pause_note,
      origin: row.origin,
      proposalNote: row.proposal_note,
      technician: dtos[k]!.technician,
      clockedMinutes: dtos[k]!.clockedMinutes,
    }))
    .sort((a, b) => a.position - b.position)
    .map(({ position: _position, ...rest }) => rest);
}

/** workshop.clockings */
export async function clockings(deps: CoreDeps, jobId: number): Promise<ClockingDto[]> {
  const now = isoNow(deps.clock);
  const rows = await repo.findClockingsOfJobs(deps.db, [jobId]);
  const corrections = await repo.findCorrections(
    deps.db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    jobId: row.job_id,
    technician: { id: row.technician_id, displayName: row.technician_name },
    startedAt: row.started_at,
    endedAt: row.ended_at,
    minutes: minutes(overlapMs(row, now)),
    corrections: corrections
      .filter((k) => k.clocking_id === row.id)
      .map((k) => ({
        oldStartedAt: k.old_started_at,
        oldEndedAt: k.old_ended_at,
        newStartedAt: k.new_started_at,
        newEndedAt: k.new_ended_at,
        reason: k.reason,
        correctedBy: k.corrected_by_name,
        correctedAt: k.corrected_at,
      })),
  }));
}

// --- dispatch ---

/** workshop.setSkills */
export async function setSkills(
  deps: CoreDeps,
  input: z.output<typeof setSkillsInput>,
): Promise<{ concernGroups: ConcernGroup[] }> {
  const groups = [...new Set(input.concernGroups)].sort();
  await deps.db.transaction().execute(async (trx) => {
    await activeTechnician(trx, input.technicianId, 'technicianId');
    await repo.replaceSkills(trx, input.technicianId, groups);
  });
  deps.events.publish({ area: 'workshop' });
  return { concernGroups: groups };
}

/** workshop.recordAttendance */
export async function recordAttendance(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof attendanceInput>,
): Promise<{ attendedMilli: number }> {
  const now = isoNow(deps.clock);
  if (input.day > deskDay(deps.clock.now())) fail('RULE', 'date.future', 'day');
  await deps.db.transaction().execute(async (trx) => {
    await activeTechnician(trx, input.technicianId, 'technicianId');
    await repo.upsertAttendance(trx, {
      technician_id: input.technicianId,
      day: input.day,
      attended_milli: input.attendedMilli,
      recorded_by: actor.id,
      recorded_at: now,
    });
  });
  deps.events.publish({ area: 'workshop' });
  return { attendedMilli: input.attendedMilli };
}

// --- the technician's work ---

/** workshop.clockOn */
export async function clockOn(deps: CoreDeps, actor: Actor, jobId: number): Promise<MyJobsDto> {
  const now = isoNow(deps.clock);
  const { roId, mine } = await deps.db.transaction().execute(async (trx) => {
    const job = await jobForWork(trx, jobId);
    if (job.technician_id !== actor.id) fail('RULE', 'clocking.notYourJob', 'jobId');
    if (job.ro_status === 'open') fail('RULE', 'clocking.roNotStarted', 'jobId');
    if (job.ro_status !== 'in_progress') fail('RULE', 'clocking.roNotInProgress', 'jobId', { status: job.ro_status });
    const running = await repo.findRunningClocking(trx, actor.id);
    if (running) {
      fail('RULE', 'clocking.alreadyRunning', 'jobId', { number: running.ro_number, concern: running.concern });
    }
    const clockingId = await repo.insertClocking(trx, {
      repair_order_id: job.repair_order_id,
      job_id: job.id,
      technician_id: actor.id,
      started_at: now,
      ended_at: null,
      created_at: now,
    });
    const started = { label: job.concern, values: { jobId: job.id, startedAt: now } };
    await recordAudit(trx, actor, {
      entity: 'clocking',
      entityId: clockingId,
      repairOrderId: job.repair_order_id,
      action: 'clocking.started',
      at: now,
      details: started,
    });
    await changeState(trx, job, 'in_progress', actor, now);
    return { roId: job.repair_order_id, mine: await loadMyJobs(trx, actor, now) };
  });
  return published(deps, roId, mine);
}

/** workshop.clockOff */
export async function clockOff(deps: CoreDeps, actor: Actor, input: z.output<typeof clockOffInput>): Promise<MyJobsDto> {
  const now = isoNow(deps.clock);
  const { roId, mine } = await deps.db.transaction().execute(async (trx) => {
    const job = await repo.findJobWithRo(trx, input.jobId);
    if (!job) fail('NOT_FOUND', 'notFound', 'jobId', { what: 'job' });
    const running = await repo.findRunningOnJob(trx, job.id);
    if (!running || running.technician_id !== actor.id) fail('RULE', 'clocking.notRunning', 'jobId');
    await repo.endClocking(trx, running.id, now);
    const stopped = { label: job.concern, values: { jobId: job.id, startedAt: running.started_at, endedAt: now } };
    await recordAudit(trx, actor, {
      entity: 'clocking',
      entityId: running.id,
      repairOrderId: job.repair_order_id,
      action: 'clocking.stopped',
      at: now,
      details: stopped,
    });
    await changeState(trx, job, input.finished ? 'done' : 'waiting', actor, now);
    return { roId: job.repair_order_id, mine: await loadMyJobs(trx, actor, now) };
  });
  return published(deps, roId, mine);
}

/** workshop.pause */
export async function pause(deps: CoreDeps, actor: Actor, input: z.output<typeof pauseInput>): Promise<WorkshopJobDto> {
  const now = isoNow(deps.clock);
  const { roId, dto } = await deps.db.transaction().execute(async (trx) => {
    const job = await jobForWork(trx, input.jobId);
    if (actor.role === 'technician' && job.technician_id !== actor.id) fail('RULE', 'clocking.notYourJob', 'jobId');
    if (job.workshop_state === 'done') fail('RULE', 'workshopJob.done', 'jobId');
    const running = await repo.findRunningOnJob(trx, job.id);
    if (running) await repo.endClocking(trx, running.id, now);
    const stopped = { label: job.concern, values: { jobId: job.id, startedAt: running?.started_at ?? null, endedAt: now } };
    if (running)
      await recordAudit(trx, actor, {
        entity: 'clocking',
        entityId: running.id,
        repairOrderId: job.repair_order_id,
        action: 'clocking.stopped',
        at: now,
        details: stopped,
      });
    await changeState(trx, job, 'paused', actor, now, { reason: input.reason, note: input.note });
    return { roId: job.repair_order_id, dto: await loadJob(trx, job.id, now) };
  });
  return published(deps, roId, dto);
}

/** workshop.recordFindings */
export async function recordFindings(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof findingsInput>,
): Promise<WorkshopJobDto> {
  const now = isoNow(deps.clock);
  const { roId, dto } = await deps.db.transaction().execute(async (trx) => {
    const job = await jobForWork(trx, input.jobId);
    if (actor.role === 'technician' && job.technician_id !== actor.id) fail('RULE', 'clocking.notYourJob', 'jobId');
    await repo.updateJob(trx, job.id, { cause: input.cause, correction: input.correction, updated_at: now });
    // The findings are part of the RO the advisor edits: a screen holding the older version must read again.
    await repo.touchRepairOrder(trx, job.repair_order_id, now);
    return { roId: job.repair_order_id, dto: await loadJob(trx, job.id, now) };
  });
  return published(deps, roId, dto);
}

/** workshop.correctClocking */
export async function correctClocking(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof correctClockingInput>,
): Promise<ClockingDto> {
  const now = isoNow(deps.clock);
  const startedAt = new Date(input.startedAt).toISOString();
  const endedAt = new Date(input.endedAt).toISOString();
  if (endedAt > now) fail('RULE', 'date.future', 'endedAt');
  const jobId = await deps.db.transaction().execute(async (trx) => {
    const clocking = await repo.findClocking(trx, input.clockingId);
    if (!clocking) fail('NOT_FOUND', 'notFound', 'clockingId', { what: 'clocking' });
    if (clocking.ended_at === null) fail('RULE', 'clocking.running', 'clockingId');
    if (await repo.findOverlapping(trx, clocking.technician_id, clocking.id, startedAt, endedAt)) {
      fail('RULE', 'clocking.overlap', 'startedAt');
    }
    await repo.insertCorrection(trx, {
      clocking_id: clocking.id,
      old_started_at: clocking.started_at,
      old_ended_at: clocking.ended_at,
      new_started_at: startedAt,
      new_ended_at: endedAt,
      reason: input.reason,
      corrected_by: actor.id,
      corrected_at: now,
    });
    await repo.setClockingTimes(trx, clocking.id, startedAt, endedAt);
    const changes = {
      startedAt: { from: clocking.started_at, to: startedAt },
      endedAt: { from: clocking.ended_at, to: endedAt },
    };
    const corrected = { values: { jobId: clocking.job_id, reason: input.reason }, changes };
    await recordAudit(trx, actor, {
      entity: 'clocking',
      entityId: clocking.id,
      repairOrderId: clocking.repair_order_id,
      action: 'clocking.corrected',
      at: now,
      details: corrected,
    });
    return clocking.job_id;
  });
  const all = await clockings(deps, jobId);
  const corrected = all.find((c) => c.id === input.clockingId)!;
  const job = await repo.findJobWithRo(deps.db, jobId);
  return published(deps, job?.repair_order_id ?? 0, corrected);
}

/** workshop.proposeJob */
export async function proposeJob(deps: CoreDeps, actor: Actor, input: z.output<typeof proposeJobInput>): Promise<WorkshopJobDto> {
  const now = isoNow(deps.clock);
  const dto = await deps.db.transaction().execute(async (trx) => {
    const jobs = await repo.findWorkshopJobs(trx, { repairOrderId: input.repairOrderId });
    if (jobs.length === 0) notFound('repairOrder');
    const status = jobs[0]!.ro_status;
    if (!isBoardStatus(status)) fail('RULE', 'status.locked', 'repairOrderId', { status });
    // A technician proposes work on a car they work on; the foreman on any car in the workshop.
    if (actor.role === 'technician' && !jobs.some((job) => job.technician_id === actor.id)) {
      fail('RULE', 'propose.notYourRepairOrder', 'repairOrderId');
    }
    const jobId = await insertJob(trx, {
      repair_order_id: input.repairOrderId,
      concern: input.concern,
      concern_group: input.concernGroup,
      payer: 'customer',
      origin: 'workshop',
      proposed_by: actor.id,
      proposal_note: input.note,
      created_at: now,
      updated_at: now,
    });
    await repo.touchRepairOrder(trx, input.repairOrderId, now);
    return loadJob(trx, jobId, now);
  });
  return published(deps, input.repairOrderId, dto);
}
