// A run's events queued for its listener, the run never waiting for it.

/**
 * Events from an import to whoever listens, without the import ever waiting for the listener (it may hold the
 * write transaction): progress events not yet read are replaced by the newer one, every other event always arrives.
 */
export class EventQueue<E extends { kind: string } = { kind: string }> {
  private readonly items: E[] = [];
  private wake: (() => void) | null = null;
  private finished = false;
  private failure: { error: unknown } | null = null;

  push(event: E): void {
    const last = this.items[this.items.length - 1];
    if (event.kind === 'progress' && last?.kind === 'progress') this.items[this.items.length - 1] = event;
    else this.items.push(event);
    this.wakeUp();
  }

  end(failure?: { error: unknown }): void {
    this.finished = true;
    this.failure = failure ?? null;
    this.wakeUp();
  }

  private wakeUp(): void {
    const resume = this.wake;
    this.wake = null;
    resume?.();
  }

  async *drain(): AsyncGenerator<E, void, void> {
    for (;;) {
      const next = this.items.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.finished) {
        if (this.failure) throw this.failure.error;
        return;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
}
