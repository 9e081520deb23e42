import type { Generated } from 'kysely';
import type { ContactChannel, CustomerKind, PhoneLabel } from '../../../../shared/domain/enums';
import type { ConsentMethod, ConsentPurpose } from '../../../../shared/domain/privacy';

export interface CustomersTable {
  id: Generated<number>;
  kind: CustomerKind;
  name: string;
  /** nameKey(name): what the name-prefix search reads. */
  name_key: string;
  contact_person: string;
  email: string;
  address: string;
  preferred_contact: ContactChannel;
  consent_to_contact: number;
  consent_changed_at: string | null;
  merged_into_id: number | null;
  /** Set when the file was erased on the customer's request (PIPL): its personal fields are anonymised. */
  erased_at: string | null;
  erased_by: number | null;
  erase_reason: Generated<string>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  /** The previous DMS's id of an imported customer (migration 0037); null for the desk's own. */
  legacy_id: Generated<string | null>;
}

/** One consent given or withdrawn (PIPL), as written down at the desk: by whom, when, how. */
export interface CustomerConsentsTable {
  id: Generated<number>;
  customer_id: number;
  purpose: ConsentPurpose;
  granted: number;
  method: ConsentMethod;
  note: string;
  recorded_by: number | null;
  recorded_at: string;
}

export interface CustomerPhonesTable {
  id: Generated<number>;
  customer_id: number;
  /** Normalised digits (a leading + kept). */
  number: string;
  /** The digits reversed, so "last 4 digits" is an indexed prefix search. */
  number_rev: string;
  label: PhoneLabel;
  position: number;
}

export interface CustomerNotesTable {
  id: Generated<number>;
  customer_id: number;
  author_id: number;
  body: string;
  created_at: string;
}

/** Every one- and two-character piece of each customer name_key, for searches too short for trigrams; kept by triggers (migration 0022). */
export interface CustomerNameGramsTable {
  gram: string;
  customer_id: number;
}

/**
 * The pinyin keys of each live customer file's name (shared/domain/pinyin-keys.ts), written with the name by the
 * customer service; the look-up searches a range of `key` (migration 0034).
 */
export interface CustomerPinyinTable {
  customer_id: number;
  key: string;
}
