import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 16 item 2: the server starts with the PC from the systemd unit we ship, and stops cleanly with it. The unit's
 * own command line is run (the paths swapped for a temporary folder and a free port) from the built server
 * (`out/main/server.js`, built by `npm test` before vitest); systemd's stop is a SIGTERM.
 */
const ROOT = join(__dirname, '..', '..');
const UNIT = join(ROOT, 'resources', 'linux', 'baydesk-server.service');
const SERVER = join(ROOT, 'out', 'main', 'server.js');
const dir = mkdtempSync(join(tmpdir(), 'baydesk-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function unitArgs(): string[] {
  const execStart = /^ExecStart=(.+)$/m.exec(readFileSync(UNIT, 'utf8'))?.[1] ?? '';
  const words = execStart.trim().split(/\s+/);
  return words.slice(words.findIndex((word) => word.endsWith('/out/main/server.js')) + 1);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Runs the built server with a service's own options (the database and port swapped for this test's), waits until it
 * serves, stops it with `signal` (systemd: SIGTERM; WinSW: Ctrl+C, which Node sees as SIGINT) and checks it closed
 * the database cleanly.
 */
async function serveThenStop(args: string[], signal: NodeJS.Signals, env: NodeJS.ProcessEnv = {}): Promise<void> {
  expect(args).toEqual(expect.arrayContaining(['--host', '0.0.0.0', '--db']));
  const db = join(dir, `baydesk-${signal}.sqlite`);
  const port = String(await freePort());
  const swapped = args.map((word, i) => (args[i - 1] === '--db' ? db : args[i - 1] === '--port' ? port : word));
  const server = spawn(process.execPath, [SERVER, ...swapped], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));

  // Started: it says where it serves and which certificate the desks must see.
  await expect
    .poll(() => output, { timeout: 60_000, message: 'the server prints its address and fingerprint' })
    .toMatch(/Certificate SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  expect(output).toContain(`https://0.0.0.0:${port}`);

  server.kill(signal);
  expect(await exited).toBe(0);
  // Closed cleanly: the WAL folded into the file and removed, the file whole.
  expect(existsSync(`${db}-wal`)).toBe(false);
  const file = new Database(db, { readonly: true });
  try {
    expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    file.close();
  }
}

describe('the systemd unit', () => {
  it('serves the LAN over HTTPS with the unit’s own options, and a SIGTERM stops it cleanly with the database closed', async () => {
    await serveThenStop(unitArgs(), 'SIGTERM');
  });
});

/** The Windows service's command line as WinSW runs it: its <arguments>, with %VAR%s as Windows would expand them. */
function windowsServiceArgs(xml: string): string[] {
  const args = /<arguments>(.+)<\/arguments>/.exec(xml)?.[1] ?? '';
  return [...args.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

describe('the Windows service (WinSW, installed by the installer’s /SERVER option)', () => {
  const xml = readFileSync(join(ROOT, 'resources', 'windows', 'BayDeskServer.xml'), 'utf8');
  const build = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { build: BuilderConfig }).build;

  it('starts the packaged BayDesk.exe as Node on the packaged server.js, and the wrapper and its XML are packed side by side', () => {
    // %BASE% is the wrapper's folder: resources\windows in the install folder, where extraResources put it.
    const packed = (build.win.extraResources ?? []).map((entry) => entry.to);
    expect(packed).toEqual(expect.arrayContaining(['windows/BayDeskServer.exe', 'windows/BayDeskServer.xml']));
    for (const entry of build.win.extraResources ?? []) expect(existsSync(join(ROOT, entry.from)), entry.from).toBe(true);
    expect(/<executable>(.+)<\/executable>/.exec(xml)?.[1]).toBe(`%BASE%\\..\\..\\${build.productName}.exe`);
    expect(windowsServiceArgs(xml)[0]).toBe('%BASE%\\..\\app.asar\\out\\main\\server.js');
    expect(xml).toContain('<env name="ELECTRON_RUN_AS_NODE" value="1" />');
    expect(xml).toMatch(/<startmode>Automatic<\/startmode>/);
    // The installer registers it only with /SERVER, and removes it on uninstall.
    const nsh = readFileSync(join(ROOT, build.nsis.include ?? ''), 'utf8');
    expect(nsh).toMatch(/GetOptions\} \$R0 "\/SERVER"/);
    expect(nsh).toContain('BayDeskServer.exe" install');
    expect(nsh).toContain('BayDeskServer.exe" uninstall');
  });

  it('serves the LAN over HTTPS with the service’s own options, and Ctrl+C (WinSW’s stop) closes the database cleanly', async () => {
    await serveThenStop(windowsServiceArgs(xml).slice(1), 'SIGINT', { ELECTRON_RUN_AS_NODE: '1' });
  });
});

interface BuilderConfig {
  productName: string;
  win: { extraResources?: { from: string; to: string }[] };
  nsis: { include?: string };
}
