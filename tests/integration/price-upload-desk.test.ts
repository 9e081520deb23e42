import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportUploadAnswer } from '../../shared/contract/imports/uploads';
import { openTestCore, type TestCore } from '../fixtures/core';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * The desk's (Electron's) side of a price-file upload, electron/main/upload.ts, run against a stand-in for Electron's
 * ipcMain (the binary cannot run here): the same checks as the HTTP shell's upload path, the same temporary file, the
 * same upload id for `parts.importPrepare`.
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
let upload: (url: string, token: unknown, data: unknown) => Promise<ImportUploadAnswer>;

beforeAll(async () => {
  process.env.ELECTRON_RENDERER_URL = 'http://localhost:5199';
  t = await openTestCore();
  clerk = await signIn(t.core, 'parts_clerk');
  advisor = await signIn(t.core, 'advisor');
  const { servePriceUploadsOverIpc, UPLOAD_PRICE_FILE_CHANNEL } = await import('../../electron/main/upload');
  servePriceUploadsOverIpc(Promise.resolve(t.core));
  await Promise.resolve();
  const handler = handlers.get(UPLOAD_PRICE_FILE_CHANNEL)!;
  upload = (url, token, data) => handler({ senderFrame: { url } }, token, data);
});
afterAll(async () => {
  delete process.env.ELECTRON_RENDERER_URL;
  await t?.close();
});

describe("the desk's price-file upload over IPC", () => {
  it('writes the temporary file the import claims, for a signed-in clerk on our own page', async () => {
    const csv = new TextEncoder().encode('零件号,名称,零售价\r\nIPC-1,机油滤清器,12.50\r\n');
    const answer = await upload(APP, clerk.token, csv.buffer);
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    const prepared = await clerk.client.parts.importPrepare({ fileName: 'ipc.csv', uploadId: answer.uploadId });
    expect(prepared.headers).toEqual(['零件号', '名称', '零售价']);
    expect(prepared.previewRows).toEqual([['IPC-1', '机油滤清器', '12.50']]);
  });

  it('refuses another page, no session, a role that may not import, and a file over the limit', async () => {
    const bytes = new TextEncoder().encode('a,b\r\n1,2\r\n').buffer;
    expect(await upload('file:///tmp/downloaded.html', clerk.token, bytes)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', issues: [{ reason: 'request.crossSite' }] },
    });
    expect(await upload(APP, '', bytes)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await upload(APP, advisor.token, bytes)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', issues: [{ reason: 'role.forbidden' }] },
    });
    expect(await upload(APP, clerk.token, new ArrayBuffer(60 * 1024 * 1024 + 1))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ reason: 'request.tooLarge', field: 'uploadId' }] },
    });
  });
});
