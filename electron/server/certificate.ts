import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/**
 * The server's TLS certificate (issue 16 item 2): made by BayDesk at the first start served to the network, kept in
 * the data folder (`tls/`, the key readable by the server's account only) and used from then on, so the fingerprint
 * each desk pinned when it paired stays the same across restarts. Made with `selfsigned` (maintained, on
 * @peculiar/x509 and WebCrypto, offline): no hand-rolled ASN.1.
 */
export const TLS_DIR = 'tls';
export const CERT_FILE = 'baydesk-cert.pem';
export const KEY_FILE = 'baydesk-key.pem';

/** Long enough that a dealership does not re-pair every desk each year; deleting the two files makes a new one. */
const VALID_YEARS = 5;

export interface ServerCertificate {
  cert: string;
  key: string;
  /** SHA-256 of the certificate (DER), upper-case hex pairs with colons, as browsers show it. */
  fingerprint: string;
}

export interface HostNames {
  dns: string[];
  ips: string[];
}

/** This machine's names and addresses, which desks may type to reach it: each goes into the certificate's SANs. */
export function machineHostNames(): HostNames {
  const name = hostname();
  const dns = [...new Set(['localhost', name, `${name}.local`].filter((n) => /^[A-Za-z0-9.-]+$/.test(n)))];
  const ips = new Set(['127.0.0.1', '::1']);
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      // Link-local IPv6 addresses carry a zone (%eth0) no URL can name.
      if (!entry.address.includes('%')) ips.add(entry.address);
    }
  }
  return { dns, ips: [...ips] };
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/** The certificate kept in `dataDir/tls`, or a new one made (and kept) when there is none. */
export async function loadServerCertificate(dataDir: string, names: HostNames = machineHostNames()): Promise<ServerCertificate> {
  const dir = join(dataDir, TLS_DIR);
  const certFile = join(dir, CERT_FILE);
  const keyFile = join(dir, KEY_FILE);
  if (existsSync(certFile) && existsSync(keyFile)) {
    const cert = readFileSync(certFile, 'utf8');
    const key = readFileSync(keyFile, 'utf8');
    return { cert, key, fingerprint: fingerprintOf(cert) };
  }
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setUTCFullYear(notAfterDate.getUTCFullYear() + VALID_YEARS);
  const made = await generate(
    [
      { name: 'commonName', value: `BayDesk ${hostname()}` },
      { name: 'organizationName', value: 'BayDesk' },
    ],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            ...names.dns.map((value) => ({ type: 2 as const, value })),
            ...names.ips.map((ip) => ({ type: 7 as const, ip })),
          ],
        },
      ],
    },
  );
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The key first, private from its first byte (mode applies on creation; chmod for a file left by an earlier try).
  writeFileSync(keyFile, made.private, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  writeFileSync(certFile, made.cert, { mode: 0o644 });
  return { cert: made.cert, key: made.private, fingerprint: fingerprintOf(made.cert) };
}
