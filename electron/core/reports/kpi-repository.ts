import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/connection';

/**
 * The KPI dashboard's own figures (DOMAIN.md "KPIs"), aggregated in SQL. Each aggregate groups either into one row
 * (key '') or by desk month (key 'YYYY-MM') for the trend. Indexes read: repair_order_deliveries_at (delivered in a
 * period), repair_order_status_history_order and repair_order_lines_order (per delivered RO), repair_orders_opened
 * and appointments_repair_order (ROs opened, from an appointment), appointments_starts (booked), complaints_created.
 */

/** A period as UTC instants: at or after `from`, before `before`. */
export interface Bounds {
  from: string;
  before: string;
}

/**
 * The desk month of a stored UTC instant, in SQL: Asia/Shanghai has kept UTC+8 without daylight saving since 1991,
 * so the shift is one constant (`offsetMinutes`, computed by the service from the desk zone).
 */
function bucket(column: string, offsetMinutes: number | null) {
  if (offsetMinutes === null) return sql<string>`''`;
  return sql<string>`strftime('%Y-%m', ${sql.ref(column)}, ${`${offsetMinutes >= 0 ? '+' : ''}${offsetMinutes} minutes`})`;
}

/** Not a visit and not a workshop figure: a cancelled RO. */
const CANCELLED = 'cancelled';

/** ROs delivered in the period (repair_order_deliveries, one per RO) with the values the figures read from each. */
function deliveredRos(db: Db, period: Bounds) {
  return db
    .selectFrom('repair_order_deliveries as d')
    .innerJoin('repair_orders as r', 'r.id', 'd.repair_order_id')
    .where('d.delivered_at', '>=', period.from)
    .where('d.delivered_at', '<', period.before)
    .select((eb) => [
      'r.id as ro_id',
      'd.delivered_at',
      'r.promised_at',
      eb
        .selectFrom('repair_order_status_history as h')
        .select((h) => h.fn.max('h.changed_at').as('at'))
        .whereRef('h.repair_order_id', '=', 'r.id')
        // The unary + keeps SQLite on the RO's own history (repair_order_status_history_order) instead of every
        // "ready" of the table before the delivery (repair_order_status_history_to_status), which it would pick.
        .where(sql<SqlBool>`+h.to_status = 'ready'`)
        .whereRef('h.changed_at', '<=', 'd.delivered_at')
        .as('ready_at'),
      eb
        .selectFrom('repair_order_lines as l')
        .innerJoin('repair_order_jobs as j', 'j.id', 'l.job_id')
        .select(sql<number>`coalesce(sum(l.total_fen), 0)`.as('fen'))
        .whereRef('l.repair_order_id', '=', 'r.id')
        .where('j.authorization_state', '!=', 'declined')
        .as('total_fen'),
      eb
        .selectFrom('repair_order_lines as l')
        .innerJoin('repair_order_jobs as j', 'j.id', 'l.job_id')
        .select(sql<number>`coalesce(sum(l.qty_milli), 0)`.as('milli'))
        .whereRef('l.repair_order_id', '=', 'r.id')
        .where('l.kind', '=', 'labor')
        .where('j.authorization_state', '!=', 'declined')
        .as('sold_milli'),
    ]);
}

