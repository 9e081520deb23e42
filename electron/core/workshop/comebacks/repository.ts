import { sql, type SqlBool } from 'kysely';
import type { ConcernGroup } from '../../../../shared/domain/concern-groups';
import type { ComebackRootCause, ComebackStatus } from '../../../../shared/domain/first-time-fix';
import type { Db } from '../../db/connection';

/** The RO a detection runs for. */
export function findOrder(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_orders')
    .select(['id', 'vehicle_id', 'opened_at', 'status', 'mileage_in_km'])
    .where('id', '=', repairOrderId)
    .executeTakeFirst();
}

export function findOrderJobs(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_order_jobs')
    .select(['id', 'concern_group'])
    .where('repair_order_id', '=', repairOrderId)
    .execute();
}

/** Suspected links of a later job that no longer hold (its group changed); decided ones stay on record. */
export async function deleteStaleSuspected(db: Db, laterJobId: number, concernGroup: ConcernGroup): Promise<void> {
  await db
    .deleteFrom('comebacks')
    .where('later_job_id', '=', laterJobId)
    .where('status', '=', 'suspected')
    .where('concern_group', '!=', concernGroup)
    .execute();
}

/**
 * Approved jobs in `groups` of the vehicle's other ROs delivered between `since` and `before`: the jobs a job of the
 * new RO may have come back for. This runs inside the write transaction of every job that is added or triaged, so it
 * reads keys only: the vehicle's ROs opened before `before` (a handover comes after the opening), each one's delivery
 * and jobs by their own keys; a car has a handful of visits a year. Never the status history.
 */
export function findEarlierJobs(
  db: Db,
  args: { vehicleId: number; repairOrderId: number; groups: ConcernGroup[]; since: string; before: string },
) {
  return db
    .selectFrom('repair_orders as ro')
    .innerJoin('repair_order_deliveries as d', 'd.repair_order_id', 'ro.id')
    .innerJoin('repair_order_jobs as job', 'job.repair_order_id', 'ro.id')
    .select(['ro.id as repair_order_id', 'ro.mileage_in_km', 'd.delivered_at', 'job.id as job_id', 'job.concern_group'])
    .where('ro.vehicle_id', '=', args.vehicleId)
    .where('ro.opened_at', '<', args.before)
    .where('ro.id', '!=', args.repairOrderId)
    .where('d.delivered_at', '>=', args.since)
    .where('d.delivered_at', '<', args.before)
    .where('job.authorization_state', '=', 'approved')
    .where('job.concern_group', 'in', args.groups)
    .execute();
}

export async function insertLink(
  db: Db,
  row: {
    earlier_job_id: number;
    earlier_repair_order_id: number;
    later_job_id: number;
    later_repair_order_id: number;
    concern_group: ConcernGroup;
    days_after: number;
    detected_at: string;
    earlier_delivered_at: string;
    later_opened_at: string;
  },
): Promise<void> {
  await db
    .insertInto('comebacks')
    .values(row)
    .onConflict((oc) => oc.columns(['earlier_job_id', 'later_job_id']).doNothing())
    .execute();
}

/**
 * A link that still stands: the later RO is not cancelled and the visit is inside the window in force (days stored,
 * km read from both ROs now, so a check-in after the link was made can still put it outside). Reads the aliases
 * c (comebacks), er (earlier RO) and lr (later RO).
 */
export function linkInsideWindow(window: { days: number; km: number }) {
  return sql<SqlBool>`(lr.status != 'cancelled' AND c.days_after <= ${window.days} AND (lr.mileage_in_km IS NULL OR er.mileage_in_km IS NULL OR lr.mileage_in_km - er.mileage_in_km <= ${window.km}))`;
}

