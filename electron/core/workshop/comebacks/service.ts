import type { z } from 'zod';
import type {
  ComebackDto,
  ComebackWindowDto,
  comebacksInput,
  decideComebackInput,
} from '../../../../shared/contract/workshop/comebacks';
import type { Page } from '../../../../shared/contract/paging';
import { addDays, instantAt } from '../../../../shared/domain/desk-time';
import {
  COMEBACK_WINDOW_DEFAULTS,
  deskDaysBetween,
  insideComebackWindow,
  type ComebackWindow,
} from '../../../../shared/domain/first-time-fix';
import { isoNow } from '../../clock';
import type { Actor, CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import { fail, notFound, staleVersion } from '../../errors';
import { readSetting } from '../../settings/repository';
import * as repo from './repository';

/** Setting keys of the comeback window; the shipped defaults hold until the manager sets them. */
export const COMEBACK_KEYS = { days: 'comebacks.windowDays', km: 'comebacks.windowKm' } as const;

function wholeNumber(raw: string | null, fallback: number): number {
  if (raw === null || !/^\d+$/.test(raw.trim())) return fallback;
  const value = Number(raw.trim());
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

/** The comeback window in force; a value that is not a positive whole number falls back to the default. */
export async function comebackWindow(db: Db): Promise<ComebackWindow> {
  const [days, km] = await Promise.all([readSetting(db, COMEBACK_KEYS.days), readSetting(db, COMEBACK_KEYS.km)]);
  return { days: wholeNumber(days, COMEBACK_WINDOW_DEFAULTS.days), km: wholeNumber(km, COMEBACK_WINDOW_DEFAULTS.km) };
}

/**
 * Links the jobs of an RO to the jobs of the vehicle's earlier deliveries they may have come back for, inside the
 * caller's transaction (when the RO is opened, and when a job's concern group is set or changed). A job still in
 * group 'other' is not triaged yet, so it is not compared. Suspected links of a job whose group changed are dropped;
 * the foreman's decisions stay. Running it twice links nothing twice.
 */
export async function detectComebacks(trx: Db, repairOrderId: number, at: Date): Promise<void> {
  const ro = await repo.findOrder(trx, repairOrderId);
  if (!ro || ro.status === 'cancelled') return;
  const jobs = await repo.findOrderJobs(trx, repairOrderId);
  for (const job of jobs) await repo.deleteStaleSuspected(trx, job.id, job.concern_group);
  const groups = [...new Set(jobs.map((job) => job.concern_group).filter((group) => group !== 'other'))];
  if (groups.length === 0) return;

  const window = await comebackWindow(trx);
  const opened = new Date(ro.opened_at);
  // Deliveries on the desk days the window reaches back to; the exact rule is applied per job below.
  const since = new Date(opened.getTime() - (window.days + 2) * 86_400_000);
  const earlier = await repo.findEarlierJobs(trx, {
    vehicleId: ro.vehicle_id,
    repairOrderId,
    groups,
    since: since.toISOString(),
    before: ro.opened_at,
  });
  const detectedAt = at.toISOString();
  for (const job of jobs) {
    for (const candidate of earlier) {
      if (candidate.concern_group !== job.concern_group) continue;
      const days = deskDaysBetween(new Date(candidate.delivered_at), opened);
      const km =
        ro.mileage_in_km !== null && candidate.mileage_in_km !== null ? ro.mileage_in_km - candidate.mileage_in_km : null;
      if (!insideComebackWindow({ days, km }, window)) continue;
      await repo.insertLink(trx, {
        earlier_job_id: candidate.job_id,
        earlier_repair_order_id: candidate.repair_order_id,
        later_job_id: job.id,
        later_repair_order_id: repairOrderId,
        concern_group: job.concern_group,
        days_after: days,
        detected_at: detectedAt,
        earlier_delivered_at: candidate.delivered_at,
        later_opened_at: ro.opened_at,
      });
    }
  }
}

function toDto(row: repo.ComebackRow): ComebackDto {
  return {
    id: row.id,
    status: row.status,
    concernGroup: row.concern_group,
    plate: row.plate,
    earlier: {
      repairOrderId: row.earlier_ro_id,
      repairOrderNumber: row.earlier_number,
      jobId: row.earlier_job_id,
      concern: row.earlier_concern,
      deliveredAt: row.delivered_at,
      technicianName: row.technician_name,
      advisorName: row.advisor_name,
    },
    later: {
      repairOrderId: row.later_ro_id,
      repairOrderNumber: row.later_number,
      jobId: row.later_job_id,
      concern: row.later_concern,
      openedAt: row.later_opened_at,
    },
    daysAfter: row.days_after,
    kmAfter: row.later_km !== null && row.earlier_km !== null ? row.later_km - row.earlier_km : null,
    rootCause: row.root_cause,
    reason: row.reason,
    decidedBy:
      row.decided_by !== null && row.decider_name !== null ? { id: row.decided_by, displayName: row.decider_name } : null,
    decidedAt: row.decided_at,
    detectedAt: row.detected_at,
    version: row.version,
  };
}

export async function list(deps: CoreDeps, input: z.output<typeof comebacksInput>): Promise<Page<ComebackDto>> {
  const window = await comebackWindow(deps.db);
  // The page's ids first (an index walk), then the rows of those ids only: nothing is joined for a link off the page.
  const ids = await repo.listComebackIds(deps.db, {
    window,
    ...(input.status ? { status: input.status } : {}),
    ...(input.from ? { openedFrom: instantAt(input.from, 0).toISOString() } : {}),
    ...(input.to ? { openedBefore: instantAt(addDays(input.to, 1), 0).toISOString() } : {}),
    offset: input.offset,
    limit: input.limit,
  });
  const page = ids.slice(0, input.limit);
  const rows = new Map((await repo.findComebacks(deps.db, page)).map((row) => [row.id, row]));
  return { rows: page.flatMap((id) => (rows.has(id) ? [toDto(rows.get(id)!)] : [])), hasMore: ids.length > input.limit };
}

export async function decide(deps: CoreDeps, actor: Actor, input: z.output<typeof decideComebackInput>): Promise<ComebackDto> {
  const now = isoNow(deps.clock);
  const dto = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findComeback(trx, input.id);
    if (!row) notFound('comeback');
    if (row.version !== input.version) staleVersion();
    const confirmed = input.decision === 'confirmed';
    if (confirmed && !input.rootCause) fail('INVALID_INPUT', 'required', 'rootCause');
    const ok = await repo.decideComeback(trx, row.id, input.version, {
      status: input.decision,
      root_cause: confirmed ? (input.rootCause ?? null) : null,
      reason: input.reason,
      decided_by: actor.id,
      decided_at: now,
    });
    if (!ok) staleVersion();
    return toDto((await repo.findComeback(trx, row.id))!);
  });
  deps.events.publish({ area: 'workshop', id: dto.earlier.repairOrderId });
  return dto;
}

export async function window(deps: CoreDeps): Promise<ComebackWindowDto> {
  return comebackWindow(deps.db);
}
