import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Estimate authorisation and declined work (issue 3 item 5). Frozen once landed.
 *
 * An authorisation is the customer's answer for some jobs of an RO (who, how, when, the signature); its job rows keep
 * each decision with the job's concern and total at that moment, so the record stays true when the RO changes later.
 * A declined job becomes declined work on the vehicle, offered again at its next visit until taken or dismissed.
 */
export const migration: Migration = {
  name: '0008-create-authorisations',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('repair_order_authorisations')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id').onDelete('cascade'))
      .addColumn('customer_name', 'text', (c) => c.notNull())
      // No CHECK on the channel: shared/contract owns the list, which may grow (a customer app, e-mail).
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('authorised_at', 'text', (c) => c.notNull())
      // A PNG data URL of the signature drawn on the screen (capped by the contract).
      .addColumn('signature_png', 'text')
      .addColumn('signed_on_paper', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`signed_on_paper IN (0, 1)`),
      )
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('approved_total_fen', 'integer', (c) => c.notNull().check(sql`approved_total_fen >= 0`))
      .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('repair_order_authorisations_order')
      .on('repair_order_authorisations')
      .columns(['repair_order_id', 'id'])
      .execute();

    await db.schema
      .createTable('repair_order_authorisation_jobs')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('authorisation_id', 'integer', (c) =>
        c.notNull().references('repair_order_authorisations.id').onDelete('cascade'),
      )
      // Null once the job was removed from the RO: the decision stays on record with the concern it was about.
      .addColumn('job_id', 'integer', (c) => c.references('repair_order_jobs.id').onDelete('set null'))
      .addColumn('concern', 'text', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision IN ('approved', 'declined')`))
      .addColumn('job_total_fen', 'integer', (c) => c.notNull().check(sql`job_total_fen >= 0`))
      .execute();
    await db.schema
      .createIndex('repair_order_authorisation_jobs_authorisation')
      .on('repair_order_authorisation_jobs')
      .columns(['authorisation_id', 'id'])
      .execute();
    await db.schema
      .createIndex('repair_order_authorisation_jobs_job')
      .on('repair_order_authorisation_jobs')
      .column('job_id')
      .execute();

    await db.schema
      .createTable('declined_work')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('vehicle_id', 'integer', (c) => c.notNull().references('vehicles.id'))
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id').onDelete('cascade'))
      // A declined job removed from its RO (while still open) was never really declined work: it goes with the job.
      .addColumn('job_id', 'integer', (c) => c.notNull().references('repair_order_jobs.id').onDelete('cascade'))
      .addColumn('concern', 'text', (c) => c.notNull())
      .addColumn('concern_group', 'text', (c) => c.notNull())
      .addColumn('payer', 'text', (c) => c.notNull())
      .addColumn('total_fen', 'integer', (c) => c.notNull().check(sql`total_fen >= 0`))
      .addColumn('declined_at', 'text', (c) => c.notNull())
      // No CHECK on the status: the list may grow (see shared/contract/repair-orders/authorisation.ts).
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
      .addColumn('taken_job_id', 'integer', (c) => c.references('repair_order_jobs.id').onDelete('set null'))
      .addColumn('taken_at', 'text')
      .addColumn('taken_by', 'integer', (c) => c.references('users.id'))
      .addColumn('dismissed_reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('dismissed_at', 'text')
      .addColumn('dismissed_by', 'integer', (c) => c.references('users.id'))
      .execute();
    // A vehicle's open declined work, newest first (RO page, booking, check-in).
    await db.schema
      .createIndex('declined_work_vehicle')
      .on('declined_work')
      .columns(['vehicle_id', 'status', 'declined_at'])
      .execute();
    await db.schema.createIndex('declined_work_job').on('declined_work').column('job_id').execute();
    await db.schema.createIndex('declined_work_taken_job').on('declined_work').column('taken_job_id').execute();
    // The job a declined item became is removed again (its RO still open): the item is offered again. Kept in the
    // schema so no path that removes a job can leave an item "taken" by nothing.
    await sql`
      CREATE TRIGGER declined_work_taken_job_removed
      BEFORE DELETE ON repair_order_jobs
      BEGIN
        UPDATE declined_work
           SET status = 'open', taken_job_id = NULL, taken_at = NULL, taken_by = NULL
         WHERE taken_job_id = OLD.id;
      END
    `.execute(db);
  },
};
