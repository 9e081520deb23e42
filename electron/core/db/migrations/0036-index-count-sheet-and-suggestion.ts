import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * Issue 17 item 12, a stocktake's count sheet and the suggested order as grids. Frozen once landed.
 *
 * - `stocktake_lines_bin`: one stocktake's lines in bin order (then the rowid: a bin's lines in the order they were
 *   frozen, part number), either way, so a page of the sheet is read where it starts instead of sorting the whole
 *   sheet of a store's thousands of bins for every block the grid asks for.
 * - `parts_kept_at_level`: the active parts kept at a minimum, the suggestion's first candidates, read on their own
 *   instead of scanning a master of 300,000 parts (the condition is the suggestion's, word for word, so SQLite uses it).
 */
export const migration: Migration = {
  name: '0036-index-count-sheet-and-suggestion',
  async up(db) {
    await sql`CREATE INDEX stocktake_lines_bin ON stocktake_lines (stocktake_id, bin)`.execute(db);
    await sql`CREATE INDEX parts_kept_at_level ON parts (part_number) WHERE min_qty_milli > 0 AND active = 1`.execute(db);
  },
};
