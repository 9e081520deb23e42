import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/message-port';
import type { ContractRouterClient } from '@orpc/contract';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { contract } from '../../shared/contract';
import { fakeElectron, loadMainBundle, quitDesk, type Listener } from '../electron/stand-in';

/**
 * Issue 7, item 8: the Electron security settings, read back from the BUILT main bundle (out/main/index.js, what
 * electron-builder packs), not from the sources. `npm test` builds before vitest runs. Two readings:
 * - the bundle's text: the literal webPreferences of every window, and nothing that switches a protection off;
 * - the bundle run for real in Node against a recording stand-in for Electron (the Electron binary cannot run here):
 *   the options it hands to `new BrowserWindow`, what its navigation, window-open, webview and permission handlers
 *   answer, which frames its IPC accepts, and the database its first run creates in the user data folder.
 */
const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'out');
const MAIN_BUNDLE = join(OUT, 'main', 'index.js');
const RENDERER_PAGE = join(OUT, 'renderer', 'index.html');

/** A web contents as `web-contents-created` hands it over: records its handlers so the test can call them. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: Listener | undefined;
  return {
    contents: {
      on: (name: string, listener: Listener) => listeners.set(name, listener),
      setWindowOpenHandler: (handler: Listener) => (openHandler = handler),
    },
    /** Fires an event with a preventable event object; true when the handler refused it. */
    refuses(name: string, ...args: unknown[]): boolean {
      const listener = listeners.get(name);
      if (!listener) throw new Error(`no ${name} handler`);
      const event = { preventDefault: vi.fn() };
      listener(event, ...args);
      return event.preventDefault.mock.calls.length > 0;
    },
    openWindow: (url: string) => openHandler?.({ url, disposition: 'new-window' }),
  };
}

describe('the built main bundle', () => {
  it('exists and is newer than the main-process sources (npm test builds before vitest)', () => {
    expect(existsSync(MAIN_BUNDLE), `${MAIN_BUNDLE} is missing: run \`npm run build\` first`).toBe(true);
    const built = statSync(MAIN_BUNDLE).mtimeMs;
    const sources = ['main', 'core-host'].flatMap((dir) =>
      readdirSync(join(ROOT, 'electron', dir)).map((f) => statSync(join(ROOT, 'electron', dir, f)).mtimeMs),
    );
    expect(built, 'out/main is older than electron/main: run `npm run build` first').toBeGreaterThanOrEqual(Math.max(...sources));
  });

  it('writes the window security settings as literals and switches no protection off anywhere', () => {
    const text = readFileSync(MAIN_BUNDLE, 'utf8');
    const windowCall = text.slice(text.indexOf('new electron.BrowserWindow('));
    const prefs = windowCall.slice(windowCall.indexOf('webPreferences'), windowCall.indexOf('})'));
    expect(prefs).toMatch(/contextIsolation:\s*(true|!0)/);
    expect(prefs).toMatch(/sandbox:\s*(true|!0)/);
    expect(prefs).toMatch(/nodeIntegration:\s*(false|!1)/);
    expect(prefs).toMatch(/webSecurity:\s*(true|!0)/);
    expect(text).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: "deny" \}\)\)/);
    expect(text).toMatch(/"will-navigate"/);
    expect(text).toMatch(/setPermissionRequestHandler/);
    // Every built main-process file: no window anywhere may loosen these.
    const files = readdirSync(join(OUT, 'main'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    for (const file of files) {
      const code = readFileSync(join(OUT, 'main', file), 'utf8');
      for (const loosening of [
        /contextIsolation:\s*(false|!1)/,
        /sandbox:\s*(false|!1)/,
        /nodeIntegration(InWorker|InSubFrames)?:\s*(true|!0)/,
        /webSecurity:\s*(false|!1)/,
        /allowRunningInsecureContent:\s*(true|!0)/,
        /experimentalFeatures:\s*(true|!0)/,
        /webviewTag:\s*(true|!0)/,
        /enableRemoteModule/,
        /enableBlinkFeatures/,
        /ignore-certificate-errors|disable-web-security/,
      ]) {
        expect(code, `${file} matches ${loosening}`).not.toMatch(loosening);
      }
    }
  });

  it('ships a renderer page with a strict Content-Security-Policy', () => {
    const html = readFileSync(RENDERER_PAGE, 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    // The built page loads its scripts from its own folder only.
    for (const [, src] of html.matchAll(/<script[^>]*src="([^"]+)"/g)) expect(src).toMatch(/^\.\/assets\//);
  });
});

