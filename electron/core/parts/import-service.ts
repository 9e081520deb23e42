import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { z } from 'zod';
import {
  MAX_LISTED_REJECTIONS,
  MAX_PRICE_FILE_BYTES,
  MAX_PRICE_FILE_MB,
  PREVIEW_ROWS,
  type ImportPhase,
  type ImportPrepared,
  type ImportRejection,
  type ImportRunEvent,
  type ImportSummary,
  type importPrepareInput,
  type importRunInput,
  type PriceFileFormat,
} from '../../../shared/contract/price-import';
import {
  checkLine,
  closesLoop,
  EMPTY_MAPPING,
  guessMapping,
  headerSignature,
  MAPPING_TARGETS,
  mappingProblem,
  type ColumnMapping,
  type MappingTarget,
  type RejectionReason,
} from '../../../shared/domain/price-file';
import type { Actor, CoreDeps } from '../context';
import { AppError, fail, notFound } from '../errors';
import { absolutePath } from '../repair-orders/photo-files';
import { breathe, readRows, sniffFormat, type SourceRow } from './import-reader';
import * as repo from './import-repository';
import { recordAudit } from '../audit/record';

/** Progress is told once per this many lines of each phase. */
const PROGRESS_EVERY = 10_000;
/** Lines staged per chunk: a few tens of ms at a time on the thread that answers every desk. */
const STAGE_CHUNK = 5_000;
/** File lines written to the master per statement, inside the one write transaction. */
const APPLY_CHUNK = 10_000;

/** Throws the reason a file cannot be read as a price list (by its bytes), or tells its format. */
function formatOf(bytes: Uint8Array): PriceFileFormat {
  const format = sniffFormat(bytes);
  if (format === 'xls') fail('RULE', 'priceImport.fileXls', 'dataBase64');
  if (format === 'binary') fail('RULE', 'priceImport.fileUnreadable', 'dataBase64');
  return format;
}

/** The header and the first rows; a file with no header row, or one that cannot be read, is refused. */
async function readHead(bytes: Uint8Array, format: PriceFileFormat, rows: number): Promise<SourceRow[]> {
  const head: SourceRow[] = [];
  try {
    for await (const batch of readRows(bytes, format, rows)) head.push(...batch);
  } catch (error) {
    console.warn('[core] price file unreadable', error);
    fail('RULE', 'priceImport.fileUnreadable', 'dataBase64');
  }
  if (head.length === 0) fail('RULE', 'priceImport.fileEmpty', 'dataBase64');
  return head;
}

function parseMapping(json: string | null): ColumnMapping | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Partial<Record<MappingTarget, unknown>>;
    const mapping = { ...EMPTY_MAPPING };
    for (const target of MAPPING_TARGETS) {
      const column = value[target];
      mapping[target] = typeof column === 'number' && Number.isInteger(column) && column >= 0 ? column : null;
    }
    return mapping;
  } catch {
    return null;
  }
}

/**
 * Stores the uploaded file under `<files>/imports/<id>.<ext>` and reads its head for the mapping screen. The file is
 * judged by its bytes before anything is written; it is written under a temporary name first and takes its final
 * name once its row exists (nothing slow inside the transaction).
 */
export async function prepare(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof importPrepareInput>,
): Promise<ImportPrepared> {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length > MAX_PRICE_FILE_BYTES) fail('RULE', 'priceImport.fileTooLarge', 'dataBase64', { max: MAX_PRICE_FILE_MB });
  if (bytes.length === 0) fail('RULE', 'priceImport.fileEmpty', 'dataBase64');
  const format = formatOf(bytes);
  const head = await readHead(bytes, format, PREVIEW_ROWS + 1);
  const headers = head[0]!.cells.map((cell) => cell.trim());
  const width = headers.length;
  const previewRows = head.slice(1).map((row) => Array.from({ length: width }, (_, i) => row.cells[i] ?? ''));

  const temp = absolutePath(deps.filesDir, `imports/${randomUUID()}.part`);
  await mkdir(resolve(temp, '..'), { recursive: true });
  await writeFile(temp, bytes, { flag: 'wx' });
  let importId: number;
  let storedPath: string;
  try {
    const now = deps.clock.now().toISOString();
    ({ importId, storedPath } = await deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertImport(trx, {
        file_name: input.fileName,
        format,
        stored_path: '',
        status: 'prepared',
        line_count: null,
        added: null,
        changed: null,
        unchanged: null,
        rejected: null,
        created_by: actor.id,
        created_at: now,
        committed_at: null,
      });
      const path = `imports/${id}.${format}`;
      await repo.setStoredPath(trx, id, path);
      return { importId: id, storedPath: path };
    }));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await rename(temp, absolutePath(deps.filesDir, storedPath));

  const remembered = parseMapping(await repo.findMapping(deps.db, headerSignature(headers)));
  const usable = remembered && !mappingProblem(remembered, width) ? remembered : null;
  return {
    importId,
    format,
    headers,
    previewRows,
    suggestedMapping: usable ?? guessMapping(headers),
    remembered: usable !== null,
  };
}

