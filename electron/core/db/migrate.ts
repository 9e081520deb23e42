import { copyFileSync, existsSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/types';

export class DatabaseTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `This database was written by a newer BayDesk (schema ${found}; this version knows up to ${known}). ` +
        'Install the newer BayDesk; nothing was changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersionOf(sqlite: BetterSqlite3.Database): number {
  return Number(sqlite.pragma('user_version', { simple: true }));
}

/**
 * Brings the file up to the newest schema. Each migration runs in its own transaction with the version bump, so a
 * failure leaves the file at the last good version. A file that holds data is copied aside first.
 */
export async function migrate(
  sqlite: BetterSqlite3.Database,
  db: Kysely<unknown>,
  file: string | null,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<{ from: number; to: number; backup: string | null }> {
  const from = schemaVersionOf(sqlite);
  if (from > migrations.length) throw new DatabaseTooNewError(from, migrations.length);
  if (from === migrations.length) return { from, to: from, backup: null };

  let backup: string | null = null;
  if (from > 0 && file && existsSync(file)) {
    backup = `${file}.before-schema-${migrations.length}.bak`;
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(file, backup);
  }
  for (let index = from; index < migrations.length; index++) {
    const migration = migrations[index]!;
    await db.transaction().execute(async (trx) => {
      await migration.up(trx);
      // PRAGMA takes no bound parameters; the value is our own integer, never input.
      await sql`PRAGMA user_version = ${sql.lit(index + 1)}`.execute(trx);
    });
  }
  return { from, to: migrations.length, backup };
}
