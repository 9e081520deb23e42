import { sql } from 'kysely';
import type { Db } from '../../db/connection';

export function findFailure(db: Db, username: string) {
  // The primary key is NOCASE, so this finds "Advisor" for "advisor", like users.username.
  return db.selectFrom('login_failures').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function saveFailure(
  db: Db,
  row: { username: string; failed_count: number; last_failed_at: string; locked_until: string | null },
): Promise<void> {
  await db
    .insertInto('login_failures')
    .values(row)
    .onConflict((oc) =>
      oc.column('username').doUpdateSet({
        failed_count: row.failed_count,
        last_failed_at: row.last_failed_at,
        locked_until: row.locked_until,
      }),
    )
    .execute();
}

export async function deleteFailure(db: Db, username: string): Promise<number> {
  const result = await db.deleteFrom('login_failures').where('username', '=', username).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Names typed wrongly long ago and not locked any more: nothing left to remember. */
export async function pruneFailures(db: Db, lastFailedBefore: string, now: string): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where('last_failed_at', '<', lastFailedBefore)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .execute();
}

/** Users locked out now (unknown names are not listed: there is no one to unlock). */
export function listLockedUsers(db: Db, now: string) {
  return db
    .selectFrom('login_failures as f')
    .innerJoin('users as u', (join) => join.on(sql<boolean>`u.username = f.username COLLATE NOCASE`))
    .select(['u.id', 'u.username', 'f.failed_count', 'f.locked_until'])
    .where('f.locked_until', '>', now)
    .orderBy('u.username')
    .execute();
}

export async function touchSession(db: Db, tokenHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of a user but one (the caller's own, when it changes its own password). */
export async function deleteSessionsOfUser(db: Db, userId: number, keepTokenHash: string | null): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepTokenHash) query = query.where('token_hash', '!=', keepTokenHash);
  await query.execute();
}
