import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/** The follow-up queue: call tasks (day-3 calls, lapsed customers, maintenance reminders) and their attempts (issue 6). Frozen once landed. */
export const migration: Migration = {
  name: '0016-create-followup',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('followup_tasks')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      // No CHECK on kind, status or channel: shared/domain/followup owns the lists.
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('vehicle_id', 'integer', (c) => c.notNull().references('vehicles.id'))
      // The delivered RO of a csi_call; the last visit (lapsed) or last maintenance RO (reminder) for the others.
      .addColumn('repair_order_id', 'integer', (c) => c.references('repair_orders.id'))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
      .addColumn('channel', 'text', (c) => c.notNull().defaultTo('call'))
      // When the call is due (an instant: desk midnight of the due day, or the call-back time agreed).
      .addColumn('due_at', 'text', (c) => c.notNull())
      // Reminders: 'date' or 'mileage' (which limit comes first); '' for the other kinds.
      .addColumn('due_reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('attempts', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`attempts >= 0`),
      )
      .addColumn('failed_attempts', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`failed_attempts >= 0`),
      )
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'integer', (c) => c.references('users.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // The queue: open tasks of a channel by due time.
    await db.schema.createIndex('followup_tasks_queue').on('followup_tasks').columns(['status', 'channel', 'due_at']).execute();
    // One open task per vehicle and kind (csi_call: per RO, below); generateDue relies on it.
    await db.schema
      .createIndex('followup_tasks_open_vehicle')
      .unique()
      .on('followup_tasks')
      .columns(['vehicle_id', 'kind'])
      .where(sql.ref('status'), '=', 'open')
      .where(sql.ref('kind'), '<>', 'csi_call')
      .execute();
    await db.schema
      .createIndex('followup_tasks_ro')
      .unique()
      .on('followup_tasks')
      .columns(['repair_order_id', 'kind'])
      .where(sql.ref('kind'), '=', 'csi_call')
      .execute();
    await db.schema
      .createIndex('followup_tasks_vehicle')
      .on('followup_tasks')
      .columns(['vehicle_id', 'kind', 'created_at'])
      .execute();

    await db.schema
      .createTable('followup_attempts')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('task_id', 'integer', (c) => c.notNull().references('followup_tasks.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('call_back_at', 'text')
      .addColumn('attempted_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('followup_attempts_task').on('followup_attempts').columns(['task_id', 'attempted_at']).execute();
  },
};
