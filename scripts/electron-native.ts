// Builds better-sqlite3 for Electron's ABI into node_modules/.electron-native/, beside the Node build that tests and
// browser mode use. The Electron main process opens the database with this copy (better-sqlite3's nativeBinding).
// Needs the Electron binary and internet (Electron's headers). `npm run electron:native` forces a rebuild.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

const root = join(__dirname, '..');
const outDir = join(root, 'node_modules', '.electron-native');
const target = join(outDir, 'better_sqlite3.node');
const stamp = join(outDir, 'electron-version.txt');

export async function ensureElectronNative({ force = false } = {}): Promise<string> {
  const electronVersion = (
    JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }
  ).version;
  if (!force && existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) return target;
  const { rebuild } = await import('@electron/rebuild');
  const work = join(outDir, 'work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'node_modules'), { recursive: true });
  const source = dirname(require.resolve('better-sqlite3/package.json', { paths: [root] }));
  cpSync(source, join(work, 'node_modules', 'better-sqlite3'), {
    recursive: true,
    filter: (path) => !path.startsWith(join(source, 'build') + sep) && path !== join(source, 'build'),
  });
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'electron-native', dependencies: { 'better-sqlite3': '*' } }));
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (once)…`);
  await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(work, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), target);
  writeFileSync(stamp, electronVersion);
  rmSync(work, { recursive: true, force: true });
  return target;
}

if (require.main === module) {
  ensureElectronNative({ force: process.argv.includes('--force') }).then(
    (path) => console.log(`better-sqlite3 for Electron: ${path}`),
    (error: Error) => {
      console.error(`Could not build better-sqlite3 for Electron: ${error.message}`);
      process.exit(1);
    },
  );
}
