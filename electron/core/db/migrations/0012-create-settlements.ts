import type { Kysely } from 'kysely';
import type { Migration } from './types';

/** Settlement, payments and delivery (issue 4). Frozen once landed. */
export const migration: Migration = {
  name: '0012-create-settlements',
  async up(_db: Kysely<unknown>) {
    // filled in by the area's work
  },
};
