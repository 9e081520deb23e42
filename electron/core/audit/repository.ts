import { sql, type Insertable } from 'kysely';
import type { AuditEntity } from '../../../shared/contract/audit';
import type { Db } from '../db/connection';
import type { AuditLogTable } from '../db/schema';

/** The one write the trail ever gets: an insert (triggers refuse UPDATE and DELETE). */
export async function insertAuditEntry(trx: Db, row: Insertable<AuditLogTable>): Promise<void> {
  await trx.insertInto('audit_log').values(row).execute();
}

const COLUMNS = [
  'id',
  'at',
  'user_id',
  'user_name',
  'role',
  'entity',
  'entity_id',
  'repair_order_id',
  'action',
  'details',
] as const;

/** An RO's entries newest first, one row more than asked (the index on (repair_order_id, at) serves it). */
export function findForRepairOrder(
  db: Db,
  repairOrderId: number,
  page: { offset: number; limit: number; before?: { at: string; id: number } | null },
) {
  let select = db.selectFrom('audit_log').select(COLUMNS).where('repair_order_id', '=', repairOrderId);
  const before = page.before;
  if (before) select = select.where(sql<boolean>`at <= ${before.at} AND (at < ${before.at} OR id < ${before.id})`);
  select = select
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  return (before ? select : select.offset(page.offset)).execute();
}

export interface AuditListQuery {
  entity?: AuditEntity;
  /** One thing's entries (with `entity`). */
  entityId?: number;
  userId?: number;
  /** Half-open range of instants, UTC ISO. */
  atFrom?: string;
  atBefore?: string;
  offset: number;
  limit: number;
  /** Keyset paging: the entries older than this one (the last of the page before); `offset` is then unused. */
  before?: { at: string; id: number } | null;
}

/**
 * What nearly every write of a service day records (an RO's, a clocking's, a payment's entries are most of the trail):
 * a page of one of these kinds is found walking the trail by date. Any other kind is read from audit_log_rare
 * (migration 0024 names the same kinds in its trigger).
 */
const BUSY_ENTITIES: readonly string[] = ['repair_order', 'clocking', 'payment'];

/** A quiet kind's entries newest first, through audit_log_rare (entity, at, id); each entry is read for the page only. */
function quietKindQuery(db: Db, entity: string, query: AuditListQuery) {
  let select = db
    .selectFrom('audit_log_rare as r')
    .innerJoin('audit_log as a', 'a.id', 'r.id')
    .select(COLUMNS.map((column) => `a.${column}` as const))
    .where('r.entity', '=', entity);
  if (query.userId !== undefined) select = select.where('r.user_id', '=', query.userId);
  if (query.atFrom !== undefined) select = select.where('r.at', '>=', query.atFrom);
  if (query.atBefore !== undefined) select = select.where('r.at', '<', query.atBefore);
  const before = query.before;
  if (before) select = select.where(sql<boolean>`r.at <= ${before.at} AND (r.at < ${before.at} OR r.id < ${before.id})`);
  select = select
    .orderBy('r.at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(query.limit + 1);
  return before ? select : select.offset(query.offset);
}

/**
 * The trail newest first, one row more than asked. Every filter combination is a backward walk of one index that
 * ends in (at, id): audit_log_at or audit_log_user (a busy kind checked on the way), audit_log_rare for a quiet kind,
 * audit_log_entity for one thing's entries (migrations 0019, 0024), so a page reads little more than its rows.
 */
export function findEntriesQuery(db: Db, query: AuditListQuery) {
  if (query.entity !== undefined && query.entityId === undefined && !BUSY_ENTITIES.includes(query.entity)) {
    return quietKindQuery(db, query.entity, query);
  }
  let select = db.selectFrom('audit_log').select(COLUMNS);
  if (query.entity !== undefined) {
    select =
      query.entityId !== undefined
        ? select.where('entity', '=', query.entity).where('entity_id', '=', query.entityId)
        : // Walked by date: `+` keeps SQLite from sorting all of this kind's entries (audit_log_entity) for one page.
          select.where(sql<boolean>`+entity = ${query.entity}`);
  }
  if (query.userId !== undefined) select = select.where('user_id', '=', query.userId);
  if (query.atFrom !== undefined) select = select.where('at', '>=', query.atFrom);
  if (query.atBefore !== undefined) select = select.where('at', '<', query.atBefore);
  const before = query.before;
  if (before) select = select.where(sql<boolean>`at <= ${before.at} AND (at < ${before.at} OR id < ${before.id})`);
  select = select
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  return before ? select : select.offset(query.offset);
}

export function findEntries(db: Db, query: AuditListQuery) {
  return findEntriesQuery(db, query).execute();
}
