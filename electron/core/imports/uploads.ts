import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import {
  IMPORT_UPLOAD_KINDS,
  IMPORT_UPLOADS,
  uploadAccess,
  type ImportUploadKind,
} from '../../../shared/contract/imports/uploads';
import { roleMayCall } from '../../../shared/domain/roles';
import type { Actor, CoreDeps } from '../context';
import { AppError, fail } from '../errors';

/**
 * Import files (a price list, a previous DMS's export) arrive before the call that uses them (issue 14 item 2, issue
 * 18, README "Trust"): a shell streams the bytes here, into `<files>/imports/<uuid>.part`, counting them, and the
 * import's prepare call then claims the file by its upload id. So a file of tens or hundreds of MB is never held whole
 * in a request body, an IPC message or a Buffer. One mechanism for every kind of import; what differs is the kind's
 * entry in shared/contract/imports/uploads.ts (limit, roles, refusals). An upload belongs to the user who sent it, is
 * claimed once and only by its own import; one not claimed (or, while written, not added to) within uploadTuning.ttlMs
 * is removed, and whatever a previous run left is removed when a shell starts (sweepImportUploads).
 */

/**
 * How long an upload waits to be claimed (and a desk's upload in slices waits for its next slice): the desk claims it
 * right after sending it, so a quarter of an hour covers a slow disk or a busy core. Each kind's byte limit is the
 * contract's. Tests shorten the one and lower the other (a DMS export's 400 MB is slow to send past).
 */
export const uploadTuning = {
  ttlMs: 15 * 60 * 1000,
  maxBytes: Object.fromEntries(IMPORT_UPLOAD_KINDS.map((kind) => [kind, IMPORT_UPLOADS[kind].maxBytes])) as Record<
    ImportUploadKind,
    number
  >,
};

const UPLOAD_FILE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.part$/;

/** An upload whose bytes are all written, waiting for its prepare call. */
interface Upload {
  kind: ImportUploadKind;
  userId: number;
  /** Absolute path of the temporary file. */
  path: string;
  bytes: number;
  /** Wall time, not the desk's business clock: a temporary file's age is the machine's affair. */
  expiry: NodeJS.Timeout | null;
}

/** An upload still being written, slice by slice. */
interface Writing {
  kind: ImportUploadKind;
  userId: number;
  path: string;
  file: WriteStream;
  bytes: number;
  /** Its end was asked for: no slice is added after it. */
  ending: boolean;
  idle: NodeJS.Timeout | null;
}

interface Registry {
  uploads: Map<string, Upload>;
  /** Uploads still being written: a sweep leaves their files alone. */
  writing: Map<string, Writing>;
}

const registries = new WeakMap<CoreDeps, Registry>();

function registryOf(deps: CoreDeps): Registry {
  let registry = registries.get(deps);
  if (!registry) {
    registry = { uploads: new Map(), writing: new Map() };
    registries.set(deps, registry);
  }
  return registry;
}

export function uploadsDir(deps: CoreDeps): string {
  return join(deps.filesDir, 'imports');
}

/** The refusal of bytes past a kind's limit (the HTTP shell answers it with 413). */
export class ImportFileTooLarge extends AppError {
  constructor(maxBytes: number) {
    super('INVALID_INPUT', [
      { reason: 'request.tooLarge', field: 'uploadId', params: { maxMb: Math.ceil(maxBytes / (1024 * 1024)) } },
    ]);
  }
}

/**
 * Refuses whoever may not send a kind of file: no session (UNAUTHENTICATED), or a role the claiming prepare procedure
 * does not admit (FORBIDDEN `role.forbidden`, as the core's gate says it). The shells ask before reading any byte.
 */
export function checkUploader(kind: ImportUploadKind, actor: Actor | null, tokenGiven: boolean): Actor {
  if (!actor) fail('UNAUTHENTICATED', tokenGiven ? 'session.expired' : 'session.required');
  if (!roleMayCall(actor.role, uploadAccess(kind))) fail('FORBIDDEN', 'role.forbidden', undefined, { role: actor.role });
  return actor;
}

