import type { Db } from '../db/connection';

/** After a restore every session ends: the restored file holds the sessions of its own day, which must not come back. */
export async function deleteAllSessions(db: Db): Promise<void> {
  await db.deleteFrom('sessions').execute();
}

/** The password hashes of the active administrators: one of them confirms the restore of a backup from elsewhere. */
export function activeAdmins(db: Db) {
  return db
    .selectFrom('users')
    .select(['username', 'password_hash'])
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
}
