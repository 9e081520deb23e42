import type { z } from 'zod';
import {
  MAX_LISTED_OUTCOMES,
  type DmsRowReport,
  type DmsRunEvent,
  type DmsRunSummary,
  type runInput,
} from '../../../shared/contract/dms-import';
import { dmsMappingProblem, type DmsImportKind, type DmsMapping } from '../../../shared/domain/dms-import';
import { headerSignature } from '../../../shared/domain/import-mapping';
import type BetterSqlite3 from 'better-sqlite3';
import type { Actor, CoreDeps } from '../context';
import { AppError, fail, notFound } from '../errors';
import { absolutePath } from '../files-folder';
import { cancelRun, runInBatches, startRun } from '../imports/batch-runner';
import { EventQueue } from '../imports/event-queue';
import { factHold } from '../imports/held-facts';
import type { TextEncoding } from '../imports/file-rows';
import { customersJudge } from './customers';
import type { RowJudge } from './judge';
import { orderLinesJudge } from './order-lines';
import { ordersJudge } from './orders';
import * as repo from './repository';
import { vehiclesJudge } from './vehicles';

// A prepared export of the previous DMS run through the import engine: judged (a dry run) or written batch by batch.

const JUDGES: Record<
  DmsImportKind,
  (sqlite: BetterSqlite3.Database, actor: Actor, now: string, mapping: DmsMapping) => RowJudge
> = {
  customers: customersJudge,
  vehicles: vehiclesJudge,
  orders: ordersJudge,
  orderLines: orderLinesJudge,
};

/** Refused rows kept for the screen's list and the spreadsheet (the count covers them all): a whole file refused stays small. */
const MAX_KEPT_REFUSALS = 100_000;
/** Progress is told at most once per this many rows. */
const PROGRESS_EVERY = 5_000;
/** The kinds whose rows write ROs: their report facts and 三包 signals are recomputed once per batch (imports/held-facts.ts). */
const WRITES_ROS: Record<DmsImportKind, boolean> = { customers: false, vehicles: false, orders: true, orderLines: true };
/** The areas whose screens read again after a commit. */
const CHANGED_AREAS = { customers: null, vehicles: null, orders: 'repairOrders', orderLines: 'repairOrders' } as const;

const runKey = (importId: number) => `dms:${importId}`;

/** Stops the import's run after its current batch. */
export function cancel(deps: CoreDeps, input: { importId: number }): { cancelled: boolean } {
  return { cancelled: cancelRun(deps, runKey(input.importId)) };
}

/** Streams a run's progress and its summary (see the contract's `dmsImport.run`). */
export function run(deps: CoreDeps, actor: Actor, input: z.output<typeof runInput>): AsyncGenerator<DmsRunEvent, void, void> {
  const queue = new EventQueue<DmsRunEvent>();
  work(deps, actor, input, queue).then(
    (summary) => {
      queue.push(summary);
      queue.end();
    },
    (error: unknown) => queue.end({ error }),
  );
  return queue.drain();
}

/** The same run, to its summary, without the stream (the bench and the tests' helper). */
export async function runToEnd(deps: CoreDeps, actor: Actor, input: z.output<typeof runInput>): Promise<DmsRunSummary> {
  let summary: DmsRunSummary | null = null;
  for await (const event of run(deps, actor, input)) if (event.kind === 'summary') summary = event;
  if (!summary) throw new Error('dms import: no summary');
  return summary;
}

