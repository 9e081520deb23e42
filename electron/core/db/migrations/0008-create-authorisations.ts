import type { Kysely } from 'kysely';
import type { Migration } from './types';

/** Estimate authorisation and declined work (issue 3 item 5). Frozen once landed. */
export const migration: Migration = {
  name: '0008-create-authorisations',
  async up(_db: Kysely<unknown>) {
    // filled in by the area's work
  },
};
