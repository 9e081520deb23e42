import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  BACKUP_NAME,
  BACKUP_STALE_HOURS,
  type BackupDto,
  type BackupKind,
  type LastGoodBackupDto,
  type RestoreDto,
} from '../../../shared/contract/backups';
import { recordAudit } from '../audit/record';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import { kyselyOver, openSqlite } from '../db/connection';
import { migrate } from '../db/migrate';
import { fail, notFound } from '../errors';
import { verifyNoPassword, verifyPassword } from '../users/password';
import {
  freeBackupName,
  manifestKey,
  parseBackupName,
  readManifest,
  writeManifest,
  type CheckLevel,
  type ManifestEntry,
} from './backup-files';
import * as repo from './repository';
import { backupsToPrune } from './retention';

const HOUR_MS = 60 * 60 * 1000;
/** The daily backup is due once the last good one is this old (checked at start and every hour). */
export const DAILY_EVERY_MS = 24 * HOUR_MS;

/** `<data dir>/backups`, next to the database file. */
export function backupsDir(deps: CoreDeps): string {
  return join(dirname(deps.database.file), 'backups');
}

/** The key that signs the manifest, in the data folder next to the database (see backup-files.ts manifestKey). */
function keyOf(deps: CoreDeps): Buffer {
  return manifestKey(dirname(deps.database.file));
}

/** One backup or restore at a time per core: the daily timer and a manager's click may meet. */
const running = new WeakMap<CoreDeps, Promise<unknown>>();
function exclusive<T>(deps: CoreDeps, work: () => Promise<T>): Promise<T> {
  const previous = running.get(deps) ?? Promise.resolve();
  const next = previous.then(work, work);
  running.set(
    deps,
    next.catch(() => undefined),
  );
  return next;
}

function toDto(name: string, entry: ManifestEntry): BackupDto {
  return {
    name,
    kind: entry.kind,
    createdAt: entry.createdAt,
    sizeBytes: entry.sizeBytes,
    verified: entry.verified,
    problem: entry.problem,
    schemaVersion: entry.schemaVersion,
    origin: entry.sha256 ? 'ours' : 'elsewhere',
  };
}

/** Every backup file in the folder, newest first; the manifest adds what its check found. */
export function list(deps: CoreDeps): BackupDto[] {
  const dir = backupsDir(deps);
  if (!existsSync(dir)) return [];
  const manifest = readManifest(dir, keyOf(deps));
  const rows: BackupDto[] = [];
  for (const name of readdirSync(dir)) {
    if (!BACKUP_NAME.test(name)) continue;
    const recorded = manifest[name];
    const parsed = parseBackupName(name)!;
    const sizeBytes = statSync(join(dir, name)).size;
    rows.push(
      recorded
        ? { ...toDto(name, recorded), sizeBytes }
        : { name, ...parsed, sizeBytes, verified: null, problem: null, schemaVersion: null, origin: 'elsewhere' },
    );
  }
  return rows.sort((a, b) =>
    a.createdAt === b.createdAt ? b.name.localeCompare(a.name) : b.createdAt.localeCompare(a.createdAt),
  );
}

export function lastGood(deps: CoreDeps): LastGoodBackupDto {
  const backup = list(deps).find((row) => row.verified === true) ?? null;
  if (!backup) return { backup: null, ageHours: null, stale: true };
  const ageHours = Math.max(0, Math.floor((deps.clock.now().getTime() - Date.parse(backup.createdAt)) / HOUR_MS));
  return { backup, ageHours, stale: ageHours >= BACKUP_STALE_HOURS };
}

/** Deletes what the retention no longer keeps (files and their records). */
function prune(dir: string, key: Buffer): void {
  const manifest = readManifest(dir, key);
  const doomed = backupsToPrune(
    Object.entries(manifest).map(([name, e]) => ({ name, kind: e.kind, createdAt: e.createdAt, verified: e.verified })),
  );
  if (doomed.length === 0) return;
  for (const name of doomed) {
    rmSync(join(dir, name), { force: true });
    delete manifest[name];
  }
  writeManifest(dir, manifest, key);
}

/** The better-sqlite3 build the core uses, for the worker's own connections. */
function binding(deps: CoreDeps): { nativeBinding?: string } {
  return deps.database.nativeBinding ? { nativeBinding: deps.database.nativeBinding } : {};
}

/**
 * Checks a backup file and hashes it (SHA-256, streamed) in the maintenance worker: a full check of a ten-year file
 * reads 4 GB, never on the core's thread. One task, so a backup costs no extra trip to the worker.
 */
function checkInWorker(deps: CoreDeps, file: string, level: CheckLevel) {
  return deps.workers.maintenance.run('backups.check', { file, level, ...binding(deps) }, { now: deps.clock.now() });
}

/**
 * Copies, checks and records one backup, in the maintenance worker: the desks keep being answered meanwhile. The copy
 * is written under a `.partial` name until it is whole. The daily backup gets the quick check, the others the full
 * one (see CheckLevel).
 */
