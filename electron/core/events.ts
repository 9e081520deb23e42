import type { LiveChange } from '../../shared/domain/live-areas';

type Listener = (change: LiveChange) => void;

/** A stream held open for one session: ended when the session ends (see ChangeBus.endStreams). */
export interface SessionStream {
  token: string;
  userId: number;
  end(): void;
}

/** Which sessions ended: one (signed out), a user's but the one that changed the password, or every one (restore). */
export type EndedSessions = { token: string } | { userId: number; keepToken: string | null } | 'all';

/**
 * The core's changes, told to every desk that listens (the events.changes stream). In memory: one core serves all
 * desks of a dealership. Services publish after their transaction committed, never inside it, so a desk never reads
 * again before the change is there to read.
 */
export class ChangeBus {
  private readonly listeners = new Set<Listener>();
  private readonly streams = new Set<SessionStream>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(change: LiveChange): void {
    for (const listener of this.listeners) listener(change);
  }

  /** A stream of a session, ended when that session ends; the returned function forgets it (the stream closed). */
  holdStream(stream: SessionStream): () => void {
    this.streams.add(stream);
    return () => this.streams.delete(stream);
  }

  /**
   * Ends the streams of sessions that just ended, at once: a signed-out desk (or whoever holds its token) is told
   * nothing more. Expiry and anything else are caught too when the next change is told (events/service.ts).
   */
  endStreams(ended: EndedSessions): void {
    for (const stream of [...this.streams]) {
      const matches =
        ended === 'all' ||
        ('token' in ended ? stream.token === ended.token : stream.userId === ended.userId && stream.token !== ended.keepToken);
      if (matches) {
        this.streams.delete(stream);
        stream.end();
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
