import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/connection';
import type { CompletionCertificatesTable, QcInspectionsTable } from '../../db/schema';

/** A job with what its quality check needs: its RO's status, its group, category and technician. */
export function findJobForQc(db: Db, jobId: number) {
  return db
    .selectFrom('repair_order_jobs as j')
    .innerJoin('repair_orders as r', 'r.id', 'j.repair_order_id')
    .select([
      'j.id',
      'j.repair_order_id',
      'j.concern_group',
      'j.authorization_state',
      'j.technician_id',
      'r.status as ro_status',
      'r.version as ro_version',
    ])
    .where('j.id', '=', jobId)
    .executeTakeFirst();
}

/** Whether the user clocked on the job at any time (their own work, like the technician it is dispatched to). */
export async function hasClockedOn(db: Db, jobId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('job_clockings')
    .select(sql<number>`1`.as('one'))
    .where('job_id', '=', jobId)
    .where('technician_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The RO's approved jobs in its order, with their technicians' names. */
export function findApprovedJobs(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_order_jobs as j')
    .leftJoin('users as u', 'u.id', 'j.technician_id')
    .select([
      'j.id',
      'j.position',
      'j.concern',
      'j.concern_group',
      'j.work_category',
      'j.technician_id',
      'u.display_name as technician_name',
    ])
    .where('j.repair_order_id', '=', repairOrderId)
    .where('j.authorization_state', '=', 'approved')
    .orderBy('j.position')
    .orderBy('j.id')
    .execute();
}

export async function insertInspection(db: Db, row: Omit<Insertable<QcInspectionsTable>, 'id'>): Promise<number> {
  const result = await db.insertInto('qc_inspections').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

/** The RO's inspections, newest first, with the inspectors' names. */
export function findInspections(db: Db, repairOrderId: number) {
  return db
    .selectFrom('qc_inspections as q')
    .innerJoin('users as u', 'u.id', 'q.inspector_id')
    .selectAll('q')
    .select('u.display_name as inspector_name')
    .where('q.repair_order_id', '=', repairOrderId)
    .orderBy('q.id', 'desc')
    .execute();
}

/** The next certificate number of `year`, taken in the caller's transaction (as repair-order numbers are). */
export async function nextCertificateSequence(db: Db, year: number): Promise<number> {
  const row = await db
    .insertInto('certificate_sequences')
    .values({ year, last_number: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: sql`last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function insertCertificate(db: Db, row: Omit<Insertable<CompletionCertificatesTable>, 'id'>): Promise<number> {
  const result = await db.insertInto('completion_certificates').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export function findCertificate(db: Db, repairOrderId: number) {
  return db
    .selectFrom('completion_certificates as c')
    .innerJoin('users as u', 'u.id', 'c.issued_by')
    .selectAll('c')
    .select('u.display_name as issued_by_name')
    .where('c.repair_order_id', '=', repairOrderId)
    .executeTakeFirst();
}
