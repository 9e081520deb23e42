import { sql } from 'kysely';
import type { Db } from '../db/connection';

/** ROs still being worked on (not yet ready) with a promised time: the ones a promise-time warning is about. */
const WATCHED_STATUSES = ['open', 'in_progress', 'on_hold', 'qc'] as const;

/**
 * The watched ROs with their number, plate, customer and promise, soonest promise first. Bounded by the cars in the
 * workshop (tens, not the 400,000 ROs on file): the (status, promised_at) index of migration 0005 finds them.
 */
export function findWatchedRepairOrders(db: Db) {
  return db
    .selectFrom('repair_orders as ro')
    .innerJoin('vehicles as v', 'v.id', 'ro.vehicle_id')
    .innerJoin('customers as c', 'c.id', 'ro.customer_id')
    .select(['ro.id', 'ro.number', 'ro.status', 'ro.promised_at', 'v.plate', 'c.name as customer_name'])
    .where('ro.status', 'in', WATCHED_STATUSES)
    .where('ro.promised_at', 'is not', null)
    .orderBy('ro.promised_at')
    .execute();
}

/**
 * The jobs not declined of the given ROs, each with its sold flat-rate hours (labor lines) and its clocked time in
 * thousandths of an hour up to `now` (a running clocking counts until now).
 */
export function findRiskJobs(db: Db, repairOrderIds: readonly number[], now: string) {
  if (repairOrderIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('repair_order_jobs as j')
    .select([
      'j.id',
      'j.repair_order_id',
      'j.workshop_state',
      'j.pause_reason',
      'j.authorization_state',
      (eb) =>
        eb
          .selectFrom('repair_order_lines as l')
          .select(sql<number>`coalesce(sum(l.qty_milli), 0)`.as('sold'))
          .whereRef('l.job_id', '=', 'j.id')
          .where('l.kind', '=', 'labor')
          .as('sold_milli'),
      (eb) =>
        eb
          .selectFrom('job_clockings as k')
          .select(
            sql<number>`coalesce(sum((julianday(coalesce(k.ended_at, ${now})) - julianday(k.started_at)) * 24000), 0)`.as(
              'clocked',
            ),
          )
          .whereRef('k.job_id', '=', 'j.id')
          .as('clocked_milli'),
      // Part lines still to order (issue 5): how many, how many without an expected date, the latest expected.
      (eb) =>
        eb
          .selectFrom('part_reservations as r')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('r.job_id', '=', 'j.id')
          .where('r.status', '=', 'open')
          .where('r.to_order_milli', '>', 0)
          .as('to_order_lines'),
      (eb) =>
        eb
          .selectFrom('part_reservations as r')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('r.job_id', '=', 'j.id')
          .where('r.status', '=', 'open')
          .where('r.to_order_milli', '>', 0)
          .where('r.expected_at', 'is', null)
          .as('to_order_unknown'),
      (eb) =>
        eb
          .selectFrom('part_reservations as r')
          .select(sql<string | null>`max(r.expected_at)`.as('latest'))
          .whereRef('r.job_id', '=', 'j.id')
          .where('r.status', '=', 'open')
          .where('r.to_order_milli', '>', 0)
          .as('to_order_latest'),
    ])
    .where('j.repair_order_id', 'in', repairOrderIds)
    .where('j.authorization_state', '!=', 'declined')
    .execute();
}
