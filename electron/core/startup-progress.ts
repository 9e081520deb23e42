import { implement } from '@orpc/server';
import { contract } from '../../shared/contract';
import type { StartupStatusDto } from '../../shared/contract/settings';
import type { UpgradeProgress } from './db/migrate';

/**
 * What the core is doing before it can serve: opening, or upgrading a file (a ten-year database takes a minute or
 * two to index and summarise). The shells listen before the core is open and answer `settings.startupStatus` from
 * here, so the desk shows a progress bar instead of a dead window; the server prints the same to its console.
 */
export class StartupProgress {
  private upgrade: UpgradeProgress | null = null;
  private readonly listeners = new Set<(progress: UpgradeProgress) => void>();

  /** Pass to openCore's `onUpgradeProgress`. */
  readonly report = (progress: UpgradeProgress): void => {
    this.upgrade = progress;
    for (const listener of this.listeners) listener(progress);
  };

  onChange(listener: (progress: UpgradeProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): StartupStatusDto {
    const upgrade = this.upgrade;
    if (!upgrade) return { ready: false, upgrade: { phase: 'open', migration: null, done: 0, total: 0, percent: 0 } };
    const percent = upgrade.total > 0 ? Math.min(100, Math.floor((upgrade.done / upgrade.total) * 100)) : 0;
    return {
      ready: false,
      upgrade: { phase: upgrade.phase, migration: upgrade.migration ?? null, done: upgrade.done, total: upgrade.total, percent },
    };
  }
}

/**
 * The only procedure served while the core opens. It runs without the core's gate (no database to read a session
 * from yet): it is public and tells nothing but progress.
 */
export function openingRouter(progress: StartupProgress) {
  const os = implement(contract);
  return { settings: { startupStatus: os.settings.startupStatus.handler(() => progress.status()) } };
}

/** One console line for an upgrade step (the server's console; throttled by the caller). */
export function describeUpgrade(progress: UpgradeProgress): string {
  const step = progress.migration ? ` ${progress.migration}` : '';
  if (progress.phase === 'copy')
    return `Upgrading the database: copying the file aside first${progress.done ? ' (done)' : '...'}`;
  if (progress.phase === 'optimize') return 'Upgrading the database: refreshing the planner statistics';
  if (progress.phase === 'schema') return `Upgrading the database: schema${step}`;
  const percent = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 100;
  return `Upgrading the database: filling${step} ${percent}% (${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')})`;
}
