import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../db/connection';
import { nextPosition } from '../ro-records/repository';
import type { RepairOrderJobsTable, RepairOrderLinesTable, RepairOrdersTable } from '../db/schema';
import { owedTotalFen } from './owed-total';

export { bumpRepairOrder, findRepairOrder, insertJob, insertStatusChange } from '../ro-records/repository';

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

/** The RO with the names its detail shows. */
export function findRepairOrderHeader(db: Db, id: number) {
  return (
    db
      .selectFrom('repair_orders as r')
      .innerJoin('customers as c', 'c.id', 'r.customer_id')
      .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
      .innerJoin('users as u', 'u.id', 'r.advisor_id')
      .selectAll('r')
      .select(['c.name as customer_name', 'v.vin', 'v.plate', 'v.make', 'v.model', 'u.display_name as advisor_name'])
      // The customer's first phone (the one the file lists first), for the work order the customer signs.
      .select((eb) =>
        eb
          .selectFrom('customer_phones as p')
          .select('p.number')
          .whereRef('p.customer_id', '=', 'r.customer_id')
          .orderBy('p.position')
          .limit(1)
          .as('customer_phone'),
      )
      .where('r.id', '=', id)
      .executeTakeFirst()
  );
}

/** A page of a vehicle's ROs, newest first, with the sum of their stored line totals. */
export function listForVehicle(db: Db, vehicleId: number, page: { offset: number; limit: number }) {
  return db
    .selectFrom('repair_orders as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .innerJoin('users as u', 'u.id', 'r.advisor_id')
    .select([
      'r.id',
      'r.number',
      'r.status',
      'r.opened_at',
      'r.promised_at',
      'c.name as customer_name',
      'u.display_name as advisor_name',
      owedTotalFen(),
    ])
    .where('r.vehicle_id', '=', vehicleId)
    .orderBy('r.opened_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
}

// --- jobs ---

export function findJob(db: Db, repairOrderId: number, jobId: number) {
  return db
    .selectFrom('repair_order_jobs')
    .selectAll()
    .where('id', '=', jobId)
    .where('repair_order_id', '=', repairOrderId)
    .executeTakeFirst();
}

/** An RO's jobs in order, each with the display name of the technician it is dispatched to (null if none). */
export function findJobs(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_order_jobs')
    .leftJoin('users as technician', 'technician.id', 'repair_order_jobs.technician_id')
    .selectAll('repair_order_jobs')
    .select('technician.display_name as technician_name')
    .where('repair_order_jobs.repair_order_id', '=', repairOrderId)
    .orderBy('repair_order_jobs.position')
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

export function findStatusHistory(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_order_status_history as h')
    .innerJoin('users as u', 'u.id', 'h.changed_by')
    .select(['h.from_status', 'h.to_status', 'h.changed_by', 'u.display_name', 'h.changed_at', 'h.note'])
    .where('h.repair_order_id', '=', repairOrderId)
    .orderBy('h.id')
    .execute();
}

/**
 * The lowest hourly rate of the active catalogue operations (above zero: a free inspection is no rate): the floor a
 * free-text labor line is priced against, below which the difference counts as a discount (issue 14). Null when the
 * catalogue has no rate.
 */
export async function lowestLaborRateFen(db: Db): Promise<number | null> {
  const row = await db
    .selectFrom('labor_operations')
    .select((eb) => eb.fn.min<number>('labor_rate_fen').as('rate'))
    .where('active', '=', 1)
    .where('labor_rate_fen', '>', 0)
    .executeTakeFirst();
  return row?.rate ?? null;
}
