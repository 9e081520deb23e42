import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RPCHandler } from '@orpc/server/node';
import { RequestHeadersPlugin } from '@orpc/server/plugins';
import sirv from 'sirv';
import type { Core } from '../core/core';
import { AppError } from '../core/errors';
import { toTypedError, typedTransportErrors } from '../core/rpc';
import { openingRouter, type StartupProgress } from '../core/startup-progress';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import { DESK_TOKEN_COOKIE, DESK_TOKEN_HEADER, deskTokenMatches } from './desk-token';

export interface HttpServerOptions {
  /**
   * The core, or the core still opening: then the server already listens, answers `settings.startupStatus` from
   * `opening` (the desk's start-up screen shows the upgrade's progress) and refuses every other call until it is open.
   */
  core: Core | Promise<Core>;
  opening?: StartupProgress;
  /** 127.0.0.1 unless told otherwise: browser mode serves this desk only. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (out/renderer); without it only the API is served (tests of the API alone). */
  staticDir?: string | null;
  /**
   * Required when `host` is not a loopback address: then every request (page, assets, /rpc) must carry it, or gets
   * 401 (see desk-token.ts). Ignored on loopback, which stays as it was.
   */
  deskToken?: string | null;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether binding to `host` serves this machine only. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host === '::1' ? '[::1]' : host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/**
 * The desk token of a request served to other machines. /rpc takes it from the header the renderer's transport
 * sends (a cookie alone would let another site's page call the API through the browser); the page and its assets,
 * which a browser fetches without our headers, from the cookie set when the printed address (`/?token=`) was opened.
 */
function deskTokenOf(req: IncomingMessage, url: URL, isRpc: boolean): { token: string | null; fromQuery: boolean } {
  const header = req.headers[DESK_TOKEN_HEADER];
  if (typeof header === 'string' && header) return { token: header, fromQuery: false };
  if (isRpc) return { token: null, fromQuery: false };
  const query = url.searchParams.get('token');
  if (query) return { token: query, fromQuery: true };
  return { token: cookieValue(req.headers.cookie, DESK_TOKEN_COOKIE), fromQuery: false };
}

/**
 * On loopback, a request must also name a loopback host: a web page whose DNS name was re-pointed at 127.0.0.1
 * (DNS rebinding) cannot then reach the API from the desk's own browser.
 */
function hostAllowed(hostHeader: string | undefined, boundHost: string): boolean {
  if (!LOOPBACK_HOSTS.has(boundHost === '::1' ? '[::1]' : boundHost)) return true;
  const name = (hostHeader ?? '').replace(/:\d+$/, '').toLowerCase();
  return LOOPBACK_HOSTS.has(name);
}

function coreHandler(core: Core) {
  return new RPCHandler(core.router, { plugins: [new RequestHeadersPlugin()], interceptors: [typedTransportErrors] });
}

/**
 * While the core opens: the start-up status is answered, any other call gets the contract's typed error (reason
 * `startup.upgrading`) with 503, in oRPC's own response shape so the desk's client reads it like any refusal.
 */
async function answerWhileOpening(
  req: IncomingMessage,
  res: ServerResponse,
  openingHandler: RPCHandler<Record<never, never>> | null,
): Promise<boolean> {
  if (openingHandler) {
    const { matched } = await openingHandler.handle(req, res, { prefix: '/rpc', context: {} });
    if (matched) return true;
  }
  if (!(req.url ?? '').startsWith('/rpc')) return false;
  const error = toTypedError(new AppError('INTERNAL', [{ reason: 'startup.upgrading' }]));
  res.statusCode = 503;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Retry-After', '1');
  res.end(JSON.stringify({ json: error.toJSON() }));
  return true;
}

/** The browser-mode shell: the built renderer and the API at /rpc, nothing else. No business rule lives here. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  let core: Core | null = options.core instanceof Promise ? null : options.core;
  let handler = core ? coreHandler(core) : null;
  // A core that fails to open is the caller's to report (it awaits the same promise); the server keeps refusing.
  if (options.core instanceof Promise) {
    options.core.then(
      (opened) => {
        core = opened;
        handler = coreHandler(opened);
      },
      () => undefined,
    );
  }
  const openingHandler = options.opening
    ? new RPCHandler<Record<never, never>>(openingRouter(options.opening), { interceptors: [typedTransportErrors] })
    : null;
  const assets = options.staticDir ? sirv(options.staticDir, { single: true, etag: true, gzip: false, dev: false }) : null;

  const boundHost = options.host ?? '127.0.0.1';
  // Served to other machines: nobody gets in without the desk token, so refuse to start without one.
  const deskToken = isLoopbackHost(boundHost) ? null : (options.deskToken ?? null);
  if (!isLoopbackHost(boundHost) && !deskToken) throw new Error(`browser mode on ${boundHost} needs a desk token`);
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req.headers.host, boundHost)) {
      res.statusCode = 421;
      res.end();
      return;
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    let deskTokenMissing = false;
    if (deskToken) {
      const url = new URL(req.url ?? '/', 'http://desk');
      const isRpc = url.pathname === '/rpc' || url.pathname.startsWith('/rpc/');
      const given = deskTokenOf(req, url, isRpc);
      if (!deskTokenMatches(given.token, deskToken)) {
        if (!isRpc) {
          res.statusCode = 401;
          res.setHeader('Content-Type', 'text/plain; charset=utf-8');
          res.end('BayDesk: open the address printed by the server (with ?token=...).\n请打开服务器显示的完整地址（含 ?token=...）。\n');
          return;
        }
        // The core answers UNAUTHENTICATED in the contract's own error shape.
        deskTokenMissing = true;
      } else if (given.fromQuery) {
        res.setHeader('Set-Cookie', `${DESK_TOKEN_COOKIE}=${given.token}; Path=/; HttpOnly; SameSite=Strict`);
      }
    }
    if (!core || !handler) {
      if (await answerWhileOpening(req, res, openingHandler)) return;
    } else {
      const { matched } = await handler.handle(req, res, {
        prefix: '/rpc',
        context: { deps: core.deps, ...(deskTokenMissing ? { deskTokenMissing } : {}) },
      });
      if (matched) return;
    }
    if (assets && (req.method === 'GET' || req.method === 'HEAD')) {
      res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      res.setHeader('X-Frame-Options', 'DENY');
      assets(req, res, () => {
        res.statusCode = 404;
        res.end();
      });
      return;
    }
    res.statusCode = 404;
    res.end();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, boundHost, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
