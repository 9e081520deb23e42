import { copyFile } from 'node:fs/promises';
import { constants, existsSync, rmSync, writeFileSync } from 'node:fs';
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

/** Where an upgrade is, for the start-up screen and the server's console. */
export interface UpgradeProgress {
  /** `copy`: the file is copied aside first; `schema`: a migration's `up`; `backfill`: filling from history; `optimize`: statistics. */
  phase: 'copy' | 'schema' | 'backfill' | 'optimize';
  /** The migration being applied or backfilled (its file name), absent while copying or optimizing. */
  migration?: string;
  /** Units done and in all, in the current phase's own unit (rows for a backfill, migrations for the schema). */
  done: number;
  total: number;
}

export interface MigrateOptions {
  /** Told as the upgrade moves on (often: once per backfill chunk). */
  onProgress?: (progress: UpgradeProgress) => void;
}

export function schemaVersionOf(sqlite: BetterSqlite3.Database): number {
  return Number(sqlite.pragma('user_version', { simple: true }));
}

/**
 * Pending backfills: a migration with a `backfill` leaves its row here in the same transaction as its version bump,
 * and each chunk moves `cursor` on in the chunk's own transaction, so a machine stopped halfway resumes at the last
 * committed chunk. Kept out of the migrations (like kysely's own migration table) because migrate() needs it before
 * the first migration runs.
 */
