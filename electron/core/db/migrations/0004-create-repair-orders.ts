import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Repair orders (issue 3): the RO with its jobs (3C), priced labor and part lines, the status history and the
 * per-year number sequence. Frozen once landed.
 *
 * Lines store what they were priced from (copied, never joined: a later catalogue change must not alter an RO) and
 * the amounts priceLine computed at write time, so totals are sums of stored rounded lines.
 */
export const migration: Migration = {
  name: '0004-create-repair-orders',
  async up(db: Kysely<unknown>) {
    // One row per calendar year of the desk; bumped in the transaction that inserts the RO, so a rolled-back
    // create leaves no gap and two creates never share a number.
    await db.schema
      .createTable('repair_order_sequences')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('last_number', 'integer', (c) => c.notNull().check(sql`last_number > 0`))
      .execute();

    await db.schema
      .createTable('repair_orders')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('vehicle_id', 'integer', (c) => c.notNull().references('vehicles.id'))
      .addColumn('advisor_id', 'integer', (c) => c.notNull().references('users.id'))
      // No CHECK on the status: SQLite cannot alter a CHECK without a rebuild; shared/domain owns the list.
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('promised_at', 'text')
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('mileage_in_km', 'integer', (c) => c.check(sql`mileage_in_km >= 0`))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('repair_orders_number').unique().on('repair_orders').column('number').execute();
    // A vehicle's visits newest first (vehicle page, comebacks); a customer's ROs; the workshop's open lists.
    await db.schema.createIndex('repair_orders_vehicle').on('repair_orders').columns(['vehicle_id', 'opened_at']).execute();
    await db.schema.createIndex('repair_orders_customer').on('repair_orders').columns(['customer_id', 'opened_at']).execute();
    await db.schema.createIndex('repair_orders_status').on('repair_orders').columns(['status', 'opened_at']).execute();

    await db.schema
      .createTable('repair_order_jobs')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('concern', 'text', (c) => c.notNull())
      .addColumn('cause', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('correction', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('concern_group', 'text', (c) => c.notNull())
      .addColumn('payer', 'text', (c) => c.notNull().check(sql`payer IN ('customer', 'warranty', 'internal', 'insurance')`))
      .addColumn('authorization_state', 'text', (c) =>
        c
          .notNull()
          .defaultTo('pending')
          .check(sql`authorization_state IN ('pending', 'approved', 'declined')`),
      )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('repair_order_jobs_order')
      .on('repair_order_jobs')
      .columns(['repair_order_id', 'position'])
      .execute();

    await db.schema
      .createTable('repair_order_lines')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id').onDelete('cascade'))
      .addColumn('job_id', 'integer', (c) => c.notNull().references('repair_order_jobs.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('labor', 'part')`))
      .addColumn('position', 'integer', (c) => c.notNull())
      // The catalogue operation a labor line was copied from (null for free text and parts); never read for pricing.
      .addColumn('operation_id', 'integer', (c) => c.references('labor_operations.id'))
      // Labor: the operation code ('' for free text without one). Part: the part number.
      .addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
      // Labor: flat-rate hours in thousandths. Part: quantity in thousandths.
      .addColumn('qty_milli', 'integer', (c) => c.notNull().check(sql`qty_milli > 0`))
      // Labor: rate per hour. Part: unit price. Fen.
      .addColumn('unit_price_fen', 'integer', (c) => c.notNull().check(sql`unit_price_fen >= 0`))
      .addColumn('discount_bp', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`discount_bp BETWEEN 0 AND 10000`),
      )
      .addColumn('discount_reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('tax_rate_bp', 'integer', (c) => c.notNull().check(sql`tax_rate_bp BETWEEN 0 AND 10000`))
      .addColumn('tax_included', 'integer', (c) => c.notNull().check(sql`tax_included IN (0, 1)`))
      .addColumn('gross_fen', 'integer', (c) => c.notNull().check(sql`gross_fen >= 0`))
      .addColumn('discount_fen', 'integer', (c) => c.notNull().check(sql`discount_fen >= 0`))
      .addColumn('net_fen', 'integer', (c) => c.notNull().check(sql`net_fen >= 0`))
      .addColumn('tax_fen', 'integer', (c) => c.notNull().check(sql`tax_fen >= 0`))
      .addColumn('total_fen', 'integer', (c) => c.notNull().check(sql`total_fen >= 0`))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('repair_order_lines_order')
      .on('repair_order_lines')
      .columns(['repair_order_id', 'job_id', 'position'])
      .execute();
    await db.schema.createIndex('repair_order_lines_job').on('repair_order_lines').column('job_id').execute();
    await db.schema.createIndex('repair_order_lines_operation').on('repair_order_lines').column('operation_id').execute();

    await db.schema
      .createTable('repair_order_status_history')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id').onDelete('cascade'))
      // Null for the creation of the RO.
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('changed_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('changed_at', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .createIndex('repair_order_status_history_order')
      .on('repair_order_status_history')
      .columns(['repair_order_id', 'id'])
      .execute();
  },
};
