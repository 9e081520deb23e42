import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { RPCHandler } from '@orpc/server/node';
import { RequestHeadersPlugin, ResponseHeadersPlugin } from '@orpc/server/plugins';
import sirv from 'sirv';
import type { Core } from '../core/core';
import { AppError } from '../core/errors';
import { toTypedError, typedTransportErrors } from '../core/rpc';
import { openingRouter, type StartupProgress } from '../core/startup-progress';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import { actorForToken } from '../core/users/service';
import { sweepImportUploads } from '../core/imports/uploads';
import { importUploadKindAt } from '../../shared/contract/imports/uploads';
import { contract } from '../../shared/contract';
import type { ProcedureMeta } from '../../shared/contract/base';
import { roleMayCall, type Access } from '../../shared/domain/roles';
import { DESK_CREDENTIAL_COOKIE, DESK_CREDENTIAL_HEADER, DESK_VERSION_HEADER } from '../../shared/contract/desks';
import { checkDeskCredential, onDeskRevoked, serveDesksAs } from '../core/desks/service';
import { serveUpdateFile, UPDATES_PATH } from './updates';
import { receiveImportUpload } from './import-uploads';
import type { ServerCertificate } from './certificate';
import {
  BodyTooLarge,
  DEFAULT_BODY_LIMIT,
  bodyLimitFor,
  declaredLength,
  dropRestOfBody,
  isLoopbackAddress,
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
   * Required when `host` is not a loopback address: served to the network, the server speaks HTTPS only, with this
   * certificate (certificate.ts), and every request but the app's static files and `desks.pair` must carry a paired
   * desk's credential (electron/core/desks). On loopback it may be left out: plain HTTP for this machine, as before.
   */
  tls?: ServerCertificate | null;
  /** What a desk that pairs is told the server is called (the machine's name by default). */
  serverName?: string;
  /**
   * Served to the network, requests from this machine itself (the server PC's own browser, where the first desks are
   * paired from) need no desk credential: it holds the database anyway. False only in tests, where 127.0.0.1 stands
   * in for the other PCs of the LAN.
   */
  trustThisMachine?: boolean;
  /** The installers desks update from (`/updates/`, paired desks only; electron/server/updates.ts). */
  updatesDir?: string;
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
 * A paired desk's credential: the header a desktop desk or a script sends, or the cookie the pair answer left in a
 * browser (HttpOnly, Secure, SameSite=Strict: another site's page cannot make the browser send it, and /rpc checks
 * the origin besides).
 */
function deskCredentialOf(req: IncomingMessage): string | null {
  const header = req.headers[DESK_CREDENTIAL_HEADER];
  if (typeof header === 'string' && header) return header;
  return cookieValue(req.headers.cookie, DESK_CREDENTIAL_COOKIE);
}

/** The client's address as the desk list shows it (an IPv4 desk without the ::ffff: prefix). */
function clientAddress(req: IncomingMessage): string | null {
  const address = req.socket.remoteAddress;
  return address ? address.replace(/^::ffff:(?=\d+\.)/, '') : null;
}

/** How long a revoked desk's open requests may still finish (its streams write their refusal) before they are cut. */
const REVOKED_GRACE_MS = 250;

/** What a desk may fetch before it is paired: the app's static files (its login and pairing page) and the pairing. */
const PAIR_PATH = '/rpc/desks/pair';
function openToUnpairedDesks(req: IncomingMessage, pathname: string): boolean {
  if (pathname === PAIR_PATH) return true;
  // The installers are for paired desks only, like the API.
  const isApi =
    pathname === '/rpc' ||
    pathname.startsWith('/rpc/') ||
    importUploadKindAt(pathname) !== null ||
    pathname.startsWith(UPDATES_PATH);
  return !isApi && (req.method === 'GET' || req.method === 'HEAD');
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
  return new RPCHandler(core.router, {
    plugins: [new RequestHeadersPlugin(), new ResponseHeadersPlugin()],
    interceptors: [typedTransportErrors],
  });
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
async function guardRpc(req: IncomingMessage, res: ServerResponse, pathname: string, core: Core | null): Promise<boolean> {
  const refuse = (status: number, code: Parameters<typeof sendTypedError>[2], issue: Parameters<typeof sendTypedError>[3]) => {
    sendTypedError(res, status, code, issue);
    dropRestOfBody(req, res);
    return false;
  };
  if (!sameOrigin(req)) return refuse(403, 'FORBIDDEN', { reason: 'request.crossSite' });
  if (!takesContentType(req)) return refuse(415, 'INVALID_INPUT', { reason: 'request.contentType' });
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
  const boundHost = options.host ?? '127.0.0.1';
  const servesNetwork = !isLoopbackHost(boundHost);
  const tls = options.tls ?? null;
  // Served to other machines: nothing goes over the LAN in clear, so plain HTTP is refused before anything listens.
  if (servesNetwork && !tls) throw new Error(`browser mode on ${boundHost} serves HTTPS only: it needs the server certificate`);

  // The open requests (live streams included) of each paired desk, with the session they carry: a revoked desk's end.
  const openByDesk = new Map<number, Set<{ res: ServerResponse; token: string | null }>>();
  const stopListening: (() => void)[] = [];
  const attach = (opened: Core) => {
    // Uploads a previous run left unclaimed go when the shell starts (and this run's after uploadTuning.ttlMs).
    void sweepImportUploads(opened.deps).catch((error: unknown) => console.error('[http] import uploads not swept', error));
    if (!servesNetwork) return;
    serveDesksAs(opened.deps, { serverName: options.serverName ?? hostname(), certificateFingerprint: tls?.fingerprint ?? null });
    stopListening.push(
      onDeskRevoked(opened.deps, (deskId) => {
        const open = [...(openByDesk.get(deskId) ?? [])];
        openByDesk.delete(deskId);
        // Its live streams end as they end with a session (they fail UNAUTHENTICATED, so the desk goes back to its login
        // page at once and learns there that it was revoked); whatever is still open a moment later is cut.
        for (const token of new Set(open.map((o) => o.token))) if (token) opened.deps.events.endStreams({ token });
        const cut = setTimeout(() => {
          for (const { res } of open) if (!res.writableFinished) res.destroy();
        }, REVOKED_GRACE_MS);
        cut.unref();
      }),
    );
  };
  let core: Core | null = options.core instanceof Promise ? null : options.core;
  let handler = core ? coreHandler(core) : null;
  if (core) attach(core);
  // A core that fails to open is the caller's to report (it awaits the same promise); the server keeps refusing.
  if (options.core instanceof Promise) {
    options.core.then(
      (opened) => {
        core = opened;
        handler = coreHandler(opened);
        attach(opened);
      },
      () => undefined,
    );
  }
  const openingHandler = options.opening
    ? new RPCHandler<Record<never, never>>(openingRouter(options.opening), { interceptors: [typedTransportErrors] })
    : null;
  const assets = options.staticDir
    ? sirv(options.staticDir, {
        single: true,
        etag: true,
        // The build writes each file's .br and .gz beside it (electron.vite.config.ts): sent as the browser accepts.
        brotli: true,
        gzip: true,
        dev: false,
      })
    : null;

  /**
   * Served to the network, a request that is not the app's static files or the pairing itself needs a paired desk's
   * credential, checked before a byte of its body is read: none or an unknown one 401 `desk.unpaired`, a revoked
   * one 403 `desk.revoked`. True when the request may go on; its response is then kept with its desk's until done.
   */
  const admitDesk = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (!servesNetwork || openToUnpairedDesks(req, pathname)) return true;
    if (options.trustThisMachine !== false && isLoopbackAddress(req.socket.remoteAddress)) return true;
    // Still opening: only the start-up status answers (answerWhileOpening), which tells nothing but the progress.
    if (!core) return true;
    const version = req.headers[DESK_VERSION_HEADER];
    const check = await checkDeskCredential(
      core.deps,
      deskCredentialOf(req),
      clientAddress(req),
      typeof version === 'string' ? version : null,
    );
    if (!check.ok) {
      if (check.reason === 'desk.revoked') sendTypedError(res, 403, 'FORBIDDEN', { reason: check.reason });
      else sendTypedError(res, 401, 'UNAUTHENTICATED', { reason: check.reason });
      dropRestOfBody(req, res);
      return false;
    }
    let open = openByDesk.get(check.deskId);
    if (!open) openByDesk.set(check.deskId, (open = new Set()));
    const mine = open;
    const entry = { res, token: bearerToken(req) };
    mine.add(entry);
    res.once('close', () => {
      mine.delete(entry);
      if (mine.size === 0 && openByDesk.get(check.deskId) === mine) openByDesk.delete(check.deskId);
    });
    return true;
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req.headers.host, boundHost)) {
      res.statusCode = 421;
      res.end();
      return;
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const pathname = new URL(req.url ?? '/', 'http://desk').pathname;
    if (!(await admitDesk(req, res, pathname))) return;
    const uploadKind = importUploadKindAt(pathname);
    if (uploadKind) {
      await receiveImportUpload(req, res, core, uploadKind, bearerToken(req));
      return;
    }
    if (pathname.startsWith(UPDATES_PATH)) {
      await serveUpdateFile(req, res, pathname, options.updatesDir);
      return;
    }
    if (pathname === '/rpc' || pathname.startsWith('/rpc/')) {
      if (!(await guardRpc(req, res, pathname, core))) return;
    }
    if (!core || !handler) {
      if (await answerWhileOpening(req, res, openingHandler)) return;
    } else {
      const { matched } = await handler.handle(req, res, {
        prefix: '/rpc',
        context: { deps: core.deps, remoteAddress: clientAddress(req) },
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
  };
  const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, serve) : createServer(serve);
  // Staff think for seconds between clicks: with Node's 5 s default a desk's next call often opens a new connection,
  // a TLS handshake on the LAN (desks bench: 40% of calls, their p95 twice the rest). Kept open a minute instead, as
  // browsers keep theirs; the headers deadline stays above it, as Node requires.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, boundHost, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stop of stopListening) stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
