/**
 * Issue 13, point 4: upgrading a dealership that already has ten years. The base file (schema 21, before the new
 * migrations) is copied, then opened with the core, which runs migrations 22+ and their backfills as it does at a
 * desk's start-up; the whole is timed against the 2-minute budget, and each step (copy aside, each migration's
 * schema and backfill, statistics) is timed from the core's own progress reports. The upgraded copy is then the
 * database every other case runs on.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openCore, type Core, type CoreOptions } from '../../electron/core/core';
import { figuresOf, type Figures } from './harness';

export interface UpgradeStep {
  step: string;
  ms: number;
  /** This process's CPU time in the step (user + system): the machine is shared, so wall time alone says little. */
  cpuMs: number;
}

/** CPU time of this process so far, ms (the core runs the upgrade on this thread; its workers start after it). */
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

export interface UpgradeResult {
  core: Core;
  fromVersion: number;
  toVersion: number;
  fileBytes: number;
  copyMs: number;
  openMs: number;
  steps: UpgradeStep[];
  figures: Figures[];
}

function schemaVersion(file: string): number {
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return Number(sqlite.pragma('user_version', { simple: true }));
  } finally {
    sqlite.close();
  }
}

/** Removes a work file with its WAL, shared memory, backups of the upgrade and the data folder's backups. */
export function removeWorkFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
  if (existsSync(dirname(file))) {
    for (const name of readdirSync(dirname(file))) {
      if (name.startsWith(`${basename(file)}.before-schema-`)) rmSync(join(dirname(file), name), { force: true });
    }
  }
  rmSync(join(dirname(file), 'backups'), { recursive: true, force: true });
  rmSync(join(dirname(file), 'files'), { recursive: true, force: true });
}

export async function upgradeCopy(base: string, work: string, log: (line: string) => void): Promise<UpgradeResult> {
  if (!existsSync(base)) throw new Error(`no database at ${base}`);
  mkdirSync(dirname(work), { recursive: true });
  removeWorkFile(work);
  const copyStarted = performance.now();
  copyFileSync(base, work);
  // A base left with a WAL (copied while open) needs it too; the generator closes its files, so usually none.
  if (existsSync(`${base}-wal`)) copyFileSync(`${base}-wal`, `${work}-wal`);
  const copyMs = performance.now() - copyStarted;
  const fileBytes = statSync(work).size;
  log(`copied ${base} to ${work} (${(fileBytes / 1e9).toFixed(2)} GB) in ${(copyMs / 1000).toFixed(1)} s`);
  // A dealership's file is on disk when BayDesk starts, not 4.5 GB of dirty pages from a copy made a second ago:
  // without this, the upgrade's first checkpoint (an fsync of the file) would pay for writing the bench's own copy.
  const syncStarted = performance.now();
  for (const name of [work, `${work}-wal`]) {
    if (!existsSync(name)) continue;
    const fd = openSync(name, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  log(`synced the copy to disk in ${((performance.now() - syncStarted) / 1000).toFixed(1)} s (not timed)`);
  const fromVersion = schemaVersion(work);

  // Time each phase from the core's own progress reports: a phase ends where the next one starts.
  const steps: UpgradeStep[] = [];
  let current: { step: string; at: number; cpu: number } | null = null;
  let lastLog = 0;
  const onUpgradeProgress = (progress: { phase: string; migration?: string; done: number; total: number }) => {
    const step = `${progress.phase}${progress.migration ? ` ${progress.migration}` : ''}`;
    const now = performance.now();
    if (current?.step !== step) {
      if (current) steps.push({ step: current.step, ms: now - current.at, cpuMs: cpuMs() - current.cpu });
      current = { step, at: now, cpu: cpuMs() };
    }
    if (now - lastLog > 5000) {
      lastLog = now;
      log(`  upgrade: ${step} ${progress.total > 0 ? `${Math.floor((progress.done / progress.total) * 100)}%` : ''}`);
    }
  };
  log(`opening the copy (schema ${fromVersion}) with the core: migrations and backfills ...`);
  const started = performance.now();
  const cpuStarted = cpuMs();
  const loadBefore = loadavg();
  const options: CoreOptions & { onUpgradeProgress?: typeof onUpgradeProgress } = { file: work, onUpgradeProgress };
  const core = await openCore(options);
  const openMs = performance.now() - started;
  const last = current as { step: string; at: number; cpu: number } | null;
  if (last) steps.push({ step: last.step, ms: started + openMs - last.at, cpuMs: cpuMs() - last.cpu });
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
  for (const step of steps) {
    log(
      `  ${step.step.padEnd(48)} wall ${(step.ms / 1000).toFixed(1).padStart(6)} s  CPU ${(step.cpuMs / 1000).toFixed(1).padStart(6)} s`,
    );
  }
  log(
    `  upgrade in all: wall ${(openMs / 1000).toFixed(1)} s, CPU ${((cpuMs() - cpuStarted) / 1000).toFixed(1)} s ` +
      `(load average before ${load(loadBefore)}, after ${load(loadavg())}; ${cpus().length} cores)`,
  );
  const toVersion = Number(core.deps.sqlite.pragma('user_version', { simple: true }));
  // The core copies a file aside before upgrading it: here the base is the copy that matters, so free the disk.
  for (const name of readdirSync(dirname(work))) {
    if (name.startsWith(`${basename(work)}.before-schema-`)) rmSync(join(dirname(work), name), { force: true });
  }
  const name =
    fromVersion === toVersion
      ? `open at schema ${toVersion} (nothing to upgrade)`
      : `upgrade schema ${fromVersion} -> ${toVersion} (openCore)`;
  const figures = [figuresOf({ name, group: 'upgrade' }, [openMs], [], undefined, `file ${(fileBytes / 1e9).toFixed(2)} GB`)];
  return { core, fromVersion, toVersion, fileBytes, copyMs, openMs, steps, figures };
}