/** Each writing upload's idle timer: a desk that stopped sending (its window closed) leaves no file behind. */
function idleLater(registry: Registry, uploadId: string, writing: Writing): void {
  if (writing.idle) clearTimeout(writing.idle);
  writing.idle = setTimeout(() => void discard(registry, uploadId, writing), uploadTuning.ttlMs);
  writing.idle.unref();
}

async function discard(registry: Registry, uploadId: string, writing: Writing): Promise<void> {
  if (writing.idle) clearTimeout(writing.idle);
  if (registry.writing.get(uploadId) === writing) registry.writing.delete(uploadId);
  writing.file.destroy();
  await finished(writing.file).catch(() => undefined);
  await rm(writing.path, { force: true }).catch((error: unknown) => console.error('[core] import upload not removed', error));
}

function writingOf(deps: CoreDeps, actor: Actor, kind: ImportUploadKind, uploadId: string): Writing {
  const writing = registryOf(deps).writing.get(uploadId);
  if (!writing || writing.userId !== actor.id || writing.kind !== kind || writing.ending)
    fail('NOT_FOUND', IMPORT_UPLOADS[kind].missingReason, 'uploadId');
  return writing;
}

/** Starts an upload of `kind` for its sender: an empty temporary file, and the id its slices and its claim name. */
export async function beginImportUpload(deps: CoreDeps, actor: Actor, kind: ImportUploadKind): Promise<string> {
  checkUploader(kind, actor, true);
  const registry = registryOf(deps);
  const uploadId = randomUUID();
  const path = join(uploadsDir(deps), `${uploadId}.part`);
  await mkdir(uploadsDir(deps), { recursive: true });
  const file = createWriteStream(path, { flags: 'wx' });
  // A failed write surfaces in the write's own callback; this keeps the stream's 'error' event from being unhandled.
  file.on('error', () => undefined);
  const writing: Writing = { kind, userId: actor.id, path, file, bytes: 0, ending: false, idle: null };
  registry.writing.set(uploadId, writing);
  idleLater(registry, uploadId, writing);
  return uploadId;
}

/**
 * Adds a slice, counting: past the kind's limit the upload is removed and ImportFileTooLarge thrown. Resolves once the
 * slice is on its way to disk, so a sender that awaits each slice holds one slice at a time.
 */
export async function appendImportUpload(
  deps: CoreDeps,
  actor: Actor,
  kind: ImportUploadKind,
  uploadId: string,
  slice: Uint8Array,
): Promise<void> {
  const registry = registryOf(deps);
  const writing = writingOf(deps, actor, kind, uploadId);
  writing.bytes += slice.byteLength;
  if (writing.bytes > uploadTuning.maxBytes[kind]) {
    await discard(registry, uploadId, writing);
    throw new ImportFileTooLarge(uploadTuning.maxBytes[kind]);
  }
  idleLater(registry, uploadId, writing);
  try {
    await new Promise<void>((resolve, reject) => writing.file.write(slice, (error) => (error ? reject(error) : resolve())));
  } catch (error) {
    await discard(registry, uploadId, writing);
    throw error;
  }
}

/** Closes the upload's file and keeps it for its prepare call (an empty one is refused and removed). */
export async function finishImportUpload(
  deps: CoreDeps,
  actor: Actor,
  kind: ImportUploadKind,
  uploadId: string,
): Promise<{ uploadId: string }> {
  const registry = registryOf(deps);
  const writing = writingOf(deps, actor, kind, uploadId);
  writing.ending = true;
  if (writing.idle) clearTimeout(writing.idle);
  try {
    writing.file.end();
    await finished(writing.file);
  } catch (error) {
    await discard(registry, uploadId, writing);
    throw error;
  }
  if (writing.bytes === 0) {
    await discard(registry, uploadId, writing);
    fail('RULE', IMPORT_UPLOADS[kind].emptyReason, 'uploadId');
  }
  const upload: Upload = { kind, userId: actor.id, path: writing.path, bytes: writing.bytes, expiry: null };
  upload.expiry = expireLater(registry, uploadId, upload);
  registry.uploads.set(uploadId, upload);
  registry.writing.delete(uploadId);
  return { uploadId };
}

