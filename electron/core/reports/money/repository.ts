import { sql, type RawBuilder } from 'kysely';
import type { RoPayer } from '../../../../shared/contract/repair-orders';
import type { Db } from '../../db/connection';

// The money reports' queries (docs/domain.md "Money reports"). Every one starts from the deliveries of the period
// (repair_order_deliveries_at, a range of the index) and reaches an RO's jobs, lines and ledger rows through their
// RO's own index: a month of a ten-year file reads that month's ROs, never the history. CROSS JOIN keeps SQLite on
// that order (the deliveries first): with a condition on the lines alone it could walk every part line instead.

/** A period as UTC instants: deliveries at or after `from` and before `before`. */
export interface Bounds {
  from: string;
  before: string;
}

/** Tax-excluded amount of a line: its total less its VAT (inside or added on top). */
const EX_TAX = sql`(l.total_fen - l.tax_fen)`;

/** The jobs that count: not declined (as the KPIs' ARO). */
const JOB_COUNTS = sql`j.authorization_state <> 'declined'`;

export interface RevenueRow {
  ro_id: number;
  day: string;
  advisor_id: number;
  payer: RoPayer;
  technician_id: number;
  kind: string;
  ex_fen: number;
  sold_milli: number;
}

/** Per delivered RO of the period and payer, technician (0 for none) and line kind: tax-excluded sales, hours sold. */
export async function revenueRows(db: Db, b: Bounds): Promise<RevenueRow[]> {
  const result = await sql<RevenueRow>`
    SELECT d.repair_order_id AS ro_id, date(d.delivered_at, '+8 hours') AS day, r.advisor_id AS advisor_id, j.payer AS payer,
           coalesce(j.technician_id, 0) AS technician_id, l.kind AS kind, sum(${EX_TAX}) AS ex_fen,
           sum(CASE WHEN l.kind = 'labor' THEN l.qty_milli ELSE 0 END) AS sold_milli
      FROM repair_order_deliveries d
      CROSS JOIN repair_orders r ON r.id = d.repair_order_id
      CROSS JOIN repair_order_jobs j ON j.repair_order_id = d.repair_order_id AND ${JOB_COUNTS}
      CROSS JOIN repair_order_lines l ON l.job_id = j.id
     WHERE d.delivered_at >= ${b.from} AND d.delivered_at < ${b.before}
     GROUP BY d.repair_order_id, j.payer, j.technician_id, l.kind`.execute(db);
  return result.rows;
}

export interface RevenueTotalsRow {
  ros: number;
  labor_fen: number;
  parts_fen: number;
  other_fen: number;
  sold_milli: number;
}

/** The period's totals in one row (the comparison periods). */
export async function revenueTotals(db: Db, b: Bounds): Promise<RevenueTotalsRow> {
  const result = await sql<RevenueTotalsRow>`
    SELECT count(DISTINCT d.repair_order_id) AS ros,
           coalesce(sum(CASE WHEN l.kind = 'labor' THEN ${EX_TAX} END), 0) AS labor_fen,
           coalesce(sum(CASE WHEN l.kind = 'part' THEN ${EX_TAX} END), 0) AS parts_fen,
           coalesce(sum(CASE WHEN l.kind NOT IN ('labor', 'part') THEN ${EX_TAX} END), 0) AS other_fen,
           coalesce(sum(CASE WHEN l.kind = 'labor' THEN l.qty_milli END), 0) AS sold_milli
      FROM repair_order_deliveries d
      CROSS JOIN repair_order_jobs j ON j.repair_order_id = d.repair_order_id AND ${JOB_COUNTS}
      CROSS JOIN repair_order_lines l ON l.job_id = j.id
     WHERE d.delivered_at >= ${b.from} AND d.delivered_at < ${b.before}`.execute(db);
  return result.rows[0]!;
}

/** What the ledger took out for line `l` (issues less returns): its cost and its quantity, by the RO's own rows. */
const ISSUED_COST = sql`(SELECT coalesce(-sum(m.value_fen), 0) FROM stock_movements m
   WHERE m.repair_order_id = l.repair_order_id AND m.line_id = l.id AND m.kind IN ('issue', 'return'))`;
const ISSUED_QTY = sql`(SELECT coalesce(-sum(m.qty_milli), 0) FROM stock_movements m
   WHERE m.repair_order_id = l.repair_order_id AND m.line_id = l.id AND m.kind IN ('issue', 'return'))`;
/** The part group of line `l`: the brand of its part in the master. */
const PART_GROUP = sql`coalesce((SELECT p.brand FROM parts p WHERE p.part_number = l.code), '')`;

export interface MarginGroupRow {
  grp: string;
  sales_fen: number;
  cost_fen: number;
  lines: number;
  uncosted_sales_fen: number;
  uncosted_lines: number;
}

