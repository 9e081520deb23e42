import type { ImportUploadAnswer } from '../../shared/contract/imports/uploads';

/**
 * What the main process and the core's utility process (electron/core-host/index.ts) say to each other over the
 * utility process's parent port. Windows never use this: each gets its own MessagePort, handed over with `connect`,
 * on which the core serves its router directly.
 */
export interface CoreHostOptions {
  file: string;
  demo: boolean;
  history: boolean;
  nativeBinding?: string;
  /** The bundled worker thread next to the host (out/main/core-worker.js). */
  workerScript: string;
  /** Where the host writes its log (core.log), the user data folder's logs folder. */
  logDir: string;
}

export type ToCoreHost =
  | { kind: 'open'; options: CoreHostOptions }
  /** Comes with one port (a window's end of its MessageChannel): the core serves its router on it. */
  | { kind: 'connect' }
  | { kind: 'upload'; id: number; token: string; data: ArrayBuffer }
  | { kind: 'close' };

export type FromCoreHost =
  | { kind: 'opened'; file: string }
  /** The core could not open; `tooNew`: the file was written by a newer BayDesk (message is the core's). */
  | { kind: 'failed'; message: string; tooNew: boolean }
  | { kind: 'uploaded'; id: number; answer: ImportUploadAnswer }
  /** The database is closed (WAL folded in): the host exits next. */
  | { kind: 'closed' };

/** The host's bundle next to the main entry (electron.vite.config.ts builds it). */
export const CORE_HOST_BUNDLE = 'core-host.js';
