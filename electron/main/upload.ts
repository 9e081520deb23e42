import { ipcMain } from 'electron';
import type { Core } from '../core/core';
import type { ImportUploadAnswer } from '../../shared/contract/imports/uploads';
import type { CoreProcess } from './core-process';
import { isLocalAppUrl } from './security';

/** The preload's `uploadPriceFile` (electron/preload/index.ts) invokes this channel. */
export const UPLOAD_PRICE_FILE_CHANNEL = 'baydesk:upload-price-file';

function bufferOf(data: unknown): ArrayBuffer | null {
  if (data instanceof ArrayBuffer) return data;
  if (ArrayBuffer.isView(data)) return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  return null;
}

/**
 * The desk's side of a price-file upload (the browser's is the HTTP shell's upload path): the renderer hands the
 * file's bytes over IPC with its session token; this checks the frame and passes both to the core's process
 * (electron/core-host/upload.ts), which checks the session and the role as the HTTP shell does, writes the same
 * temporary file and answers the same upload id.
 */
export function servePriceUploadsOverIpc(core: Pick<CoreProcess, 'upload'> | Promise<Core>): void {
  const upload = core instanceof Promise ? inProcess(core) : (token: string, data: ArrayBuffer) => core.upload(token, data);
  ipcMain.handle(UPLOAD_PRICE_FILE_CHANNEL, async (event, token: unknown, data: unknown): Promise<ImportUploadAnswer> => {
    if (!isLocalAppUrl(event.senderFrame?.url ?? ''))
      return { ok: false, error: { code: 'FORBIDDEN', issues: [{ reason: 'request.crossSite' }] } };
    const bytes = bufferOf(data);
    if (typeof token !== 'string' || !bytes)
      return { ok: false, error: { code: 'INVALID_INPUT', issues: [{ reason: 'invalid', field: 'uploadId' }] } };
    return upload(token, bytes);
  });
}

/**
 * A core opened in this very process (tests/integration/price-upload-desk.test.ts runs this file against a test core):
 * the host's own upload, loaded only then, so the desk's main bundle does not start the core's code.
 */
function inProcess(core: Promise<Core>) {
  return async (token: string, data: ArrayBuffer): Promise<ImportUploadAnswer> => {
    const { receiveUpload } = await import('../core-host/upload');
    return receiveUpload(await core.catch(() => null), token, data);
  };
}
