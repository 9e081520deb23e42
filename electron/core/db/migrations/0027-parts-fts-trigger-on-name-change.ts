import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * Issue 13 (ten years of data), the parts area. Frozen once landed.
 *
 * - parts_name_fts_update (migration 0024) fired on every UPDATE that names name_zh or name_en in its SET list, and
 *   the price import's upsert always does: a price file rewrote the trigram rows of every part whose price changed
 *   (delete + insert into the FTS index, hundreds of thousands of times at ten years). It now fires only when a name
 *   really differs; the FTS rows hold nothing but the names, so skipping it when they are equal loses nothing.
 * - stock_movements_part_created: one part's ledger, newest first (the part page and the movements grid with a part),
 *   is read along (part_id, created_at, id) and cut at the page. With only (part_id, id) SQLite sorted all of a
 *   part's movements (150k for the busiest parts at ten years) before taking 100 of them.
 * - parts_grid_brand_nocase: the brand filter matches any case (`brand = ? COLLATE NOCASE`), so the grid's
 *   (brand, part_number) index, in binary collation, cannot serve it. Part numbers cluster by brand (each maker has its
 *   own numbering), so walking the part-number index for one brand's parts may pass most of the table first; this
 *   index gives one brand's parts already in part-number order. It starts with the columns of parts_brand_nocase
 *   (0024), which it replaces: one index less for every part write.
 */
export const migration: Migration = {
  name: '0027-parts-fts-trigger-on-name-change',
  async up(db) {
    await sql`DROP TRIGGER IF EXISTS parts_name_fts_update`.execute(db);
    // The same body as 0024's (values padded with two U+001F, see 0024-index-grids.ts), with a WHEN.
    await sql`
      CREATE TRIGGER parts_name_fts_update AFTER UPDATE OF name_zh, name_en ON parts
      WHEN old.name_zh IS NOT new.name_zh OR old.name_en IS NOT new.name_en
      BEGIN
        DELETE FROM parts_name_fts WHERE rowid = old.id;
        INSERT INTO parts_name_fts (rowid, name_zh, name_en) VALUES (new.id, new.name_zh || char(31, 31), new.name_en || char(31, 31));
      END
    `.execute(db);
    await sql`CREATE INDEX stock_movements_part_created ON stock_movements (part_id, created_at, id)`.execute(db);
    await sql`CREATE INDEX parts_grid_brand_nocase ON parts (brand COLLATE NOCASE, part_number)`.execute(db);
    await sql`DROP INDEX IF EXISTS parts_brand_nocase`.execute(db);
  },
};
