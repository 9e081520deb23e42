import type { ProcedureMeta } from '../../../shared/contract/base';
import { roleMayCall, type Role } from '../../../shared/domain/roles';

/**
 * Whether a role may call a procedure, read from the contract's own declaration: the UI hides what the core would
 * refuse, from the same list (the core still checks every call).
 */
export function canCall(role: Role | undefined, procedure: { '~orpc': { meta: unknown } }): boolean {
  if (!role) return false;
  return roleMayCall(role, (procedure['~orpc'].meta as ProcedureMeta).access);
}
