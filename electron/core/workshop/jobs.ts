import type { WorkshopJobDto } from '../../../shared/contract/workshop';
import { BOARD_RO_STATUSES } from '../../../shared/domain/workshop-states';
import type { CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { fail } from '../errors';
import * as repo from './repository';

/*
 * What the workshop's services share: a job row turned into the DTO every screen reads, the job loaded for a write
 * with the rules every write asks first, and the change published after the commit.
 */

type Clocking = { job_id: number; started_at: string; ended_at: string | null };

/** Milliseconds of `clocking` inside [from, to), a running one counted up to `now`. */
export function overlapMs(clocking: Clocking, now: string, from?: string, to?: string): number {
  const start = Math.max(Date.parse(clocking.started_at), from ? Date.parse(from) : -Infinity);
  const end = Math.min(Date.parse(clocking.ended_at ?? now), to ? Date.parse(to) : Infinity);
  return Math.max(0, end - start);
}

export const minutes = (ms: number): number => Math.floor(ms / 60_000);

/** Turns job rows into DTOs, with their clocked time (a running clocking counted up to `now`). */
export async function jobDtos(db: Db, rows: repo.WorkshopJobRow[], now: string): Promise<WorkshopJobDto[]> {
  const clockings = await repo.findClockingsOfJobs(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => {
    const own = clockings.filter((c) => c.job_id === row.id);
    const running = own.find((c) => c.ended_at === null);
    return {
      jobId: row.id,
      repairOrderId: row.repair_order_id,
      roNumber: row.ro_number,
      roStatus: row.ro_status,
      plate: row.plate,
      makeModel: `${row.make} ${row.model}`,
      promisedAt: row.promised_at,
      concern: row.concern,
      cause: row.cause,
      correction: row.correction,
      concernGroup: row.concern_group,
      state: row.workshop_state,
      pauseReason: row.pause_reason,
      pauseNote: row.pause_note,
      bay: row.bay,
      origin: row.origin,
      plannedStartAt: row.planned_start_at,
      firstClockedAt: own[0]?.started_at ?? null,
      technician:
        row.technician_id !== null && row.technician_name !== null
          ? { id: row.technician_id, displayName: row.technician_name }
          : null,
      soldMilli: row.sold_milli ?? 0,
      clockedMinutes: minutes(own.reduce((sum, c) => sum + overlapMs(c, now), 0)),
      running: running ? { clockingId: running.id, technicianId: running.technician_id, startedAt: running.started_at } : null,
    };
  });
}

export async function loadJob(db: Db, jobId: number, now: string): Promise<WorkshopJobDto> {
  const rows = await repo.findWorkshopJobs(db, { jobId });
  if (rows.length === 0) fail('NOT_FOUND', 'notFound', 'jobId', { what: 'job' });
  const [job] = await jobDtos(db, rows, now);
  return job!;
}

/** After a write committed: every desk showing the workshop or this RO reads again. */
export function published<T>(deps: CoreDeps, repairOrderId: number, value: T): T {
  deps.events.publish({ area: 'workshop', id: repairOrderId });
  deps.events.publish({ area: 'repairOrders', id: repairOrderId });
  return value;
}

export const isBoardStatus = (status: string): boolean => (BOARD_RO_STATUSES as readonly string[]).includes(status);

export async function jobForWork(trx: Db, jobId: number) {
  const job = await repo.findJobWithRo(trx, jobId);
  if (!job) fail('NOT_FOUND', 'notFound', 'jobId', { what: 'job' });
  if (job.authorization_state !== 'approved') fail('RULE', 'workshopJob.notApproved', 'jobId');
  if (!isBoardStatus(job.ro_status)) fail('RULE', 'status.locked', 'jobId', { status: job.ro_status });
  return job;
}

export async function activeTechnician(trx: Db, technicianId: number, field: string) {
  const user = await repo.findUser(trx, technicianId);
  if (!user) fail('NOT_FOUND', 'notFound', field, { what: 'user' });
  if (user.role !== 'technician' || user.active !== 1) fail('RULE', 'technician.notTechnician', field);
  return user;
}
