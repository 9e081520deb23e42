import type { CoreDeps } from '../context';
import { prepareToday } from './service';

const HOUR_MS = 60 * 60 * 1000;

export interface FollowupSchedule {
  /** One run now (the timer's work): makes the day's lapsed and reminder calls unless they are made already. */
  check(): Promise<void>;
  stop(): void;
}

/**
 * The day's follow-up calls prepared before anyone asks, started by each shell with the backups' schedule: a run at
 * start and every hour, so the first run after desk midnight makes the day's calls while the queue is still closed.
 * The queue still makes them itself if it comes first (a PC switched on at 8:00 and the queue opened at once). The
 * timer never keeps the process alive; the reading runs in a read worker.
 */
export function startFollowupSchedule(deps: CoreDeps, everyMs = HOUR_MS): FollowupSchedule {
  const check = async (): Promise<void> => {
    try {
      await prepareToday(deps);
    } catch (error) {
      console.error("[core] preparing the day's follow-up calls failed", error);
    }
  };
  void check();
  const timer = setInterval(() => void check(), everyMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
