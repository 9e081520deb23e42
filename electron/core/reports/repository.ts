import { sql, type SqlBool } from 'kysely';
import type { FtfDimension, FtfFigure } from '../../../shared/contract/reports';
import type { ConcernGroup } from '../../../shared/domain/concern-groups';
import type { Db } from '../db/connection';
import { linkInsideWindow } from '../workshop/comebacks/repository';
import { clockedByTechnician } from './kpis/repository';

/**
 * The workshop's figures (first-time fix, comeback rate, hours) read what a period handed over from the day rows of
 * delivered_job_days, the jobs behind a figure from delivered_jobs and delivered_job_operations (migration 0023: one
 * row per approved job of a delivered RO, keyed by delivery time), and the comebacks from the links' own indexes on
 * the deliveries. Nothing here reads the status history: a year is a range of rows, whatever lies before it.
 */

/** The period as UTC instants: deliveries at or after `from` and before `before`. */
export interface PeriodBounds {
  from: string;
  before: string;
}

/** The same period as desk days, both included (the day rows' key). */
export interface PeriodDays {
  fromDay: string;
  toDay: string;
}

export interface FtfScope extends PeriodBounds, PeriodDays {
  spans: SummarySpans;
  window: { days: number; km: number };
  /** Deliveries at or after this instant (the start of desk day closedDay) still have their window open. */
  closedBefore: string;
  closedDay: string;
}

/**
 * The workshop table of migration 0010 (dispatch area) the efficiency figures read: the attendance per day. Declared
 * here as the figures read it, so this file does not wait on that area's types.
 */
// A type, not an interface: withTables needs the index signature a type alias has.
type WorkshopTables = {
  technician_attendance: { technician_id: number; day: string; attended_milli: number };
};

/**
 * A period of desk days as the summary rows read it: the full months from the month rows, the days at either end
 * (and the days still inside the comeback window) from the day rows.
 */
export interface SummarySpans {
  days: { from: string; to: string }[];
  months: { from: string; to: string } | null;
}

/** A row of the summaries, summed over a period: jobs, those still in their window, ROs, sold hours, names. */
export interface SummaryRow {
  key: string;
  jobs: number;
  recent: number;
  ros: number;
  labor_milli: number;
  label_zh: string | null;
  label_en: string | null;
}

function larger(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : b > a ? b : a;
}

/**
 * The summary rows of dimension `by` ('all': the totals, key '') over the spans, summed per key; `closedDay`: the
 * first desk day whose deliveries are still inside their window (always read from day rows), null when not asked.
 */
export async function summaryRows(
  db: Db,
  by: FtfDimension | 'all',
  spans: SummarySpans,
  closedDay: string | null,
): Promise<SummaryRow[]> {
  const parts = await Promise.all([
    ...spans.days.map((days) =>
      db
        .selectFrom('delivered_job_days as s')
        .where('s.dimension', '=', by)
        .where('s.day', '>=', days.from)
        .where('s.day', '<=', days.to)
        .select((eb) => [
          's.key',
          eb.fn.sum<number>('s.jobs').as('jobs'),
          closedDay === null
            ? sql<number>`0`.as('recent')
            : sql<number>`sum(CASE WHEN s.day >= ${closedDay} THEN s.jobs ELSE 0 END)`.as('recent'),
          eb.fn.sum<number>('s.ros').as('ros'),
          eb.fn.sum<number>('s.labor_milli').as('labor_milli'),
          eb.fn.max('s.label_zh').as('label_zh'),
          eb.fn.max('s.label_en').as('label_en'),
        ])
        .groupBy('s.key')
        .execute(),
    ),
    ...(spans.months
      ? [
          db
            .selectFrom('delivered_job_months as m')
            .where('m.dimension', '=', by)
            .where('m.month', '>=', spans.months.from)
            .where('m.month', '<=', spans.months.to)
            .select((eb) => [
              'm.key',
              eb.fn.sum<number>('m.jobs').as('jobs'),
              // Month rows are only read for months before closedDay's: none of their jobs is recent.
              sql<number>`0`.as('recent'),
              eb.fn.sum<number>('m.ros').as('ros'),
              eb.fn.sum<number>('m.labor_milli').as('labor_milli'),
              eb.fn.max('m.label_zh').as('label_zh'),
              eb.fn.max('m.label_en').as('label_en'),
            ])
            .groupBy('m.key')
            .execute(),
        ]
      : []),
  ]);
  const sums = new Map<string, SummaryRow>();
  for (const row of parts.flat()) {
    const seen = sums.get(row.key);
    const add = {
      jobs: Number(row.jobs),
      recent: Number(row.recent),
      ros: Number(row.ros),
      labor_milli: Number(row.labor_milli),
    };
    sums.set(
      row.key,
      seen
        ? {
            key: row.key,
            jobs: seen.jobs + add.jobs,
            recent: seen.recent + add.recent,
            ros: seen.ros + add.ros,
            labor_milli: seen.labor_milli + add.labor_milli,
            label_zh: larger(seen.label_zh, row.label_zh),
            label_en: larger(seen.label_en, row.label_en),
          }
        : { key: row.key, ...add, label_zh: row.label_zh, label_en: row.label_en },
    );
  }
  return [...sums.values()];
}

