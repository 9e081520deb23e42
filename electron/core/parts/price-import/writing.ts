import type { Actor, CoreDeps } from '../../context';
import { fail } from '../../errors';
import { breathe } from '../../imports/reader';
import * as repo from './repository';
import { recordAudit } from '../../audit/record';

// The checked lines written into the parts master in short transactions of a chunk each.

/** Lines staged per chunk: a few tens of ms at a time on the thread that answers every desk. */
export const STAGE_CHUNK = 5_000;
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
export async function writeInChunks(deps: CoreDeps, actor: Actor, plan: WritePlan): Promise<void> {
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
