import type { z } from 'zod';
import type {
  RepairOrderDetail,
  RepairOrderSummary,
  addJobInput,
  createInput,
  transitionInput,
  updateJobInput,
} from '../../../shared/contract/repair-orders';
import type { Page } from '../../../shared/contract/paging';
import { canTransition } from '../../../shared/domain/repair-order-status';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { fail, notFound } from '../errors';
import { changedFields, recordAudit } from '../audit/record';
import { releaseJob, releaseRepairOrder } from '../parts/part-supply/reservations';
import { findVehicle } from '../vehicles/repository';
import { visitCustomer } from '../vehicles/service';
import { detectComebacks } from '../workshop/comebacks/service';
import { checkPromisedAt, editRepairOrder, jobOf, staleRepairOrder } from './editing';
import { loadRepairOrder } from './mapping';
import { nextRoNumber } from './numbering';
import * as repo from './repository';
import { checkTransition } from './transition-guards';

// An RO's life: opened (numbered, its concerns as jobs), read, its jobs and promised time changed, its status moved
// through the flow. Lines are written by line-service.ts, the list by grid-service.ts, every write framed by
// editing.ts; the detail is mapped by mapping.ts.

export async function get(deps: CoreDeps, id: number): Promise<RepairOrderDetail> {
  return loadRepairOrder(deps.db, id);
}

export async function listForVehicle(
  deps: CoreDeps,
  input: { vehicleId: number; offset: number; limit: number },
): Promise<Page<RepairOrderSummary>> {
  if (!(await findVehicle(deps.db, input.vehicleId))) notFound('vehicle');
  const rows = await repo.listForVehicle(deps.db, input.vehicleId, input);
  return {
    hasMore: rows.length > input.limit,
    rows: rows.slice(0, input.limit).map((row) => ({
      id: row.id,
      number: row.number,
      status: row.status,
      openedAt: row.opened_at,
      promisedAt: row.promised_at,
      customerName: row.customer_name,
      advisorName: row.advisor_name,
      totalFen: Number(row.total_fen ?? 0),
    })),
  };
}

// --- writing ---

export async function create(deps: CoreDeps, actor: Actor, input: z.output<typeof createInput>): Promise<RepairOrderDetail> {
  const at = deps.clock.now();
  const created = await deps.db
    .transaction()
    .execute(async (trx) => loadRepairOrder(trx, await openRepairOrder(trx, actor, input, at)));
  deps.events.publish({ area: 'repairOrders', id: created.id });
  return created;
}

/**
 * Opens an RO inside the caller's transaction (repairOrders.create; an appointment turned into an RO, which links it
 * in the same transaction) and returns its id. The advisor is the acting user unless the caller names another.
 */
export async function openRepairOrder(
  trx: Db,
  actor: Actor,
  input: z.output<typeof createInput>,
  at: Date,
  advisorId: number = actor.id,
): Promise<number> {
  const now = at.toISOString();
  const promisedAt = checkPromisedAt(input.promisedAt, at);
  const customer = await visitCustomer(trx, input.vehicleId, input.customerId);

  const number = await nextRoNumber(trx, at);
  const id = await repo.insertRepairOrder(trx, {
    number,
    customer_id: customer.id,
    vehicle_id: input.vehicleId,
    advisor_id: advisorId,
    status: 'open',
    promised_at: promisedAt,
    opened_at: now,
    mileage_in_km: null,
    created_at: now,
    updated_at: now,
  });
  for (const concern of input.concerns) {
    await repo.insertJob(trx, {
      repair_order_id: id,
      concern,
      concern_group: 'other',
      payer: 'customer',
      created_at: now,
      updated_at: now,
    });
  }
  await repo.insertStatusChange(trx, {
    repair_order_id: id,
    from_status: null,
    to_status: 'open',
    changed_by: actor.id,
    changed_at: now,
    note: '',
  });
  await detectComebacks(trx, id, at);
  await recordAudit(trx, actor, {
    entity: 'repair_order',
    entityId: id,
    repairOrderId: id,
    action: 'ro.created',
    at: now,
    details: { label: number },
  });
  return id;
}

export function addJob(deps: CoreDeps, actor: Actor | null, input: z.output<typeof addJobInput>): Promise<RepairOrderDetail> {
  return editRepairOrder(deps, input, 'edit', async (trx, ro, now) => {
    const values = { concernGroup: input.concernGroup, payer: input.payer };
    await recordAudit(trx, actor, {
      entity: 'repair_order',
      entityId: ro.id,
      repairOrderId: ro.id,
      action: 'ro.job.added',
      at: now,
      details: { label: input.concern, values },
    });
    await repo.insertJob(trx, {
      repair_order_id: ro.id,
      concern: input.concern,
      concern_group: input.concernGroup,
      payer: input.payer,
      created_at: now,
      updated_at: now,
    });
    await detectComebacks(trx, ro.id, new Date(now));
  });
}

