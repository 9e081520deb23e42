import type { ApiErrorCode, ApiIssue } from '../../../shared/contract/errors';
import { AppError } from '../errors';

/**
 * The messages between the core's thread and a worker (docs: README "What runs off the main thread"). Everything
 * crosses by structured clone, so payloads and results are the plain DTOs the services already return.
 */

/** The database a task reads, and the files folder next to it: one pool serves every core of the process (the tests open many). */
export interface DatabaseRef {
  file: string;
  /** The better-sqlite3 build the core opened the file with (Electron's ABI in the desktop app). */
  nativeBinding?: string;
  filesDir: string;
}

export type ToWorker =
  /** `now`: the core clock's time when the call came in (tests run on a manual clock the worker cannot see). */
  | { type: 'run'; id: number; task: string; payload: unknown; now: string; database: DatabaseRef }
  | { type: 'abort'; id: number }
  /**
   * Close the read connection this thread keeps on `file` (nothing of that file runs now): a core closes, or a restore
   * replaces it.
   */
  | { type: 'release'; file: string }
  /** End the thread once nothing runs. */
  | { type: 'close' }
  /** The writers' turn `turn` asked for is the task's now (write-turns.ts). */
  | { type: 'turnGranted'; turn: number };

export type FromWorker =
  /** The worker has loaded its modules and takes tasks. */
  | { type: 'ready' }
  | { type: 'event'; id: number; event: unknown }
  | { type: 'done'; id: number; value: unknown }
  | { type: 'failed'; id: number; error: SerializedError }
  /** The thread holds `file` open no more (the answer to 'release'). */
  | { type: 'released'; file: string }
  /** Task `id` wants to write its file: it asks the core's thread for a writers' turn, numbered `turn` by the thread. */
  | { type: 'turn'; id: number; turn: number }
  /** The task is done with turn `turn` (its transaction committed or rolled back). */
  | { type: 'turnEnded'; turn: number };

/** An AppError keeps its code and issues across the thread boundary; anything else is an unexpected error. */
export type SerializedError =
  { kind: 'app'; code: ApiErrorCode; issues: ApiIssue[] } | { kind: 'error'; name: string; message: string; stack?: string };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) return { kind: 'app', code: error.code, issues: error.issues };
  if (error instanceof Error)
    return { kind: 'error', name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { kind: 'error', name: 'Error', message: String(error) };
}

/** A task's failure as the caller sees it: the same AppError the service threw, or an Error the gate logs as INTERNAL. */
export function deserializeError(error: SerializedError, task: string): Error {
  if (error.kind === 'app') return new AppError(error.code, error.issues);
  const thrown = new Error(`worker task ${task}: ${error.name}: ${error.message}`);
  if (error.stack) thrown.stack = `${thrown.message}\n(in the worker) ${error.stack}`;
  return thrown;
}

/**
 * A worker thread stopped (crashed, ran out of memory, failed to start) or the pool closed while a task was asked
 * for or running. The gate turns it into the typed INTERNAL error, so the desk sees a failed call, never a hang.
 */
export class WorkerFailedError extends Error {
  constructor(
    readonly task: string,
    reason: string,
  ) {
    super(`worker task ${task} failed: ${reason}`);
    this.name = 'WorkerFailedError';
  }
}
