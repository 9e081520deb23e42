import type { z } from 'zod';
import {
  MAX_PHONES,
  type CustomerDetail,
  type CustomerGridColumn,
  type CustomerListRow,
  type LookupRow,
  type NoteDto,
  type customerFields,
} from '../../../shared/contract/customers';
import { decodeCursor, encodeCursor, type KeysetPage } from '../../../shared/contract/keyset';
import type { GridInput, Page } from '../../../shared/contract/paging';
import type { VehicleSummary } from '../../../shared/contract/vehicles';
import type { FuelType, PhoneLabel } from '../../../shared/domain/enums';
import { normalizePhone } from '../../../shared/domain/phone';
import { seesFullPhones } from '../../../shared/domain/privacy';
import { pinyinKeys } from '../../../shared/domain/pinyin-keys';
import { nameKey } from '../../../shared/domain/text';
import { deskDay } from '../../../shared/domain/desk-time';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { customerEditValues, staleCurrent } from '../../../shared/contract/concurrent-edits';
import { fail, notFound, staleVersion } from '../errors';
import { recordFormConsent } from '../privacy/service';
import { planLookup } from './lookup-plan';
import { MATCH_OF_RANK } from './lookup-repository';
import { compileLookup } from './lookup-template';
import * as repo from './repository';

type CustomerInput = z.output<typeof customerFields>;

function toWrite(input: CustomerInput, now: string, consentChangedAt: string | null): repo.CustomerWrite {
  return {
    kind: input.kind,
    name: input.name,
    name_key: nameKey(input.name),
    contact_person: input.contactPerson,
    email: input.email,
    address: input.address,
    preferred_contact: input.preferredContact,
    consent_to_contact: input.consentToContact ? 1 : 0,
    consent_changed_at: consentChangedAt,
    updated_at: now,
  };
}

/** The same number twice on one file is a typing slip, not two phones. */
function distinctPhones(phones: CustomerInput['phones']): { number: string; label: PhoneLabel }[] {
  const seen = new Set<string>();
  return phones
    .map((phone) => ({ number: normalizePhone(phone.number), label: phone.label }))
    .filter((phone) => (seen.has(phone.number) ? false : (seen.add(phone.number), true)));
}

export function vehicleSummary(row: {
  id: number;
  vin: string;
  plate: string;
  make: string;
  model: string;
  year: number;
  fuel_type: FuelType;
}): VehicleSummary {
  return {
    id: row.id,
    vin: row.vin,
    plate: row.plate,
    makeModel: `${row.make} ${row.model}`,
    year: row.year,
    fuelType: row.fuel_type,
  };
}

export async function loadCustomer(db: Db, id: number): Promise<CustomerDetail> {
  const row = await repo.findCustomer(db, id);
  if (!row) notFound('customer');
  const [phones, vehicles, notes] = await Promise.all([
    repo.findPhones(db, id),
    repo.findOwnedVehicles(db, id),
    repo.findNotes(db, id),
  ]);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    contactPerson: row.contact_person,
    phones: phones.map((p) => ({ number: p.number, label: p.label })),
    email: row.email,
    address: row.address,
    preferredContact: row.preferred_contact,
    consentToContact: row.consent_to_contact === 1,
    consentChangedAt: row.consent_changed_at,
    mergedIntoId: row.merged_into_id,
    erasedAt: row.erased_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    vehicles: vehicles.filter((v) => v.to_at === null).map(vehicleSummary),
    pastVehicles: vehicles.filter((v) => v.to_at !== null).map(vehicleSummary),
    notes: notes.map((n) => ({ id: n.id, body: n.body, authorName: n.author_name, createdAt: n.created_at })),
  };
}

export async function create(deps: CoreDeps, actor: Actor, input: CustomerInput): Promise<CustomerDetail> {
  const now = isoNow(deps.clock);
  const keys = pinyinKeys(input.name, input.kind);
  return deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertCustomer(trx, { ...toWrite(input, now, input.consentToContact ? now : null), created_at: now });
    await repo.replacePhones(trx, id, distinctPhones(input.phones));
    await repo.replacePinyinKeys(trx, id, keys);
    if (input.consentToContact) await recordFormConsent(trx, actor, id, true, now);
    return loadCustomer(trx, id);
  });
}

export async function update(
  deps: CoreDeps,
  actor: Actor,
  input: CustomerInput & { id: number; version: number },
): Promise<CustomerDetail> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const current = await repo.findCustomer(trx, input.id);
    if (!current) notFound('customer');
    if (current.merged_into_id !== null) fail('RULE', 'customer.merged', undefined, { into: current.merged_into_id });
    // An erased file stays anonymous (PIPL): nobody writes personal data back into it.
    if (current.erased_at !== null) fail('RULE', 'privacy.erased');
    // Consent is personal data law: keep the moment it last changed, not the moment of any edit.
    const consentChanged = (current.consent_to_contact === 1) !== input.consentToContact;
    const consentAt = consentChanged ? now : current.consent_changed_at;
    if (!(await repo.updateCustomer(trx, input.id, input.version, toWrite(input, now, consentAt)))) {
      const stored = await loadCustomer(trx, input.id);
      staleVersion(staleCurrent(stored, customerEditValues(stored)));
    }
    await repo.replacePhones(trx, input.id, distinctPhones(input.phones));
    // Keyed again only when what the keys come from changed: most saves of a file leave its name as it was.
    if (current.name !== input.name || current.kind !== input.kind) {
      await repo.replacePinyinKeys(trx, input.id, pinyinKeys(input.name, input.kind));
    }
    if (consentChanged) await recordFormConsent(trx, actor, input.id, input.consentToContact, now);
    return loadCustomer(trx, input.id);
  });
}

