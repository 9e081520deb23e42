import { sql } from 'kysely';
import type { CustomerGridColumn } from '../../../shared/contract/customers';
import type { GridInput } from '../../../shared/contract/paging';
import { normalizePhone } from '../../../shared/domain/phone';
import { reversed } from '../../../shared/domain/vin';
import type { Db } from '../db/connection';
import type { CustomersTable } from '../db/schema';
import { likeEscape } from '../db/prefix';

export type CustomerWrite = Omit<CustomersTable, 'id' | 'version' | 'created_at' | 'merged_into_id' | 'erased_at' | 'erased_by' | 'erase_reason'>;

export async function insertCustomer(db: Db, row: CustomerWrite & { created_at: string }): Promise<number> {
  const result = await db.insertInto('customers').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

/** Updates only if nobody saved since `version` was read; returns whether it did. */
export async function updateCustomer(db: Db, id: number, version: number, row: CustomerWrite): Promise<boolean> {
  const result = await db
    .updateTable('customers')
    .set({ ...row, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('merged_into_id', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function touchCustomer(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable('customers').set({ updated_at: now, version: sql`version + 1` }).where('id', '=', id).execute();
}

export function findCustomer(db: Db, id: number) {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPhones(db: Db, customerId: number) {
  return db.selectFrom('customer_phones').select(['number', 'label']).where('customer_id', '=', customerId).orderBy('position').execute();
}

export async function replacePhones(db: Db, customerId: number, phones: { number: string; label: string }[]): Promise<void> {
  await db.deleteFrom('customer_phones').where('customer_id', '=', customerId).execute();
  if (phones.length === 0) return;
  await db
    .insertInto('customer_phones')
    .values(
      phones.map((phone, position) => ({
        customer_id: customerId,
        number: phone.number,
        number_rev: reversed(phone.number.replace('+', '')),
        label: phone.label,
        position,
      })),
    )
    .execute();
}

export function findNotes(db: Db, customerId: number) {
  return db
    .selectFrom('customer_notes as n')
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .select(['n.id', 'n.body', 'n.created_at', 'u.display_name as author_name'])
    .where('n.customer_id', '=', customerId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .execute();
}

export async function insertNote(db: Db, row: { customer_id: number; author_id: number; body: string; created_at: string }): Promise<number> {
  const result = await db.insertInto('customer_notes').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

/** The customer's cars, current ones (to_at null) and those they sold. */
export function findOwnedVehicles(db: Db, customerId: number) {
  return db
    .selectFrom('vehicle_ownerships as o')
    .innerJoin('vehicles as v', 'v.id', 'o.vehicle_id')
    .select(['v.id', 'v.vin', 'v.plate', 'v.make', 'v.model', 'v.year', 'v.fuel_type', 'o.to_at'])
    .where('o.customer_id', '=', customerId)
    .orderBy('o.from_at', 'desc')
    .execute();
}

/** Moves everything a duplicate file holds (cars, notes, repair orders) onto the file that stays, then retires it. */
export async function foldCustomerInto(db: Db, duplicateId: number, keepId: number, now: string): Promise<void> {
  await db.updateTable('vehicle_ownerships').set({ customer_id: keepId }).where('customer_id', '=', duplicateId).execute();
  await db.updateTable('customer_notes').set({ customer_id: keepId }).where('customer_id', '=', duplicateId).execute();
  // The visits are the customer's history: they follow the file that stays.
  await db.updateTable('repair_orders').set({ customer_id: keepId }).where('customer_id', '=', duplicateId).execute();
  await db.deleteFrom('customer_phones').where('customer_id', '=', duplicateId).execute();
  await db
    .updateTable('customers')
    .set({ merged_into_id: keepId, updated_at: now, version: sql`version + 1` })
    .where('id', '=', duplicateId)
    .execute();
}

/** Grid column id -> SQL for sorting (phone is filter-only: a customer has several). */
const SORT_COLUMNS = { name: 'c.name_key', kind: 'c.kind', updatedAt: 'c.updated_at' } as const;

export function customerGrid(db: Db, request: GridInput<CustomerGridColumn>) {
  const limit = request.endRow - request.startRow;
  let query = db
    .selectFrom('customers as c')
    .select((eb) => [
      'c.id',
      'c.kind',
      'c.name',
      'c.updated_at',
      eb
        .selectFrom('customer_phones as p')
        .select('p.number')
        .whereRef('p.customer_id', '=', 'c.id')
        .orderBy('p.position')
        .limit(1)
        .as('phone'),
      eb
        .selectFrom('vehicle_ownerships as o')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('o.customer_id', '=', 'c.id')
        .where('o.to_at', 'is', null)
        .as('vehicle_count'),
    ])
    .where('c.merged_into_id', 'is', null)
    .where('c.erased_at', 'is', null);

  for (const [column, filter] of Object.entries(request.filterModel)) {
    if (!filter) continue;
    // Phones are stored as digits: "138-0013" must find 13800138000.
    const text = column === 'phone' ? normalizePhone(filter.filter) : filter.filter.trim().toLowerCase();
    if (!text) continue;
    const pattern =
      filter.type === 'equals' ? likeEscape(text) : filter.type === 'startsWith' ? `${likeEscape(text)}%` : `%${likeEscape(text)}%`;
    if (column === 'name') query = query.where(sql<boolean>`c.name_key LIKE ${pattern} ESCAPE '\\'`);
    else if (column === 'kind') query = query.where('c.kind', '=', text);
    else if (column === 'phone') {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('customer_phones as p')
            .select('p.id')
            .whereRef('p.customer_id', '=', 'c.id')
            .where(sql<boolean>`p.number LIKE ${pattern} ESCAPE '\\'`),
        ),
      );
    }
  }
  for (const sort of request.sortModel) {
    if (sort.colId !== 'phone') query = query.orderBy(SORT_COLUMNS[sort.colId], sort.sort);
  }
  return query.orderBy('c.id', 'desc').limit(limit + 1).offset(request.startRow);
}
