import type { z } from 'zod';
import type {
  addDeclinedWorkInput,
  DeclinedWorkDto,
  declinedWorkInput,
  dismissDeclinedWorkInput,
} from '../../../../shared/contract/repair-orders/authorisation';
import type { Page } from '../../../../shared/contract/paging';
import type { RepairOrderDetail } from '../../../../shared/contract/repair-orders';
import type { Actor, CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import { fail, notFound, staleVersion } from '../../errors';
import { findVehicle } from '../../vehicles/repository';
import * as declined from './declined-work-repository';
import * as repo from '../repository';
import { editRepairOrder } from '../editing';
import { insertPricedLine } from '../line-service';

type DeclinedRow = NonNullable<Awaited<ReturnType<typeof declined.findDeclinedWork>>>;

function declinedWorkDto(row: DeclinedRow): DeclinedWorkDto {
  return {
    id: row.id,
    vehicleId: row.vehicle_id,
    repairOrder: { id: row.repair_order_id, number: row.repair_order_number },
    jobId: row.job_id,
    concern: row.concern,
    concernGroup: row.concern_group,
    payer: row.payer,
    totalFen: row.total_fen,
    declinedAt: row.declined_at,
    status: row.status,
    takenJobId: row.taken_job_id,
    dismissedReason: row.dismissed_reason,
  };
}

/** repairOrders.declinedWork: what the vehicle's earlier visits left undone, newest first. */
export async function listDeclinedWork(
  deps: CoreDeps,
  input: z.output<typeof declinedWorkInput>,
): Promise<Page<DeclinedWorkDto>> {
  if (!(await findVehicle(deps.db, input.vehicleId))) notFound('vehicle');
  const rows = await declined.openDeclinedWork(deps.db, input.vehicleId, input).execute();
  return { hasMore: rows.length > input.limit, rows: rows.slice(0, input.limit).map(declinedWorkDto) };
}

/** The item, refused unless it is still open (a taken or dismissed item says which). */
async function openItem(trx: Db, id: number, vehicleId?: number): Promise<DeclinedRow> {
  const item = await declined.findDeclinedWork(trx, id);
  if (!item) fail('NOT_FOUND', 'notFound', 'declinedWorkId', { what: 'declinedWork' });
  if (vehicleId !== undefined && item.vehicle_id !== vehicleId) fail('RULE', 'declinedWork.otherVehicle', 'declinedWorkId');
  if (item.status !== 'open')
    fail('RULE', item.status === 'taken' ? 'declinedWork.taken' : 'declinedWork.dismissed', 'declinedWorkId');
  return item;
}

/**
 * repairOrders.addDeclinedWork: a new job (same concern, group and payer; pending) with copies of the declined
 * job's lines, priced again by priceLine with today's tax settings at the same unit prices and discounts (a discount
 * above the limit was approved by a manager when it was given and is part of the offer); the item is taken.
 */
export function addDeclinedWork(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof addDeclinedWorkInput>,
): Promise<RepairOrderDetail> {
  return editRepairOrder(deps, input, 'edit', async (trx, ro, now) => {
    const item = await openItem(trx, input.declinedWorkId, ro.vehicle_id);
    const jobId = await repo.insertJob(trx, {
      repair_order_id: ro.id,
      concern: item.concern,
      concern_group: item.concern_group,
      payer: item.payer,
      created_at: now,
      updated_at: now,
    });
    const lines = (await repo.findLines(trx, item.repair_order_id)).filter((line) => line.job_id === item.job_id);
    for (const line of lines) {
      const fields = {
        kind: line.kind,
        operationId: line.operation_id,
        code: line.code,
        nameZh: line.name_zh,
        nameEn: line.name_en,
        qtyMilli: line.qty_milli,
        unitPriceFen: line.unit_price_fen,
        discountBp: line.discount_bp,
        discountReason: line.discount_reason,
      };
      await insertPricedLine(trx, actor, ro, jobId, now, fields, 'approved');
    }
    if (!(await declined.takeDeclinedWork(trx, item.id, { jobId, at: now, by: actor.id }))) staleVersion();
  });
}

/** repairOrders.dismissDeclinedWork: no longer offered, with the reason; only an open item. */
export function dismissDeclinedWork(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof dismissDeclinedWorkInput>,
): Promise<DeclinedWorkDto> {
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const item = await openItem(trx, input.declinedWorkId);
    if (!(await declined.dismissDeclinedWork(trx, item.id, { reason: input.reason, at: now, by: actor.id }))) staleVersion();
    const row = await declined.findDeclinedWork(trx, item.id);
    return declinedWorkDto(row!);
  });
}
