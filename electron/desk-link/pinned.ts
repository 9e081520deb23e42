import { connect, type PeerCertificate } from 'node:tls';

/** The server's certificate as a desk pins it: its PEM (to trust it and no other) and its SHA-256 fingerprint. */
export interface PinnedCertificate {
  cert: string;
  /** Upper-case hex pairs with colons, as Node's `fingerprint256` and the server's console and Desks screen show it. */
  fingerprint: string;
}

/**
 * TLS options that trust the pinned certificate and nothing else: not the system's CAs, not another certificate with
 * the same name. The name the desk typed is not checked against the certificate (a desk may reach the server by an
 * address the certificate does not list); the fingerprint is the check.
 */
export function pinnedTlsOptions(pinned: PinnedCertificate): {
  ca: string[];
  checkServerIdentity: (host: string, peer: PeerCertificate) => Error | undefined;
} {
  return {
    ca: [pinned.cert],
    checkServerIdentity: (_host, peer) =>
      peer.fingerprint256 === pinned.fingerprint ? undefined : new Error('not the pinned certificate'),
  };
}

function pemOf(raw: Buffer): string {
  const lines = raw.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * The certificate a server shows, read once before pairing (trust on first use: the person pairing compares its
 * fingerprint with the one on the server's Desks screen). Nothing is sent over this connection.
 */
export function readServerCertificate(host: string, port: number, timeoutMs = 5000): Promise<PinnedCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, servername: isIp(host) ? undefined : host, rejectUnauthorized: false });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('timeout')));
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate();
      socket.end();
      if (!peer?.raw) reject(new Error('no certificate'));
      else resolve({ cert: pemOf(peer.raw), fingerprint: peer.fingerprint256 });
    });
    socket.once('error', reject);
  });
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
