import { join } from 'node:path';
import log from 'electron-log/node';
import type { Core } from '../core/core';
import { DatabaseTooNewError } from '../core/db/migrate';
import { startBackupSchedule, type BackupSchedule } from '../core/backups/schedule';
import { startFollowupSchedule, type FollowupSchedule } from '../core/followup/schedule';
import { sweepImportUploads } from '../core/imports/uploads';
import { startCore } from '../core/startup';
import { StartupProgress } from '../core/startup-progress';
import type { CoreHostOptions, FromCoreHost, ToCoreHost } from './protocol';
import { portServer, type WindowPort } from './serve';
import { receiveUpload } from './upload';

/**
 * The core's own process on a desk (Electron's utilityProcess, forked by electron/main/core-process.ts): it opens the
 * database, serves the core's router on every window's MessagePort, takes the desk's price-file uploads, runs the
 * daily backup, and closes the database when the main process says so. The main process keeps the windows, so a
 * backup or a long report never stalls a menu, a window move or a print.
 */
const parent = process.parentPort;
const opening = new StartupProgress();
let opened: Promise<Core> | null = null;
let core: Core | null = null;
let backups: BackupSchedule | null = null;
let followup: FollowupSchedule | null = null;
let serve: ((port: WindowPort) => void) | null = null;
let closing: Promise<void> | null = null;

function send(message: FromCoreHost): void {
  parent.postMessage(message);
}

/** core.log in the user data folder's logs folder, rotated at 5 MB; the core's slow-call and error lines go there. */
function startLog(dir: string): void {
  log.transports.file.resolvePathFn = () => join(dir, 'core.log');
  log.transports.file.maxSize = 5 * 1024 * 1024;
  Object.assign(console, log.functions);
}

function open(options: CoreHostOptions): void {
  if (opened) return;
  startLog(options.logDir);
  opened = startCore({
    file: options.file,
    demo: options.demo,
    history: options.history,
    onUpgradeProgress: opening.report,
    workers: { script: options.workerScript },
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  serve = portServer(opened, opening);
  opened.then(
    (value) => {
      core = value;
      backups = startBackupSchedule(value.deps);
      followup = startFollowupSchedule(value.deps);
      // Uploads a previous run left unclaimed go when the desk starts.
      void sweepImportUploads(value.deps).catch((error: unknown) => console.error('[core] import uploads not swept', error));
      console.info(`[core] opened ${value.file}`);
      send({ kind: 'opened', file: value.file });
    },
    (error: unknown) => {
      console.error('[core] could not open the database', error);
      const tooNew = error instanceof DatabaseTooNewError;
      send({ kind: 'failed', message: error instanceof Error ? error.message : String(error), tooNew });
    },
  );
}

/** Stops the backup timer, waits for the core to open if it is still opening, closes workers then the database. */
function close(): Promise<void> {
  closing ??= (async () => {
    backups?.stop();
    followup?.stop();
    const value = await opened?.catch(() => null);
    try {
      await value?.close();
      console.info('[core] database closed');
    } catch (error) {
      console.error('[core] database not closed cleanly', error);
    }
    send({ kind: 'closed' });
  })();
  return closing;
}

parent.on('message', (event) => {
  const message = event.data as ToCoreHost;
  switch (message.kind) {
    case 'open':
      open(message.options);
      break;
    case 'connect': {
      const [port] = event.ports;
      if (port && serve && !closing) serve(port);
      else port?.close();
      break;
    }
    case 'upload':
      void receiveUpload(core, message.token, message.data).then((answer) => send({ kind: 'uploaded', id: message.id, answer }));
      break;
    case 'close':
      void close().then(() => process.exit(0));
      break;
  }
});

process.on('uncaughtException', (error) => {
  console.error('[core] uncaught error', error);
  // A core in an unknown state must not go on writing: the main process sees the exit and tells the desk.
  void close().finally(() => process.exit(1));
});
process.on('unhandledRejection', (reason) => console.error('[core] unhandled rejection', reason));
