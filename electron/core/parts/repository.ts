import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { PartGridColumn } from '../../../shared/contract/parts';
import type { Db } from '../db/connection';
import { containsMatch, matchingRowids, type ContainsMatch } from '../db/contains-search';
import { planFilters, WALK, type FilterCandidate, type FilterPlan, type IdsQuery } from '../db/grid-filters';
import { likeEscape, prefixUpperBound } from '../db/prefix';
import type { PartsTable } from '../db/schema';

export type PartWrite = Omit<
  Insertable<PartsTable>,
  'id' | 'on_hand_milli' | 'stock_value_fen' | 'superseded_by_id' | 'active' | 'version' | 'created_at'
>;

/**
 * The moving average as SQL, for sorting only; the figure shown is computed by averageUnitCost. Written exactly as
 * the expression index parts_grid_avg_cost (migration 0024), which SQLite matches by its text.
 */
const AVG_COST = sql<number>`(CASE WHEN p.on_hand_milli > 0 THEN p.stock_value_fen * 1000.0 / p.on_hand_milli ELSE p.cost_fen END)`;
/** On hand minus what open RO lines hold (parts.reserved_milli, kept by triggers): the index parts_grid_available. */
const AVAILABLE = sql<number>`(p.on_hand_milli - p.reserved_milli)`;

