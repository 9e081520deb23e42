import { ipcMain } from 'electron';
import { RPCHandler } from '@orpc/server/message-port';
import { RequestHeadersPlugin } from '@orpc/server/plugins';
import type { Core } from '../core/core';
import { typedTransportErrors } from '../core/rpc';
import { isAppUrl } from './security';

/** Channel on which the preload hands over the renderer's end of a MessageChannel. */
export const CONNECT_CHANNEL = 'baydesk:connect';

/**
 * The desktop transport: each renderer sends one MessagePort, and the core's router answers on it. Only frames
 * showing our own pages may connect.
 */
export function serveCoreOverIpc(core: Core): void {
  const handler = new RPCHandler(core.router, { plugins: [new RequestHeadersPlugin()], interceptors: [typedTransportErrors] });
  ipcMain.on(CONNECT_CHANNEL, (event) => {
    const frameUrl = event.senderFrame?.url ?? '';
    const [port] = event.ports;
    if (!port || !isAppUrl(frameUrl)) return;
    handler.upgrade(port, { context: { deps: core.deps } });
    port.start();
  });
}
