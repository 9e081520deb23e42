import https from 'node:https';
import { pinnedTlsOptions, type PinnedCertificate } from './pinned';

/**
 * Whether the server answers its start page over a connection that trusts only the pinned certificate (any HTTP
 * answer counts: it is up). A joined desk that lost its server knocks with this (electron/main/server-link.ts).
 */
export function probeServer(origin: string, certificate: PinnedCertificate): Promise<boolean> {
  return new Promise((resolve) => {
    const request = https.request(
      `${origin}/`,
      { method: 'HEAD', ...pinnedTlsOptions(certificate), timeout: 4000 },
      (response) => {
        response.resume();
        resolve(true);
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
    request.end();
  });
}
