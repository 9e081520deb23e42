import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

/** Where desks find the installers (issue 16 item 6): electron-updater's generic provider reads `<origin>/updates/`. */
export const UPDATES_PATH = '/updates/';

/**
 * A file name in the updates folder, as electron-builder names what it makes: `latest.yml`, `latest-linux.yml`,
 * `BayDesk Setup 0.2.0.exe`, its `.blockmap`, `BayDesk-0.2.0.AppImage`. One level only: no folder, no dot file.
 */
function updateFileName(pathname: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(pathname.slice(UPDATES_PATH.length));
  } catch {
    return null;
  }
  return /^[A-Za-z0-9][\w .+-]{0,200}$/.test(name) && !name.includes('..') ? name : null;
}

const TYPES: Record<string, string> = { '.yml': 'text/yaml; charset=utf-8', '.yaml': 'text/yaml; charset=utf-8' };

/**
 * The server PC hosts the desktop installers it was given: whoever sets the server up copies what `npm run dist`
 * made (the installer, its blockmap and latest*.yml) into the `updates` folder next to the database. Only paired
 * desks get here (the shell's desk check runs first). No ranges: electron-updater then downloads the whole file.
 */
export async function serveUpdateFile(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  dir: string | undefined,
): Promise<void> {
  const name = updateFileName(pathname);
  if (!dir || !name || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.statusCode = 404;
    res.end();
    return;
  }
  const file = join(dir, name);
  const found = await stat(file).catch(() => null);
  if (!found?.isFile()) {
    res.statusCode = 404;
    res.end();
    return;
  }
  const extension = name.slice(name.lastIndexOf('.')).toLowerCase();
  res.setHeader('Content-Type', TYPES[extension] ?? 'application/octet-stream');
  res.setHeader('Content-Length', found.size);
  // latest.yml changes when a new version is copied in: never a stale one from a cache.
  res.setHeader('Cache-Control', 'no-store');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