export async function insertPart(db: Db, row: PartWrite & { created_at: string }): Promise<number> {
  const result = await db
    .insertInto('parts')
    .values({ ...row, superseded_by_id: null, on_hand_milli: 0, stock_value_fen: 0, active: 1, version: 1 })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

/** Updates only if nobody saved since `version` was read; returns whether it did. */
export async function updatePart(db: Db, id: number, version: number, row: PartWrite & { active: number }): Promise<boolean> {
  const result = await db
    .updateTable('parts')
    .set({ ...row, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setSupersededBy(
  db: Db,
  id: number,
  version: number,
  supersededById: number | null,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('parts')
    .set({ superseded_by_id: supersededById, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function findPart(db: Db, id: number) {
  return db.selectFrom('parts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPartByNumber(db: Db, partNumber: string) {
  return db.selectFrom('parts').selectAll().where('part_number', '=', partNumber).executeTakeFirst();
}

/** Another part already holding this number (also enforced by the unique index). */
export function findPartHoldingNumber(db: Db, partNumber: string, exceptId: number) {
  return db.selectFrom('parts').select('id').where('part_number', '=', partNumber).where('id', '<>', exceptId).executeTakeFirst();
}

export function findSupersededPointer(db: Db, id: number) {
  return db.selectFrom('parts').select(['id', 'superseded_by_id']).where('id', '=', id).executeTakeFirst();
}

/** The parts that name `id` as their replacement. */
export function findReplaced(db: Db, id: number) {
  return db
    .selectFrom('parts')
    .select(['id', 'part_number', 'name_zh', 'name_en'])
    .where('superseded_by_id', '=', id)
    .orderBy('part_number')
    .execute();
}

export function findBins(db: Db, partId: number) {
  return db.selectFrom('part_stock').select(['bin', 'on_hand_milli']).where('part_id', '=', partId).orderBy('bin').execute();
}

/** Open reservations of a part: held on the shelf and waiting to be ordered. */
export async function reservationTotals(db: Db, partId: number): Promise<{ reserved: number; toOrder: number }> {
  const row = await db
    .selectFrom('part_reservations')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('reserved_milli'), eb.lit(0)).as('reserved'),
      eb.fn.coalesce(eb.fn.sum<number>('to_order_milli'), eb.lit(0)).as('to_order'),
    ])
    .where('part_id', '=', partId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return { reserved: Number(row.reserved), toOrder: Number(row.to_order) };
}

/** The grid's and the export's filters, as the service has normalised them. */
export interface PartFilterQuery {
  /** The text as a normalised part-number prefix ('' when it cannot start a number). */
  numberPrefix: string;
  /** The text as typed, for the names. */
  nameText: string;
  /**
   * nameText looked up in parts_name_fts (resolvePartFilter): which parts may hold it. Left out, the names are only
   * checked row by row.
   */
  nameMatch?: ContainsMatch;
  brand: string;
  binPrefix: string;
  belowMin: boolean;
  active: 'active' | 'inactive' | 'all';
}

/** Grid column id -> SQL for sorting (the contract's allow-list has already refused anything else). */
const PART_SORT = {
  partNumber: sql`p.part_number`,
  nameZh: sql`p.name_zh`,
  nameEn: sql`p.name_en`,
  brand: sql`p.brand`,
  defaultBin: sql`p.default_bin`,
  onHand: sql`p.on_hand_milli`,
  reserved: sql`p.reserved_milli`,
  available: AVAILABLE,
  avgUnitCost: AVG_COST,
  listPrice: sql`p.list_price_fen`,
  stockValue: sql`p.stock_value_fen`,
} as const;

/** The filters that can name their parts through an index (grid-filters.ts decides how each is read). */
export type PartFilterName = 'text' | 'brand' | 'bin' | 'belowMin' | 'inactive';
export type PartFilterPlan = FilterPlan<PartFilterName>;

/** Where the next page starts: the sort value and the part number of the last row shown. */
export interface PartCursor {
  key: string | number;
  partNumber: string;
}

export interface PartPage {
  offset: number;
  limit: number;
  sort: { column: PartGridColumn; direction: 'asc' | 'desc' }[];
  /** Keyset paging (one sort column at most): the page starts after this row, and `offset` is not used. */
  after?: PartCursor | null;
}

/** The ids a filter names, through that filter's own index; null when the filter cannot name a bounded set. */
function filterIds(db: Db, f: PartFilterQuery, filter: PartFilterName): IdsQuery | null {
  const ids = () => db.selectFrom('parts').select('id');
  switch (filter) {
    case 'text': {
      if (!f.numberPrefix && !f.nameText) return null;
      const match = f.nameText ? f.nameMatch : undefined;
      if (match?.kind === 'dense' || (f.nameText && !match)) return null;
      const byNumber = f.numberPrefix
        ? ids().where('part_number', '>=', f.numberPrefix).where('part_number', '<', prefixUpperBound(f.numberPrefix))
        : null;
      const byName = match?.kind === 'match' ? matchingRowids(db, 'parts_name_fts', match.expression) : null;
      if (byNumber && byName) return byNumber.unionAll(byName);
      // Neither: the text is no number's start and no name holds it.
      return byNumber ?? byName ?? ids().where(sql<boolean>`0`);
    }
    case 'brand':
      return f.brand ? ids().where(sql<boolean>`brand = ${f.brand} COLLATE NOCASE`) : null;
    case 'bin': {
      if (!f.binPrefix) return null;
      const to = prefixUpperBound(f.binPrefix);
      const byStock = db
        .selectFrom('part_stock')
        .select('part_id as id')
        .where('bin', '>=', f.binPrefix)
        .where('bin', '<', to)
        .where('on_hand_milli', '<>', 0);
      return ids().where('default_bin', '>=', f.binPrefix).where('default_bin', '<', to).unionAll(byStock);
    }
    case 'belowMin':
      // The same terms as the partial index parts_below_min, so SQLite reads that index.
      return f.belowMin ? ids().where(sql<boolean>`min_qty_milli > 0 AND on_hand_milli - reserved_milli < min_qty_milli`) : null;
    case 'inactive':
      return f.active === 'inactive' ? ids().where(sql<boolean>`active = 0`) : null;
  }
}

const FILTERS: readonly PartFilterName[] = ['text', 'belowMin', 'inactive', 'bin', 'brand'];

/** Looks the name text up in the trigram index (a database read, so not part of the service's pure filterQuery). */
export async function resolvePartFilter(db: Db, f: PartFilterQuery): Promise<PartFilterQuery> {
  if (!f.nameText || f.nameMatch) return f;
  return { ...f, nameMatch: await containsMatch(db, 'parts_name_fts', f.nameText) };
}

/** How each filter given is read: see grid-filters.ts. */
export function planPartFilters(db: Db, f: PartFilterQuery): Promise<PartFilterPlan> {
  const candidates: FilterCandidate<PartFilterName>[] = [];
  // The text is a trigram match: counting it costs what its set does. A one- or two-character text comes with the
  // trigram vocabulary's count (when no number range is beside it).
  const estimate = f.nameMatch?.kind === 'match' && !f.numberPrefix ? f.nameMatch.estimate : undefined;
  for (const name of FILTERS) {
    const ids = filterIds(db, f, name);
    if (!ids) continue;
    candidates.push(
      name === 'text' ? [name, ids, { beyondDrive: 'set', ...(estimate !== undefined ? { estimate } : {}) }] : [name, ids],
    );
  }
  return candidates.length > 0 ? planFilters(db, candidates) : Promise.resolve(WALK);
}

/**
 * The filters, row by row. Columns are written `+p.x` so that SQLite never picks a filter's index on its own: the
 * page is read from the driving filter's ids, or along the sort index with the set filters' ids, as planned.
 */
function filteredParts(db: Db, f: PartFilterQuery, plan: PartFilterPlan, brandIndexed = false) {
  let query = db
    .selectFrom('parts as p')
    .leftJoin('parts as s', 's.id', 'p.superseded_by_id')
    .select([
      'p.id',
      'p.part_number',
      'p.name_zh',
      'p.name_en',
      'p.brand',
      'p.unit',
      'p.default_bin',
      'p.list_price_fen',
      'p.cost_fen',
      'p.min_qty_milli',
      'p.max_qty_milli',
      'p.on_hand_milli',
      'p.reserved_milli',
      'p.stock_value_fen',
      'p.active',
      's.part_number as superseded_by',
    ]);
  if (plan.drive) {
    const ids = filterIds(db, f, plan.drive);
    if (ids) query = query.where('p.id', 'in', ids);
  }
  for (const name of plan.sets) {
    const ids = filterIds(db, f, name);
    if (ids) query = query.where(sql<number>`+p.id`, 'in', ids);
  }
  if (f.active !== 'all') query = query.where(sql<boolean>`+p.active = ${f.active === 'active' ? 1 : 0}`);
  if (f.numberPrefix && !f.nameText) {
    // A number prefix alone is a range of the part-number index (which is also the default order).
    query = query.where('p.part_number', '>=', f.numberPrefix).where('p.part_number', '<', prefixUpperBound(f.numberPrefix));
  } else if (f.numberPrefix || f.nameText) {
    const contains = `%${likeEscape(f.nameText)}%`;
    query = query.where((eb) =>
      eb.or([
        ...(f.numberPrefix
          ? [sql<boolean>`(+p.part_number >= ${f.numberPrefix} AND +p.part_number < ${prefixUpperBound(f.numberPrefix)})`]
          : []),
        ...(f.nameText
          ? [sql<boolean>`p.name_zh LIKE ${contains} ESCAPE '\\'`, sql<boolean>`p.name_en LIKE ${contains} ESCAPE '\\'`]
          : []),
      ]),
    );
  }
  // Indexed: the page is one range of parts_grid_brand_nocase (brand, part_number), see brandWalk.
  if (f.brand && brandIndexed) query = query.where(sql<boolean>`p.brand = ${f.brand} COLLATE NOCASE`);
  else if (f.brand) query = query.where(sql<boolean>`+p.brand = ${f.brand} COLLATE NOCASE`);
  if (f.binPrefix) {
    const from = f.binPrefix;
    const to = prefixUpperBound(f.binPrefix);
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`(+p.default_bin >= ${from} AND +p.default_bin < ${to})`,
        eb.exists(
          eb
            .selectFrom('part_stock as b')
            .select('b.part_id')
            .whereRef('b.part_id', '=', 'p.id')
            .where('b.bin', '>=', from)
            .where('b.bin', '<', to)
            .where('b.on_hand_milli', '<>', 0),
        ),
      ]),
    );
  }
  if (f.belowMin) query = query.where(sql<boolean>`+p.min_qty_milli > 0 AND ${AVAILABLE} < +p.min_qty_milli`);
  return query;
}

/** `+x`: the same value, but SQLite will not read an index for it (the driver's ids are sorted instead). */
const unindexed = (expression: RawBuilder<unknown>) => sql`+${expression}`;

/**
 * Which rows after the cursor a keyset query reads: the rest of the cursor's tie (same sort value, later part
 * numbers) or what lies beyond its sort value. Two queries, because "(value, number) after (v, n)" as one condition
 * would only bound the sort value: a page deep inside a large tie (thousands of parts with nothing reserved) would walk
 * the whole tie before it. Each of these is one range of the sort index, expression indexes included.
 */
export type KeysetPart = 'tie' | 'beyond';

/**
 * A brand in part-number order (the grid's default, and the export) is read along parts_grid_brand_nocase (brand,
 * part_number): one range, already in page order. Walking the part-number index instead and checking the brand on
 * each row is slow at ten years although a brand holds a quarter of the parts: each maker numbers its own parts, so
 * the walk may pass most of the other brands' numbers before the first of this one. Only when no narrower filter
 * drives the page (that one's few rows are read by id and sorted).
 */
function brandWalk(f: PartFilterQuery, page: PartPage, plan: PartFilterPlan): boolean {
  const partNumberOrder = page.sort.length === 0 || (page.sort.length === 1 && page.sort[0]!.column === 'partNumber');
  return f.brand !== '' && partNumberOrder && (plan.drive === null || plan.drive === 'brand');
}

/**
 * One page of the parts grid plus one row (whether there is more), as a query (tests read its plan). Ties are broken
 * by part number in the direction of the (first) sort, so one index read forwards or backwards serves a sort. With
 * `page.after` (one sort column at most) `keyset` says which part of what follows the cursor to read.
 */
export function partGridQuery(
  db: Db,
  f: PartFilterQuery,
  page: PartPage,
  planned: PartFilterPlan = WALK,
  keyset: KeysetPart = 'beyond',
) {
  const brandIndexed = brandWalk(f, page, planned);
  const plan = brandIndexed ? { drive: null, sets: planned.sets.filter((name) => name !== 'brand') } : planned;
  const walk = plan.drive === null;
  const sortKey = page.sort.length > 0 ? PART_SORT[page.sort[0]!.column] : PART_SORT.partNumber;
  const direction = page.sort[0]?.direction ?? 'asc';
  const tie = walk ? sql`p.part_number` : unindexed(sql`p.part_number`);
  let query = filteredParts(db, f, plan, brandIndexed).select(sortKey.as('sort_key'));
  const after = page.sort.length <= 1 ? page.after : null;
  if (after) {
    const key = walk ? sortKey : unindexed(sortKey);
    const past = direction === 'asc' ? sql`>` : sql`<`;
    if (page.sort.length === 0) query = query.where(sql<boolean>`${tie} ${past} ${after.partNumber}`);
    else if (keyset === 'tie') query = query.where(sql<boolean>`${key} = ${after.key} AND ${tie} ${past} ${after.partNumber}`);
    else query = query.where(sql<boolean>`${key} ${past} ${after.key}`);
  }
  // Inside a tie the sort value is one value: ordering by it again would make SQLite sort (it cannot tell for an
  // expression index).
  const inTie = after && page.sort.length === 1 && keyset === 'tie';
  if (!inTie)
    for (const s of page.sort) query = query.orderBy(walk ? PART_SORT[s.column] : unindexed(PART_SORT[s.column]), s.direction);
  // Sorted by part number on the brand index, the tie-breaker would be the same column again, and SQLite would sort
  // for that "last term" rather than see it is already in order.
  const tieIsSort = brandIndexed && !inTie && page.sort.length === 1;
  if (!tieIsSort) query = query.orderBy(tie, direction);
  query = query.limit(page.limit + 1);
  return after ? query : query.offset(page.offset);
}

export async function partGrid(db: Db, filter: PartFilterQuery, page: PartPage) {
  const f = await resolvePartFilter(db, filter);
  const plan = await planPartFilters(db, f);
  if (!page.after || page.sort.length !== 1) return partGridQuery(db, f, page, plan).execute();
  const tied = await partGridQuery(db, f, page, plan, 'tie').execute();
  if (tied.length > page.limit) return tied;
  const beyond = await partGridQuery(db, f, { ...page, limit: page.limit - tied.length }, plan, 'beyond').execute();
  return [...tied, ...beyond];
}

/**
 * The export's chunk: parts in part-number order after `afterNumber`. Keyset paging, so the 300th chunk costs what
 * the first does (OFFSET would re-read every row before it).
 */
export async function partChunk(db: Db, filter: PartFilterQuery, afterNumber: string, size: number) {
  const f = await resolvePartFilter(db, filter);
  const plan = await planPartFilters(db, f);
  return partGridQuery(
    db,
    f,
    { offset: 0, limit: size - 1, sort: [], after: { key: afterNumber, partNumber: afterNumber } },
    plan,
  ).execute();
}

export type PartGridRowData = Awaited<ReturnType<typeof partGrid>>[number];
