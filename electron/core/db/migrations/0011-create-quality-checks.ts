import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Final quality check and completion certificates (issue 4). Frozen once landed.
 *
 * Every inspection of a job is kept (a job sent back and passed later has both); the latest counts. A certificate
 * (竣工出厂合格证) is issued once per RO, numbered per desk year from its own sequence.
 */
export const migration: Migration = {
  name: '0011-create-quality-checks',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('qc_inspections')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id').onDelete('cascade'))
      .addColumn('job_id', 'integer', (c) => c.notNull().references('repair_order_jobs.id').onDelete('cascade'))
      .addColumn('inspector_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('result', 'text', (c) => c.notNull().check(sql`result IN ('passed', 'returned')`))
      // {itemKey: ok|not_ok|na}; the keys are shared/domain/qc-checklists', which may grow.
      .addColumn('answers', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('inspected_at', 'text', (c) => c.notNull())
      .execute();
    // A job's inspections, the latest first; an RO's for its quality-check section.
    await db.schema.createIndex('qc_inspections_job').on('qc_inspections').columns(['job_id', 'id']).execute();
    await db.schema.createIndex('qc_inspections_order').on('qc_inspections').columns(['repair_order_id', 'id']).execute();

    await db.schema
      .createTable('certificate_sequences')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('last_number', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('completion_certificates')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().unique().references('repair_orders.id').onDelete('cascade'))
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('issued_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('mileage_km', 'integer')
      // JSON array of guarantee categories (shared/domain/guarantee).
      .addColumn('categories', 'text', (c) => c.notNull())
      .execute();
  },
};
