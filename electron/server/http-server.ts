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
import { actorForToken } from '../core/users/service';
import { contract } from '../../shared/contract';
import type { ProcedureMeta } from '../../shared/contract/base';
import { roleMayCall, type Access } from '../../shared/domain/roles';
import { DESK_TOKEN_COOKIE, DESK_TOKEN_HEADER, deskTokenMatches } from './desk-token';
import {
  BodyTooLarge,
  DEFAULT_BODY_LIMIT,
  bodyLimitFor,
  declaredLength,
  dropRestOfBody,
  readBodyWithin,
  sameOrigin,
  sendTypedError,
  takesContentType,
} from './request-guards';

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

/** The roles the contract lets call the procedure at `/rpc/<area>/<name>`, or null when there is none such. */
function procedureAccess(pathname: string): Access | null {
  const [area, name] = pathname.slice('/rpc/'.length).split('/');
  const procedures = (contract as Record<string, Record<string, { '~orpc'?: { meta?: ProcedureMeta } }> | undefined>)[area ?? ''];
  return procedures?.[name ?? '']?.['~orpc']?.meta?.access ?? null;
}

function bearerToken(req: IncomingMessage): string | null {
  const value = req.headers.authorization ?? '';
  return value.startsWith('Bearer ') ? value.slice('Bearer '.length).trim() || null : null;
}

/**
 * The checks before any /rpc body is read (request-guards.ts): the app's own origin, JSON, the procedure's size limit
 * (declared, then counted), and, before a body larger than the default is read, a live session. Resolves true when
 * the request may go on to the handler, with its body already read (oRPC then takes `req.body` as it is); false when
 * it has been answered.
 */
async function guardRpc(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  core: Core | null,
  deskTokenMissing: boolean,
): Promise<boolean> {
  const refuse = (status: number, code: Parameters<typeof sendTypedError>[2], issue: Parameters<typeof sendTypedError>[3]) => {
    sendTypedError(res, status, code, issue);
    dropRestOfBody(req, res);
    return false;
  };
  if (!sameOrigin(req)) return refuse(403, 'FORBIDDEN', { reason: 'request.crossSite' });
  if (!takesContentType(req)) return refuse(415, 'INVALID_INPUT', { reason: 'request.contentType' });
  if (deskTokenMissing) return refuse(401, 'UNAUTHENTICATED', { reason: 'desk.token' });
  const limit = bodyLimitFor(pathname);
  const tooLarge = { reason: 'request.tooLarge', params: { maxMb: Math.floor(limit / (1024 * 1024)) } };
  const declared = declaredLength(req);
  if (declared !== null && declared > limit) return refuse(413, 'INVALID_INPUT', tooLarge);
  if (limit > DEFAULT_BODY_LIMIT && (declared === null || declared > DEFAULT_BODY_LIMIT)) {
    // Only a signed-in desk whose role may call the procedure makes the server read megabytes (the core's own gate
    // checks the same again once the body is read, as for any call).
    const token = bearerToken(req);
    const actor = token && core ? await actorForToken(core.deps, token) : null;
    if (!actor) return refuse(401, 'UNAUTHENTICATED', { reason: token ? 'session.expired' : 'session.required' });
    const access = procedureAccess(pathname);
    if (access && !roleMayCall(actor.role, access)) {
      return refuse(403, 'FORBIDDEN', { reason: 'role.forbidden', params: { role: actor.role } });
    }
  }
  let body: Buffer;
  try {
    body = await readBodyWithin(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLarge) return refuse(413, 'INVALID_INPUT', tooLarge);
    res.destroy();
    return false;
  }
  const text = body.toString('utf8');
  try {
    (req as IncomingMessage & { body?: unknown }).body = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    sendTypedError(res, 422, 'INVALID_INPUT', { reason: 'invalid' });
    return false;
  }
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
    const pathname = new URL(req.url ?? '/', 'http://desk').pathname;
    if (pathname === '/rpc' || pathname.startsWith('/rpc/')) {
      if (!(await guardRpc(req, res, pathname, core, deskTokenMissing))) return;
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
