import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
  /** How it was checked (absent in manifests written before the daily backup was checked quickly). */
  check?: CheckLevel;
  /**
   * The file's SHA-256 (hex) right after the copy. Only present in entries read from a manifest whose signature
   * verified (see readManifest): an entry without it is "from elsewhere". Absent in manifests written before issue 14.
   */
  sha256?: string;
}
export type Manifest = Record<string, ManifestEntry>;

const MANIFEST = 'manifest.json';
/** The manifest's signing key, next to the database in the data folder (not in the backups folder). */
const KEY_FILE = 'backup-key';
const KEY_BYTES = 32;

/**
 * The key that signs the manifest: 32 random bytes in `<data dir>/backup-key` (mode 0600), created on first use. A
 * key that is missing or damaged is replaced: every entry signed with the old one is then "from elsewhere".
 */
export function manifestKey(dataDir: string): Buffer {
  const file = join(dataDir, KEY_FILE);
  try {
    const key = readFileSync(file);
    if (key.length === KEY_BYTES) return key;
  } catch {
    // Not there yet: made below.
  }
  const key = randomBytes(KEY_BYTES);
  writeFileSync(`${file}.tmp`, key, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return key;
}

/** JSON with its object keys sorted, so the signature does not depend on the order a parser keeps. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sign(key: Buffer, manifest: Manifest): string {
  return createHmac('sha256', key).update(canonical(manifest)).digest('hex');
}

function signatureHolds(key: Buffer, manifest: Manifest, signature: unknown): boolean {
  if (typeof signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature)) return false;
  return timingSafeEqual(Buffer.from(sign(key, manifest), 'hex'), Buffer.from(signature, 'hex'));
}

/**
 * The manifest's entries. With `key`, an entry keeps its SHA-256 only when the manifest's signature verifies: a
 * manifest that does not verify (edited, unsigned, written before issue 14, or signed with another key) trusts none of
 * its entries, and the hashes are dropped so that no later write ever signs them. Without `key`, no hash is kept.
 */
export function readManifest(dir: string, key?: Buffer): Manifest {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { backups?: Manifest; signature?: unknown };
    const backups = parsed.backups ?? {};
    if (key && signatureHolds(key, backups, parsed.signature)) return backups;
    const untrusted: Manifest = {};
    for (const [name, entry] of Object.entries(backups)) {
      const { sha256: _dropped, ...rest } = entry;
      untrusted[name] = rest;
    }
    return untrusted;
  } catch {
    // A damaged manifest loses only the check results; the backups themselves are listed from the folder.
    return {};
  }
}

/**
 * Written aside and renamed over, so a crash leaves the old manifest or the new one, never half of one. Signed with
 * `key` (HMAC-SHA256 over the entries); without it the manifest is unsigned and trusts nothing.
 */
export function writeManifest(dir: string, manifest: Manifest, key?: Buffer): void {
  const file = join(dir, MANIFEST);
  const body = key ? { backups: manifest, signature: sign(key, manifest) } : { backups: manifest };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(body, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The file's SHA-256 (hex), streamed: a ten-year backup is 4.5 GB and is never read whole. Runs in the worker. */
export function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
    stream.on('data', (chunk) => hash.update(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(hash.digest('hex')));
  });
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

/** Pages copied per step: 1 MiB of 4 KiB pages, so a ten-year file reports its progress about 4,000 times. */
export const PAGES_PER_STEP = 256;

/** Where a copy is: pages of the source copied so far and in all. */
export interface CopyProgress {
  donePages: number;
  totalPages: number;
}

/**
 * Copies the database with SQLite's online backup API, through a read-only connection of its own. It runs in a
 * worker thread (see ../workers), so it may take its time: it copies in steps of PAGES_PER_STEP and tells its progress
 * after each. One read transaction is held over all steps: the copy is the last committed state when it began (never
 * a transaction half done), and a desk's commit between two steps does not restart it (SQLite restarts a stepped
 * backup whose source changed only when the source connection's snapshot moves). In WAL mode that reader never
 * blocks the desks' writes; the WAL grows meanwhile and shrinks back once the copy ends (journal_size_limit).
 * The copy is then switched to a rollback journal: one self-contained file that opens anywhere.
 */
export async function copyDatabase(
  source: string,
  destination: string,
  options: { nativeBinding?: string; onProgress?: (progress: CopyProgress) => void } = {},
): Promise<void> {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const reader = new BetterSqlite3(source, { ...binding, readonly: true, fileMustExist: true });
  try {
    reader.exec('BEGIN');
    // BEGIN is deferred: the first read takes the snapshot every step then copies from.
    reader.prepare('SELECT count(*) FROM sqlite_schema').get();
    await reader.backup(destination, {
      progress: ({ totalPages, remainingPages }) => {
        options.onProgress?.({ donePages: totalPages - remainingPages, totalPages });
        return PAGES_PER_STEP;
      },
    });
    reader.exec('COMMIT');
    const totalPages = Number(reader.pragma('page_count', { simple: true }));
    options.onProgress?.({ donePages: totalPages, totalPages });
  } finally {
    reader.close();
  }
  const copy = new BetterSqlite3(destination, { ...binding, fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/**
 * How thoroughly a backup is checked. `full` is SQLite's integrity_check: every page and b-tree, and every index entry
 * against its table row (the bulk of the time at ten years). `quick` is quick_check: every page and b-tree, not index
 * against table. The daily backup is checked quickly: it runs every day beside the desks, and what a failed copy
 * leaves behind (a truncated file, unreadable or malformed pages, broken b-trees) is what quick_check finds. A backup a
 * manager asks for, the copy taken before a restore and a file about to be restored get the full check, so a backup
 * is always fully checked before it becomes the live database.
 */
export type CheckLevel = 'quick' | 'full';

/**
 * Opens a backup read-only and checks that BayDesk can use it: SQLite's check says ok and the schema version is one
 * this BayDesk knows (a newer one cannot be opened; 0 is not a BayDesk database at all).
 */
export function checkBackupFile(
  file: string,
  options: { nativeBinding?: string; level?: CheckLevel } = {},
): { problem: BackupProblem | null; schemaVersion: number | null } {
  if (!existsSync(file)) return { problem: 'missing', schemaVersion: null };
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      readonly: true,
      fileMustExist: true,
    });
    const check = options.level === 'quick' ? 'quick_check' : 'integrity_check';
    const rows = db.pragma(check) as Record<string, string>[];
    if (rows.length !== 1 || Object.values(rows[0]!)[0] !== 'ok') return { problem: 'corrupt', schemaVersion: null };
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