export function updateJob(
  deps: CoreDeps,
  actor: Actor | null,
  input: z.output<typeof updateJobInput>,
): Promise<RepairOrderDetail> {
  return editRepairOrder(deps, input, 'edit', async (trx, ro, now) => {
    const job = await jobOf(trx, ro.id, input.jobId);
    // Who pays and how the work is classed move money and guarantees: the trail keeps them (the findings are text).
    const was = { payer: job.payer, concernGroup: job.concern_group, workCategory: job.work_category };
    const changes = changedFields(was, {
      payer: input.payer ?? job.payer,
      concernGroup: input.concernGroup ?? job.concern_group,
      workCategory: input.workCategory === undefined ? job.work_category : input.workCategory,
    });
    if (changes)
      await recordAudit(trx, actor, {
        entity: 'repair_order',
        entityId: ro.id,
        repairOrderId: ro.id,
        action: 'ro.job.changed',
        at: now,
        details: { label: job.concern, changes },
      });
    await repo.updateJob(trx, job.id, {
      ...(input.concern !== undefined ? { concern: input.concern } : {}),
      ...(input.cause !== undefined ? { cause: input.cause } : {}),
      ...(input.correction !== undefined ? { correction: input.correction } : {}),
      ...(input.concernGroup !== undefined ? { concern_group: input.concernGroup } : {}),
      ...(input.payer !== undefined ? { payer: input.payer } : {}),
      ...(input.workCategory !== undefined ? { work_category: input.workCategory } : {}),
      updated_at: now,
    });
    if (input.concernGroup !== undefined) await detectComebacks(trx, ro.id, new Date(now));
  });
}

export function removeJob(
  deps: CoreDeps,
  actor: Actor | null,
  input: { id: number; version: number; jobId: number },
): Promise<RepairOrderDetail> {
  return editRepairOrder(deps, input, 'removeJob', async (trx, ro, now) => {
    const job = await jobOf(trx, ro.id, input.jobId);
    await recordAudit(trx, actor, {
      entity: 'repair_order',
      entityId: ro.id,
      repairOrderId: ro.id,
      action: 'ro.job.removed',
      at: now,
      details: { label: job.concern },
    });
    // An RO without a concern is not an RO; cancelling it is the way to withdraw.
    if ((await repo.findJobs(trx, ro.id)).length <= 1) fail('RULE', 'job.last', 'jobId');
    await releaseJob(trx, job.id, now);
    await repo.deleteJob(trx, job.id);
  });
}

export function setPromisedTime(
  deps: CoreDeps,
  actor: Actor | null,
  input: { id: number; version: number; promisedAt: string | null },
): Promise<RepairOrderDetail> {
  const promisedAt = checkPromisedAt(input.promisedAt, deps.clock.now());
  return editRepairOrder(deps, input, 'edit', async (trx, ro, now) => {
    const changes = { promisedAt: { from: ro.promised_at, to: promisedAt } };
    await recordAudit(trx, actor, {
      entity: 'repair_order',
      entityId: ro.id,
      repairOrderId: ro.id,
      action: 'ro.promisedTimeChanged',
      at: now,
      details: { label: ro.number, changes },
    });
    return { promised_at: promisedAt };
  });
}

export async function transition(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof transitionInput>,
): Promise<RepairOrderDetail> {
  const now = isoNow(deps.clock);
  const detail = await deps.db.transaction().execute(async (trx) => {
    const ro = await repo.findRepairOrder(trx, input.id);
    if (!ro) notFound('repairOrder');
    if (ro.version !== input.version) await staleRepairOrder(trx, ro.id);
    const from = ro.status;
    if (!canTransition(from, input.to)) fail('RULE', 'status.transition', 'to', { from, to: input.to });
    await checkTransition(trx, ro, from, input.to);
    // A withdrawn RO holds no stock (refused while parts are still in the technician's hands).
    if (input.to === 'cancelled') await releaseRepairOrder(trx, ro.id, now);
    if (!(await repo.bumpRepairOrder(trx, ro.id, input.version, now, { status: input.to }))) await staleRepairOrder(trx, ro.id);
    await repo.insertStatusChange(trx, {
      repair_order_id: ro.id,
      from_status: from,
      to_status: input.to,
      changed_by: actor.id,
      changed_at: now,
      note: input.note,
    });
    const changes = { status: { from, to: input.to } };
    await recordAudit(trx, actor, {
      entity: 'repair_order',
      entityId: ro.id,
      repairOrderId: ro.id,
      action: 'ro.statusChanged',
      at: now,
      details: { label: ro.number, changes },
    });
    return loadRepairOrder(trx, ro.id);
  });
  deps.events.publish({ area: 'repairOrders', id: detail.id });
  return detail;
}
