import { ipcMain } from 'electron';
import type { CoreProcess } from './core-process';
import { isLocalAppUrl } from './security';

/** Channel on which the preload hands over the renderer's end of a MessageChannel. */
export const CONNECT_CHANNEL = 'baydesk:connect';

/**
 * The desktop transport: each renderer sends one MessagePort; only frames showing our own pages may connect, and
 * their port goes on to the core's process (electron/core-host), which serves the core's router on it. Calls then
 * travel between the window and the core directly: the main process is not on their way.
 */
export function serveCoreOverIpc(core: CoreProcess): void {
  ipcMain.on(CONNECT_CHANNEL, (event) => {
    const frameUrl = event.senderFrame?.url ?? '';
    const [port] = event.ports;
    if (!port || !isLocalAppUrl(frameUrl)) return;
    core.connect(port);
  });
}
