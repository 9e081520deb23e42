import type { ImportFileFormat } from '../../../shared/contract/imports';
import type { CoreDeps } from '../context';
import { readFileRows, type TextEncoding } from './file-rows';
import { breathe, type SourceRow } from './reader';

/**
 * The import engine's run: a file's rows read from disk batch by batch, each batch handed to the import's own handler,
 * which judges every row and, in a commit, writes it; a commit's batch is one transaction (all of its rows or none),
 * so a cancel, a crash or a failure never leaves half a batch written. Between two batches the other desks are
 * answered, progress is told and a cancel is heard.
 */

/** Rows written per transaction: long enough to be quick, short enough that no desk waits long for one. */
export const WRITE_BATCH_ROWS = 1_000;

export interface BatchRunPlan {
  path: string;
  format: ImportFileFormat;
  encoding?: TextEncoding;
  /** True: each batch is written in its own transaction; false: a dry run, judged only. */
  commit: boolean;
  /** The header row, before any data row (it may throw to refuse the file). */
  onHeader: (cells: string[]) => void;
  /** Judges (and, when `write`, writes) a batch of data rows; runs inside the batch's transaction in a commit. */
  onBatch: (rows: SourceRow[], write: boolean) => void;
  /** Rows read so far, after each batch. */
  onProgress: (rows: number) => void;
  /** Asked between batches: true stops the run after the batch just done. */
  cancelled: () => boolean;
  batchRows?: number;
}

export interface BatchRunResult {
  /** Data rows read (the header and blank rows not counted). */
  rows: number;
  /** Data rows of the batches committed (0 in a dry run). */
  committedRows: number;
  /** The header, or null for a file without any row. */
  header: string[] | null;
  cancelled: boolean;
}

export async function runInBatches(deps: CoreDeps, plan: BatchRunPlan): Promise<BatchRunResult> {
  const size = plan.batchRows ?? WRITE_BATCH_ROWS;
  let header: string[] | null = null;
  let rows = 0;
  let committedRows = 0;
  for await (const read of readFileRows(plan.path, plan.format, { encoding: plan.encoding })) {
    let data = read;
    if (!header) {
      header = data[0]!.cells.map((cell) => cell.trim());
      plan.onHeader(header);
      data = data.slice(1);
    }
    for (let at = 0; at < data.length; at += size) {
      if (plan.cancelled()) return { rows, committedRows, header, cancelled: true };
      const batch = data.slice(at, at + size);
      if (plan.commit) {
        await deps.db.transaction().execute(async () => {
          plan.onBatch(batch, true);
        });
        committedRows += batch.length;
      } else {
        plan.onBatch(batch, false);
      }
      rows += batch.length;
      plan.onProgress(rows);
      await breathe();
    }
  }
  return { rows, committedRows, header, cancelled: false };
}

/** The runs under way, by key, each with the switch its cancel turns. */
const running = new WeakMap<CoreDeps['db'], Map<string, AbortController>>();

/** Marks a run as under way (refused with false when the key already runs); `end` forgets it. */
export function startRun(deps: CoreDeps, key: string): { signal: AbortSignal; end: () => void } | null {
  let runs = running.get(deps.db);
  if (!runs) {
    runs = new Map();
    running.set(deps.db, runs);
  }
  if (runs.size > 0) return null;
  const control = new AbortController();
  runs.set(key, control);
  return {
    signal: control.signal,
    end: () => {
      if (runs.get(key) === control) runs.delete(key);
    },
  };
}

/** Asks the run under `key` to stop after its current batch; false when none runs. */
export function cancelRun(deps: CoreDeps, key: string): boolean {
  const control = running.get(deps.db)?.get(key);
  if (!control) return false;
  control.abort();
  return true;
}
