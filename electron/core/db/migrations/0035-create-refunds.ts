import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Refunds (issue 18 item 3). Frozen once landed.
 *
 * A refund gives money back against one payment of an RO: asked for with a reason (state requested), then approved
 * or refused by a manager (decided_by, decided_at); a manager may record one approved at once. Money leaves the till
 * when it is approved: decided_at is the refund's instant on the daily closing. The method is the payment's own or
 * cash (shared/contract owns the list).
 */
export const migration: Migration = {
  name: '0035-create-refunds',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('repair_order_refunds')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id').onDelete('cascade'))
      .addColumn('payment_id', 'integer', (c) => c.notNull().references('repair_order_payments.id').onDelete('cascade'))
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen > 0`))
      .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(reason) > 0`))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('requested', 'approved', 'refused')`))
      .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
      .addColumn('decided_at', 'text')
      .addColumn('decision_note', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    // An RO's refunds, and what is left of one payment.
    await db.schema
      .createIndex('repair_order_refunds_order')
      .on('repair_order_refunds')
      .columns(['repair_order_id', 'id'])
      .execute();
    await db.schema.createIndex('repair_order_refunds_payment').on('repair_order_refunds').column('payment_id').execute();
    // The day's refunds (the daily closing) and the requests waiting for a manager.
    await db.schema
      .createIndex('repair_order_refunds_state')
      .on('repair_order_refunds')
      .columns(['state', 'decided_at'])
      .execute();
  },
};
