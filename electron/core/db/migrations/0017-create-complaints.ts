import type { Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Complaints and their eight steps (issue 6). Frozen once landed.
 *
 * `complaints` holds where each step stands now (the proposal in force, the latest callback); `complaint_steps` is the
 * record of every step with who and when, its fields as JSON. Lists of sources, levels, statuses and steps are owned by
 * shared/domain/complaints.ts (no CHECK: they may grow).
 */
export const migration: Migration = {
  name: '0017-create-complaints',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('complaints')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      // TS2026-000001: document_sequences kind 'TS' per calendar year of the desk.
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('source', 'text', (c) => c.notNull())
      // Set when raised from a survey answer (the survey tables come with 0015; no foreign key across slices).
      .addColumn('survey_response_id', 'integer')
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('vehicle_id', 'integer', (c) => c.references('vehicles.id'))
      .addColumn('repair_order_id', 'integer', (c) => c.references('repair_orders.id'))
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('against_department', 'text', (c) => c.notNull())
      .addColumn('against_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('customer_says', 'text', (c) => c.notNull())
      .addColumn('customer_wants', 'text', (c) => c.notNull().defaultTo(''))
      // open | closed | invalid
      .addColumn('status', 'text', (c) => c.notNull())
      // The step awaited; null once closed.
      .addColumn('next_step', 'text')
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      // created_at + the level's first-response target: overdue is one indexed comparison.
      .addColumn('response_due_at', 'text', (c) => c.notNull())
      .addColumn('first_response_at', 'text')
      .addColumn('closed_at', 'text')
      // Step 2
      .addColumn('valid', 'integer')
      .addColumn('validity_reason', 'text', (c) => c.notNull().defaultTo(''))
      // Step 3
      .addColumn('department', 'text')
      .addColumn('responsible_user_id', 'integer', (c) => c.references('users.id'))
      // Step 4
      .addColumn('cause', 'text', (c) => c.notNull().defaultTo(''))
      // Step 5: the proposal in force
      .addColumn('resolution_kind', 'text')
      .addColumn('amount_fen', 'integer')
      .addColumn('resolution', 'text', (c) => c.notNull().defaultTo(''))
      // Step 6
      .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
      .addColumn('approved_at', 'text')
      // Step 7: the latest callback
      .addColumn('satisfied', 'integer')
      // Step 8
      .addColumn('root_cause', 'text')
      .addColumn('corrective_action', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('complaints_created').on('complaints').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('complaints_status_created').on('complaints').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('complaints_level_created').on('complaints').columns(['level', 'created_at']).execute();
    await db.schema
      .createIndex('complaints_awaiting_response')
      .on('complaints')
      .columns(['status', 'first_response_at', 'response_due_at'])
      .execute();
    await db.schema.createIndex('complaints_customer').on('complaints').column('customer_id').execute();
    await db.schema.createIndex('complaints_repair_order').on('complaints').column('repair_order_id').execute();
    await db.schema.createIndex('complaints_survey_response').on('complaints').column('survey_response_id').execute();

    await db.schema
      .createTable('complaint_steps')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
      .addColumn('step', 'text', (c) => c.notNull())
      // The step's fields (shared/contract/complaints.ts ComplaintStepData), JSON.
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('by_user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('complaint_steps_complaint').on('complaint_steps').columns(['complaint_id', 'id']).execute();
  },
};
