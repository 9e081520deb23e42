import type { CoreDeps } from '../context';
import { optimizeStatistics } from '../db/migrate';
import { backupIfDue } from './service';

const HOUR_MS = 60 * 60 * 1000;

export interface BackupSchedule {
  /** One check now (the timer's work): backs up when the last good backup is a day old. */
  check(): Promise<void>;
  stop(): void;
}

/**
 * The daily backup, started by each shell: a check at start and every hour, so a desk switched on after a night off
 * backs up within the hour, and one left running backs up once a day. The timer never keeps the process alive.
 * Nothing here is awaited: the copy and its check run in the maintenance worker, so the first start of a day answers
 * the desks as fast as any other (a ten-year file took 53 s to copy and check on the core's thread).
 */
export function startBackupSchedule(deps: CoreDeps, everyMs = HOUR_MS): BackupSchedule {
  const check = async (): Promise<void> => {
    try {
      await backupIfDue(deps);
    } catch (error) {
      console.error('[core] daily backup failed', error);
    }
  };
  void check();
  const timer = setInterval(() => {
    // The planner's statistics follow the data as it grows (sampled: a few ms, so it may run on the core's thread).
    try {
      optimizeStatistics(deps.sqlite);
    } catch (error) {
      console.error('[core] PRAGMA optimize failed', error);
    }
    void check();
  }, everyMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
