import { sql, type Insertable } from 'kysely';
import type { Db } from '../db/connection';
import type { StockMovementsTable } from '../db/schema';

/** The part's running totals, read inside the writing transaction. */
export function findPartStock(db: Db, partId: number) {
  return db
    .selectFrom('parts')
    .select(['id', 'part_number', 'on_hand_milli', 'stock_value_fen', 'cost_fen', 'default_bin'])
    .where('id', '=', partId)
    .executeTakeFirst();
}

export async function binOnHand(db: Db, partId: number, bin: string): Promise<number> {
  const row = await db
    .selectFrom('part_stock')
    .select('on_hand_milli')
    .where('part_id', '=', partId)
    .where('bin', '=', bin)
    .executeTakeFirst();
  return row?.on_hand_milli ?? 0;
}

export async function insertMovement(db: Db, row: Omit<Insertable<StockMovementsTable>, 'id'>): Promise<number> {
  const result = await db.insertInto('stock_movements').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function addToBin(db: Db, partId: number, bin: string, qtyMilli: number): Promise<void> {
  await db
    .insertInto('part_stock')
    .values({ part_id: partId, bin, on_hand_milli: qtyMilli })
    .onConflict((oc) => oc.columns(['part_id', 'bin']).doUpdateSet({ on_hand_milli: sql`on_hand_milli + ${qtyMilli}` }))
    .execute();
}

export async function setPartTotals(db: Db, partId: number, onHandMilli: number, stockValueFen: number): Promise<void> {
  await db
    .updateTable('parts')
    .set({ on_hand_milli: onHandMilli, stock_value_fen: stockValueFen })
    .where('id', '=', partId)
    .execute();
}

/** What open reservations hold on the shelf for a part (issued and to-order quantities are not on the shelf). */
export async function reservedMilli(db: Db, partId: number): Promise<number> {
  const row = await db
    .selectFrom('part_reservations')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('reserved_milli'), eb.lit(0)).as('reserved'))
    .where('part_id', '=', partId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.reserved);
}

/** The next number of a document kind in `year`, taken in the caller's transaction. */
export async function nextDocumentNumber(db: Db, kind: string, year: number): Promise<number> {
  const row = await db
    .insertInto('document_sequences')
    .values({ kind, year, last_number: 1 })
    .onConflict((oc) => oc.columns(['kind', 'year']).doUpdateSet({ last_number: sql`last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}