/** Links that count against the earlier job (not "not a quality issue", still inside the window), by earlier delivery. */
function countingLinksOfPeriod(db: Db, scope: FtfScope) {
  return db
    .selectFrom('comebacks as c')
    .innerJoin('repair_orders as er', 'er.id', 'c.earlier_repair_order_id')
    .innerJoin('repair_orders as lr', 'lr.id', 'c.later_repair_order_id')
    .where('c.earlier_delivered_at', '>=', scope.from)
    .where('c.earlier_delivered_at', '<', scope.before)
    .where('c.status', '!=', 'not_quality')
    .where(linkInsideWindow(scope.window));
}

/** The column of delivered_jobs (alias dj) that holds the row of a dimension, as the day rows key it. */
const KEY_OF = {
  technician: sql<string>`coalesce(CAST(dj.technician_id AS TEXT), '')`,
  advisor: sql<string>`CAST(dj.advisor_id AS TEXT)`,
  concernGroup: sql<string>`dj.concern_group`,
  all: sql<string>`''`,
} as const;

/** Jobs delivered in the period that came back, per row of `by` ('all': the totals), and how many of them are recent. */
export interface ComebackCountRow {
  key: string;
  with_comeback: number;
  recent_with_comeback: number;
}

export function comebackJobCounts(db: Db, scope: FtfScope, by: FtfDimension | 'all'): Promise<ComebackCountRow[]> {
  const counts = [
    sql<number>`count(DISTINCT c.earlier_job_id)`.as('with_comeback'),
    sql<number>`count(DISTINCT CASE WHEN c.earlier_delivered_at >= ${scope.closedBefore} THEN c.earlier_job_id END)`.as(
      'recent_with_comeback',
    ),
  ];
  if (by === 'operation') {
    // The few jobs that came back: their labor lines by the lines' job index ('' for none, as the day rows key it).
    return countingLinksOfPeriod(db, scope)
      .leftJoin('repair_order_lines as l', (join) => join.onRef('l.job_id', '=', 'c.earlier_job_id').on('l.kind', '=', 'labor'))
      .select([sql<string>`coalesce(l.code, '')`.as('key'), ...counts])
      .groupBy(sql`coalesce(l.code, '')`)
      .execute();
  }
  return countingLinksOfPeriod(db, scope)
    .innerJoin('delivered_jobs as dj', (join) =>
      join.onRef('dj.delivered_at', '=', 'c.earlier_delivered_at').onRef('dj.job_id', '=', 'c.earlier_job_id'),
    )
    .select([KEY_OF[by].as('key'), ...counts])
    .groupBy(KEY_OF[by])
    .execute();
}

/** Display names of the people a table's rows name (users is small: one look-up for the rows, never per job). */
export function userNames(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
}

/**
 * Of the ROs handed over in the period, how many are a comeback of an earlier delivery (a counting link names them as
 * the later RO). The links carry the later RO's delivery (the handover's trigger writes it), so only they are read.
 */
export async function comebackOrderCount(db: Db, scope: FtfScope): Promise<number> {
  const row = await db
    .selectFrom('comebacks as c')
    .innerJoin('repair_orders as er', 'er.id', 'c.earlier_repair_order_id')
    .innerJoin('repair_orders as lr', 'lr.id', 'c.later_repair_order_id')
    .where('c.later_delivered_at', '>=', scope.from)
    .where('c.later_delivered_at', '<', scope.before)
    .where('c.status', '!=', 'not_quality')
    .where(linkInsideWindow(scope.window))
    .select(sql<number>`count(DISTINCT c.later_repair_order_id)`.as('ros'))
    .executeTakeFirstOrThrow();
  return Number(row.ros);
}

