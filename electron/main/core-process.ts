import { join } from 'node:path';
import { utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';
import log from 'electron-log/main';
import type { ImportUploadAnswer } from '../../shared/contract/imports/uploads';
import { CORE_HOST_BUNDLE, type CoreHostOptions, type FromCoreHost, type ToCoreHost } from '../core-host/protocol';

/** How long quitting waits for the core to close its database before it gives up on it. */
const CLOSE_TIMEOUT_MS = 60_000;

export type CoreOpening = { ok: true; file: string } | { ok: false; message: string; tooNew: boolean };

/**
 * The core's utility process, seen from the main process: forks the bundled host (out/main/core-host.js), hands it
 * each window's port and the price-file uploads, and closes it at quit. The main process itself never opens the
 * database.
 */
export class CoreProcess {
  readonly opened: Promise<CoreOpening>;
  private readonly child: UtilityProcess;
  private readonly uploads = new Map<number, (answer: ImportUploadAnswer) => void>();
  private nextUpload = 1;
  private closed: Promise<void> | null = null;
  private exited = false;
  /** Told when the core process ends without being asked to (a crash). */
  onCrash: ((code: number) => void) | null = null;

  constructor(options: Omit<CoreHostOptions, 'workerScript'>) {
    this.child = utilityProcess.fork(join(__dirname, CORE_HOST_BUNDLE), [], { serviceName: 'BayDesk core' });
    let settle: (opening: CoreOpening) => void = () => undefined;
    this.opened = new Promise((resolve) => (settle = resolve));
    this.child.on('message', (message: FromCoreHost) => {
      if (message.kind === 'opened') settle({ ok: true, file: message.file });
      else if (message.kind === 'failed') settle({ ok: false, message: message.message, tooNew: message.tooNew });
      else if (message.kind === 'uploaded') {
        this.uploads.get(message.id)?.(message.answer);
        this.uploads.delete(message.id);
      }
    });
    this.child.on('exit', (code) => {
      this.exited = true;
      settle({ ok: false, message: `the core stopped (${code})`, tooNew: false });
      for (const answer of this.uploads.values())
        answer({ ok: false, error: { code: 'INTERNAL', issues: [{ reason: 'internal' }] } });
      this.uploads.clear();
      if (!this.closed) {
        log.error(`[main] the core process stopped unexpectedly (exit code ${code})`);
        this.onCrash?.(code);
      }
    });
    // Its worker threads are the bundled out/main/core-worker.js, next to the host.
    this.send({ kind: 'open', options: { ...options, workerScript: join(__dirname, 'core-worker.js') } });
  }

  private send(message: ToCoreHost, ports?: MessagePortMain[]): void {
    if (this.exited) return;
    if (ports) this.child.postMessage(message, ports);
    else this.child.postMessage(message);
  }

  /** A window's end of its MessageChannel, already checked by the caller: the core serves its router on it. */
  connect(port: MessagePortMain): void {
    if (this.exited || this.closed) port.close();
    else this.send({ kind: 'connect' }, [port]);
  }

  /** A price file's bytes with the session token that sends them; the core checks the session and the role. */
  upload(token: string, data: ArrayBuffer): Promise<ImportUploadAnswer> {
    if (this.exited || this.closed)
      return Promise.resolve({ ok: false, error: { code: 'INTERNAL', issues: [{ reason: 'internal' }] } });
    const id = this.nextUpload++;
    return new Promise((resolve) => {
      this.uploads.set(id, resolve);
      this.send({ kind: 'upload', id, token, data });
    });
  }

  /** Asks the core to close its database and waits until it did (and its process ended), or gives up after a minute. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const timer = setTimeout(() => {
        log.error('[main] the core did not close its database in time; stopping it');
        this.child.kill();
        resolve();
      }, CLOSE_TIMEOUT_MS);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.send({ kind: 'close' });
    });
    return this.closed;
  }
}
