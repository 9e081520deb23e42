import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Loaner cars (代步车, issue 19 item 3). Frozen once landed.
 *
 * loaner_cars is the fleet (plate unique, normalised). A loan lends one car against one RO; returned_at null is an
 * open loan, and the two partial unique indexes hold "a car is lent once at a time" and "an RO has at most one open
 * loan" even against two desks writing at the same instant. Marks are the check-in's walk-around marks (same diagram
 * coordinates and kinds), phase 'out' as lent, 'in' found on return. loaner_out_of_service keeps the stretches a car
 * could not be lent, so the utilisation report can count the days it was available.
 */
export const migration: Migration = {
  name: '0041-create-loaners',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('loaner_cars')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('plate', 'text', (c) => c.notNull().unique())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('available', 'lent', 'out_of_service')`))
      .addColumn('mileage_km', 'integer', (c) => c.notNull().check(sql`mileage_km >= 0`))
      .addColumn('fuel_eighths', 'integer', (c) => c.notNull().check(sql`fuel_eighths between 0 and 8`))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('loaner_loans')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('car_id', 'integer', (c) => c.notNull().references('loaner_cars.id'))
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id'))
      .addColumn('driver_name', 'text', (c) => c.notNull())
      .addColumn('licence_number', 'text', (c) => c.notNull())
      .addColumn('out_at', 'text', (c) => c.notNull())
      .addColumn('out_mileage_km', 'integer', (c) => c.notNull())
      .addColumn('out_fuel_eighths', 'integer', (c) => c.notNull())
      .addColumn('out_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('expected_return_at', 'text', (c) => c.notNull())
      .addColumn('returned_at', 'text')
      .addColumn('in_mileage_km', 'integer')
      .addColumn('in_fuel_eighths', 'integer')
      .addColumn('returned_by', 'integer', (c) => c.references('users.id'))
      .addColumn('return_notes', 'text', (c) => c.notNull().defaultTo(''))
      .addCheckConstraint('loaner_loans_in_after_out', sql`in_mileage_km is null or in_mileage_km >= out_mileage_km`)
      .execute();
    // One open loan per car and per RO, whatever two desks try at once.
    await sql`create unique index loaner_loans_open_car on loaner_loans (car_id) where returned_at is null`.execute(db);
    await sql`create unique index loaner_loans_open_ro on loaner_loans (repair_order_id) where returned_at is null`.execute(db);
    // A car's loans by date (the utilisation report reads the page's cars' loans overlapping a month).
    await db.schema.createIndex('loaner_loans_car').on('loaner_loans').columns(['car_id', 'out_at']).execute();
    await db.schema.createIndex('loaner_loans_ro').on('loaner_loans').columns(['repair_order_id', 'id']).execute();

    await db.schema
      .createTable('loaner_loan_marks')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('loan_id', 'integer', (c) => c.notNull().references('loaner_loans.id').onDelete('cascade'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ('out', 'in')`))
      .addColumn('x_permille', 'integer', (c) => c.notNull())
      .addColumn('y_permille', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addUniqueConstraint('loaner_loan_marks_number', ['loan_id', 'number'])
      .execute();

    await db.schema
      .createTable('loaner_out_of_service')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('car_id', 'integer', (c) => c.notNull().references('loaner_cars.id'))
      .addColumn('from_at', 'text', (c) => c.notNull())
      .addColumn('to_at', 'text')
      .execute();
    await db.schema.createIndex('loaner_out_of_service_car').on('loaner_out_of_service').columns(['car_id', 'from_at']).execute();
  },
};