/**
 * The condition that a delivered job (alias dj) belongs to row `key` of dimension `by`, checked on the rows a page
 * walks: delivered_jobs holds the person and the group, delivered_job_operations the operations.
 */
function inRow(db: Db, by: FtfDimension, key: string) {
  switch (by) {
    case 'technician':
      return key === '' ? sql<SqlBool>`dj.technician_id IS NULL` : sql<SqlBool>`dj.technician_id = ${Number(key)}`;
    case 'advisor':
      return sql<SqlBool>`dj.advisor_id = ${Number(key)}`;
    case 'concernGroup':
      return sql<SqlBool>`dj.concern_group = ${key}`;
    case 'operation':
      // One seek in delivered_job_operations' key; '' is the row of jobs without a code (no labor line, free text).
      return sql<SqlBool>`EXISTS ${db
        .selectFrom('delivered_job_operations as o')
        .select(sql`1`.as('one'))
        .where('o.code', '=', key)
        .where(sql<SqlBool>`o.delivered_at = dj.delivered_at AND o.job_id = dj.job_id`)}`;
  }
}

/** A counting link against job `jobRef` exists (any status but "not a quality issue", inside the window). */
function comesBack(db: Db, window: FtfScope['window'], jobRef: 'dj.job_id' | 'o.job_id' | 'j.id') {
  return db
    .selectFrom('comebacks as c')
    .innerJoin('repair_orders as er', 'er.id', 'c.earlier_repair_order_id')
    .innerJoin('repair_orders as lr', 'lr.id', 'c.later_repair_order_id')
    .where(sql<SqlBool>`c.earlier_job_id = ${sql.ref(jobRef)}`)
    .where('c.status', '!=', 'not_quality')
    .where(linkInsideWindow(window));
}

/**
 * The jobs of one page of a drill-down, latest delivery first (one more than asked). Jobs and provisional ones walk
 * the period's delivered jobs backwards (one operation's: that operation's rows of delivered_job_operations); the jobs
 * that came back walk the links of the period instead (a few per cent of the jobs). Each walk is in the page's order,
 * so it stops at the page; the longest (one rare person over a year) reads a year of narrow rows in key order.
 */
export async function drillDownJobIds(
  db: Db,
  scope: FtfScope,
  args: { by: FtfDimension; key?: string; figure: FtfFigure; offset: number; limit: number },
): Promise<number[]> {
  if (args.figure === 'withComeback') {
    let query = countingLinksOfPeriod(db, scope)
      .innerJoin('delivered_jobs as dj', (join) =>
        join.onRef('dj.delivered_at', '=', 'c.earlier_delivered_at').onRef('dj.job_id', '=', 'c.earlier_job_id'),
      )
      .select('c.earlier_job_id as job_id');
    if (args.key !== undefined) query = query.where(inRow(db, args.by, args.key));
    const rows = await query
      .groupBy(['c.earlier_delivered_at', 'c.earlier_job_id'])
      .orderBy('c.earlier_delivered_at', 'desc')
      .orderBy('c.earlier_job_id', 'desc')
      .offset(args.offset)
      .limit(args.limit + 1)
      .execute();
    return rows.map((row) => row.job_id);
  }
  const from = args.figure === 'provisional' && scope.closedBefore > scope.from ? scope.closedBefore : scope.from;
  const notBack = (job: 'dj.job_id' | 'o.job_id') =>
    sql<SqlBool>`NOT EXISTS ${comesBack(db, scope.window, job).select(sql`1`.as('one'))}`;
  if (args.by === 'operation' && args.key !== undefined) {
    // One operation's jobs: its table's key (code, then delivery time), walked backwards.
    let query = db
      .selectFrom('delivered_job_operations as o')
      .select('o.job_id')
      .where('o.code', '=', args.key)
      .where('o.delivered_at', '>=', from)
      .where('o.delivered_at', '<', scope.before);
    if (args.figure === 'provisional') query = query.where(notBack('o.job_id'));
    const rows = await query
      .orderBy('o.delivered_at', 'desc')
      .orderBy('o.job_id', 'desc')
      .offset(args.offset)
      .limit(args.limit + 1)
      .execute();
    return rows.map((row) => row.job_id);
  }
  let query = db
    .selectFrom('delivered_jobs as dj')
    .select('dj.job_id')
    .where('dj.delivered_at', '>=', from)
    .where('dj.delivered_at', '<', scope.before);
  if (args.figure === 'provisional') query = query.where(notBack('dj.job_id'));
  if (args.key !== undefined) query = query.where(inRow(db, args.by, args.key));
  const rows = await query
    .orderBy('dj.delivered_at', 'desc')
    .orderBy('dj.job_id', 'desc')
    .offset(args.offset)
    .limit(args.limit + 1)
    .execute();
  return rows.map((row) => row.job_id);
}