/** Drops an upload being written (the sender gave up): its file goes. An id already gone is no error. */
export async function abortImportUpload(deps: CoreDeps, actor: Actor, kind: ImportUploadKind, uploadId: string): Promise<void> {
  const registry = registryOf(deps);
  const writing = registry.writing.get(uploadId);
  if (writing && writing.userId === actor.id && writing.kind === kind) await discard(registry, uploadId, writing);
}

/**
 * Writes `source` to a new temporary file of `kind` (the HTTP shell's request body, a test's bytes), slice by slice
 * as above: only one chunk is in memory at a time. Answers the upload id its uploader's prepare call claims.
 */
export async function receiveImportFile(
  deps: CoreDeps,
  actor: Actor,
  kind: ImportUploadKind,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<{ uploadId: string }> {
  const uploadId = await beginImportUpload(deps, actor, kind);
  try {
    for await (const chunk of source) await appendImportUpload(deps, actor, kind, uploadId, chunk);
    return await finishImportUpload(deps, actor, kind, uploadId);
  } catch (error) {
    await abortImportUpload(deps, actor, kind, uploadId);
    throw error;
  }
}

/**
 * Takes an upload out of the registry for its uploader's prepare call of the same kind of import: the path of its
 * temporary file, which is now the caller's to move or remove. Another user's upload, another import's, one already
 * claimed or expired, or an unknown id are all "not found" (the kind's missing reason).
 */
export function claimImportFile(
  deps: CoreDeps,
  actor: Actor,
  kind: ImportUploadKind,
  uploadId: string,
): { path: string; bytes: number } {
  const registry = registryOf(deps);
  const upload = registry.uploads.get(uploadId);
  if (!upload || upload.userId !== actor.id || upload.kind !== kind)
    fail('NOT_FOUND', IMPORT_UPLOADS[kind].missingReason, 'uploadId');
  registry.uploads.delete(uploadId);
  if (upload.expiry) clearTimeout(upload.expiry);
  return { path: upload.path, bytes: upload.bytes };
}

/** Each upload's own timer: unclaimed after uploadTuning.ttlMs, its file is removed and its id forgotten. */
function expireLater(registry: Registry, uploadId: string, upload: Upload): NodeJS.Timeout {
  const timer = setTimeout(() => {
    if (registry.uploads.get(uploadId) !== upload) return;
    registry.uploads.delete(uploadId);
    void rm(upload.path, { force: true }).catch((error: unknown) => console.error('[core] import upload not removed', error));
  }, uploadTuning.ttlMs);
  // Never keeps the process alive: a file left at exit is swept at the next start.
  timer.unref();
  return timer;
}

/**
 * Removes the temporary files of uploads this core does not know, of every kind (they share one folder): those a
 * previous run left (a crash, a restart before the desk went on). The shells call it when they start serving; it
 * leaves the uploads of this run alone.
 */
export async function sweepImportUploads(deps: CoreDeps): Promise<number> {
  const registry = registryOf(deps);
  let names: string[];
  try {
    names = await readdir(uploadsDir(deps));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!UPLOAD_FILE.test(name)) continue;
    const uploadId = name.slice(0, -'.part'.length);
    if (registry.uploads.has(uploadId) || registry.writing.has(uploadId)) continue;
    await rm(join(uploadsDir(deps), name), { force: true });
    removed += 1;
  }
  return removed;
}
