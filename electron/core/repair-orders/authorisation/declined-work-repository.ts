import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection';
import type { DeclinedWorkTable } from '../../db/schema';

export async function insertDeclinedWork(db: Db, row: Omit<Insertable<DeclinedWorkTable>, 'id'>): Promise<number> {
  const result = await db.insertInto('declined_work').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

function withRepairOrder(db: Db) {
  return db
    .selectFrom('declined_work as d')
    .innerJoin('repair_orders as r', 'r.id', 'd.repair_order_id')
    .selectAll('d')
    .select('r.number as repair_order_number');
}

export function findDeclinedWork(db: Db, id: number) {
  return withRepairOrder(db).where('d.id', '=', id).executeTakeFirst();
}

/** A page (plus one row) of a vehicle's open declined work, newest first: the (vehicle_id, status, declined_at) index. */
export function openDeclinedWork(db: Db, vehicleId: number, page: { offset: number; limit: number }) {
  return withRepairOrder(db)
    .where('d.vehicle_id', '=', vehicleId)
    .where('d.status', '=', 'open')
    .orderBy('d.declined_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(page.limit + 1)
    .offset(page.offset);
}

/** Marks an open item taken by a new job; returns whether it was still open. */
export async function takeDeclinedWork(db: Db, id: number, taken: { jobId: number; at: string; by: number }): Promise<boolean> {
  const result = await db
    .updateTable('declined_work')
    .set({ status: 'taken', taken_job_id: taken.jobId, taken_at: taken.at, taken_by: taken.by })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Marks an open item dismissed; returns whether it was still open. */
export async function dismissDeclinedWork(
  db: Db,
  id: number,
  dismissed: { reason: string; at: string; by: number },
): Promise<boolean> {
  const result = await db
    .updateTable('declined_work')
    .set({ status: 'dismissed', dismissed_reason: dismissed.reason, dismissed_at: dismissed.at, dismissed_by: dismissed.by })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
