import type { CoreDeps } from '../context';
import type { RunnerNote, RunOptions, TaskRunner } from './pool';
import { TASKS, type TaskContext, type TaskName, type TaskPayload, type TaskResult } from './tasks';

/**
 * The same tasks on the core's own thread and connection, as before workers existed: chosen explicitly
 * (`openCore({ workers: 'in-process' })`) where threads are not wanted, never as a silent fallback. A long task then
 * holds every desk again, which is why the shells never choose it.
 */
export class InProcessRunner implements TaskRunner {
  readonly mode = 'in-process' as const;
  private readonly observers = new Set<(note: RunnerNote) => void>();

  /** `deps()`: the core's deps as they are now (a restore swaps the connection in place). */
  constructor(private readonly deps: () => CoreDeps) {}

  async run<K extends TaskName>(task: K, payload: TaskPayload<K>, options: RunOptions<K>): Promise<TaskResult<K>> {
    const at = options.now;
    const file = this.deps().database.file;
    const abort = new AbortController();
    const forward = () => abort.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', forward, { once: true });
    const ctx: TaskContext = {
      deps: () => ({ ...this.deps(), clock: { now: () => new Date(at) } }),
      emit: (event) => {
        options.onEvent?.(event as never);
        this.notify({ kind: 'event', task, file, event });
      },
      signal: abort.signal,
    };
    this.notify({ kind: 'start', task, file });
    try {
      const value = (await (TASKS[task] as (ctx: TaskContext, payload: unknown) => Promise<unknown>)(
        ctx,
        payload,
      )) as TaskResult<K>;
      this.notify({ kind: 'done', task, file });
      return value;
    } catch (error) {
      this.notify({ kind: 'failed', task, file, error: error as Error });
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', forward);
    }
  }

  async quiesce<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  observe(listener: (note: RunnerNote) => void): () => void {
    this.observers.add(listener);
    return () => this.observers.delete(listener);
  }

  async close(): Promise<void> {}

  private notify(note: RunnerNote): void {
    for (const listener of this.observers) listener(note);
  }
}
