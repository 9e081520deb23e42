import { sql, type SqlBool } from 'kysely';
import type { ComplaintLevel, ComplaintStatus } from '../../../../shared/domain/complaints';
import type { Db } from '../../db/connection';
import { type Bounds, NOT_IN_CLOSURE_RATE, openAt, overdueAt } from './repository';

// The drill-down pages of the KPI dashboard: the ROs and complaints behind a figure, a page at a time (one row more
// than asked).

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

/** The columns of a drill-down row for an RO `r` with its facts row `f`; `readyAt` only where the page shows it. */
function roPage(db: Db, readyAt: boolean) {
  return db
    .selectFrom('report_ro_facts as f')
    .innerJoin('repair_orders as r', 'r.id', 'f.repair_order_id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .innerJoin('customers as cu', 'cu.id', 'r.customer_id')
    .innerJoin('users as adv', 'adv.id', 'r.advisor_id')
    .select((eb) => [
      'r.id as ro_id',
      'r.number',
      'v.plate',
      'cu.name as customer_name',
      'adv.display_name as advisor_name',
      'r.opened_at',
      'f.delivered_at',
      'r.promised_at',
      readyAt
        ? eb
            .selectFrom('repair_order_status_history as h')
            .select((h) => h.fn.max('h.changed_at').as('at'))
            .whereRef('h.repair_order_id', '=', 'r.id')
            // The unary + keeps SQLite on the RO's own history (repair_order_status_history_order).
            .where(sql<SqlBool>`+h.to_status = 'ready'`)
            .whereRef('h.changed_at', '<=', 'f.delivered_at')
            .$castTo<string | null>()
            .as('ready_at')
        : sql<string | null>`NULL`.as('ready_at'),
      'f.total_fen',
      'f.sold_milli',
      'f.on_time',
      'f.from_appointment',
    ]);
}

/** Late (onTime 0) or on-time (1) deliveries of the period, latest first (report_ro_facts_on_time). */
export function deliveredPageByOnTime(
  db: Db,
  period: Bounds,
  onTime: 0 | 1,
  page: { offset: number; limit: number },
): Promise<RoPageRow[]> {
  return roPage(db, true)
    .where('f.on_time', '=', onTime)
    .where('f.delivered_at', '>=', period.from)
    .where('f.delivered_at', '<', period.before)
    .orderBy('f.delivered_at', 'desc')
    .orderBy('f.repair_order_id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

/** The ROs delivered in the period, latest delivery first (repair_order_deliveries_at), one row more than asked. */
export function deliveredPage(db: Db, period: Bounds, page: { offset: number; limit: number }): Promise<RoPageRow[]> {
  return roPage(db, true)
    .innerJoin('repair_order_deliveries as d', 'd.repair_order_id', 'f.repair_order_id')
    .where('d.delivered_at', '>=', period.from)
    .where('d.delivered_at', '<', period.before)
    .orderBy('d.delivered_at', 'desc')
    .orderBy('d.repair_order_id', 'desc')
    .offset(page.offset)
    .limit(page.limit + 1)
    .execute();
}

/** ROs by id with the same columns (drill-downs that chose their ROs elsewhere), in the order of `ids`. */
export async function rosByIds(db: Db, ids: number[]): Promise<RoPageRow[]> {
  if (ids.length === 0) return [];
  const rows = await roPage(db, false).where('f.repair_order_id', 'in', ids).execute();
  const byId = new Map(rows.map((row) => [row.ro_id, { ...row, on_time: 0 }]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}

/** The ROs opened in the period from an appointment, latest first (repair_orders_opened). */
export function fromAppointmentPage(db: Db, period: Bounds, page: { offset: number; limit: number }) {
  return db
    .selectFrom('repair_orders as r')
    .innerJoin('report_ro_facts as f', 'f.repair_order_id', 'r.id')
    .where('r.opened_at', '>=', period.from)
    .where('r.opened_at', '<', period.before)
    .where('f.opened_day', 'is not', null)
    .where('f.from_appointment', '=', 1)
    .select(['r.id as ro_id', 'r.opened_at'])
    .orderBy('r.opened_at', 'desc')
    .orderBy('r.id', 'desc')
    .offset(page.offset)
    .limit(page.limit + 1)
    .execute();
}

export interface ComplaintPageRow {
  id: number;
  number: string;
  level: ComplaintLevel;
  status: ComplaintStatus;
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
    /** Open and overdue: the oldest open complaint's creation (oldestOpenAt), so the walk starts there. */
    openSince?: string;
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
  if (args.openSince !== undefined) query = query.where('c.created_at', '>=', args.openSince);
  if (args.which === 'closureCounted') {
    const closedAsOf = sql<SqlBool>`(c.status = 'closed' AND c.closed_at <= ${args.asOf})`;
    query = query
      .where('c.status', 'not in', NOT_IN_CLOSURE_RATE)
      .where(sql<SqlBool>`(${closedAsOf} OR c.created_at < ${args.twoWeeksBefore ?? args.asOf})`);
    if (args.created)
      query = query.where('c.created_at', '>=', args.created.from).where('c.created_at', '<', args.created.before);
  }
  return query
    .orderBy('c.created_at')
    .orderBy('c.id')
    .offset(args.offset)
    .limit(args.limit + 1)
    .execute();
}
