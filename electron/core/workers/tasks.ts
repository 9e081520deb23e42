import type { ImportRunEvent, ImportSummary } from '../../../shared/contract/parts/price-import';
import { checkBackupFile, copyDatabase, hashFile, type CheckLevel, type CopyProgress } from '../backups/backup-files';
import type { Actor, CoreDeps } from '../context';
import { dueTasks } from '../followup/due-tasks';
import * as priceImport from '../parts/price-import/service';
import { exportStock } from '../parts/stock-export';
import { monthlyCsiExport } from '../reports/csi-report/export';
import * as csiReport from '../reports/csi-report/service';
import * as kpiService from '../reports/kpis/service';
import { moneyExport } from '../reports/money/export';
import * as money from '../reports/money/service';
import * as reports from '../reports/service';
import * as warrantyRisk from '../warranty-risk/service';

/** What a task gets: the worker's read-only deps (its own connection, a clock standing at the call's time), a way
 * to tell the caller its progress, and the caller's abort. */
export interface TaskContext {
  /** Opened on first use: the backup tasks open files of their own and never need it. */
  deps(): CoreDeps;
  emit(event: unknown): void;
  signal: AbortSignal;
}

type PriceImportPayload = { actor: Actor; input: Parameters<typeof priceImport.run>[2] };

/** Runs the import (or its check) to its summary, telling the caller each progress event on the way. */
async function priceImportToSummary(ctx: TaskContext, p: PriceImportPayload, commit: boolean): Promise<ImportSummary> {
  const events: AsyncGenerator<ImportRunEvent> = priceImport.run(ctx.deps(), p.actor, { ...p.input, commit }, ctx.signal);
  for await (const event of events) {
    if (event.kind === 'summary') return event;
    ctx.emit(event);
  }
  throw new Error('price import: no summary');
}

type Task<P, R> = (ctx: TaskContext, payload: P) => Promise<R>;
const task = <P, R>(run: Task<P, R>): Task<P, R> => run;

/** The same input the service takes (already validated by the contract on the core's thread). */
type InputOf<F> = F extends (deps: CoreDeps, input: infer I) => unknown ? I : never;
type ActorInputOf<F> = F extends (deps: CoreDeps, actor: Actor, input: infer I) => unknown ? I : never;

/**
 * Every task a worker can run, by name: long reads (reports, the radar, exports, the price file's check) on the
 * worker's read connection, the price import on a writing connection of its own, and the backup's copy and check on connections of their own. The service functions are
 * called as they are: the worker only gives them other deps, so a task returns exactly what the service returns.
 */
export const TASKS = {
  'reports.kpis': task((ctx, input: InputOf<typeof kpiService.kpis>) => kpiService.kpis(ctx.deps(), input)),
  'reports.kpiTrend': task((ctx, input: InputOf<typeof kpiService.kpiTrend>) => kpiService.kpiTrend(ctx.deps(), input)),
  'reports.monthlyCsi': task((ctx, p: { actor: Actor; input: ActorInputOf<typeof csiReport.monthlyCsi> }) =>
    csiReport.monthlyCsi(ctx.deps(), p.actor, p.input),
  ),
  'reports.monthlyCsiExport': task((ctx, p: { actor: Actor; input: ActorInputOf<typeof monthlyCsiExport> }) =>
    monthlyCsiExport(ctx.deps(), p.actor, p.input),
  ),
  'reports.revenue': task((ctx, input: InputOf<typeof money.revenue>) => money.revenue(ctx.deps(), input)),
  'reports.partsMargin': task((ctx, input: InputOf<typeof money.partsMargin>) => money.partsMargin(ctx.deps(), input)),
  'reports.moneyExport': task((ctx, input: InputOf<typeof moneyExport>) => moneyExport(ctx.deps(), input)),
  'reports.firstTimeFix': task((ctx, input: InputOf<typeof reports.firstTimeFix>) => reports.firstTimeFix(ctx.deps(), input)),
  'reports.efficiency': task((ctx, input: InputOf<typeof reports.efficiency>) => reports.efficiency(ctx.deps(), input)),
  'followup.dueTasks': task((ctx, input: InputOf<typeof dueTasks>) => dueTasks(ctx.deps(), input)),
  'warrantyRisk.radar': task((ctx, input: InputOf<typeof warrantyRisk.radar>) => warrantyRisk.radar(ctx.deps(), input)),
  'parts.exportStock': task((ctx, input: InputOf<typeof exportStock>) => exportStock(ctx.deps(), input)),
  /**
   * The price file's check (importRun with commit false): read, parse, stage in the connection's TEMP table and check
   * against the master, with the progress told as it goes. Nothing is written to the file, so a read-only connection
   * does (TEMP tables live outside the database file).
   */
  'parts.importCheck': task((ctx, p: PriceImportPayload) => priceImportToSummary(ctx, p, false)),
  /**
   * The price import itself (commit true): the same check, then the write in short chunks, on a connection of the
   * worker's own that may write (worker-entry's WRITES_DATABASE). Parsing a 300,000-line file, staging it and every
   * chunk's statements, commit and fsync happen on this thread; the core's thread goes on answering the desks, and a
   * desk's save waits at most for the chunk being committed (its BEGIN IMMEDIATE waits for the write lock). The
   * caller (parts/price-import/router) holds the core's import lock meanwhile and tells the desks when it ends.
   */
  'parts.importCommit': task((ctx, p: PriceImportPayload) => priceImportToSummary(ctx, p, true)),
  'backups.copy': task(async (ctx, p: { source: string; destination: string; nativeBinding?: string }) => {
    await copyDatabase(p.source, p.destination, {
      ...(p.nativeBinding ? { nativeBinding: p.nativeBinding } : {}),
      onProgress: (progress: CopyProgress) => ctx.emit(progress),
    });
  }),
  /** The check, then the file's SHA-256 streamed (issue 14: the signed manifest keeps it; a restore compares it again). */
  'backups.check': task(async (_ctx, p: { file: string; level: CheckLevel; nativeBinding?: string }) => {
    const check = checkBackupFile(p.file, { level: p.level, ...(p.nativeBinding ? { nativeBinding: p.nativeBinding } : {}) });
    return { ...check, sha256: check.problem === 'missing' ? null : await hashFile(p.file) };
  }),
};

export type Tasks = typeof TASKS;
export type TaskName = keyof Tasks;
export type TaskPayload<K extends TaskName> = Parameters<Tasks[K]>[1];
export type TaskResult<K extends TaskName> = Awaited<ReturnType<Tasks[K]>>;

/** What a task tells its caller while it runs (the others tell nothing). */
export interface TaskEvents {
  'backups.copy': CopyProgress;
  'parts.importCheck': Exclude<ImportRunEvent, { kind: 'summary' }>;
  'parts.importCommit': Exclude<ImportRunEvent, { kind: 'summary' }>;
}
export type TaskEvent<K extends TaskName> = K extends keyof TaskEvents ? TaskEvents[K] : never;

export function isTaskName(name: string): name is TaskName {
  return Object.hasOwn(TASKS, name);
}
