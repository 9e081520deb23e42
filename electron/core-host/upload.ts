import type { Core } from '../core/core';
import { AppError } from '../core/errors';
import { checkUploader, receiveImportFile } from '../core/imports/uploads';
import { actorForToken } from '../core/users/service';
import type { ImportUploadAnswer } from '../../shared/contract/imports/uploads';

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
export async function receiveUpload(core: Core | null, token: unknown, data: unknown): Promise<ImportUploadAnswer> {
  if (!core) return { ok: false, error: { code: 'INTERNAL', issues: [{ reason: 'startup.upgrading' }] } };
  const bytes =
    data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer) : null;
  if (typeof token !== 'string' || !bytes)
    return { ok: false, error: { code: 'INVALID_INPUT', issues: [{ reason: 'invalid', field: 'uploadId' }] } };
  try {
    const actor = checkUploader('priceFile', await actorForToken(core.deps, token), token !== '');
    return { ok: true, ...(await receiveImportFile(core.deps, actor, 'priceFile', slices(bytes))) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, issues: error.issues } };
    console.error('[core] price file upload failed', error);
    return { ok: false, error: { code: 'INTERNAL', issues: [{ reason: 'internal' }] } };
  }
}
