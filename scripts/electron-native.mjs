// Builds better-sqlite3 for Electron's ABI into node_modules/.electron-native/, beside the Node build that tests and
// browser mode use. The Electron main process opens the database with this copy (better-sqlite3's nativeBinding).
// Needs the Electron binary and internet (Electron's headers); `--force` rebuilds even when the copy exists.
import { cpSync, existsSync, mkdirSync, copyFileSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const outDir = join(root, 'node_modules', '.electron-native');
const target = join(outDir, 'better_sqlite3.node');
const stamp = join(outDir, 'electron-version.txt');

export async function ensureElectronNative({ force = false } = {}) {
  const electronVersion = require('electron/package.json').version;
  if (!force && existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) return target;
  const { rebuild } = await import('@electron/rebuild');
  const work = join(outDir, 'work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'node_modules'), { recursive: true });
  cpSync(dirname(require.resolve('better-sqlite3/package.json')), join(work, 'node_modules', 'better-sqlite3'), {
    recursive: true,
    filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`),
  });
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'electron-native', dependencies: { 'better-sqlite3': '*' } }));
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (once)…`);
  await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
  copyFileSync(join(work, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), target);
  writeFileSync(stamp, electronVersion);
  rmSync(work, { recursive: true, force: true });
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureElectronNative({ force: process.argv.includes('--force') }).then(
    (path) => console.log(`better-sqlite3 for Electron: ${path}`),
    (error) => {
      console.error(`Could not build better-sqlite3 for Electron: ${error.message}`);
      process.exit(1);
    },
  );
}
