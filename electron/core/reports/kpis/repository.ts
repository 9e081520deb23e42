import { sql, type Expression, type SqlBool } from 'kysely';
import type { ComplaintStatus } from '../../../../shared/domain/complaints';
import { monthDays, shiftMonth } from '../../../../shared/domain/kpi-months';
import type { Db } from '../../db/connection';

/**
 * The KPI dashboard's figures (docs/domain.md "KPIs") read from the summary rows of migration 0025, kept by triggers in the
 * writers' own transactions: a period of desk days, or a trend of months, is one range of a few thousand small rows
 * per source (report_ro_days, report_appointment_days, report_clocking_days, report_visit_months,
 * report_comeback_links), whatever lies before it. Each aggregate groups either into one row (key '') or by desk month
 * (key 'YYYY-MM').
 *
 * The drill-downs list the facts behind a figure a page at a time, each page read in the order of an index.
 */

/** A period as UTC instants: at or after `from`, before `before`. */
export interface Bounds {
  from: string;
  before: string;
}

/** Desk days 'YYYY-MM-DD', both included. */
export interface Days {
  from: string;
  to: string;
}

/** The key a summary row of desk day `column` counts under: '' for the whole period, its month for a trend. */
function bucket(column: string, byMonth: boolean) {
  return byMonth ? sql<string>`substr(${sql.ref(column)}, 1, 7)` : sql<string>`''`;
}

const sum = (column: string) => sql<number>`coalesce(sum(${sql.ref(column)}), 0)`;

export interface RoFigures {
  k: string;
  /** ROs opened, not cancelled; of them turned from an appointment. */
  opened: number;
  from_appointment: number;
  /** ROs delivered; of them ready by the promised time; their totals (fen) and flat-rate hours (thousandths). */
  delivered: number;
  on_time: number;
  total_fen: number;
  sold_milli: number;
  /** Approved jobs of the ROs delivered, and of them those delivered on or after `recentFrom` (window still open). */
  approved_jobs: number;
  recent_jobs: number;
  /** Flat-rate hours of approved jobs with a technician (the technicians' sold hours). */
  technician_sold_milli: number;
}

/** The RO figures of each key: openings count on the opening day, deliveries on the delivery day. */
export function roFigures(db: Db, days: Days, byMonth: boolean, recentFrom: string): Promise<RoFigures[]> {
  return db
    .selectFrom('report_ro_days as s')
    .where('s.day', '>=', days.from)
    .where('s.day', '<=', days.to)
    .select([
      bucket('s.day', byMonth).as('k'),
      sum('s.opened').as('opened'),
      sum('s.from_appointment').as('from_appointment'),
      sum('s.delivered').as('delivered'),
      sum('s.on_time').as('on_time'),
      sum('s.total_fen').as('total_fen'),
      sum('s.sold_milli').as('sold_milli'),
      sum('s.approved_jobs').as('approved_jobs'),
      sql<number>`coalesce(sum(CASE WHEN s.day >= ${recentFrom} THEN s.approved_jobs ELSE 0 END), 0)`.as('recent_jobs'),
      sum('s.technician_sold_milli').as('technician_sold_milli'),
    ])
    .groupBy('k')
    .execute();
}

export interface AppointmentFigures {
  k: string;
  booked: number;
  arrived: number;
}

/** Appointments of whole past desk days: booked (not cancelled) and arrived, by the slot's day. */
export function appointmentFigures(db: Db, days: Days, byMonth: boolean): Promise<AppointmentFigures[]> {
  return db
    .selectFrom('report_appointment_days as s')
    .where('s.day', '>=', days.from)
    .where('s.day', '<=', days.to)
    .select([bucket('s.day', byMonth).as('k'), sum('s.booked').as('booked'), sum('s.arrived').as('arrived')])
    .groupBy('k')
    .execute();
}

