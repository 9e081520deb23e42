import { type } from '@orpc/contract';
import { z } from 'zod';
import { CONSENT_METHODS_RECORDED, CONSENT_PURPOSES, type ConsentMethod, type ConsentPurpose } from '../domain/privacy';
import { procedure } from './base';
import { id, multiLine, singleLine } from './fields';

/** Personal data under PIPL (issue 7 item 5): consent history, export of everything held, erasure on request. */

/** Who reads and writes consents: the people who talk to customers. */
const READ = ['advisor', 'foreman', 'csi_agent', 'manager'] as const;
const WRITE = ['advisor', 'csi_agent', 'manager'] as const;

export interface ConsentDto {
  id: number;
  purpose: ConsentPurpose;
  granted: boolean;
  method: ConsentMethod;
  note: string;
  /** Who wrote it down; null for consents carried over from before the history was kept. */
  recordedByName: string | null;
  recordedAt: string;
}

/** A customer's consents: where each purpose stands now, and every change, newest first. */
export interface ConsentsDto {
  customerId: number;
  consentToContact: boolean;
  consentChangedAt: string | null;
  /** Set when the file was erased on request: nothing may be recorded on it any more. */
  erasedAt: string | null;
  history: ConsentDto[];
}

export const recordConsentInput = z.strictObject({
  customerId: id,
  purpose: z.enum(CONSENT_PURPOSES).default('contact'),
  granted: z.boolean(),
  method: z.enum(CONSENT_METHODS_RECORDED),
  note: multiLine().max(500).default(''),
});
export type RecordConsentInput = z.input<typeof recordConsentInput>;

export const eraseCustomerInput = z.strictObject({
  customerId: id,
  /** The customer's name typed again by the manager, exactly as the file shows it: a guard against the wrong file. */
  confirmName: singleLine().min(1).max(100),
  /** Why: the customer's request as received (date, channel); kept with the erased file. */
  reason: multiLine().min(1).max(500),
});
export type EraseCustomerInput = z.input<typeof eraseCustomerInput>;

export interface PersonalDataExport {
  fileName: string;
  /** The JSON file, base64 (UTF-8). */
  dataBase64: string;
}

export interface EraseResult {
  customerId: number;
  erasedAt: string;
  /** Repair orders kept for the legal period (三包 rules: 6 years), now pointing to the anonymised file. */
  keptRepairOrders: number;
}

export const privacyContract = {
  /** The customer's consent history (who recorded each change, when and how) and where each consent stands now. */
  consents: procedure
    .meta({ access: READ })
    .input(z.strictObject({ customerId: id }))
    .output(type<ConsentsDto>()),

  /**
   * Records a consent given or withdrawn (on paper, said at the desk, on the phone) with a note: the customer file's
   * consent changes and a history row keeps who, when and how, in one transaction. Refused on an erased file.
   */
  recordConsent: procedure.meta({ access: WRITE }).input(recordConsentInput).output(type<ConsentsDto>()),

  /**
   * Everything BayDesk holds about a customer as one JSON file (PIPL's right of access): the file, phones, notes,
   * cars with ownership and mileage, repair orders with jobs, lines and payments, appointments, follow-up tasks and
   * surveys, complaints, consents.
   */
  exportCustomer: procedure
    .meta({ access: ['advisor', 'csi_agent', 'manager'] })
    .input(z.strictObject({ customerId: id }))
    .output(type<PersonalDataExport>()),

  /**
   * Erases a customer on request (manager only): the name becomes "已删除客户 #id", phones, e-mail, address and notes
   * go, consent is withdrawn, the cars are no longer theirs, and personal free text in complaints and follow-up is
   * scrubbed; repair orders, jobs, lines and payments stay for the legal period. Refused while an RO of theirs is not
   * closed or cancelled, and when the typed name does not match. One transaction.
   */
  eraseCustomer: procedure
    .meta({ access: ['manager'] })
    .input(eraseCustomerInput)
    .output(type<EraseResult>()),
};
