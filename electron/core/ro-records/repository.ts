import { sql, type Insertable } from 'kysely';
import type { RepairOrderStatus } from '../../../shared/domain/repair-order-status';
import type { Db } from '../db/connection';
import type { RepairOrderJobsTable, RepairOrdersTable } from '../db/schema';

/**
 * The RO records that areas other than repair-orders write or read as part of their own steps: the RO row and its
 * version, a job added, a status change recorded, what was paid. They live below every area so that the workshop
 * (a quality check sending the car back to work, additional work found at the bay) and the parts room (a return
 * refused after payment) use them without importing the repair-orders area, which itself imports theirs: imports
 * between areas go one way (eslint.config.mjs). The repair-orders repository re-exports them.
 */

// --- repair orders ---

export function findRepairOrder(db: Db, id: number) {
  return db.selectFrom('repair_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Bumps version and updated_at if nobody saved since `version` was read; returns whether it did. Every write to an
 * RO (its jobs and lines included) goes through this, so a screen showing an older version cannot overwrite it.
 */
export async function bumpRepairOrder(
  db: Db,
  id: number,
  version: number,
  now: string,
  changes: Partial<Pick<RepairOrdersTable, 'status' | 'promised_at'>> = {},
): Promise<boolean> {
  const result = await db
    .updateTable('repair_orders')
    .set({ ...changes, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// --- jobs ---

export async function insertJob(db: Db, row: Omit<Insertable<RepairOrderJobsTable>, 'id' | 'position'>): Promise<number> {
  const position = await nextPosition(db, 'repair_order_jobs', 'repair_order_id', row.repair_order_id);
  const result = await db
    .insertInto('repair_order_jobs')
    .values({ ...row, position })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

/** The next position of a job on its RO, or of a line on its job (0 for the first). */
export async function nextPosition(
  db: Db,
  table: 'repair_order_jobs' | 'repair_order_lines',
  column: 'repair_order_id' | 'job_id',
  id: number,
) {
  const row = await db
    .selectFrom(table)
    .select(sql<number>`coalesce(max(position), -1) + 1`.as('next'))
    .where(column, '=', id)
    .executeTakeFirstOrThrow();
  return row.next;
}

// --- status history ---

export async function insertStatusChange(
  db: Db,
  row: {
    repair_order_id: number;
    from_status: RepairOrderStatus | null;
    to_status: RepairOrderStatus;
    changed_by: number;
    changed_at: string;
    note: string;
  },
): Promise<void> {
  await db.insertInto('repair_order_status_history').values(row).execute();
}

// --- payments ---

/** What the customer paid on an RO so far, fen. */
export async function paidFen(db: Db, repairOrderId: number): Promise<number> {
  const row = await db
    .selectFrom('repair_order_payments')
    .select((eb) => eb.fn.sum<number | null>('amount_fen').as('paid'))
    .where('repair_order_id', '=', repairOrderId)
    .executeTakeFirst();
  return Number(row?.paid ?? 0);
}
