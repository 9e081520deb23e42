import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Warranty claims (索赔, issue 19 item 1). Frozen once landed.
 *
 * One claim per approved warranty job (job_id unique), drafted when its RO is delivered. Money is fen: labor at the
 * OEM's warranty rate (labor_rate_fen, copied from the setting when drafted), parts, sublet; claimed = their sum; paid
 * is what the OEM's settlement brought, written_off the rest once the manager approved it. The labor operations are a
 * JSON list on the claim ([{code, name, hoursMilli}]): they are read and written with it, never queried alone.
 * A claim's parts carry the old-part tag found when it was submitted. Statuses: shared/domain/warranty-claims.ts.
 */
export const migration: Migration = {
  name: '0042-create-warranty-claims',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('warranty_claim_batches')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('claims', 'integer', (c) => c.notNull())
      .addColumn('claimed_fen', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('warranty_claim_batches_created').on('warranty_claim_batches').column('created_at').execute();

    await db.schema
      .createTable('warranty_claims')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id'))
      .addColumn('job_id', 'integer', (c) => c.notNull().unique().references('repair_order_jobs.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('labor_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('labor_rate_fen', 'integer', (c) => c.notNull().check(sql`labor_rate_fen >= 0`))
      .addColumn('labor_fen', 'integer', (c) => c.notNull().check(sql`labor_fen >= 0`))
      .addColumn('parts_fen', 'integer', (c) => c.notNull().check(sql`parts_fen >= 0`))
      .addColumn('sublet_fen', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`sublet_fen >= 0`),
      )
      .addColumn('claimed_fen', 'integer', (c) => c.notNull().check(sql`claimed_fen >= 0`))
      .addColumn('paid_fen', 'integer', (c) => c.notNull().defaultTo(0))
      // Proposed when the OEM paid less; counted as written off once write_off_approved_by is set.
      .addColumn('written_off_fen', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('write_off_reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('write_off_approved_by', 'integer', (c) => c.references('users.id'))
      .addColumn('write_off_approved_at', 'text')
      .addColumn('causal_part_number', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('failure_code', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('complaint', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('cause', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('correction', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('rejection_reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('batch_id', 'integer', (c) => c.references('warranty_claim_batches.id'))
      // The last submission (a resubmission moves it): the age of what the OEM owes.
      .addColumn('submitted_at', 'text')
      .addColumn('settled_at', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    // The grid (one status, newest or oldest first; every claim by age) and the status report.
    await db.schema.createIndex('warranty_claims_status').on('warranty_claims').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('warranty_claims_created').on('warranty_claims').column('created_at').execute();
    await db.schema.createIndex('warranty_claims_batch').on('warranty_claims').column('batch_id').execute();
    await db.schema.createIndex('warranty_claims_order').on('warranty_claims').column('repair_order_id').execute();
    // Money written off, by the day the manager approved it.
    await sql`CREATE INDEX warranty_claims_write_off ON warranty_claims (write_off_approved_at)
      WHERE write_off_approved_at IS NOT NULL`.execute(db);

    await db.schema
      .createTable('warranty_claim_parts')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('claim_id', 'integer', (c) => c.notNull().references('warranty_claims.id').onDelete('cascade'))
      .addColumn('line_id', 'integer')
      .addColumn('part_number', 'text', (c) => c.notNull())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('qty_milli', 'integer', (c) => c.notNull())
      .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen >= 0`))
      .addColumn('old_part_tag', 'text')
      .execute();
    await db.schema.createIndex('warranty_claim_parts_claim').on('warranty_claim_parts').column('claim_id').execute();

    await db.schema
      .createTable('warranty_claim_events')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('claim_id', 'integer', (c) => c.notNull().references('warranty_claims.id').onDelete('cascade'))
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.createIndex('warranty_claim_events_claim').on('warranty_claim_events').columns(['claim_id', 'id']).execute();
    // The rejection rate and reasons of a period: the OEM's answers by the day they came.
    await db.schema.createIndex('warranty_claim_events_at').on('warranty_claim_events').column('at').execute();
  },
};
