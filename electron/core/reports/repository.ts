import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { FtfDimension, FtfFigure } from '../../../shared/contract/reports';
import type { Db } from '../db/connection';
import type { Database } from '../db/schema';
import { linkInsideWindow } from '../workshop/comebacks-repository';

/** The period as UTC instants: deliveries at or after `from` and before `before`. */
export interface PeriodBounds {
  from: string;
  before: string;
}

export interface FtfScope extends PeriodBounds {
  window: { days: number; km: number };
  /** Deliveries at or after this instant still have their window open at the time of the report. */
  closedBefore: string;
}

/**
 * The workshop tables of migration 0010 (dispatch area) the efficiency figures read: ended clockings and the
 * attendance per day. Declared here as the figures read them, so this file does not wait on that area's types.
 */
// A type, not an interface: withTables needs the index signature a type alias has.
type WorkshopTables = {
  job_clockings: { id: number; technician_id: number; started_at: string; ended_at: string | null };
  technician_attendance: { technician_id: number; day: string; attended_milli: number };
};

/** ROs delivered in the period, each once with its (first) delivery in the period. */
function deliveriesBetween(db: Db, period: PeriodBounds) {
  return db
    .selectFrom('repair_order_status_history')
    .select(['repair_order_id', (eb) => eb.fn.min('changed_at').as('delivered_at')])
    .where('to_status', '=', 'delivered')
    .where('changed_at', '>=', period.from)
    .where('changed_at', '<', period.before)
    .groupBy('repair_order_id');
}

/** Comebacks that count against the earlier job (not marked "not a quality issue", still inside the window). */
function countingLinks(db: Db, window: FtfScope['window']) {
  return db
    .selectFrom('comebacks as c')
    .innerJoin('repair_orders as er', 'er.id', 'c.earlier_repair_order_id')
    .innerJoin('repair_orders as lr', 'lr.id', 'c.later_repair_order_id')
    .where('c.status', '!=', 'not_quality')
    .where(linkInsideWindow(window));
}

/** Approved jobs on ROs delivered in the period, each with whether it came back and whether its window is open. */
function deliveredJobs(db: Db, scope: FtfScope) {
  return db
    .selectFrom('repair_order_jobs as j')
    .innerJoin('repair_orders as r', 'r.id', 'j.repair_order_id')
    .innerJoin(deliveriesBetween(db, scope).as('d'), 'd.repair_order_id', 'r.id')
    .where('j.authorization_state', '=', 'approved')
    .select((eb) => [
      'j.id as job_id',
      'r.id as ro_id',
      'r.advisor_id',
      'j.technician_id',
      'j.concern_group',
      'd.delivered_at',
      eb
        .exists(
          countingLinks(db, scope.window)
            .select(sql`1`.as('one'))
            .where(sql<SqlBool>`c.earlier_job_id = ${sql.ref('j.id')}`),
        )
        .$castTo<number>()
        .as('has_comeback'),
    ]);
}

type BaseScope = ExpressionBuilder<Database & { b: { job_id: number; has_comeback: number; delivered_at: string } }, 'b'>;

function aggregates(eb: BaseScope, closedBefore: string) {
  return [
    eb.fn.count<number>('b.job_id').distinct().as('jobs'),
    sql<number>`count(DISTINCT CASE WHEN b.has_comeback THEN b.job_id END)`.as('with_comeback'),
    sql<number>`count(DISTINCT CASE WHEN NOT b.has_comeback AND b.delivered_at >= ${closedBefore} THEN b.job_id END)`.as(
      'provisional',
    ),
  ] as const;
}

export interface FtfGroupRow {
  key: string;
  label: string;
  label_en: string;
  jobs: number;
  with_comeback: number;
  provisional: number;
}

