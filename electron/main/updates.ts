import { app } from 'electron';
import log from 'electron-log/main';
import { autoUpdater } from 'electron-updater';
import type { ServerDesk } from './server-link';
import { pinSession } from './server-link';

/** How often a joined desk asks its server for a newer installer. */
const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

/**
 * Updates from the LAN (issue 16 item 6): a joined desk asks its own server, which hosts the installers it was given
 * in its `updates/` folder (electron/server/updates.ts), through electron-updater's generic provider, over the
 * connection pinned at pairing and with the desk's credential: no internet at the desks. Downloads happen in the
 * background; the new version installs when the desk quits. A development build has no installer to replace.
 */
export function startLanUpdates(desk: ServerDesk, credential: string): void {
  if (!app.isPackaged) return;
  autoUpdater.logger = log;
  autoUpdater.setFeedURL({ provider: 'generic', url: `${desk.origin}/updates/` });
  // electron-updater downloads in its own session: it trusts the pinned certificate and sends the credential too.
  pinSession(autoUpdater.netSession, desk, credential);
  const check = (): void => {
    autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => log.warn('[main] update check failed', error));
  };
  check();
  setInterval(check, CHECK_EVERY_MS).unref();
}
