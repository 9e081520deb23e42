import type { Kysely } from 'kysely';
import type { Migration } from './types';

/** Appointments (issue 3 item 1): owned by the appointments area. Frozen once landed. */
export const migration: Migration = {
  name: '0006-create-appointments',
  async up(_db: Kysely<unknown>) {
    // filled in by the area's work
  },
};
