import { readFile, rm } from 'node:fs/promises';
import type { z } from 'zod';
import {
  MAX_LISTED_REJECTIONS,
  type ImportPhase,
  type ImportRunEvent,
  type ImportSummary,
  type importRunInput,
} from '../../../../shared/contract/parts/price-import';
import { checkLine, headerSignature, mappingProblem } from '../../../../shared/domain/price-file';
import type { Actor, CoreDeps } from '../../context';
import { AppError, fail, notFound } from '../../errors';
import { absolutePath } from '../../files-folder';
import { breathe, readRows } from '../../imports/reader';
import * as repo from './repository';
import { STAGE_CHUNK, writeInChunks } from './writing';
import { EventQueue } from '../../imports/event-queue';
import { type Rejections, reject, checkSuccessors } from './successor-checks';

// The upload judged and named is prepare.ts; the write in chunks is writing.ts.
export { prepare } from './prepare';
export { writeTuning } from './writing';

/** Progress is told once per this many lines of each phase. */
const PROGRESS_EVERY = 10_000;

/**
 * One import at a time per connection: the stage is one TEMP table of the core's connection and lives outside the
 * write transaction while it is filled, so a second import (another clerk's) waits until the first is done with it.
 */
const stageQueues = new WeakMap<CoreDeps['db'], Promise<void>>();

async function stageLock(deps: CoreDeps): Promise<() => void> {
  const before = stageQueues.get(deps.db) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  stageQueues.set(
    deps.db,
    before.then(() => mine),
  );
  await before;
  return release;
}

/** The listener went away before the import wrote anything: stop and roll back. */
class Abandoned extends Error {}

/**
 * Checks, or imports, a prepared file: streams progress and ends with the summary. The lines are read and checked
 * one by one (number, names, unit, prices, duplicates: the later line is refused), staged, checked against the
 * master (a new part needs its Chinese name; a successor must exist and must not close a loop, across the file and
 * the master), counted, and, when asked and allowed, written. Staging fills a TEMP table (never the database file) in
 * chunks, the other desks answered in between. Every check is done before the first write, so a refused file (or a
 * dry run) leaves the master as it was; the write then goes in short transactions of a chunk each (writeInChunks, writing.ts).
 */
export function run(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof importRunInput>,
  signal?: AbortSignal,
): AsyncGenerator<ImportRunEvent, void, void> {
  const queue = new EventQueue<ImportRunEvent>();
  const stop = new AbortController();
  const abandon = () => stop.abort();
  signal?.addEventListener('abort', abandon, { once: true });
  work(deps, actor, input, queue, stop.signal).then(
    (summary) => {
      queue.push(summary);
      queue.end();
    },
    (error: unknown) => queue.end({ error }),
  );
  async function* stream(): AsyncGenerator<ImportRunEvent, void, void> {
    try {
      yield* queue.drain();
    } finally {
      signal?.removeEventListener('abort', abandon);
      // A listener that stops reading early stops a check; a commit already writing finishes.
      stop.abort();
    }
  }
  return stream();
}