/** The period's part lines by part group: issued ones (sales, cost) and those never issued. */
export async function marginGroups(db: Db, b: Bounds): Promise<MarginGroupRow[]> {
  const result = await sql<MarginGroupRow>`
    SELECT grp,
           coalesce(sum(CASE WHEN qty > 0 THEN sales END), 0) AS sales_fen,
           coalesce(sum(CASE WHEN qty > 0 THEN cost END), 0) AS cost_fen,
           coalesce(sum(qty > 0), 0) AS lines,
           coalesce(sum(CASE WHEN qty > 0 THEN 0 ELSE sales END), 0) AS uncosted_sales_fen,
           coalesce(sum(qty <= 0), 0) AS uncosted_lines
      FROM (SELECT ${PART_GROUP} AS grp, ${EX_TAX} AS sales, ${ISSUED_COST} AS cost, ${ISSUED_QTY} AS qty
              FROM repair_order_deliveries d
              CROSS JOIN repair_order_jobs j ON j.repair_order_id = d.repair_order_id AND ${JOB_COUNTS}
              CROSS JOIN repair_order_lines l ON l.job_id = j.id AND +l.kind = 'part'
             WHERE d.delivered_at >= ${b.from} AND d.delivered_at < ${b.before})
     GROUP BY grp`.execute(db);
  return result.rows;
}

/** A slice of the period the ROs are listed for. */
export interface Slice {
  payer?: RoPayer;
  advisorId?: number;
  technicianId?: number;
  partGroup?: string;
}

/** The condition a line `l` of job `j` meets to be in the slice (a technician's is labor, a part group's parts). */
function lineInSlice(slice: Slice): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [JOB_COUNTS];
  if (slice.payer !== undefined) parts.push(sql`j.payer = ${slice.payer}`);
  if (slice.technicianId !== undefined) {
    parts.push(sql`l.kind = 'labor' AND coalesce(j.technician_id, 0) = ${slice.technicianId}`);
  }
  if (slice.partGroup !== undefined) parts.push(sql`l.kind = 'part' AND ${PART_GROUP} = ${slice.partGroup}`);
  return sql.join(parts, sql` AND `);
}

export interface RoPageRow {
  ro_id: number;
  number: string;
  plate: string;
  advisor_name: string;
  delivered_at: string;
}

/** A page of the period's ROs with a line in the slice, by delivery time (repair_order_deliveries_at). */
export async function roPage(
  db: Db,
  b: Bounds,
  slice: Slice,
  page: { offset: number; limit: number; ascending: boolean },
): Promise<RoPageRow[]> {
  const advisor = slice.advisorId !== undefined ? sql`AND r.advisor_id = ${slice.advisorId}` : sql``;
  const order = page.ascending ? sql`ASC` : sql`DESC`;
  const result = await sql<RoPageRow>`
    SELECT r.id AS ro_id, r.number AS number, v.plate AS plate, adv.display_name AS advisor_name, d.delivered_at AS delivered_at
      FROM repair_order_deliveries d
      CROSS JOIN repair_orders r ON r.id = d.repair_order_id
      JOIN vehicles v ON v.id = r.vehicle_id
      JOIN users adv ON adv.id = r.advisor_id
     WHERE d.delivered_at >= ${b.from} AND d.delivered_at < ${b.before} ${advisor}
       AND EXISTS (SELECT 1 FROM repair_order_jobs j CROSS JOIN repair_order_lines l ON l.job_id = j.id
                    WHERE j.repair_order_id = d.repair_order_id AND ${lineInSlice(slice)})
     ORDER BY d.delivered_at ${order}
     LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return result.rows;
}

export interface RoFiguresRow {
  ro_id: number;
  labor_fen: number;
  parts_fen: number;
  other_fen: number;
  sold_milli: number;
  parts_issued_sales_fen: number;
  parts_cost_fen: number;
}

/** The slice's figures of the ROs of a page. */
export async function roFigures(db: Db, roIds: readonly number[], slice: Slice): Promise<RoFiguresRow[]> {
  if (roIds.length === 0) return [];
  const result = await sql<RoFiguresRow>`
    SELECT ro_id,
           coalesce(sum(CASE WHEN kind = 'labor' THEN ex END), 0) AS labor_fen,
           coalesce(sum(CASE WHEN kind = 'part' THEN ex END), 0) AS parts_fen,
           coalesce(sum(CASE WHEN kind NOT IN ('labor', 'part') THEN ex END), 0) AS other_fen,
           coalesce(sum(CASE WHEN kind = 'labor' THEN qty_milli END), 0) AS sold_milli,
           coalesce(sum(CASE WHEN kind = 'part' AND issued > 0 THEN ex END), 0) AS parts_issued_sales_fen,
           coalesce(sum(CASE WHEN kind = 'part' AND issued > 0 THEN cost END), 0) AS parts_cost_fen
      FROM (SELECT l.repair_order_id AS ro_id, l.kind AS kind, ${EX_TAX} AS ex, l.qty_milli AS qty_milli,
                   CASE WHEN l.kind = 'part' THEN ${ISSUED_QTY} ELSE 0 END AS issued,
                   CASE WHEN l.kind = 'part' THEN ${ISSUED_COST} ELSE 0 END AS cost
              FROM repair_order_lines l CROSS JOIN repair_order_jobs j ON j.id = l.job_id
             WHERE l.repair_order_id IN (${sql.join(roIds)}) AND ${lineInSlice(slice)})
     GROUP BY ro_id`.execute(db);
  return result.rows;
}

/** Names of people by id (advisors, technicians). */
export async function userNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}
