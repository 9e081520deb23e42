import { sql, type SqlBool } from 'kysely';
import type { ComplaintLevel, ComplaintSource, ComplaintStatus } from '../../../shared/domain/complaints';
import type { Db } from '../db/connection';
import { listQuery, overdueExpr } from './repository';

/** The filters above the complaint grid, as instants and values. */
export interface ComplaintGridFilter {
  now: string;
  status?: ComplaintStatus;
  level?: ComplaintLevel;
  source?: ComplaintSource;
  overdue?: boolean;
  createdFrom?: string;
  createdBefore?: string;
}

/**
 * The parts of the to-do order, in order: drafts (awaiting the manager), open and overdue, open on time, the rest.
 * The first three are small by nature (what is still to do), counted and read by the status index; the rest is a walk
 * of the creation-time index.
 */
export const TODO_PARTS = ['draft', 'openOverdue', 'openOnTime', 'rest'] as const;
export type TodoPart = (typeof TODO_PARTS)[number];

function partCondition(part: TodoPart, now: string) {
  switch (part) {
    case 'draft':
      return sql<SqlBool>`c.status = 'draft'`;
    case 'openOverdue':
      return overdueExpr(now);
    case 'openOnTime':
      return sql<SqlBool>`(c.status = 'open' AND NOT ${overdueExpr(now)})`;
    case 'rest':
      // Kept off the status index (unary +): this part is read along the creation-time index.
      return sql<SqlBool>`+c.status NOT IN ('draft', 'open')`;
  }
}

/** The filters as conditions on `complaints as c` (every query below reads it under that name). */
function filtered<Q extends { where: (condition: ReturnType<typeof sql<SqlBool>>) => Q }>(query: Q, f: ComplaintGridFilter): Q {
  let q = query;
  if (f.status) q = q.where(sql<SqlBool>`c.status = ${f.status}`);
  if (f.level) q = q.where(sql<SqlBool>`c.level = ${f.level}`);
  if (f.source) q = q.where(sql<SqlBool>`c.source = ${f.source}`);
  if (f.overdue === true) q = q.where(overdueExpr(f.now));
  if (f.overdue === false) q = q.where(sql<SqlBool>`NOT ${overdueExpr(f.now)}`);
  if (f.createdFrom) q = q.where(sql<SqlBool>`c.created_at >= ${f.createdFrom}`);
  if (f.createdBefore) q = q.where(sql<SqlBool>`c.created_at < ${f.createdBefore}`);
  return q;
}

/** How many complaints one of the small parts of the to-do order holds under the filters. */
export async function countPart(db: Db, f: ComplaintGridFilter, part: Exclude<TodoPart, 'rest'>): Promise<number> {
  const row = await filtered(
    db.selectFrom('complaints as c').select((eb) => eb.fn.countAll<number>().as('n')),
    f,
  )
    .where(partCondition(part, f.now))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Rows of the grid under the filters, newest first (or oldest first), from `offset`: of one part of the to-do order,
 * or of every complaint (`part` null, the grid sorted by creation time).
 */
export function complaintRows(
  db: Db,
  f: ComplaintGridFilter,
  page: { part: TodoPart | null; direction: 'asc' | 'desc'; offset: number; limit: number },
) {
  let query = filtered(listQuery(db, f.now), f);
  if (page.part) query = query.where(partCondition(page.part, f.now));
  return query
    .orderBy('c.created_at', page.direction)
    .orderBy('c.id', page.direction)
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}
