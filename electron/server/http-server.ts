import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RPCHandler } from '@orpc/server/node';
import { RequestHeadersPlugin } from '@orpc/server/plugins';
import sirv from 'sirv';
import type { Core } from '../core/core';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';

export interface HttpServerOptions {
  core: Core;
  /** 127.0.0.1 unless told otherwise: browser mode serves this desk only. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (out/renderer); without it only the API is served (tests of the API alone). */
  staticDir?: string | null;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * On loopback, a request must also name a loopback host: a web page whose DNS name was re-pointed at 127.0.0.1
 * (DNS rebinding) cannot then reach the API from the desk's own browser.
 */
function hostAllowed(hostHeader: string | undefined, boundHost: string): boolean {
  if (!LOOPBACK_HOSTS.has(boundHost === '::1' ? '[::1]' : boundHost)) return true;
  const name = (hostHeader ?? '').replace(/:\d+$/, '').toLowerCase();
  return LOOPBACK_HOSTS.has(name);
}

/** The browser-mode shell: the built renderer and the API at /rpc, nothing else. No business rule lives here. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const handler = new RPCHandler(options.core.router, { plugins: [new RequestHeadersPlugin()] });
  const assets = options.staticDir ? sirv(options.staticDir, { single: true, etag: true, gzip: false, dev: false }) : null;

  const boundHost = options.host ?? '127.0.0.1';
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req.headers.host, boundHost)) {
      res.statusCode = 421;
      res.end();
      return;
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const { matched } = await handler.handle(req, res, { prefix: '/rpc', context: { deps: options.core.deps } });
    if (matched) return;
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
