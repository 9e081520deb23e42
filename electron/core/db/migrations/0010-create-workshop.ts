import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Workshop (issue 4): job states, pauses, clockings with corrections, technician skills, attendance. Frozen once landed.
 *
 * Job states and pause reasons have no CHECK (SQLite cannot alter one; shared/domain/workshop-states owns the lists).
 */
export const migration: Migration = {
  name: '0010-create-workshop',
  async up(db: Kysely<unknown>) {
    // waiting | in_progress | paused | done
    await db.schema
      .alterTable('repair_order_jobs')
      .addColumn('workshop_state', 'text', (c) => c.notNull().defaultTo('waiting'))
      .execute();
    // parts | approval | other; null unless paused.
    await db.schema.alterTable('repair_order_jobs').addColumn('pause_reason', 'text').execute();
    await db.schema
      .alterTable('repair_order_jobs')
      .addColumn('pause_note', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .alterTable('repair_order_jobs')
      .addColumn('bay', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    // reception | workshop (additional work proposed in the workshop, 增项).
    await db.schema
      .alterTable('repair_order_jobs')
      .addColumn('origin', 'text', (c) => c.notNull().defaultTo('reception'))
      .execute();
    await db.schema
      .alterTable('repair_order_jobs')
      .addColumn('proposed_by', 'integer', (c) => c.references('users.id'))
      .execute();
    // What the technician who proposed the work noted for the advisor (the finding behind the proposal).
    await db.schema
      .alterTable('repair_order_jobs')
      .addColumn('proposal_note', 'text', (c) => c.notNull().defaultTo(''))
      .execute();

    await db.schema
      .createTable('job_clockings')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id').onDelete('cascade'))
      .addColumn('job_id', 'integer', (c) => c.notNull().references('repair_order_jobs.id').onDelete('cascade'))
      .addColumn('technician_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('started_at', 'text', (c) => c.notNull())
      // Null while the clocking runs.
      .addColumn('ended_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint('job_clockings_order', sql`ended_at IS NULL OR ended_at >= started_at`)
      .execute();
    await db.schema.createIndex('job_clockings_technician').on('job_clockings').columns(['technician_id', 'ended_at']).execute();
    await db.schema.createIndex('job_clockings_job').on('job_clockings').column('job_id').execute();
    await db.schema.createIndex('job_clockings_started').on('job_clockings').column('started_at').execute();
    // One running clocking per technician, enforced by the database too.
    await db.schema
      .createIndex('job_clockings_one_running')
      .unique()
      .on('job_clockings')
      .column('technician_id')
      .where(sql.ref('ended_at'), 'is', null)
      .execute();

    await db.schema
      .createTable('job_clocking_corrections')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('clocking_id', 'integer', (c) => c.notNull().references('job_clockings.id').onDelete('cascade'))
      .addColumn('old_started_at', 'text', (c) => c.notNull())
      .addColumn('old_ended_at', 'text')
      .addColumn('new_started_at', 'text', (c) => c.notNull())
      .addColumn('new_ended_at', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('corrected_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('corrected_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('job_clocking_corrections_clocking')
      .on('job_clocking_corrections')
      .column('clocking_id')
      .execute();

    await db.schema
      .createTable('technician_skills')
      .addColumn('technician_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('concern_group', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('technician_skills_pk', ['technician_id', 'concern_group'])
      .execute();

    await db.schema
      .createTable('technician_attendance')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('technician_id', 'integer', (c) => c.notNull().references('users.id'))
      // Desk calendar day YYYY-MM-DD.
      .addColumn('day', 'text', (c) => c.notNull())
      // Hours attended in thousandths.
      .addColumn('attended_milli', 'integer', (c) => c.notNull().check(sql`attended_milli >= 0`))
      .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('technician_attendance_day')
      .unique()
      .on('technician_attendance')
      .columns(['technician_id', 'day'])
      .execute();
    await db.schema.createIndex('technician_attendance_by_day').on('technician_attendance').column('day').execute();

    await db.schema
      .createTable('job_state_history')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('job_id', 'integer', (c) => c.notNull().references('repair_order_jobs.id').onDelete('cascade'))
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', (c) => c.notNull())
      .addColumn('pause_reason', 'text')
      .addColumn('changed_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('changed_at', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.createIndex('job_state_history_job').on('job_state_history').columns(['job_id', 'changed_at']).execute();
  },
};
