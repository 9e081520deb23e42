/** Where the core reads the time: the system clock on a desk, a settable one in tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: tests set the time the way a user lives through days. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(iso: string) {
    this.current = new Date(iso);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * The system clock moved forward by a settable amount: end-to-end tests live through days (a day-3 follow-up call)
 * while the browser and the session keep running in real time.
 */
export class ShiftedClock implements Clock {
  private shiftMs = 0;
  now(): Date {
    return new Date(Date.now() + this.shiftMs);
  }
  advanceDays(days: number): void {
    this.shiftMs += days * 24 * 60 * 60 * 1000;
  }
}

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}
