import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Personal data under PIPL (issue 7 item 5): the history of every consent a customer gave or withdrew (who wrote
 * it down, when, how), and the marks of a file erased on the customer's request. Frozen once landed.
 *
 * An erased file keeps its row (its repair orders, payments and complaints are kept for the legal period, 6 years
 * under the 三包 rules, and point to it); only its personal fields are anonymised.
 */
export const migration: Migration = {
  name: '0020-create-consents',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('customer_consents')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      // No CHECK on purpose or method: shared/domain owns the lists, and they may grow.
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('granted', 'integer', (c) => c.notNull().check(sql`granted IN (0, 1)`))
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      // Null only for the rows carried over from before the history was kept.
      .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
    // A customer's history, newest first.
    await db.schema
      .createIndex('customer_consents_customer')
      .on('customer_consents')
      .columns(['customer_id', 'recorded_at'])
      .execute();

    await db.schema.alterTable('customers').addColumn('erased_at', 'text').execute();
    await db.schema
      .alterTable('customers')
      .addColumn('erased_by', 'integer', (c) => c.references('users.id'))
      .execute();
    await db.schema
      .alterTable('customers')
      .addColumn('erase_reason', 'text', (c) => c.notNull().defaultTo(''))
      .execute();

    // Consents given before the history was kept: one row each, as the file recorded them (when, not who or how).
    await sql`
      INSERT INTO customer_consents (customer_id, purpose, granted, method, note, recorded_by, recorded_at)
      SELECT id, 'contact', 1, 'earlier', '', NULL, COALESCE(consent_changed_at, created_at)
      FROM customers
      WHERE consent_to_contact = 1 AND merged_into_id IS NULL
    `.execute(db);
  },
};
