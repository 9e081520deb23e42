import type { Core } from '../core/core';
import { AppError } from '../core/errors';
import { checkUploader, PriceFileTooLarge, receivePriceFile } from '../core/parts/price-import/uploads';
import { actorForToken } from '../core/users/service';
import { MAX_PRICE_FILE_BYTES, type PriceFileUploadAnswer } from '../../shared/contract/parts/price-import';

/** What goes to the core's temporary file per write: the file is handed over in slices, never copied again. */
const SLICE = 1024 * 1024;

function* slices(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += SLICE) yield bytes.subarray(at, at + SLICE);
}

/**
 * The core's side of a desk's price-file upload: the main process checked the frame and handed the bytes over with
 * the session token; this checks the session and the role as the HTTP shell does and gives the bytes to the core's
 * upload (parts/price-import/uploads.ts), which writes the temporary file and answers the upload id.
 */
export async function receiveUpload(core: Core | null, token: unknown, data: unknown): Promise<PriceFileUploadAnswer> {
  if (!core) return { ok: false, error: { code: 'INTERNAL', issues: [{ reason: 'startup.upgrading' }] } };
  const bytes =
    data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer) : null;
  if (typeof token !== 'string' || !bytes)
    return { ok: false, error: { code: 'INVALID_INPUT', issues: [{ reason: 'invalid', field: 'uploadId' }] } };
  try {
    const actor = checkUploader(await actorForToken(core.deps, token), token !== '');
    if (bytes.byteLength > MAX_PRICE_FILE_BYTES) throw new PriceFileTooLarge();
    return { ok: true, ...(await receivePriceFile(core.deps, actor, slices(bytes))) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, issues: error.issues } };
    console.error('[core] price file upload failed', error);
    return { ok: false, error: { code: 'INTERNAL', issues: [{ reason: 'internal' }] } };
  }
}