async function takeBackup(deps: CoreDeps, kind: BackupKind): Promise<BackupDto> {
  const dir = backupsDir(deps);
  mkdirSync(dir, { recursive: true });
  const createdAt = isoNow(deps.clock);
  const name = freeBackupName(dir, createdAt, kind);
  const file = join(dir, name);
  const level: CheckLevel = kind === 'daily' ? 'quick' : 'full';
  let check: Awaited<ReturnType<typeof checkInWorker>>;
  try {
    const copy = { source: deps.database.file, destination: `${file}.partial`, ...binding(deps) };
    await deps.workers.maintenance.run('backups.copy', copy, { now: deps.clock.now() });
    renameSync(`${file}.partial`, file);
    // Hashed right after the copy, with its check: the signed manifest vouches for the file as it was made.
    check = await checkInWorker(deps, file, level);
  } catch (error) {
    // The copy failed, or its worker stopped before the check could say anything: no backup, and nothing half made.
    rmSync(`${file}.partial`, { force: true });
    rmSync(file, { force: true });
    console.error('[core] backup failed', error);
    fail('RULE', 'backup.failed');
  }
  const entry: ManifestEntry = {
    kind,
    createdAt,
    sizeBytes: statSync(file).size,
    verified: check.problem === null,
    problem: check.problem,
    schemaVersion: check.schemaVersion,
    check: level,
    ...(check.sha256 ? { sha256: check.sha256 } : {}),
  };
  const key = keyOf(deps);
  writeManifest(dir, { ...readManifest(dir, key), [name]: entry }, key);
  prune(dir, key);
  return toDto(name, entry);
}

export function backupNow(deps: CoreDeps): Promise<BackupDto> {
  return exclusive(deps, () => takeBackup(deps, 'manual'));
}

/** The daily backup, when the last good one is a day old or there is none; null when not due. */
export function backupIfDue(deps: CoreDeps): Promise<BackupDto | null> {
  return exclusive(deps, async () => {
    const last = lastGood(deps).backup;
    if (last && deps.clock.now().getTime() - Date.parse(last.createdAt) < DAILY_EVERY_MS) return null;
    return takeBackup(deps, 'daily');
  });
}

/** Swaps the core's connection for one over `file`, migrated: the shells keep serving the same deps object. */
async function reopen(deps: CoreDeps): Promise<void> {
  const { file, nativeBinding } = deps.database;
  const sqlite = openSqlite(file, nativeBinding ? { nativeBinding } : {});
  const db = kyselyOver(sqlite);
  try {
    await migrate(sqlite, db as never, file);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  deps.sqlite = sqlite;
  deps.db = db;
}

/** Replaces the database file with `source` while no connection holds it (its old WAL would replay over the copy). */
function replaceDatabaseFile(deps: CoreDeps, source: string): void {
  const { file } = deps.database;
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  copyFileSync(source, `${file}.restoring`);
  renameSync(`${file}.restoring`, file);
}

/**
 * A backup from elsewhere is restored only on an active administrator's password, typed at the manager's desk.
 * Every active administrator's hash is tried (a dealership has one or two); with none, the same work is spent on a
 * dummy hash. Returns the administrator who confirmed.
 */
async function confirmingAdmin(deps: CoreDeps, password: string | undefined): Promise<string> {
  if (!password) fail('RULE', 'backup.adminPasswordRequired', 'adminPassword');
  const admins = await repo.activeAdmins(deps.db);
  for (const admin of admins) {
    if (await verifyPassword(password, admin.password_hash)) return admin.username;
  }
  if (admins.length === 0) await verifyNoPassword(password);
  return fail('RULE', 'backup.adminPasswordWrong', 'adminPassword');
}

/**
 * Restores a backup: check it (nothing changes when it fails), keep the current database as a before-restore
 * backup, close the connection, copy the backup over the file, reopen and migrate, then end every session: each desk
 * signs in again on the restored data.
 *
 * Trust (issue 14): a backup this BayDesk took has its SHA-256 in the signed manifest; the file is hashed again and
 * refused as tampered when it differs. A file with no trusted record ("from elsewhere") needs an administrator's
 * password and its restore is written to the restored database's audit trail with the file's name and SHA-256.
 */
export function restore(
  deps: CoreDeps,
  actor: Actor,
  input: { name: string; adminPassword?: string | undefined },
): Promise<RestoreDto> {
  return exclusive(deps, async () => {
    const dir = backupsDir(deps);
    const source = join(dir, input.name);
    if (!existsSync(source)) notFound('backup');
    const check = await checkInWorker(deps, source, 'full');
    const key = keyOf(deps);
    const manifest = readManifest(dir, key);
    const recorded = manifest[input.name];
    if (recorded) {
      writeManifest(
        dir,
        { ...manifest, [input.name]: { ...recorded, verified: check.problem === null, problem: check.problem } },
        key,
      );
    }
    if (check.problem) fail('RULE', `backup.${check.problem}`, 'name');

    const sha256 = check.sha256;
    let confirmedBy: string | null = null;
    if (recorded?.sha256) {
      if (recorded.sha256 !== sha256) fail('RULE', 'backup.tampered', 'name');
    } else {
      confirmedBy = await confirmingAdmin(deps, input.adminPassword);
    }

    const before = await takeBackup(deps, 'before-restore');
    if (!before.verified) fail('RULE', 'backup.beforeRestoreFailed');

    // The readers' connections close too (a report still running ends first): they would go on reading the old file.
    await deps.workers.reads.quiesce(async () => {
      await deps.db.destroy();
      try {
        replaceDatabaseFile(deps, source);
        await reopen(deps);
      } catch (error) {
        // The desk must not be left without a database: put the file back as it was and open it again.
        console.error('[core] restore failed, reopening the database as it was', error);
        replaceDatabaseFile(deps, join(dir, before.name));
        await reopen(deps);
        fail('RULE', 'backup.restoreFailed');
      }
    });
    await deps.db.transaction().execute(async (trx) => {
      await repo.deleteAllSessions(trx);
      // In the restored database: that is the trail the desks read from now on.
      if (confirmedBy !== null) {
        await recordAudit(trx, actor, {
          entity: 'backup',
          entityId: null,
          action: 'backup.restoredFromElsewhere',
          at: isoNow(deps.clock),
          details: { label: input.name, values: { sha256, confirmedBy } },
        });
      }
    });
    deps.sessions.clear();
    return { restored: input.name, beforeRestore: before.name };
  });
}