/**
 * Appointments of today and later days, read from the appointments themselves (a few days' slots): booked = not
 * cancelled and the slot has begun by `now` or the customer arrived already (a future slot cannot have been missed
 * yet). `offsetMinutes` puts a slot into its desk month (Asia/Shanghai: one constant, no daylight saving since 1991).
 */
export function appointmentFiguresFrom(
  db: Db,
  period: Bounds,
  now: string,
  offsetMinutes: number | null,
): Promise<AppointmentFigures[]> {
  const key =
    offsetMinutes === null
      ? sql<string>`''`
      : sql<string>`strftime('%Y-%m', a.starts_at, ${`${offsetMinutes >= 0 ? '+' : ''}${offsetMinutes} minutes`})`;
  return db
    .selectFrom('appointments as a')
    .where('a.starts_at', '>=', period.from)
    .where('a.starts_at', '<', period.before)
    .where('a.status', '!=', 'cancelled')
    .where((eb) => eb.or([eb('a.starts_at', '<=', now), eb('a.arrived_at', 'is not', null)]))
    .select([
      key.as('k'),
      sql<number>`count(*)`.as('booked'),
      sql<number>`coalesce(sum(CASE WHEN a.arrived_at IS NOT NULL THEN 1 ELSE 0 END), 0)`.as('arrived'),
    ])
    .groupBy('k')
    .execute();
}

/** Milliseconds of ended clockings per key and technician, by the day they started (reports.efficiency's rule). */
export async function clockedByTechnician(
  db: Db,
  days: Days,
  byMonth: boolean,
): Promise<{ k: string; technician_id: number; clocked_ms: number }[]> {
  const full = byMonth ? fullMonths(days) : null;
  if (!full) return clockedDays(db, days, byMonth);
  // A trend: its whole months from report_clocking_months (migration 0028), a part month at either end from the day
  // rows; added up per month and technician before anything is rounded, as one grouped statement would.
  const rows = [
    ...(full.head ? await clockedDays(db, full.head, true) : []),
    ...(
      await sql<{ k: string; technician_id: number; clocked_ms: number }>`
      SELECT month AS k, technician_id, clocked_ms FROM report_clocking_months
      WHERE month >= ${full.from} AND month <= ${full.to}
    `.execute(db)
    ).rows,
    ...(full.tail ? await clockedDays(db, full.tail, true) : []),
  ];
  const sums = new Map<string, { k: string; technician_id: number; clocked_ms: number }>();
  for (const row of rows) {
    const key = `${row.k}\u0000${row.technician_id}`;
    const entry = sums.get(key);
    if (entry) entry.clocked_ms += Number(row.clocked_ms);
    else sums.set(key, { k: row.k, technician_id: row.technician_id, clocked_ms: Number(row.clocked_ms) });
  }
  // In the order the grouped statement gave them (month, then technician).
  return [...sums.values()].sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.technician_id - b.technician_id));
}

function clockedDays(db: Db, days: Days, byMonth: boolean) {
  return db
    .selectFrom('report_clocking_days as s')
    .where('s.day', '>=', days.from)
    .where('s.day', '<=', days.to)
    .select([bucket('s.day', byMonth).as('k'), 's.technician_id', sum('s.clocked_ms').as('clocked_ms')])
    .groupBy(['k', 's.technician_id'])
    .execute();
}

/**
 * The whole months inside `days` ('YYYY-MM', both included) and the days before and after them; null when no month
 * is whole.
 */
function fullMonths(days: Days): { from: string; to: string; head: Days | null; tail: Days | null } | null {
  const from = days.from.endsWith('-01') ? days.from.slice(0, 7) : shiftMonth(days.from.slice(0, 7), 1);
  const to = monthDays(days.to.slice(0, 7)).to === days.to ? days.to.slice(0, 7) : shiftMonth(days.to.slice(0, 7), -1);
  if (from > to) return null;
  return {
    from,
    to,
    head: days.from.endsWith('-01') ? null : { from: days.from, to: monthDays(days.from.slice(0, 7)).to },
    tail: monthDays(days.to.slice(0, 7)).to === days.to ? null : { from: `${days.to.slice(0, 7)}-01`, to: days.to },
  };
}

