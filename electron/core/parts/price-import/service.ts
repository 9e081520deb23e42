import { createReadStream } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
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
} from '../../../../shared/contract/parts/price-import';
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
} from '../../../../shared/domain/price-file';
import type { Actor, CoreDeps } from '../../context';
import { AppError, fail, notFound } from '../../errors';
import { absolutePath } from '../../files-folder';
import { breathe, readRows, readXlsxRows, sniffFormat, type SourceRow } from './reader';
import { claimPriceFile } from './uploads';
import * as repo from './repository';
import { recordAudit } from '../../audit/record';

/** Progress is told once per this many lines of each phase. */
const PROGRESS_EVERY = 10_000;
/** Lines staged per chunk: a few tens of ms at a time on the thread that answers every desk. */
const STAGE_CHUNK = 5_000;
/**
 * Writing: each chunk of the file's good lines is its own short transaction, and the desks' calls queued meanwhile
 * run between two chunks. A chunk's cost per line varies fifteenfold with what the lines do (at ten years a new
 * price is ~7 µs a line, a new name ~100 µs: its search rows are rewritten), so the size follows the time the last
 * chunk took, aiming at WRITE_CHUNK_MS, from a first chunk small enough for the slowest lines.
 */
const WRITE_CHUNK_MS = 30;
const FIRST_WRITE_CHUNK = 500;
const MIN_WRITE_CHUNK = 100;
const MAX_WRITE_CHUNK = 20_000;

/**
 * For tests only: a fixed chunk size (lines), and a hook called inside each chunk's transaction before it commits
 * (a throw there rolls that chunk back, as a crash or a full disk would).
 */
export const writeTuning: { chunkLines: number | null; beforeChunkCommit: ((chunk: number) => void) | null } = {
  chunkLines: null,
  beforeChunkCommit: null,
};

/** Throws the reason a file cannot be read as a price list (by its bytes), or tells its format. */
function formatOf(bytes: Uint8Array): PriceFileFormat {
  const format = sniffFormat(bytes);
  if (format === 'xls') fail('RULE', 'priceImport.fileXls', 'uploadId');
  if (format === 'binary') fail('RULE', 'priceImport.fileUnreadable', 'uploadId');
  return format;
}

/** Bytes of an uploaded CSV read for its sniff and preview: far more than eleven lines of any price list. */
const HEAD_BYTES = 1024 * 1024;

/** The first HEAD_BYTES of a file on disk (all of a smaller one). */
async function readFileHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * A CSV head cut after its last whole line, so the preview never shows a line cut short: after a 0x0A byte (never
 * inside a character in UTF-8 or GB18030), in UTF-16 after a whole LF code unit.
 */
function wholeLines(head: Uint8Array, whole: boolean): Uint8Array {
  if (whole) return head;
  const le = head[0] === 0xff && head[1] === 0xfe;
  const be = head[0] === 0xfe && head[1] === 0xff;
  if (le || be) {
    for (let at = (head.length & ~1) - 2; at >= 2; at -= 2) {
      if (le ? head[at] === 0x0a && head[at + 1] === 0 : head[at] === 0 && head[at + 1] === 0x0a) return head.subarray(0, at + 2);
    }
    return head;
  }
  const end = head.lastIndexOf(0x0a);
  return end > 0 ? head.subarray(0, end + 1) : head;
}

