import type { CustomerDetail } from './customers';
import type { PartDetail } from './parts';
import type { RepairOrderDetail } from './repair-orders';

/**
 * What a form edits of a record, flattened to plain values keyed by field name (a job's fields as
 * `jobs.<n>.<field>`, n counted from 1). The core sends it with a stale-version refusal; the screen builds the same from what it
 * loaded, and the keys whose values differ are what the other desk changed.
 */
export type EditValues = Record<string, string | number | boolean | null>;

/** What a save from a stale version met: the record as it is stored now, so the screen can show what changed. */
export interface StaleCurrent {
  version: number;
  /** When the other desk saved (ISO-8601 UTC). */
  updatedAt: string;
  /** Who saved it, when the record keeps it (null otherwise). */
  updatedBy: string | null;
  values: EditValues;
}

/** The customer form's fields (phones as one list of numbers). */
export function customerEditValues(customer: CustomerDetail): EditValues {
  return {
    kind: customer.kind,
    name: customer.name,
    contactPerson: customer.contactPerson,
    phones: customer.phones.map((phone) => phone.number).join(', '),
    email: customer.email,
    address: customer.address,
    preferredContact: customer.preferredContact,
    consentToContact: customer.consentToContact,
  };
}

/** The part form's master fields (prices in fen, levels in thousandths). */
export function partEditValues(part: PartDetail): EditValues {
  return {
    partNumber: part.partNumber,
    nameZh: part.nameZh,
    nameEn: part.nameEn,
    brand: part.brand,
    unit: part.unit,
    listPriceFen: part.listPriceFen,
    costFen: part.costFen,
    taxClass: part.taxClass,
    defaultBin: part.defaultBin,
    minQtyMilli: part.minQtyMilli,
    maxQtyMilli: part.maxQtyMilli,
    active: part.active,
  };
}

/** What the RO's edits change: its status, promised time and total, and each job's fields and lines. */
export function repairOrderEditValues(ro: RepairOrderDetail): EditValues {
  const values: EditValues = {
    status: ro.status,
    promisedAt: ro.promisedAt,
    totalFen: ro.totals.all.totalFen,
  };
  ro.jobs.forEach((job, index) => {
    // Numbered as the RO page numbers its job cards.
    const key = `jobs.${index + 1}`;
    values[`${key}.concern`] = job.concern;
    values[`${key}.cause`] = job.cause;
    values[`${key}.correction`] = job.correction;
    values[`${key}.concernGroup`] = job.concernGroup;
    values[`${key}.payer`] = job.payer;
    values[`${key}.workCategory`] = job.workCategory;
    values[`${key}.lines`] = [...job.laborLines, ...job.partLines].map((line) => line.code || line.nameZh).join(', ');
  });
  return values;
}

/** The keys whose values differ between what a screen loaded and what is stored now, in the stored record's order. */
export function changedKeys(loaded: EditValues, current: EditValues): string[] {
  const keys = [...Object.keys(current), ...Object.keys(loaded).filter((key) => !(key in current))];
  return keys.filter((key) => (loaded[key] ?? null) !== (current[key] ?? null));
}

/** The stale-version payload for a record loaded as a DTO (who saved it is not kept on these records). */
export function staleCurrent(record: { version: number; updatedAt: string }, values: EditValues): StaleCurrent {
  return { version: record.version, updatedAt: record.updatedAt, updatedBy: null, values };
}
