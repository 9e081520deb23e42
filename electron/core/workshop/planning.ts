import type { z } from 'zod';
import type { assignInput, planInput, WorkshopJobDto } from '../../../shared/contract/workshop';
import { formatHm } from '../../../shared/domain/appointment-slots';
import { wallClock } from '../../../shared/domain/desk-time';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { fail } from '../errors';
import { slotSettings } from '../settings/appointment-slots';
import { activeTechnician, jobForWork, loadJob, published } from './jobs';
import * as repo from './repository';

/*
 * Dispatch: who works a job, and where its bar starts on the workshop planner (issue 17 item 4). The board's reads
 * are in service.ts; the opening hours the planner's time axis and the planned start obey are the dealer's
 * (settings/appointment-slots.ts: the same hours the promise-time warning counts).
 */

type JobRow = NonNullable<Awaited<ReturnType<typeof repo.findJobWithRo>>>;

/**
 * The rules of handing a job to someone (or back to the queue): never while a clocking runs on it, only to an active
 * technician, and to one without the job's concern group only when the dispatcher confirms. Asked when the job changes
 * hands, not when only its bay or time changes.
 */
async function checkHandOver(trx: Db, job: JobRow, technicianId: number | null, overrideSkills: boolean): Promise<void> {
  if (technicianId === job.technician_id) return;
  if (await repo.findRunningOnJob(trx, job.id)) fail('RULE', 'assign.clockingRunning', 'technicianId');
  if (technicianId === null) return;
  await activeTechnician(trx, technicianId, 'technicianId');
  const skills = await repo.findSkills(trx, [technicianId]);
  if (!overrideSkills && !skills.some((s) => s.concern_group === job.concern_group)) {
    fail('RULE', 'assign.skillMissing', 'technicianId', { group: job.concern_group });
  }
}

/** A planned start must fall within the workshop's opening hours (plan.outsideHours). */
export async function withinOpeningHours(trx: Db, plannedStartAt: string): Promise<void> {
  const hours = await slotSettings(trx);
  const { minutes } = wallClock(new Date(plannedStartAt));
  if (minutes < hours.opensAt || minutes >= hours.closesAt) {
    fail('RULE', 'plan.outsideHours', 'plannedStartAt', { opens: formatHm(hours.opensAt), closes: formatHm(hours.closesAt) });
  }
}

/** workshop.assign */
export async function assign(deps: CoreDeps, actor: Actor, input: z.output<typeof assignInput>): Promise<WorkshopJobDto> {
  const now = isoNow(deps.clock);
  const { job, dto } = await deps.db.transaction().execute(async (trx) => {
    const job = await jobForWork(trx, input.jobId);
    await checkHandOver(trx, job, input.technicianId, input.overrideSkills);
    await repo.updateJob(trx, job.id, {
      technician_id: input.technicianId,
      // Back in the queue, the job has no place on the planner any more.
      ...(input.technicianId === null ? { planned_start_at: null } : {}),
      ...(input.bay !== undefined ? { bay: input.bay } : {}),
      updated_at: now,
    });
    // The RO's version stays: dispatch is not something the advisor edits, and their open form must not go stale.
    return { job, dto: await loadJob(trx, job.id, now) };
  });
  return published(deps, job.repair_order_id, dto);
}

/** workshop.plan */
export async function plan(deps: CoreDeps, actor: Actor, input: z.output<typeof planInput>): Promise<WorkshopJobDto> {
  const now = isoNow(deps.clock);
  const plannedStartAt = input.plannedStartAt === null ? null : new Date(input.plannedStartAt).toISOString();
  const { job, dto } = await deps.db.transaction().execute(async (trx) => {
    const job = await jobForWork(trx, input.jobId);
    if (plannedStartAt !== null) await withinOpeningHours(trx, plannedStartAt);
    await checkHandOver(trx, job, input.technicianId, input.overrideSkills);
    await repo.updateJob(trx, job.id, { technician_id: input.technicianId, planned_start_at: plannedStartAt, updated_at: now });
    return { job, dto: await loadJob(trx, job.id, now) };
  });
  return published(deps, job.repair_order_id, dto);
}
