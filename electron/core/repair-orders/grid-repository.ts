import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/connection';
import { prefixUpperBound } from '../db/prefix';
import type { RepairOrderStatus } from '../../../shared/domain/repair-order-status';
import { owedTotalFen } from './owed-total';

// --- the RO list ---
//
// A page is read in two steps: the ids (and sort values) of its rows from one index, then names, plate and total for
// those rows only. The service picks the index (grid-service.ts); these functions build its statements.

/** A search term as the list matches it, and the index that finds it (migration 0022). */
export interface RoTextTerm {
  value: string;
  /**
   * 'trigram': 3 characters or more, anywhere in the value (FTS5). 'gram': one or two characters anywhere in a name
   * (customer_name_grams). 'prefix': shorter than a trigram elsewhere, at the start of the value (an index range).
   */
  index: 'trigram' | 'gram' | 'prefix';
}

/** The search text in each stored form: RO number (upper), plate (normalised), name key, reversed VIN tail. */
export interface RoTextSearch {
  /** Null: no RO number holds it (the service asked first), so it is not checked at all. */
  number: RoTextTerm | null;
  plate: RoTextTerm | null;
  name: RoTextTerm | null;
  /** Matched as the start of vin_rev (the VIN's tail); null under 4 characters or when no VIN ends so. */
  vinRev: string | null;
  /**
   * How an index walk checks the car and customer terms on each RO it passes: against the matching ids, read once
   * ('set': a few tens of thousands at most), or by reading the RO's own car or customer ('row': when most match).
   */
  vehicles: 'set' | 'row';
  customers: 'set' | 'row';
}

/** What every RO of a page satisfies, once the service has turned the view and filters into plain conditions. */
export interface RoGridFilter {
  /** Null: any status. Never empty (the service answers an empty set without asking SQL). */
  statuses: readonly RepairOrderStatus[] | null;
  advisorId: number | null;
  /** UTC instants: opened_at >= openedFrom, opened_at < openedBefore. */
  openedFrom?: string;
  openedBefore?: string;
  /** UTC instants: promised_at >= promisedFrom, promised_at < promisedBefore. */
  promisedFrom?: string;
  promisedBefore?: string;
  /** The payer filter's bit in payer_mask (migration 0022). */
  payerBit?: number;
  text?: RoTextSearch;
}

/** Columns an index walk of the list is ordered by (then by opening time and id, in the same direction). */
export type RoSortColumn = 'opened_at' | 'promised_at' | 'number';
export type RoSortDirection = 'asc' | 'desc';

/** The values any order of the list is made of: the page's cursor (the last row of the block before). */
export interface RoSortValues {
  id: number;
  status: RepairOrderStatus;
  opened_at: string;
  promised_at: string | null;
  number: string;
}

/** One index walk: the ROs of one status (or any), in one order, from a cursor on. */
export interface RoWalk {
  filter: RoGridFilter;
  /** The walk's status: the filter's only one, one of several (merged by the service), or a group of a status sort. */
  status: RepairOrderStatus | null;
  /** The equality the index starts with; the other one (if any) is checked on each row it passes. */
  drive: 'status' | 'advisor' | null;
  column: RoSortColumn;
  direction: RoSortDirection;
  /**
   * For a promised-time order: only the ROs without a promised time (true: ordered by opening time, as SQLite puts
   * NULLs together) or only those with one (false). Null for other orders.
   */
  promisedNull: boolean | null;
  /** Continue after this row (its values of `column` and opened_at, and its id); null: from the start. */
  after: { value: string | null; opened_at: string; id: number } | null;
  limit: number;
  offset: number;
}

/** A sort term of a page read from a small set of ROs (see repairOrderCandidates). */
export interface RoOrderTerm {
  column: 'status' | RoSortColumn | 'id';
  direction: RoSortDirection;
}

const ro = (column: RoOrderTerm['column']) => sql.ref(`r.${column}`);
/** The column hidden from the planner (`+r.x`): the condition is checked on each row, never used to pick an index. */
const checked = (column: string) => sql`+${sql.ref(`r.${column}`)}`;

