import type { Selectable } from 'kysely';
import type { RepairOrderDetail } from '../../../shared/contract/repair-orders';
import { repairOrderEditValues, staleCurrent } from '../../../shared/contract/concurrent-edits';
import { isOpenStatus, type RepairOrderStatus } from '../../../shared/domain/repair-order-status';
import { isoNow } from '../clock';
import type { CoreDeps } from '../context';
import type { Db } from '../db/connection';
import type { RepairOrdersTable } from '../db/schema';
import { fail, notFound, staleVersion } from '../errors';
import { loadRepairOrder } from './mapping';
import * as repo from './repository';

// The frame of every write to an existing RO (its jobs, lines, promise, check-in, authorisation, declined work):
// one transaction, the version check, what the status allows, the version bumped, the change published.

/** A promised time must lie ahead: promising a time already gone is a typing slip (or a broken promise). */
export function checkPromisedAt(promisedAt: string | null, now: Date): string | null {
  if (promisedAt === null) return null;
  const at = new Date(promisedAt);
  if (at.getTime() <= now.getTime()) fail('RULE', 'promisedAt.past', 'promisedAt');
  return at.toISOString();
}

/** Which statuses allow what: before delivery the RO is still being written; after it, it is a record. */
export const EDITABLE = {
  /** Jobs, lines, discounts, findings and the promised time: while the car is in our hands (additional work included). */
  edit: (status: RepairOrderStatus) => isOpenStatus(status),
  /** A job goes only before work starts: after that, its clocked time and findings are on record. */
  removeJob: (status: RepairOrderStatus) => status === 'open',
  /** A line goes while work is under way (a part not needed after all), not once the car is checked or handed over. */
  removeLine: (status: RepairOrderStatus) => status === 'open' || status === 'in_progress',
} as const;

/**
 * One write to an RO, in one transaction: the RO must exist and still be at `version`, its status must allow the
 * kind of write, then `apply` writes, and the RO's version and updated_at move on. Returns the fresh detail.
 */
export function editRepairOrder(
  deps: CoreDeps,
  input: { id: number; version: number },
  allowed: keyof typeof EDITABLE,
  apply: RoWrite,
): Promise<RepairOrderDetail> {
  return writeRepairOrder(deps, input, allowed, apply, loadRepairOrder);
}

export type RoWrite = (
  trx: Db,
  ro: Selectable<RepairOrdersTable>,
  now: string,
) => Promise<Partial<Pick<RepairOrdersTable, 'status' | 'promised_at'>> | void>;

/** editRepairOrder for a write whose caller wants another view of the RO back (`read`, e.g. its check-in). */
export async function writeRepairOrder<T>(
  deps: CoreDeps,
  input: { id: number; version: number },
  allowed: keyof typeof EDITABLE,
  apply: RoWrite,
  read: (trx: Db, repairOrderId: number) => Promise<T>,
): Promise<T> {
  const now = isoNow(deps.clock);
  const result = await deps.db.transaction().execute(async (trx) => {
    const ro = await repo.findRepairOrder(trx, input.id);
    if (!ro) notFound('repairOrder');
    if (ro.version !== input.version) await staleRepairOrder(trx, ro.id);
    const status = ro.status;
    if (!EDITABLE[allowed](status)) fail('RULE', 'status.locked', undefined, { status });
    const changes = (await apply(trx, ro, now)) ?? {};
    if (!(await repo.bumpRepairOrder(trx, ro.id, input.version, now, changes))) await staleRepairOrder(trx, ro.id);
    return read(trx, ro.id);
  });
  deps.events.publish({ area: 'repairOrders', id: input.id });
  return result;
}

/** Refuses a write from a stale version with the RO as another desk saved it, for the screen to show what changed. */
export async function staleRepairOrder(db: Db, id: number): Promise<never> {
  const stored = await loadRepairOrder(db, id);
  return staleVersion(staleCurrent(stored, repairOrderEditValues(stored)));
}

export async function jobOf(db: Db, repairOrderId: number, jobId: number) {
  const job = await repo.findJob(db, repairOrderId, jobId);
  if (!job) fail('NOT_FOUND', 'notFound', 'jobId', { what: 'job' });
  return job;
}
