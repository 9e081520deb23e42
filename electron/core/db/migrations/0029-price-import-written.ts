import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * Issue 13 (ten years of data), the price import. Frozen once landed.
 *
 * The import now writes the file in chunks, each chunk its own short transaction, so the other desks are answered
 * in between (one transaction for the whole file held every desk for up to 30 s at ten years). A record can then
 * stand between prepared and committed:
 * - status 'writing': chunks are being written; `written` is the number of the file's good lines written so far,
 *   committed in the same transaction as each chunk, so it never claims a line that is not in the master;
 * - status 'interrupted': the write failed after `written` of its lines (line_count - rejected). A record left at
 *   'writing' by a process that died is marked 'interrupted' by the next import run (no import is running then).
 * Running the same file again finishes it: applying the same lines again gives the same master.
 * `written` is null for records written before this migration and for records that never started writing.
 */
export const migration: Migration = {
  name: '0029-price-import-written',
  async up(db) {
    // ADD COLUMN without a default rewrites no row: a small table in any case (a few imports a month).
    await sql`ALTER TABLE price_imports ADD COLUMN written integer`.execute(db);
  },
};
