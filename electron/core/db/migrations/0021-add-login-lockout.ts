import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * Login lock-out and idle sessions (issue 7 item 7). Frozen once landed.
 *
 * Failed sign-ins are counted per typed username, whether or not such a user exists: keyed on the name rather than
 * on users.id, an unknown name is locked exactly like a real one, so probing names tells nothing.
 */
export const migration: Migration = {
  name: '0021-add-login-lockout',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('login_failures')
      // As typed (trimmed); compared without case, like users.username.
      .addColumn('username', 'text', (c) => c.primaryKey().modifyEnd(sql`COLLATE NOCASE`))
      .addColumn('failed_count', 'integer', (c) => c.notNull().check(sql`failed_count >= 0`))
      .addColumn('last_failed_at', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .execute();
    // Pruning of old rows (names typed once and never again) reads by age.
    await db.schema.createIndex('login_failures_last').on('login_failures').column('last_failed_at').execute();

    // The last call of a session, so an idle limit survives a restart of the core. Written at most once a minute.
    await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
  },
};
