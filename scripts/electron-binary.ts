// Where the Electron binary is, or null when it is not installed. The `electron` package may install without its
// binary (no download possible, or ELECTRON_SKIP_BINARY_DOWNLOAD); with `download`, one quiet attempt is made first.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const electronDir = join(__dirname, '..', 'node_modules', 'electron');

function installedBinary(): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export function electronBinary({ download = false } = {}): string | null {
  const found = installedBinary();
  if (found || !download || !existsSync(join(electronDir, 'install.js'))) return found;
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, stdio: 'pipe', timeout: 300_000 });
  return installedBinary();
}
