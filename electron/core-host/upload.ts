import type { Core } from '../core/core';
import { AppError } from '../core/errors';
import {
  abortImportUpload,
  appendImportUpload,
  beginImportUpload,
  checkUploader,
  finishImportUpload,
} from '../core/imports/uploads';
import { actorForToken } from '../core/users/service';
import type { ImportUploadAnswer, ImportUploadStep } from '../../shared/contract/imports/uploads';

/** The slice as the utility process's port delivers it: the ArrayBuffer sent, or (cloned) a view of one; never copied. */
function bytesOf(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}

/**
 * The core's side of a desk's upload in slices (any import's file: a price list, a previous DMS's export): the main
 * process checked the frame and the step's shape (electron/main/upload.ts) and hands each step over with the session
 * token; this checks the session and the role for every step, as the HTTP shell does for its request, and lets the
 * import engine (core/imports/uploads.ts) begin, append to, close or drop the same temporary file the HTTP shell
 * writes. `end` answers the upload id the import's prepare call claims.
 */
export async function receiveUploadStep(core: Core | null, token: string, step: ImportUploadStep): Promise<ImportUploadAnswer> {
  if (!core) return { ok: false, error: { code: 'INTERNAL', issues: [{ reason: 'startup.upgrading' }] } };
  try {
    const actor = checkUploader(step.kind, await actorForToken(core.deps, token), token !== '');
    switch (step.step) {
      case 'begin':
        return { ok: true, uploadId: await beginImportUpload(core.deps, actor, step.kind) };
      case 'slice':
        await appendImportUpload(core.deps, actor, step.kind, step.uploadId, bytesOf(step.data));
        return { ok: true, uploadId: step.uploadId };
      case 'end':
        return { ok: true, ...(await finishImportUpload(core.deps, actor, step.kind, step.uploadId)) };
      case 'abort':
        await abortImportUpload(core.deps, actor, step.kind, step.uploadId);
        return { ok: true, uploadId: step.uploadId };
    }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, issues: error.issues } };
    console.error(`[core] ${step.kind} upload failed (${step.step})`, error);
    return { ok: false, error: { code: 'INTERNAL', issues: [{ reason: 'internal' }] } };
  }
}