describe('the built main bundle, run against a stand-in for Electron', () => {
  const userData = mkdtempSync(join(tmpdir(), 'baydesk-hardening-'));
  const electron = fakeElectron(userData);

  beforeAll(async () => {
    loadMainBundle(MAIN_BUNDLE, electron);
    // app.whenReady() resolves at once here: wait for the desk to open its window (or report why it could not).
    await vi.waitFor(() => expect(electron.windows.length + electron.errors.length).toBeGreaterThan(0), { timeout: 30_000 });
  });

  afterAll(async () => {
    await quitDesk(electron);
    rmSync(userData, { recursive: true, force: true, maxRetries: 5 });
  });

  it('opens one window with context isolation, the sandbox, no Node and web security on', () => {
    expect(electron.errors).toEqual([]);
    expect(electron.windows).toHaveLength(1);
    const prefs = electron.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs).not.toHaveProperty('enableRemoteModule');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    // The preload it names is the built one, and the window shows the built renderer page.
    expect(prefs.preload).toBe(join(OUT, 'preload', 'index.js'));
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(electron.windows[0]!.loaded).toEqual([pathToFileURL(RENDERER_PAGE).href]);
  });

  it('refuses navigation away from its own pages, new windows and webviews', () => {
    const created = electron.appListeners.get('web-contents-created') ?? [];
    expect(created.length).toBeGreaterThan(0);
    const page = fakeContents();
    for (const listener of created) listener({}, page.contents);
    const own = `${pathToFileURL(RENDERER_PAGE).href}#/repair-orders`;
    expect(page.refuses('will-navigate', own)).toBe(false);
    for (const foreign of [
      'https://evil.example/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      pathToFileURL(join(userData, 'saved.html')).href,
      'javascript:alert(1)',
    ]) {
      expect(page.refuses('will-navigate', foreign), foreign).toBe(true);
      expect(page.refuses('will-redirect', foreign), foreign).toBe(true);
    }
    expect(page.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(page.openWindow(own)).toEqual({ action: 'deny' });
    expect(page.refuses('will-attach-webview', {}, {})).toBe(true);
  });

  it('answers no to every permission request and check', () => {
    const answers: unknown[] = [];
    electron.permissions.request?.({}, 'media', (granted: boolean) => answers.push(granted));
    electron.permissions.request?.({}, 'notifications', (granted: boolean) => answers.push(granted));
    expect(answers).toEqual([false, false]);
    expect(electron.permissions.check?.({}, 'media', 'file://')).toBe(false);
  });

  it('asks at its first run whether this PC keeps the database; only its own page may answer, and the answer is kept', async () => {
    const info = electron.ipcListeners.get('baydesk:desk-info');
    const asked = (): unknown => {
      const event: { returnValue?: unknown } = {};
      info!(event);
      return event.returnValue;
    };
    expect(asked()).toEqual({ mode: 'first-run' });
    // Nothing is opened before the choice: no core process, no database.
    expect(electron.forks).toHaveLength(0);
    expect(existsSync(join(userData, 'baydesk.sqlite'))).toBe(false);
    const keep = electron.ipcHandlers.get('baydesk:keep-database-here');
    expect(await keep!({ senderFrame: { url: 'https://evil.example/' } })).toBe(false);
    expect(electron.forks).toHaveLength(0);
    expect(await keep!({ senderFrame: { url: `${pathToFileURL(RENDERER_PAGE).href}#/` } })).toBe(true);
    expect(JSON.parse(readFileSync(join(userData, 'desk.json'), 'utf8'))).toEqual({ mode: 'standalone' });
    expect(asked()).toEqual({ mode: 'standalone' });
    // The core's process starts and the page loads again, now as a standalone desk; a second answer changes nothing.
    await vi.waitFor(() => expect(electron.forks).toHaveLength(1));
    expect(electron.windows[0]!.loaded).toEqual([pathToFileURL(RENDERER_PAGE).href, pathToFileURL(RENDERER_PAGE).href]);
    expect(await keep!({ senderFrame: { url: `${pathToFileURL(RENDERER_PAGE).href}#/` } })).toBe(false);
  });

  it('lets only its own page reach the core over IPC, and print to PDF', async () => {
    const connect = electron.ipcListeners.get('baydesk:connect');
    expect(connect).toBeDefined();
    // The main process serves no port itself: it hands our own page's port to the core's process, and only that one.
    const [core] = electron.forks;
    // A port handed over while the core opens is served the start-up status alone (the page connects again after).
    await vi.waitFor(() => expect(core!.sent).toContainEqual(expect.objectContaining({ kind: 'opened' })), { timeout: 30_000 });
    const handedOver = () => core!.received.filter((r) => (r.message as { kind: string }).kind === 'connect');
    const { port1, port2 } = new MessageChannel();
    try {
      connect!({ senderFrame: { url: 'file:///tmp/downloaded.html' }, ports: [port1] });
      connect!({ senderFrame: { url: 'https://evil.example/' }, ports: [port1] });
      expect(handedOver()).toHaveLength(0);
      connect!({ senderFrame: { url: `${pathToFileURL(RENDERER_PAGE).href}#/login` }, ports: [port1] });
      expect(handedOver()).toEqual([{ message: { kind: 'connect' }, ports: 1 }]);
      // The page's end now reaches the core in its own thread (the utility process of a real desk).
      const client: ContractRouterClient<typeof contract> = createORPCClient(new RPCLink({ port: port2 }));
      port2.start();
      expect(await client.users.status()).toMatchObject({ needsSetup: true });
    } finally {
      port1.close();
      port2.close();
    }
    const print = electron.ipcHandlers.get('baydesk:print-to-pdf');
    await expect(
      Promise.resolve(print!({ senderFrame: { url: 'file:///tmp/downloaded.html' }, sender: {} }, 'x')),
    ).rejects.toThrow(/refused/);
  });

  it('creates and migrates the database in the user data folder on first run, with no users yet', async () => {
    const file = join(userData, 'baydesk.sqlite');
    // The core's process opens it (and says so); the main process never does.
    await vi.waitFor(() => expect(electron.forks[0]!.sent).toContainEqual({ kind: 'opened', file }), { timeout: 30_000 });
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThan(0);
      expect(db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
