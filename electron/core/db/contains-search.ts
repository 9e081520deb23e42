import { sql, type SqlBool } from 'kysely';
import type { Db } from './connection';
import { SET_LIMIT, type IdsQuery } from './grid-filters';
import { prefixUpperBound } from './prefix';

/**
 * "Contains" searches over a growing table without `LIKE '%x%'` (issue 13). Values are indexed in contentless FTS5
 * trigram tables (migration 0024), each followed by two U+001F characters so that every character of a value starts
 * a trigram. Text of three characters or more is an FTS5 phrase (consecutive trigrams: a substring); one or two
 * characters are the trigram terms that start with them, read from the table's fts5vocab twin as a term range.
 *
 * A one- or two-character text held by very many rows is "dense": the grid then checks it row by row (grid-filters.ts).
 */

/** The FTS tables of migration 0024; each has a `<name>_vocab` fts5vocab table. */
export type ContainsTable = 'parts_name_fts' | 'customers_name_fts' | 'customer_phones_fts';

/** More trigram terms than this for a one- or two-character text: a common prefix, treated as dense. */
const MAX_TERMS = 100;

/** What a "contains" text is for one FTS table. */
export type ContainsMatch =
  /**
   * An FTS5 MATCH expression for the rows that may hold the text (a superset: callers still check the text). For one
   * or two characters, `estimate` is how many rows hold one of its trigram terms (the vocabulary's counts, summed): a
   * close upper bound that spares counting the match itself.
   */
  | { kind: 'match'; expression: string; estimate?: number }
  /** No row holds it. */
  | { kind: 'none' }
  /** Too common to look up by: check row by row. */
  | { kind: 'dense' };

/** The padding character is never part of what a user searches for. */
export function cleanContainsText(text: string): string {
  return text.replaceAll('\u001f', '');
}

/** An FTS5 string literal (double quotes doubled): the text is a phrase, never query syntax. */
function phrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

export async function containsMatch(db: Db, table: ContainsTable, rawText: string): Promise<ContainsMatch> {
  const text = cleanContainsText(rawText);
  const length = [...text].length;
  if (length === 0) return { kind: 'dense' };
  if (length >= 3) return { kind: 'match', expression: phrase(text) };
  // The trigram tokenizer folds case: its terms are lower case.
  const prefix = text.toLowerCase();
  const vocab = sql.table(`${table}_vocab`);
  const { rows } = await sql<{ term: string; doc: number }>`
    SELECT term, doc FROM ${vocab} WHERE term >= ${prefix} AND term < ${prefixUpperBound(prefix)} LIMIT ${MAX_TERMS + 1}
  `.execute(db);
  if (rows.length === 0) return { kind: 'none' };
  const rowsHolding = rows.reduce((sum, row) => sum + Number(row.doc), 0);
  if (rows.length > MAX_TERMS || rowsHolding > SET_LIMIT) return { kind: 'dense' };
  return { kind: 'match', expression: rows.map((row) => phrase(row.term)).join(' OR '), estimate: rowsHolding };
}

/** The rowids of an FTS table matching `expression`, as `id`. */
export function matchingRowids(db: Db, table: ContainsTable, expression: string): IdsQuery {
  const fts = sql.table(table);
  return db
    .selectFrom(fts.as(table))
    .select(sql<number>`rowid`.as('id'))
    .where(sql<SqlBool>`${fts} MATCH ${expression}`);
}
