import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection';
import type { RepairOrderRefundsTable } from '../../db/schema';

export async function insertRefund(db: Db, row: Omit<Insertable<RepairOrderRefundsTable>, 'id'>): Promise<number> {
  const result = await db.insertInto('repair_order_refunds').values(row).returning('id').executeTakeFirstOrThrow();
  return result.id;
}

/** An RO's refunds, oldest first, with who asked and who decided. */
export function findRefunds(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_order_refunds as f')
    .innerJoin('users as q', 'q.id', 'f.requested_by')
    .leftJoin('users as d', 'd.id', 'f.decided_by')
    .selectAll('f')
    .select(['q.display_name as requested_by_name', 'd.display_name as decided_by_name'])
    .where('f.repair_order_id', '=', repairOrderId)
    .orderBy('f.id')
    .execute();
}

export function findRefund(db: Db, refundId: number) {
  return db.selectFrom('repair_order_refunds').selectAll().where('id', '=', refundId).executeTakeFirst();
}

export function findPayment(db: Db, paymentId: number) {
  return db.selectFrom('repair_order_payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
}

/** What is already taken from a payment: its refunds approved or still waiting (a refused one gives it back), fen. */
export async function heldAgainstPayment(db: Db, paymentId: number, except?: number): Promise<number> {
  let query = db
    .selectFrom('repair_order_refunds')
    .select((eb) => eb.fn.sum<number | null>('amount_fen').as('held'))
    .where('payment_id', '=', paymentId)
    .where('state', '!=', 'refused');
  if (except !== undefined) query = query.where('id', '!=', except);
  const row = await query.executeTakeFirst();
  return Number(row?.held ?? 0);
}

export async function decideRefund(
  db: Db,
  refundId: number,
  decision: { state: 'approved' | 'refused'; decided_by: number; decided_at: string; decision_note: string },
): Promise<boolean> {
  const result = await db
    .updateTable('repair_order_refunds')
    .set(decision)
    .where('id', '=', refundId)
    .where('state', '=', 'requested')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
