import { sql, type Insertable } from 'kysely';
import type { PartGridColumn } from '../../../shared/contract/parts';
import type { Db } from '../db/connection';
import { likeEscape, prefixUpperBound } from '../db/prefix';
import type { PartsTable } from '../db/schema';

export type PartWrite = Omit<
  Insertable<PartsTable>,
  'id' | 'on_hand_milli' | 'stock_value_fen' | 'superseded_by_id' | 'active' | 'version' | 'created_at'
>;

/** What open RO lines hold on the shelf of part `p` (the part_reservations_part_open index answers it). */
const RESERVED = sql<number>`(SELECT coalesce(sum(r.reserved_milli), 0) FROM part_reservations r
  WHERE r.part_id = p.id AND r.status = 'open')`;
const AVAILABLE = sql<number>`(p.on_hand_milli - ${RESERVED})`;
/** The moving average as SQL, for sorting only; the figure shown is computed by averageUnitCost. */
const AVG_COST = sql<number>`(CASE WHEN p.on_hand_milli > 0 THEN p.stock_value_fen * 1000.0 / p.on_hand_milli ELSE p.cost_fen END)`;

export async function insertPart(db: Db, row: PartWrite & { created_at: string }): Promise<number> {
  const result = await db
    .insertInto('parts')
    .values({ ...row, superseded_by_id: null, on_hand_milli: 0, stock_value_fen: 0, active: 1, version: 1 })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

/** Updates only if nobody saved since `version` was read; returns whether it did. */
export async function updatePart(
  db: Db,
  id: number,
  version: number,
  row: PartWrite & { active: number },
): Promise<boolean> {
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
  return db
    .selectFrom('parts')
    .select('id')
    .where('part_number', '=', partNumber)
    .where('id', '<>', exceptId)
    .executeTakeFirst();
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
  return db
    .selectFrom('part_stock')
    .select(['bin', 'on_hand_milli'])
    .where('part_id', '=', partId)
    .orderBy('bin')
    .execute();
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
  reserved: RESERVED,
  available: AVAILABLE,
  avgUnitCost: AVG_COST,
  listPrice: sql`p.list_price_fen`,
  stockValue: sql`p.stock_value_fen`,
} as const;

function filteredParts(db: Db, f: PartFilterQuery) {
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
      'p.stock_value_fen',
      'p.active',
      's.part_number as superseded_by',
      RESERVED.as('reserved_milli'),
    ]);
  if (f.active !== 'all') query = query.where('p.active', '=', f.active === 'active' ? 1 : 0);
  if (f.numberPrefix || f.nameText) {
    const contains = `%${likeEscape(f.nameText)}%`;
    query = query.where((eb) =>
      eb.or([
        // A prefix as a range, so the unique index on part_number answers it.
        ...(f.numberPrefix
          ? [eb.and([eb('p.part_number', '>=', f.numberPrefix), eb('p.part_number', '<', prefixUpperBound(f.numberPrefix))])]
          : []),
        ...(f.nameText
          ? [sql<boolean>`p.name_zh LIKE ${contains} ESCAPE '\\'`, sql<boolean>`p.name_en LIKE ${contains} ESCAPE '\\'`]
          : []),
      ]),
    );
  }
  if (f.brand) query = query.where(sql<boolean>`p.brand = ${f.brand} COLLATE NOCASE`);
  if (f.binPrefix) {
    const from = f.binPrefix;
    const to = prefixUpperBound(f.binPrefix);
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('p.default_bin', '>=', from), eb('p.default_bin', '<', to)]),
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
  if (f.belowMin) query = query.where('p.min_qty_milli', '>', 0).where(sql<boolean>`${AVAILABLE} < p.min_qty_milli`);
  return query;
}

export interface PartPage {
  offset: number;
  limit: number;
  sort: { column: PartGridColumn; direction: 'asc' | 'desc' }[];
}

/** One page of the parts grid plus one row (whether there is more), as a query (tests read its plan). */
export function partGridQuery(db: Db, f: PartFilterQuery, page: PartPage) {
  let query = filteredParts(db, f);
  for (const s of page.sort) query = query.orderBy(PART_SORT[s.column], s.direction);
  return query.orderBy('p.part_number').limit(page.limit + 1).offset(page.offset);
}

export function partGrid(db: Db, f: PartFilterQuery, page: PartPage) {
  return partGridQuery(db, f, page).execute();
}

/**
 * The export's chunk: parts in part-number order after `afterNumber`. Keyset paging, so the 300th chunk costs what
 * the first does (OFFSET would re-read every row before it).
 */
export function partChunk(db: Db, f: PartFilterQuery, afterNumber: string, size: number) {
  return filteredParts(db, f).where('p.part_number', '>', afterNumber).orderBy('p.part_number').limit(size).execute();
}

export type PartGridRowData = Awaited<ReturnType<typeof partGrid>>[number];
