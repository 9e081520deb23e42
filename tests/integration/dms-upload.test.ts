import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadTuning } from '../../electron/core/imports/uploads';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { DMS_FILE_UPLOAD_PATH } from '../../shared/contract/dms-import';
import { PRICE_FILE_UPLOAD_PATH } from '../../shared/contract/parts/price-import';
import { openTestCore, type TestCore } from '../fixtures/core';
import { CUSTOMERS, csvOf } from '../fixtures/dms-import';
import { expectApiError } from '../fixtures/errors';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * A previous DMS's export (issue 18) goes to the core the way a price file does, through the import engine's one
 * upload mechanism: over HTTP a POST of its raw bytes to DMS_FILE_UPLOAD_PATH, refused on its headers for a missing
 * session or a role that may not call `dmsImport.prepare`, counted against the DMS limit as it is written to a
 * temporary file, and claimed by the uploader's `dmsImport.prepare` only.
 */
const MB = 1024 * 1024;

let t: TestCore;
let server: RunningServer;
let manager: SignedIn;
let clerk: SignedIn;
let advisor: SignedIn;

beforeAll(async () => {
  t = await openTestCore();
  manager = await signIn(t.core, 'manager');
  clerk = await signIn(t.core, 'parts_clerk');
  advisor = await signIn(t.core, 'advisor');
  server = await startHttpServer({ core: t.core, port: 0, staticDir: null });
});
afterAll(async () => {
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
