import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * Issue 17 item 12, a stocktake's count sheet as a grid. Frozen once landed.
 *
 * - `stocktake_lines_bin`: one stocktake's lines in bin order (then the rowid: a bin's lines in the order they were
 *   frozen, part number), either way, so a page of the sheet is read where it starts instead of sorting the whole
 *   sheet of a store's thousands of bins for every block the grid asks for.
 */
export const migration: Migration = {
  name: '0043-index-stocktake-lines-bin',
  async up(db) {
    await sql`CREATE INDEX stocktake_lines_bin ON stocktake_lines (stocktake_id, bin)`.execute(db);
  },
};
