import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection';
import type { RepairOrderDeliveriesTable, RepairOrderPaymentsTable } from '../../db/schema';

export async function insertPayment(db: Db, row: Omit<Insertable<RepairOrderPaymentsTable>, 'id'>): Promise<void> {
  await db.insertInto('repair_order_payments').values(row).execute();
}

/** An RO's payments, oldest first, with who received them. */
export function findPayments(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_order_payments as p')
    .innerJoin('users as u', 'u.id', 'p.received_by')
    .selectAll('p')
    .select('u.display_name as received_by_name')
    .where('p.repair_order_id', '=', repairOrderId)
    .orderBy('p.id')
    .execute();
}

export { paidFen } from '../../ro-records/repository';

/**
 * What the customer owes on an RO, fen: the sum of the stored line totals of its customer-payer jobs not declined
 * (the same sum as the RO's totals.byPayer.customer).
 */
export async function customerOwedFen(db: Db, repairOrderId: number): Promise<number> {
  const row = await db
    .selectFrom('repair_order_lines as l')
    .innerJoin('repair_order_jobs as j', 'j.id', 'l.job_id')
    .select((eb) => eb.fn.sum<number | null>('l.total_fen').as('owed'))
    .where('l.repair_order_id', '=', repairOrderId)
    .where('j.payer', '=', 'customer')
    .where('j.authorization_state', '!=', 'declined')
    .executeTakeFirst();
  return Number(row?.owed ?? 0);
}

export async function insertDelivery(db: Db, row: Insertable<RepairOrderDeliveriesTable>): Promise<void> {
  await db.insertInto('repair_order_deliveries').values(row).execute();
}

/** An RO's delivery with who handed the car over. */
export function findDelivery(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_order_deliveries as d')
    .innerJoin('users as u', 'u.id', 'd.delivered_by')
    .selectAll('d')
    .select('u.display_name as delivered_by_name')
    .where('d.repair_order_id', '=', repairOrderId)
    .executeTakeFirst();
}

/** Positions (1-based, in the RO's order) of its jobs not declined that have no work category. */
export async function jobsWithoutCategory(db: Db, repairOrderId: number): Promise<number[]> {
  const jobs = await db
    .selectFrom('repair_order_jobs')
    .select(['authorization_state', 'work_category'])
    .where('repair_order_id', '=', repairOrderId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return jobs.flatMap((job, index) => (job.authorization_state !== 'declined' && job.work_category === null ? [index + 1] : []));
}
