import type { Insertable } from 'kysely';
import type { Db } from '../db/connection';
import type { AuditLogTable } from '../db/schema';

/** The one write the trail ever gets: an insert (triggers refuse UPDATE and DELETE). */
export async function insertAuditEntry(trx: Db, row: Insertable<AuditLogTable>): Promise<void> {
  await trx.insertInto('audit_log').values(row).execute();
}

const COLUMNS = ['id', 'at', 'user_id', 'user_name', 'role', 'entity', 'entity_id', 'repair_order_id', 'action', 'details'] as const;

/** An RO's entries newest first, one row more than asked (the index on (repair_order_id, at) serves it). */
export function findForRepairOrder(db: Db, repairOrderId: number, page: { offset: number; limit: number }) {
  return db
    .selectFrom('audit_log')
    .select(COLUMNS)
    .where('repair_order_id', '=', repairOrderId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .offset(page.offset)
    .limit(page.limit + 1)
    .execute();
}

export interface AuditListQuery {
  entity?: string;
  userId?: number;
  /** Half-open range of instants, UTC ISO. */
  atFrom?: string;
  atBefore?: string;
  offset: number;
  limit: number;
}

export function findEntries(db: Db, query: AuditListQuery) {
  let select = db.selectFrom('audit_log').select(COLUMNS);
  if (query.entity !== undefined) select = select.where('entity', '=', query.entity);
  if (query.userId !== undefined) select = select.where('user_id', '=', query.userId);
  if (query.atFrom !== undefined) select = select.where('at', '>=', query.atFrom);
  if (query.atBefore !== undefined) select = select.where('at', '<', query.atBefore);
  return select
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .offset(query.offset)
    .limit(query.limit + 1)
    .execute();
}
