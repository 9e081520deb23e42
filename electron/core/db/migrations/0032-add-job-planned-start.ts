import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * Issue 17 item 4, the workshop planner. Frozen once landed.
 *
 * The foreman plans a job onto a technician at a time of day: `planned_start_at` (ISO-8601 UTC) is where its bar
 * starts on the planner; null while it is not planned (still in the queue, or dispatched without a time). The bar is
 * as long as the job's sold hours, so no end is kept. No index: the planner reads the few jobs of ROs still in the
 * workshop, found through repair_orders_status.
 */
export const migration: Migration = {
  name: '0032-add-job-planned-start',
  async up(db) {
    // ADD COLUMN without a default rewrites no row, so it is instant on a ten-year file.
    await sql`ALTER TABLE repair_order_jobs ADD COLUMN planned_start_at text`.execute(db);
  },
};