/** FTS5 phrase of a term: double quotes, inner quotes doubled; a trigram phrase matches the text anywhere. */
function phrase(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** Starts-with as a comparison of the first characters (SQLite counts characters as JavaScript's iterator does). */
function startsWith(column: RawBuilder<unknown>, value: string) {
  return sql<SqlBool>`substr(${column}, 1, ${[...value].length}) = ${value}`;
}

/** An RO number term is only ever a prefix of the numbers ("RO…", see the service): an index range of them. */
export function numberPrefixOnly(text: RoTextSearch | undefined): RoTextTerm | null {
  if (!text?.number || text.number.index !== 'prefix' || text.plate || text.name || text.vinRev) return null;
  return text.number;
}

/** RO ids whose number holds the term. */
function matchingNumbers(term: RoTextTerm): RawBuilder<unknown> {
  return term.index === 'prefix'
    ? sql`SELECT id FROM repair_orders WHERE number >= ${term.value} AND number < ${prefixUpperBound(term.value)}`
    : sql`SELECT rowid AS id FROM repair_order_number_search WHERE repair_order_number_search MATCH ${phrase(term.value)}`;
}

/** Vehicles whose plate or VIN tail matches (ids), or null when the text has neither form. */
function matchingVehicles(text: RoTextSearch): RawBuilder<unknown> | null {
  const parts: RawBuilder<unknown>[] = [];
  if (text.plate && text.plate.index === 'trigram') {
    parts.push(sql`SELECT rowid AS id FROM vehicle_plate_search WHERE vehicle_plate_search MATCH ${phrase(text.plate.value)}`);
  } else if (text.plate) {
    // The plate and its serial (the plate without the province), as the look-up matches them; the `<> ''` terms let
    // SQLite use the partial indexes.
    const upper = prefixUpperBound(text.plate.value);
    parts.push(sql`SELECT id FROM vehicles WHERE plate <> '' AND plate >= ${text.plate.value} AND plate < ${upper}`);
    parts.push(
      sql`SELECT id FROM vehicles WHERE plate_serial <> '' AND plate_serial >= ${text.plate.value} AND plate_serial < ${upper}`,
    );
  }
  if (text.vinRev)
    parts.push(sql`SELECT id FROM vehicles WHERE vin_rev >= ${text.vinRev} AND vin_rev < ${prefixUpperBound(text.vinRev)}`);
  return parts.length > 0 ? sql.join(parts, sql` UNION ALL `) : null;
}

/** Customers whose name key holds the term (ids), or null. */
function matchingCustomers(text: RoTextSearch): RawBuilder<unknown> | null {
  if (!text.name) return null;
  if (text.name.index === 'trigram')
    return sql`SELECT rowid AS id FROM customer_name_search WHERE customer_name_search MATCH ${phrase(text.name.value)}`;
  return sql`SELECT customer_id AS id FROM customer_name_grams WHERE gram = ${text.name.value}`;
}

/**
 * The ids of the ROs the text matches, from the search indexes (one row per match, an RO may come twice): its number,
 * the ROs of a matching vehicle, the ROs of a matching customer. Joined rather than `IN (...)`, so a LIMIT stops early.
 */
function textMatches(text: RoTextSearch): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = text.number ? [matchingNumbers(text.number)] : [];
  const vehicles = matchingVehicles(text);
  if (vehicles)
    parts.push(
      sql`SELECT rv.id FROM (SELECT id AS vehicle FROM (${vehicles})) JOIN repair_orders AS rv ON rv.vehicle_id = vehicle`,
    );
  const customers = matchingCustomers(text);
  if (customers)
    parts.push(
      sql`SELECT rc.id FROM (SELECT id AS customer FROM (${customers})) JOIN repair_orders AS rc ON rc.customer_id = customer`,
    );
  return parts.length > 0 ? sql.join(parts, sql` UNION ALL `) : sql`SELECT NULL AS id WHERE 0`;
}

/**
 * The same match checked on each RO an index walk passes: its own number, and its car and customer either among the
 * matching ids (read once per statement) or read by primary key.
 */
function textOnRow(text: RoTextSearch): RawBuilder<SqlBool> {
  const anywhere = (column: RawBuilder<unknown>, term: RoTextTerm) =>
    term.index === 'prefix' ? startsWith(column, term.value) : sql<SqlBool>`instr(${column}, ${term.value}) > 0`;
  const either: RawBuilder<SqlBool>[] = text.number ? [anywhere(checked('number'), text.number)] : [];
  const vehicles = matchingVehicles(text);
  if (vehicles && text.vehicles === 'set') either.push(sql`${checked('vehicle_id')} IN (${vehicles})`);
  else if (vehicles) {
    const vehicle: RawBuilder<SqlBool>[] = [];
    if (text.plate) vehicle.push(anywhere(sql`v.plate`, text.plate));
    if (text.plate?.index === 'prefix') vehicle.push(startsWith(sql`v.plate_serial`, text.plate.value));
    if (text.vinRev) vehicle.push(startsWith(sql`v.vin_rev`, text.vinRev));
    either.push(sql`EXISTS (SELECT 1 FROM vehicles AS v WHERE v.id = r.vehicle_id AND (${sql.join(vehicle, sql` OR `)}))`);
  }
  const customers = matchingCustomers(text);
  if (customers && text.customers === 'set') either.push(sql`${checked('customer_id')} IN (${customers})`);
  else if (customers && text.name)
    either.push(
      sql`EXISTS (SELECT 1 FROM customers AS c WHERE c.id = r.customer_id AND ${anywhere(sql`c.name_key`, text.name)})`,
    );
  return either.length > 0 ? sql<SqlBool>`(${sql.join(either, sql` OR `)})` : sql<SqlBool>`0`;
}

/** Up to `cap` + 1 ROs the text matches (counted with repeats): whether the matches are a small set. */
export async function countTextMatches(db: Db, text: RoTextSearch, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM (${textMatches(text)} LIMIT ${cap + 1})`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Up to `cap` + 1 RO numbers, vehicles or customers one kind of the text's terms matches. */
export async function countTermMatches(
  db: Db,
  text: RoTextSearch,
  kind: 'number' | 'vehicles' | 'customers',
  cap: number,
): Promise<number> {
  const source =
    kind === 'number'
      ? text.number
        ? matchingNumbers(text.number)
        : null
      : kind === 'vehicles'
        ? matchingVehicles(text)
        : matchingCustomers(text);
  if (!source) return 0;
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM (${source} LIMIT ${cap + 1})`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Up to `cap` + 1 ROs of one status or opened in a range (an index range, counted without reading a row). */
export async function countCapped(
  db: Db,
  where: { status: RepairOrderStatus } | { openedFrom?: string; openedBefore?: string },
  cap: number,
): Promise<number> {
  let query = db.selectFrom('repair_orders').select(sql`1`.as('one'));
  if ('status' in where) query = query.where('status', '=', where.status);
  else {
    if (where.openedFrom) query = query.where('opened_at', '>=', where.openedFrom);
    if (where.openedBefore) query = query.where('opened_at', '<', where.openedBefore);
  }
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM (${query.limit(cap + 1)})`.execute(db);
  return rows[0]?.n ?? 0;
}

/** The conditions of the filter that no walk or source uses as its index: checked on each row read. */
function checkedConditions(
  filter: RoGridFilter,
  uses: { status: boolean; advisor: boolean; opened: boolean; promised: boolean; payer: boolean },
) {
  const conditions: RawBuilder<SqlBool>[] = [];
  if (filter.statuses && !uses.status) conditions.push(sql`${checked('status')} IN (${sql.join([...filter.statuses])})`);
  if (filter.advisorId !== null && !uses.advisor) conditions.push(sql`${checked('advisor_id')} = ${filter.advisorId}`);
  if (!uses.opened) {
    if (filter.openedFrom) conditions.push(sql`${checked('opened_at')} >= ${filter.openedFrom}`);
    if (filter.openedBefore) conditions.push(sql`${checked('opened_at')} < ${filter.openedBefore}`);
  }
  if (!uses.promised) {
    if (filter.promisedFrom) conditions.push(sql`${checked('promised_at')} >= ${filter.promisedFrom}`);
    if (filter.promisedBefore) conditions.push(sql`${checked('promised_at')} < ${filter.promisedBefore}`);
  }
  // As the partial indexes' own condition (the bit a literal: our own constant, never input) where a walk may use
  // one (newest first), else hidden from the planner like the other checks.
  if (filter.payerBit) {
    const mask = uses.payer ? sql`r.payer_mask` : checked('payer_mask');
    conditions.push(sql`(${mask} & ${sql.lit(filter.payerBit)}) <> 0`);
  }
  return conditions;
}

/**
 * The index each walk reads, by the equality it starts with and its order (migrations 0004, 0005, 0022). Named in the
 * statement (INDEXED BY): the service has already chosen, and SQLite's statistics on a ten-year file (sampled by
 * PRAGMA optimize) were seen to prefer a sibling index and sort every RO of a status, or a skip-scan of the advisors.
 */
const WALK_INDEXES = {
  none: { opened_at: 'repair_orders_opened', promised_at: 'repair_orders_promised_at', number: 'repair_orders_number_opened' },
  status: {
    opened_at: 'repair_orders_status',
    promised_at: 'repair_orders_status_promised_at',
    number: 'repair_orders_status_number',
  },
  advisor: {
    opened_at: 'repair_orders_advisor_opened',
    promised_at: 'repair_orders_advisor_promised_at',
    number: 'repair_orders_advisor_number',
  },
} as const;

/** The payers on a few ROs in a hundred have their own newest-first index (partial, on payer_mask). */
const PAYER_INDEXES: Partial<Record<number, string>> = {
  4: 'repair_orders_internal_opened',
  8: 'repair_orders_insurance_opened',
};

/**
 * The order of a walk, after its equalities: the column, the opening time where promised times tie (and where the
 * numbers' (number, opened_at) index is read: numbers are unique, so the order is the same), then the id.
 */
function walkTerms(w: RoWalk): readonly ('opened_at' | 'promised_at' | 'number' | 'id')[] {
  if (w.promisedNull === true) return ['opened_at', 'id'];
  if (w.column === 'promised_at') return ['promised_at', 'opened_at', 'id'];
  if (w.column === 'number' && w.drive === null) return ['number', 'opened_at', 'id'];
  return [w.column, 'id'];
}

/** A row an index walk found: its id and its values of the walk's order (what the service merges walks by). */
export interface RoWalkedRow {
  id: number;
  sort_value: string | null;
  opened_at: string;
}

/**
 * One walk of one index in its order, from a cursor on (keyset paging: a deep page costs what the first does): the
 * status and advisor equalities it starts with, then the order's columns, which a row value comparison seeks.
 */
export async function repairOrderWalk(db: Db, w: RoWalk): Promise<RoWalkedRow[]> {
  const { filter, column } = w;
  const payerIndex = column === 'opened_at' && w.drive === null && filter.payerBit ? PAYER_INDEXES[filter.payerBit] : undefined;
  const index = payerIndex ?? WALK_INDEXES[w.drive ?? 'none'][column];
  const conditions: RawBuilder<SqlBool>[] = [];
  if (w.status !== null)
    conditions.push(w.drive === 'status' ? sql`r.status = ${w.status}` : sql`${checked('status')} = ${w.status}`);
  if (w.drive === 'advisor' && filter.advisorId !== null) conditions.push(sql`r.advisor_id = ${filter.advisorId}`);
  if (w.promisedNull !== null) conditions.push(w.promisedNull ? sql`r.promised_at IS NULL` : sql`r.promised_at IS NOT NULL`);
  if (column === 'opened_at') {
    if (filter.openedFrom) conditions.push(sql`r.opened_at >= ${filter.openedFrom}`);
    if (filter.openedBefore) conditions.push(sql`r.opened_at < ${filter.openedBefore}`);
  }
  if (column === 'promised_at') {
    if (filter.promisedFrom) conditions.push(sql`r.promised_at >= ${filter.promisedFrom}`);
    if (filter.promisedBefore) conditions.push(sql`r.promised_at < ${filter.promisedBefore}`);
  }
  conditions.push(
    ...checkedConditions(filter, {
      status: w.status !== null,
      advisor: w.drive === 'advisor',
      opened: column === 'opened_at',
      promised: column === 'promised_at',
      payer: payerIndex !== undefined,
    }),
  );
  const numberPrefix = numberPrefixOnly(filter.text);
  if (numberPrefix && column === 'number') {
    // Walking the numbers: the prefix is a range of that same index.
    conditions.push(sql`r.number >= ${numberPrefix.value}`, sql`r.number < ${prefixUpperBound(numberPrefix.value)}`);
  } else if (filter.text) {
    conditions.push(textOnRow(filter.text));
  }
  const terms = walkTerms(w);
  if (w.after) {
    // The number's own value stands for (number, opened_at): numbers are unique.
    const keys = terms.filter((term) => !(term === 'opened_at' && column === 'number'));
    const values = keys.map((term) => (term === 'id' ? w.after!.id : term === 'opened_at' ? w.after!.opened_at : w.after!.value));
    conditions.push(sql`(${sql.join(keys.map(ro))}) ${sql.raw(w.direction === 'asc' ? '>' : '<')} (${sql.join(values)})`);
  }
  const direction = sql.raw(w.direction);
  const { rows } = await sql<RoWalkedRow>`SELECT r.id, ${ro(column)} AS sort_value, r.opened_at
    FROM repair_orders AS r INDEXED BY ${sql.id(index)}
    WHERE ${conditions.length > 0 ? sql.join(conditions, sql` AND `) : sql`1`}
    ORDER BY ${sql.join(terms.map((term) => sql`${ro(term)} ${direction}`))}
    LIMIT ${w.limit} OFFSET ${w.offset}`.execute(db);
  return rows;
}

/** A page read from a small set of ROs (the text's matches, or an opening-time range), sorted after reading it. */
export interface RoCandidatePage {
  filter: RoGridFilter;
  source: 'text' | 'opened';
  order: readonly RoOrderTerm[];
  after: RoSortValues | null;
  limit: number;
  offset: number;
}

/** Rows after `after` in `order` (lexicographic; SQLite's NULLs come first ascending, last descending). */
function afterCondition(order: readonly RoOrderTerm[], after: RoSortValues): RawBuilder<SqlBool> {
  const equal = (term: RoOrderTerm) => {
    const value = after[term.column];
    return value === null ? sql<SqlBool>`${ro(term.column)} IS NULL` : sql<SqlBool>`${ro(term.column)} = ${value}`;
  };
  const beyond = (term: RoOrderTerm): RawBuilder<SqlBool> => {
    const value = after[term.column];
    if (term.direction === 'asc')
      return value === null ? sql`${ro(term.column)} IS NOT NULL` : sql`${ro(term.column)} > ${value}`;
    return value === null ? sql`0` : sql`(${ro(term.column)} < ${value} OR ${ro(term.column)} IS NULL)`;
  };
  const either = order.map(
    (term, index) => sql<SqlBool>`(${sql.join([...order.slice(0, index).map(equal), beyond(term)], sql` AND `)})`,
  );
  return sql<SqlBool>`(${sql.join(either, sql` OR `)})`;
}

/**
 * A page drawn from a set the service has counted as small (GRID_SMALL_SET ROs, or GRID_COVERED_SET read from a
 * covering index): every RO of it is read and the page is sorted in a temporary B-tree bounded by that set, never by
 * the table. Used where no index serves the filter and the order at once (a text search with few matches, an RO
 * number prefix in another order than the number, an opening-date range with another sort).
 */
export async function repairOrderCandidates(db: Db, page: RoCandidatePage): Promise<{ id: number }[]> {
  const { filter } = page;
  const conditions: RawBuilder<SqlBool>[] = [];
  // The set's own index, named as the walks name theirs: a range of the number index (with the opening time, so the
  // newest-first order reads no RO row), the search's matches by id, or an opening-time range.
  let from = sql`repair_orders AS r`;
  const numberPrefix = numberPrefixOnly(filter.text);
  if (page.source === 'text' && numberPrefix) {
    from = sql`repair_orders AS r INDEXED BY repair_orders_number_opened`;
    conditions.push(sql`r.number >= ${numberPrefix.value}`, sql`r.number < ${prefixUpperBound(numberPrefix.value)}`);
  } else if (page.source === 'text' && filter.text) {
    conditions.push(sql`r.id IN (${textMatches(filter.text)})`);
  }
  if (page.source === 'opened') {
    from = sql`repair_orders AS r INDEXED BY repair_orders_opened`;
    if (filter.openedFrom) conditions.push(sql`r.opened_at >= ${filter.openedFrom}`);
    if (filter.openedBefore) conditions.push(sql`r.opened_at < ${filter.openedBefore}`);
  }
  conditions.push(
    ...checkedConditions(filter, {
      status: false,
      advisor: false,
      opened: page.source === 'opened',
      promised: false,
      payer: false,
    }),
  );
  if (page.after) conditions.push(afterCondition(page.order, page.after));
  // `+` on the first term: the set is the source's, so no index is walked for the order.
  const order = page.order.map(
    (term, index) => sql`${index === 0 ? checked(term.column) : ro(term.column)} ${sql.raw(term.direction)}`,
  );
  const { rows } = await sql<{ id: number }>`SELECT r.id FROM ${from}
    WHERE ${conditions.length > 0 ? sql.join(conditions, sql` AND `) : sql`1`}
    ORDER BY ${sql.join(order)}
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return rows;
}

/** What a row of the list shows, for the ROs of one page (by id; the page's order is the service's). */
export function repairOrderRows(db: Db, ids: readonly number[]) {
  return db
    .selectFrom('repair_orders as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .innerJoin('users as u', 'u.id', 'r.advisor_id')
    .select([
      'r.id',
      'r.number',
      'r.status',
      'r.opened_at',
      'r.promised_at',
      'r.advisor_id',
      'r.payer_mask',
      'r.source',
      'c.name as customer_name',
      'v.plate',
      'u.display_name as advisor_name',
      owedTotalFen(),
    ])
    .where('r.id', 'in', [...ids])
    .execute();
}
