import type { z } from 'zod';
import {
  BAY_KINDS,
  type BayDto,
  type BaysDto,
  type planBayInput,
  type setBaysInput,
  type WorkshopJobDto,
} from '../../../shared/contract/workshop';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { fail, staleVersion } from '../errors';
import { readSetting, writeSetting } from '../settings/repository';
import { jobForWork, loadJob, published } from './jobs';
import { withinOpeningHours } from './planning';
import * as repo from './repository';

/*
 * The dealership's workshop bays (工位), the rows of the planner's bay view (issue 17 item 4). A short list the manager
 * keeps, so it lives in the settings table as one JSON value with its version, like the dealer's letterhead; a job's
 * bay stays the free text it always was, and the planner shows a bay not (or no longer) in the list in an "other" row.
 */

export const BAY_KEYS = { list: 'workshop.bays', version: 'workshop.baysVersion' } as const;

const KINDS: readonly string[] = BAY_KINDS;

/** The stored list; an entry a hand-edited file spoiled is left out rather than shown wrong. */
async function loadBays(db: Db): Promise<BaysDto> {
  const [raw, version] = await Promise.all([readSetting(db, BAY_KEYS.list), readSetting(db, BAY_KEYS.version)]);
  let parsed: unknown = [];
  try {
    parsed = JSON.parse(raw ?? '[]');
  } catch {
    parsed = [];
  }
  const bays: BayDto[] = (Array.isArray(parsed) ? parsed : []).flatMap((entry: unknown) => {
    const bay = entry as Partial<BayDto> | null;
    if (!bay || typeof bay.name !== 'string' || !bay.name || typeof bay.kind !== 'string' || !KINDS.includes(bay.kind)) return [];
    return [{ name: bay.name, kind: bay.kind, active: bay.active !== false }];
  });
  return { bays, version: version !== null && /^\d+$/.test(version) ? Number(version) : 0 };
}

/** workshop.bays */
export async function bays(deps: CoreDeps): Promise<BaysDto> {
  return loadBays(deps.db);
}

/** The active bays, for the board. */
export async function activeBays(db: Db): Promise<BayDto[]> {
  return (await loadBays(db)).bays.filter((bay) => bay.active);
}

/** workshop.setBays: the whole list in one transaction, over the version the screen read. */
export async function setBays(deps: CoreDeps, input: z.output<typeof setBaysInput>): Promise<BaysDto> {
  const result = await deps.db.transaction().execute(async (trx) => {
    const current = await loadBays(trx);
    if (current.version !== input.version) staleVersion();
    await writeSetting(trx, BAY_KEYS.list, JSON.stringify(input.bays));
    await writeSetting(trx, BAY_KEYS.version, String(current.version + 1));
    return loadBays(trx);
  });
  deps.events.publish({ area: 'workshop' });
  return result;
}

/** workshop.planBay: the job's bay and planned start; its technician stays. */
export async function planBay(deps: CoreDeps, actor: Actor, input: z.output<typeof planBayInput>): Promise<WorkshopJobDto> {
  const now = isoNow(deps.clock);
  const plannedStartAt = new Date(input.plannedStartAt).toISOString();
  const { job, dto } = await deps.db.transaction().execute(async (trx) => {
    const job = await jobForWork(trx, input.jobId);
    await withinOpeningHours(trx, plannedStartAt);
    // A car being worked on does not move to another bay under the technician's hands.
    if (await repo.findRunningOnJob(trx, job.id)) fail('RULE', 'assign.clockingRunning', 'bay');
    await repo.updateJob(trx, job.id, { bay: input.bay, planned_start_at: plannedStartAt, updated_at: now });
    return { job, dto: await loadJob(trx, job.id, now) };
  });
  return published(deps, job.repair_order_id, dto);
}
