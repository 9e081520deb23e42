import { statSync, mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CERT_FILE, KEY_FILE, loadServerCertificate, TLS_DIR, type ServerCertificate } from '../../electron/server/certificate';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { DESK_CREDENTIAL_COOKIE, PAIRING_CODE_MINUTES, PAIRING_LOCK_MINUTES } from '../../shared/contract/desks';
import { makeTempDir, openTestCore, removeDir, type TestCore } from '../fixtures/core';
import { deskClient, pinnedFetch, testCertificate, type PinnedFetch } from '../fixtures/desks';
import { expectApiError } from '../fixtures/errors';
import { PASSWORD, signIn, type SignedIn } from '../fixtures/users';

/**
 * Issue 16 items 2 and 3, over real HTTPS: served to the network, BayDesk speaks HTTPS only, with its own certificate,
 * and lets in only desks paired with a manager's 6-digit code. Here 127.0.0.1 stands in for the other PCs of the LAN
 * (trustThisMachine: false); the client trusts only the server's certificate, pinned by its fingerprint.
 */
const MINUTE = 60_000;

let t: TestCore;
let cert: ServerCertificate;
let server: RunningServer;
let staticDir: string;
let pinned: { fetch: PinnedFetch; close(): Promise<void> };
let manager: SignedIn;
let base: string;

/** A code made by the manager at the server PC (its own window: the core itself). */
async function newCode(): Promise<string> {
  return (await manager.client.desks.createPairingCode({})).code;
}

function wrongCodeFor(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

beforeAll(async () => {
  t = await openTestCore();
  cert = await testCertificate(t.dir);
  staticDir = makeTempDir('baydesk-static-');
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>BayDesk</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startHttpServer({
    core: t.core,
    host: '0.0.0.0',
    port: 0,
    staticDir,
    tls: cert,
    serverName: 'Service PC',
    trustThisMachine: false,
  });
  base = `https://127.0.0.1:${new URL(server.url).port}`;
  pinned = pinnedFetch(cert);
  manager = await signIn(t.core, 'manager');
});
afterAll(async () => {
  await server?.close();
  await pinned?.close();
  await t?.close();
  if (staticDir) removeDir(staticDir);
});

describe('served to the network: HTTPS only', () => {
  it('refuses to start plain HTTP off loopback', async () => {
    await expect(startHttpServer({ core: t.core, host: '0.0.0.0', port: 0, staticDir })).rejects.toThrow(/HTTPS/);
  });

  it('answers nothing in clear: a plain HTTP request to its port gets no page and no API', async () => {
    const port = Number(new URL(server.url).port);
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/rpc/users/status', method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve(`answered ${res.statusCode}: ${text}`));
        },
      );
      req.on('error', (error) => resolve(`refused: ${error.message}`));
      req.end('{}');
    });
    expect(outcome).not.toContain('needsSetup');
    expect(outcome).not.toMatch(/^answered 2/);
  });

  it('its URL is https, and a client pinned to another certificate does not get in', async () => {
    expect(server.url).toMatch(/^https:\/\/0\.0\.0\.0:\d+$/);
    const otherDir = makeTempDir('baydesk-other-cert-');
    const other = pinnedFetch(await testCertificate(otherDir));
    try {
      await expect(other.fetch(`${base}/`)).rejects.toThrow();
    } finally {
      await other.close();
      removeDir(otherDir);
    }
  });

  it('the certificate is made once in the data folder, its key private, the machine names in it, the same after a restart', async () => {
    const keyFile = join(t.dir, TLS_DIR, KEY_FILE);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o077).toBe(0);
    const again = await loadServerCertificate(t.dir);
    expect(again.fingerprint).toBe(cert.fingerprint);
    expect(statSync(join(t.dir, TLS_DIR, CERT_FILE)).isFile()).toBe(true);
    const sans = new X509Certificate(cert.cert).subjectAltName ?? '';
    expect(sans).toContain('IP Address:127.0.0.1');
    expect(sans).toContain('DNS:localhost');
    expect(cert.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });
});

