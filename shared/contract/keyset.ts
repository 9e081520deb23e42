import { z } from 'zod';
import type { Page } from './paging';

/**
 * Keyset paging for grids a user can scroll deep into (issue 13): a page also returns `next`, an opaque cursor naming
 * its last row; the request for the page after it passes that cursor as `after`, and the core starts reading right
 * there instead of skipping `startRow` rows (OFFSET reads every row it skips). Without a cursor (the first page, or a
 * jump to the middle of the list) the core falls back to `startRow`.
 */
export const gridCursor = {
  after: z.string().max(400).optional(),
};

/** A grid page with the cursor of its last row; null when there is no next page or the sort cannot be keyed. */
export interface KeysetPage<T> extends Page<T> {
  next: string | null;
}

/** A cursor as the core writes it: the sort it belongs to and the values of the last row. */
export function encodeCursor(sort: string, values: readonly (string | number)[]): string {
  return JSON.stringify([sort, ...values]);
}

/**
 * The values of a cursor written for `sort`, or null when it was written for another sort, was tampered with or
 * does not have `count` string/number values (the core then pages by offset).
 */
export function decodeCursor(cursor: string | undefined, sort: string, count: number): (string | number)[] | null {
  if (!cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(cursor);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== count + 1 || parsed[0] !== sort) return null;
  const values = parsed.slice(1) as unknown[];
  return values.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
    ? (values as (string | number)[])
    : null;
}
