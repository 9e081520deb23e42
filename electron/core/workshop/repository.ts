import { sql, type Insertable, type Updateable } from 'kysely';
import type { ConcernGroup } from '../../../shared/domain/concern-groups';
import type { RepairOrderStatus } from '../../../shared/domain/repair-order-status';
import type { Db } from '../db/connection';
import type { JobClockingCorrectionsTable, JobClockingsTable, JobStateHistoryTable, RepairOrderJobsTable } from '../db/schema';

/** Which jobs a workshop list reads; every filter given narrows it. */
export interface WorkshopJobFilter {
  roStatuses?: readonly RepairOrderStatus[];
  approvedOnly?: boolean;
  technicianId?: number;
  jobId?: number;
  repairOrderId?: number;
}

/** Jobs with their RO, vehicle, technician and sold hours (sum of the labor lines' hours). */
export function findWorkshopJobs(db: Db, filter: WorkshopJobFilter) {
  let query = db
    .selectFrom('repair_order_jobs as j')
    .innerJoin('repair_orders as r', 'r.id', 'j.repair_order_id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .leftJoin('users as t', 't.id', 'j.technician_id')
    .select((eb) => [
      'j.id',
      'j.repair_order_id',
      'j.position',
      'j.concern',
      'j.cause',
      'j.correction',
      'j.concern_group',
      'j.authorization_state',
      'j.workshop_state',
      'j.pause_reason',
      'j.pause_note',
      'j.bay',
      'j.origin',
      'j.proposal_note',
      'j.technician_id',
      'j.planned_start_at',
      't.display_name as technician_name',
      'r.number as ro_number',
      'r.status as ro_status',
      'r.promised_at',
      'r.opened_at',
      'v.plate',
      'v.make',
      'v.model',
      eb
        .selectFrom('repair_order_lines as l')
        .select(sql<number>`coalesce(sum(l.qty_milli), 0)`.as('sold'))
        .whereRef('l.job_id', '=', 'j.id')
        .where('l.kind', '=', 'labor')
        .as('sold_milli'),
    ]);
  if (filter.roStatuses) query = query.where('r.status', 'in', [...filter.roStatuses]);
  if (filter.approvedOnly) query = query.where('j.authorization_state', '=', 'approved');
  if (filter.technicianId !== undefined) {
    // With RO statuses given, the few ROs still in the workshop lead (repair_orders_status); `+` keeps SQLite from
    // starting at every job the technician ever had (repair_order_jobs_technician: years of them).
    query = filter.roStatuses
      ? query.where(sql<boolean>`+j.technician_id = ${filter.technicianId}`)
      : query.where('j.technician_id', '=', filter.technicianId);
  }
  if (filter.jobId !== undefined) query = query.where('j.id', '=', filter.jobId);
  if (filter.repairOrderId !== undefined) query = query.where('j.repair_order_id', '=', filter.repairOrderId);
  // Soonest promise first (none last), then oldest RO, then the job's place on the RO.
  return query
    .orderBy(sql`r.promised_at IS NULL`)
    .orderBy('r.promised_at')
    .orderBy('r.opened_at')
    .orderBy('j.position')
    .execute();
}
export type WorkshopJobRow = Awaited<ReturnType<typeof findWorkshopJobs>>[number];

/** A job with the status of its RO. */
export function findJobWithRo(db: Db, jobId: number) {
  return db
    .selectFrom('repair_order_jobs as j')
    .innerJoin('repair_orders as r', 'r.id', 'j.repair_order_id')
    .selectAll('j')
    .select(['r.status as ro_status'])
    .where('j.id', '=', jobId)
    .executeTakeFirst();
}

export async function updateJob(db: Db, jobId: number, changes: Updateable<RepairOrderJobsTable>): Promise<void> {
  await db.updateTable('repair_order_jobs').set(changes).where('id', '=', jobId).execute();
}

export async function insertStateChange(db: Db, row: Omit<Insertable<JobStateHistoryTable>, 'id'>): Promise<void> {
  await db.insertInto('job_state_history').values(row).execute();
}

/** Bumps the RO's version and updated_at: a workshop write that changes what the RO page edits (jobs, findings). */
export async function touchRepairOrder(db: Db, repairOrderId: number, now: string): Promise<void> {
  await db
    .updateTable('repair_orders')
    .set({ updated_at: now, version: sql`version + 1` })
    .where('id', '=', repairOrderId)
    .execute();
}

// --- technicians ---

export function findTechnicians(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('role', '=', 'technician')
    .where('active', '=', 1)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
}

export function findUser(db: Db, userId: number) {
  return db.selectFrom('users').select(['id', 'display_name', 'role', 'active']).where('id', '=', userId).executeTakeFirst();
}

export function findSkills(db: Db, technicianIds: readonly number[]) {
  if (technicianIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('technician_skills')
    .selectAll()
    .where('technician_id', 'in', [...technicianIds])
    .orderBy('concern_group')
    .execute();
}

export async function replaceSkills(db: Db, technicianId: number, groups: readonly ConcernGroup[]): Promise<void> {
  await db.deleteFrom('technician_skills').where('technician_id', '=', technicianId).execute();
  if (groups.length > 0) {
    await db
      .insertInto('technician_skills')
      .values(groups.map((concern_group) => ({ technician_id: technicianId, concern_group })))
      .execute();
  }
}

export function findAttendance(db: Db, day: string) {
  return db.selectFrom('technician_attendance').selectAll().where('day', '=', day).execute();
}

export async function upsertAttendance(
  db: Db,
  row: { technician_id: number; day: string; attended_milli: number; recorded_by: number; recorded_at: string },
): Promise<void> {
  await db
    .insertInto('technician_attendance')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['technician_id', 'day']).doUpdateSet({
        attended_milli: row.attended_milli,
        recorded_by: row.recorded_by,
        recorded_at: row.recorded_at,
      }),
    )
    .execute();
}

