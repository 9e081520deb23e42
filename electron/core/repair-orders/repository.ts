import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../db/connection';
import type { RepairOrderJobsTable, RepairOrderLinesTable, RepairOrdersTable } from '../db/schema';

export type LineWrite = Omit<Insertable<RepairOrderLinesTable>, 'id' | 'position'>;

// --- numbering ---

/**
 * The next number of `year`, taken in the caller's transaction: the sequence row is bumped together with the
 * insert, so a rolled-back create gives its number back and the one connection serialises concurrent creates.
 */
export async function nextSequence(db: Db, year: number): Promise<number> {
  const row = await db
    .insertInto('repair_order_sequences')
    .values({ year, last_number: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: sql`last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

// --- repair orders ---

export async function insertRepairOrder(db: Db, row: Omit<Insertable<RepairOrdersTable>, 'id' | 'version'>): Promise<number> {
  const result = await db.insertInto('repair_orders').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export function findRepairOrder(db: Db, id: number) {
  return db.selectFrom('repair_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The RO with the names its detail shows. */
export function findRepairOrderHeader(db: Db, id: number) {
  return db
    .selectFrom('repair_orders as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .innerJoin('users as u', 'u.id', 'r.advisor_id')
    .selectAll('r')
    .select(['c.name as customer_name', 'v.vin', 'v.plate', 'v.make', 'v.model', 'u.display_name as advisor_name'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/**
 * Bumps version and updated_at if nobody saved since `version` was read; returns whether it did. Every write to an
 * RO (its jobs and lines included) goes through this, so a screen showing an older version cannot overwrite it.
 */
export async function bumpRepairOrder(
  db: Db,
  id: number,
  version: number,
  now: string,
  changes: Partial<Pick<RepairOrdersTable, 'status' | 'promised_at'>> = {},
): Promise<boolean> {
  const result = await db
    .updateTable('repair_orders')
    .set({ ...changes, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A page of a vehicle's ROs, newest first, with the sum of their stored line totals. */
export function listForVehicle(db: Db, vehicleId: number, page: { offset: number; limit: number }) {
  return db
    .selectFrom('repair_orders as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .innerJoin('users as u', 'u.id', 'r.advisor_id')
    .select((eb) => [
      'r.id',
      'r.number',
      'r.status',
      'r.opened_at',
      'r.promised_at',
      'c.name as customer_name',
      'u.display_name as advisor_name',
      eb
        .selectFrom('repair_order_lines as l')
        .select(sql<number>`coalesce(sum(l.total_fen), 0)`.as('total'))
        .whereRef('l.repair_order_id', '=', 'r.id')
        .as('total_fen'),
    ])
    .where('r.vehicle_id', '=', vehicleId)
    .orderBy('r.opened_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
}

/** A vehicle's ROs for its page, newest first (vehicles.get). */
export function vehicleHistory(db: Db, vehicleId: number) {
  return db
    .selectFrom('repair_orders')
    .select(['id', 'number', 'opened_at', 'status'])
    .where('vehicle_id', '=', vehicleId)
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

// --- jobs ---

export async function insertJob(db: Db, row: Omit<Insertable<RepairOrderJobsTable>, 'id' | 'position'>): Promise<number> {
  const position = await nextPosition(db, 'repair_order_jobs', 'repair_order_id', row.repair_order_id);
  const result = await db
    .insertInto('repair_order_jobs')
    .values({ ...row, position })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

async function nextPosition(
  db: Db,
  table: 'repair_order_jobs' | 'repair_order_lines',
  column: 'repair_order_id' | 'job_id',
  id: number,
) {
  const row = await db
    .selectFrom(table)
    .select(sql<number>`coalesce(max(position), -1) + 1`.as('next'))
    .where(column, '=', id)
    .executeTakeFirstOrThrow();
  return row.next;
}

export function findJob(db: Db, repairOrderId: number, jobId: number) {
  return db
    .selectFrom('repair_order_jobs')
    .selectAll()
    .where('id', '=', jobId)
    .where('repair_order_id', '=', repairOrderId)
    .executeTakeFirst();
}

export function findJobs(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_order_jobs')
    .selectAll()
    .where('repair_order_id', '=', repairOrderId)
    .orderBy('position')
    .execute();
}

export async function updateJob(
  db: Db,
  jobId: number,
  changes: Pick<Updateable<RepairOrderJobsTable>, 'concern' | 'cause' | 'correction' | 'concern_group' | 'payer'> & {
    updated_at: string;
  },
): Promise<void> {
  await db.updateTable('repair_order_jobs').set(changes).where('id', '=', jobId).execute();
}

/** Deletes a job; its lines go with it (ON DELETE CASCADE). */
export async function deleteJob(db: Db, jobId: number): Promise<void> {
  await db.deleteFrom('repair_order_jobs').where('id', '=', jobId).execute();
}

// --- lines ---

export async function insertLine(db: Db, row: LineWrite): Promise<number> {
  const position = await nextPosition(db, 'repair_order_lines', 'job_id', row.job_id);
  const result = await db
    .insertInto('repair_order_lines')
    .values({ ...row, position })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export function findLine(db: Db, repairOrderId: number, lineId: number) {
  return db
    .selectFrom('repair_order_lines')
    .selectAll()
    .where('id', '=', lineId)
    .where('repair_order_id', '=', repairOrderId)
    .executeTakeFirst();
}

export function findLines(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_order_lines')
    .selectAll()
    .where('repair_order_id', '=', repairOrderId)
    .orderBy('job_id')
    .orderBy('position')
    .execute();
}

export async function updateLineDiscount(
  db: Db,
  lineId: number,
  changes: Pick<
    RepairOrderLinesTable,
    'discount_bp' | 'discount_reason' | 'gross_fen' | 'discount_fen' | 'net_fen' | 'tax_fen' | 'total_fen' | 'updated_at'
  >,
): Promise<void> {
  await db.updateTable('repair_order_lines').set(changes).where('id', '=', lineId).execute();
}

export async function deleteLine(db: Db, lineId: number): Promise<void> {
  await db.deleteFrom('repair_order_lines').where('id', '=', lineId).execute();
}

// --- status history ---

export async function insertStatusChange(
  db: Db,
  row: {
    repair_order_id: number;
    from_status: string | null;
    to_status: string;
    changed_by: number;
    changed_at: string;
    note: string;
  },
): Promise<void> {
  await db.insertInto('repair_order_status_history').values(row).execute();
}

export function findStatusHistory(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_order_status_history as h')
    .innerJoin('users as u', 'u.id', 'h.changed_by')
    .select(['h.from_status', 'h.to_status', 'h.changed_by', 'u.display_name', 'h.changed_at', 'h.note'])
    .where('h.repair_order_id', '=', repairOrderId)
    .orderBy('h.id')
    .execute();
}
