// `npm start`: builds, then runs the desktop app on the demo database. Where the Electron binary is missing (this
// build machine cannot download it) it says so in one line and runs browser mode instead, printing the URL.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary } from './electron-binary';
import { ensureElectronNative } from './electron-native';

const root = join(__dirname, '..');

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}

async function main(): Promise<void> {
  const extra = process.argv.slice(2);
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const electron = electronBinary({ download: true });
  if (electron) {
    await ensureElectronNative();
    run(electron, ['.', '--demo', '--history', ...extra], { ...process.env, BAYDESK_DEMO: '1' });
  } else {
    console.log('Electron is not available on this machine (its binary was not downloaded): starting browser mode instead.');
    run(process.execPath, [join(root, 'out', 'main', 'server.js'), '--demo', ...extra]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
