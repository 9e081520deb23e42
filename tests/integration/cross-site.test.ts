import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { openTestCore, type TestCore } from '../fixtures/core';

/**
 * The HTTP shell's origin and content-type rules (issue 14 item 1), over real HTTP with the headers a browser would
 * send: only the app's own page may call /rpc; a request with neither Origin nor Sec-Fetch-Site is a non-browser
 * client (tests, the bench) and is let in on loopback only; the API takes JSON only.
 */
let t: TestCore;
let server: RunningServer;

beforeAll(async () => {
  t = await openTestCore();
  server = await startHttpServer({ core: t.core, port: 0, staticDir: null });
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

interface Answer {
  status: number;
  body: string;
}

/** One raw POST, headers exactly as given (Node's fetch would add its own). */
function post(path: string, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      { method: 'POST', headers: { 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const STATUS_JSON = JSON.stringify({ json: {} });
const ADMIN = { username: 'intruder', displayName: 'Intruder', password: 'Very-Long-Pass-Phrase-42' };
const port = () => new URL(server.url).port;

function reasonOf(answer: Answer): { code: string; reasons: string[] } {
  const json = (JSON.parse(answer.body) as { json: { code: string; data?: { issues?: { reason: string }[] } } }).json;
  return { code: json.code, reasons: (json.data?.issues ?? []).map((issue) => issue.reason) };
}

describe("only the app's own origin may call /rpc", () => {
  it('refuses a foreign Origin with 403 and a typed error', async () => {
    const answer = await post(
      '/rpc/users/status',
      { origin: 'http://127.0.0.1:9', 'content-type': 'application/json' },
      STATUS_JSON,
    );
    expect(answer.status).toBe(403);
    expect(reasonOf(answer)).toEqual({ code: 'FORBIDDEN', reasons: ['request.crossSite'] });
  });

  it('refuses the same host on another port, the other loopback name, and the opaque origin "null"', async () => {
    for (const origin of [`http://localhost:${port()}`, 'http://127.0.0.1:1', 'null', `https://127.0.0.1:${port()}`]) {
      const answer = await post('/rpc/users/status', { origin, 'content-type': 'application/json' }, STATUS_JSON);
      expect(answer.status, origin).toBe(403);
    }
  });

  it('lets in its own Origin, under either loopback name it is reached by', async () => {
    const own = await post(
      '/rpc/users/status',
      { origin: server.url, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      STATUS_JSON,
    );
    expect(own.status).toBe(200);
    const viaLocalhost = await post(
      '/rpc/users/status',
      { host: `localhost:${port()}`, origin: `http://localhost:${port()}`, 'content-type': 'application/json' },
      STATUS_JSON,
    );
    expect(viaLocalhost.status).toBe(200);
  });

  it('lets in a request with neither header from loopback (a non-browser client)', async () => {
    const answer = await post('/rpc/users/status', { 'content-type': 'application/json' }, STATUS_JSON);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ json: { needsSetup: true } });
  });

  it('refuses Sec-Fetch-Site cross-site or same-site, even without an Origin', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const answer = await post('/rpc/users/status', { 'sec-fetch-site': site, 'content-type': 'application/json' }, STATUS_JSON);
      expect(answer.status, site).toBe(403);
      expect(reasonOf(answer).reasons).toEqual(['request.crossSite']);
    }
  });

  it('refuses a cross-site set-up sent as a "simple" form or text POST before the core sees it', async () => {
    const boundary = '----baydesk';
    const form = [
      `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify({ json: ADMIN })}\r\n`,
      `--${boundary}--\r\n`,
    ].join('');
    const attacks: [Record<string, string>, string][] = [
      [
        {
          origin: 'http://127.0.0.1:9',
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'sec-fetch-site': 'same-site',
        },
        form,
      ],
      [
        { origin: 'http://127.0.0.1:9', 'content-type': 'text/plain;charset=UTF-8', 'sec-fetch-site': 'same-site' },
        JSON.stringify({ json: ADMIN }),
      ],
      [{ 'content-type': 'text/plain;charset=UTF-8', 'sec-fetch-site': 'cross-site' }, JSON.stringify({ json: ADMIN })],
    ];
    for (const [headers, body] of attacks) {
      const answer = await post('/rpc/users/setupAdmin', headers, body);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
    }
    expect((await t.core.client().users.status()).needsSetup).toBe(true);
  });

  it('takes JSON only, even from its own page', async () => {
    for (const type of ['text/plain;charset=UTF-8', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      const answer = await post(
        '/rpc/users/setupAdmin',
        { origin: server.url, 'content-type': type },
        JSON.stringify({ json: ADMIN }),
      );
      expect(answer.status, type).toBe(415);
      expect(reasonOf(answer)).toEqual({ code: 'INVALID_INPUT', reasons: ['request.contentType'] });
    }
    expect((await t.core.client().users.status()).needsSetup).toBe(true);
  });
});