/** The first-time-fix counts grouped by one dimension, in SQL (the jobs of a period can be tens of thousands). */
export async function firstTimeFixGroups(db: Db, scope: FtfScope, by: FtfDimension): Promise<FtfGroupRow[]> {
  const base = db.with('b', () => deliveredJobs(db, scope));
  switch (by) {
    case 'technician':
      return base
        .selectFrom('b')
        .leftJoin('users as u', 'u.id', 'b.technician_id')
        .select((eb) => [
          sql<string>`coalesce(CAST(b.technician_id AS TEXT), '')`.as('key'),
          sql<string>`coalesce(u.display_name, '')`.as('label'),
          sql<string>`coalesce(u.display_name, '')`.as('label_en'),
          ...aggregates(eb as unknown as BaseScope, scope.closedBefore),
        ])
        .groupBy('b.technician_id')
        .orderBy('jobs', 'desc')
        .orderBy('label')
        .execute();
    case 'advisor':
      return base
        .selectFrom('b')
        .innerJoin('users as u', 'u.id', 'b.advisor_id')
        .select((eb) => [
          sql<string>`CAST(b.advisor_id AS TEXT)`.as('key'),
          'u.display_name as label',
          'u.display_name as label_en',
          ...aggregates(eb as unknown as BaseScope, scope.closedBefore),
        ])
        .groupBy('b.advisor_id')
        .orderBy('jobs', 'desc')
        .orderBy('label')
        .execute();
    case 'concernGroup':
      return base
        .selectFrom('b')
        .select((eb) => [
          'b.concern_group as key',
          sql<string>`''`.as('label'),
          sql<string>`''`.as('label_en'),
          ...aggregates(eb as unknown as BaseScope, scope.closedBefore),
        ])
        .groupBy('b.concern_group')
        .orderBy('jobs', 'desc')
        .orderBy('key')
        .execute();
    case 'operation':
      return base
        .selectFrom('b')
        .leftJoin('repair_order_lines as l', (join) => join.onRef('l.job_id', '=', 'b.job_id').on('l.kind', '=', 'labor'))
        .select((eb) => [
          sql<string>`coalesce(l.code, '')`.as('key'),
          sql<string>`coalesce(max(l.name_zh), '')`.as('label'),
          sql<string>`coalesce(max(l.name_en), '')`.as('label_en'),
          ...aggregates(eb as unknown as BaseScope, scope.closedBefore),
        ])
        .groupBy(sql`coalesce(l.code, '')`)
        .orderBy('jobs', 'desc')
        .orderBy('key')
        .execute();
  }
}

export async function firstTimeFixTotals(db: Db, scope: FtfScope): Promise<Omit<FtfGroupRow, 'key' | 'label' | 'label_en'>> {
  const row = await db
    .with('b', () => deliveredJobs(db, scope))
    .selectFrom('b')
    .select((eb) => aggregates(eb as unknown as BaseScope, scope.closedBefore))
    .executeTakeFirstOrThrow();
  return row;
}

/** ROs delivered in the period, and how many of them are a comeback of an earlier delivery. */
export async function deliveredOrderCounts(db: Db, scope: FtfScope): Promise<{ ros: number; comeback_ros: number }> {
  return db
    .selectFrom(deliveriesBetween(db, scope).as('d'))
    .select((eb) => [
      eb.fn.countAll<number>().as('ros'),
      eb.fn
        .sum<number>(
          eb
            .exists(
              countingLinks(db, scope.window)
                .select(sql`1`.as('one'))
                .where(sql<SqlBool>`c.later_repair_order_id = ${sql.ref('d.repair_order_id')}`),
            )
            .$castTo<number>(),
        )
        .as('comeback_ros'),
    ])
    .executeTakeFirstOrThrow()
    .then((row) => ({ ros: Number(row.ros), comeback_ros: Number(row.comeback_ros ?? 0) }));
}

/** The condition that a job of the base belongs to row `key` of dimension `by`. */
function inRow(db: Db, by: FtfDimension, key: string) {
  return (eb: ExpressionBuilder<Database & { b: { job_id: number; technician_id: number | null; advisor_id: number; concern_group: string } }, 'b'>) => {
    switch (by) {
      case 'technician':
        return key === '' ? eb('b.technician_id', 'is', null) : eb('b.technician_id', '=', Number(key));
      case 'advisor':
        return eb('b.advisor_id', '=', Number(key));
      case 'concernGroup':
        return eb('b.concern_group', '=', key);
      case 'operation': {
        const labor = () => db.selectFrom('repair_order_lines as l').select(sql`1`.as('one')).where(sql<SqlBool>`l.job_id = ${sql.ref('b.job_id')}`).where('l.kind', '=', 'labor');
        return key === ''
          ? eb.or([eb.exists(labor().where('l.code', '=', '')), eb.not(eb.exists(labor()))])
          : eb.exists(labor().where('l.code', '=', key));
      }
    }
  };
}

export interface DrillRow {
  job_id: number;
  ro_id: number;
  number: string;
  delivered_at: string;
  plate: string;
  concern: string;
  concern_group: string;
  technician_name: string | null;
  advisor_name: string;
  has_comeback: number;
  comeback_id: number | null;
}

