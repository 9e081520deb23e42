import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskConfig } from '../../electron/desk-link/desk-config';
import { loadServerCertificate, type ServerCertificate } from '../../electron/server/certificate';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { openTestCore, type TestCore } from '../fixtures/core';
import { signIn } from '../fixtures/users';
import { answerElectronWithStandIn, fakeElectron, loadMainBundle } from '../electron/stand-in';
import { createRequire } from 'node:module';

/**
 * Issue 16 items 6 and 7: a packaged desk joined to the server checks for updates on the server's LAN, with
 * electron-updater itself (generic provider), run by the BUILT main bundle against the stand-in Electron, whose
 * `net.request` goes through the session the bundle pinned (tests/electron/stand-in-net.ts). The server hosts a newer
 * version in its updates folder: the desk finds it, downloads it over the pinned connection with its credential and
 * checks its SHA-512; the server's desk list then shows the version the desk runs.
 */
const MAIN_BUNDLE = join(__dirname, '..', '..', 'out', 'main', 'index.js');

describe('updates from the LAN (built main bundle, electron-updater, stand-in Electron)', () => {
  const userData = mkdtempSync(join(tmpdir(), 'baydesk-updates-'));
  const electron = fakeElectron(userData, { packaged: true });
  const events: string[] = [];
  const appImage = process.env.APPIMAGE;
  const cacheHome = process.env.XDG_CACHE_HOME;
  let t: TestCore;
  let cert: ServerCertificate;
  let server: RunningServer;
  let updater: EventEmitter;
  let undoStandIn: () => void = () => undefined;

  beforeAll(async () => {
    t = await openTestCore();
    cert = await loadServerCertificate(t.dir, { dns: ['localhost'], ips: ['127.0.0.1'] });
    const updates = join(t.dir, 'updates');
    mkdirSync(updates);
    // What `npm run dist` puts next to a Linux AppImage, for a version above the desk's (0.0.0-test).
    const installer = Buffer.alloc(64 * 1024, 3);
    const sha512 = createHash('sha512').update(installer).digest('base64');
    writeFileSync(join(updates, 'BayDesk-0.2.0.AppImage'), installer);
    writeFileSync(
      join(updates, 'latest-linux.yml'),
      [
        'version: 0.2.0',
        'files:',
        '  - url: BayDesk-0.2.0.AppImage',
        `    sha512: ${sha512}`,
        `    size: ${installer.length}`,
        'path: BayDesk-0.2.0.AppImage',
        `sha512: ${sha512}`,
        "releaseDate: '2026-12-07T08:00:00.000Z'",
        '',
      ].join('\n'),
    );
    server = await startHttpServer({
      core: t.core,
      host: '0.0.0.0',
      port: 0,
      tls: cert,
      serverName: 'Service PC',
      trustThisMachine: false,
      updatesDir: updates,
    });
    const manager = await signIn(t.core, 'manager');
    const { code } = await manager.client.desks.createPairingCode({});
    const paired = await t.core.client().desks.pair({ code, name: 'Parts counter' });
    const config: DeskConfig = {
      mode: 'server',
      origin: `https://127.0.0.1:${new URL(server.url).port}`,
      serverName: paired.serverName,
      deskId: paired.deskId,
      deskName: paired.name,
      certificate: { cert: cert.cert, fingerprint: cert.fingerprint },
      credential: { encrypted: false, value: paired.credential },
    };
    writeFileSync(join(userData, 'desk.json'), JSON.stringify(config));
    // electron-updater updates an AppImage on Linux: the running one is named by $APPIMAGE.
    process.env.APPIMAGE = join(userData, 'BayDesk-0.1.0.AppImage');
    // Electron's own: where the packaged app's resources are (electron-updater keeps its download cache's name there).
    (process as { resourcesPath?: string }).resourcesPath = userData;
    // What electron-builder writes there from package.json's "publish" (the desk replaces the URL with its server's),
    // and the download cache in this test's folder rather than the user's ~/.cache.
    writeFileSync(
      join(userData, 'app-update.yml'),
      'provider: generic\nurl: https://baydesk-server.invalid/updates/\nupdaterCacheDirName: baydesk-updater\n',
    );
    process.env.XDG_CACHE_HOME = join(userData, 'cache');
    writeFileSync(process.env.APPIMAGE, 'running version');
    undoStandIn = answerElectronWithStandIn(electron);
    updater = (createRequire(MAIN_BUNDLE)('electron-updater') as { autoUpdater: EventEmitter }).autoUpdater;
    for (const name of ['update-available', 'update-not-available', 'update-downloaded', 'error'])
      updater.on(name, (info: { version?: string; message?: string }) =>
        events.push(`${name} ${info?.version ?? info?.message ?? ''}`),
      );
    loadMainBundle(MAIN_BUNDLE, electron);
  });

  afterAll(async () => {
    undoStandIn();
    delete (process as { resourcesPath?: string }).resourcesPath;
    if (cacheHome === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = cacheHome;
    if (appImage === undefined) delete process.env.APPIMAGE;
    else process.env.APPIMAGE = appImage;
    await server?.close();
    await t?.close();
    rmSync(userData, { recursive: true, force: true, maxRetries: 5 });
  });

  it('finds the newer version on the server and downloads it over the pinned connection', async () => {
    await vi.waitFor(() => expect(events).toContain('update-downloaded 0.2.0'), { timeout: 30_000, interval: 100 });
    expect(events[0]).toBe('update-available 0.2.0');
    expect(events.filter((e) => e.startsWith('error'))).toEqual([]);
  });

  it('pins the updater’s own session to the server’s certificate and sends the desk’s credential', async () => {
    const session = electron.sessions.get('electron-updater');
    expect(session?.verify).toBeDefined();
    expect(session?.beforeSendHeaders?.filter).toEqual({ urls: [`https://127.0.0.1:${new URL(server.url).port}/*`] });
    // The desk list shows the version it runs (sent with the update check).
    const manager = await signIn(t.core, 'manager');
    const desk = (await manager.client.desks.list({})).find((d) => d.name === 'Parts counter');
    expect(desk?.appVersion).toBe('0.0.0-test');
  });
});
