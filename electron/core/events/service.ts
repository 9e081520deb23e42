import type { LiveChange } from '../../../shared/domain/live-areas';
import type { CoreDeps } from '../context';
import { AppError } from '../errors';
import { sessionStillOpen } from '../users/sessions/service';

/** The session a stream was opened for: the stream lives no longer than it (issue 14). */
export interface StreamSession {
  token: string;
  userId: number;
}

function sessionEnded(): AppError {
  return new AppError('UNAUTHENTICATED', [{ reason: 'session.expired' }]);
}

/**
 * The changes published on the core's bus from the moment of the call, until the listener goes away (its window
 * closed, signed out, lost the connection). Listening starts at once, not at the first read, so no change made between
 * the call and the first read is lost, whatever the transport. Changes that arrive while the desk is still reading
 * the previous one wait in order. The bus listener is removed however the stream ends, including while it waits for
 * the next change or was never read at all: the abort wakes it.
 *
 * The stream belongs to the session that opened it: when that session ends (signed out, its password changed or
 * reset, the database restored) the stream fails at once with UNAUTHENTICATED, and before each change is told the
 * session is checked again without counting as a call (so a busy stream never keeps an idle desk signed in, and a
 * session past its 12 hours or idle limit, or of an account no longer active, is told nothing more).
 */
export function changes(
  deps: CoreDeps,
  signal: AbortSignal | undefined,
  session: StreamSession,
): AsyncGenerator<LiveChange, void, void> {
  const queue: LiveChange[] = [];
  let ended = false;
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
  const forget = deps.events.holdStream({
    ...session,
    end: () => {
      ended = true;
      queue.length = 0;
      unsubscribe();
      wakeUp();
    },
  });
  const stop = () => {
    unsubscribe();
    forget();
    wakeUp();
  };
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted) stop();

  async function* stream(): AsyncGenerator<LiveChange, void, void> {
    try {
      while (!signal?.aborted) {
        if (ended) throw sessionEnded();
        const next = queue.shift();
        if (next) {
          if (!(await sessionStillOpen(deps, session.token))) throw sessionEnded();
          // Ended while it was being checked: nothing more is told.
          if (ended) throw sessionEnded();
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
      forget();
    }
  }
  return stream();
}
