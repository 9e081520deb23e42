import { createHash, X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, BrowserType, LaunchOptions } from '@playwright/test';
import type { Core } from '../../electron/core/core';
import type { ServerCertificate } from '../../electron/server/certificate';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';

/**
 * The dealership's LAN in the e2e tests (issue 16): the server on every address over HTTPS with its own certificate,
 * 127.0.0.1 standing in for the other PCs (trustThisMachine: false), and desks in a Chromium that trusts exactly that
 * certificate's key, as a desk that pinned it does (nothing else is accepted, no certificate authority involved).
 */
export function serveLan(core: Core, cert: ServerCertificate, port = 0): Promise<RunningServer> {
  return startHttpServer({
    core,
    host: '0.0.0.0',
    port,
    staticDir: join(__dirname, '..', '..', 'out', 'renderer'),
    tls: cert,
    serverName: 'Service PC',
    trustThisMachine: false,
  });
}

/** The SHA-256 of the certificate's public key, as Chromium's --ignore-certificate-errors-spki-list takes it. */
function spkiPin(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

export function pinnedChromium(chromium: BrowserType, launchOptions: LaunchOptions, certPem: string): Promise<Browser> {
  return chromium.launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []), `--ignore-certificate-errors-spki-list=${spkiPin(certPem)}`],
  });
}
