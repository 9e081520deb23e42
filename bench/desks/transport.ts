/**
 * A desk's transport: Node's https with a keep-alive agent of its own (each desk is its own PC, with its own
 * connections) that trusts only the server's certificate, pinned by its SHA-256 fingerprint as a paired desk pins
 * it; the desk's credential in the desk header and the user's session as bearer token on every call. Every call is
 * timed here, from the request to the last byte of its answer, and told to the desk's recorder by procedure.
 */
import https from 'node:https';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { RouterClient } from '@orpc/server';
import type { Router } from '../../electron/core/api';
import { pinnedTlsOptions } from '../../electron/desk-link/pinned';
import type { ServerCertificate } from '../../electron/server/certificate';
import { DESK_CREDENTIAL_HEADER } from '../../shared/contract/desks';

export type DeskClient = RouterClient<Router>;

/** One HTTP call as the transport saw it: `/rpc/repairOrders/grid` is procedure `repairOrders.grid`. */
export interface CallRecord {
  procedure: string;
  ms: number;
  /** Whether the call opened a new TLS connection (a handshake) rather than reusing a kept-alive one. */
  newConnection: boolean;
  /** The refusal's status and the first of its text, or the network error. */
  error?: string;
}

export interface DeskTransport {
  agent: https.Agent;
  /** The oRPC client of this desk, signed in as `token` (or not yet signed in). */
  client(token?: string): DeskClient;
  close(): void;
}

export function pinnedAgent(pinned: ServerCertificate): https.Agent {
  return new https.Agent({
    keepAlive: true,
    // An idle connection is closed by the desk a second before the server would close it (Node's agent takes the
    // server's `Keep-Alive: timeout=N` hint when it is below this), never under a request just being sent: that
    // ECONNRESET a browser would quietly retry. Without a timeout here the agent ignores the hint.
    timeout: 60_000,
    // A browser opens at most six connections to one server (HTTP/1.1): a screen's seventh parallel call waits.
    maxSockets: 6,
    ...pinnedTlsOptions(pinned),
  });
}

function procedureOf(url: string): string {
  const path = new URL(url).pathname.replace(/^\/rpc\//, '');
  return path.split('/').join('.');
}

/** The request over https, the whole answer read before it resolves (a desk's screen waits for all of it). */
function send(
  agent: https.Agent,
  request: Request,
  body: Buffer | undefined,
): Promise<{ status: number; headers: Headers; bytes: Buffer; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      request.url,
      { method: request.method, headers: Object.fromEntries(request.headers), agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
          }
          resolve({ status: res.statusCode ?? 500, headers, bytes: Buffer.concat(chunks), reused: req.reusedSocket });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function deskTransport(
  base: string,
  pinned: ServerCertificate,
  credential: string | null,
  record: (call: CallRecord) => void,
): DeskTransport {
  const agent = pinnedAgent(pinned);
  const fetchOver = async (request: Request): Promise<Response> => {
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const procedure = procedureOf(request.url);
    const started = performance.now();
    let answer: Awaited<ReturnType<typeof send>>;
    try {
      answer = await send(agent, request, body);
    } catch (error) {
      record({
        procedure,
        ms: performance.now() - started,
        newConnection: true,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
    const ms = performance.now() - started;
    const newConnection = !answer.reused;
    record(
      answer.status >= 400
        ? { procedure, ms, newConnection, error: `HTTP ${answer.status} ${answer.bytes.toString('utf8').slice(0, 300)}` }
        : { procedure, ms, newConnection },
    );
    return new Response(answer.status === 204 ? null : new Uint8Array(answer.bytes), {
      status: answer.status,
      headers: answer.headers,
    });
  };
  return {
    agent,
    client: (token?: string) =>
      createORPCClient(
        new RPCLink({
          url: `${base}/rpc`,
          headers: () => ({
            ...(credential ? { [DESK_CREDENTIAL_HEADER]: credential } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          }),
          fetch: (request: Request) => fetchOver(request),
        }),
      ),
    close: () => agent.destroy(),
  };
}