export async function get(deps: CoreDeps, id: number): Promise<CustomerDetail> {
  return loadCustomer(deps.db, id);
}

export async function addNote(deps: CoreDeps, actor: Actor, input: { customerId: number; body: string }): Promise<NoteDto> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const customer = await repo.findCustomer(trx, input.customerId);
    if (!customer) notFound('customer');
    if (customer.erased_at !== null) fail('RULE', 'privacy.erased');
    const id = await repo.insertNote(trx, {
      customer_id: input.customerId,
      author_id: actor.id,
      body: input.body,
      created_at: now,
    });
    return { id, body: input.body, authorName: actor.displayName, createdAt: now };
  });
}

export async function merge(deps: CoreDeps, input: { keepId: number; duplicateId: number }): Promise<CustomerDetail> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const [keep, duplicate] = await Promise.all([
      repo.findCustomer(trx, input.keepId),
      repo.findCustomer(trx, input.duplicateId),
    ]);
    if (!keep) notFound('customer');
    if (!duplicate) notFound('customer');
    if (keep.merged_into_id !== null) fail('RULE', 'customer.merged', 'keepId', { into: keep.merged_into_id });
    if (duplicate.merged_into_id !== null) fail('RULE', 'customer.merged', 'duplicateId', { into: duplicate.merged_into_id });
    if (keep.erased_at !== null) fail('RULE', 'privacy.erased', 'keepId');
    if (duplicate.erased_at !== null) fail('RULE', 'privacy.erased', 'duplicateId');
    const phones = [...(await repo.findPhones(trx, keep.id)), ...(await repo.findPhones(trx, duplicate.id))];
    const merged = distinctPhones(phones.map((p) => ({ number: p.number, label: p.label })));
    // A file holds at most MAX_PHONES; the advisor removes the stale ones first rather than losing one silently.
    if (merged.length > MAX_PHONES) fail('RULE', 'merge.tooManyPhones', 'duplicateId', { max: MAX_PHONES });
    await repo.replacePhones(trx, keep.id, merged);
    await repo.foldCustomerInto(trx, duplicate.id, keep.id, now);
    await repo.touchCustomer(trx, keep.id, now);
    return loadCustomer(trx, keep.id);
  });
}

/**
 * Whether the caller may find, filter or sort customers by phone: only the roles that see full numbers. A role that
 * sees 138****5678 and could still filter on the number would recover the hidden digits with a dozen prefix guesses
 * (or confirm a guess of the four hidden ones), so its look-up ignores phone digits and its grid refuses a phone
 * filter or sort. See docs and README (Trust).
 */
export function searchesPhones(actor: Actor | null): boolean {
  return actor !== null && seesFullPhones(actor.role);
}

export async function lookup(
  deps: CoreDeps,
  input: { q: string; offset: number; limit: number },
  options: { searchPhones: boolean },
): Promise<Page<LookupRow>> {
  const plan = planLookup(input.q);
  if (!options.searchPhones) delete plan.phoneTailRev;
  if (Object.keys(plan).length > 0) plan.today = deskDay(deps.clock.now());
  const query = compileLookup(deps.db, plan, input.offset, input.limit);
  if (!query) return { rows: [], hasMore: false };
  const { rows } = await deps.db.executeQuery(query);
  return {
    hasMore: rows.length > input.limit,
    rows: rows.slice(0, input.limit).map((row) => ({
      customerId: row.customer_id,
      customerName: row.customer_name,
      phone: row.phone,
      vehicleId: row.vehicle_id,
      plate: row.plate,
      vin: row.vin,
      makeModel: row.make === null ? null : `${row.make} ${row.model ?? ''}`.trim(),
      matchedBy: MATCH_OF_RANK[Number(row.rank)] ?? 'name',
      openCampaign: Number(row.open_campaign) === 1,
    })),
  };
}

/** The sort a cursor belongs to: the first sort column and its direction ('' for newest first). */
function sortSignature(sort: GridInput<CustomerGridColumn>['sortModel']): string {
  return sort[0] ? `${sort[0].colId}:${sort[0].sort}` : '';
}

export async function grid(
  deps: CoreDeps,
  input: GridInput<CustomerGridColumn> & { after?: string },
  options: { searchPhones: boolean },
): Promise<KeysetPage<CustomerListRow>> {
  if (!options.searchPhones) {
    if (input.filterModel.phone) fail('FORBIDDEN', 'phoneMasked.search', 'filterModel.phone');
    if (input.sortModel.some((s) => s.colId === 'phone')) fail('FORBIDDEN', 'phoneMasked.search', 'sortModel');
  }
  const limit = input.endRow - input.startRow;
  // Phone is a filter only; keyset paging for one sort column (and the id), several page by offset.
  const sort = input.sortModel.filter((s) => s.colId !== 'phone');
  const signature = sortSignature(sort);
  const keyed = sort.length <= 1;
  const cursor = keyed ? decodeCursor(input.after, signature, 2) : null;
  const after = cursor && typeof cursor[1] === 'number' ? { key: cursor[0]!, id: cursor[1] } : null;
  const rows = await repo.customerGrid(deps.db, repo.customerFilters(input), { offset: input.startRow, limit, sort, after });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const hasMore = rows.length > limit;
  return {
    hasMore,
    rows: page.map((row) => ({
      id: row.id,
      kind: row.kind,
      name: row.name,
      phone: row.phone ?? '',
      vehicleCount: row.vehicle_count,
      updatedAt: row.updated_at,
    })),
    next: hasMore && keyed && last ? encodeCursor(signature, [last.sortKey, last.id]) : null,
  };
}
