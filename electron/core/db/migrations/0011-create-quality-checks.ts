import type { Kysely } from 'kysely';
import type { Migration } from './types';

/** Final quality check and completion certificates (issue 4). Frozen once landed. */
export const migration: Migration = {
  name: '0011-create-quality-checks',
  async up(_db: Kysely<unknown>) {
    // filled in by the area's work
  },
};
