import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Check-in of an RO (issue 3 item 3): mileage, fuel, damage marks, valuables, photos. Frozen once landed.
 *
 * Photos are files under the files folder next to the database; a row holds the path relative to that folder, so
 * the database and its files move together.
 */
export const migration: Migration = {
  name: '0007-create-check-ins',
  async up(db: Kysely<unknown>) {
    // One per RO: corrected in place while the RO is open.
    await db.schema
      .createTable('repair_order_check_ins')
      .addColumn('repair_order_id', 'integer', (c) => c.primaryKey().references('repair_orders.id').onDelete('cascade'))
      .addColumn('mileage_km', 'integer', (c) => c.notNull().check(sql`mileage_km >= 0`))
      // The vehicle_mileage row this check-in wrote: a correction replaces it instead of adding a second reading.
      .addColumn('mileage_reading_id', 'integer', (c) => c.references('vehicle_mileage.id').onDelete('set null'))
      .addColumn('mileage_override_reason', 'text')
      .addColumn('fuel_eighths', 'integer', (c) => c.notNull().check(sql`fuel_eighths BETWEEN 0 AND 8`))
      .addColumn('valuables', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('checked_in_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('checked_in_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('check_in_damage_marks')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id').onDelete('cascade'))
      // 1, 2, 3… per RO, never given again after a removal: the customer may have seen the number.
      .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
      .addColumn('x_permille', 'integer', (c) => c.notNull().check(sql`x_permille BETWEEN 0 AND 1000`))
      .addColumn('y_permille', 'integer', (c) => c.notNull().check(sql`y_permille BETWEEN 0 AND 1000`))
      // No CHECK on the kind: the list may grow; shared/contract owns it.
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      // A mark placed by mistake is taken off the diagram but kept, with who and when, and its number stays used.
      .addColumn('removed_by', 'integer', (c) => c.references('users.id'))
      .addColumn('removed_at', 'text')
      .execute();
    await db.schema
      .createIndex('check_in_damage_marks_ro')
      .unique()
      .on('check_in_damage_marks')
      .columns(['repair_order_id', 'number'])
      .execute();

    await db.schema
      .createTable('check_in_photos')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id').onDelete('cascade'))
      // Relative to the files folder, with '/' separators: photos/<yyyy>/<RO number>/<uuid>.<ext>.
      .addColumn('relative_path', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('byte_size', 'integer', (c) => c.notNull().check(sql`byte_size > 0`))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('check_in_photos_path').unique().on('check_in_photos').column('relative_path').execute();
    await db.schema.createIndex('check_in_photos_ro').on('check_in_photos').columns(['repair_order_id', 'id']).execute();
  },
};
