import { X509Certificate } from 'node:crypto';
import { app, BrowserWindow, type Session } from 'electron';
import log from 'electron-log/main';
import { DESK_CREDENTIAL_HEADER, DESK_VERSION_HEADER } from '../../shared/contract/desks';
import { probeServer } from '../desk-link/probe';
import type { DeskConfig } from '../desk-link/desk-config';
import { trustServerOrigin } from './security';
import { loadLocalApp } from './window';

export type ServerDesk = Extract<DeskConfig, { mode: 'server' }>;

/** How often a desk that lost its server knocks again. */
const RETRY_MS = 5000;

function fingerprintOf(pem: string): string | null {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return null;
  }
}

/**
 * The session trusts, for the server's host, exactly the certificate pinned at pairing (not the system's CAs, not
 * another certificate for that name), and carries the desk's credential and version on every request to the server
 * only. Chromium's own check stays for every other host (there are none: navigation elsewhere is refused).
 */
export function pinSession(session: Session, desk: ServerDesk, credential: string): void {
  const host = new URL(desk.origin).hostname.replace(/^\[|\]$/g, '');
  session.setCertificateVerifyProc((request, callback) => {
    if (request.hostname !== host) return callback(-3);
    const pinned = fingerprintOf(request.certificate.data) === desk.certificate.fingerprint;
    if (!pinned) log.error(`[main] ${host} showed another certificate than the one pinned at pairing: refused`);
    callback(pinned ? 0 : -2);
  });
  session.webRequest.onBeforeSendHeaders({ urls: [`${desk.origin}/*`] }, (details, callback) => {
    callback({
      requestHeaders: {
        ...details.requestHeaders,
        [DESK_CREDENTIAL_HEADER]: credential,
        [DESK_VERSION_HEADER]: app.getVersion(),
      },
    });
  });
}

/**
 * A joined desk's window shows the server's pages. When the server cannot be reached (at start, or the window is
 * reloaded while it is down), the desk's own page says so in one line and the desk knocks every few seconds; once
 * the server answers, its pages load again. While the page is the server's, its live-update stream notices a drop by
 * itself (renderer/src/api/live.ts): the user's typing stays, and everything is read again when it is back.
 */
export function showServer(window: BrowserWindow, desk: ServerDesk, reachable: { value: boolean }): void {
  trustServerOrigin(desk.origin);
  let retry: NodeJS.Timeout | null = null;
  const knock = (): void => {
    retry = null;
    void probeServer(desk.origin, desk.certificate).then((up) => {
      if (window.isDestroyed()) return;
      if (up) {
        reachable.value = true;
        void window.loadURL(`${desk.origin}/`);
      } else retry = setTimeout(knock, RETRY_MS);
    });
  };
  window.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isMainFrame || !url.startsWith(desk.origin) || code === -3 /* aborted by a newer navigation */) return;
    log.warn(`[main] the server ${desk.origin} is not reachable (${description}); retrying every ${RETRY_MS / 1000} s`);
    reachable.value = false;
    loadLocalApp(window);
    if (!retry) retry = setTimeout(knock, RETRY_MS);
  });
  window.on('closed', () => {
    if (retry) clearTimeout(retry);
  });
  reachable.value = true;
  void window.loadURL(`${desk.origin}/`);
}
