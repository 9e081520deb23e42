import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { BACKUP_NAME, type BackupKind, type BackupProblem } from '../../../shared/contract/backups';
import { MIGRATIONS } from '../db/migrations';

/** What the core recorded about each backup it took: the result of its check survives a restart. */
export interface ManifestEntry {
  kind: BackupKind;
  createdAt: string;
  sizeBytes: number;
  verified: boolean;
  problem: BackupProblem | null;
  schemaVersion: number | null;
}
export type Manifest = Record<string, ManifestEntry>;

const MANIFEST = 'manifest.json';

export function readManifest(dir: string): Manifest {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { backups?: Manifest };
    return parsed.backups ?? {};
  } catch {
    // A damaged manifest loses only the check results; the backups themselves are listed from the folder.
    return {};
  }
}

/** Written aside and renamed over, so a crash leaves the old manifest or the new one, never half of one. */
export function writeManifest(dir: string, manifest: Manifest): void {
  const file = join(dir, MANIFEST);
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ backups: manifest }, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

function stamp(iso: string): string {
  return iso.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/** `baydesk-20261124-020000-daily.sqlite` (UTC); `-2`, `-3`... when that second already has one. */
export function freeBackupName(dir: string, createdAt: string, kind: BackupKind): string {
  for (let n = 1; ; n++) {
    const name = `baydesk-${stamp(createdAt)}${n === 1 ? '' : `-${n}`}-${kind}.sqlite`;
    if (!existsSync(join(dir, name)) && !existsSync(join(dir, `${name}.partial`))) return name;
  }
}

/** The kind and time written in a backup's name (for a file the manifest does not know). */
export function parseBackupName(name: string): { kind: BackupKind; createdAt: string } | null {
  if (!BACKUP_NAME.test(name)) return null;
  const m = /^baydesk-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-\d+)?-(.+)\.sqlite$/.exec(name)!;
  return { kind: m[7] as BackupKind, createdAt: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z` };
}

/**
 * Copies the database with SQLite's online backup API, through a read-only connection of its own: in WAL mode a
 * reader never blocks the desks' writes, and it copies the last committed state, not a transaction half done on
 * the core's connection. All pages go in one step, so no write can slip between steps and restart the copy.
 * The copy is then switched to a rollback journal: one self-contained file that opens anywhere.
 */
export async function copyDatabase(source: string, destination: string, nativeBinding?: string): Promise<void> {
  const options = nativeBinding ? { nativeBinding } : {};
  const reader = new BetterSqlite3(source, { ...options, readonly: true, fileMustExist: true });
  try {
    await reader.backup(destination, { progress: () => 0x7fffffff });
  } finally {
    reader.close();
  }
  const copy = new BetterSqlite3(destination, { ...options, fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/**
 * Opens a backup read-only and checks that BayDesk can use it: SQLite's integrity_check says ok and the schema
 * version is one this BayDesk knows (a newer one cannot be opened; 0 is not a BayDesk database at all).
 */
export function checkBackupFile(file: string, nativeBinding?: string): { problem: BackupProblem | null; schemaVersion: number | null } {
  if (!existsSync(file)) return { problem: 'missing', schemaVersion: null };
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(file, { ...(nativeBinding ? { nativeBinding } : {}), readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    if (rows.length !== 1 || rows[0]!.integrity_check !== 'ok') return { problem: 'corrupt', schemaVersion: null };
    const schemaVersion = Number(db.pragma('user_version', { simple: true }));
    if (schemaVersion === 0) return { problem: 'noSchema', schemaVersion };
    if (schemaVersion > MIGRATIONS.length) return { problem: 'tooNew', schemaVersion };
    return { problem: null, schemaVersion };
  } catch {
    // "file is not a database", a truncated file, unreadable pages.
    return { problem: 'corrupt', schemaVersion: null };
  } finally {
    db?.close();
  }
}
