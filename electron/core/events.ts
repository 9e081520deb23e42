import type { LiveChange } from '../../shared/domain/live-areas';

type Listener = (change: LiveChange) => void;

/**
 * The core's changes, told to every desk that listens (the events.changes stream). In memory: one core serves all
 * desks of a dealership. Services publish after their transaction committed, never inside it, so a desk never reads
 * again before the change is there to read.
 */
export class ChangeBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(change: LiveChange): void {
    for (const listener of this.listeners) listener(change);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
