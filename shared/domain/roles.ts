/** The people who use BayDesk, one role each (docs/domain.md "Who uses it"). */
export const ROLES = [
  'advisor',
  'foreman',
  'technician',
  'parts_clerk',
  'csi_agent',
  'warranty_admin',
  'manager',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may call a procedure: a list of roles, `'signed-in'` for every role, or `'public'` for the few
 * procedures a person needs before signing in (login, first-run set-up).
 */
export type Access = readonly Role[] | 'signed-in' | 'public';

export function roleMayCall(role: Role, access: Access): boolean {
  if (access === 'public' || access === 'signed-in') return true;
  return access.includes(role);
}
