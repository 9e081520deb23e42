import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK_CONFIG_FILE, readDeskConfig, type SecretBox } from '../../electron/desk-link/desk-config';
import { joinServer, keepDatabaseHere } from '../../electron/desk-link/join';
import { parseServerAddress } from '../../electron/desk-link/address';
import { probeServer } from '../../electron/desk-link/probe';
import { loadServerCertificate, type ServerCertificate } from '../../electron/server/certificate';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { DESK_CREDENTIAL_HEADER, DESK_VERSION_HEADER } from '../../shared/contract/desks';
import { makeTempDir, openTestCore, removeDir, type TestCore } from '../fixtures/core';
import { deskClient, pinnedFetch, testCertificate, type PinnedFetch } from '../fixtures/desks';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * Issue 16 item 4 (a desktop desk joins the server) and item 6 (updates from the LAN), with the desk's own pairing
 * code path (electron/desk-link, what the Electron main process runs) over real HTTPS. 127.0.0.1 stands in for the LAN.
 */

/** The test's stand-in for the system keyring: reversible, and visibly not the credential itself. */
const box: SecretBox = {
  seal: (secret) => ({ encrypted: true, value: Buffer.from(secret).toString('base64') }),
  open: (sealed) => Buffer.from(sealed.value, 'base64').toString(),
};

let t: TestCore;
let cert: ServerCertificate;
let server: RunningServer;
let updatesDir: string;
let pinned: { fetch: PinnedFetch; close(): Promise<void> };
let manager: SignedIn;
let address: string;
let base: string;

beforeAll(async () => {
  t = await openTestCore();
  cert = await testCertificate(t.dir);
  updatesDir = join(t.dir, 'updates');
  mkdirSync(updatesDir);
  writeFileSync(join(updatesDir, 'latest.yml'), 'version: 0.2.0\npath: BayDesk Setup 0.2.0.exe\n');
  writeFileSync(join(updatesDir, 'BayDesk Setup 0.2.0.exe'), Buffer.alloc(4096, 7));
  writeFileSync(join(t.dir, 'secret.txt'), 'not for desks');
  server = await startHttpServer({
    core: t.core,
    host: '0.0.0.0',
    port: 0,
    tls: cert,
    serverName: 'Service PC',
    trustThisMachine: false,
    updatesDir,
  });
  const port = new URL(server.url).port;
  address = `127.0.0.1:${port}`;
  base = `https://${address}`;
  pinned = pinnedFetch(cert);
  manager = await signIn(t.core, 'manager');
});
afterAll(async () => {
  await server?.close();
  await pinned?.close();
  await t?.close();
});

const newCode = async (): Promise<string> => (await manager.client.desks.createPairingCode({})).code;

describe('the server address a desk types', () => {
  it('takes an address as staff type it, adds the default port, and refuses plain HTTP to another PC', () => {
    expect(parseServerAddress('192.168.1.20')).toMatchObject({ ok: true, origin: 'https://192.168.1.20:5178' });
    expect(parseServerAddress(' server-pc:8443 ')).toMatchObject({ ok: true, origin: 'https://server-pc:8443', port: 8443 });
    expect(parseServerAddress('https://server-pc/')).toMatchObject({ ok: true, origin: 'https://server-pc:5178' });
    expect(parseServerAddress('http://192.168.1.20:5178').ok).toBe(false);
    expect(parseServerAddress('server pc').ok).toBe(false);
    expect(parseServerAddress('https://server-pc/rpc').ok).toBe(false);
  });
});

