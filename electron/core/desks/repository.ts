import type { Db } from '../db/connection';

/** Paired desks and pairing codes (migration 0030). Only hashes of credentials and codes are stored. */

export async function insertPairingCode(
  db: Db,
  row: { code_hash: string; created_at: string; created_by: number; expires_at: string },
): Promise<void> {
  await db.insertInto('desk_pairing_codes').values(row).execute();
}

/** An unused code with this hash that has not expired at `now`. */
export async function findUsableCode(db: Db, codeHash: string, now: string) {
  return db
    .selectFrom('desk_pairing_codes')
    .select(['id', 'created_by', 'expires_at'])
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function markCodeUsed(db: Db, id: number, usedAt: string, deskId: number): Promise<void> {
  await db.updateTable('desk_pairing_codes').set({ used_at: usedAt, desk_id: deskId }).where('id', '=', id).execute();
}

export async function readLock(db: Db) {
  return db.selectFrom('desk_pairing_lock').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function writeLock(
  db: Db,
  row: { failed_count: number; last_failed_at: string; locked_until: string | null },
): Promise<void> {
  await db
    .insertInto('desk_pairing_lock')
    .values({ id: 1, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

export async function insertDesk(
  db: Db,
  row: { name: string; credential_hash: string; paired_at: string; paired_by: number },
): Promise<number> {
  const inserted = await db.insertInto('desks').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findDeskByCredential(db: Db, credentialHash: string) {
  return db
    .selectFrom('desks')
    .select(['id', 'name', 'revoked_at', 'last_seen_at', 'last_address', 'app_version'])
    .where('credential_hash', '=', credentialHash)
    .executeTakeFirst();
}

export async function markSeen(db: Db, id: number, seen: { at: string; address: string | null; version: string | null }) {
  await db
    .updateTable('desks')
    .set({
      last_seen_at: seen.at,
      last_address: seen.address,
      // A browser desk says no version: the last one a desktop desk told stays.
      ...(seen.version ? { app_version: seen.version } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function revokeDesk(db: Db, id: number, at: string, by: number): Promise<number> {
  const result = await db
    .updateTable('desks')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

function deskRows(db: Db) {
  return db
    .selectFrom('desks as d')
    .leftJoin('users as p', 'p.id', 'd.paired_by')
    .leftJoin('users as r', 'r.id', 'd.revoked_by')
    .select([
      'd.id',
      'd.name',
      'd.paired_at',
      'd.paired_by',
      'p.display_name as paired_by_name',
      'd.last_seen_at',
      'd.last_address',
      'd.app_version',
      'd.revoked_at',
      'd.revoked_by',
      'r.display_name as revoked_by_name',
    ]);
}

export async function listDesks(db: Db) {
  return deskRows(db).orderBy('d.id', 'desc').execute();
}

export async function findDesk(db: Db, id: number) {
  return deskRows(db).where('d.id', '=', id).executeTakeFirst();
}

export type DeskRow = NonNullable<Awaited<ReturnType<typeof findDesk>>>;
