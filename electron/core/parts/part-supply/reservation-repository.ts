import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connection';
import type { PartReservationsTable } from '../../db/schema';

export function findReservationByLine(db: Db, lineId: number) {
  return db.selectFrom('part_reservations').selectAll().where('line_id', '=', lineId).executeTakeFirst();
}

export async function insertReservation(db: Db, row: Omit<Insertable<PartReservationsTable>, 'id'>): Promise<number> {
  const result = await db.insertInto('part_reservations').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function updateReservation(db: Db, id: number, changes: Updateable<PartReservationsTable>): Promise<void> {
  await db
    .updateTable('part_reservations')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Open lines of a part still short, oldest first: a receipt fills them in this order. */
export function findWaitingReservations(db: Db, partId: number) {
  return db
    .selectFrom('part_reservations as r')
    .innerJoin('repair_orders as ro', 'ro.id', 'r.repair_order_id')
    .selectAll('r')
    .select('ro.advisor_id')
    .where('r.part_id', '=', partId)
    .where('r.status', '=', 'open')
    .where('r.to_order_milli', '>', 0)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}

export async function insertArrivalNotice(
  db: Db,
  row: { advisor_id: number; repair_order_id: number; line_id: number; part_id: number; qty_milli: number; created_at: string },
): Promise<void> {
  await db.insertInto('part_arrival_notices').values(row).execute();
}
