import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Settlement, payments and delivery (issue 4). Frozen once landed.
 *
 * A payment is money the customer paid on an RO (partial payments add up; a refund is not recorded here). A delivery
 * is the handover of the car (交车), one per RO, with the advisor's explanation of the work done and the charges.
 */
export const migration: Migration = {
  name: '0012-create-settlements',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('repair_order_payments')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id').onDelete('cascade'))
      // No CHECK on the method: shared/contract owns the list, which may grow.
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen > 0`))
      .addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('received_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('repair_order_payments_order')
      .on('repair_order_payments')
      .columns(['repair_order_id', 'id'])
      .execute();
    // The day's takings (cash-up by day and method).
    await db.schema.createIndex('repair_order_payments_received').on('repair_order_payments').column('received_at').execute();

    await db.schema
      .createTable('repair_order_deliveries')
      .addColumn('repair_order_id', 'integer', (c) => c.primaryKey().references('repair_orders.id').onDelete('cascade'))
      .addColumn('delivered_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('delivered_at', 'text', (c) => c.notNull())
      .addColumn('explanation', 'text', (c) => c.notNull())
      .addColumn('collected_by', 'text', (c) => c.notNull())
      .addColumn('mileage_out_km', 'integer', (c) => c.check(sql`mileage_out_km >= 0`))
      .execute();
    // Deliveries of a period (follow-up calls on day 3, first-time fix, on-time delivery).
    await db.schema.createIndex('repair_order_deliveries_at').on('repair_order_deliveries').column('delivered_at').execute();
  },
};
