import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportUploadAnswer } from '../../shared/contract/imports/uploads';
import { openTestCore, type TestCore } from '../fixtures/core';
import { sendInSlices, type DeskUploadCall } from '../fixtures/desk-upload';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * The desk's (Electron's) side of a price-file upload, electron/main/upload.ts, run against a stand-in for Electron's
 * ipcMain (the binary cannot run here): the file in slices, with the same checks as the HTTP shell's upload path, the
 * same temporary file, the same upload id for `parts.importPrepare`. (A DMS export's: dms-upload.test.ts.)
 */
type Handler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<ImportUploadAnswer>;
const handlers = vi.hoisted(() => new Map<string, Handler>());
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) },
  app: {},
  session: {},
}));

const APP = 'http://localhost:5199/index.html';
let t: TestCore;
let clerk: SignedIn;
let advisor: SignedIn;
let call: DeskUploadCall;

beforeAll(async () => {
  process.env.ELECTRON_RENDERER_URL = 'http://localhost:5199';
  t = await openTestCore();
  clerk = await signIn(t.core, 'parts_clerk');
  advisor = await signIn(t.core, 'advisor');
  const { serveImportUploadsOverIpc, IMPORT_UPLOAD_CHANNEL } = await import('../../electron/main/upload');
  serveImportUploadsOverIpc(Promise.resolve(t.core));
  await Promise.resolve();
  const handler = handlers.get(IMPORT_UPLOAD_CHANNEL)!;
  call = (url, token, step) => handler({ senderFrame: { url } }, token, step);
});
afterAll(async () => {
  delete process.env.ELECTRON_RENDERER_URL;
  await t?.close();
});

describe("the desk's price-file upload over IPC", () => {
  it('writes the temporary file the import claims, for a signed-in clerk on our own page', async () => {
    const csv = new TextEncoder().encode('零件号,名称,零售价\r\nIPC-1,机油滤清器,12.50\r\n');
    const answer = await sendInSlices(call, APP, clerk.token, 'priceFile', csv);
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    const prepared = await clerk.client.parts.importPrepare({ fileName: 'ipc.csv', uploadId: answer.uploadId });
    expect(prepared.headers).toEqual(['零件号', '名称', '零售价']);
    expect(prepared.previewRows).toEqual([['IPC-1', '机油滤清器', '12.50']]);
  });

  it('refuses another page, no session, a role that may not import, and a file over the limit', async () => {
    const bytes = new TextEncoder().encode('a,b\r\n1,2\r\n');
    expect(await sendInSlices(call, 'file:///tmp/downloaded.html', clerk.token, 'priceFile', bytes)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', issues: [{ reason: 'request.crossSite' }] },
    });
    expect(await sendInSlices(call, APP, '', 'priceFile', bytes)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await sendInSlices(call, APP, advisor.token, 'priceFile', bytes)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', issues: [{ reason: 'role.forbidden' }] },
    });
    expect(await sendInSlices(call, APP, clerk.token, 'priceFile', new Uint8Array(60 * 1024 * 1024 + 1))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ reason: 'request.tooLarge', field: 'uploadId' }] },
    });
  });
});
