import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DMS_FILE_UPLOAD_PATH, MAX_DMS_FILE_BYTES } from '../../shared/contract/dms-import';
import { IMPORT_UPLOAD_TYPE } from '../../shared/contract/imports/uploads';
import { PRICE_FILE_UPLOAD_PATH } from '../../shared/contract/parts/price-import';
import { makeTempDir, removeDir } from '../fixtures/core';

/**
 * Request size (issue 14 item 2): the HTTP shell refuses a body over its procedure's limit as soon as the declared
 * or counted length passes it, and asks for the session before it reads a body larger than the default. The core
 * and its shell run in a child process (tests/fixtures/core-process.ts), so its memory is measured alone.
 */
const CORE_PROCESS = join(__dirname, '..', 'fixtures', 'core-process.ts');
const MB = 1024 * 1024;
const HUGE = 200 * MB;

let dir: string;
let child: ChildProcess;
let url: string;
let token: string;
let advisorToken: string;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

/** A JSON body of `size` bytes made on the fly from one reused chunk: the test never holds it. */
function hugeJson(size: number): Readable {
  const head = Buffer.from('{"json":{"id":1,"version":1,"mime":"image/jpeg","fileName":"x.csv","dataBase64":"');
  const tail = Buffer.from('"}}');
  const chunk = Buffer.alloc(64 * 1024, 'A');
  let sent = 0;
  return new Readable({
    read() {
      if (sent === 0) {
        sent += head.length;
        this.push(head);
        return;
      }
      const left = size - tail.length - sent;
      if (left <= 0) {
        this.push(tail);
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

/**
 * POSTs a streamed body; resolves at the answer (and stops sending), whether or not the body was all sent. The server
 * may cut the connection while the body is still being sent, once its answer is out: a write error after the answer
 * is the refusal working, not a failure.
 */
function postStream(path: string, body: Readable, headers: Record<string, string | number>): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      `${url}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
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
      },
    );
    req.on('error', (error) => {
      body.destroy();
      if (!answered) reject(error);
    });
    body.pipe(req);
  });
}

function postJson(path: string, json: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const text = JSON.stringify({ json });
  return postStream(path, Readable.from([Buffer.from(text)]), { 'content-length': Buffer.byteLength(text), ...headers });
}

function reasons(answer: Answer): string[] {
  const json = (JSON.parse(answer.body) as { json: { data?: { issues?: { reason: string }[] } } }).json;
  return (json.data?.issues ?? []).map((issue) => issue.reason);
}

beforeAll(async () => {
  dir = makeTempDir('baydesk-size-');
  child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CORE_PROCESS, join(dir, 'baydesk.sqlite')], {
    cwd: join(__dirname, '..', '..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('BAYDESK_URL ')) resolve(line.slice('BAYDESK_URL '.length).trim());
    });
    child.once('exit', (code) => reject(new Error(`core process exited (${code})\n${stderr}`)));
  });
  const setup = await postJson('/rpc/users/setupAdmin', {
    username: 'admin',
    displayName: 'Admin',
    password: 'Very-Long-Pass-Phrase-42',
  });
  expect(setup.status, setup.body).toBe(200);
  token = (JSON.parse(setup.body) as { json: { token: string } }).json.token;
  // An advisor: a role that may add check-in photos.
  const created = await postJson(
    '/rpc/users/create',
    { username: 'adv', displayName: 'Advisor', password: 'Another-Long-Pass-Phrase-77', role: 'advisor' },
    { authorization: `Bearer ${token}` },
  );
  expect(created.status, created.body).toBe(200);
  const login = await postJson('/rpc/users/login', { username: 'adv', password: 'Another-Long-Pass-Phrase-77' });
  advisorToken = (JSON.parse(login.body) as { json: { token: string } }).json.token;
}, 60_000);

afterAll(() => {
  child?.stdin?.end();
  child?.kill();
  if (dir) removeDir(dir);
});

describe('the HTTP shell refuses oversized bodies before reading them', () => {
  it('three concurrent 200 MB posts without a session are refused within 1 s each; memory stays put; a small call still answers', async () => {
    // Warm the paths once so the measure is of the bodies, not of first-call compilation.
    await postJson('/rpc/users/status', {});
    const before = rssMb(child.pid!);
    const huge = [
      // Declared length over every limit, to the largest body of /rpc (a check-in photo).
      postStream('/rpc/repairOrders/addPhoto', hugeJson(HUGE), { 'content-length': HUGE }),
      // No declared length (chunked) to the largest upload (a price file's raw bytes): the session is asked for first.
      postStream(PRICE_FILE_UPLOAD_PATH, hugeJson(HUGE), { 'content-type': IMPORT_UPLOAD_TYPE }),
      // A procedure with the default 1 MB limit, chunked.
      postStream('/rpc/users/status', hugeJson(HUGE), {}),
    ];
    const small = postJson('/rpc/users/status', {});
    const answers = await Promise.all(huge);
    const meanwhile = await small;
    const after = rssMb(child.pid!);
    console.log(
      `[request-size] refusals ${answers.map((a) => `${a.status} in ${a.ms.toFixed(0)} ms`).join(', ')}; ` +
        `small call ${meanwhile.ms.toFixed(0)} ms; server RSS ${before.toFixed(1)} -> ${after.toFixed(1)} MB (+${(after - before).toFixed(1)})`,
    );
    for (const answer of answers) {
      expect([401, 413], answer.body).toContain(answer.status);
      expect(answer.ms).toBeLessThan(1000);
    }
    expect(answers[0]!.status).toBe(413);
    expect(reasons(answers[0]!)).toEqual(['request.tooLarge']);
    expect(answers[1]!.status).toBe(401);
    expect(reasons(answers[1]!)).toEqual(['session.required']);
    expect(answers[2]!.status).toBe(413);
    expect(meanwhile.status).toBe(200);
    expect(meanwhile.ms).toBeLessThan(1000);
    expect(after - before).toBeLessThan(50);
  }, 60_000);

  it('a signed-in oversized photo is refused with 413 before its body is read, declared or counted', async () => {
    const declared = await postStream('/rpc/repairOrders/addPhoto', hugeJson(HUGE), {
      'content-length': HUGE,
      authorization: `Bearer ${advisorToken}`,
    });
    expect(declared.status).toBe(413);
    expect(reasons(declared)).toEqual(['request.tooLarge']);
    expect(declared.ms).toBeLessThan(1000);
    const counted = await postStream('/rpc/repairOrders/addPhoto', hugeJson(HUGE), { authorization: `Bearer ${advisorToken}` });
    expect(counted.status).toBe(413);
    expect(counted.ms).toBeLessThan(1000);
    console.log(
      `[request-size] signed-in 200 MB photo refused in ${declared.ms.toFixed(0)} ms (declared), ${counted.ms.toFixed(0)} ms (counted)`,
    );
  }, 60_000);

  it('a photo within its limit reaches the core for a role that may add one; other roles are refused before it is read', async () => {
    const photo = await postStream('/rpc/repairOrders/addPhoto', hugeJson(6 * MB), {
      'content-length': 6 * MB,
      authorization: `Bearer ${advisorToken}`,
    });
    // Past the shell: the core answers (there is no such RO, or these are not a picture's bytes), never 413.
    expect([404, 422], photo.body).toContain(photo.status);
    expect(reasons(photo)).not.toContain('request.tooLarge');
    // The administrator may not add photos: refused on the headers, before 6 MB are read.
    const admin = await postStream('/rpc/repairOrders/addPhoto', hugeJson(6 * MB), {
      'content-length': 6 * MB,
      authorization: `Bearer ${token}`,
    });
    expect(admin.status).toBe(403);
    expect(reasons(admin)).toEqual(['role.forbidden']);
    const big = await postStream('/rpc/users/status', hugeJson(2 * MB), { 'content-length': 2 * MB });
    expect(big.status).toBe(413);
  }, 60_000);

  it("each import's upload path has its own limit: 200 MB declared is past a price file's, not a DMS export's", async () => {
    const raw = { 'content-type': IMPORT_UPLOAD_TYPE, 'content-length': HUGE, authorization: `Bearer ${advisorToken}` };
    const price = await postStream(PRICE_FILE_UPLOAD_PATH, hugeJson(HUGE), raw);
    expect(price.status).toBe(413);
    // Within the DMS limit the shell asks who sends it, before it reads the body: an advisor may not.
    const dms = await postStream(DMS_FILE_UPLOAD_PATH, hugeJson(HUGE), raw);
    expect(dms.status).toBe(403);
    expect(reasons(dms)).toEqual(['role.forbidden']);
    const past = await postStream(DMS_FILE_UPLOAD_PATH, hugeJson(HUGE), { ...raw, 'content-length': MAX_DMS_FILE_BYTES + 1 });
    expect(past.status).toBe(413);
    expect(reasons(past)).toEqual(['request.tooLarge']);
    for (const answer of [price, dms, past]) expect(answer.ms).toBeLessThan(1000);
  }, 60_000);
});
