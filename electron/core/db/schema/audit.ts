import type { Generated } from 'kysely';
import type { AuditAction, AuditEntity } from '../../../../shared/contract/audit';
import type { Role } from '../../../../shared/domain/roles';

/** The quiet kinds of audit entry by (entity, at, id), kept by an insert trigger on audit_log (migration 0024). */
export interface AuditLogRareTable {
  entity: string;
  at: string;
  id: number;
  user_id: number | null;
}

/** Append-only (triggers refuse UPDATE and DELETE); written by core/audit/record.ts only. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  user_name: Generated<string>;
  role: Generated<Role | ''>;
  entity: AuditEntity;
  entity_id: number | null;
  repair_order_id: number | null;
  action: AuditAction;
  /** JSON of the entry's details. */
  details: Generated<string>;
}
