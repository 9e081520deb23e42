import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * Issue 17 item 12, the parts desk's grids. Frozen once landed.
 *
 * - `warranty_old_parts_created`: every old part ever tagged, oldest or newest first, walks this index rather than
 *   sorting ten years of tags (one status walks `warranty_old_parts_status`, whose second column is created_at).
 * - `repair_order_jobs_warranty`: the clerk's to-do of untagged warranty part lines starts from the warranty jobs (a
 *   few in a hundred) instead of reading every RO line ever written.
 */
export const migration: Migration = {
  name: '0033-index-parts-desk-grids',
  async up(db) {
    await sql`CREATE INDEX warranty_old_parts_created ON warranty_old_parts (created_at)`.execute(db);
    await sql`CREATE INDEX repair_order_jobs_warranty ON repair_order_jobs (id) WHERE payer = 'warranty'`.execute(db);
  },
};
