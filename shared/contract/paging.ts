import { z } from 'zod';
import { refuseInvisible } from './fields';

/** Rows a page may ask for: enough for a screen of results, small enough that no list is ever loaded whole. */
export const MAX_PAGE_SIZE = 200;

export const pageInput = z.strictObject({
  offset: z.int().min(0).max(10_000_000).default(0),
  limit: z.int().min(1).max(MAX_PAGE_SIZE).default(20),
});

/** A page of rows; the core reads one row more than asked to tell whether there is more. */
export interface Page<T> {
  rows: T[];
  hasMore: boolean;
}

/**
 * AG Grid's Infinite Row Model request for one grid. Column ids are an allow-list per grid: an unknown id is refused
 * by the schema, so the core only ever maps known ids to SQL.
 */
export function gridInput<const C extends readonly [string, ...string[]]>(columns: C) {
  const column = z.enum(columns);
  return z
    .strictObject({
      startRow: z.int().min(0).max(10_000_000),
      endRow: z.int().min(1).max(10_000_000),
      sortModel: z
        .array(z.strictObject({ colId: column, sort: z.enum(['asc', 'desc']) }))
        .max(5)
        .default([]),
      filterModel: z
        .partialRecord(
          column,
          z.object({
            filterType: z.literal('text'),
            type: z.enum(['contains', 'startsWith', 'equals']),
            filter: z.string().max(100).superRefine(refuseInvisible(false)),
          }),
        )
        .default({}),
    })
    .refine((v) => v.endRow > v.startRow && v.endRow - v.startRow <= MAX_PAGE_SIZE, { message: 'pageRange', path: ['endRow'] });
}

export interface GridInput<C extends string = string> {
  startRow: number;
  endRow: number;
  sortModel: { colId: C; sort: 'asc' | 'desc' }[];
  filterModel: Partial<Record<C, { filterType: 'text'; type: 'contains' | 'startsWith' | 'equals'; filter: string }>>;
}
