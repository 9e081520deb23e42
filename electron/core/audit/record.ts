import type { AuditAction, AuditDetails, AuditEntity, AuditValue } from '../../../shared/contract/audit';
import type { Actor } from '../context';
import type { Db } from '../db/connection';
import { insertAuditEntry } from './repository';

export interface AuditEntry {
  entity: AuditEntity;
  entityId: number | null;
  /** The RO the thing belongs to, so the RO's trail shows it. */
  repairOrderId?: number | null;
  action: AuditAction;
  /** Entries are dated by the write's own `now`, so an entry and the row it records carry the same instant. */
  at: string;
  details?: AuditDetails;
}

/**
 * Records one entry. Call it with the transaction of the write it records: a rolled-back write leaves no entry.
 * `actor` null: the system did it on its own (first setup, demo data).
 */
export async function recordAudit(trx: Db, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await insertAuditEntry(trx, {
    at: entry.at,
    user_id: actor?.id ?? null,
    user_name: actor?.displayName ?? '',
    role: actor?.role ?? '',
    entity: entry.entity,
    entity_id: entry.entityId,
    repair_order_id: entry.repairOrderId ?? null,
    action: entry.action,
    details: JSON.stringify(entry.details ?? {}),
  });
}

/**
 * The fields of `after` whose value differs from `before`, as {from, to}: what an "...changed" entry holds. Null when
 * nothing changed (the caller then records nothing).
 */
export function changedFields<K extends string>(
  before: Record<K, AuditValue>,
  after: Record<K, AuditValue>,
): AuditDetails['changes'] | null {
  const changes: NonNullable<AuditDetails['changes']> = {};
  for (const key of Object.keys(after) as K[]) {
    if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
  }
  return Object.keys(changes).length > 0 ? changes : null;
}
