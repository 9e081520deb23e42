import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * Paired desks (issue 16 item 3). Frozen once landed.
 *
 * Served to the dealership's network, every desk carries its own credential, given once when it pairs with a 6-digit
 * code a manager made. Only SHA-256 hashes are kept (of the credential, of the code): a copied database file opens
 * nothing. A revoked desk keeps its row (the list shows it, the audit trail names it).
 */
export const migration: Migration = {
  name: '0030-create-desks',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('desks')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('credential_hash', 'text', (c) => c.notNull().unique())
      .addColumn('paired_at', 'text', (c) => c.notNull())
      // The manager or administrator who made the code it paired with.
      .addColumn('paired_by', 'integer', (c) => c.references('users.id'))
      .addColumn('last_seen_at', 'text')
      .addColumn('last_address', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_by', 'integer', (c) => c.references('users.id'))
      .execute();

    await db.schema
      .createTable('desk_pairing_codes')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('desk_id', 'integer', (c) => c.references('desks.id'))
      .execute();
    await db.schema.createIndex('desk_pairing_codes_hash').on('desk_pairing_codes').column('code_hash').execute();

    // Wrong codes, counted for the whole server (a desk on the LAN can change its address): five lock pairing.
    await db.schema
      .createTable('desk_pairing_lock')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('failed_count', 'integer', (c) => c.notNull().check(sql`failed_count >= 0`))
      .addColumn('last_failed_at', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .execute();
  },
};
