import { sql } from 'kysely';
import type { Db } from '../../db/connection';

/** The customer-payer total of the RO aliased `r` (declined jobs not counted), over the lines' RO index. */
const customerTotal = sql<number>`(select coalesce(sum(l.total_fen), 0) from repair_order_lines l
    join repair_order_jobs lj on lj.id = l.job_id
    where l.repair_order_id = r.id and lj.payer = 'customer' and lj.authorization_state != 'declined')`;

/** Payments taken in [from, to), oldest first (repair_order_payments_received). */
export function paymentsBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('repair_order_payments as p')
    .innerJoin('repair_orders as r', 'r.id', 'p.repair_order_id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .innerJoin('users as u', 'u.id', 'p.received_by')
    .select([
      'p.id',
      'p.method',
      'p.amount_fen',
      'p.reference',
      'p.received_at',
      'u.display_name as received_by_name',
      'r.id as repair_order_id',
      'r.number',
      'v.plate',
      'c.name as customer_name',
    ])
    .where('p.received_at', '>=', from)
    .where('p.received_at', '<', to)
    .orderBy('p.received_at')
    .orderBy('p.id')
    .execute();
}

/** Refunds approved in [from, to), oldest first (repair_order_refunds_state). */
export function refundsApprovedBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('repair_order_refunds as f')
    .innerJoin('repair_orders as r', 'r.id', 'f.repair_order_id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .innerJoin('users as q', 'q.id', 'f.requested_by')
    .innerJoin('users as d', 'd.id', 'f.decided_by')
    .select([
      'f.id',
      'f.payment_id',
      'f.method',
      'f.amount_fen',
      'f.reason',
      'f.decided_at',
      'q.display_name as requested_by_name',
      'd.display_name as decided_by_name',
      'r.id as repair_order_id',
      'r.number',
      'v.plate',
      'c.name as customer_name',
    ])
    .where('f.state', '=', 'approved')
    .where('f.decided_at', '>=', from)
    .where('f.decided_at', '<', to)
    .orderBy('f.decided_at')
    .orderBy('f.id')
    .execute();
}

/** Refunds asked for in [from, to) and not yet decided. */
export async function pendingRefundsAskedBetween(db: Db, from: string, to: string): Promise<number> {
  const row = await db
    .selectFrom('repair_order_refunds')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'requested')
    .where('requested_at', '>=', from)
    .where('requested_at', '<', to)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** ROs moved to closed in [from, to), with the customer-payer total (repair_order_status_history_to_status). */
export function closedBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('repair_order_status_history as h')
    .innerJoin('repair_orders as r', 'r.id', 'h.repair_order_id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .select([
      'h.changed_at',
      'r.id as repair_order_id',
      'r.number',
      'v.plate',
      'c.name as customer_name',
      customerTotal.as('total_fen'),
    ])
    .where('h.to_status', '=', 'closed')
    .where('h.changed_at', '>=', from)
    .where('h.changed_at', '<', to)
    .orderBy('h.changed_at')
    .orderBy('h.id')
    .execute();
}

/**
 * ROs handed over before `to` that were not closed by then, with their customer-payer total and what was paid before
 * `to`: those still delivered now (repair_orders_status) and those closed since (the status history's closings from
 * `to` on). The caller keeps those with a balance and sorts them (a few rows).
 */
export function deliveredUnclosedAt(db: Db, to: string) {
  const paidBefore = sql<number>`(select coalesce(sum(p.amount_fen), 0) from repair_order_payments p
    where p.repair_order_id = r.id and p.received_at < ${to})`;
  return db
    .selectFrom('repair_orders as r')
    .innerJoin('repair_order_deliveries as d', 'd.repair_order_id', 'r.id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .select([
      'd.delivered_at',
      'r.id as repair_order_id',
      'r.number',
      'v.plate',
      'c.name as customer_name',
      customerTotal.as('owed_fen'),
      paidBefore.as('paid_fen'),
    ])
    .where((eb) =>
      eb.or([
        eb('r.status', '=', 'delivered'),
        eb(
          'r.id',
          'in',
          eb
            .selectFrom('repair_order_status_history as h')
            .select('h.repair_order_id')
            .where('h.to_status', '=', 'closed')
            .where('h.changed_at', '>=', to),
        ),
      ]),
    )
    .where('d.delivered_at', '<', to)
    .execute();
}
