import type { Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Indexes for the RO list's saved views (issue 3 item 7). Frozen once landed.
 *
 * 0004's (status, opened_at) finds open ROs but then reads every one of them to test the advisor or the promised
 * time; these let each view seek straight to its rows.
 */
export const migration: Migration = {
  name: '0005-index-repair-order-list',
  async up(db: Kysely<unknown>) {
    // "My open ROs": one advisor's ROs in the open statuses.
    await db.schema
      .createIndex('repair_orders_advisor')
      .on('repair_orders')
      .columns(['advisor_id', 'status', 'promised_at'])
      .execute();
    // "Due today" and "late": open statuses with a promised time in a range.
    await db.schema.createIndex('repair_orders_promised').on('repair_orders').columns(['status', 'promised_at']).execute();
    // The whole list newest first reads the newest rows by index instead of sorting every RO.
    await db.schema.createIndex('repair_orders_opened').on('repair_orders').column('opened_at').execute();
  },
};
