import { ipcMain } from 'electron';
import { RPCHandler } from '@orpc/server/message-port';
import { RequestHeadersPlugin } from '@orpc/server/plugins';
import type { Core } from '../core/core';
import { typedTransportErrors } from '../core/rpc';
import { openingRouter, type StartupProgress } from '../core/startup-progress';
import { isAppUrl } from './security';

/** Channel on which the preload hands over the renderer's end of a MessageChannel. */
export const CONNECT_CHANNEL = 'baydesk:connect';

/**
 * The desktop transport: each renderer sends one MessagePort, and the core's router answers on it. Only frames
 * showing our own pages may connect. While the core is still opening (an upgrade of a large file), a port is served
 * by the start-up status alone; the renderer's start-up screen connects again once the status says ready.
 */
export function serveCoreOverIpc(core: Core | Promise<Core>, opening?: StartupProgress): void {
  let opened: Core | null = core instanceof Promise ? null : core;
  if (core instanceof Promise)
    core.then(
      (value) => (opened = value),
      () => undefined,
    );
  // Built on the first connection after the core opened (routers are the same object for the core's whole life).
  let handler: ReturnType<typeof coreHandler> | null = null;
  const openingHandler = opening
    ? new RPCHandler<Record<never, never>>(openingRouter(opening), { interceptors: [typedTransportErrors] })
    : null;
  ipcMain.on(CONNECT_CHANNEL, (event) => {
    const frameUrl = event.senderFrame?.url ?? '';
    const [port] = event.ports;
    if (!port || !isAppUrl(frameUrl)) return;
    if (opened) {
      handler ??= coreHandler(opened);
      handler.upgrade(port, { context: { deps: opened.deps } });
    } else if (openingHandler) openingHandler.upgrade(port, { context: {} });
    else return;
    port.start();
  });
}

function coreHandler(core: Core) {
  return new RPCHandler(core.router, { plugins: [new RequestHeadersPlugin()], interceptors: [typedTransportErrors] });
}
