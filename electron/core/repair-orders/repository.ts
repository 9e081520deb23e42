import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../db/connection';
import { likeEscape } from '../db/prefix';
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
        .innerJoin('repair_order_jobs as lj', 'lj.id', 'l.job_id')
        .select(sql<number>`coalesce(sum(l.total_fen), 0)`.as('total'))
        .whereRef('l.repair_order_id', '=', 'r.id')
        // A declined job is not owed (see loadRepairOrder's totals).
        .where('lj.authorization_state', '!=', 'declined')
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

// --- the RO list ---

/** What the RO grid asks of SQL, once the service has turned the view and filters into plain conditions. */
export interface RoGridQuery {
  offset: number;
  limit: number;
  sort: { column: 'number' | 'openedAt' | 'promisedAt' | 'status'; direction: 'asc' | 'desc' }[];
  /** Used when `sort` is empty. */
  defaultSort: 'newest' | 'soonestPromised';
  /** Null: any status. Never empty (the service answers an empty set without asking SQL). */
  statuses: readonly string[] | null;
  advisorIds: readonly number[];
  /** UTC instants: opened_at >= openedFrom, opened_at < openedBefore. */
  openedFrom?: string;
  openedBefore?: string;
  /** UTC instants: promised_at >= promisedFrom, promised_at < promisedBefore. */
  promisedFrom?: string;
  promisedBefore?: string;
  payer?: string;
  /** The search text in each stored form: RO number (upper), plate (normalised), name key, reversed VIN. */
  text?: { number: string; plate: string; nameKey: string; vinRev: string };
}

/** Grid column id -> SQL column (the contract's allow-list has already refused anything else). */
const RO_SORT = { number: 'r.number', openedAt: 'r.opened_at', promisedAt: 'r.promised_at', status: 'r.status' } as const;

/** One page of the RO list plus one row (whether there is more), with names, plate, total and payers. */
export function repairOrderGrid(db: Db, q: RoGridQuery) {
  let query = db
    .selectFrom('repair_orders as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .innerJoin('users as u', 'u.id', 'r.advisor_id')
    .select((eb) => [
      'r.id',
      'r.number',
      'r.status',
      'r.opened_at',
      'r.promised_at',
      'r.advisor_id',
      'c.name as customer_name',
      'v.plate',
      'u.display_name as advisor_name',
      // Correlated sums over the lines' (repair_order_id, ...) index: only the page's ROs are summed.
      eb
        .selectFrom('repair_order_lines as l')
        .innerJoin('repair_order_jobs as lj', 'lj.id', 'l.job_id')
        .select(sql<number>`coalesce(sum(l.total_fen), 0)`.as('total'))
        .whereRef('l.repair_order_id', '=', 'r.id')
        // A declined job is not owed (see loadRepairOrder's totals).
        .where('lj.authorization_state', '!=', 'declined')
        .as('total_fen'),
      eb
        .selectFrom('repair_order_jobs as j')
        .select(sql<string | null>`group_concat(distinct j.payer)`.as('payers'))
        .whereRef('j.repair_order_id', '=', 'r.id')
        .as('payers'),
    ]);
  if (q.statuses) query = query.where('r.status', 'in', [...q.statuses]);
  for (const advisorId of q.advisorIds) query = query.where('r.advisor_id', '=', advisorId);
  if (q.openedFrom) query = query.where('r.opened_at', '>=', q.openedFrom);
  if (q.openedBefore) query = query.where('r.opened_at', '<', q.openedBefore);
  if (q.promisedFrom) query = query.where('r.promised_at', '>=', q.promisedFrom);
  if (q.promisedBefore) query = query.where('r.promised_at', '<', q.promisedBefore);
  if (q.payer) {
    const payer = q.payer;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('repair_order_jobs as j')
          .select('j.id')
          .whereRef('j.repair_order_id', '=', 'r.id')
          .where('j.payer', '=', payer),
      ),
    );
  }
  if (q.text) {
    const contains = (value: string) => `%${likeEscape(value)}%`;
    const { number, plate, nameKey, vinRev } = q.text;
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`r.number LIKE ${contains(number)} ESCAPE '\\'`,
        ...(plate ? [sql<boolean>`v.plate LIKE ${contains(plate)} ESCAPE '\\'`] : []),
        ...(nameKey ? [sql<boolean>`c.name_key LIKE ${contains(nameKey)} ESCAPE '\\'`] : []),
        // The VIN's tail is the start of its reversed form.
        ...(vinRev ? [sql<boolean>`v.vin_rev LIKE ${`${likeEscape(vinRev)}%`} ESCAPE '\\'`] : []),
      ]),
    );
  }
  for (const sort of q.sort) query = query.orderBy(RO_SORT[sort.column], sort.direction);
  if (q.sort.length === 0 && q.defaultSort === 'soonestPromised') query = query.orderBy('r.promised_at', 'asc').orderBy('r.id', 'asc');
  else query = query.orderBy('r.opened_at', 'desc').orderBy('r.id', 'desc');
  return query.limit(q.limit + 1).offset(q.offset);
}

