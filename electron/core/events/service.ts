import type { LiveChange } from '../../../shared/domain/live-areas';
import type { CoreDeps } from '../context';

/**
 * The changes published on the core's bus from the moment of the call, until the listener goes away (its window
 * closed, signed out, lost the connection). Listening starts at once, not at the first read, so no change made between
 * the call and the first read is lost, whatever the transport. Changes that arrive while the desk is still reading
 * the previous one wait in order. The bus listener is removed however the stream ends, including while it waits for
 * the next change or was never read at all: the abort wakes it.
 */
export function changes(deps: CoreDeps, signal: AbortSignal | undefined): AsyncGenerator<LiveChange, void, void> {
  const queue: LiveChange[] = [];
  let wake: (() => void) | null = null;
  const wakeUp = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  const unsubscribe = deps.events.subscribe((change) => {
    queue.push(change);
    wakeUp();
  });
  const stop = () => {
    unsubscribe();
    wakeUp();
  };
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted) stop();

  async function* stream(): AsyncGenerator<LiveChange, void, void> {
    try {
      while (!signal?.aborted) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      signal?.removeEventListener('abort', stop);
      unsubscribe();
    }
  }
  return stream();
}
