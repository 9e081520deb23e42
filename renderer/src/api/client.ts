import { createORPCClient } from '@orpc/client';
import { RPCLink as HttpLink } from '@orpc/client/fetch';
import { RPCLink as PortLink } from '@orpc/client/message-port';
import type { ContractRouterClient } from '@orpc/contract';
import { createTanstackQueryUtils } from '@orpc/tanstack-query';
import type { Contract } from '../../../shared/contract';
import { usesDesktopCore } from './desk-shell';
import { getSession } from './session';

function authHeaders(): Record<string, string> {
  const token = getSession()?.token;
  // A paired browser desk's credential travels in its HttpOnly cookie (issue 16), never through the page's scripts.
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * The one place that knows there are two transports: on a standalone desktop desk calls go over a MessagePort to the
 * core's process; in a browser, and on a desktop desk joined to the server, they go over HTTP to the server the page
 * came from. Everything above is the same.
 */
function createLink() {
  if (usesDesktopCore()) {
    const { port1, port2 } = new MessageChannel();
    window.postMessage('baydesk:connect', '*', [port2]);
    port1.start();
    return new PortLink({ port: port1, headers: authHeaders });
  }
  return new HttpLink({ url: `${window.location.origin}/rpc`, headers: authHeaders });
}

export const api: ContractRouterClient<Contract> = createORPCClient(createLink());

/** Query and mutation options keyed by procedure and input (`orpc.customers.get.queryOptions({ input })`). */
export const orpc = createTanstackQueryUtils(api);