export interface DrillRow {
  job_id: number;
  ro_id: number;
  number: string;
  delivered_at: string;
  plate: string;
  concern: string;
  concern_group: ConcernGroup;
  technician_name: string | null;
  advisor_name: string;
  comeback_id: number | null;
}

/** The rows of a drill-down page by job id, in no particular order; the first counting comeback of each, if any. */
export function drillDownRows(db: Db, window: FtfScope['window'], jobIds: number[]): Promise<DrillRow[]> {
  if (jobIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('repair_order_jobs as j')
    .innerJoin('repair_orders as r', 'r.id', 'j.repair_order_id')
    .innerJoin('repair_order_deliveries as d', 'd.repair_order_id', 'r.id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .innerJoin('users as adv', 'adv.id', 'r.advisor_id')
    .leftJoin('users as tech', 'tech.id', 'j.technician_id')
    .select([
      'j.id as job_id',
      'r.id as ro_id',
      'r.number',
      'd.delivered_at',
      'v.plate',
      'j.concern',
      'j.concern_group',
      'tech.display_name as technician_name',
      'adv.display_name as advisor_name',
      () =>
        comesBack(db, window, 'j.id')
          .select(sql<number>`min(c.id)`.as('id'))
          .as('comeback_id'),
    ])
    .where('j.id', 'in', jobIds)
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
 * Per technician: flat-rate hours of their approved jobs on ROs delivered in the period (the summary rows of the
 * handovers); time of their ended clockings started in the period (migration 0025's report_clocking_days, kept by
 * triggers on job_clockings, the same rule); attendance on the period's desk days. Active technicians are listed
 * even with nothing yet, and anyone else who has hours in the period; by name.
 */
export async function technicianHours(db: Db, period: PeriodDays & { spans: SummarySpans }): Promise<HoursRow[]> {
  const wdb = db.withTables<WorkshopTables>();
  // A technician whose jobs had no labor line sold nothing and is not listed for it (every labor line has hours).
  const sold = new Map(
    (await summaryRows(db, 'technician', period.spans, null)).flatMap((row) =>
      row.key !== '' && row.labor_milli > 0 ? [[Number(row.key), row.labor_milli] as const] : [],
    ),
  );
  const clocked = new Map(
    (await clockedByTechnician(db, { from: period.fromDay, to: period.toDay }, false)).map((row) => [
      row.technician_id,
      Number(row.clocked_ms),
    ]),
  );
  const attended = new Map(
    (
      await wdb
        .selectFrom('technician_attendance as a')
        .where('a.day', '>=', period.fromDay)
        .where('a.day', '<=', period.toDay)
        .select(['a.technician_id', (eb) => eb.fn.sum<number>('a.attended_milli').as('milli')])
        .groupBy('a.technician_id')
        .execute()
    ).map((row) => [row.technician_id, Number(row.milli)]),
  );
  const withHours = [...new Set([...sold.keys(), ...clocked.keys(), ...attended.keys()])];
  const people = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.display_name'])
    .where((eb) =>
      eb.or([
        eb.and([eb('u.role', '=', 'technician'), eb('u.active', '=', 1)]),
        ...(withHours.length > 0 ? [eb('u.id', 'in', withHours)] : []),
      ]),
    )
    .execute();
  return people
    .map((u) => ({
      technician_id: u.id,
      display_name: u.display_name,
      sold_milli: sold.get(u.id) ?? 0,
      clocked_ms: clocked.get(u.id) ?? 0,
      attendance_milli: attended.get(u.id) ?? 0,
    }))
    .sort((a, b) => (a.display_name < b.display_name ? -1 : a.display_name > b.display_name ? 1 : 0));
}