describe('pairing a desk', () => {
  it('an unpaired desk gets the login page but no API: 401 desk.unpaired', async () => {
    expect((await pinned.fetch(`${base}/`)).status).toBe(200);
    expect((await pinned.fetch(`${base}/assets/app.js`)).status).toBe(200);
    await expectApiError(deskClient(base, pinned.fetch).users.status(), 'UNAUTHENTICATED', { reason: 'desk.unpaired' });
    await expectApiError(deskClient(base, pinned.fetch, { credential: 'made-up-credential' }).users.status(), 'UNAUTHENTICATED', {
      reason: 'desk.unpaired',
    });
    // Nothing was set up through the refused call.
    expect((await t.core.client().users.status()).needsSetup).toBe(false);
  });

  it('a right code gives a working credential, the server name and the certificate fingerprint to pin', async () => {
    const code = await newCode();
    const response = await pinned.fetch(`${base}/rpc/desks/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { code, name: 'Reception 1' } }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    const paired = (
      (await response.json()) as {
        json: { credential: string; serverName: string; certificateFingerprint: string; name: string };
      }
    ).json;
    expect(paired.serverName).toBe('Service PC');
    expect(paired.certificateFingerprint).toBe(cert.fingerprint);
    expect(paired.credential.length).toBeGreaterThanOrEqual(43);
    // A browser desk keeps it in a cookie its scripts cannot read, sent only over HTTPS, never by another site's page.
    expect(cookie).toContain(`${DESK_CREDENTIAL_COOKIE}=${paired.credential}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Strict');

    const desk = deskClient(base, pinned.fetch, { credential: paired.credential });
    expect(await desk.users.status()).toEqual({ needsSetup: false, demo: null });
    // The cookie alone opens the API too (a browser desk).
    const viaCookie = await pinned.fetch(`${base}/rpc/users/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0]! },
      body: '{}',
    });
    expect(viaCookie.status).toBe(200);
    // The desk credential is not a session: the user still signs in on the desk.
    await expectApiError(desk.users.me(), 'UNAUTHENTICATED', { reason: 'session.required' });
    const advisor = await signIn(t.core, 'advisor');
    const session = await desk.users.login({ username: advisor.session.user.username, password: PASSWORD });
    const signedIn = deskClient(base, pinned.fetch, { credential: paired.credential, token: session.token });
    expect((await signedIn.users.me()).username).toBe(advisor.session.user.username);

    // The manager sees it in the desk list: name, when paired, last seen and from where.
    const listed = (await manager.client.desks.list({})).find((d) => d.name === 'Reception 1');
    expect(listed).toMatchObject({ pairedBy: { id: manager.session.user.id }, revokedAt: null, lastAddress: '127.0.0.1' });
    expect(listed?.lastSeenAt).not.toBeNull();
    const trail = await manager.client.audit.list({ entity: 'desk' });
    expect(trail.rows.map((e) => e.action)).toContain('desk.paired');
  });

  it('only a manager or the administrator makes codes and sees the desks', async () => {
    const advisor = await signIn(t.core, 'advisor');
    await expectApiError(advisor.client.desks.createPairingCode({}), 'FORBIDDEN', { reason: 'role.forbidden' });
    await expectApiError(advisor.client.desks.list({}), 'FORBIDDEN', { reason: 'role.forbidden' });
    const admin = await signIn(t.core, 'admin');
    expect((await admin.client.desks.createPairingCode({})).code).toMatch(/^\d{6}$/);
  });

  it('a code is single-use', async () => {
    const code = await newCode();
    const unpaired = deskClient(base, pinned.fetch);
    await unpaired.desks.pair({ code, name: 'Parts counter' });
    await expectApiError(unpaired.desks.pair({ code, name: 'Intruder' }), 'INVALID_INPUT', {
      field: 'code',
      reason: 'desk.codeInvalid',
    });
    expect((await manager.client.desks.list({})).map((d) => d.name)).not.toContain('Intruder');
  });

  it('a code expires after 10 minutes', async () => {
    const unpaired = deskClient(base, pinned.fetch);
    const late = await newCode();
    const inTime = await newCode();
    t.clock.advance(PAIRING_CODE_MINUTES * MINUTE - 1000);
    await unpaired.desks.pair({ code: inTime, name: 'Foreman board' });
    t.clock.advance(2000);
    await expectApiError(unpaired.desks.pair({ code: late, name: 'Too late' }), 'INVALID_INPUT', {
      field: 'code',
      reason: 'desk.codeInvalid',
    });
  });

  it('a wrong code is refused; five wrong codes lock pairing for 15 minutes, the right code too', async () => {
    const unpaired = deskClient(base, pinned.fetch);
    // Wrong codes count from the last desk that paired.
    await unpaired.desks.pair({ code: await newCode(), name: 'Workshop terminal' });
    const code = await newCode();
    const wrong = wrongCodeFor(code);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await expectApiError(unpaired.desks.pair({ code: wrong, name: 'Guesser' }), 'INVALID_INPUT', {
        field: 'code',
        reason: 'desk.codeInvalid',
      });
    }
    await expectApiError(unpaired.desks.pair({ code: wrong, name: 'Guesser' }), 'FORBIDDEN', {
      field: 'code',
      reason: 'desk.pairingLocked',
    });
    await expectApiError(unpaired.desks.pair({ code, name: 'CSI room' }), 'FORBIDDEN', {
      field: 'code',
      reason: 'desk.pairingLocked',
    });
    t.clock.advance(PAIRING_LOCK_MINUTES * MINUTE - 1000);
    await expectApiError(unpaired.desks.pair({ code, name: 'CSI room' }), 'FORBIDDEN', { reason: 'desk.pairingLocked' });
    t.clock.advance(2000);
    // The lock ran out: a fresh code (the first one is past its 10 minutes by now) pairs.
    await unpaired.desks.pair({ code: await newCode(), name: 'CSI room' });
    const refused = (await manager.client.audit.list({ entity: 'desk' })).rows.filter((e) => e.action === 'desk.pairingRefused');
    expect(refused.length).toBeGreaterThanOrEqual(7);
    expect(refused[0]!.details.values).toMatchObject({ address: '127.0.0.1' });
  });

  it('a malformed code is refused by the schema, naming the field', async () => {
    await expectApiError(deskClient(base, pinned.fetch).desks.pair({ code: '12ab', name: 'x' }), 'INVALID_INPUT', {
      field: 'code',
      reason: 'desk.codeFormat',
    });
  });
});

describe('an unpaired request is refused before its body is read', () => {
  it('a 50 MB post from an unpaired desk is answered 401 after a few bytes, the rest never read', async () => {
    const port = Number(new URL(server.url).port);
    const outcome = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/rpc/repairOrders/addPhoto',
          method: 'POST',
          ca: [cert.cert],
          headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      // A few bytes of the promised 50 MB, and then nothing: only an answer given before the body ends comes back.
      req.write('{"json":{"repairOrderId":1,');
    });
    expect(outcome.status).toBe(401);
    expect(outcome.body).toContain('desk.unpaired');
  });
});

describe('on loopback, and the server PC itself', () => {
  it('browser mode on 127.0.0.1 stays plain HTTP with no pairing', async () => {
    const loopback = await startHttpServer({ core: t.core, port: 0, staticDir });
    try {
      expect(loopback.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const answer = await fetch(`${loopback.url}/rpc/users/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(answer.status).toBe(200);
    } finally {
      await loopback.close();
    }
  });

  it("served to the network, the server PC's own browser needs no pairing (where the first code is made)", async () => {
    const open = await startHttpServer({ core: t.core, host: '0.0.0.0', port: 0, staticDir, tls: cert });
    try {
      const self = deskClient(`https://127.0.0.1:${new URL(open.url).port}`, pinned.fetch);
      expect(await self.users.status()).toEqual({ needsSetup: false, demo: null });
    } finally {
      await open.close();
    }
  });
});
