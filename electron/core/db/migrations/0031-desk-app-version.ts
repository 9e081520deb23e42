import type { Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * The BayDesk version each paired desk runs (issue 16 item 6), as it last told the server with its requests: the
 * Desks screen shows it, so the manager sees which desks took the update from the LAN. Frozen once landed.
 */
export const migration: Migration = {
  name: '0031-desk-app-version',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('desks').addColumn('app_version', 'text').execute();
  },
};
