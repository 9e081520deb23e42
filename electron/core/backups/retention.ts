import type { BackupKind } from '../../../shared/contract/backups';
import { addDays, wallClock } from '../../../shared/domain/desk-time';

/**
 * What is kept (days, weeks and months on the desk's clock):
 * - daily (automatic) backups that passed their check: the newest of each of the last 7 days that have one, of each
 *   of the last 4 weeks (Monday to Sunday) and of each of the last 12 months, so a year of history costs about 20 files;
 * - a daily backup that failed its check is never worth keeping;
 * - the newest 10 manual backups and the newest 5 before-restore copies, whatever their age.
 * Files the core never recorded (copied in by hand) are left alone.
 */
export const RETENTION = { daily: 7, weekly: 4, monthly: 12, manual: 10, beforeRestore: 5 } as const;

export interface RetainedEntry {
  name: string;
  kind: BackupKind;
  createdAt: string;
  verified: boolean;
}

function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The newest entry of each of the first `count` buckets, newest first. */
function newestPerBucket(entries: readonly RetainedEntry[], count: number, bucket: (day: string) => string): string[] {
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = bucket(wallClock(new Date(entry.createdAt)).day);
    if (seen.has(key)) continue;
    if (seen.size === count) break;
    seen.add(key);
    kept.push(entry.name);
  }
  return kept;
}

function newestFirst(entries: readonly RetainedEntry[]): RetainedEntry[] {
  return [...entries].sort((a, b) =>
    a.createdAt === b.createdAt ? b.name.localeCompare(a.name) : b.createdAt.localeCompare(a.createdAt),
  );
}

/** The names to delete, given every recorded backup. Pure: the tests give it dates. */
export function backupsToPrune(entries: readonly RetainedEntry[]): string[] {
  const daily = newestFirst(entries.filter((e) => e.kind === 'daily' && e.verified));
  const keep = new Set([
    ...newestPerBucket(daily, RETENTION.daily, (day) => day),
    ...newestPerBucket(daily, RETENTION.weekly, mondayOf),
    ...newestPerBucket(daily, RETENTION.monthly, (day) => day.slice(0, 7)),
    ...newestFirst(entries.filter((e) => e.kind === 'manual'))
      .slice(0, RETENTION.manual)
      .map((e) => e.name),
    ...newestFirst(entries.filter((e) => e.kind === 'before-restore'))
      .slice(0, RETENTION.beforeRestore)
      .map((e) => e.name),
  ]);
  return entries.filter((e) => !keep.has(e.name)).map((e) => e.name);
}
