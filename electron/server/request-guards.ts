import type { IncomingMessage, ServerResponse } from 'node:http';
import { ORPCError } from '@orpc/server';
import type { ApiErrorCode, ApiIssue } from '../../shared/contract/errors';
import { MAX_CAMPAIGN_FILE_BYTES } from '../../shared/contract/campaigns';
import { MAX_PHOTO_BYTES } from '../../shared/contract/repair-orders/check-in';
import { IMPORT_UPLOADS, IMPORT_UPLOAD_TYPE } from '../../shared/contract/imports/uploads';

/**
 * What the HTTP shell checks on every /rpc request before the body is read or the core sees it (issue 14, README
 * "Trust"): that it comes from the app's own page, that it is JSON, and that its body fits its procedure's limit.
 * None of this is a business rule; the core still validates every input against its contract schema.
 */

const MB = 1024 * 1024;

/** Every procedure's body fits in this unless listed below: the largest ordinary input (a drawn signature) is ~0.2 MB. */
export const DEFAULT_BODY_LIMIT = 1 * MB;

/** Base64 carries 3 bytes in 4 characters; the rest of the JSON around a file stays under the default limit. */
function base64Limit(fileBytes: number): number {
  return Math.ceil(fileBytes / 3) * 4 + DEFAULT_BODY_LIMIT;
}

/**
 * The procedures that carry a file, with the file limits documented in the contract (a photo 8 MB) plus base64's
 * third and the JSON around it. A dealer's logo (300 KB) fits in the default. An import file (a price file 60 MB, a
 * previous DMS's export 400 MB) is not a call's body: it goes as raw bytes to its upload path, streamed to a temporary
 * file and counted there, never held whole; its limit is its kind's (shared/contract/imports/uploads.ts).
 */
export const BODY_LIMITS: Readonly<Record<string, number>> = {
  '/rpc/repairOrders/addPhoto': base64Limit(MAX_PHOTO_BYTES),
  ...Object.fromEntries(Object.values(IMPORT_UPLOADS).map((upload) => [upload.path, upload.maxBytes])),
  '/rpc/campaigns/import': base64Limit(MAX_CAMPAIGN_FILE_BYTES),
};

export function bodyLimitFor(pathname: string): number {
  return BODY_LIMITS[pathname] ?? DEFAULT_BODY_LIMIT;
}

/** The typed error of the contract in oRPC's own response shape, so the desk's client reads it like any refusal. */
export function sendTypedError(res: ServerResponse, status: number, code: ApiErrorCode, issue: ApiIssue): void {
  const error = new ORPCError(code, { status, message: code, data: { issues: [issue] } });
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ json: error.toJSON() }));
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^127\./.test(address) || /^::ffff:127\./.test(address);
}

/**
 * Whether a request comes from the app's own page. The app's origin is the address the request was sent to (its Host:
 * 127.0.0.1:port, localhost:port, or the LAN address a paired desk uses), so a browser's Origin must be exactly that.
 * Sec-Fetch-Site, where a browser sends it, must say same-origin (or none: typed in the address bar). A request with
 * neither header does not come from a web page of any modern browser: it is let in only from this machine (the tests,
 * the bench, a script the desk's own user runs); from elsewhere the browser of a paired desk always sends them.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  if (origin !== undefined) {
    const host = req.headers.host;
    if (!host) return false;
    const scheme = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
    return origin.toLowerCase() === `${scheme}://${host.toLowerCase()}`;
  }
  if (site !== undefined) return true;
  return isLoopbackAddress(req.socket.remoteAddress);
}

/**
 * The renderer's transport (oRPC's RPCLink) posts every call as application/json; no procedure of the contract takes
 * a file as such (photos travel as base64 in JSON, import files through their upload paths). A form or text body, which
 * another site's page may send without asking the browser's permission, is therefore never the app's.
 */
export function takesContentType(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json';
}

/**
 * An import file's upload takes the file's raw bytes as `application/octet-stream`, a type no page of another site can
 * send without the browser asking first (it is not one of the "simple" form types), and never a form.
 */
export function takesRawBytes(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === IMPORT_UPLOAD_TYPE;
}

/** Of a refused request's body, this much is read and thrown away so the client can read the answer; past it, cut. */
export const DISCARD_LIMIT = 8 * MB;
/** And for this long at most, for a client that sends slowly. */
const DISCARD_MS = 5000;
/** How long a cut connection still reads (and drops) what the client sends after the answer, before it goes. */
const LINGER_MS = 2000;

/**
 * After a refusal: the rest of the body is read and dropped, never kept. A client that sends a modest body gets the
 * answer and keeps its connection; one that goes on past DISCARD_LIMIT (or DISCARD_MS) has it cut once the answer
 * is out. Not at once: a reset while the client still sends can lose the answer on its way (`Connection: close`
 * does just that).
 */
export function dropRestOfBody(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  let dropped = 0;
  const cut = () => {
    cleanup();
    // A lingering close: the answer is out, then a FIN, so the client reads the answer and then the end; what it still
    // sends meanwhile is read and dropped (the stream stays flowing). Destroying at once would answer the client's
    // next bytes with a reset, which can discard the answer before the client has read it (seen under load).
    const close = () => {
      req.socket.end();
      const linger = setTimeout(() => req.socket.destroy(), LINGER_MS);
      linger.unref();
      req.socket.once('close', () => clearTimeout(linger));
    };
    if (res.writableFinished) close();
    else res.once('finish', close);
  };
  const onData = (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DISCARD_LIMIT) cut();
  };
  const timer = setTimeout(cut, DISCARD_MS);
  timer.unref();
  const cleanup = () => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', cleanup);
    req.off('close', cleanup);
  };
  req.on('data', onData);
  req.on('end', cleanup);
  req.on('close', cleanup);
  req.resume();
}

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** The declared length, or null when the body comes chunked (then its bytes are counted as they arrive). */
export function declaredLength(req: IncomingMessage): number | null {
  const raw = req.headers['content-length'];
  if (raw === undefined) return null;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/**
 * Reads the body, counting: past `limit` bytes it stops reading and rejects with BodyTooLarge, having held at most
 * `limit` bytes (plus one chunk).
 */
export function readBodyWithin(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        cleanup();
        req.pause();
        chunks.length = 0;
        reject(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, total));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onAborted = () => onError(new Error('request aborted'));
    // A client gone before the end: nothing more will come, and what came is let go.
    const onClose = () => {
      if (!req.complete) onAborted();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
    req.on('close', onClose);
  });
}
