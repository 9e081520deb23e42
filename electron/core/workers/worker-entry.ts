import { parentPort } from 'node:worker_threads';
import type { CoreDeps } from '../context';
import { kyselyOver, openSqlite } from '../db/connection';
import { ChangeBus } from '../events';
import { InProcessRunner } from './in-process';
import { serializeError, type DatabaseRef, type FromWorker, type ToWorker } from './protocol';
import { isTaskName, TASKS, type TaskContext } from './tasks';

/**
 * A worker thread of the core (bundled as out/main/core-worker.js; from the sources through tsx). It runs the tasks
 * of ./tasks.ts for the pool, one at a time, each on a read-only connection of its own, so a long read or a backup never
 * holds the thread that answers the desks. Reads only: writes stay on the core's one connection.
 */
const port = parentPort!;

/** The deps of the task running now (a task that asks for another task runs it here, on this thread). */
let current: CoreDeps | null = null;
const inThisThread = new InProcessRunner(() => current!);

/**
 * A read-only connection of the task's own, opened with the core's pragmas when the task first asks (WAL lets it
 * read while the core writes) and closed when the task ends: an idle worker holds no file open, so a core closes
 * (and a restore replaces its file) without waiting for the workers.
 */
function openDeps(database: DatabaseRef, now: string): CoreDeps {
  const binding = database.nativeBinding ? { nativeBinding: database.nativeBinding } : {};
  const sqlite = openSqlite(database.file, { readonly: true, ...binding });
  const at = new Date(now);
  current = {
    db: kyselyOver(sqlite),
    sqlite,
    clock: { now: () => new Date(at) },
    sessions: new Map(),
    sessionIdleMs: null,
    filesDir: database.filesDir,
    // A task only reads: nothing it does is news for the desks.
    events: new ChangeBus(),
    database: { file: database.file, ...binding },
    workers: { reads: inThisThread, maintenance: inThisThread, close: async () => {} },
  };
  return current;
}

const running = new Map<number, AbortController>();
let closing = false;
let closed = false;

function post(message: FromWorker): void {
  port.postMessage(message);
}

/** Closes the port: with nothing left to wait for, the thread ends. */
function closeAndExit(): void {
  if (closed) return;
  closed = true;
  port.close();
}

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const abort = new AbortController();
  running.set(message.id, abort);
  const opened: { deps: CoreDeps | null } = { deps: null };
  let outcome: FromWorker;
  try {
    if (!isTaskName(message.task)) throw new Error(`no such worker task: ${message.task}`);
    const ctx: TaskContext = {
      deps: () => (opened.deps ??= openDeps(message.database, message.now)),
      emit: (event) => post({ type: 'event', id: message.id, event }),
      signal: abort.signal,
    };
    const value = await (TASKS[message.task] as (ctx: TaskContext, payload: unknown) => Promise<unknown>)(ctx, message.payload);
    outcome = { type: 'done', id: message.id, value };
  } catch (error) {
    outcome = { type: 'failed', id: message.id, error: serializeError(error) };
  }
  // Closed before the answer: once the pool hears of the end, this thread holds the file no more (a core closing next
  // must be the last connection, so SQLite folds the WAL into the file).
  try {
    await opened.deps?.db.destroy();
  } finally {
    running.delete(message.id);
    try {
      post(outcome);
    } catch (error) {
      // The value cannot cross to the core's thread (structured clone refused it).
      post({ type: 'failed', id: message.id, error: serializeError(error) });
    }
    if (closing && running.size === 0) closeAndExit();
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'run') void run(message);
  else if (message.type === 'abort') running.get(message.id)?.abort();
  else {
    closing = true;
    if (running.size === 0) closeAndExit();
  }
});

post({ type: 'ready' });
