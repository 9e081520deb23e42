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

describe('the systemd unit', () => {
  it('serves the LAN over HTTPS with the unit’s own options, and a SIGTERM stops it cleanly with the database closed', async () => {
    const args = unitArgs();
    expect(args).toEqual(expect.arrayContaining(['--host', '0.0.0.0', '--db']));
    const db = join(dir, 'baydesk.sqlite');
    const port = String(await freePort());
    const swapped = args.map((word, i) => (args[i - 1] === '--db' ? db : args[i - 1] === '--port' ? port : word));
    const server = spawn(process.execPath, [SERVER, ...swapped], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));

    // Started: it says where it serves and which certificate the desks must see.
    await expect
      .poll(() => output, { timeout: 60_000, message: 'the server prints its address and fingerprint' })
      .toMatch(/Certificate SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    expect(output).toContain(`https://0.0.0.0:${port}`);

    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Closed cleanly: the WAL folded into the file and removed, the file whole.
    expect(existsSync(`${db}-wal`)).toBe(false);
    const file = new Database(db, { readonly: true });
    try {
      expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      file.close();
    }
  });
});
