import { Worker } from 'node:worker_threads';
import { writeTurnsOf } from '../db/write-turns';
import { deserializeError, WorkerFailedError, type DatabaseRef, type FromWorker, type ToWorker } from './protocol';
import type { WorkerScript } from './script';
import type { TaskEvent, TaskName, TaskPayload, TaskResult } from './tasks';

export interface RunOptions<K extends TaskName> {
  /** The core clock's time of the call; the task's services read it as their `now`. */
  now: Date;
  onEvent?: (event: TaskEvent<K>) => void;
  /** The caller went away: a queued task is dropped, a running one is told (the price check stops; a report ends). */
  signal?: AbortSignal;
}

/** What happens in a runner, for tests and diagnostics (a backup's progress, a task starting or ending). */
export type RunnerNote =
  /** `threadId`: the worker thread it runs on (absent in-process). */
  | { kind: 'start'; task: TaskName; file: string; threadId?: number }
  | { kind: 'done'; task: TaskName; file: string }
  | { kind: 'event'; task: TaskName; file: string; event: unknown }
  | { kind: 'failed'; task: TaskName; file: string; error: Error };

/** Runs named tasks of ./tasks.ts for one core: in worker threads (PoolClient), or on the core's thread (InProcessRunner). */
export interface TaskRunner {
  readonly mode: 'threads' | 'in-process';
  run<K extends TaskName>(task: K, payload: TaskPayload<K>, options: RunOptions<K>): Promise<TaskResult<K>>;
  /**
   * Lets this core's running tasks end and has the workers close the connections they keep on its file, runs `work`
   * while no worker has the file open, then serves again; this core's tasks asked for meanwhile wait. A restore
   * replaces the database file this way.
   */
  quiesce<T>(work: () => Promise<T>): Promise<T>;
  observe(listener: (note: RunnerNote) => void): () => void;
  /** The core closes: its queued and running tasks fail with WorkerFailedError (so no worker has its file open). */
  close(): Promise<void>;
}

export interface PoolOptions {
  /** For messages: 'reads', 'maintenance'. */
  name: string;
  size: number;
  script: WorkerScript;
  /**
   * A worker with nothing to do for this long ends; the next task starts another. Absent:
   * idle workers stay (starting one loads the core's modules: about a second, longer on a busy desk).
   */
  idleMs?: number;
}

interface Job {
  id: number;
  task: TaskName;
  payload: unknown;
  now: string;
  database: DatabaseRef;
  onEvent?: (event: never) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  /** It has loaded its modules (until then at most this one worker is starting). */
  ready: boolean;
  /** Told to close: takes no more tasks. */
  closing: boolean;
  idleTimer: NodeJS.Timeout | null;
  /** An uncaught error the thread reported before it exited, or why the pool stopped it. */
  failure: Error | null;
  stopReason: string | null;
  exited: Promise<void>;
  /** Files it ran tasks of: it may keep a read connection on each (worker-entry's `kept`) until told to release it. */
  files: Set<string>;
  /** Who waits for the thread to say it released a file. */
  releasing: Map<string, (() => void)[]>;
  /** The writers' turns its task holds (a price import's chunk), by the thread's number: ended if the thread dies. */
  turns: Map<number, () => void>;
}

const CLOSING = 'the core is closing';

/**
 * A few worker threads (node:worker_threads) that run named tasks, one at a time each, on read-only connections (a
 * report keeps its thread's connection on the file for the next one; the pool has them closed before a core closes or
 * a restore replaces the file, see releaseConnections). Workers start when a task needs one (one starting at a time:
 * a second starts only once the first is up and busy) and end after idling; an idle worker never keeps the process alive. A worker that dies fails its task
 * with WorkerFailedError (the desk gets the typed INTERNAL error, never a hang) and the next task starts a new one.
 * One pool serves every core of the process: each core's tasks name its database file (see sharedPool).
 */
