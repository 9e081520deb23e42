import type { Role } from './roles';

/**
 * Personal data under PIPL (issue 7 item 5). What a consent is for: `contact` is the one the desk acts on today
 * (follow-up calls, maintenance reminders, appointment reminders). The list may grow (no CHECK in the database).
 */
export const CONSENT_PURPOSES = ['contact'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/**
 * How the customer gave or withdrew a consent: on paper (signed form), said at the desk, on the phone, ticked on the
 * customer form while editing the file; `earlier` (recorded before the history was kept) and `erasure` (withdrawn
 * when the file was erased on request) are set by the app, nobody chooses them.
 */
export const CONSENT_METHODS = ['paper', 'verbal', 'phone', 'form', 'earlier', 'erasure'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
/** The methods a person may choose when recording a consent by hand. */
export const CONSENT_METHODS_RECORDED = ['paper', 'verbal', 'phone'] as const;

/**
 * Roles that need a customer's full phone number for their work: the advisor and the CSI agent call customers, the
 * foreman calls about additional work, the manager handles complaints. The technician, the parts clerk and the
 * administrator see numbers masked, and cannot search, filter or sort customers by phone (prefix guesses would
 * reveal the hidden digits).
 */
export const FULL_PHONE_ROLES: readonly Role[] = ['advisor', 'csi_agent', 'foreman', 'manager'];

export function seesFullPhones(role: Role): boolean {
  return FULL_PHONE_ROLES.includes(role);
}

/**
 * A phone number with its middle hidden, the way Chinese services show it: 13812345678 -> 138****5678. Keeps the
 * first 3 and last 4 characters of numbers of 8 or more; shorter ones keep only their last 2.
 */
export function maskPhone(phone: string): string {
  if (phone.length >= 8) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return `****${phone.slice(-2)}`;
}

/** The name an erased customer file shows instead of the person's name. */
export function erasedCustomerName(id: number): string {
  return `已删除客户 #${id}`;
}
