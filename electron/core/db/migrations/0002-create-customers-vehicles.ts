import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Customer files: customers with phones and notes, vehicles with ownership over time and mileage history.
 * The look-up indexes are the reason for the *_rev and *_key columns: every search is an index range scan.
 */
export const migration: Migration = {
  name: '0002-create-customers-vehicles',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('customers')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('person', 'company')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('contact_person', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('preferred_contact', 'text', (c) => c.notNull())
      .addColumn('consent_to_contact', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('consent_changed_at', 'text')
      .addColumn('merged_into_id', 'integer', (c) => c.references('customers.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // Only live files are searched: merged duplicates drop out of the index.
    await sql`CREATE INDEX customers_name_key ON customers (name_key) WHERE merged_into_id IS NULL`.execute(db);
    await db.schema.createIndex('customers_updated_at').on('customers').column('updated_at').execute();

    await db.schema
      .createTable('customer_phones')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('number_rev', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('customer_phones_customer').on('customer_phones').columns(['customer_id', 'position']).execute();
    await db.schema.createIndex('customer_phones_number_rev').on('customer_phones').column('number_rev').execute();

    await db.schema
      .createTable('customer_notes')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
      .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('customer_notes_customer').on('customer_notes').columns(['customer_id', 'created_at']).execute();

    await db.schema
      .createTable('vehicles')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('vin', 'text', (c) => c.notNull().unique())
      .addColumn('vin_rev', 'text', (c) => c.notNull())
      .addColumn('vin_check_ok', 'integer', (c) => c.notNull())
      .addColumn('plate', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('plate_serial', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('make', 'text', (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('colour', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('fuel_type', 'text', (c) => c.notNull())
      .addColumn('engine', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('purchase_date', 'text')
      .addColumn('invoice_date', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('vehicles_vin_rev').on('vehicles').column('vin_rev').execute();
    // A plate belongs to one car at a time; unregistered cars have none.
    await sql`CREATE UNIQUE INDEX vehicles_plate ON vehicles (plate) WHERE plate <> ''`.execute(db);
    await sql`CREATE INDEX vehicles_plate_serial ON vehicles (plate_serial) WHERE plate_serial <> ''`.execute(db);

    await db.schema
      .createTable('vehicle_ownerships')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('vehicle_id', 'integer', (c) => c.notNull().references('vehicles.id').onDelete('cascade'))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('from_at', 'text', (c) => c.notNull())
      .addColumn('to_at', 'text')
      .execute();
    await sql`CREATE UNIQUE INDEX vehicle_ownerships_current ON vehicle_ownerships (vehicle_id) WHERE to_at IS NULL`.execute(db);
    await db.schema
      .createIndex('vehicle_ownerships_customer')
      .on('vehicle_ownerships')
      .columns(['customer_id', 'to_at'])
      .execute();
    await db.schema
      .createIndex('vehicle_ownerships_vehicle')
      .on('vehicle_ownerships')
      .columns(['vehicle_id', 'from_at'])
      .execute();

    await db.schema
      .createTable('vehicle_mileage')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('vehicle_id', 'integer', (c) => c.notNull().references('vehicles.id').onDelete('cascade'))
      .addColumn('km', 'integer', (c) => c.notNull().check(sql`km >= 0`))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
      .execute();
    await db.schema.createIndex('vehicle_mileage_vehicle').on('vehicle_mileage').columns(['vehicle_id', 'recorded_at']).execute();
  },
};