export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private readonly observers = new Set<(note: RunnerNote) => void>();
  /** Files whose tasks must not start now (a restore or a closing core), with how many hold each. */
  private readonly held = new Map<string, number>();
  private readonly idleWaiters: (() => void)[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  run<K extends TaskName>(
    task: K,
    payload: TaskPayload<K>,
    options: RunOptions<K> & { database: DatabaseRef },
  ): Promise<TaskResult<K>> {
    return new Promise<TaskResult<K>>((resolve, reject) => {
      if (this.closed) return reject(new WorkerFailedError(task, CLOSING));
      if (options.signal?.aborted) return reject(options.signal.reason as Error);
      const job: Job = {
        id: this.nextId++,
        task,
        payload,
        now: options.now.toISOString(),
        database: options.database,
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
        resolve: resolve,
        reject,
      };
      if (options.signal) {
        job.signal = options.signal;
        job.onAbort = () => this.abort(job);
        options.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.dispatch();
    });
  }

  observe(listener: (note: RunnerNote) => void): () => void {
    this.observers.add(listener);
    return () => this.observers.delete(listener);
  }

  /** The live threads (diagnostics; the tests stop one to see a crash reported). */
  threads(): Worker[] {
    return [...this.slots].map((slot) => slot.worker);
  }

  /** Starts a worker before the first task needs it (the shells, once the core is open). */
  warm(): void {
    if (this.closed || this.slots.size > 0) return;
    const slot = this.spawn();
    if (slot) this.idle(slot);
  }

  /** See TaskRunner.quiesce: for the tasks of one database file. */
  async hold<T>(file: string, work: () => Promise<T>): Promise<T> {
    this.held.set(file, (this.held.get(file) ?? 0) + 1);
    try {
      await this.idleFor(file);
      // A restore replaces the file: a connection kept on the old one would go on reading it.
      await this.releaseConnections(file);
      return await work();
    } finally {
      this.unhold(file);
    }
  }

  /**
   * A core closes: its queued tasks fail, its running ones too when `cutShort` (a backup when the desk quits; the
   * worker is stopped) or are waited for.
   */
  async release(file: string, cutShort: boolean): Promise<void> {
    this.held.set(file, (this.held.get(file) ?? 0) + 1);
    try {
      for (const job of this.queue.filter((j) => j.database.file === file)) {
        this.queue.splice(this.queue.indexOf(job), 1);
        this.settle(job, { error: new WorkerFailedError(job.task, CLOSING) });
      }
      if (cutShort) {
        await Promise.all(
          [...this.slots]
            .filter((slot) => slot.job?.database.file === file)
            .map(async (slot) => {
              slot.stopReason = CLOSING;
              await slot.worker.terminate();
            }),
        );
      }
      await this.idleFor(file);
      // The core's connection must be the last on its file (SQLite then folds the WAL into it).
      await this.releaseConnections(file);
    } finally {
      this.unhold(file);
    }
  }

  /** Ends every worker of this pool (a pool of its own, not the shared ones: those end with the process). */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, { error: new WorkerFailedError(job.task, CLOSING) });
    await Promise.all(
      [...this.slots].map(async (slot) => {
        if (slot.job) {
          slot.stopReason = CLOSING;
          await slot.worker.terminate();
        } else await this.stop(slot);
      }),
    );
  }

  private unhold(file: string): void {
    const count = (this.held.get(file) ?? 1) - 1;
    if (count > 0) this.held.set(file, count);
    else this.held.delete(file);
    this.dispatch();
  }

  private async idleFor(file: string): Promise<void> {
    while ([...this.slots].some((slot) => slot.job?.database.file === file)) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  /** Tells every thread that may keep a connection on `file` to close it, and waits until each has (or has ended). */
  private async releaseConnections(file: string): Promise<void> {
    await Promise.all(
      [...this.slots]
        .filter((slot) => slot.files.has(file))
        .map((slot) => {
          slot.files.delete(file);
          if (slot.closing) return slot.exited;
          const released = new Promise<void>((resolve) => {
            const waiting = slot.releasing.get(file) ?? [];
            waiting.push(resolve);
            slot.releasing.set(file, waiting);
          });
          slot.worker.postMessage({ type: 'release', file } satisfies ToWorker);
          return Promise.race([released, slot.exited]);
        }),
    );
  }

  private notify(note: RunnerNote): void {
    for (const listener of this.observers) listener(note);
  }

  /**
   * Hands queued tasks to ready, idle workers. A task never waits on one particular worker that is still starting:
   * whichever worker is free first takes it. A new worker starts only when every worker is up and busy (one starting
   * at a time), up to the pool's size.
   */
  private dispatch(): void {
    if (this.closed) return;
    for (;;) {
      const index = this.queue.findIndex((job) => !this.held.has(job.database.file));
      if (index < 0) return;
      const slot = [...this.slots].find((s) => s.ready && !s.job && !s.closing);
      if (!slot) {
        const live = [...this.slots].filter((s) => !s.closing);
        if (live.length < this.options.size && live.every((s) => s.ready)) this.spawn();
        return;
      }
      const [job] = this.queue.splice(index, 1);
      this.start(slot, job!);
    }
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.files.add(job.database.file);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    // While it works for a caller the thread keeps the process alive (a script awaiting a report must not exit).
    slot.worker.ref();
    const message: ToWorker = {
      type: 'run',
      id: job.id,
      task: job.task,
      payload: job.payload,
      now: job.now,
      database: job.database,
    };
    slot.worker.postMessage(message);
    this.notify({ kind: 'start', task: job.task, file: job.database.file, threadId: slot.worker.threadId });
  }

  /** A new worker; when it cannot even be created, the first waiting task fails with the reason (never a retry loop). */
  private spawn(): Slot | null {
    const { script } = this.options;
    let worker: Worker;
    try {
      worker = new Worker(script.filename, { eval: script.eval, ...(script.eval ? { execArgv: [] } : {}) });
    } catch (error) {
      this.failFirstWaiting(`cannot start ${script.describe}: ${String(error)}`);
      return null;
    }
    let exited!: () => void;
    const slot: Slot = {
      worker,
      job: null,
      ready: false,
      closing: false,
      idleTimer: null,
      failure: null,
      stopReason: null,
      exited: new Promise((resolve) => (exited = resolve)),
      files: new Set(),
      releasing: new Map(),
      turns: new Map(),
    };
    this.slots.add(slot);
    worker.on('message', (message: FromWorker) => this.receive(slot, message));
    worker.on('error', (error) => {
      slot.failure = error;
    });
    worker.on('exit', (code) => {
      this.slots.delete(slot);
      // A thread that died inside a transaction holds no SQLite lock any more: the core's writers go on.
      for (const end of slot.turns.values()) end();
      slot.turns.clear();
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      const running = slot.job;
      slot.job = null;
      if (running) {
        const reason = slot.stopReason ?? slot.failure?.message ?? `the worker thread exited with code ${code}`;
        if (!slot.stopReason)
          console.error(`[core] ${this.options.name} worker stopped while running ${running.task}`, slot.failure ?? code);
        this.settle(running, { error: new WorkerFailedError(running.task, reason) });
      } else if (!slot.ready && !slot.closing) {
        // It died before it could take a task (its script is missing or throws): the task it was started for fails.
        console.error(`[core] ${this.options.name} worker could not start`, slot.failure ?? code);
        this.failFirstWaiting(slot.failure?.message ?? `the worker thread exited with code ${code} while starting`);
      } else if (slot.failure) console.error(`[core] ${this.options.name} worker stopped`, slot.failure);
      exited();
      this.wakeIdleWaiters();
      this.dispatch();
    });
    return slot;
  }

  private receive(slot: Slot, message: FromWorker): void {
    if (message.type === 'ready') {
      slot.ready = true;
      this.dispatch();
      return;
    }
    if (message.type === 'released') {
      for (const resolve of slot.releasing.get(message.file) ?? []) resolve();
      slot.releasing.delete(message.file);
      return;
    }
    if (message.type === 'turnEnded') {
      slot.turns.get(message.turn)?.();
      slot.turns.delete(message.turn);
      return;
    }
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    if (message.type === 'turn') {
      const { turn } = message;
      void writeTurnsOf(job.database.file)
        .acquire()
        .then((end) => {
          // Granted after the thread died: nobody will end it but us.
          if (!this.slots.has(slot)) return end();
          slot.turns.set(turn, end);
          slot.worker.postMessage({ type: 'turnGranted', turn } satisfies ToWorker);
        });
      return;
    }
    if (message.type === 'event') {
      job.onEvent?.(message.event as never);
      this.notify({ kind: 'event', task: job.task, file: job.database.file, event: message.event });
      return;
    }
    slot.job = null;
    this.settle(job, message.type === 'done' ? { value: message.value } : { error: deserializeError(message.error, job.task) });
    this.idle(slot);
    this.wakeIdleWaiters();
    this.dispatch();
  }

  private failFirstWaiting(reason: string): void {
    const index = this.queue.findIndex((job) => !this.held.has(job.database.file));
    if (index < 0) return;
    const [job] = this.queue.splice(index, 1);
    this.settle(job!, { error: new WorkerFailedError(job!.task, reason) });
  }

  private settle(job: Job, outcome: { value: unknown } | { error: Error }): void {
    if (job.signal && job.onAbort) job.signal.removeEventListener('abort', job.onAbort);
    const file = job.database.file;
    if ('error' in outcome) {
      this.notify({ kind: 'failed', task: job.task, file, error: outcome.error });
      job.reject(outcome.error);
    } else {
      this.notify({ kind: 'done', task: job.task, file });
      job.resolve(outcome.value);
    }
  }

  private abort(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, { error: job.signal!.reason as Error });
      return;
    }
    const slot = [...this.slots].find((s) => s.job === job);
    slot?.worker.postMessage({ type: 'abort', id: job.id } satisfies ToWorker);
  }

  private idle(slot: Slot): void {
    slot.worker.unref();
    if (this.options.idleMs === undefined) return;
    slot.idleTimer = setTimeout(() => void this.stop(slot), this.options.idleMs);
    slot.idleTimer.unref();
  }

  /** Ends an idle worker's thread (terminated if it does not end within 10 s). */
  private async stop(slot: Slot): Promise<void> {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.closing = true;
    slot.worker.ref();
    slot.worker.postMessage({ type: 'close' } satisfies ToWorker);
    const late = setTimeout(() => void slot.worker.terminate(), 10_000);
    late.unref();
    await slot.exited;
    clearTimeout(late);
  }

  private wakeIdleWaiters(): void {
    for (const wake of this.idleWaiters.splice(0)) wake();
  }
}

