import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { ProcedureMeta } from '../../../../shared/contract/base';
import {
  MAX_PRICE_FILE_BYTES,
  MAX_PRICE_FILE_MB,
  priceImportContract,
  type PriceFileUploaded,
} from '../../../../shared/contract/parts/price-import';
import { roleMayCall } from '../../../../shared/domain/roles';
import type { Actor, CoreDeps } from '../../context';
import { AppError, fail } from '../../errors';

/**
 * Price files arrive before the call that uses them (issue 14 item 2, README "Trust"): a shell streams the bytes here,
 * into `<files>/imports/<uuid>.part`, counting them, and the clerk's `parts.importPrepare` then claims the file by its
 * upload id. So a file of tens of MB is never held whole in a request body or a Buffer. An upload belongs to the
 * user who sent it and is claimed once; one not claimed within uploadTuning.ttlMs is removed, and whatever a previous run
 * left is removed when a shell starts (sweepPriceUploads).
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

/** The upload's refusal when its bytes pass the price-file limit (the HTTP shell answers it with 413). */
export class PriceFileTooLarge extends AppError {
  constructor() {
    super('INVALID_INPUT', [{ reason: 'request.tooLarge', field: 'uploadId', params: { maxMb: MAX_PRICE_FILE_MB } }]);
  }
}

/** Who may upload a price file: whoever may call `parts.importPrepare`, as the contract says. */
export function mayUploadPriceFile(actor: Actor): boolean {
  const meta = (priceImportContract.importPrepare as unknown as { '~orpc': { meta: ProcedureMeta } })['~orpc'].meta;
  return roleMayCall(actor.role, meta.access);
}

/** Refuses an actor who may not upload a price file (FORBIDDEN `role.forbidden`, as the core's gate says it). */
export function checkUploader(actor: Actor | null, tokenGiven: boolean): Actor {
  if (!actor) fail('UNAUTHENTICATED', tokenGiven ? 'session.expired' : 'session.required');
  if (!mayUploadPriceFile(actor)) fail('FORBIDDEN', 'role.forbidden', undefined, { role: actor.role });
  return actor;
}

/**
 * Writes `source` to a new temporary file, counting: past MAX_PRICE_FILE_BYTES it stops reading, removes the file and
 * throws PriceFileTooLarge; an empty file is refused too. Only one chunk is in memory at a time (the write stream's
 * back-pressure pauses the source). Answers the upload id its uploader's `parts.importPrepare` claims.
 */
export async function receivePriceFile(
  deps: CoreDeps,
  actor: Actor,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<PriceFileUploaded> {
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
        if (bytes > MAX_PRICE_FILE_BYTES) throw new PriceFileTooLarge();
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
      fail('RULE', 'priceImport.fileEmpty', 'uploadId');
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
 * move or remove. Another user's upload, one already claimed or expired, or an unknown id are all "not found".
 */
export function claimPriceFile(deps: CoreDeps, actor: Actor, uploadId: string): { path: string; bytes: number } {
  const registry = registryOf(deps);
  const upload = registry.uploads.get(uploadId);
  if (!upload || upload.userId !== actor.id) fail('NOT_FOUND', 'priceImport.uploadMissing', 'uploadId');
  registry.uploads.delete(uploadId);
  if (upload.expiry) clearTimeout(upload.expiry);
  return { path: upload.path, bytes: upload.bytes };
}

/** Each upload's own timer: unclaimed after uploadTuning.ttlMs, its file is removed and its id forgotten. */
function expireLater(registry: Registry, uploadId: string, upload: Upload): NodeJS.Timeout {
  const timer = setTimeout(() => {
    if (registry.uploads.get(uploadId) !== upload) return;
    registry.uploads.delete(uploadId);
    void rm(upload.path, { force: true }).catch((error: unknown) => console.error('[core] price upload not removed', error));
  }, uploadTuning.ttlMs);
  // Never keeps the process alive: a file left at exit is swept at the next start.
  timer.unref();
  return timer;
}

/**
 * Removes the temporary files of uploads this core does not know: those a previous run left (a crash, a restart before
 * the clerk went on). The shells call it when they start serving; it leaves the uploads of this run alone.
 */
export async function sweepPriceUploads(deps: CoreDeps): Promise<number> {
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
