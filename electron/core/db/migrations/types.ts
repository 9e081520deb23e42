import type { Kysely } from 'kysely';

/**
 * Long work a migration leaves to be done after its `up` (filling a new index table, FTS rows or summary rows from
 * ten years of history). It runs in chunks, each chunk in its own transaction together with its cursor, so a machine
 * that stops halfway resumes where it was; the core serves no call until every backfill is finished, and reports its
 * progress meanwhile (start-up screen, server console).
 */
export interface Backfill {
  /** Units of work in all (rows to visit), for the progress bar; read once when the backfill starts. */
  total(db: Kysely<unknown>): Promise<number>;
  /**
   * Does the next chunk after `cursor` (null at the start) and returns where it got to and how many units it did, or
   * null when nothing is left. Runs inside the caller's transaction; a chunk should take about a second on a
   * ten-year file: progress still moves steadily, and each chunk's commit and bound look-up are paid rarely.
   */
  step(db: Kysely<unknown>, cursor: string | null): Promise<{ cursor: string; done: number } | null>;
}

/** One step of the schema. Append-only: a landed migration is never edited, only followed by a new one. */
export interface Migration {
  name: string;
  /** Schema changes (and small data changes): one transaction with the version bump. */
  up(db: Kysely<unknown>): Promise<void>;
  /** Filling what `up` created from existing rows, in resumable chunks (see Backfill). */
  backfill?: Backfill;
}
