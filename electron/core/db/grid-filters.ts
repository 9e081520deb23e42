import type { SelectQueryBuilder } from 'kysely';
import type { Db } from './connection';

/**
 * How a grid page reads its filters at ten years (issue 13). Each filter that can name its rows through an index (a
 * trigram match, a prefix range, a partial index) is counted first, reading at most SET_LIMIT + 1 of its ids:
 * - the narrowest names at most DRIVE_LIMIT rows: the page is read from those rows by id and sorted;
 * - otherwise the page walks the index of its sort column, and a filter naming at most SET_LIMIT rows is checked as
 *   `+id IN (ids)`: SQLite builds that set once (with a Bloom filter) and tests each index entry by its rowid, without
 *   reading the row;
 * - a filter naming more than that holds so many rows (one in twenty of a 300k-row table) that the walk meets one
 *   every few entries: it is checked on the row itself.
 * Every filter is also checked on the row as typed, so the result is exactly what the filter says. The limits come
 * from timing a ten-year file: sorting 2,000 rows read by id, walking a page against a set of 15,000 ids and walking
 * a page of a 5% filter row by row each take a few milliseconds of CPU.
 */
export const DRIVE_LIMIT = 2_000;
export const SET_LIMIT = 15_000;

/** A one-column query of ids: what a filter names, for `id IN (...)` and for counting. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- it may read any table, or an FTS table kysely does not know
export type IdsQuery = SelectQueryBuilder<any, any, { id: number }>;

/** How many ids `ids` yields, reading at most `limit + 1` of them. */
export async function countUpTo(db: Db, ids: IdsQuery, limit: number): Promise<number> {
  const row = await db
    .selectFrom(ids.limit(limit + 1).as('ids'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The filter that drives the page, or (none driving) the filters checked as id sets during the walk. */
export interface FilterPlan<N extends string> {
  drive: N | null;
  sets: N[];
}

export const WALK: FilterPlan<never> = { drive: null, sets: [] };

/**
 * A filter that may name a page's rows, and what to do with it beyond DRIVE_LIMIT rows when that is known without
 * counting further (it is then counted only up to DRIVE_LIMIT):
 * - `row`: its check on the row is itself an index probe (a customer's phones), cheaper than any set of ids;
 * - `set`: counting it costs as much as building its set (a trigram match is evaluated either way), so it is a set.
 * `estimate`: how many rows it names, known without counting (a trigram vocabulary's counts).
 */
export type FilterCandidate<N extends string> = [
  name: N,
  ids: IdsQuery,
  options?: { beyondDrive?: 'row' | 'set'; estimate?: number },
];

/** Counts each candidate filter's ids (bounded) and decides as described above. */
export async function planFilters<N extends string>(db: Db, candidates: readonly FilterCandidate<N>[]): Promise<FilterPlan<N>> {
  const counts: { name: N; count: number; set: boolean }[] = [];
  for (const [name, ids, options] of candidates) {
    const beyond = options?.beyondDrive;
    const count = options?.estimate ?? (await countUpTo(db, ids, beyond ? DRIVE_LIMIT : SET_LIMIT));
    counts.push({ name, count, set: beyond === 'set' || (!beyond && count <= SET_LIMIT) });
    if (count === 0) break;
  }
  const narrowest = counts.reduce((best, next) => (next.count < best.count ? next : best), counts[0]!);
  if (narrowest.count <= DRIVE_LIMIT) return { drive: narrowest.name, sets: [] };
  return { drive: null, sets: counts.filter((c) => c.set).map((c) => c.name) };
}
