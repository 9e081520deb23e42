import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, session, type WebContents } from 'electron';

/** The built renderer's folder (out/renderer, inside app.asar once packaged): the only files our windows may show. */
const RENDERER_DIR = join(__dirname, '../renderer');

/**
 * The only pages our windows may show, and the only frames that may reach the core: the built renderer's own files,
 * or the electron-vite dev server's origin in development. Any other file:// URL (a downloaded HTML file, a system
 * file) is foreign.
 */
export function isAppUrl(url: string): boolean {
  return isLocalAppUrl(url) || isServerUrl(url);
}

/** The origin of the dealership's server this desk joined (issue 16 item 4), once it is shown; null on a standalone desk. */
let serverOrigin: string | null = null;

/** A joined desk shows the server's pages, from the origin pinned at pairing (electron/main/server-link.ts). */
export function trustServerOrigin(origin: string): void {
  serverOrigin = origin;
}

function isServerUrl(url: string): boolean {
  return serverOrigin !== null && URL.canParse(url) && new URL(url).origin === serverOrigin;
}

/** The desk's own renderer files (or the dev server): the only pages that may reach this desk's own core. */
export function isLocalAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl && URL.canParse(devUrl) && parsed.origin === new URL(devUrl).origin) return true;
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  let inside: string;
  try {
    inside = relative(RENDERER_DIR, fileURLToPath(parsed));
  } catch {
    return false; // an encoded slash or the like: not a path we could have built
  }
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}

/**
 * Closes every door a renderer could open (Electron security checklist): no navigation away, no new windows, no
 * webviews, no permission prompts (camera, notifications...). Photos come in through file inputs, not the camera.
 */
export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
  });
}
