import { RPCHandler } from '@orpc/server/message-port';
import { RequestHeadersPlugin } from '@orpc/server/plugins';
import type { Core } from '../core/core';
import { typedTransportErrors } from '../core/rpc';
import { openingRouter, type StartupProgress } from '../core/startup-progress';

/** A window's port as the host receives it: Electron's MessagePortMain (or, in the tests' stand-in, Node's MessagePort). */
export interface WindowPort {
  start(): void;
}

function coreHandler(core: Core) {
  return new RPCHandler(core.router, { plugins: [new RequestHeadersPlugin()], interceptors: [typedTransportErrors] });
}

/**
 * Serves the core's router on each window's port. While the core is still opening (an upgrade of a large file), a
 * port is served by the start-up status alone; the renderer's start-up screen connects again once it says ready.
 * The main process has already checked that the port comes from a frame showing our own pages.
 */
export function portServer(core: Promise<Core>, opening: StartupProgress): (port: WindowPort) => void {
  let opened: Core | null = null;
  core.then(
    (value) => (opened = value),
    () => undefined,
  );
  // Built on the first connection after the core opened (routers are the same object for the core's whole life).
  let handler: ReturnType<typeof coreHandler> | null = null;
  const openingHandler = new RPCHandler<Record<never, never>>(openingRouter(opening), { interceptors: [typedTransportErrors] });
  return (port) => {
    // oRPC's adapter takes any port with addEventListener or on('message'): MessagePortMain and Node's both do.
    const rpcPort = port as unknown as Parameters<ReturnType<typeof coreHandler>['upgrade']>[0];
    if (opened) {
      handler ??= coreHandler(opened);
      handler.upgrade(rpcPort, { context: { deps: opened.deps } });
    } else openingHandler.upgrade(rpcPort, { context: {} });
    port.start();
  };
}