function listQuery(db: Db) {
  return db
    .selectFrom('comebacks as c')
    .innerJoin('repair_orders as er', 'er.id', 'c.earlier_repair_order_id')
    .innerJoin('repair_order_deliveries as ed', 'ed.repair_order_id', 'er.id')
    .innerJoin('repair_orders as lr', 'lr.id', 'c.later_repair_order_id')
    .innerJoin('repair_order_jobs as ej', 'ej.id', 'c.earlier_job_id')
    .innerJoin('repair_order_jobs as lj', 'lj.id', 'c.later_job_id')
    .innerJoin('vehicles as v', 'v.id', 'er.vehicle_id')
    .innerJoin('users as adv', 'adv.id', 'er.advisor_id')
    .leftJoin('users as tech', 'tech.id', 'ej.technician_id')
    .leftJoin('users as decider', 'decider.id', 'c.decided_by')
    .select([
      'c.id',
      'c.status',
      'c.concern_group',
      'c.days_after',
      'c.root_cause',
      'c.reason',
      'c.decided_by',
      'c.decided_at',
      'c.detected_at',
      'c.version',
      'v.plate',
      'er.id as earlier_ro_id',
      'er.number as earlier_number',
      'er.mileage_in_km as earlier_km',
      'ed.delivered_at',
      'ej.id as earlier_job_id',
      'ej.concern as earlier_concern',
      'tech.display_name as technician_name',
      'adv.display_name as advisor_name',
      'lr.id as later_ro_id',
      'lr.number as later_number',
      'lr.opened_at as later_opened_at',
      'lr.mileage_in_km as later_km',
      'lj.id as later_job_id',
      'lj.concern as later_concern',
      'decider.display_name as decider_name',
    ]);
}

export type ComebackRow = Awaited<ReturnType<ReturnType<typeof listQuery>['executeTakeFirstOrThrow']>>;

/** Suspected links first: the order of the list's index (comebacks_list, migration 0023), expression for expression. */
const SUSPECTED_FIRST = sql`(CASE c.status WHEN 'suspected' THEN 0 ELSE 1 END)`;

/**
 * The ids of one page of the foreman's list, in its order (suspected first, then the latest found first; within one
 * status, the latest found first), one more than asked. Walks the list's index and reads the two ROs of each link it
 * passes (for the window), so a page costs the same in the tenth year as in the first.
 */
export async function listComebackIds(
  db: Db,
  args: {
    window: { days: number; km: number };
    status?: ComebackStatus;
    openedFrom?: string;
    openedBefore?: string;
    offset: number;
    limit: number;
  },
): Promise<number[]> {
  let query = db
    .selectFrom('comebacks as c')
    .innerJoin('repair_orders as er', 'er.id', 'c.earlier_repair_order_id')
    .innerJoin('repair_orders as lr', 'lr.id', 'c.later_repair_order_id')
    .select('c.id')
    .where(linkInsideWindow(args.window));
  if (args.openedFrom) query = query.where('c.later_opened_at', '>=', args.openedFrom);
  if (args.openedBefore) query = query.where('c.later_opened_at', '<', args.openedBefore);
  // Within one status the first sort key is the same for every row: left out, the status index gives the order.
  query = args.status ? query.where('c.status', '=', args.status) : query.orderBy(SUSPECTED_FIRST);
  const rows = await query
    .orderBy('c.detected_at', 'desc')
    .orderBy('c.id', 'desc')
    .offset(args.offset)
    .limit(args.limit + 1)
    .execute();
  return rows.map((row) => row.id);
}

/** The list's rows for the ids of a page, in no particular order (the caller puts them in the page's). */
export function findComebacks(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return listQuery(db).where('c.id', 'in', ids).execute();
}

export function findComeback(db: Db, id: number) {
  return listQuery(db).where('c.id', '=', id).executeTakeFirst();
}

export async function decideComeback(
  db: Db,
  id: number,
  version: number,
  changes: {
    status: ComebackStatus;
    root_cause: ComebackRootCause | null;
    reason: string;
    decided_by: number;
    decided_at: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('comebacks')
    .set({ ...changes, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
