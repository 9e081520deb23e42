import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { uploadTuning } from '../../electron/core/imports/uploads';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { DMS_FILE_UPLOAD_PATH, MAX_DMS_FILE_BYTES, MAX_DMS_FILE_MB } from '../../shared/contract/dms-import';
import { DESK_UPLOAD_SLICE_BYTES, type ImportUploadAnswer } from '../../shared/contract/imports/uploads';
import { PRICE_FILE_UPLOAD_PATH } from '../../shared/contract/parts/price-import';
import { openTestCore, type TestCore } from '../fixtures/core';
import { CUSTOMERS, csvOf } from '../fixtures/dms-import';
import { sendInSlices, type DeskUploadCall } from '../fixtures/desk-upload';
import { apiError, expectApiError } from '../fixtures/errors';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * A previous DMS's export (issue 18) goes to the core the way a price file does, through the import engine's one
 * upload mechanism: over HTTP a POST of its raw bytes to DMS_FILE_UPLOAD_PATH, refused on its headers for a missing
 * session or a role that may not call `dmsImport.prepare`, counted against the DMS limit as it is written to a
 * temporary file, and claimed by the uploader's `dmsImport.prepare` only. On a desk (electron/main/upload.ts, against a
 * stand-in for Electron's ipcMain) the same file goes in slices to the same temporary file.
 */
type Handler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<ImportUploadAnswer>;
const handlers = vi.hoisted(() => new Map<string, Handler>());
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) },
  app: {},
  session: {},
}));

const MB = 1024 * 1024;
const APP = 'http://localhost:5199/index.html';

let t: TestCore;
let server: RunningServer;
let manager: SignedIn;
let clerk: SignedIn;
let advisor: SignedIn;
let otherManager: SignedIn;
let call: DeskUploadCall;

beforeAll(async () => {
  process.env.ELECTRON_RENDERER_URL = 'http://localhost:5199';
  t = await openTestCore();
  manager = await signIn(t.core, 'manager');
  otherManager = await signIn(t.core, 'manager');
  clerk = await signIn(t.core, 'parts_clerk');
  advisor = await signIn(t.core, 'advisor');
  server = await startHttpServer({ core: t.core, port: 0, staticDir: null });
  const { serveImportUploadsOverIpc, IMPORT_UPLOAD_CHANNEL } = await import('../../electron/main/upload');
  serveImportUploadsOverIpc(Promise.resolve(t.core));
  const handler = handlers.get(IMPORT_UPLOAD_CHANNEL)!;
  call = (url, token, step) => handler({ senderFrame: { url } }, token, step);
});
afterAll(async () => {
  delete process.env.ELECTRON_RENDERER_URL;
  await server?.close();
  await t?.close();
});

/** The temporary files of uploads in the core's files folder. */
function tempFiles(): string[] {
  const folder = join(t.core.deps.filesDir, 'imports');
  return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.part')) : [];
}

/** `size` bytes from one reused chunk; `stall` stops after the first chunk (the body never ends). */
function filler(size: number, stall = false): Readable {
  const chunk = Buffer.alloc(64 * 1024, 'A');
  let sent = 0;
  return new Readable({
    read() {
      if (stall && sent > 0) return;
      const left = size - sent;
      if (left <= 0) return void this.push(null);
      const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
      sent += part.length;
      this.push(part);
    },
  });
}

interface Answer {
  status: number;
  json: { uploadId?: string; json?: { data?: { issues?: { reason: string; params?: Record<string, unknown> }[] } } };
}

