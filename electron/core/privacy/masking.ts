import type { CustomerDetail, CustomerListRow, LookupRow } from '../../../shared/contract/customers';
import type { Page } from '../../../shared/contract/paging';
import { maskPhone, seesFullPhones } from '../../../shared/domain/privacy';
import type { Actor } from '../context';

/**
 * Customer phones as the caller's role may see them (PIPL: only the roles that call customers see full numbers).
 * Applied to the core's outputs, so no screen and no transport can show more than the role needs.
 */
export function customerForRole(actor: Actor | null, customer: CustomerDetail): CustomerDetail {
  if (actor && seesFullPhones(actor.role)) return customer;
  return { ...customer, phones: customer.phones.map((phone) => ({ ...phone, number: maskPhone(phone.number) })) };
}

export function pageForRole<T extends LookupRow | CustomerListRow>(actor: Actor | null, page: Page<T>): Page<T> {
  if (actor && seesFullPhones(actor.role)) return page;
  return { ...page, rows: page.rows.map((row) => ({ ...row, phone: row.phone ? maskPhone(row.phone) : row.phone })) };
}
