import type { CoreDeps } from '../context';
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
  const timer = setInterval(() => void check(), everyMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
