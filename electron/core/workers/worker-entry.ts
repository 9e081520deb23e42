import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import type { CoreDeps } from '../context';
import { kyselyOver, openSqlite, type Db } from '../db/connection';
import type { WriteTurns } from '../db/write-turns';
import { ChangeBus } from '../events';
import { InProcessRunner } from './in-process';
import { serializeError, type DatabaseRef, type FromWorker, type ToWorker } from './protocol';
import { isTaskName, TASKS, type TaskContext, type TaskName } from './tasks';

/**
 * A worker thread of the core (bundled as out/main/core-worker.js; from the sources through tsx). It runs the tasks
 * of ./tasks.ts for the pool, one at a time, on read-only connections (the reports keep theirs between tasks, see
 * `kept`), so a long read or a backup never holds the thread that answers the desks. Reads only, but for the tasks of
 * WRITES_DATABASE (the price import), which write on a connection of their own in short transactions.
 */
const port = parentPort!;

/**
 * A worker's work is never what a desk waits on at the counter: on a 2-core PC a backup, a 24-month trend and a price
 * check would otherwise take the cores from the thread that answers the look-up. On Linux the nice value is per thread
 * (setpriority on the calling thread's id, which is what pid 0 means there), so this lowers this worker alone. On
 * Windows and macOS the same call would lower the whole process, desks included: there the OS scheduler is left as is.
 */
const BACKGROUND_NICE = 10;
if (process.platform === 'linux') {
  try {
    setPriority(0, BACKGROUND_NICE);
  } catch {
    // A container may forbid it; the worker still works, only at normal priority.
  }
}

/** The deps of the task running now (a task that asks for another task runs it here, on this thread). */
let current: CoreDeps | null = null;
const inThisThread = new InProcessRunner(() => current!);

/**
 * The read-only connection this thread keeps per database file between report tasks. Opening one costs more than
 * many a report (the pragmas read the schema, hundreds of triggers and indexes at ten years, and every statement is
 * prepared again): a report keeps the connection of the one before. WAL lets it read while the core writes, and an
 * idle connection holds no read transaction, so it never holds a checkpoint back. The pool asks for it to be closed
 * ('release') before its core closes (the core's own connection must be the last, so SQLite folds the WAL into the
 * file) and before a restore replaces the file; 'close' closes them all.
 */
interface Connection {
  sqlite: BetterSqlite3.Database;
  db: Db;
}
const kept = new Map<string, Connection>();

/**
 * The tasks that only run reads through the service functions and may share a kept connection. The others (the
 * price check stages rows in TEMP tables, the stock export streams, the backups open files of their own) get a
 * connection of their own, closed when they end, as before.
 */
const KEEPS_CONNECTION: ReadonlySet<TaskName> = new Set<TaskName>([
  'reports.kpis',
  'reports.kpiTrend',
  'reports.monthlyCsi',
  'reports.monthlyCsiExport',
  'reports.firstTimeFix',
  'reports.efficiency',
  'warrantyRisk.radar',
  'followup.dueTasks',
]);

/**
 * The tasks that write to the database file: the price import, whose 300,000 lines would otherwise be parsed, staged
 * and written on the thread that answers the desks. Their connection is their own (never kept), opened for writing.
 */
const WRITES_DATABASE: ReadonlySet<TaskName> = new Set<TaskName>(['parts.importCommit']);

/** Turns asked of the core's thread and not yet granted, by number. */
const awaitingTurn = new Map<number, (end: () => void) => void>();
let lastTurn = 0;

/** A writing task's turns: asked of the core's thread, which queues them with its own writes (write-turns.ts). */
function turnsOfTask(id: number): WriteTurns {
  return {
    acquire: () =>
      new Promise((resolve) => {
        const turn = ++lastTurn;
        awaitingTurn.set(turn, resolve);
        post({ type: 'turn', id, turn });
      }),
  };
}

function turnGranted(turn: number): void {
  const resolve = awaitingTurn.get(turn);
  awaitingTurn.delete(turn);
  let ended = false;
  resolve?.(() => {
    if (ended) return;
    ended = true;
    post({ type: 'turnEnded', turn });
  });
}

function openConnection(database: DatabaseRef, writesFor: number | null = null): Connection {
  const binding = database.nativeBinding ? { nativeBinding: database.nativeBinding } : {};
  const sqlite = openSqlite(database.file, { readonly: writesFor === null, ...binding });
  return { sqlite, db: writesFor === null ? kyselyOver(sqlite) : kyselyOver(sqlite, turnsOfTask(writesFor)) };
}

async function releaseConnection(file: string): Promise<void> {
  const connection = kept.get(file);
  if (!connection) return;
  kept.delete(file);
  await connection.db.destroy();
}

/** The deps of one task over `connection`, with a clock standing at the call's time. */
function depsOver(database: DatabaseRef, connection: Connection, now: string): CoreDeps {
  const binding = database.nativeBinding ? { nativeBinding: database.nativeBinding } : {};
  const at = new Date(now);
  current = {
    db: connection.db,
    sqlite: connection.sqlite,
    clock: { now: () => new Date(at) },
    sessions: new Map(),
    sessionIdleMs: null,
    filesDir: database.filesDir,
    // The desks' live updates are the core's: a task that writes (the price import) is announced by its caller.
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

/** Closes the kept connections, then the port: with nothing left to wait for, the thread ends. */
function closeAndExit(): void {
  if (closed) return;
  closed = true;
  void Promise.allSettled([...kept.keys()].map((file) => releaseConnection(file))).finally(() => port.close());
}

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const abort = new AbortController();
  running.set(message.id, abort);
  const keeps = isTaskName(message.task) && KEEPS_CONNECTION.has(message.task);
  const writes = isTaskName(message.task) && WRITES_DATABASE.has(message.task);
  // A connection of the task's own (closed when it ends), or the one kept for its file.
  const opened: { own: Connection | null; deps: CoreDeps | null } = { own: null, deps: null };
  const connect = (): Connection => {
    if (!keeps) return (opened.own = openConnection(message.database, writes ? message.id : null));
    let connection = kept.get(message.database.file);
    if (!connection) {
      connection = openConnection(message.database);
      kept.set(message.database.file, connection);
    }
    return connection;
  };
  let outcome: FromWorker;
  try {
    if (!isTaskName(message.task)) throw new Error(`no such worker task: ${message.task}`);
    const ctx: TaskContext = {
      deps: () => (opened.deps ??= depsOver(message.database, connect(), message.now)),
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
    await opened.own?.db.destroy();
    // A task that failed inside a transaction must not leave it open on the kept connection (it would pin a snapshot).
    if (keeps && kept.get(message.database.file)?.sqlite.inTransaction) await releaseConnection(message.database.file);
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
  else if (message.type === 'turnGranted') turnGranted(message.turn);
  else if (message.type === 'abort') running.get(message.id)?.abort();
  else if (message.type === 'release') {
    const { file } = message;
    void releaseConnection(file).finally(() => {
      if (!closed) post({ type: 'released', file });
    });
  } else {
    closing = true;
    if (running.size === 0) closeAndExit();
  }
});

post({ type: 'ready' });
