import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Actor, CoreDeps } from '../context';
import { fail } from '../errors';

/**
 * Import files (a price list, a previous DMS's export) arrive before the call that uses them (issue 14 item 2, README
 * "Trust"): a shell streams the bytes here, into `<files>/imports/<uuid>.part`, counting them, and the import's
 * prepare call then claims the file by its upload id. So a file of tens of MB is never held whole in a request body
 * or a Buffer. An upload belongs to the user who sent it and is claimed once; one not claimed within
 * uploadTuning.ttlMs is removed, and whatever a previous run left is removed when a shell starts (sweepImportUploads).
 */

/**
 * How long an upload waits to be claimed: the desk claims it right after sending it, so a quarter of an hour covers a
 * slow disk or a busy core. Tests shorten it.
 */
export const uploadTuning = { ttlMs: 15 * 60 * 1000 };

const UPLOAD_FILE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.part$/;

interface Upload {
  userId: number;
  /** Absolute path of the temporary file. */
  path: string;
  bytes: number;
  /** Wall time, not the desk's business clock: a temporary file's age is the machine's affair. */
  expiry: NodeJS.Timeout | null;
}

interface Registry {
  uploads: Map<string, Upload>;
  /** Ids still being written: a sweep leaves their files alone. */
  writing: Set<string>;
}

const registries = new WeakMap<CoreDeps, Registry>();

function registryOf(deps: CoreDeps): Registry {
  let registry = registries.get(deps);
  if (!registry) {
    registry = { uploads: new Map(), writing: new Set() };
    registries.set(deps, registry);
  }
  return registry;
}

export function uploadsDir(deps: CoreDeps): string {
  return join(deps.filesDir, 'imports');
}

/** How one import's uploads are limited and refused. */
export interface UploadRules {
  maxBytes: number;
  /** The error thrown past maxBytes (the HTTP shell answers it with 413). */
  tooLarge: () => Error;
  /** The reason an empty file is refused with. */
  emptyReason: string;
}

/**
 * Writes `source` to a new temporary file, counting: past rules.maxBytes it stops reading, removes the file and
 * throws rules.tooLarge(); an empty file is refused too. Only one chunk is in memory at a time (the write stream's
 * back-pressure pauses the source). Answers the upload id its uploader's prepare call claims.
 */
export async function receiveImportFile(
  deps: CoreDeps,
  actor: Actor,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  rules: UploadRules,
): Promise<{ uploadId: string }> {
  const registry = registryOf(deps);
  const uploadId = randomUUID();
  const path = join(uploadsDir(deps), `${uploadId}.part`);
  registry.writing.add(uploadId);
  try {
    await mkdir(uploadsDir(deps), { recursive: true });
    const file = createWriteStream(path, { flags: 'wx' });
    let bytes = 0;
    try {
      for await (const chunk of source) {
        bytes += chunk.byteLength;
        if (bytes > rules.maxBytes) throw rules.tooLarge();
        if (!file.write(chunk)) await once(file, 'drain');
      }
      file.end();
      await finished(file);
    } catch (error) {
      file.destroy();
      await finished(file).catch(() => undefined);
      await rm(path, { force: true });
      throw error;
    }
    if (bytes === 0) {
      await rm(path, { force: true });
      fail('RULE', rules.emptyReason, 'uploadId');
    }
    const upload: Upload = { userId: actor.id, path, bytes, expiry: null };
    upload.expiry = expireLater(registry, uploadId, upload);
    registry.uploads.set(uploadId, upload);
    return { uploadId };
  } finally {
    registry.writing.delete(uploadId);
  }
}

/**
 * Takes an upload out of the registry for its uploader: the path of its temporary file, which is now the caller's to
 * move or remove. Another user's upload, one already claimed or expired, or an unknown id are all "not found"
 * (`missingReason`).
 */
export function claimImportFile(
  deps: CoreDeps,
  actor: Actor,
  uploadId: string,
  missingReason: string,
): { path: string; bytes: number } {
  const registry = registryOf(deps);
  const upload = registry.uploads.get(uploadId);
  if (!upload || upload.userId !== actor.id) fail('NOT_FOUND', missingReason, 'uploadId');
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
 * Removes the temporary files of uploads this core does not know: those a previous run left (a crash, a restart before
 * the desk went on). The shells call it when they start serving; it leaves the uploads of this run alone.
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
