import type { Db } from '../db/connection';

/** After a restore every session ends: the restored file holds the sessions of its own day, which must not come back. */
export async function deleteAllSessions(db: Db): Promise<void> {
  await db.deleteFrom('sessions').execute();
}
