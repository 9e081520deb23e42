import https from 'node:https';
import type { ApiErrorCode, ApiIssue } from '../../shared/contract/errors';
import { isApiErrorCode } from '../../shared/contract/errors';
import type { ConnectDeskInput, PairedDeskDto } from '../../shared/contract/desks';
import { parseServerAddress } from './address';
import { pinnedTlsOptions, readServerCertificate, type PinnedCertificate } from './pinned';

/** What a desk keeps once it joined a server: where, whom it pinned, and its own credential. */
export interface ServerLink {
  origin: string;
  serverName: string;
  deskId: number;
  deskName: string;
  credential: string;
  certificate: PinnedCertificate;
}

export type PairOutcome = { ok: true; link: ServerLink } | { ok: false; code: ApiErrorCode; issues: ApiIssue[] };

const refused = (code: ApiErrorCode, reason: string, field?: string): PairOutcome => ({
  ok: false,
  code,
  issues: [field ? { field, reason } : { reason }],
});

/** POST with the JSON body oRPC's HTTP handler reads, over a connection that trusts only `pinned`. */
function postPinned(url: string, pinned: PinnedCertificate, body: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify({ json: body }));
    const request = https.request(
      url,
      {
        method: 'POST',
        ...pinnedTlsOptions(pinned),
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
        timeout: 15_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (error) {
            reject(error);
          }
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * Joins a desk to the dealership's server (issue 16 item 4), from the desk's main process: reads the certificate the
 * server shows, sends the pairing code only over a connection that trusts that certificate and no other, and checks
 * that the server's answer names the same certificate. The outcome's issues name the field to correct, in the
 * reasons the form translates.
 */
export async function pairWithServer(input: ConnectDeskInput): Promise<PairOutcome> {
  const address = parseServerAddress(input.serverAddress);
  if (!address.ok) return refused('INVALID_INPUT', 'desk.address', 'serverAddress');
  if (!address.origin.startsWith('https:')) return refused('INVALID_INPUT', 'desk.address', 'serverAddress');
  let certificate: PinnedCertificate;
  try {
    certificate = await readServerCertificate(address.host, address.port);
  } catch {
    return refused('INVALID_INPUT', 'desk.unreachable', 'serverAddress');
  }
  let answer: { status: number; json: unknown };
  try {
    answer = await postPinned(`${address.origin}/rpc/desks/pair`, certificate, { code: input.code, name: input.name.trim() });
  } catch {
    return refused('INVALID_INPUT', 'desk.notBayDesk', 'serverAddress');
  }
  const json = (answer.json as { json?: unknown } | null)?.json;
  if (answer.status !== 200) {
    const error = json as { code?: unknown; data?: { issues?: ApiIssue[] } } | undefined;
    if (error && isApiErrorCode(error.code) && Array.isArray(error.data?.issues) && error.data.issues.length > 0)
      return { ok: false, code: error.code, issues: error.data.issues };
    return refused('INVALID_INPUT', 'desk.notBayDesk', 'serverAddress');
  }
  const paired = json as PairedDeskDto | undefined;
  if (!paired || typeof paired.credential !== 'string') return refused('INVALID_INPUT', 'desk.notBayDesk', 'serverAddress');
  // The server says which certificate it serves with; another one here means something sits between desk and server.
  if (paired.certificateFingerprint !== certificate.fingerprint) return refused('FORBIDDEN', 'desk.certificateChanged');
  return {
    ok: true,
    link: {
      origin: address.origin,
      serverName: paired.serverName,
      deskId: paired.deskId,
      deskName: paired.name,
      credential: paired.credential,
      certificate,
    },
  };
}
