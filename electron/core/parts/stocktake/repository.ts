import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { StocktakeLineFilter } from '../../../../shared/contract/parts/stocktake';
import type { Db } from '../../db/connection';
import { likeEscape, prefixUpperBound } from '../../db/prefix';
import type { StocktakeLinesTable, StocktakesTable } from '../../db/schema';

/** The bins a stocktake counts, as the clerk chose them; empty strings mean "not limited that way". */
export interface BinScope {
  binFrom: string;
  binTo: string;
  binPrefix: string;
}

/** The bin column of `table` in the scope: a range by text order, a prefix as a range scan (see db/prefix). */
function inScope(column: 'ps.bin' | 'l.bin', scope: BinScope): RawBuilder<boolean> {
  const ref = sql.ref(column);
  const parts: RawBuilder<boolean>[] = [sql<boolean>`1 = 1`];
  if (scope.binFrom) parts.push(sql<boolean>`${ref} >= ${scope.binFrom}`);
  if (scope.binTo) parts.push(sql<boolean>`${ref} <= ${scope.binTo}`);
  if (scope.binPrefix) {
    parts.push(sql<boolean>`${ref} >= ${scope.binPrefix} AND ${ref} < ${prefixUpperBound(scope.binPrefix)}`);
  }
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/**
 * The stock rows to freeze: every (part, bin) in the scope with a stock row, at zero too, of parts still active or
 * with something on hand; with the part's running totals for the moving-average cost.
 */
export function stockRowsInScope(db: Db, scope: BinScope) {
  return db
    .selectFrom('part_stock as ps')
    .innerJoin('parts as p', 'p.id', 'ps.part_id')
    .select([
      'ps.part_id',
      'ps.bin',
      'ps.on_hand_milli',
      'p.on_hand_milli as part_on_hand_milli',
      'p.stock_value_fen',
      'p.cost_fen',
    ])
    .where(inScope('ps.bin', scope))
    .where((eb) => eb.or([eb('p.active', '=', 1), eb('ps.on_hand_milli', '<>', 0)]))
    .orderBy('ps.bin')
    .orderBy('p.part_number')
    .execute();
}

/** A stocktake still counting that has a line in one of the scope's bins. */
export function findOverlappingOpen(db: Db, scope: BinScope) {
  return db
    .selectFrom('stocktake_lines as l')
    .innerJoin('stocktakes as s', 's.id', 'l.stocktake_id')
    .select(['s.id', 's.number', 'l.bin'])
    .where('s.status', '=', 'counting')
    .where(inScope('l.bin', scope))
    .limit(1)
    .executeTakeFirst();
}

export async function insertStocktake(db: Db, row: Omit<Insertable<StocktakesTable>, 'id'>): Promise<number> {
  const result = await db.insertInto('stocktakes').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function insertLines(db: Db, rows: Omit<Insertable<StocktakeLinesTable>, 'id'>[]): Promise<void> {
  // 9 columns a row: chunks stay well under SQLite's bound-parameter limit.
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insertInto('stocktake_lines')
      .values(rows.slice(start, start + 500))
      .execute();
  }
}

export function findStocktake(db: Db, id: number) {
  return db
    .selectFrom('stocktakes as s')
    .innerJoin('users as c', 'c.id', 's.created_by')
    .leftJoin('users as p', 'p.id', 's.posted_by')
    .selectAll('s')
    .select(['c.display_name as created_by_name', 'p.display_name as posted_by_name'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/** One page of stocktakes by number (the rowid's order: they are numbered as they start). */
export function listStocktakes(db: Db, options: { offset: number; limit: number; direction: 'asc' | 'desc' }) {
  return db
    .selectFrom('stocktakes as s')
    .innerJoin('users as c', 'c.id', 's.created_by')
    .leftJoin('users as p', 'p.id', 's.posted_by')
    .selectAll('s')
    .select(['c.display_name as created_by_name', 'p.display_name as posted_by_name'])
    .orderBy('s.id', options.direction)
    .offset(options.offset)
    .limit(options.limit + 1)
    .execute();
}

/** Bumps the version if nobody saved since `version` was read and the stocktake is still counting. */
export async function touchCounting(
  db: Db,
  id: number,
  version: number,
  set: Partial<Omit<StocktakesTable, 'id' | 'version'>> = {},
): Promise<boolean> {
  const result = await db
    .updateTable('stocktakes')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'counting')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** counted − frozen (null while uncounted). */
const variance = sql<number | null>`(l.counted_milli - l.frozen_milli)`;
/** The variance at the frozen cost, rounded half away from zero in integers, exactly as valueOfQty does. */
const varianceValue = sql<number | null>`CASE WHEN l.counted_milli IS NULL THEN NULL
  WHEN (l.counted_milli - l.frozen_milli) * l.unit_cost_fen >= 0
    THEN ((l.counted_milli - l.frozen_milli) * l.unit_cost_fen + 500) / 1000
  ELSE -((-(l.counted_milli - l.frozen_milli) * l.unit_cost_fen + 500) / 1000) END`;

/** Totals over every line of a stocktake. */
export async function totals(db: Db, stocktakeId: number) {
  const row = await db
    .selectFrom('stocktake_lines as l')
    .select([
      sql<number>`count(*)`.as('lines'),
      sql<number>`count(l.counted_milli)`.as('counted'),
      sql<number>`coalesce(sum(CASE WHEN l.counted_milli <> l.frozen_milli THEN 1 ELSE 0 END), 0)`.as('variance_lines'),
      sql<number>`coalesce(sum(${variance}), 0)`.as('variance_milli'),
      sql<number>`coalesce(sum(CASE WHEN ${varianceValue} > 0 THEN ${varianceValue} ELSE 0 END), 0)`.as('gain_fen'),
      sql<number>`coalesce(sum(CASE WHEN ${varianceValue} < 0 THEN ${varianceValue} ELSE 0 END), 0)`.as('loss_fen'),
    ])
    .where('l.stocktake_id', '=', stocktakeId)
    .executeTakeFirstOrThrow();
  return row;
}

/**
 * The count sheet's orders. By bin walks stocktake_lines_bin (stocktake_id, bin, then its rowid): a bin's lines in the
 * order they were frozen, which is part number (a line added on the shelf comes after them). By value sorts one
 * stocktake's lines in memory: bounded by the store's bins, never by years.
 */
function lineOrder(sort: StocktakeLineOrder): RawBuilder<unknown>[] {
  const desc = sort.direction === 'desc';
  if (sort.by === 'bin') return desc ? [sql`l.bin DESC`, sql`l.id DESC`] : [sql`l.bin ASC`, sql`l.id ASC`];
  const value = desc ? sql`coalesce(${varianceValue}, 0) DESC` : sql`coalesce(${varianceValue}, 0) ASC`;
  return [value, sql`l.bin`, sql`l.id`];
}

export interface StocktakeLineOrder {
  by: 'bin' | 'value';
  direction: 'asc' | 'desc';
}

/** One page of a stocktake's lines, filtered and sorted in SQL; one row more than asked tells whether there is more. */
export function linePage(
  db: Db,
  stocktakeId: number,
  options: { filter: StocktakeLineFilter; sort: StocktakeLineOrder; text: string; offset: number; limit: number },
) {
  let query = db
    .selectFrom('stocktake_lines as l')
    .innerJoin('parts as p', 'p.id', 'l.part_id')
    .leftJoin('users as u', 'u.id', 'l.counted_by')
    .select([
      'l.id',
      'l.part_id',
      'p.part_number',
      'p.name_zh',
      'p.name_en',
      'p.unit',
      'l.bin',
      'l.frozen_milli',
      'l.unit_cost_fen',
      'l.counted_milli',
      'l.counted_at',
      'u.display_name as counted_by_name',
      variance.as('variance_milli'),
      varianceValue.as('variance_fen'),
    ])
    .where('l.stocktake_id', '=', stocktakeId);
  if (options.filter === 'uncounted') query = query.where('l.counted_milli', 'is', null);
  if (options.filter === 'variance')
    query = query.where(sql<boolean>`l.counted_milli IS NOT NULL AND l.counted_milli <> l.frozen_milli`);
  if (options.text) {
    const pattern = `%${likeEscape(options.text)}%`;
    const numberPattern = `%${likeEscape(options.text.toUpperCase().replace(/[\s-]/g, ''))}%`;
    query = query.where(
      sql<boolean>`(p.part_number LIKE ${numberPattern} ESCAPE '\\' OR p.name_zh LIKE ${pattern} ESCAPE '\\' OR p.name_en LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  for (const expression of lineOrder(options.sort)) query = query.orderBy(expression);
  return query
    .offset(options.offset)
    .limit(options.limit + 1)
    .execute();
}

/** The lines named, of this stocktake only. */
export function findLines(db: Db, stocktakeId: number, lineIds: readonly number[]) {
  return db
    .selectFrom('stocktake_lines')
    .select(['id'])
    .where('stocktake_id', '=', stocktakeId)
    .where('id', 'in', lineIds)
    .execute();
}

export async function setCount(db: Db, lineId: number, countedMilli: number, userId: number, at: string): Promise<void> {
  await db
    .updateTable('stocktake_lines')
    .set({ counted_milli: countedMilli, counted_by: userId, counted_at: at })
    .where('id', '=', lineId)
    .execute();
}

export function findLineByPartBin(db: Db, stocktakeId: number, partId: number, bin: string) {
  return db
    .selectFrom('stocktake_lines')
    .select('id')
    .where('stocktake_id', '=', stocktakeId)
    .where('part_id', '=', partId)
    .where('bin', '=', bin)
    .executeTakeFirst();
}

export function findPartByNumber(db: Db, partNumber: string) {
  return db
    .selectFrom('parts')
    .select(['id', 'part_number', 'on_hand_milli', 'stock_value_fen', 'cost_fen'])
    .where('part_number', '=', partNumber)
    .executeTakeFirst();
}

/** Lines counted with a difference, in bin order: what posting writes to the ledger. */
export function varianceLines(db: Db, stocktakeId: number) {
  return db
    .selectFrom('stocktake_lines')
    .select(['id', 'part_id', 'bin', 'frozen_milli', 'counted_milli', 'unit_cost_fen'])
    .where('stocktake_id', '=', stocktakeId)
    .where('counted_milli', 'is not', null)
    .where(sql<boolean>`counted_milli <> frozen_milli`)
    .orderBy('bin')
    .orderBy('id')
    .execute();
}