/**
 * The lapsed rate's counts for each base month in from..to ('YYYY-MM'): vehicles seen in it, and of those the ones not
 * seen again within 6 months (report_visit_months counts the returns within LAPSED_MONTHS = 6: no visit in months
 * N − 5..N for N = base + 6).
 */
export function lapsedCounts(db: Db, baseMonths: { from: string; to: string }) {
  return db
    .selectFrom('report_visit_months as m')
    .where('m.month', '>=', baseMonths.from)
    .where('m.month', '<=', baseMonths.to)
    .select(['m.month', 'm.vehicles as base', sql<number>`m.vehicles - m.returned`.as('lapsed')])
    .execute();
}

/**
 * A link that counts against its earlier job inside the window: workshop/comebacks/repository's linkInsideWindow (not marked
 * "not a quality issue", the later RO not cancelled, within the days, and within the km unless a mileage is unknown)
 * on the link rows of migration 0025 (report_comeback_links), so the figures read one index, not the ROs.
 */
function insideWindow(window: { days: number; km: number }): Expression<SqlBool> {
  return sql<SqlBool>`(cl.counting = 1 AND cl.days_after <= ${window.days} AND (cl.km_after IS NULL OR cl.km_after <= ${window.km}))`;
}

/**
 * First-time fix: per key, the approved jobs delivered in the days that came back (a counting link names them as the
 * earlier job), and of them those delivered on or after `recentFrom`.
 */
export function comebackJobs(db: Db, days: Days, byMonth: boolean, recentFrom: string, window: { days: number; km: number }) {
  return db
    .selectFrom('report_comeback_links as cl')
    .where('cl.earlier_day', '>=', days.from)
    .where('cl.earlier_day', '<=', days.to)
    .where('cl.earlier_approved', '=', 1)
    .where(insideWindow(window))
    .select([
      bucket('cl.earlier_day', byMonth).as('k'),
      sql<number>`count(DISTINCT cl.earlier_job_id)`.as('with_comeback'),
      sql<number>`count(DISTINCT CASE WHEN cl.earlier_day >= ${recentFrom} THEN cl.earlier_job_id END)`.as(
        'recent_with_comeback',
      ),
    ])
    .groupBy('k')
    .execute();
}

/** Comeback rate: per key, the ROs delivered in the days that are a counting comeback of an earlier delivery. */
export function comebackRos(db: Db, days: Days, byMonth: boolean, window: { days: number; km: number }) {
  return db
    .selectFrom('report_comeback_links as cl')
    .where('cl.later_day', '>=', days.from)
    .where('cl.later_day', '<=', days.to)
    .where(insideWindow(window))
    .select([bucket('cl.later_day', byMonth).as('k'), sql<number>`count(DISTINCT cl.later_repair_order_id)`.as('ros')])
    .groupBy('k')
    .execute();
}

/** Never a complaint being handled: a survey's draft not (yet) confirmed, or one dismissed. */
const NEVER_HANDLED: ComplaintStatus[] = ['draft', 'dismissed'];
/** Not counted in the two-week closure rate (complaints.closureRate). */
export const NOT_IN_CLOSURE_RATE: ComplaintStatus[] = ['invalid', ...NEVER_HANDLED];

export interface ClosureWindow {
  k: string;
  /** Complaints created in [createdFrom, createdBefore), reckoned at asOf; open ones older than twoWeeksBefore count. */
  createdFrom: string;
  createdBefore: string;
  asOf: string;
  twoWeeksBefore: string;
}

/**
 * The two-week closure rate's counts (complaints.closureRate's rule) of several creation periods in one statement:
 * closed by asOf; open at asOf and created more than 14 days before it; open and younger. Each period is one range of
 * complaints_created.
 */
