import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Appointments (issue 3 item 1): owned by the appointments area. Frozen once landed.
 *
 * The customer's concerns are a JSON array of strings in one column: they are always read and written whole with
 * their appointment (the board shows them, convert copies them into jobs) and never searched one by one, so a child
 * table would only add a join to the board's query. Once converted, the RO's jobs are the record.
 */
export const migration: Migration = {
  name: '0006-create-appointments',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('appointments')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('vehicle_id', 'integer', (c) => c.notNull().references('vehicles.id'))
      .addColumn('advisor_id', 'integer', (c) => c.notNull().references('users.id'))
      // UTC ISO of the slot's start on the desk's wall clock.
      .addColumn('starts_at', 'text', (c) => c.notNull())
      // No CHECK on reason or status: SQLite cannot alter a CHECK without a rebuild; shared/domain owns the lists.
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('concerns', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('estimated_hours_milli', 'integer', (c) => c.notNull().check(sql`estimated_hours_milli > 0`))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('cancel_reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('arrived_at', 'text')
      .addColumn('repair_order_id', 'integer', (c) => c.references('repair_orders.id'))
      .addColumn('reminded_at', 'text')
      .addColumn('reminded_by', 'integer', (c) => c.references('users.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // The board and the reminder list: a day's or a week's appointments by start time.
    await db.schema.createIndex('appointments_starts').on('appointments').column('starts_at').execute();
    // One advisor's board, and the count of an advisor's slot when booking.
    await db.schema.createIndex('appointments_advisor').on('appointments').columns(['advisor_id', 'starts_at']).execute();
    // A vehicle's appointments, latest first.
    await db.schema.createIndex('appointments_vehicle').on('appointments').columns(['vehicle_id', 'starts_at']).execute();
    // The appointment an RO came from.
    await db.schema.createIndex('appointments_repair_order').on('appointments').column('repair_order_id').execute();
  },
};
