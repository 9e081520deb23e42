import { sql, type Expression, type SqlBool } from 'kysely';
import type { ComplaintStatus } from '../../../../shared/domain/complaints';
import type { CsiFactor } from '../../../../shared/domain/csi';
import type { Db } from '../../db/connection';
import type { PeriodBounds } from '../../followup/surveys/repository';

/**
 * The monthly CSI report's own reads. Figures come from the summary rows of migration 0025 (report_csi_days and
 * report_csi_factor_days: the totals are one row per desk day and template version [and factor]), so a 12- or
 * 24-month trend is one range read per table; lists are pages read in the order of an index.
 */

/** Desk days 'YYYY-MM-DD', both included. */
export interface Days {
  from: string;
  to: string;
}

/** The rows every response counts in once (person 0). */
const TOTALS = 'all';

function bucket(byMonth: boolean) {
  return byMonth ? sql<string>`substr(s.day, 1, 7)` : sql<string>`''`;
}

export interface CsiCountRow {
  k: string;
  template_id: number;
  responses: number;
  csi_responses: number;
  dissatisfied: number;
  answers: number;
  recommend: number;
  promoters: number;
  detractors: number;
  verbatims: number;
}

/** Per key ('' or month) and template version: the counts followup.csi reports, and the responses with a factor answer. */
export function csiCounts(db: Db, days: Days, byMonth: boolean): Promise<CsiCountRow[]> {
  return db
    .selectFrom('report_csi_days as s')
    .where('s.kind', '=', TOTALS)
    .where('s.day', '>=', days.from)
    .where('s.day', '<=', days.to)
    .select([
      bucket(byMonth).as('k'),
      's.template_id',
      sql<number>`sum(s.responses)`.as('responses'),
      sql<number>`sum(s.csi_responses)`.as('csi_responses'),
      sql<number>`sum(s.dissatisfied)`.as('dissatisfied'),
      sql<number>`sum(s.answers)`.as('answers'),
      sql<number>`sum(s.recommend)`.as('recommend'),
      sql<number>`sum(s.promoters)`.as('promoters'),
      sql<number>`sum(s.detractors)`.as('detractors'),
      sql<number>`sum(s.verbatims)`.as('verbatims'),
    ])
    .groupBy(['k', 's.template_id'])
    .having(sql`sum(s.responses)`, '>', 0)
    .execute();
}

export interface CsiFactorRow {
  k: string;
  template_id: number;
  factor: CsiFactor;
  answers: number;
  value_sum: number;
}

/** Per key and template version: each factor's 1-10 answers and their sum (the mean is sum ÷ answers). */
export function csiFactors(db: Db, days: Days, byMonth: boolean): Promise<CsiFactorRow[]> {
  return db
    .selectFrom('report_csi_factor_days as s')
    .where('s.kind', '=', TOTALS)
    .where('s.day', '>=', days.from)
    .where('s.day', '<=', days.to)
    .select([
      bucket(byMonth).as('k'),
      's.template_id',
      's.factor',
      sql<number>`sum(s.answers)`.as('answers'),
      sql<number>`sum(s.value_sum)`.as('value_sum'),
    ])
    .groupBy(['k', 's.template_id', 's.factor'])
    .having(sql`sum(s.answers)`, '>', 0)
    .execute();
}

const FIRST: ComplaintStatus[] = ['draft', 'open'];
type Statuses = { in: ComplaintStatus[] } | { notIn: ComplaintStatus[] };

/**
 * Complaints of the month in `statuses` (or not in them): created before it ends and not closed before it starts, so
 * created in the month or open at some time in it; from `since` on when given.
 */
function monthComplaints(db: Db, period: PeriodBounds, statuses: Statuses, since?: string) {
  let query = db
    .selectFrom('complaints as c')
    .where('c.status', 'in' in statuses ? 'in' : 'not in', 'in' in statuses ? statuses.in : statuses.notIn)
    .where('c.created_at', '<', period.before)
    .where((eb) => eb.or([eb('c.closed_at', 'is', null), eb('c.closed_at', '>=', period.from)]));
  if (since !== undefined) query = query.where('c.created_at', '>=', since);
  return query;
}

/**
 * When the oldest of the month's complaints that are not drafts or open was created (null: none), read through
 * report_complaints_closed (those closed since the month began, and any without a closing time): lists and counts of
 * them walk complaints_created from there, not from the first complaint ever recorded.
 */
export async function othersSince(db: Db, period: PeriodBounds): Promise<string | null> {
  const part = (closed: Expression<SqlBool>) =>
    db
      .selectFrom('complaints as c')
      .where(closed)
      .where('c.created_at', '<', period.before)
      .where('c.status', 'not in', FIRST)
      .select('c.created_at');
  const row = await db
    .selectFrom(
      part(sql<SqlBool>`c.closed_at >= ${period.from}`)
        .unionAll(part(sql<SqlBool>`c.closed_at IS NULL`))
        .as('parts'),
    )
    .select((eb) => eb.fn.min('parts.created_at').as('at'))
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

/** How many complaints of the month are drafts or open (listed first), and how many are not (from `since` on). */
export async function complaintCounts(
  db: Db,
  period: PeriodBounds,
  since: string | null,
): Promise<{ first: number; others: number }> {
  const count = async (statuses: Statuses, from?: string) => {
    const row = await monthComplaints(db, period, statuses, from)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return { first: await count({ in: FIRST }), others: since === null ? 0 : await count({ notIn: FIRST }, since) };
}

function pageColumns(db: Db, period: PeriodBounds, statuses: Statuses, since?: string) {
  return (
    monthComplaints(db, period, statuses, since)
      .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
      .leftJoin('repair_orders as ro', 'ro.id', 'c.repair_order_id')
      // Named, so the merged page's ORDER BY can name them (a compound SELECT orders by result columns).
      .select([
        'c.id as id',
        'c.number',
        'c.level',
        'c.status',
        'c.customer_says',
        'c.created_at as created_at',
        'c.response_due_at',
        'c.first_response_at',
        'c.closed_at',
        'cu.name as customer_name',
        'ro.number as repair_order_number',
      ])
  );
}

/**
 * A page of the month's drafts and open complaints (`first`), newest first: each status read backwards along
 * complaints_status_created and the two merged as they are read (no sort of the month's complaints).
 */
export function firstComplaintPage(db: Db, period: PeriodBounds, offset: number, limit: number) {
  return pageColumns(db, period, { in: [FIRST[0]!] })
    .unionAll(pageColumns(db, period, { in: [FIRST[1]!] }))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute();
}

/**
 * A page of the month's other complaints (closed, judged invalid, dismissed), newest first, along complaints_created
 * back to `since` (othersSince).
 */
export function otherComplaintPage(db: Db, period: PeriodBounds, since: string, offset: number, limit: number) {
  return pageColumns(db, period, { notIn: FIRST }, since)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute();
}
