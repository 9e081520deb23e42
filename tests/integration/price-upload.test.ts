import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { ContractRouterClient } from '@orpc/contract';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { uploadTuning } from '../../electron/core/imports/uploads';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import type { Contract } from '../../shared/contract';
import type { ImportRunEvent, ImportSummary } from '../../shared/contract/parts/price-import';
import { makeTempDir, openTestCore, removeDir, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { uploadPriceFile } from '../fixtures/price-files';
import { signIn } from '../fixtures/users';

/**
 * Price files (issue 14 item 2): in browser mode the file is sent as a raw body to the HTTP shell's upload path, which
 * asks for the session and the origin before it reads a byte, streams it to a temporary file under the files folder
 * counting bytes (413 past the price-file limit, the file removed), and answers an upload id that only the uploader's
 * `parts.importPrepare` can claim. The core and its shell run in a child process (tests/fixtures/core-process.ts), so
 * its memory is measured alone.
 */
const CORE_PROCESS = join(__dirname, '..', 'fixtures', 'core-process-memory.ts');
const UPLOAD_PATH = '/upload/price-file';
const MB = 1024 * 1024;
const HEADER = '零件号,名称,英文名称,品牌,单位,零售价,成本,替代号';
const PASSWORD = 'Another-Long-Pass-Phrase-77';

let dir: string;
let child: ChildProcess;
let url: string;
let adminToken: string;
let clerkToken: string;
let otherClerkToken: string;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  if (!line) throw new Error('the core process is gone');
  return Number(line.replace(/\D+/g, '')) / 1024;
}

interface Memory {
  heapUsed: number;
  arrayBuffers: number;
}
const memoryAnswers: ((memory: Memory) => void)[] = [];

/** What the server holds after a full collection: its JS heap and its buffers (request bodies are buffers). */
function liveMemory(): Promise<Memory> {
  return new Promise((resolve) => {
    memoryAnswers.push(resolve);
    child.stdin!.write('memory\n');
  });
}

function importsDir(): string {
  return join(dir, 'files', 'imports');
}

/** The upload temp files left in the core's files folder. */
function tempFiles(): string[] {
  return existsSync(importsDir()) ? readdirSync(importsDir()).filter((name) => name.endsWith('.part')) : [];
}

function priceLine(i: number): string {
  return `P-${String(i).padStart(7, '0')},配件${i},Part number ${i} front brake pad set,丰田,个,${(i % 1000) + 10}.50,${(i % 500) + 5},`;
}

/** A valid CSV price file of about `size` bytes, made on the fly a batch of lines at a time: the test never holds it. */
function priceFile(size: number): Readable {
  let sent = 0;
  let next = 0;
  return new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const lines: string[] = next === 0 ? [HEADER] : [];
      while (lines.length < 1000) lines.push(priceLine(next++));
      const chunk = Buffer.from(lines.join('\r\n') + '\r\n');
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

/** `size` bytes of anything, from one reused chunk; `stall` stops after the first chunk (the body never ends). */
function filler(size: number, stall = false): Readable {
  const chunk = Buffer.alloc(64 * 1024, 'A');
  let sent = 0;
  return new Readable({
    read() {
      if (stall && sent > 0) return;
      const left = size - sent;
      if (left <= 0) {
        this.push(null);
        return;
      }
      const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
      sent += part.length;
      this.push(part);
    },
  });
}

interface Answer {
  status: number;
  ms: number;
  body: string;
}

/** POSTs a streamed body; resolves at the answer (and stops sending), whether or not the body was all sent. */
function post(path: string, body: Readable, headers: Record<string, string | number>): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(`${url}${path}`, { method: 'POST', headers }, (res) => {
      answered = true;
      const ms = performance.now() - started;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('error', () => undefined);
      res.on('end', () => {
        body.destroy();
        req.destroy();
        resolve({ status: res.statusCode ?? 0, ms, body: text });
      });
    });
    req.on('error', (error) => {
      body.destroy();
      if (!answered) reject(error);
    });
    body.pipe(req);
  });
}

function upload(
  body: Readable,
  headers: Record<string, string | number> = {},
  token: string | null = clerkToken,
): Promise<Answer> {
  return post(UPLOAD_PATH, body, {
    'content-type': 'application/octet-stream',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...headers,
  });
}

