import { EventEmitter } from 'node:events';
import https from 'node:https';
import { connect, type PeerCertificate } from 'node:tls';

/**
 * Electron's `net.request` for the stand-in Electron (tests/electron/stand-in.ts), enough for electron-updater's
 * ElectronHttpExecutor: a request over Node's https that goes through its session as Chromium's network stack would,
 * so a test sees what the bundle set on the session take effect: the certificate check (setCertificateVerifyProc)
 * decides whether the server is trusted (0 trusts, anything else refuses the connection), and the header rewriter
 * (webRequest.onBeforeSendHeaders) adds its headers to the URLs it filters.
 */
export type Listener = (...args: unknown[]) => unknown;

export interface SessionRecord {
  verify?: Listener;
  beforeSendHeaders?: { filter: unknown; listener: Listener };
}

interface NetRequestOptions {
  protocol?: string;
  hostname?: string;
  host?: string;
  port?: number | string;
  path?: string;
  method?: string;
  headers?: Record<string, string>;
}

function pemOf(raw: Buffer): string {
  const lines = raw.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** The certificate the host shows, then the session's verdict on it, as Chromium asks the verify proc. */
function verdict(session: SessionRecord, host: string, port: number): Promise<{ pem: string; code: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, rejectUnauthorized: false });
    socket.once('secureConnect', () => {
      const peer: PeerCertificate = socket.getPeerCertificate();
      socket.end();
      const pem = pemOf(peer.raw);
      // No verify proc: Chromium's own check, which a self-signed certificate fails.
      if (!session.verify) return resolve({ pem, code: -2 });
      session.verify({ hostname: host, certificate: { data: pem } }, (code: unknown) => resolve({ pem, code: Number(code) }));
    });
    socket.once('error', reject);
  });
}

function matches(filter: unknown, url: string): boolean {
  const urls = (filter as { urls?: string[] } | undefined)?.urls ?? ['<all_urls>'];
  return urls.some((pattern) => pattern === '<all_urls>' || url.startsWith(pattern.replace(/\*$/, '')));
}

export class StandInNetRequest extends EventEmitter {
  private real: ReturnType<typeof https.request> | null = null;
  private aborted = false;

  constructor(
    private readonly options: NetRequestOptions,
    private readonly session: SessionRecord,
  ) {
    super();
  }

  write(): void {}
  setHeader(): void {}

  abort(): void {
    this.aborted = true;
    this.real?.destroy();
  }

  end(body?: unknown): void {
    void this.send(body).catch((error: unknown) => this.emit('error', error));
  }

  private async send(body: unknown): Promise<void> {
    const host = this.options.hostname ?? this.options.host ?? 'localhost';
    const port = Number(this.options.port ?? 443);
    const url = `${this.options.protocol ?? 'https:'}//${host}:${port}${this.options.path ?? '/'}`;
    let headers = { ...(this.options.headers ?? {}) };
    const rewrite = this.session.beforeSendHeaders;
    if (rewrite && matches(rewrite.filter, url))
      rewrite.listener({ url, requestHeaders: headers }, (answer: { requestHeaders?: Record<string, string> }) => {
        headers = answer.requestHeaders ?? headers;
      });
    const { pem, code } = await verdict(this.session, host, port);
    if (code !== 0) throw new Error(`net::ERR_CERT_INVALID (${url})`);
    if (this.aborted) return;
    this.real = https.request(
      url,
      { method: this.options.method ?? 'GET', headers, ca: [pem], checkServerIdentity: () => undefined },
      (response) => this.emit('response', response),
    );
    this.real.on('socket', (socket) => this.emit('socket', socket));
    this.real.on('error', (error) => this.emit('error', error));
    this.real.end(body as Buffer | undefined);
  }
}