/** Ready (the last time before delivery) at or before the promised time; no promise or no ready: not on time. */
function onTime(readyAt: string, promisedAt: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(promisedAt)} IS NOT NULL AND ${sql.ref(readyAt)} IS NOT NULL AND ${sql.ref(readyAt)} <= ${sql.ref(promisedAt)})`;
}

export interface DeliveredFigures {
  k: string;
  ros: number;
  on_time: number;
  total_fen: number;
  sold_milli: number;
}

/** Per bucket: ROs delivered, of them on time, their total (fen) and flat-rate hours (thousandths). */
export function deliveredFigures(db: Db, period: Bounds, offsetMinutes: number | null): Promise<DeliveredFigures[]> {
  return db
    .selectFrom(deliveredRos(db, period).as('x'))
    .select([
      bucket('x.delivered_at', offsetMinutes).as('k'),
      sql<number>`count(*)`.as('ros'),
      sql<number>`coalesce(sum(CASE WHEN ${onTime('x.ready_at', 'x.promised_at')} THEN 1 ELSE 0 END), 0)`.as('on_time'),
      sql<number>`coalesce(sum(x.total_fen), 0)`.as('total_fen'),
      sql<number>`coalesce(sum(x.sold_milli), 0)`.as('sold_milli'),
    ])
    .groupBy('k')
    .execute();
}

/** ROs opened in the period, not cancelled, each with whether an appointment was turned into it. */
function openedRos(db: Db, period: Bounds) {
  return db
    .selectFrom('repair_orders as r')
    .where('r.opened_at', '>=', period.from)
    .where('r.opened_at', '<', period.before)
    .where('r.status', '!=', CANCELLED)
    .select((eb) => [
      'r.id as ro_id',
      'r.opened_at',
      eb
        .exists(eb.selectFrom('appointments as a').select('a.id').whereRef('a.repair_order_id', '=', 'r.id'))
        .$castTo<number>()
        .as('from_appointment'),
    ]);
}

export interface OpenedFigures {
  k: string;
  ros: number;
  from_appointment: number;
}

export function openedFigures(db: Db, period: Bounds, offsetMinutes: number | null): Promise<OpenedFigures[]> {
  return db
    .selectFrom(openedRos(db, period).as('x'))
    .select([
      bucket('x.opened_at', offsetMinutes).as('k'),
      sql<number>`count(*)`.as('ros'),
      sql<number>`coalesce(sum(x.from_appointment), 0)`.as('from_appointment'),
    ])
    .groupBy('k')
    .execute();
}

export interface AppointmentFigures {
  k: string;
  booked: number;
  arrived: number;
}

/**
 * Show rate per bucket of the slot's start: booked = appointments for the period not cancelled whose slot has begun by
 * `now` or that arrived already (a future slot cannot have been missed yet); arrived = those the customer came for.
 */
export function appointmentFigures(db: Db, period: Bounds, now: string, offsetMinutes: number | null): Promise<AppointmentFigures[]> {
  return db
    .selectFrom('appointments as a')
    .where('a.starts_at', '>=', period.from)
    .where('a.starts_at', '<', period.before)
    .where('a.status', '!=', 'cancelled')
    .where((eb) => eb.or([eb('a.starts_at', '<=', now), eb('a.arrived_at', 'is not', null)]))
    .select([
      bucket('a.starts_at', offsetMinutes).as('k'),
      sql<number>`count(*)`.as('booked'),
      sql<number>`coalesce(sum(CASE WHEN a.arrived_at IS NOT NULL THEN 1 ELSE 0 END), 0)`.as('arrived'),
    ])
    .groupBy('k')
    .execute();
}

/** Never a complaint being handled: a survey's draft not (yet) confirmed, or one dismissed. */
const NEVER_HANDLED = ['draft', 'dismissed'];
/** Not counted in the two-week closure rate (complaints.closureRate). */
const NOT_IN_CLOSURE_RATE = ['invalid', ...NEVER_HANDLED];

/** Open at `asOf`: created by then and not closed (step 8 or judged invalid) by then; drafts never count. */
function openAt(asOf: string) {
  return sql<SqlBool>`(c.status NOT IN (${sql.join(NEVER_HANDLED)}) AND c.created_at <= ${asOf} AND (c.closed_at IS NULL OR c.closed_at > ${asOf}))`;
}

/** Overdue at `asOf`: open then, no first response by then, and past its first-response due time. */
function overdueAt(asOf: string) {
  return sql<SqlBool>`(${openAt(asOf)} AND (c.first_response_at IS NULL OR c.first_response_at > ${asOf}) AND c.response_due_at < ${asOf})`;
}

/** Complaints open and overdue at `asOf` (the table is small: hundreds a year). */
export async function complaintCounts(db: Db, asOf: string): Promise<{ open: number; overdue: number }> {
  const row = await db
    .selectFrom('complaints as c')
    .where('c.created_at', '<=', asOf)
    .select([
      sql<number>`coalesce(sum(CASE WHEN ${openAt(asOf)} THEN 1 ELSE 0 END), 0)`.as('open'),
      sql<number>`coalesce(sum(CASE WHEN ${overdueAt(asOf)} THEN 1 ELSE 0 END), 0)`.as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), overdue: Number(row.overdue) };
}

// ---- drill-down pages (one row more than asked) ----

export interface RoPageRow {
  ro_id: number;
  number: string;
  plate: string;
  customer_name: string;
  advisor_name: string;
  opened_at: string;
  delivered_at: string | null;
  promised_at: string | null;
  ready_at: string | null;
  total_fen: number | null;
  sold_milli: number | null;
  on_time: number;
  from_appointment: number;
}

/** The ROs delivered in the period; late ones first when `lateFirst`, then the latest delivery first. */
export function deliveredPage(db: Db, period: Bounds, args: { lateFirst: boolean; offset: number; limit: number }): Promise<RoPageRow[]> {
  let query = db
    .selectFrom(deliveredRos(db, period).as('x'))
    .innerJoin('repair_orders as r', 'r.id', 'x.ro_id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .innerJoin('customers as cu', 'cu.id', 'r.customer_id')
    .innerJoin('users as adv', 'adv.id', 'r.advisor_id')
    .select((eb) => [
      'x.ro_id',
      'r.number',
      'v.plate',
      'cu.name as customer_name',
      'adv.display_name as advisor_name',
      'r.opened_at',
      'x.delivered_at',
      'x.promised_at',
      'x.ready_at',
      'x.total_fen',
      'x.sold_milli',
      sql<number>`CASE WHEN ${onTime('x.ready_at', 'x.promised_at')} THEN 1 ELSE 0 END`.as('on_time'),
      eb
        .exists(eb.selectFrom('appointments as a').select('a.id').whereRef('a.repair_order_id', '=', 'r.id'))
        .$castTo<number>()
        .as('from_appointment'),
    ]);
  if (args.lateFirst) query = query.orderBy('on_time');
  return query.orderBy('x.delivered_at', 'desc').orderBy('x.ro_id', 'desc').offset(args.offset).limit(args.limit + 1).execute();
}

/** ROs by id with the same columns (drill-downs that chose their ROs elsewhere), in the order of `ids`. */
export async function rosByIds(db: Db, ids: number[]): Promise<RoPageRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('repair_orders as r')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .innerJoin('customers as cu', 'cu.id', 'r.customer_id')
    .innerJoin('users as adv', 'adv.id', 'r.advisor_id')
    .leftJoin('repair_order_deliveries as d', 'd.repair_order_id', 'r.id')
    .where('r.id', 'in', ids)
    .select((eb) => [
      'r.id as ro_id',
      'r.number',
      'v.plate',
      'cu.name as customer_name',
      'adv.display_name as advisor_name',
      'r.opened_at',
      'd.delivered_at',
      'r.promised_at',
      sql<string | null>`NULL`.as('ready_at'),
      eb
        .selectFrom('repair_order_lines as l')
        .innerJoin('repair_order_jobs as j', 'j.id', 'l.job_id')
        .select(sql<number>`coalesce(sum(l.total_fen), 0)`.as('fen'))
        .whereRef('l.repair_order_id', '=', 'r.id')
        .where('j.authorization_state', '!=', 'declined')
        .as('total_fen'),
      eb
        .selectFrom('repair_order_lines as l')
        .innerJoin('repair_order_jobs as j', 'j.id', 'l.job_id')
        .select(sql<number>`coalesce(sum(l.qty_milli), 0)`.as('milli'))
        .whereRef('l.repair_order_id', '=', 'r.id')
        .where('l.kind', '=', 'labor')
        .where('j.authorization_state', '!=', 'declined')
        .as('sold_milli'),
      sql<number>`0`.as('on_time'),
      eb
        .exists(eb.selectFrom('appointments as a').select('a.id').whereRef('a.repair_order_id', '=', 'r.id'))
        .$castTo<number>()
        .as('from_appointment'),
    ])
    .execute();
  const byId = new Map(rows.map((row) => [row.ro_id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}

/** The ROs opened in the period from an appointment, latest first. */
export function fromAppointmentPage(db: Db, period: Bounds, page: { offset: number; limit: number }) {
  return db
    .selectFrom(openedRos(db, period).as('x'))
    .where('x.from_appointment', '=', 1)
    .select(['x.ro_id', 'x.opened_at'])
    .orderBy('x.opened_at', 'desc')
    .orderBy('x.ro_id', 'desc')
    .offset(page.offset)
    .limit(page.limit + 1)
    .execute();
}

export interface ComplaintPageRow {
  id: number;
  number: string;
  level: string;
  status: string;
  customer_name: string;
  plate: string | null;
  repair_order_id: number | null;
  repair_order_number: string | null;
  created_at: string;
  response_due_at: string;
  first_response_at: string | null;
  closed_at: string | null;
  is_overdue: number;
}

/**
 * Complaints behind a figure, oldest first: open (or overdue) at `asOf`; or those counted in the two-week closure
 * rate (complaints.closureRate's rule: created in the creation range by asOf, not invalid, closed by asOf or open for
 * more than 14 days).
 */
export function complaintPage(
  db: Db,
  args: {
    asOf: string;
    which: 'open' | 'overdue' | 'closureCounted';
    created?: Bounds;
    twoWeeksBefore?: string;
    offset: number;
    limit: number;
  },
): Promise<ComplaintPageRow[]> {
  let query = db
    .selectFrom('complaints as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .leftJoin('vehicles as v', 'v.id', 'c.vehicle_id')
    .leftJoin('repair_orders as ro', 'ro.id', 'c.repair_order_id')
    .select([
      'c.id',
      'c.number',
      'c.level',
      'c.status',
      'cu.name as customer_name',
      'v.plate',
      'c.repair_order_id',
      'ro.number as repair_order_number',
      'c.created_at',
      'c.response_due_at',
      'c.first_response_at',
      'c.closed_at',
      sql<number>`CASE WHEN ${overdueAt(args.asOf)} THEN 1 ELSE 0 END`.as('is_overdue'),
    ])
    .where('c.created_at', '<=', args.asOf);
  if (args.which === 'open') query = query.where(openAt(args.asOf));
  if (args.which === 'overdue') query = query.where(overdueAt(args.asOf));
  if (args.which === 'closureCounted') {
    const closedAsOf = sql<SqlBool>`(c.status = 'closed' AND c.closed_at <= ${args.asOf})`;
    query = query
      .where('c.status', 'not in', NOT_IN_CLOSURE_RATE)
      .where(sql<SqlBool>`(${closedAsOf} OR c.created_at < ${args.twoWeeksBefore ?? args.asOf})`);
    if (args.created) query = query.where('c.created_at', '>=', args.created.from).where('c.created_at', '<', args.created.before);
  }
  return query.orderBy('c.created_at').orderBy('c.id').offset(args.offset).limit(args.limit + 1).execute();
}
