import type { Kysely } from 'kysely';
import type { Migration } from './types';

/** Check-in of an RO (issue 3 item 3): mileage, fuel, damage marks, valuables, photos. Frozen once landed. */
export const migration: Migration = {
  name: '0007-create-check-ins',
  async up(_db: Kysely<unknown>) {
    // filled in by the area's work
  },
};
