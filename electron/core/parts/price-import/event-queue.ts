import type { ImportRunEvent } from '../../../../shared/contract/parts/price-import';

// The import's events queued for its listener, the import never waiting for it.

/**
 * Events from the import to whoever listens, without the import ever waiting for the listener (it may hold the
 * write transaction): progress events not yet read are replaced by the newer one, the summary always arrives.
 */
export class EventQueue {
  private readonly items: ImportRunEvent[] = [];
  private wake: (() => void) | null = null;
  private finished = false;
  private failure: { error: unknown } | null = null;

  push(event: ImportRunEvent): void {
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

  async *drain(): AsyncGenerator<ImportRunEvent, void, void> {
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