async function work(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof importRunInput>,
  queue: EventQueue<ImportRunEvent>,
  stop: AbortSignal,
): Promise<ImportSummary> {
  const record = await repo.findImport(deps.db, input.importId);
  if (!record) notFound('priceImport');
  if (record.status === 'committed') fail('RULE', 'priceImport.alreadyCommitted', 'importId');
  let bytes: Buffer;
  try {
    bytes = await readFile(absolutePath(deps.filesDir, record.stored_path));
  } catch (error) {
    console.error('[core] price file missing', record.stored_path, error);
    fail('NOT_FOUND', 'priceImport.fileMissing', 'importId');
  }
  const format = record.format;
  const mapping = input.mapping;
  const progress = (phase: ImportPhase, done: number, total: number | null) =>
    queue.push({ kind: 'progress', phase, done, total });
  const checkStop = () => {
    if (stop.aborted) throw new Abandoned('abandoned');
  };

  // Reading: every line parsed and checked on its own; the good ones kept for staging.
  progress('reading', 0, null);
  const rejections: Rejections = { count: 0, list: [] };
  const accepted: repo.StageRow[] = [];
  const firstLine = new Map<string, number>();
  let header: string[] | null = null;
  let lines = 0;
  try {
    for await (const batch of readRows(bytes, format)) {
      checkStop();
      for (const row of batch) {
        if (!header) {
          header = row.cells;
          const problem = mappingProblem(mapping, header.length);
          if (problem) fail('INVALID_INPUT', problem.reason, `mapping.${problem.target}`);
          continue;
        }
        lines += 1;
        const checked = checkLine(row.cells, mapping);
        if (!checked.ok) {
          reject(rejections, row.line, checked.partNumber, checked.reason, checked.target);
          continue;
        }
        const line = checked.line;
        if (firstLine.has(line.partNumber)) {
          reject(rejections, row.line, line.partNumber, 'priceImport.duplicate', 'partNumber');
          continue;
        }
        firstLine.set(line.partNumber, row.line);
        accepted.push({
          line: row.line,
          part_number: line.partNumber,
          name_zh: line.nameZh,
          name_en: line.nameEn,
          brand: line.brand,
          unit: line.unit,
          list_price_fen: line.listPriceFen,
          cost_fen: line.costFen,
          superseded_by: line.supersededBy,
        });
      }
      progress('reading', lines, null);
    }
  } catch (error) {
    if (error instanceof AppError || error instanceof Abandoned) throw error;
    console.warn('[core] price file unreadable', error);
    fail('RULE', 'priceImport.fileUnreadable', 'importId');
  }
  if (!header) fail('RULE', 'priceImport.fileEmpty', 'importId');
  checkStop();

  const now = deps.clock.now().toISOString();
  const signature = headerSignature(header.map((cell) => cell.trim()));
  const total = accepted.length;
  let summary: ImportSummary | null = null;
  const release = await stageLock(deps);
  try {
    if (input.commit) {
      // No import of this core is writing while its import lock is held (price-import/router): a record still 'writing' was
      // cut short by a process that died. Re-read: the same file may have been committed by a run that held it before.
      await repo.interruptStale(deps.db);
      if ((await repo.findImport(deps.db, record.id))?.status === 'committed')
        fail('RULE', 'priceImport.alreadyCommitted', 'importId');
    }
    // Checking: staged in chunks, with a breath between every 5,000 lines. The stage is a TEMP table of this
    // connection, so staging writes nothing to the database file and needs no write transaction: each chunk holds the
    // connection only while it is inserted and linked to the master's parts, and the other desks' calls are answered
    // in between.
    progress('checking', 0, total);
    await deps.db.connection().execute(async (connection) => {
      await repo.createStage(connection);
      await repo.indexStage(connection);
    });
    for (let i = 0; i < total; i += STAGE_CHUNK) {
      checkStop();
      const rows = accepted.slice(i, i + STAGE_CHUNK);
      await deps.db.connection().execute(async (connection) => {
        // One transaction per chunk: it writes the TEMP database only (the main file is not locked), and without it
        // every line would be a commit of its own.
        deps.sqlite.transaction(() => repo.stageRows(connection, deps.sqlite, rows))();
        await repo.linkMaster(connection, { from: rows[0]!.line, to: rows.at(-1)!.line + 1 });
      });
      if ((i + STAGE_CHUNK) % PROGRESS_EVERY === 0 || i + STAGE_CHUNK >= total)
        progress('checking', Math.min(total, i + STAGE_CHUNK), total);
      await breathe();
    }
    checkStop();

    // Every check against the master before the first write, so a refused file writes nothing.
    const refused = new Set<number>();
    await deps.db.transaction().execute(async (trx) => {
      for (const row of await repo.newWithoutName(trx)) {
        reject(rejections, row.line, row.part_number, 'priceImport.nameZhMissing', 'nameZh');
        refused.add(row.line);
      }
      if (mapping.supersededBy !== null) await checkSuccessors(trx, accepted, firstLine, refused, rejections);
      await repo.unstage(trx, [...refused]);
    });
    checkStop();
    const good = accepted.filter((row) => !refused.has(row.line)).map((row) => row.line);
    const counts = { added: 0, changedPrice: 0, changedOther: 0, unchanged: 0 };
    for (let i = 0; i < good.length; i += STAGE_CHUNK) {
      const chunk = await repo.classify(deps.db, { from: good[i]!, to: good[Math.min(good.length, i + STAGE_CHUNK) - 1]! + 1 });
      for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += chunk[key];
      await breathe();
    }

    const write = input.commit && (input.onErrors === 'skip' || rejections.count === 0);
    if (write) {
      await writeInChunks(deps, actor, {
        record,
        good,
        now,
        withSuccessors: mapping.supersededBy !== null,
        counts: {
          lineCount: lines,
          added: counts.added,
          changed: counts.changedPrice + counts.changedOther,
          unchanged: counts.unchanged,
          rejected: rejections.count,
        },
        imported: {
          lines,
          added: counts.added,
          changedPrice: counts.changedPrice,
          changedOther: counts.changedOther,
          rejected: rejections.count,
        },
        remember: { signature, mappingJson: JSON.stringify(mapping) },
        progress: (done) => progress('writing', done, good.length),
      });
    }
    summary = {
      kind: 'summary',
      lines,
      ...counts,
      rejected: rejections.count,
      rejections: rejections.list.sort((a, b) => a.line - b.line).slice(0, MAX_LISTED_REJECTIONS),
      committed: write,
    };
  } catch (error) {
    if (error instanceof Abandoned) fail('CONFLICT', 'priceImport.abandoned');
    throw error;
  } finally {
    // The stage is the import's only: dropped however it ended (a refusal, an error, an abandoned check, done).
    await repo.dropStage(deps.db).catch((error: unknown) => console.error('[core] price import stage not dropped', error));
    release();
  }
  const done = summary as ImportSummary | null;
  if (!done) throw new Error('price import: no summary');
  if (done.committed) {
    await rm(absolutePath(deps.filesDir, record.stored_path), { force: true });
    deps.events.publish({ area: 'parts' });
  }
  return done;
}
