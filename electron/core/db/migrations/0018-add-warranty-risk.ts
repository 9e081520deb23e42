import type { Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * The 三包 risk radar (issue 6 item 6): which parts of the master are main parts under SAMR Order 43 (engine,
 * transmission, ... of shared/domain/warranty-risk MAIN_PART_KINDS; null for every other part), so "the same main part
 * replaced twice" can be counted; and the vehicles by invoice date, which is where the radar list starts (only the
 * vehicles invoiced in the last two years can be inside their 三包 period). Frozen once landed.
 */
export const migration: Migration = {
  name: '0018-add-warranty-risk',
  async up(db: Kysely<unknown>) {
    // No CHECK: shared/domain owns the list.
    await db.schema.alterTable('parts').addColumn('main_part_kind', 'text').execute();
    await db.schema.createIndex('vehicles_invoice_date').on('vehicles').column('invoice_date').execute();
  },
};