/** The jobs behind one figure, latest delivery first, paged in SQL (one row more than asked). */
export function drillDown(
  db: Db,
  scope: FtfScope,
  args: { by: FtfDimension; key?: string; figure: FtfFigure; offset: number; limit: number },
): Promise<DrillRow[]> {
  let query = db
    .with('b', () => deliveredJobs(db, scope))
    .selectFrom('b')
    .innerJoin('repair_orders as r', 'r.id', 'b.ro_id')
    .innerJoin('repair_order_jobs as j', 'j.id', 'b.job_id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .innerJoin('users as adv', 'adv.id', 'r.advisor_id')
    .leftJoin('users as tech', 'tech.id', 'j.technician_id')
    .select([
      'b.job_id',
      'b.ro_id',
      'r.number',
      'b.delivered_at',
      'v.plate',
      'j.concern',
      'j.concern_group',
      'tech.display_name as technician_name',
      'adv.display_name as advisor_name',
      'b.has_comeback',
      () =>
        countingLinks(db, scope.window)
          .select(sql<number>`min(c.id)`.as('id'))
          .where(sql<SqlBool>`c.earlier_job_id = ${sql.ref('b.job_id')}`)
          .as('comeback_id'),
    ]);
  if (args.key !== undefined) query = query.where(inRow(db, args.by, args.key));
  if (args.figure === 'withComeback') query = query.where('b.has_comeback', '=', 1);
  if (args.figure === 'provisional') query = query.where('b.has_comeback', '=', 0).where('b.delivered_at', '>=', scope.closedBefore);
  return query
    .orderBy('b.delivered_at', 'desc')
    .orderBy('b.job_id', 'desc')
    .offset(args.offset)
    .limit(args.limit + 1)
    .execute();
}

/** The comebacks named by a drill-down page: id, later RO and status. */
export function comebacksByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('comebacks as c')
    .innerJoin('repair_orders as lr', 'lr.id', 'c.later_repair_order_id')
    .select(['c.id', 'c.status', 'lr.id as ro_id', 'lr.number'])
    .where('c.id', 'in', ids)
    .execute();
}

export interface HoursRow {
  technician_id: number;
  display_name: string;
  sold_milli: number;
  clocked_ms: number;
  attendance_milli: number;
}

/**
 * Per technician: flat-rate hours of their approved jobs on ROs delivered in the period; time of their ended
 * clockings started in the period; attendance on the period's desk days. Active technicians are listed even with
 * nothing yet, and anyone else who has hours in the period.
 */
export async function technicianHours(db: Db, period: PeriodBounds & { fromDay: string; toDay: string }): Promise<HoursRow[]> {
  const wdb = db.withTables<WorkshopTables>();
  const sold = wdb
    .selectFrom('repair_order_jobs as j')
    .innerJoin(deliveriesBetween(db, period).as('d'), 'd.repair_order_id', 'j.repair_order_id')
    .innerJoin('repair_order_lines as l', 'l.job_id', 'j.id')
    .where('j.authorization_state', '=', 'approved')
    .where('l.kind', '=', 'labor')
    .where('j.technician_id', 'is not', null)
    .select(['j.technician_id', (eb) => eb.fn.sum<number>('l.qty_milli').as('milli')])
    .groupBy('j.technician_id');
  const clocked = wdb
    .selectFrom('job_clockings as k')
    .where('k.ended_at', 'is not', null)
    .where('k.started_at', '>=', period.from)
    .where('k.started_at', '<', period.before)
    .select(['k.technician_id', sql<number>`sum(round((julianday(k.ended_at) - julianday(k.started_at)) * 86400000))`.as('ms')])
    .groupBy('k.technician_id');
  const attended = wdb
    .selectFrom('technician_attendance as a')
    .where('a.day', '>=', period.fromDay)
    .where('a.day', '<=', period.toDay)
    .select(['a.technician_id', (eb) => eb.fn.sum<number>('a.attended_milli').as('milli')])
    .groupBy('a.technician_id');
  const rows = await wdb
    .with('sold', () => sold)
    .with('clocked', () => clocked)
    .with('attended', () => attended)
    .selectFrom('users as u')
    .leftJoin('sold', 'sold.technician_id', 'u.id')
    .leftJoin('clocked', 'clocked.technician_id', 'u.id')
    .leftJoin('attended', 'attended.technician_id', 'u.id')
    .where((eb) =>
      eb.or([
        eb.and([eb('u.role', '=', 'technician'), eb('u.active', '=', 1)]),
        eb('sold.milli', 'is not', null),
        eb('clocked.ms', 'is not', null),
        eb('attended.milli', 'is not', null),
      ] as unknown as SqlBool[] as never),
    )
    .select([
      'u.id as technician_id',
      'u.display_name',
      sql<number>`coalesce(sold.milli, 0)`.as('sold_milli'),
      sql<number>`coalesce(clocked.ms, 0)`.as('clocked_ms'),
      sql<number>`coalesce(attended.milli, 0)`.as('attendance_milli'),
    ])
    .orderBy('u.display_name')
    .execute();
  return rows;
}
