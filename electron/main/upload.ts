import { ipcMain } from 'electron';
import type { Core } from '../core/core';
import { AppError } from '../core/errors';
import { checkUploader, PriceFileTooLarge, receivePriceFile, sweepPriceUploads } from '../core/parts/price-import/uploads';
import { actorForToken } from '../core/users/service';
import { MAX_PRICE_FILE_BYTES, type PriceFileUploadAnswer } from '../../shared/contract/parts/price-import';
import { isAppUrl } from './security';

/** The preload's `uploadPriceFile` (electron/preload/index.ts) invokes this channel. */
export const UPLOAD_PRICE_FILE_CHANNEL = 'baydesk:upload-price-file';

/** What goes to the core's temporary file per write: the file is handed over in slices, never copied again. */
const SLICE = 1024 * 1024;

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

function* slices(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += SLICE) yield bytes.subarray(at, at + SLICE);
}

/**
 * The desk's side of a price-file upload (the browser's is the HTTP shell's upload path): the renderer hands the
 * file's bytes over IPC with its session token; this checks the frame, the session and the role as the HTTP shell
 * does, and gives the bytes to the core's upload (parts/price-import/uploads.ts), which writes the same temporary file and answers
 * the same upload id. On a desk the file comes from the desk's own disk through our own page, so it crosses IPC as
 * one ArrayBuffer (structured clone); nothing here decodes it.
 */
export function servePriceUploadsOverIpc(core: Promise<Core>): void {
  let opened: Core | null = null;
  core.then(
    (value) => {
      opened = value;
      // Uploads a previous run left unclaimed go when the desk starts.
      void sweepPriceUploads(value.deps).catch((error: unknown) => console.error('[main] price uploads not swept', error));
    },
    () => undefined,
  );
  ipcMain.handle(UPLOAD_PRICE_FILE_CHANNEL, async (event, token: unknown, data: unknown): Promise<PriceFileUploadAnswer> => {
    if (!isAppUrl(event.senderFrame?.url ?? ''))
      return { ok: false, error: { code: 'FORBIDDEN', issues: [{ reason: 'request.crossSite' }] } };
    const bytes = bytesOf(data);
    if (!opened) return { ok: false, error: { code: 'INTERNAL', issues: [{ reason: 'startup.upgrading' }] } };
    if (typeof token !== 'string' || !bytes)
      return { ok: false, error: { code: 'INVALID_INPUT', issues: [{ reason: 'invalid', field: 'uploadId' }] } };
    try {
      const actor = checkUploader(await actorForToken(opened.deps, token), token !== '');
      if (bytes.byteLength > MAX_PRICE_FILE_BYTES) throw new PriceFileTooLarge();
      return { ok: true, ...(await receivePriceFile(opened.deps, actor, slices(bytes))) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: { code: error.code, issues: error.issues } };
      console.error('[main] price file upload failed', error);
      return { ok: false, error: { code: 'INTERNAL', issues: [{ reason: 'internal' }] } };
    }
  });
}
