import type { Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Comebacks linked to the earlier job, confirmed by the foreman (issue 4). Frozen once landed.
 *
 * A link joins a job of a delivered RO (the one that failed) to a job in the same concern group of a later RO of the
 * same vehicle opened inside the window. The days are fixed once both ROs exist, so they are stored; the km are read
 * from both ROs when a figure is computed, because the later RO's mileage is only known once the car is checked in.
 */
export const migration: Migration = {
  name: '0013-create-comebacks',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('comebacks')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('earlier_job_id', 'integer', (c) => c.notNull().references('repair_order_jobs.id').onDelete('cascade'))
      .addColumn('earlier_repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id'))
      .addColumn('later_job_id', 'integer', (c) => c.notNull().references('repair_order_jobs.id').onDelete('cascade'))
      .addColumn('later_repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id'))
      .addColumn('concern_group', 'text', (c) => c.notNull())
      // Calendar days on the desk from the earlier delivery to the later opening (the delivery day not counted).
      .addColumn('days_after', 'integer', (c) => c.notNull())
      // No CHECK on status and root cause: shared/contract owns the lists, which may grow.
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('suspected'))
      .addColumn('root_cause', 'text')
      .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
      .addColumn('decided_at', 'text')
      .addColumn('detected_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('comebacks_pair', ['earlier_job_id', 'later_job_id'])
      .execute();
    // The foreman's list (suspected first, newest first) and the figures' look-ups from either side.
    await db.schema.createIndex('comebacks_status').on('comebacks').columns(['status', 'detected_at']).execute();
    await db.schema.createIndex('comebacks_later_job').on('comebacks').column('later_job_id').execute();
    await db.schema.createIndex('comebacks_later_order').on('comebacks').column('later_repair_order_id').execute();
    await db.schema.createIndex('comebacks_earlier_order').on('comebacks').column('earlier_repair_order_id').execute();
    // The figures start from the ROs delivered in a period.
    await db.schema
      .createIndex('repair_order_status_history_to_status')
      .on('repair_order_status_history')
      .columns(['to_status', 'changed_at'])
      .execute();
  },
};
