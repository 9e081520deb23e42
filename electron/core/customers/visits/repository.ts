import { OPEN_STATUSES } from '../../../../shared/domain/repair-order-status';
import type { Db } from '../../db/connection';
import { owedTotalFen } from '../../repair-orders/owed-total';

// The customer file's history: each list walks its index newest first and starts right after the previous page's
// last row (keyset; by offset only for a block without one), reading one row more than asked to tell whether there is more. Figures (a visit's total, its
// concerns, its survey) are read for the rows of the page only. Plan tests: tests/integration/plans-customer-history.test.ts.

/** Where the previous page ended: its last row's time and id. */
export interface After {
  at: string;
  id: number;
}

/**
 * A grid block: after the previous block's last row (by key), or, without it (a jump deep into the list), that many
 * rows from the start (by offset).
 */
export interface Block {
  after: After | null;
  offset: number;
  limit: number;
}

/** A customer's ROs, open or past, along repair_orders_customer (customer_id, opened_at; the id is the rowid). */
export function visits(db: Db, customerId: number, state: 'open' | 'past', { after, offset, limit }: Block) {
  let query = db
    .selectFrom('repair_orders as r')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .innerJoin('users as u', 'u.id', 'r.advisor_id')
    .select([
      'r.id',
      'r.number',
      'r.status',
      'r.opened_at',
      'r.promised_at',
      'r.mileage_in_km',
      'r.source',
      'v.id as vehicle_id',
      'v.plate',
      'v.make',
      'v.model',
      'u.display_name as advisor_name',
      owedTotalFen(),
    ])
    .where('r.customer_id', '=', customerId)
    .where('r.status', state === 'open' ? 'in' : 'not in', OPEN_STATUSES);
  if (after)
    query = query.where((eb) =>
      eb.or([eb('r.opened_at', '<', after.at), eb.and([eb('r.opened_at', '=', after.at), eb('r.id', '<', after.id)])]),
    );
  return query
    .orderBy('r.opened_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit + 1)
    .offset(after ? 0 : offset)
    .execute();
}

/** The jobs of the page's ROs, in order: their concerns and how many there are. */
export function jobsOf(db: Db, repairOrderIds: readonly number[]) {
  if (repairOrderIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('repair_order_jobs')
    .select(['repair_order_id', 'concern'])
    .where('repair_order_id', 'in', repairOrderIds)
    .orderBy('repair_order_id')
    .orderBy('position')
    .execute();
}

/** The surveys of the page's ROs (one per RO, its unique index), with the advisor it counts for. */
export function surveysOf(db: Db, repairOrderIds: readonly number[]) {
  if (repairOrderIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('survey_responses')
    .select(['id', 'repair_order_id', 'template_id', 'advisor_id', 'answered_at', 'dissatisfied'])
    .where('repair_order_id', 'in', repairOrderIds)
    .execute();
}

/** The numeric answers of those surveys (the covering index survey_answers_figures). */
export function numericAnswersOf(db: Db, responseIds: readonly number[]) {
  if (responseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('survey_answers')
    .select(['response_id', 'scale', 'factor', 'value_int'])
    .where('response_id', 'in', responseIds)
    .where('scale', 'in', ['scale_1_10', 'recommend_0_10'])
    .execute();
}

export function weightsOf(db: Db, templateIds: readonly number[]) {
  if (templateIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('survey_template_weights')
    .select(['template_id', 'factor', 'weight_pct'])
    .where('template_id', 'in', templateIds)
    .execute();
}

/**
 * Work the customer declined: the customer's ROs along repair_orders_customer, their jobs, and the declined item of
 * each job (declined_work_job), newest declined first. A customer has tens of visits, so the sort is over those.
 */
export function declinedWork(db: Db, customerId: number, { after, offset, limit }: Block) {
  let query = db
    .selectFrom('repair_orders as r')
    .innerJoin('repair_order_jobs as j', 'j.repair_order_id', 'r.id')
    .innerJoin('declined_work as d', 'd.job_id', 'j.id')
    .innerJoin('vehicles as v', 'v.id', 'd.vehicle_id')
    .select([
      'd.id',
      'd.concern',
      'd.concern_group',
      'd.total_fen',
      'd.declined_at',
      'd.status',
      'r.id as repair_order_id',
      'r.number as repair_order_number',
      'v.id as vehicle_id',
      'v.plate',
    ])
    .where('r.customer_id', '=', customerId);
  if (after)
    query = query.where((eb) =>
      eb.or([eb('d.declined_at', '<', after.at), eb.and([eb('d.declined_at', '=', after.at), eb('d.id', '<', after.id)])]),
    );
  return query
    .orderBy('d.declined_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit + 1)
    .offset(after ? 0 : offset)
    .execute();
}

/** The customer's complaints along complaints_customer (the id, its rowid, grows with the time of recording). */
export function complaints(db: Db, customerId: number, { after, offset, limit }: Block) {
  let query = db
    .selectFrom('complaints as c')
    .leftJoin('repair_orders as r', 'r.id', 'c.repair_order_id')
    .select([
      'c.id',
      'c.number',
      'c.created_at',
      'c.level',
      'c.status',
      'c.next_step',
      'c.customer_says',
      'r.id as repair_order_id',
      'r.number as repair_order_number',
    ])
    .where('c.customer_id', '=', customerId);
  if (after) query = query.where('c.id', '<', after.id);
  return query
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .offset(after ? 0 : offset)
    .execute();
}

export function customerExists(db: Db, customerId: number) {
  return db.selectFrom('customers').select('id').where('id', '=', customerId).executeTakeFirst();
}
