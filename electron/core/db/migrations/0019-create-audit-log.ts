import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Audit trail (issue 7 item 4): who changed what and when. Rows are written in the transaction of the write they
 * record and are never changed afterwards. Frozen once landed.
 */
export const migration: Migration = {
  name: '0019-create-audit-log',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('at', 'text', (c) => c.notNull())
      // No foreign keys: the trail must outlive what it speaks of and never block a later delete or anonymisation.
      // Null user for what the system does on its own (first setup, demo seed).
      .addColumn('user_id', 'integer')
      .addColumn('user_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('role', 'text', (c) => c.notNull().defaultTo(''))
      // No CHECK on entity or action: the catalogue grows with the app (shared/contract/audit.ts owns it).
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'integer')
      // Set for everything that belongs to an RO (its lines, discounts, payments, clockings) so its trail is one read.
      .addColumn('repair_order_id', 'integer')
      .addColumn('action', 'text', (c) => c.notNull())
      // JSON: the changed fields before/after and what a reader needs to name the thing (amounts in fen).
      .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
    await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id', 'at']).execute();
    await db.schema.createIndex('audit_log_repair_order').on('audit_log').columns(['repair_order_id', 'at']).execute();
    // The full list is read newest first, optionally by person.
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    await db.schema.createIndex('audit_log_user').on('audit_log').columns(['user_id', 'at']).execute();

    // Nobody edits the trail, not even with SQL through the app's own connection.
    await sql`
      CREATE TRIGGER audit_log_no_update
      BEFORE UPDATE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END
    `.execute(db);
    await sql`
      CREATE TRIGGER audit_log_no_delete
      BEFORE DELETE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END
    `.execute(db);
  },
};
