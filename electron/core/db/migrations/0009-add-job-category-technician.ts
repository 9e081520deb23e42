import type { Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Two facts of a job that the workshop, quality check and settlement (issue 4) all read, so they land before those
 * areas: its work category (the repair-quality guarantee category of shared/domain/guarantee: 整车/总成修理, 二级维护,
 * 一级维护/小修/专项; null until the advisor sets it), which decides the guarantee period printed on the settlement
 * and whether a completion certificate is needed; and the technician it is dispatched to. Frozen once landed.
 */
export const migration: Migration = {
  name: '0009-add-job-category-technician',
  async up(db: Kysely<unknown>) {
    // No CHECK: SQLite cannot alter one, and shared/domain owns the list.
    await db.schema.alterTable('repair_order_jobs').addColumn('work_category', 'text').execute();
    await db.schema
      .alterTable('repair_order_jobs')
      .addColumn('technician_id', 'integer', (c) => c.references('users.id'))
      .execute();
    // A technician's jobs (their own list, the dispatch board's columns).
    await db.schema.createIndex('repair_order_jobs_technician').on('repair_order_jobs').column('technician_id').execute();
  },
};
