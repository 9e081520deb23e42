import type { Kysely } from 'kysely';
import type { Migration } from './types';

/** Workshop (issue 4): job states, pauses, clockings with corrections, technician skills, attendance. Frozen once landed. */
export const migration: Migration = {
  name: '0010-create-workshop',
  async up(_db: Kysely<unknown>) {
    // filled in by the area's work
  },
};