/**
 * Events from the import to whoever listens, without the import ever waiting for the listener (it may hold the
 * write transaction): progress events not yet read are replaced by the newer one, the summary always arrives.
 */
class EventQueue {
  private readonly items: ImportRunEvent[] = [];
  private wake: (() => void) | null = null;
  private finished = false;
  private failure: { error: unknown } | null = null;

  push(event: ImportRunEvent): void {
    const last = this.items[this.items.length - 1];
    if (event.kind === 'progress' && last?.kind === 'progress') this.items[this.items.length - 1] = event;
    else this.items.push(event);
    this.wakeUp();
  }

  end(failure?: { error: unknown }): void {
    this.finished = true;
    this.failure = failure ?? null;
    this.wakeUp();
  }

  private wakeUp(): void {
    const resume = this.wake;
    this.wake = null;
    resume?.();
  }

  async *drain(): AsyncGenerator<ImportRunEvent, void, void> {
    for (;;) {
      const next = this.items.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.finished) {
        if (this.failure) throw this.failure.error;
        return;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
}

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
  stageQueues.set(deps.db, before.then(() => mine));
  await before;
  return release;
}

/** The listener went away before the import wrote anything: stop and roll back. */
class Abandoned extends Error {}

interface Rejections {
  count: number;
  /** Line -> rejection, for the lines refused after staging (they must also leave the stage). */
  list: ImportRejection[];
}

function reject(rejections: Rejections, line: number, partNumber: string, reason: RejectionReason, field: MappingTarget): void {
  rejections.count += 1;
  rejections.list.push({ line, partNumber, reason, field });
}

/**
 * Checks, or imports, a prepared file: streams progress and ends with the summary. The lines are read and checked
 * one by one (number, names, unit, prices, duplicates: the later line is refused), staged, checked against the
 * master (a new part needs its Chinese name; a successor must exist and must not close a loop, across the file and
 * the master), counted, and, when asked and allowed, written. Staging fills a TEMP table (never the database file) in
 * chunks, the other desks answered in between; the checks against the master, the counts and the writes are one
 * transaction, so a refusal, a crash or an error leaves the master as it was.
 */
export function run(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof importRunInput>,
  signal?: AbortSignal,
): AsyncGenerator<ImportRunEvent, void, void> {
  const queue = new EventQueue();
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
  queue: EventQueue,
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
  const format = record.format as PriceFileFormat;
  const mapping = input.mapping as ColumnMapping;
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
    // Checking: staged in chunks, with a breath between every 5,000 lines. The stage is a TEMP table of this
    // connection, so staging writes nothing to the database file and needs no write transaction: each chunk holds the
    // connection only while it is inserted, and the other desks' calls are answered in between (inside the import's
    // transaction they would all wait for the whole file). What the master holds is read only inside the transaction.
    progress('checking', 0, total);
    await deps.db.connection().execute(async (connection) => {
      await repo.createStage(connection);
      await repo.indexStage(connection);
    });
    for (let i = 0; i < total; i += STAGE_CHUNK) {
      checkStop();
      await deps.db.connection().execute(async (connection) => {
        // One transaction per chunk: it writes the TEMP database only (the main file is not locked), and without it
        // every line would be a commit of its own.
        deps.sqlite.transaction(() => repo.stageRows(connection, deps.sqlite, accepted.slice(i, i + STAGE_CHUNK)))();
      });
      if ((i + STAGE_CHUNK) % PROGRESS_EVERY === 0 || i + STAGE_CHUNK >= total) progress('checking', Math.min(total, i + STAGE_CHUNK), total);
      await breathe();
    }
    checkStop();
    await deps.db.transaction().execute(async (trx) => {
      await repo.linkMaster(trx);

      const refused = new Set<number>();
      for (const row of await repo.newWithoutName(trx)) {
        reject(rejections, row.line, row.part_number, 'priceImport.nameZhMissing', 'nameZh');
        refused.add(row.line);
      }
      if (mapping.supersededBy !== null) await checkSuccessors(trx, accepted, firstLine, refused, rejections);
      await repo.unstage(trx, [...refused]);
      checkStop();

      const counts = await repo.classify(trx);
      const write = input.commit && (input.onErrors === 'skip' || rejections.count === 0);
      if (write) {
        const writing = total - refused.size;
        progress('writing', 0, writing);
        // In chunks of lines, with a breath between them: the desks' calls wait for the transaction all the same, but
        // the core keeps answering the network (one statement for 300,000 lines held the thread for many seconds,
        // long enough for idle keep-alive connections to be dropped under a desk's next request).
        const lastLine = accepted.at(-1)?.line ?? 0;
        for (let from = 0; from <= lastLine; from += APPLY_CHUNK) {
          await repo.applyStage(trx, now, { from, to: from + APPLY_CHUNK });
          progress('writing', Math.round(writing * Math.min(1, (from + APPLY_CHUNK) / (lastLine + 1))), writing);
          await breathe();
        }
        if (mapping.supersededBy !== null) await repo.applySuccessors(trx, now);
        await repo.recordCommit(
          trx,
          record.id,
          {
            lineCount: lines,
            added: counts.added,
            changed: counts.changedPrice + counts.changedOther,
            unchanged: counts.unchanged,
            rejected: rejections.count,
          },
          now,
        );
        await repo.rememberMapping(trx, signature, JSON.stringify(mapping), actor.id, now);
        // One summary entry for the whole file: the trail names the import, the price file holds the lines.
        const imported = { lines, added: counts.added, changedPrice: counts.changedPrice, changedOther: counts.changedOther, rejected: rejections.count };
        await recordAudit(trx, actor, { entity: 'price_import', entityId: record.id, action: 'part.priceImported', at: now, details: { label: record.file_name, values: imported } });
        progress('writing', total - refused.size, total - refused.size);
      }
      await repo.dropStage(trx);
      summary = {
        kind: 'summary',
        lines,
        ...counts,
        rejected: rejections.count,
        rejections: rejections.list.sort((a, b) => a.line - b.line).slice(0, MAX_LISTED_REJECTIONS),
        committed: write,
      };
    });
  } catch (error) {
    if (error instanceof Abandoned) fail('CONFLICT', 'priceImport.abandoned');
    throw error;
  } finally {
    // Left by a refusal, an error or an abandoned check (the transaction drops it when it ends well).
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

/**
 * Successors, in file order, against the successors as they will stand: the master's, overridden by the file's lines
 * accepted so far. A line naming a part that neither the master nor the file's good lines have is refused; so is one
 * closing a loop. A refused new part cannot be anyone's successor, so the lines pointing at one are refused in turn.
 */
async function checkSuccessors(
  db: CoreDeps['db'],
  accepted: readonly repo.StageRow[],
  /** Part number -> line, of every line that passed the line checks. */
  lineOf: ReadonlyMap<string, number>,
  refused: Set<number>,
  rejections: Rejections,
): Promise<void> {
  const inFile = (number: string) => {
    const line = lineOf.get(number);
    return line !== undefined && !refused.has(line);
  };
  const withSuccessor = accepted.filter((row) => row.superseded_by !== null && !refused.has(row.line));
  const master = await repo.masterSuccessors(db);
  const known = await repo.existingNumbers(db, [
    ...new Set(withSuccessor.map((row) => row.superseded_by!).filter((successor) => !inFile(successor))),
  ]);

  const next = new Map(master);
  const pointing: repo.StageRow[] = [];
  for (const row of withSuccessor) {
    const successor = row.superseded_by!;
    if (!inFile(successor) && !known.has(successor)) {
      refuse(row, 'priceImport.supersededUnknown');
    } else if (closesLoop(row.part_number, successor, (number) => next.get(number))) {
      refuse(row, 'priceImport.supersededLoop');
    } else {
      next.set(row.part_number, successor);
      pointing.push(row);
    }
  }
  // Until nothing changes: a line whose successor is a part of this file, refused, that the master does not have.
  const refusedTargets = () => [...new Set(pointing.map((row) => row.superseded_by!))].filter((n) => lineOf.has(n) && !inFile(n));
  for (let targets = refusedTargets(); targets.length > 0; ) {
    const inMaster = await repo.existingNumbers(db, targets);
    let changed = false;
    for (const row of pointing) {
      const successor = row.superseded_by!;
      if (refused.has(row.line) || inFile(successor) || !lineOf.has(successor) || inMaster.has(successor)) continue;
      refuse(row, 'priceImport.supersededUnknown');
      changed = true;
    }
    targets = changed ? refusedTargets() : [];
  }

  function refuse(row: repo.StageRow, reason: RejectionReason): void {
    reject(rejections, row.line, row.part_number, reason, 'supersededBy');
    refused.add(row.line);
  }
}