export async function closureCounts(db: Db, windows: ClosureWindow[]) {
  if (windows.length === 0) return [];
  const rows = sql.join(windows.map((w) => sql`(${w.k}, ${w.createdFrom}, ${w.createdBefore}, ${w.asOf}, ${w.twoWeeksBefore})`));
  const closed = sql`(c.status = 'closed' AND c.closed_at <= w.as_of)`;
  const result = await sql<{ k: string; closed: number; open_over: number; open_under: number }>`
    WITH w (k, created_from, created_before, as_of, two_weeks_before) AS (VALUES ${rows})
    SELECT w.k,
      coalesce(sum(CASE WHEN ${closed} THEN 1 ELSE 0 END), 0) AS closed,
      coalesce(sum(CASE WHEN NOT ${closed} AND c.created_at < w.two_weeks_before THEN 1 ELSE 0 END), 0) AS open_over,
      coalesce(sum(CASE WHEN NOT ${closed} AND c.created_at >= w.two_weeks_before THEN 1 ELSE 0 END), 0) AS open_under
    FROM w JOIN complaints c ON c.created_at >= w.created_from AND c.created_at < w.created_before AND c.created_at <= w.as_of
    WHERE c.status NOT IN (${sql.join(NOT_IN_CLOSURE_RATE)})
    GROUP BY w.k`.execute(db);
  return result.rows;
}

/** Open at `asOf`: created by then and not closed (step 8 or judged invalid) by then; drafts never count. */
export function openAt(asOf: string) {
  return sql<SqlBool>`(c.status NOT IN (${sql.join(NEVER_HANDLED)}) AND c.created_at <= ${asOf} AND (c.closed_at IS NULL OR c.closed_at > ${asOf}))`;
}

/** Overdue at `asOf`: open then, no first response by then, and past its first-response due time. */
export function overdueAt(asOf: string) {
  return sql<SqlBool>`(${openAt(asOf)} AND (c.first_response_at IS NULL OR c.first_response_at > ${asOf}) AND c.response_due_at < ${asOf})`;
}

/**
 * The complaints that may be open at `asOf`: not closed, or closed after it. Each part reads report_complaints_closed
 * (migration 0025), so the count is of the few open at the time, not of every complaint ever recorded; as one
 * `closed_at IS NULL OR closed_at > asOf` SQLite would walk complaints_created instead.
 */
function notClosedBy(db: Db, asOf: string) {
  const part = (closed: Expression<SqlBool>) =>
    db
      .selectFrom('complaints as c')
      .where(closed)
      .where('c.created_at', '<=', asOf)
      .select([
        sql<number>`CASE WHEN ${openAt(asOf)} THEN 1 ELSE 0 END`.as('is_open'),
        sql<number>`CASE WHEN ${overdueAt(asOf)} THEN 1 ELSE 0 END`.as('is_overdue'),
        'c.created_at',
      ]);
  return part(sql<SqlBool>`c.closed_at IS NULL`).unionAll(part(sql<SqlBool>`c.closed_at > ${asOf}`));
}

/** Complaints open and overdue at `asOf`. */
export async function complaintCounts(db: Db, asOf: string): Promise<{ open: number; overdue: number }> {
  const row = await db
    .selectFrom(notClosedBy(db, asOf).as('parts'))
    .select([
      sql<number>`coalesce(sum(parts.is_open), 0)`.as('open'),
      sql<number>`coalesce(sum(parts.is_overdue), 0)`.as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), overdue: Number(row.overdue) };
}

/** When the oldest complaint open at `asOf` was created (null: none open): where a list of the open ones starts. */
export async function oldestOpenAt(db: Db, asOf: string): Promise<string | null> {
  const row = await db
    .selectFrom(notClosedBy(db, asOf).as('parts'))
    .where('parts.is_open', '=', 1)
    .select((eb) => eb.fn.min('parts.created_at').as('at'))
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}