/** POSTs raw bytes as the page does; resolves at the answer (and stops sending). */
function post(
  path: string,
  body: Readable,
  token: string | null,
  headers: Record<string, string | number> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      `${server.url}${path}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
      },
      (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('error', () => undefined);
        res.on('end', () => {
          body.destroy();
          req.destroy();
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Answer['json'] });
        });
      },
    );
    req.on('error', (error) => {
      body.destroy();
      if (!answered) reject(error);
    });
    body.pipe(req);
  });
}

const reasons = (answer: Answer) => (answer.json.json?.data?.issues ?? []).map((issue) => issue.reason);

describe("a DMS export's upload over HTTP", () => {
  it("is claimed by the manager's dmsImport.prepare, and by no other import", async () => {
    const answer = await post(DMS_FILE_UPLOAD_PATH, Readable.from([Buffer.from(csvOf(CUSTOMERS))]), manager.token);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    const uploadId = answer.json.uploadId!;
    // The manager may import price files too, but a DMS upload is not a price file (it could pass that limit).
    await expectApiError(manager.client.parts.importPrepare({ fileName: 'c.csv', uploadId }), 'NOT_FOUND', {
      field: 'uploadId',
      reason: 'priceImport.uploadMissing',
    });
    const prepared = await manager.client.dmsImport.prepare({ kind: 'customers', fileName: '客户.csv', uploadId });
    expect(prepared.headers).toEqual(CUSTOMERS[0]);
    expect(prepared.previewRows[0]).toEqual(CUSTOMERS[1]);
    expect(tempFiles()).toEqual([]);
    // Nor is a price file's upload a DMS file.
    const price = await post(PRICE_FILE_UPLOAD_PATH, Readable.from([Buffer.from(csvOf(CUSTOMERS))]), manager.token);
    await expectApiError(
      manager.client.dmsImport.prepare({ kind: 'customers', fileName: 'c.csv', uploadId: price.json.uploadId! }),
      'NOT_FOUND',
      { field: 'uploadId', reason: 'dmsImport.uploadMissing' },
    );
    // Its own import claims it still (and so its temporary file goes).
    await manager.client.parts.importPrepare({ fileName: 'c.csv', uploadId: price.json.uploadId! });
    expect(tempFiles()).toEqual([]);
  });

  it('is refused on its headers without a session (401) and for a role that may not prepare a DMS import (403)', async () => {
    const anonymous = await post(DMS_FILE_UPLOAD_PATH, filler(50 * MB, true), null);
    expect(anonymous.status).toBe(401);
    expect(reasons(anonymous)).toEqual(['session.required']);
    for (const user of [clerk, advisor]) {
      const refused = await post(DMS_FILE_UPLOAD_PATH, filler(50 * MB, true), user.token);
      expect(refused.status).toBe(403);
      expect(reasons(refused)).toEqual(['role.forbidden']);
    }
    expect(tempFiles()).toEqual([]);
  });

  it('past the DMS limit is 413, declared or counted, and leaves no temporary file', async () => {
    // Declared: answered before a byte of the body is read.
    const declared = await post(DMS_FILE_UPLOAD_PATH, filler(401 * MB, true), manager.token, { 'content-length': 401 * MB });
    expect(declared.status).toBe(413);
    expect(reasons(declared)).toEqual(['request.tooLarge']);
    expect(declared.json.json?.data?.issues?.[0]?.params).toEqual({ maxMb: 400 });
    // Counted (chunked), against a limit lowered for the test: sending 400 MB would prove nothing more.
    const limit = uploadTuning.maxBytes.dmsFile;
    uploadTuning.maxBytes.dmsFile = 2 * MB;
    try {
      const counted = await post(DMS_FILE_UPLOAD_PATH, filler(5 * MB), manager.token);
      expect(counted.status).toBe(413);
      expect(reasons(counted)).toEqual(['request.tooLarge']);
    } finally {
      uploadTuning.maxBytes.dmsFile = limit;
    }
    expect(tempFiles()).toEqual([]);
  });
});

/** A customers export of about `size` bytes: the template's header, then as many customers as fit. */
function customersExport(size: number): Buffer {
  const lines = [csvOf([CUSTOMERS[0]!])];
  let bytes = Buffer.byteLength(lines[0]!);
  for (let i = 0; bytes < size; i++) {
    const line = csvOf([[`C${i}`, `客户${i}`, '个人', `139${String(i).padStart(8, '0')}`, '', '', '', '北京市朝阳区', '是']]);
    lines.push(line);
    bytes += Buffer.byteLength(line);
  }
  return Buffer.from(lines.join(''));
}

describe("a DMS export's upload on a desk, in slices", () => {
  it('a 20 MB export goes in slices of at most 8 MB and ends as the same bytes in the file dmsImport.prepare claims', async () => {
    const file = customersExport(20 * MB);
    const steps: { step: string; bytes: number }[] = [];
    const counted: DeskUploadCall = (url, token, step) => {
      const { step: name, data } = step as { step: string; data?: ArrayBuffer };
      steps.push({ step: name, bytes: data?.byteLength ?? 0 });
      return call(url, token, step);
    };
    const answer = await sendInSlices(counted, APP, manager.token, 'dmsFile', file);
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    expect(steps.map((s) => s.step)).toEqual(['begin', 'slice', 'slice', 'slice', 'end']);
    expect(Math.max(...steps.map((s) => s.bytes))).toBe(DESK_UPLOAD_SLICE_BYTES);
    const written = readFileSync(join(t.core.deps.filesDir, 'imports', `${answer.uploadId}.part`));
    expect(written.equals(file)).toBe(true);
    const prepared = await manager.client.dmsImport.prepare({
      kind: 'customers',
      fileName: '客户.csv',
      uploadId: answer.uploadId,
    });
    expect(prepared.headers).toEqual(CUSTOMERS[0]);
    expect(prepared.previewRows[0]![0]).toBe('C0');
    expect(tempFiles()).toEqual([]);
  });

  it('is refused for a role that may not prepare a DMS import, without a session, and from another page', async () => {
    const bytes = Buffer.from(csvOf(CUSTOMERS));
    for (const user of [clerk, advisor]) {
      expect(await sendInSlices(call, APP, user.token, 'dmsFile', bytes)).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', issues: [{ reason: 'role.forbidden', params: { role: user.session.user.role } }] },
      });
    }
    expect(await sendInSlices(call, APP, '', 'dmsFile', bytes)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', issues: [{ reason: 'session.required' }] },
    });
    expect(await sendInSlices(call, 'file:///tmp/downloaded.html', manager.token, 'dmsFile', bytes)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', issues: [{ reason: 'request.crossSite' }] },
    });
    expect(tempFiles()).toEqual([]);
  });

  it("takes slices from the upload's own sender only, none over 8 MB, and an abort or the limit removes the file", async () => {
    const begun = await call(APP, manager.token, { step: 'begin', kind: 'dmsFile' });
    if (!begun.ok) throw new Error(JSON.stringify(begun.error));
    const { uploadId } = begun;
    const slice = (token: string, data: ArrayBuffer) => call(APP, token, { step: 'slice', kind: 'dmsFile', uploadId, data });
    expect(await slice(manager.token, new ArrayBuffer(MB))).toEqual({ ok: true, uploadId });
    expect(await slice(otherManager.token, new ArrayBuffer(MB))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', issues: [{ reason: 'dmsImport.uploadMissing', field: 'uploadId' }] },
    });
    expect(await slice(manager.token, new ArrayBuffer(DESK_UPLOAD_SLICE_BYTES + 1))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(tempFiles()).toEqual([`${uploadId}.part`]);
    expect(await call(APP, manager.token, { step: 'abort', kind: 'dmsFile', uploadId })).toEqual({ ok: true, uploadId });
    expect(tempFiles()).toEqual([]);
    expect(await call(APP, manager.token, { step: 'end', kind: 'dmsFile', uploadId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // Past the limit (lowered for the test): refused, and nothing is left.
    const limit = uploadTuning.maxBytes.dmsFile;
    uploadTuning.maxBytes.dmsFile = 10 * MB;
    try {
      expect(await sendInSlices(call, APP, manager.token, 'dmsFile', customersExport(12 * MB))).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', issues: [{ reason: 'request.tooLarge', field: 'uploadId' }] },
      });
    } finally {
      uploadTuning.maxBytes.dmsFile = limit;
    }
    expect(tempFiles()).toEqual([]);
  });

  it('a desk that stops sending leaves no file: an upload not added to within the time allowed is removed', async () => {
    const ttl = uploadTuning.ttlMs;
    uploadTuning.ttlMs = 50;
    try {
      const begun = await call(APP, manager.token, { step: 'begin', kind: 'dmsFile' });
      if (!begun.ok) throw new Error(JSON.stringify(begun.error));
      const data = new TextEncoder().encode(csvOf(CUSTOMERS)).buffer;
      await call(APP, manager.token, { step: 'slice', kind: 'dmsFile', uploadId: begun.uploadId, data });
      await vi.waitFor(() => expect(tempFiles()).toEqual([]), { timeout: 5000 });
      expect(await call(APP, manager.token, { step: 'end', kind: 'dmsFile', uploadId: begun.uploadId })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', issues: [{ reason: 'dmsImport.uploadMissing' }] },
      });
    } finally {
      uploadTuning.ttlMs = ttl;
    }
  });
});

describe("the page's uploadDmsFile on a desk (renderer/src/api/upload.ts over the preload's importUpload)", () => {
  const steps: { step: string; bytes: number }[] = [];
  let page: { uploadDmsFile(file: File): Promise<string> };
  let session: { setSession(session: SignedIn['session'] | null): void };

  beforeAll(async () => {
    const stored = new Map<string, string>();
    vi.stubGlobal('sessionStorage', {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => stored.set(key, value),
      removeItem: (key: string) => stored.delete(key),
    });
    // What the preload exposes on a standalone desk; its importUpload is the main process's handler.
    vi.stubGlobal('window', {
      baydesk: {
        shell: 'electron',
        desk: { mode: 'standalone' },
        importUpload: (token: string, step: { step: string; data?: ArrayBuffer }) => {
          steps.push({ step: step.step, bytes: step.data?.byteLength ?? 0 });
          return call(APP, token, step);
        },
      },
    });
    // The page's own modules, run here against the stand-ins above. Named through variables so that the Node
    // typecheck (tsconfig.node.json, no DOM) leaves them to the renderer's (tsconfig.web.json), which checks them.
    const pageModule = '../../renderer/src/api/upload';
    const sessionModule = '../../renderer/src/api/session';
    page = (await import(pageModule)) as typeof page;
    session = (await import(sessionModule)) as typeof session;
  });
  afterAll(() => {
    session.setSession(null);
    vi.unstubAllGlobals();
  });

  it('reads the file a slice at a time into the same bytes the import claims; refused for a role that may not', async () => {
    session.setSession(manager.session);
    const bytes = customersExport(17 * MB);
    const uploadId = await page.uploadDmsFile(new File([bytes], '客户.csv'));
    expect(steps.map((s) => s.step)).toEqual(['begin', 'slice', 'slice', 'slice', 'end']);
    expect(steps.every((s) => s.bytes <= DESK_UPLOAD_SLICE_BYTES)).toBe(true);
    expect(readFileSync(join(t.core.deps.filesDir, 'imports', `${uploadId}.part`)).equals(bytes)).toBe(true);
    const prepared = await manager.client.dmsImport.prepare({ kind: 'customers', fileName: '客户.csv', uploadId });
    expect(prepared.headers).toEqual(CUSTOMERS[0]);
    session.setSession(clerk.session);
    const refused = await apiError(page.uploadDmsFile(new File([csvOf(CUSTOMERS)], 'c.csv')));
    expect(refused).toEqual({ code: 'FORBIDDEN', issues: [{ reason: 'role.forbidden', params: { role: 'parts_clerk' } }] });
    expect(tempFiles()).toEqual([]);
  });

  it('refuses a file over 400 MB before sending a byte, with the reason the import screen translates', async () => {
    session.setSession(manager.session);
    steps.length = 0;
    // Only its size is read before the refusal.
    const huge = { size: MAX_DMS_FILE_BYTES + 1, name: 'huge.csv' } as File;
    expect(await apiError(page.uploadDmsFile(huge))).toEqual({
      code: 'INVALID_INPUT',
      issues: [{ reason: 'dmsImport.fileTooLarge', field: 'uploadId', params: { max: MAX_DMS_FILE_MB } }],
    });
    expect(steps).toEqual([]);
  });
});