const shared = new Map<string, WorkerPool>();

/**
 * The process's pool for one lane and worker script: a desk runs one core, but the tests open a core per test, and a
 * worker costs seconds of loading the modules; they share the workers, each core's tasks naming its file.
 */
export function sharedPool(options: PoolOptions): WorkerPool {
  const key = `${options.name}|${options.script.describe}`;
  let pool = shared.get(key);
  if (!pool) {
    pool = new WorkerPool(options);
    shared.set(key, pool);
  }
  return pool;
}

/** One core's runner over a (shared) pool: its tasks read its database file. */
export class PoolClient implements TaskRunner {
  readonly mode = 'threads' as const;

  constructor(
    readonly pool: WorkerPool,
    private readonly database: DatabaseRef,
  ) {}

  run<K extends TaskName>(task: K, payload: TaskPayload<K>, options: RunOptions<K>): Promise<TaskResult<K>> {
    return this.pool.run(task, payload, { ...options, database: this.database });
  }

  quiesce<T>(work: () => Promise<T>): Promise<T> {
    return this.pool.hold(this.database.file, work);
  }

  observe(listener: (note: RunnerNote) => void): () => void {
    return this.pool.observe((note) => {
      if (note.file === this.database.file) listener(note);
    });
  }

  close(): Promise<void> {
    return this.pool.release(this.database.file, true);
  }
}
