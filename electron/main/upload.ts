import { ipcMain } from 'electron';
import type { Core } from '../core/core';
import { importUploadStep, type ImportUploadAnswer, type ImportUploadStep } from '../../shared/contract/imports/uploads';
import type { CoreProcess } from './core-process';
import { isLocalAppUrl } from './security';

/** The preload's `importUpload` (electron/preload/index.ts) invokes this channel. */
export const IMPORT_UPLOAD_CHANNEL = 'baydesk:import-upload';

/** A slice as IPC delivers it (an ArrayBuffer, or a view of one), as the ArrayBuffer the step's schema takes. */
function withBuffer(step: unknown): unknown {
  if (typeof step !== 'object' || step === null || !('data' in step) || !ArrayBuffer.isView(step.data)) return step;
  const view = step.data;
  const whole = view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
  return { ...step, data: whole ? view.buffer : view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) };
}

/**
 * The desk's side of an import file's upload (the browser's is the HTTP shell's upload path of the import): the
 * renderer sends the file in slices (begin, slice..., end; abort), each step with its session token; this checks the
 * frame and the step's shape (a slice of at most DESK_UPLOAD_SLICE_BYTES) and passes it to the core's process
 * (electron/core-host/upload.ts), which checks the session and the role as the HTTP shell does and appends to the
 * same temporary file, answering the same upload id.
 */
export function serveImportUploadsOverIpc(core: Pick<CoreProcess, 'upload'> | Promise<Core>): void {
  const upload = core instanceof Promise ? inProcess(core) : (token: string, step: ImportUploadStep) => core.upload(token, step);
  ipcMain.handle(IMPORT_UPLOAD_CHANNEL, async (event, token: unknown, step: unknown): Promise<ImportUploadAnswer> => {
    if (!isLocalAppUrl(event.senderFrame?.url ?? ''))
      return { ok: false, error: { code: 'FORBIDDEN', issues: [{ reason: 'request.crossSite' }] } };
    const parsed = importUploadStep.safeParse(withBuffer(step));
    if (typeof token !== 'string' || !parsed.success)
      return { ok: false, error: { code: 'INVALID_INPUT', issues: [{ reason: 'invalid', field: 'uploadId' }] } };
    return upload(token, parsed.data);
  });
}

/**
 * A core opened in this very process (tests/integration/price-upload-desk.test.ts runs this file against a test core):
 * the host's own upload, loaded only then, so the desk's main bundle does not start the core's code.
 */
function inProcess(core: Promise<Core>) {
  return async (token: string, step: ImportUploadStep): Promise<ImportUploadAnswer> => {
    const { receiveUploadStep } = await import('../core-host/upload');
    return receiveUploadStep(await core.catch(() => null), token, step);
  };
}
