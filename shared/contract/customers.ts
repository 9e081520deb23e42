import { type } from '@orpc/contract';
import { z } from 'zod';
import {
  CONTACT_CHANNELS,
  CUSTOMER_KINDS,
  PHONE_LABELS,
  type ContactChannel,
  type CustomerKind,
  type PhoneLabel,
} from '../domain/enums';
import { procedure } from './base';
import { id, multiLine, phoneNumber, refuseInvisible, singleLine, version } from './fields';
import { gridCursor, type KeysetPage } from './keyset';
import { gridInput, pageInput, type Page } from './paging';
import type { VehicleSummary } from './vehicles';
import { visitsContract } from './customers/visits';

const READ = ['advisor', 'foreman', 'csi_agent', 'parts_clerk', 'manager', 'admin'] as const;
const WRITE = ['advisor', 'csi_agent', 'manager'] as const;

/** Phones one customer file may hold. */
export const MAX_PHONES = 5;

const email = z.union([z.literal(''), z.email({ message: 'email' }).max(200)]);

export const customerFields = z.strictObject({
  kind: z.enum(CUSTOMER_KINDS),
  name: singleLine().min(1).max(100),
  /** For a company: the person who brings the car in. */
  contactPerson: singleLine().max(100).default(''),
  phones: z
    .array(z.strictObject({ number: phoneNumber, label: z.enum(PHONE_LABELS).default('mobile') }))
    .min(1)
    .max(MAX_PHONES),
  email: email.default(''),
  address: multiLine().max(300).default(''),
  preferredContact: z.enum(CONTACT_CHANNELS).default('phone'),
  /** Consent to be contacted (PIPL); the core records when it was given or withdrawn. */
  consentToContact: z.boolean().default(false),
});
export type CustomerFields = z.input<typeof customerFields>;

export interface PhoneDto {
  number: string;
  label: PhoneLabel;
}

export interface NoteDto {
  id: number;
  body: string;
  authorName: string;
  createdAt: string;
}

export interface CustomerDetail {
  id: number;
  kind: CustomerKind;
  name: string;
  contactPerson: string;
  phones: PhoneDto[];
  email: string;
  address: string;
  preferredContact: ContactChannel;
  consentToContact: boolean;
  consentChangedAt: string | null;
  mergedIntoId: number | null;
  /** Set when the file was erased on the customer's request (PIPL): its personal fields are anonymised. */
  erasedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  vehicles: VehicleSummary[];
  pastVehicles: VehicleSummary[];
  notes: NoteDto[];
}

export type LookupMatch = 'vin' | 'plate' | 'phone' | 'name' | 'pinyin';

/** One line of the reception look-up: a customer with one of their cars (either may be missing). */
export interface LookupRow {
  customerId: number | null;
  customerName: string | null;
  phone: string | null;
  vehicleId: number | null;
  plate: string | null;
  vin: string | null;
  makeModel: string | null;
  matchedBy: LookupMatch;
  /** The car has an open recall or service campaign today (campaigns.openForVehicle tells which). */
  openCampaign: boolean;
}

export interface CustomerListRow {
  id: number;
  kind: CustomerKind;
  name: string;
  phone: string;
  vehicleCount: number;
  updatedAt: string;
}

/** Columns the customer grid may sort and filter by; anything else is refused. */
export const CUSTOMER_GRID_COLUMNS = ['name', 'kind', 'phone', 'updatedAt'] as const;
export type CustomerGridColumn = (typeof CUSTOMER_GRID_COLUMNS)[number];

export const customersContract = {
  /**
   * The reception look-up: one box that finds by plate (any spacing, any case), VIN or its last 6-8 characters,
   * phone or its last 4+ digits, the start of a name, or a name's pinyin (full, initials, or full syllables then
   * initials: "zhangsan", "zs", "zhang s"). Best matches first, paged.
   */
  lookup: procedure
    .meta({ access: READ })
    .input(pageInput.extend({ q: z.string().max(60).superRefine(refuseInvisible(false)) }))
    .output(type<Page<LookupRow>>()),

  get: procedure.meta({ access: READ }).input(z.strictObject({ id })).output(type<CustomerDetail>()),

  create: procedure.meta({ access: WRITE }).input(customerFields).output(type<CustomerDetail>()),

  update: procedure.meta({ access: WRITE }).input(customerFields.extend({ id, version })).output(type<CustomerDetail>()),

  addNote: procedure
    .meta({ access: ['advisor', 'foreman', 'csi_agent', 'manager'] })
    .input(z.strictObject({ customerId: id, body: multiLine().min(1).max(2000) }))
    .output(type<NoteDto>()),

  /** Folds a duplicate into the file that stays: its phones, cars and notes move over; the duplicate is retired. */
  merge: procedure
    .meta({ access: ['advisor', 'manager'] })
    .input(
      z.strictObject({ keepId: id, duplicateId: id }).refine((v) => v.keepId !== v.duplicateId, {
        message: 'merge.same',
        path: ['duplicateId'],
      }),
    )
    .output(type<CustomerDetail>()),

  /** The customer grid: live files, sorted and filtered in SQL; `after` continues from the previous page's `next`. */
  grid: procedure
    .meta({ access: READ })
    .input(gridInput(CUSTOMER_GRID_COLUMNS).safeExtend(gridCursor))
    .output(type<KeysetPage<CustomerListRow>>()),

  ...visitsContract,
};
