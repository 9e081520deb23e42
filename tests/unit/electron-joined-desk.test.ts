import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskConfig } from '../../electron/desk-link/desk-config';
import { loadServerCertificate, type ServerCertificate } from '../../electron/server/certificate';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { DESK_CREDENTIAL_HEADER, DESK_VERSION_HEADER } from '../../shared/contract/desks';
import { makeTempDir, openTestCore, removeDir, type TestCore } from '../fixtures/core';
import { fakeElectron, loadMainBundle } from '../electron/stand-in';

/**
 * Issue 16 item 4 in the desk's main process (the BUILT bundle against the stand-in Electron, as the hardening test
 * runs it): a desk joined to the server opens no database of its own, shows the server's pages, trusts only the
 * certificate it pinned at pairing, sends its credential and version to the server only, and when the server is
 * away shows its own one-line page and knocks until the server answers again.
 */
const OUT = join(__dirname, '..', '..', 'out');
const MAIN_BUNDLE = join(OUT, 'main', 'index.js');
const RENDERER_PAGE = join(OUT, 'renderer', 'index.html');

describe('a desk joined to the server (built main bundle, stand-in Electron)', () => {
  const userData = mkdtempSync(join(tmpdir(), 'baydesk-joined-'));
  const electron = fakeElectron(userData);
  let t: TestCore;
  let cert: ServerCertificate;
  let other: ServerCertificate;
  let otherDir: string;
  let server: RunningServer;
  let origin: string;

  beforeAll(async () => {
    t = await openTestCore();
    cert = await loadServerCertificate(t.dir, { dns: ['localhost'], ips: ['127.0.0.1'] });
    otherDir = makeTempDir('baydesk-other-');
    other = await loadServerCertificate(otherDir, { dns: ['localhost'], ips: ['127.0.0.1'] });
    server = await startHttpServer({ core: t.core, host: '0.0.0.0', port: 0, tls: cert, trustThisMachine: false });
    origin = `https://127.0.0.1:${new URL(server.url).port}`;
    const config: DeskConfig = {
      mode: 'server',
      origin,
      serverName: 'Service PC',
      deskId: 7,
      deskName: 'Reception 2',
      certificate: { cert: cert.cert, fingerprint: cert.fingerprint },
      // No keyring in the stand-in: kept as the desk keeps it where the system has none.
      credential: { encrypted: false, value: 'the-desk-credential' },
    };
    writeFileSync(join(userData, 'desk.json'), JSON.stringify(config));
    loadMainBundle(MAIN_BUNDLE, electron);
    await vi.waitFor(() => expect(electron.windows[0]?.loaded.length ?? 0).toBeGreaterThan(0), { timeout: 30_000 });
  });

  afterAll(async () => {
    await server?.close();
    await t?.close();
    removeDir(otherDir);
    rmSync(userData, { recursive: true, force: true, maxRetries: 5 });
  });

  const asked = (): unknown => {
    const event: { returnValue?: unknown } = {};
    electron.ipcListeners.get('baydesk:desk-info')!(event);
    return event.returnValue;
  };

  it('opens no database of its own and shows the server’s pages', () => {
    expect(electron.errors).toEqual([]);
    expect(electron.forks).toHaveLength(0);
    expect(electron.windows[0]!.loaded).toEqual([`${origin}/`]);
    expect(asked()).toEqual({ mode: 'server', serverName: 'Service PC', origin, fingerprint: cert.fingerprint, reachable: true });
  });

  it('trusts, for the server, only the certificate pinned at pairing', () => {
    const verify = electron.sessions.get('default')!.verify!;
    const answer = (hostname: string, pem: string): unknown => {
      let result: unknown;
      verify({ hostname, certificate: { data: pem } }, (code: number) => (result = code));
      return result;
    };
    expect(answer('127.0.0.1', cert.cert)).toBe(0);
    // Another certificate for the same name: refused (-2), whatever authority signed it.
    expect(answer('127.0.0.1', other.cert)).toBe(-2);
    // Any other host keeps Chromium's own check (-3); the window may not go there anyway.
    expect(answer('example.com', cert.cert)).toBe(-3);
  });

  it('sends its credential and version with every request to the server, and to nobody else', () => {
    const { filter, listener } = electron.sessions.get('default')!.beforeSendHeaders!;
    expect(filter).toEqual({ urls: [`${origin}/*`] });
    let sent: Record<string, string> = {};
    listener(
      { url: `${origin}/rpc/users/status`, requestHeaders: { Accept: '*/*' } },
      (answer: { requestHeaders: Record<string, string> }) => {
        sent = answer.requestHeaders;
      },
    );
    expect(sent).toEqual({ Accept: '*/*', [DESK_CREDENTIAL_HEADER]: 'the-desk-credential', [DESK_VERSION_HEADER]: '0.0.0-test' });
  });

  it('when the server is away, says so on its own page, and shows the server again once it answers', async () => {
    const window = electron.windows[0]!;
    const failed = window.contents.get('did-fail-load') ?? [];
    expect(failed.length).toBeGreaterThan(0);
    for (const listener of failed) listener({}, -102, 'ERR_CONNECTION_REFUSED', `${origin}/`, true);
    expect(window.loaded.at(-1)).toBe(pathToFileURL(RENDERER_PAGE).href);
    expect(asked()).toMatchObject({ mode: 'server', reachable: false });
    // The server answers (it never went away in this test): the desk's next knock finds it.
    await vi.waitFor(() => expect(window.loaded.at(-1)).toBe(`${origin}/`), { timeout: 15_000, interval: 200 });
    expect(asked()).toMatchObject({ reachable: true });
  });
});