describe('a desktop desk joins the server (first run: "Connect to the service department\'s server")', () => {
  it('pairs with a code, pins the certificate it was shown, and keeps its credential sealed in desk.json', async () => {
    const dataDir = makeTempDir('baydesk-desk-');
    try {
      const joining = await joinServer({ serverAddress: address, code: await newCode(), name: 'Reception 2' }, dataDir, box);
      expect(joining.answer).toEqual({ ok: true, serverName: 'Service PC', fingerprint: cert.fingerprint });
      const kept = readDeskConfig(dataDir);
      expect(kept).toMatchObject({ mode: 'server', origin: base, serverName: 'Service PC', deskName: 'Reception 2' });
      if (kept?.mode !== 'server') throw new Error('not joined');
      expect(kept.certificate.fingerprint).toBe(cert.fingerprint);
      // The file holds the sealed credential, never the credential itself.
      const credential = box.open(kept.credential);
      expect(readFileSync(join(dataDir, DESK_CONFIG_FILE), 'utf8')).not.toContain(credential);
      // The credential lets this desk reach the server; the user still signs in (status answers, the grid needs a session).
      const asDesk = deskClient(base, pinned.fetch, { credential });
      await expect(asDesk.users.status({})).resolves.toMatchObject({ needsSetup: false });
      await expect(deskClient(base, pinned.fetch).users.status({})).rejects.toMatchObject({ status: 401 });
    } finally {
      removeDir(dataDir);
    }
  });

  it('names the field to correct: a wrong code, an address where nothing answers, no address at all; nothing is written', async () => {
    const dataDir = makeTempDir('baydesk-desk-');
    try {
      const code = await newCode();
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const refusedCode = await joinServer({ serverAddress: address, code: wrong, name: 'Parts' }, dataDir, box);
      expect(refusedCode.answer).toMatchObject({ ok: false, error: { issues: [{ field: 'code', reason: 'desk.codeInvalid' }] } });
      const nobody = await joinServer({ serverAddress: '127.0.0.1:1', code, name: 'Parts' }, dataDir, box);
      expect(nobody.answer).toMatchObject({
        ok: false,
        error: { issues: [{ field: 'serverAddress', reason: 'desk.unreachable' }] },
      });
      const empty = await joinServer({ serverAddress: ' ', code, name: 'Parts' }, dataDir, box);
      expect(empty.answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(readDeskConfig(dataDir)).toBeNull();
    } finally {
      removeDir(dataDir);
    }
  });

  it('trusts only the pinned certificate: another server at that address (same name, other key) is refused', async () => {
    const otherDir = makeTempDir('baydesk-other-');
    const other = await loadServerCertificate(otherDir, { dns: ['localhost'], ips: ['127.0.0.1'] });
    const impostor = createTlsServer({ key: other.key, cert: other.cert }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    try {
      const port = (impostor.address() as AddressInfo).port;
      expect(await probeServer(`https://127.0.0.1:${port}`, cert)).toBe(false);
      expect(await probeServer(`https://127.0.0.1:${port}`, other)).toBe(true);
      expect(await probeServer(base, cert)).toBe(true);
    } finally {
      impostor.close();
      removeDir(otherDir);
    }
  });

  it('"This PC keeps the database" is kept for the next start; a damaged desk.json asks again', () => {
    const dataDir = makeTempDir('baydesk-desk-');
    try {
      keepDatabaseHere(dataDir);
      expect(readDeskConfig(dataDir)).toEqual({ mode: 'standalone' });
      writeFileSync(join(dataDir, DESK_CONFIG_FILE), '{"mode":"server","origin":"nope"}');
      expect(readDeskConfig(dataDir)).toBeNull();
    } finally {
      removeDir(dataDir);
    }
  });
});

describe('updates from the LAN', () => {
  it('paired desks download the installers from the server; others get nothing, and nothing outside the folder', async () => {
    const { link } = await (async () => {
      const dataDir = makeTempDir('baydesk-desk-');
      const joining = await joinServer({ serverAddress: address, code: await newCode(), name: 'Workshop 3' }, dataDir, box);
      const config = readDeskConfig(dataDir);
      removeDir(dataDir);
      if (!joining.answer.ok || config?.mode !== 'server') throw new Error('not joined');
      return { link: { credential: box.open(config.credential) } };
    })();
    const headers = { [DESK_CREDENTIAL_HEADER]: link.credential, [DESK_VERSION_HEADER]: '0.1.0' };
    const feed = await pinned.fetch(`${base}/updates/latest.yml`, { headers });
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('version: 0.2.0');
    const installer = await pinned.fetch(`${base}/updates/${encodeURIComponent('BayDesk Setup 0.2.0.exe')}`, { headers });
    expect(installer.status).toBe(200);
    expect((await installer.arrayBuffer()).byteLength).toBe(4096);
    expect((await pinned.fetch(`${base}/updates/latest.yml`)).status).toBe(401);
    for (const path of ['/updates/..%2Fsecret.txt', '/updates/%2E%2E/secret.txt', '/updates/.hidden', '/updates/missing.yml'])
      expect((await pinned.fetch(`${base}${path}`, { headers })).status, path).toBe(404);
    // The Desks screen's version column: what the desk said it runs.
    const listed = await manager.client.desks.list({});
    expect(listed.find((d) => d.name === 'Workshop 3')?.appVersion).toBe('0.1.0');
  });
});