function ensureBackfillTable(sqlite: BetterSqlite3.Database): void {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_backfills (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    cursor TEXT,
    done INTEGER NOT NULL DEFAULT 0,
    total INTEGER,
    finished_at TEXT
  ) STRICT`);
}

interface PendingBackfill {
  name: string;
  position: number;
  cursor: string | null;
  done: number;
  total: number | null;
}

function pendingBackfills(sqlite: BetterSqlite3.Database): PendingBackfill[] {
  return sqlite
    .prepare('SELECT name, position, cursor, done, total FROM schema_backfills WHERE finished_at IS NULL ORDER BY position')
    .all() as PendingBackfill[];
}

/** Lets the shells answer (the start-up screen's status calls) between chunks of a long upgrade. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function runBackfill(
  sqlite: BetterSqlite3.Database,
  db: Kysely<unknown>,
  migration: Migration,
  pending: PendingBackfill,
  onProgress: ((progress: UpgradeProgress) => void) | undefined,
): Promise<void> {
  const backfill = migration.backfill;
  if (!backfill) {
    sqlite.prepare('UPDATE schema_backfills SET finished_at = ? WHERE name = ?').run(new Date().toISOString(), pending.name);
    return;
  }
  let { cursor, done } = pending;
  let total = pending.total;
  if (total === null) {
    total = await backfill.total(db);
    sqlite.prepare('UPDATE schema_backfills SET total = ? WHERE name = ?').run(total, pending.name);
  }
  onProgress?.({ phase: 'backfill', migration: migration.name, done, total });
  for (;;) {
    const finished = await db.transaction().execute(async (trx) => {
      const next = await backfill.step(trx, cursor);
      if (next === null) {
        await sql`UPDATE schema_backfills SET finished_at = ${new Date().toISOString()} WHERE name = ${pending.name}`.execute(
          trx,
        );
        return true;
      }
      cursor = next.cursor;
      done += next.done;
      await sql`UPDATE schema_backfills SET cursor = ${cursor}, done = ${done} WHERE name = ${pending.name}`.execute(trx);
      return false;
    });
    onProgress?.({ phase: 'backfill', migration: migration.name, done: finished ? Math.max(done, total) : done, total });
    if (finished) return;
    await yieldToEventLoop();
  }
}

/**
 * Brings the file up to the newest schema. Each migration's `up` runs in its own transaction with the version bump
 * (and, for a migration with a backfill, the backfill's pending row), so a failure leaves the file at the last good
 * version; its backfill then runs in chunks before the next migration. A file that holds data is copied aside first.
 * Pending backfills of an earlier, interrupted start are finished first. Once anything changed, SQLite's planner
 * statistics are refreshed (`PRAGMA optimize`), so the new indexes are chosen on a ten-year file.
 */
export async function migrate(
  sqlite: BetterSqlite3.Database,
  db: Kysely<unknown>,
  file: string | null,
  migrations: readonly Migration[] = MIGRATIONS,
  options: MigrateOptions = {},
): Promise<{ from: number; to: number; backup: string | null }> {
  const { onProgress } = options;
  const from = schemaVersionOf(sqlite);
  if (from > migrations.length) throw new DatabaseTooNewError(from, migrations.length);
  ensureBackfillTable(sqlite);
  const interrupted = pendingBackfills(sqlite);
  if (from === migrations.length && interrupted.length === 0) return { from, to: from, backup: null };

  const restoreSettings = upgradeSettings(sqlite);
  try {
    return await upgrade(sqlite, db, file, migrations, from, interrupted, onProgress);
  } finally {
    restoreSettings();
  }
}

/**
 * Connection settings for the upgrade only, put back before the core serves its first call. Measured on a ten-year
 * file (bench/scale/upgrade.ts, 2 shared cores): most of the old upgrade's wall time was waiting for fsyncs (every
 * chunk's commit, a checkpoint every 4 MiB) on a disk busy writing the copy aside; CPU time was a third of it.
 * - cache_size 256 MiB (an upper bound, allocated only as pages are read): the summary tables a backfill adds to
 *   stay in memory across chunks. 1 GiB measured no better (the OS keeps the file's pages anyway) and is a lot to
 *   take on a desk PC.
 * - temp_store MEMORY: the GROUP BY sorters and scratch tables of a chunk never touch a temp file.
 * - synchronous NORMAL, in WAL mode only: a commit is not fsynced, but the file stays consistent after a power cut
 *   (WAL frames are checksummed, a torn commit is discarded). A chunk lost that way is lost with its cursor, which is
 *   in the same transaction, so the next start does it again: nothing is counted twice or left out. The schema steps
 *   keep their version bump in their own transaction the same way. Back to FULL before any desk writes.
 * - wal_autocheckpoint 100,000 pages (400 MiB) instead of 1,000: a few checkpoints (each one fsyncs the file, slow on
 *   a busy disk) instead of hundreds; journal_size_limit shrinks the WAL back afterwards.
 */
function upgradeSettings(sqlite: BetterSqlite3.Database): () => void {
  const before = {
    cache_size: Number(sqlite.pragma('cache_size', { simple: true })),
    temp_store: Number(sqlite.pragma('temp_store', { simple: true })),
    synchronous: Number(sqlite.pragma('synchronous', { simple: true })),
    wal_autocheckpoint: Number(sqlite.pragma('wal_autocheckpoint', { simple: true })),
  };
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('temp_store = MEMORY');
  if (String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal') sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('wal_autocheckpoint = 100000');
  return () => {
    // PRAGMA takes no bound parameters; the values are the integers read above.
    for (const [name, value] of Object.entries(before)) sqlite.pragma(`${name} = ${Math.trunc(value)}`);
    // Back at FULL, make the upgrade's last commits durable now rather than at the first desk's write.
    sqlite.pragma('wal_checkpoint(PASSIVE)');
  };
}

async function upgrade(
  sqlite: BetterSqlite3.Database,
  db: Kysely<unknown>,
  file: string | null,
  migrations: readonly Migration[],
  from: number,
  interrupted: PendingBackfill[],
  onProgress: ((progress: UpgradeProgress) => void) | undefined,
): Promise<{ from: number; to: number; backup: string | null }> {
  let backup: string | null = null;
  // Marks a copy aside whose upgrade has not finished yet. A start after a stop halfway finds it and keeps that copy:
  // copying again would replace the untouched file with the half-upgraded one.
  const unfinished = file ? `${file}.before-schema-${migrations.length}.bak.unfinished` : null;
  if (from > 0 && file && unfinished && existsSync(file) && from < migrations.length) {
    backup = `${file}.before-schema-${migrations.length}.bak`;
    if (!(existsSync(unfinished) && existsSync(backup))) {
      onProgress?.({ phase: 'copy', done: 0, total: 1 });
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      // Async: the shells keep answering the start-up screen while a multi-gigabyte file is copied. A clone where the
      // file system offers one (APFS, Btrfs, XFS: instant, no space used until the upgrade writes), else a copy.
      await copyFile(file, backup, constants.COPYFILE_FICLONE);
      writeFileSync(unfinished, '');
      onProgress?.({ phase: 'copy', done: 1, total: 1 });
    }
  }
  for (const pending of interrupted) {
    const migration = migrations[pending.position];
    if (migration?.name !== pending.name) throw new Error(`backfill ${pending.name} has no migration at ${pending.position + 1}`);
    await runBackfill(sqlite, db, migration, pending, onProgress);
  }
  for (let index = from; index < migrations.length; index++) {
    const migration = migrations[index]!;
    onProgress?.({ phase: 'schema', migration: migration.name, done: index - from, total: migrations.length - from });
    await db.transaction().execute(async (trx) => {
      await migration.up(trx);
      // On a new database the backfill finds nothing and finishes at its first chunk.
      if (migration.backfill) {
        await sql`INSERT INTO schema_backfills (name, position) VALUES (${migration.name}, ${index})
                  ON CONFLICT (name) DO UPDATE SET position = excluded.position, cursor = NULL, done = 0, total = NULL, finished_at = NULL`.execute(
          trx,
        );
      }
      // PRAGMA takes no bound parameters; the value is our own integer, never input.
      await sql`PRAGMA user_version = ${sql.lit(index + 1)}`.execute(trx);
    });
    if (migration.backfill) {
      const [pending] = pendingBackfills(sqlite).filter((row) => row.name === migration.name);
      if (pending) await runBackfill(sqlite, db, migration, pending, onProgress);
    }
    await yieldToEventLoop();
  }
  if (unfinished) rmSync(unfinished, { force: true });
  if (from > 0) {
    onProgress?.({ phase: 'optimize', done: 0, total: 1 });
    optimizeStatistics(sqlite);
    onProgress?.({ phase: 'optimize', done: 1, total: 1 });
  }
  return { from, to: migrations.length, backup };
}

/**
 * Refreshes the planner's statistics where they are missing or stale. `analysis_limit` samples each index instead
 * of reading it whole, so this takes well under a second on a ten-year file; without statistics SQLite may pick a
 * worse index for a grid's filter once tables hold millions of rows. Also run on a schedule (see backups/schedule).
 */
export function optimizeStatistics(sqlite: BetterSqlite3.Database): void {
  sqlite.pragma('analysis_limit = 1000');
  // 0x10002: also analyse tables that never were (a file upgraded from before statistics were kept).
  sqlite.pragma('optimize = 0x10002');
}
