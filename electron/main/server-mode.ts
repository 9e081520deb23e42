import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { app } from 'electron';

/**
 * The packaged app's Server mode (issue 16 item 2): `BayDesk --server [--host 0.0.0.0] [--port 5178] [--db file]`
 * runs the same server as `npm run serve` (out/main/server.js), with no window, on Electron's own Node
 * (ELECTRON_RUN_AS_NODE: better-sqlite3 is built for Electron's ABI in the package). The Windows service
 * (resources/windows/) and the systemd unit start it so. Without --db it keeps its database in the user data
 * folder's `server` folder. Stops with the child: SIGINT/SIGTERM are passed on and the core closes its database.
 */
export function isServerMode(argv: readonly string[]): boolean {
  return argv.includes('--server');
}

export function runServerMode(argv: readonly string[]): void {
  const rest = argv.slice(argv.indexOf('--server') + 1);
  const args = rest.includes('--db') ? rest : [...rest, '--db', join(app.getPath('userData'), 'server', 'baydesk.sqlite')];
  const child = spawn(process.execPath, [join(__dirname, 'server.js'), ...args], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: 'inherit',
  });
  const pass = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', pass('SIGINT'));
  process.on('SIGTERM', pass('SIGTERM'));
  child.on('exit', (code) => app.exit(code ?? 0));
}
