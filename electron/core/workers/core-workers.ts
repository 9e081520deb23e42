import type { CoreDeps } from '../context';
import { InProcessRunner } from './in-process';
import { PoolClient, sharedPool, type TaskRunner } from './pool';
import type { DatabaseRef } from './protocol';
import { bundledWorkerScript, sourceWorkerScript } from './script';
import type { TaskEvent, TaskName, TaskPayload, TaskResult } from './tasks';

/**
 * How the core runs its long work (openCore's `workers`): in threads (the default), from the bundled worker file the
 * shells name (`script`) or from the sources; or, explicitly, on its own thread (`'in-process'`).
 */
export type WorkersOption = 'in-process' | { script?: string; warm?: boolean };

/** The core's two runners: long reads, and backups (so a backup never waits behind a report, nor a report behind it). */
export interface CoreWorkers {
  reads: TaskRunner;
  maintenance: TaskRunner;
  close(): Promise<void>;
}

/**
 * Two readers: a clerk's check of a 300,000-line price file takes seconds, and a manager's dashboard must not queue
 * behind it (nor behind a stock export). Even on a two-core desk: the thread that answers the desks mostly waits,
 * so the scheduler hands it the CPU as soon as a call comes in.
 */
export const READERS = 2;

/** A read worker takes a second or more to load the core's modules: startCore (the shells, the e2e desks) starts one while the desk opens. */
const WARM_AFTER_MS = 1000;

export function startWorkers(deps: () => CoreDeps, database: DatabaseRef, option: WorkersOption = {}): CoreWorkers {
  if (option === 'in-process') {
    const runner = new InProcessRunner(deps);
    return { reads: runner, maintenance: runner, close: () => runner.close() };
  }
  const script = option.script ? bundledWorkerScript(option.script) : sourceWorkerScript();
  const readPool = sharedPool({ name: 'reads', size: READERS, script });
  // A backup a day: its thread ends a minute after it.
  const maintenancePool = sharedPool({ name: 'maintenance', size: 1, script, idleMs: 60_000 });
  if (option.warm) setTimeout(() => readPool.warm(), WARM_AFTER_MS).unref();
  const reads = new PoolClient(readPool, database);
  const maintenance = new PoolClient(maintenancePool, database);
  return {
    reads,
    maintenance,
    close: async () => {
      await Promise.all([reads.close(), maintenance.close()]);
    },
  };
}

/** A long read, off the thread that answers calls: the router has checked the caller; the task reads as of now. */
export function inReadWorker<K extends TaskName>(deps: CoreDeps, task: K, payload: TaskPayload<K>): Promise<TaskResult<K>> {
  return deps.workers.reads.run(task, payload, { now: deps.clock.now() });
}

/**
 * A long task of the reads pool that tells its progress, as a stream: its events as they come (a progress event not
 * yet read is replaced by the newer one, so a slow listener never holds the worker back), then its result. A listener
 * that stops reading (or `signal`) asks the task to stop; `onEnd` is called once the task has really ended (a task
 * past the point of stopping, such as an import writing, ends later than its listener).
 */
export async function* streamFromWorker<K extends TaskName>(
  deps: CoreDeps,
  task: K,
  payload: TaskPayload<K>,
  options: { signal?: AbortSignal | undefined; onEnd?: () => void } = {},
): AsyncGenerator<TaskEvent<K> | TaskResult<K>, void, void> {
  const { signal } = options;
  const pending: TaskEvent<K>[] = [];
  let wake: (() => void) | null = null;
  const wakeUp = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  const stop = new AbortController();
  const forward = () => stop.abort(signal?.reason);
  signal?.addEventListener('abort', forward, { once: true });
  let outcome: { value: TaskResult<K> } | { error: unknown } | null = null;
  deps.workers.reads
    .run(task, payload, {
      now: deps.clock.now(),
      signal: stop.signal,
      onEvent: (event) => {
        const last = pending[pending.length - 1] as { kind?: string } | undefined;
        if (last?.kind === 'progress' && (event as { kind?: string }).kind === 'progress') pending[pending.length - 1] = event;
        else pending.push(event);
        wakeUp();
      },
    })
    .then(
      (value) => (outcome = { value }),
      (error: unknown) => (outcome = { error }),
    )
    .finally(() => {
      options.onEnd?.();
      wakeUp();
    });
  try {
    for (;;) {
      const next = pending.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      const done = outcome as { value: TaskResult<K> } | { error: unknown } | null;
      if (done) {
        if ('error' in done) throw done.error;
        yield done.value;
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    signal?.removeEventListener('abort', forward);
    if (!outcome) stop.abort(new Error('the listener went away'));
  }
}
