import { sql, type RawBuilder } from 'kysely';
import type { CustomerGridColumn } from '../../../shared/contract/customers';
import type { GridInput } from '../../../shared/contract/paging';
import type { PhoneLabel } from '../../../shared/domain/enums';
import { normalizePhone } from '../../../shared/domain/phone';
import { reversed } from '../../../shared/domain/vin';
import type { Db } from '../db/connection';
import type { CustomersTable } from '../db/schema';
import { containsMatch, matchingRowids, type ContainsMatch } from '../db/contains-search';
import { planFilters, WALK, type FilterCandidate, type FilterPlan, type IdsQuery } from '../db/grid-filters';
import { likeEscape, prefixUpperBound } from '../db/prefix';

export type CustomerWrite = Omit<
  CustomersTable,
  'id' | 'version' | 'created_at' | 'merged_into_id' | 'erased_at' | 'erased_by' | 'erase_reason' | 'legacy_id'
>;

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
  await db
    .updateTable('customers')
    .set({ updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

export function findCustomer(db: Db, id: number) {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPhones(db: Db, customerId: number) {
  return db
    .selectFrom('customer_phones')
    .select(['number', 'label'])
    .where('customer_id', '=', customerId)
    .orderBy('position')
    .execute();
}

/** A file's pinyin keys (shared/domain/pinyin-keys.ts) replaced by `keys`: written with its name, read by the look-up. */
export async function replacePinyinKeys(db: Db, customerId: number, keys: string[]): Promise<void> {
  await db.deleteFrom('customer_pinyin').where('customer_id', '=', customerId).execute();
  if (keys.length === 0) return;
  await db
    .insertInto('customer_pinyin')
    .values(keys.map((key) => ({ customer_id: customerId, key })))
    .execute();
}

export async function replacePhones(db: Db, customerId: number, phones: { number: string; label: PhoneLabel }[]): Promise<void> {
  // Most saves of a file leave its phones as they were: rewriting them would rewrite their trigram search rows too
  // (customer_phones_fts, with FTS merge work now and then), on every save of a ten-year customer table.
  const current = await findPhones(db, customerId);
  const same =
    current.length === phones.length && current.every((p, i) => p.number === phones[i]!.number && p.label === phones[i]!.label);
  if (same) return;
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

export async function insertNote(
  db: Db,
  row: { customer_id: number; author_id: number; body: string; created_at: string },
): Promise<number> {
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
const SORT_COLUMNS = { name: sql`c.name_key`, kind: sql`c.kind`, updatedAt: sql`c.updated_at` } as const;

type TextFilter = NonNullable<GridInput<CustomerGridColumn>['filterModel']['name']>;

/** The grid's text filters as the columns hold them: names as their lowercase key, phones as digits. */
export interface CustomerFilters {
  name: { type: TextFilter['type']; text: string; match?: ContainsMatch } | null;
  phone: { type: TextFilter['type']; text: string; match?: ContainsMatch } | null;
  kind: string | null;
}

export function customerFilters(request: GridInput<CustomerGridColumn>): CustomerFilters {
  const filters: CustomerFilters = { name: null, phone: null, kind: null };
  for (const [column, filter] of Object.entries(request.filterModel)) {
    if (!filter) continue;
    // Phones are stored as digits: "138-0013" must find 13800138000.
    const text = column === 'phone' ? normalizePhone(filter.filter) : filter.filter.trim().toLowerCase();
    if (!text) continue;
    if (column === 'name') filters.name = { type: filter.type, text };
    else if (column === 'phone') filters.phone = { type: filter.type, text };
    else if (column === 'kind') filters.kind = text;
  }
  return filters;
}

/** A "contains" looked up in its trigram table (the other filter types are index ranges of their own). */
export async function resolveCustomerFilters(db: Db, f: CustomerFilters): Promise<CustomerFilters> {
  const resolve = async (filter: CustomerFilters['name'], table: 'customers_name_fts' | 'customer_phones_fts') =>
    filter && filter.type === 'contains' && !filter.match
      ? { ...filter, match: await containsMatch(db, table, filter.text) }
      : filter;
  return { ...f, name: await resolve(f.name, 'customers_name_fts'), phone: await resolve(f.phone, 'customer_phones_fts') };
}

/** The filters that can name their customers through an index (grid-filters.ts decides how each is read). */
export type CustomerFilterName = 'name' | 'phone';
export type CustomerFilterPlan = FilterPlan<CustomerFilterName>;

/** The customers a filter names through its own index, or null when it cannot name a bounded set. */
function filterIds(db: Db, f: CustomerFilters, name: CustomerFilterName): IdsQuery | null {
  const filter = f[name];
  if (!filter) return null;
  const none = () =>
    db
      .selectFrom('customers')
      .select('id')
      .where(sql<boolean>`0`);
  if (filter.type === 'contains') {
    if (!filter.match || filter.match.kind === 'dense') return null;
    if (filter.match.kind === 'none') return none();
    const rowids = matchingRowids(db, name === 'name' ? 'customers_name_fts' : 'customer_phones_fts', filter.match.expression);
    return name === 'name' ? rowids : db.selectFrom('customer_phones').select('customer_id as id').where('id', 'in', rowids);
  }
  const upper = prefixUpperBound(filter.text);
  if (name === 'name') {
    // Live files only: the terms of the partial index customers_name_key.
    const byName = db.selectFrom('customers').select('id').where('merged_into_id', 'is', null);
    return filter.type === 'equals'
      ? byName.where('name_key', '=', filter.text)
      : byName.where('name_key', '>=', filter.text).where('name_key', '<', upper);
  }
  const byPhone = db.selectFrom('customer_phones').select('customer_id as id');
  return filter.type === 'equals'
    ? byPhone.where('number', '=', filter.text)
    : byPhone.where('number', '>=', filter.text).where('number', '<', upper);
}

/** How each filter given is read: see grid-filters.ts. */
export function planCustomerFilters(db: Db, f: CustomerFilters): Promise<CustomerFilterPlan> {
  const candidates: FilterCandidate<CustomerFilterName>[] = [];
  for (const name of ['phone', 'name'] as const) {
    const ids = filterIds(db, f, name);
    // Checked on the row, a phone filter is one probe of customer_phones_customer: cheaper than a set of ids. A name
    // contains is a trigram match: counting it costs what its set does.
    const filter = f[name];
    const match = filter?.match;
    const estimate = match?.kind === 'match' ? match.estimate : undefined;
    const beyondDrive = name === 'phone' ? 'row' : filter?.type === 'contains' ? 'set' : undefined;
    if (ids)
      candidates.push([name, ids, { ...(beyondDrive ? { beyondDrive } : {}), ...(estimate !== undefined ? { estimate } : {}) }]);
  }
  return candidates.length > 0 ? planFilters(db, candidates) : Promise.resolve(WALK);
}

export interface CustomerPage {
  offset: number;
  limit: number;
  sort: GridInput<CustomerGridColumn>['sortModel'];
  /** Keyset paging (one sort column at most): the sort value and id of the last row shown; `offset` is then unused. */
  after?: { key: string | number; id: number } | null;
}

const unindexed = (expression: RawBuilder<unknown>) => sql`+${expression}`;

/**
 * One page of live customer files plus one row, as a query (tests read its plan). Ties go newest first in either
 * direction, as they always did: migration 0024 has an index per sort column and direction.
 */
export function customerGridQuery(
  db: Db,
  f: CustomerFilters,
  page: CustomerPage,
  plan: CustomerFilterPlan = WALK,
  keyset: 'tie' | 'beyond' = 'beyond',
) {
  const walk = plan.drive === null;
  const column = (expression: RawBuilder<unknown>) => (walk ? expression : unindexed(expression));
  const sort = page.sort.filter((s) => s.colId !== 'phone');
  const first = sort[0];
  const key = first ? column(SORT_COLUMNS[first.colId as keyof typeof SORT_COLUMNS]) : null;
  const id = column(sql`c.id`);
  let query = db
    .selectFrom('customers as c')
    .select(['c.id', 'c.kind', 'c.name', 'c.updated_at', (key ?? id).as('sort_key')])
    // Kept plain: these are the terms of the partial sort indexes.
    .where('c.merged_into_id', 'is', null)
    .where('c.erased_at', 'is', null);
  if (plan.drive) {
    const ids = filterIds(db, f, plan.drive);
    if (ids) query = query.where('c.id', 'in', ids);
  }
  for (const name of plan.sets) {
    const ids = filterIds(db, f, name);
    if (ids) query = query.where(sql<number>`+c.id`, 'in', ids);
  }
  const pattern = (filter: { type: TextFilter['type']; text: string }) =>
    filter.type === 'equals'
      ? likeEscape(filter.text)
      : filter.type === 'startsWith'
        ? `${likeEscape(filter.text)}%`
        : `%${likeEscape(filter.text)}%`;
  if (f.name) query = query.where(sql<boolean>`c.name_key LIKE ${pattern(f.name)} ESCAPE '\\'`);
  if (f.kind) query = query.where(sql<boolean>`+c.kind = ${f.kind}`);
  if (f.phone) {
    const phonePattern = pattern(f.phone);
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('customer_phones as p')
          .select('p.id')
          .whereRef('p.customer_id', '=', 'c.id')
          .where(sql<boolean>`p.number LIKE ${phonePattern} ESCAPE '\\'`),
      ),
    );
  }
  const after = sort.length <= 1 ? page.after : null;
  if (after) {
    // As in the parts grid: the rest of the cursor's tie (older files with the same value), or what lies beyond it.
    const past = first?.sort === 'desc' ? sql`<` : sql`>`;
    if (!key) query = query.where(sql<boolean>`${id} < ${after.id}`);
    else if (keyset === 'tie') query = query.where(sql<boolean>`${key} = ${after.key} AND ${id} < ${after.id}`);
    else query = query.where(sql<boolean>`${key} ${past} ${after.key}`);
  }
  // Inside a tie the sort value is one value: the id alone orders it.
  const inTie = after && key && keyset === 'tie';
  if (!inTie) for (const s of sort) query = query.orderBy(column(SORT_COLUMNS[s.colId as keyof typeof SORT_COLUMNS]), s.sort);
  query = query.orderBy(id, 'desc').limit(page.limit + 1);
  return after ? query : query.offset(page.offset);
}

/** One page of the grid with each row's first phone and current cars, read for the rows of the page only. */
export async function customerGrid(db: Db, filters: CustomerFilters, page: CustomerPage) {
  const f = await resolveCustomerFilters(db, filters);
  const plan = await planCustomerFilters(db, f);
  const keyed = page.after && page.sort.filter((s) => s.colId !== 'phone').length === 1;
  let rows = await customerGridQuery(db, f, page, plan, keyed ? 'tie' : 'beyond').execute();
  if (keyed && rows.length <= page.limit) {
    rows = [...rows, ...(await customerGridQuery(db, f, { ...page, limit: page.limit - rows.length }, plan, 'beyond').execute())];
  }
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const [phones, cars] = await Promise.all([
    db
      .selectFrom('customer_phones')
      .select(['customer_id', 'number'])
      .where('customer_id', 'in', ids)
      .orderBy('customer_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('vehicle_ownerships')
      .select((eb) => ['customer_id', eb.fn.countAll<number>().as('n')])
      .where('customer_id', 'in', ids)
      .where('to_at', 'is', null)
      .groupBy('customer_id')
      .execute(),
  ]);
  const firstPhone = new Map<number, string>();
  for (const phone of phones) if (!firstPhone.has(phone.customer_id)) firstPhone.set(phone.customer_id, phone.number);
  const carCount = new Map(cars.map((car) => [car.customer_id, Number(car.n)]));
  return rows.map(({ sort_key, ...row }) => ({
    ...row,
    sortKey: sort_key as string | number,
    phone: firstPhone.get(row.id) ?? null,
    vehicle_count: carCount.get(row.id) ?? 0,
  }));
}