function postJson(path: string, json: unknown, token?: string): Promise<Answer> {
  const text = JSON.stringify({ json });
  return post(path, Readable.from([Buffer.from(text)]), {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
}

function reasons(answer: Answer): string[] {
  const json = (JSON.parse(answer.body) as { json: { data?: { issues?: { reason: string }[] } } }).json;
  return (json.data?.issues ?? []).map((issue) => issue.reason);
}

function uploadIdOf(answer: Answer): string {
  expect(answer.status, answer.body).toBe(200);
  return (JSON.parse(answer.body) as { uploadId: string }).uploadId;
}

function client(token: string): ContractRouterClient<Contract> {
  return createORPCClient(new RPCLink({ url: `${url}/rpc`, headers: () => ({ authorization: `Bearer ${token}` }) }));
}

async function summaryOf(events: AsyncIterable<ImportRunEvent>): Promise<ImportSummary> {
  let last: ImportRunEvent | undefined;
  for await (const event of events) last = event;
  if (last?.kind !== 'summary') throw new Error('no summary');
  return last;
}

async function login(username: string): Promise<string> {
  const answer = await postJson('/rpc/users/login', { username, password: PASSWORD });
  return (JSON.parse(answer.body) as { json: { token: string } }).json.token;
}

beforeAll(async () => {
  dir = makeTempDir('baydesk-upload-');
  child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CORE_PROCESS, join(dir, 'baydesk.sqlite')], {
    cwd: join(__dirname, '..', '..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('BAYDESK_URL ')) resolve(line.slice('BAYDESK_URL '.length).trim());
      if (line.startsWith('BAYDESK_MEMORY ')) memoryAnswers.shift()?.(JSON.parse(line.slice('BAYDESK_MEMORY '.length)) as Memory);
    });
    child.once('exit', (code) => reject(new Error(`core process exited (${code})\n${stderr}`)));
  });
  const setup = await postJson('/rpc/users/setupAdmin', {
    username: 'admin',
    displayName: 'Admin',
    password: 'Very-Long-Pass-Phrase-42',
  });
  expect(setup.status, setup.body).toBe(200);
  adminToken = (JSON.parse(setup.body) as { json: { token: string } }).json.token;
  for (const username of ['clerk', 'clerk2']) {
    const created = await postJson(
      '/rpc/users/create',
      { username, displayName: username, password: PASSWORD, role: 'parts_clerk' },
      adminToken,
    );
    expect(created.status, created.body).toBe(200);
  }
  clerkToken = await login('clerk');
  otherClerkToken = await login('clerk2');
}, 60_000);

afterAll(() => {
  child?.stdin?.end();
  child?.kill();
  if (dir) removeDir(dir);
});

