// `npm start`: builds, then runs the desktop app on the demo database. Where the Electron binary is missing (this
// build machine cannot download it) it says so in one line and runs browser mode instead, printing the URL.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';
import { ensureElectronNative } from './electron-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const extra = process.argv.slice(2);

function run(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = electronBinary();
if (electron) {
  await ensureElectronNative();
  run(electron, ['.', '--demo', ...extra], { ...process.env, BAYDESK_DEMO: '1' });
} else {
  console.log('Electron is not available on this machine (its binary was not downloaded): starting browser mode instead.');
  run(process.execPath, [join(root, 'out', 'main', 'server.js'), '--demo', ...extra]);
}