/** The header and the first rows; a file with no header row, or one that cannot be read, is refused. */
async function readHead(
  path: string,
  head: Uint8Array,
  whole: boolean,
  format: PriceFileFormat,
  rows: number,
): Promise<SourceRow[]> {
  const found: SourceRow[] = [];
  // An XLSX is a zip whose rows can only be reached through it: streamed from disk, stopped after the rows shown.
  const stream = format === 'xlsx' ? createReadStream(path) : null;
  try {
    const batches = stream ? readXlsxRows(stream, rows) : readRows(wholeLines(head, whole), format, rows);
    for await (const batch of batches) found.push(...batch);
  } catch (error) {
    console.warn('[core] price file unreadable', error);
    fail('RULE', 'priceImport.fileUnreadable', 'uploadId');
  } finally {
    stream?.destroy();
  }
  if (found.length === 0) fail('RULE', 'priceImport.fileEmpty', 'uploadId');
  return found;
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
 * Claims the clerk's upload (uploads.ts: already on disk as `<files>/imports/<uuid>.part`), judges it by the
 * head of its bytes read from disk, and gives it its final name `<files>/imports/<id>.<ext>` once its row exists
 * (nothing slow inside the transaction). The file is never read whole here. A refused upload is removed.
 */
export async function prepare(deps: CoreDeps, actor: Actor, input: z.output<typeof importPrepareInput>): Promise<ImportPrepared> {
  const upload = claimPriceFile(deps, actor, input.uploadId);
  const temp = upload.path;
  let format: PriceFileFormat;
  let headers: string[];
  let previewRows: string[][];
  let importId: number;
  let storedPath: string;
  try {
    if (upload.bytes > MAX_PRICE_FILE_BYTES) fail('RULE', 'priceImport.fileTooLarge', 'uploadId', { max: MAX_PRICE_FILE_MB });
    const bytes = await readFileHead(temp);
    format = formatOf(bytes);
    const head = await readHead(temp, bytes, upload.bytes <= bytes.length, format, PREVIEW_ROWS + 1);
    headers = head[0]!.cells.map((cell) => cell.trim());
    const width = headers.length;
    previewRows = head.slice(1).map((row) => Array.from({ length: width }, (_, i) => row.cells[i] ?? ''));
    const now = deps.clock.now().toISOString();
    const fileFormat = format;
    ({ importId, storedPath } = await deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertImport(trx, {
        file_name: input.fileName,
        format: fileFormat,
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
        written: null,
      });
      const path = `imports/${id}.${fileFormat}`;
      await repo.setStoredPath(trx, id, path);
      return { importId: id, storedPath: path };
    }));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await rename(temp, absolutePath(deps.filesDir, storedPath));
  const width = headers.length;

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
  stageQueues.set(
    deps.db,
    before.then(() => mine),
  );
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
 * chunks, the other desks answered in between. Every check is done before the first write, so a refused file (or a
 * dry run) leaves the master as it was; the write then goes in short transactions of a chunk each (writeInChunks).
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

interface WritePlan {
  record: { id: number; file_name: string };
  /** The file's good lines (line numbers, in file order), all staged. */
  good: readonly number[];
  now: string;
  withSuccessors: boolean;
  counts: Parameters<typeof repo.recordCommit>[2];
  imported: Record<string, number>;
  remember: { signature: string; mappingJson: string };
  progress: (done: number) => void;
}

/**
 * Writes the staged lines into the master chunk by chunk, each chunk one transaction with the record's count of lines
 * written, so the record never claims a line the master does not hold. Between two chunks another desk sees some
 * parts at the new price and others still at the old (as a price list rolling in), and its own writes run: each chunk
 * links its lines to the master as it stands then and changes only the fields its lines name, so a desk's edit in
 * between is kept unless a line sets the same field, and a part a desk created with a number of the file is updated,
 * not inserted twice. Successors follow once every line is in (a successor may be a part a later chunk adds); the
 * record turns 'committed', with the mapping remembered and the one audit entry, in the last transaction. A failure
 * on the way leaves the record 'interrupted' after the lines written; the same file run again finishes it (a line
 * applied twice leaves the master as once).
 */
async function writeInChunks(deps: CoreDeps, actor: Actor, plan: WritePlan): Promise<void> {
  const { record, good, now } = plan;
  const range = (from: number, count: number) => ({ from: good[from]!, to: good[from + count - 1]! + 1 });
  let written = 0;
  plan.progress(0);
  try {
    let size = writeTuning.chunkLines ?? FIRST_WRITE_CHUNK;
    for (let chunk = 0; written < good.length || chunk === 0; chunk += 1) {
      const count = Math.min(size, good.length - written);
      let took = 0;
      await deps.db.transaction().execute(async (trx) => {
        const started = performance.now();
        if (chunk === 0) await repo.recordWriting(trx, record.id, plan.counts);
        if (count > 0) {
          const lines = range(written, count);
          await repo.linkMaster(trx, lines);
          await repo.applyStage(trx, now, lines);
        }
        await repo.recordWritten(trx, record.id, written + count);
        writeTuning.beforeChunkCommit?.(chunk);
        took = performance.now() - started;
      });
      written += count;
      plan.progress(written);
      if (writeTuning.chunkLines === null && count > 0) {
        // At most double or halve: one chunk slowed by a checkpoint or a busy core does not swing the next.
        const aimed = Math.round((size * WRITE_CHUNK_MS) / Math.max(1, took));
        size = Math.max(MIN_WRITE_CHUNK, Math.min(MAX_WRITE_CHUNK, size * 2, Math.max(Math.round(size / 2), aimed)));
      }
      await breathe();
    }
    if (plan.withSuccessors) {
      for (let from = 0; from < good.length; from += STAGE_CHUNK) {
        const lines = range(from, Math.min(STAGE_CHUNK, good.length - from));
        await deps.db.transaction().execute((trx) => repo.applySuccessors(trx, now, lines));
        await breathe();
      }
    }
    await deps.db.transaction().execute(async (trx) => {
      await repo.recordCommit(trx, record.id, plan.counts, now);
      await repo.rememberMapping(trx, plan.remember.signature, plan.remember.mappingJson, actor.id, now);
      // One summary entry for the whole file: the trail names the import, the price file holds the lines.
      await recordAudit(trx, actor, {
        entity: 'price_import',
        entityId: record.id,
        action: 'part.priceImported',
        at: now,
        details: { label: record.file_name, values: plan.imported },
      });
    });
  } catch (error) {
    console.error('[core] price import interrupted after', written, 'of', good.length, 'lines', error);
    await repo
      .recordInterrupted(deps.db, record.id)
      .catch((failure: unknown) => console.error('[core] price import record not marked', failure));
    // Some lines may be in: the desks' screens re-read the parts.
    if (written > 0) deps.events.publish({ area: 'parts' });
    fail('INTERNAL', 'priceImport.interrupted', 'importId', { written, total: good.length });
  }
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
  for (let targets = refusedTargets(); targets.length > 0;) {
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