describe('a price file is streamed to a temporary file, never held whole', () => {
  it('three 58 MB price files uploaded at once: the server grows by far less than they weigh, and each previews', async () => {
    await postJson('/rpc/users/status', {});
    const size = 58 * MB;
    // What the server holds while the files arrive, sampled after full collections: RSS also counts the chunks'
    // garbage, which moves with where the collector stands and with the size of the code loaded, not with the upload.
    const live = (memory: Memory) => (memory.heapUsed + memory.arrayBuffers) / MB;
    const before = live(await liveMemory());
    const rssBefore = rssMb(child.pid!);
    let peak = before;
    let rssPeak = rssBefore;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, live(await liveMemory()));
        rssPeak = Math.max(rssPeak, rssMb(child.pid!));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const started = performance.now();
    let uploaded: number;
    let total: number;
    let prepared: Awaited<ReturnType<ContractRouterClient<Contract>['parts']['importPrepare']>>[];
    try {
      const answers = await Promise.all([0, 1, 2].map(() => upload(priceFile(size))));
      uploaded = performance.now() - started;
      prepared = await Promise.all(
        answers.map((answer, i) =>
          client(clerkToken).parts.importPrepare({ fileName: `big-${i}.csv`, uploadId: uploadIdOf(answer) }),
        ),
      );
      total = performance.now() - started;
    } finally {
      sampling = false;
      await sampler;
    }
    console.log(
      `[price-upload] 3 x ${size / MB} MB uploaded at once in ${uploaded.toFixed(0)} ms, previewed by ${total.toFixed(0)} ms; ` +
        `server holds ${before.toFixed(1)} -> peak ${peak.toFixed(1)} MB (+${(peak - before).toFixed(1)}); ` +
        `RSS ${rssBefore.toFixed(1)} -> ${rssPeak.toFixed(1)} MB`,
    );
    for (const one of prepared) {
      expect(one.format).toBe('csv');
      expect(one.headers).toEqual(HEADER.split(','));
      expect(one.previewRows[0]).toEqual(priceLine(0).split(','));
      expect(existsSync(join(importsDir(), `${one.importId}.csv`))).toBe(true);
    }
    // 174 MB arrived. Held whole, the server would hold +174 MB at least (base64 in JSON, as before, was +360 MB for
    // one file); streamed, it holds a few chunks per upload at any moment.
    expect(peak - before).toBeLessThan(((3 * size) / MB) * 0.25);
    // Claimed: the temporary files took their final names.
    expect(tempFiles()).toEqual([]);
  }, 180_000);

  it('the bytes reach the disk as they arrive, before the body has ended', async () => {
    let release!: () => void;
    const resumed = new Promise<void>((resolve) => (release = resolve));
    let sent = 0;
    // The first 40 MB, then the client waits until the test lets it send the rest.
    async function* stalling(): AsyncGenerator<Buffer> {
      for await (const chunk of priceFile(50 * MB)) {
        if (sent >= 40 * MB) await resumed;
        sent += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    }
    const body = Readable.from(stalling());
    const base = await liveMemory();
    const answer = upload(body);
    // What the clerk's desk waits on is the answer; what shows the server did not keep the body is the file on disk.
    const sizeOnDisk = () => tempFiles().reduce((sum, name) => sum + statSync(join(importsDir(), name)).size, 0);
    // (Up to a few MB may sit in the sockets' buffers between the two processes.)
    while (sizeOnDisk() < 30 * MB) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent).toBeLessThan(41 * MB);
    // 30 MB and more of the body have arrived (held whole, +30 MB at least); the server holds next to none of it.
    const during = await liveMemory();
    const held = (during.heapUsed + during.arrayBuffers - base.heapUsed - base.arrayBuffers) / MB;
    console.log(
      `[price-upload] ${(sizeOnDisk() / MB).toFixed(1)} MB on disk mid-upload; server holds +${held.toFixed(1)} MB (heap ${((during.heapUsed - base.heapUsed) / MB).toFixed(1)}, buffers ${((during.arrayBuffers - base.arrayBuffers) / MB).toFixed(1)}, after a collection)`,
    );
    expect(held).toBeLessThan(10);
    release();
    const uploadId = uploadIdOf(await answer);
    const prepared = await client(clerkToken).parts.importPrepare({ fileName: 'slow.csv', uploadId });
    expect(prepared.headers).toEqual(HEADER.split(','));
    expect(tempFiles()).toEqual([]);
  }, 60_000);

  it('without a session the upload is refused before its body is read', async () => {
    // The body stalls after its first 64 KB: an answer now means the server did not wait for the rest.
    const anonymous = await upload(filler(200 * MB, true), {}, null);
    expect(anonymous.status, anonymous.body).toBe(401);
    expect(reasons(anonymous)).toEqual(['session.required']);
    const expired = await upload(filler(200 * MB, true), {}, 'not-a-session');
    expect(expired.status).toBe(401);
    expect(reasons(expired)).toEqual(['session.expired']);
    // A role that may not import price files: refused on the headers too.
    const admin = await upload(filler(200 * MB, true), {}, adminToken);
    expect(admin.status).toBe(403);
    expect(reasons(admin)).toEqual(['role.forbidden']);
    expect(tempFiles()).toEqual([]);
  }, 30_000);

  it('another site, or a body that is not raw bytes, is refused like /rpc', async () => {
    const crossSite = await upload(filler(1000), { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(reasons(crossSite)).toEqual(['request.crossSite']);
    // A "simple" form post another page could send without asking.
    const form = await upload(filler(1000), { 'content-type': 'multipart/form-data; boundary=x' });
    expect(form.status).toBe(415);
    expect(reasons(form)).toEqual(['request.contentType']);
    expect(tempFiles()).toEqual([]);
  });

  it('a file over the price-file limit gets 413, declared or counted, and leaves no temporary file', async () => {
    const declared = await upload(filler(200 * MB), { 'content-length': 200 * MB });
    expect(declared.status).toBe(413);
    expect(reasons(declared)).toEqual(['request.tooLarge']);
    expect(declared.ms).toBeLessThan(1000);
    // Chunked: the bytes are counted as they are written, and the file goes as soon as the count passes 60 MB.
    const counted = await upload(filler(200 * MB));
    expect(counted.status).toBe(413);
    expect(reasons(counted)).toEqual(['request.tooLarge']);
    expect(JSON.parse(counted.body)).toMatchObject({ json: { data: { issues: [{ params: { maxMb: 60 } }] } } });
    expect(tempFiles()).toEqual([]);
  }, 60_000);

  it("upload -> importPrepare -> check -> commit imports the file; the upload is the uploader's, once", async () => {
    const csv = [HEADER, priceLine(1), priceLine(2), priceLine(3)].join('\r\n') + '\r\n';
    const uploadId = uploadIdOf(await upload(Readable.from([Buffer.from(csv)])));
    // Another clerk cannot claim it; a made-up id is not found either.
    await expectApiError(client(otherClerkToken).parts.importPrepare({ fileName: 'p.csv', uploadId }), 'NOT_FOUND', {
      field: 'uploadId',
      reason: 'priceImport.uploadMissing',
    });
    await expectApiError(client(clerkToken).parts.importPrepare({ fileName: 'p.csv', uploadId: 'nope' }), 'INVALID_INPUT', {
      field: 'uploadId',
    });
    const clerk = client(clerkToken);
    const prepared = await clerk.parts.importPrepare({ fileName: '价格.csv', uploadId });
    expect(prepared.headers).toEqual(HEADER.split(','));
    // Claimed once: the same id again is gone.
    await expectApiError(clerk.parts.importPrepare({ fileName: 'p.csv', uploadId }), 'NOT_FOUND', { field: 'uploadId' });
    const input = { importId: prepared.importId, mapping: prepared.suggestedMapping, onErrors: 'stop' as const };
    const check = await summaryOf(await clerk.parts.importRun({ ...input, commit: false }));
    expect(check).toMatchObject({ lines: 3, added: 3, rejected: 0, committed: false });
    const done = await summaryOf(await clerk.parts.importRun({ ...input, commit: true }));
    expect(done).toMatchObject({ lines: 3, added: 3, committed: true });
    expect(JSON.stringify(await clerk.parts.lookup({ partNumber: 'P-0000002' }))).toContain('配件2');
    // An empty body is no price file.
    const empty = await upload(Readable.from([]), { 'content-length': 0 });
    expect(empty.status).toBe(422);
    expect(reasons(empty)).toEqual(['priceImport.fileEmpty']);
  }, 60_000);
});

describe('unclaimed uploads are removed', () => {
  let t: TestCore;
  let server: RunningServer | null = null;
  const ttl = uploadTuning.ttlMs;

  beforeAll(async () => {
    t = await openTestCore();
  });
  afterAll(async () => {
    uploadTuning.ttlMs = ttl;
    await server?.close();
    await t?.close();
  });

  const partFiles = () => {
    const folder = join(t.core.deps.filesDir, 'imports');
    return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.part')) : [];
  };

  it('one left by an earlier run goes when the shell starts; one of this run stays until claimed or expired', async () => {
    mkdirSync(join(t.core.deps.filesDir, 'imports'), { recursive: true });
    const stray = `${randomUUID()}.part`;
    writeFileSync(join(t.core.deps.filesDir, 'imports', stray), 'left by a crash');
    const clerk = await signIn(t.core, 'parts_clerk');
    const uploadId = await uploadPriceFile(t.core, clerk, `${HEADER}\r\n${priceLine(1)}\r\n`);
    expect(partFiles().sort()).toEqual([stray, `${uploadId}.part`].sort());
    server = await startHttpServer({ core: t.core, port: 0, staticDir: null });
    await vi.waitFor(() => expect(partFiles()).toEqual([`${uploadId}.part`]));
    await clerk.client.parts.importPrepare({ fileName: 'p.csv', uploadId });
    expect(partFiles()).toEqual([]);
    // Not claimed within the time allowed (shortened here): removed, and the id is gone.
    uploadTuning.ttlMs = 50;
    const late = await uploadPriceFile(t.core, clerk, `${HEADER}\r\n${priceLine(2)}\r\n`);
    await vi.waitFor(() => expect(partFiles()).toEqual([]), { timeout: 5000 });
    await expectApiError(clerk.client.parts.importPrepare({ fileName: 'late.csv', uploadId: late }), 'NOT_FOUND', {
      field: 'uploadId',
      reason: 'priceImport.uploadMissing',
    });
  });
});