async function work(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof runInput>,
  queue: EventQueue<DmsRunEvent>,
): Promise<DmsRunSummary> {
  const record = await repo.findImport(deps.db, input.importId);
  if (!record) notFound('dmsImport');
  if (record.kind !== input.kind) fail('INVALID_INPUT', 'dmsImport.kindMismatch', 'kind');
  const control = startRun(deps, runKey(record.id));
  if (!control) fail('CONFLICT', 'dmsImport.running', 'importId');
  const mapping = input.mapping as DmsMapping;
  const now = deps.clock.now().toISOString();
  const judge = JUDGES[record.kind](deps.sqlite, actor, now, mapping);
  const facts = input.commit && WRITES_ROS[record.kind] ? factHold(deps.db, deps.sqlite) : null;
  // A run that read this file to its end (a dry run, a commit) counted its rows: the next run of it tells progress
  // against that count. A first run of the file does not know it (counting would mean reading the file twice).
  const total = record.status === 'checked' || record.status === 'committed' ? record.rows : null;
  const counts = { created: 0, updated: 0, unchanged: 0, refused: 0 };
  const outcomes: DmsRowReport[] = [];
  const refusals: { line: number; reason: string; field: string; row_key: string; cells_json: string }[] = [];
  let header: string[] = [];
  let lastTold = 0;
  try {
    if (input.commit) await repo.setStatus(deps.db, record.id, 'running');
    queue.push({ kind: 'progress', phase: input.commit ? 'writing' : 'reading', done: 0, total });
    const result = await runInBatches(deps, {
      path: absolutePath(deps.filesDir, record.stored_path),
      format: record.format,
      encoding: (record.encoding as TextEncoding | null) ?? undefined,
      commit: input.commit,
      cancelled: () => control.signal.aborted,
      onHeader: (cells) => {
        header = cells;
        const problem = dmsMappingProblem(record.kind, mapping, cells.length);
        if (problem) fail('INVALID_INPUT', problem.reason, `mapping.${problem.target}`);
      },
      onBatch: (rows, write) => {
        if (write) facts?.hold();
        for (const row of rows) {
          const judged = judge.judge(row.cells, write);
          counts[judged.outcome] += 1;
          if (judged.outcome === 'refused' && refusals.length < MAX_KEPT_REFUSALS) {
            refusals.push({
              line: row.line,
              reason: judged.reason,
              field: judged.field,
              row_key: judged.key,
              cells_json: JSON.stringify(row.cells),
            });
          }
          if (outcomes.length < MAX_LISTED_OUTCOMES) outcomes.push({ line: row.line, ...judged });
        }
        if (write) facts?.release();
      },
      onProgress: (done) => {
        if (done - lastTold < PROGRESS_EVERY) return;
        lastTold = done;
        queue.push({ kind: 'progress', phase: input.commit ? 'writing' : 'reading', done, total });
      },
    });
    const written = input.commit ? result.committedRows - counts.refused - counts.unchanged : 0;
    const summary: DmsRunSummary = {
      kind: 'summary',
      rows: result.rows,
      ...counts,
      written: Math.max(0, written),
      outcomes,
      committed: input.commit && !result.cancelled,
      cancelled: result.cancelled,
    };
    await deps.db.transaction().execute(async (trx) => {
      await repo.clearRefusals(trx, record.id);
      await repo.insertRefusals(
        trx,
        refusals.map((row) => ({ import_id: record.id, ...row })),
      );
      await repo.recordRun(trx, record.id, {
        // A stopped run read only part of the file: its row count is not the file's.
        status: result.cancelled ? 'cancelled' : input.commit ? 'committed' : 'checked',
        rows: result.rows,
        created: counts.created,
        matched: counts.updated,
        unchanged: counts.unchanged,
        refused: counts.refused,
        written: summary.written,
        finished_at: deps.clock.now().toISOString(),
        mapping_json: JSON.stringify({ mapping, header }),
      });
      if (input.commit && header.length > 0)
        await repo.rememberMapping(trx, record.kind, headerSignature(header), JSON.stringify(mapping), actor.id, now);
    });
    queue.push({ kind: 'progress', phase: input.commit ? 'writing' : 'reading', done: result.rows, total: result.rows });
    return summary;
  } catch (error) {
    if (input.commit) {
      await repo.setStatus(deps.db, record.id, 'interrupted').catch(() => undefined);
    }
    if (error instanceof AppError) throw error;
    console.error('[core] DMS import failed', error);
    return fail('INTERNAL', 'dmsImport.interrupted', 'importId');
  } finally {
    control.end();
    if (input.commit) {
      const area = CHANGED_AREAS[record.kind];
      if (area) deps.events.publish({ area });
    }
  }
}
