import type { KeysetPage } from '../../../shared/contract/keyset';
import type { GridInput } from '../../../shared/contract/paging';

/** Enough for a long scroll through every view of a list; older cursors go first. */
const MAX_CURSORS = 500;

/**
 * The `next` cursor each page returned, by view (sort and filters) and by the row it continues from, so the page after
 * it is asked for by key: the core then reads on from the last row instead of skipping every row before it (issue 13).
 * A page without a cursor (a jump to the middle of a long list) is asked for by its start row, as before.
 */
export class CursorBook {
  private readonly cursors = new Map<string, string>();

  get(view: string, startRow: number): string | undefined {
    return startRow > 0 ? this.cursors.get(`${startRow}|${view}`) : undefined;
  }

  set(view: string, startRow: number, cursor: string): void {
    if (this.cursors.size >= MAX_CURSORS) this.cursors.delete(this.cursors.keys().next().value!);
    this.cursors.set(`${startRow}|${view}`, cursor);
  }
}

/** A grid's fetchPage that pages by key wherever the page before was read (see CursorBook). */
export function withKeysetPaging<C extends string, Row>(
  fetch: (request: GridInput<C> & { after?: string }) => Promise<KeysetPage<Row>>,
): (request: GridInput<C>) => Promise<KeysetPage<Row>> {
  const book = new CursorBook();
  return async (request) => {
    const view = JSON.stringify([request.sortModel, request.filterModel]);
    const after = book.get(view, request.startRow);
    const page = await fetch(after ? { ...request, after } : request);
    if (page.next) book.set(view, request.startRow + page.rows.length, page.next);
    return page;
  };
}