// --- clockings ---

export function findClockingsOfJobs(db: Db, jobIds: readonly number[]) {
  if (jobIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('job_clockings as c')
    .innerJoin('users as u', 'u.id', 'c.technician_id')
    .selectAll('c')
    .select(['u.display_name as technician_name'])
    .where('c.job_id', 'in', [...jobIds])
    .orderBy('c.started_at')
    .orderBy('c.id')
    .execute();
}

/**
 * The clockings of these technicians that overlap [from, to) (running ones count as running on), through
 * job_clockings_technician_started: never the clockings of other days. A technician's clockings never overlap (one
 * runs at a time, job_clockings_one_running; corrections refuse overlaps), so besides those started in the range
 * only the last one started before it can reach into it.
 */
export function findClockingsOfTechniciansBetween(db: Db, technicianIds: readonly number[], from: string, to: string) {
  if (technicianIds.length === 0) return Promise.resolve([]);
  const ids = [...technicianIds];
  const startedIn = db
    .selectFrom('job_clockings')
    .selectAll()
    .where('technician_id', 'in', ids)
    .where('started_at', '>=', from)
    .where('started_at', '<', to);
  const lastBefore = db
    .selectFrom('users as t')
    .select((eb) =>
      eb
        .selectFrom('job_clockings as p')
        .select('p.id')
        .whereRef('p.technician_id', '=', 't.id')
        .where('p.started_at', '<', from)
        .orderBy('p.started_at', 'desc')
        .orderBy('p.id', 'desc')
        .limit(1)
        .as('id'),
    )
    .where('t.id', 'in', ids);
  const reachingIn = db
    .selectFrom('job_clockings')
    .selectAll()
    .where('id', 'in', lastBefore)
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', from)]));
  return startedIn.unionAll(reachingIn).execute();
}

/** The technician's running clocking with its RO number, if any. */
export function findRunningClocking(db: Db, technicianId: number) {
  return db
    .selectFrom('job_clockings as c')
    .innerJoin('repair_orders as r', 'r.id', 'c.repair_order_id')
    .innerJoin('repair_order_jobs as j', 'j.id', 'c.job_id')
    .selectAll('c')
    .select(['r.number as ro_number', 'j.concern'])
    .where('c.technician_id', '=', technicianId)
    .where('c.ended_at', 'is', null)
    .executeTakeFirst();
}

export function findRunningOnJob(db: Db, jobId: number) {
  return db.selectFrom('job_clockings').selectAll().where('job_id', '=', jobId).where('ended_at', 'is', null).executeTakeFirst();
}

export function findClocking(db: Db, clockingId: number) {
  return db.selectFrom('job_clockings').selectAll().where('id', '=', clockingId).executeTakeFirst();
}

export async function insertClocking(db: Db, row: Omit<Insertable<JobClockingsTable>, 'id'>): Promise<number> {
  const result = await db.insertInto('job_clockings').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function endClocking(db: Db, clockingId: number, endedAt: string): Promise<void> {
  await db.updateTable('job_clockings').set({ ended_at: endedAt }).where('id', '=', clockingId).execute();
}

export async function setClockingTimes(db: Db, clockingId: number, startedAt: string, endedAt: string): Promise<void> {
  await db.updateTable('job_clockings').set({ started_at: startedAt, ended_at: endedAt }).where('id', '=', clockingId).execute();
}

/** Another clocking of the technician that overlaps [from, to), if any. */
export function findOverlapping(db: Db, technicianId: number, exceptId: number, from: string, to: string) {
  return db
    .selectFrom('job_clockings')
    .select('id')
    .where('technician_id', '=', technicianId)
    .where('id', '!=', exceptId)
    .where('started_at', '<', to)
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', from)]))
    .executeTakeFirst();
}

export async function insertCorrection(db: Db, row: Omit<Insertable<JobClockingCorrectionsTable>, 'id'>): Promise<void> {
  await db.insertInto('job_clocking_corrections').values(row).execute();
}

export function findCorrections(db: Db, clockingIds: readonly number[]) {
  if (clockingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('job_clocking_corrections as k')
    .innerJoin('users as u', 'u.id', 'k.corrected_by')
    .selectAll('k')
    .select(['u.display_name as corrected_by_name'])
    .where('k.clocking_id', 'in', [...clockingIds])
    .orderBy('k.corrected_at')
    .orderBy('k.id')
    .execute();
}
