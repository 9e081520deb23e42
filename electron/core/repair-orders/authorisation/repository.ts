import type { Insertable } from 'kysely';
import type { JobDecision } from '../../../../shared/contract/repair-orders/authorisation';
import type { Db } from '../../db/connection';
import type { RepairOrderAuthorisationJobsTable, RepairOrderAuthorisationsTable } from '../../db/schema';

export async function insertAuthorisation(db: Db, row: Omit<Insertable<RepairOrderAuthorisationsTable>, 'id'>): Promise<number> {
  const result = await db.insertInto('repair_order_authorisations').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function insertAuthorisationJob(
  db: Db,
  row: Omit<Insertable<RepairOrderAuthorisationJobsTable>, 'id'>,
): Promise<void> {
  await db.insertInto('repair_order_authorisation_jobs').values(row).execute();
}

/** Sets a job's answer, only while it is still pending: returns whether it was (so a second answer is never written). */
export async function decideJob(db: Db, jobId: number, state: JobDecision, now: string): Promise<boolean> {
  const result = await db
    .updateTable('repair_order_jobs')
    .set({ authorization_state: state, updated_at: now })
    .where('id', '=', jobId)
    .where('authorization_state', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** An RO's authorisations, newest first, with who recorded them. */
export function findAuthorisations(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_order_authorisations as a')
    .innerJoin('users as u', 'u.id', 'a.recorded_by')
    .selectAll('a')
    .select('u.display_name as recorded_by_name')
    .where('a.repair_order_id', '=', repairOrderId)
    .orderBy('a.id', 'desc')
    .execute();
}

/** The decisions of the given authorisations, in the order they were given. */
export function findAuthorisationJobs(db: Db, authorisationIds: readonly number[]) {
  if (authorisationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('repair_order_authorisation_jobs')
    .selectAll()
    .where('authorisation_id', 'in', [...authorisationIds])
    .orderBy('authorisation_id')
    .orderBy('id')
    .execute();
}
