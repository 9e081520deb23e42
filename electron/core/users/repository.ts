import { sql } from 'kysely';
import type { Role } from '../../../shared/domain/roles';
import type { Db } from '../db/connection';

export function countUsers(db: Db) {
  return db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
}

export function findUserByUsername(db: Db, username: string) {
  // Usernames are case-insensitive, like the unique index (NOCASE), which this comparison uses.
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<boolean>`username = ${username} COLLATE NOCASE`)
    .executeTakeFirst();
}

export function findUserById(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: Db) {
  return db.selectFrom('users').selectAll().orderBy('role').orderBy('username').execute();
}

export async function insertUser(
  db: Db,
  row: { username: string; display_name: string; role: Role; password_hash: string; now: string },
): Promise<number> {
  const result = await db
    .insertInto('users')
    .values({
      username: row.username,
      display_name: row.display_name,
      role: row.role,
      password_hash: row.password_hash,
      created_at: row.now,
      updated_at: row.now,
    })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function setPasswordHash(db: Db, userId: number, passwordHash: string, now: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', userId).execute();
}

export async function insertSession(
  db: Db,
  row: { token_hash: string; user_id: number; created_at: string; expires_at: string },
) {
  await db.insertInto('sessions').values(row).execute();
}

export function findSession(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.expires_at', 's.created_at', 's.last_seen_at', 'u.id', 'u.username', 'u.display_name', 'u.role', 'u.active'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Db, now: string) {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
