import type { z } from 'zod';
import type {
  ConsentsDto,
  EraseResult,
  PersonalDataExport,
  eraseCustomerInput,
  recordConsentInput,
} from '../../../shared/contract/privacy';
import { erasedCustomerName } from '../../../shared/domain/privacy';
import { nameKey } from '../../../shared/domain/text';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { fail, notFound } from '../errors';
import * as repo from './repository';

async function loadConsents(db: Db, customerId: number): Promise<ConsentsDto> {
  const customer = await repo.findCustomer(db, customerId);
  if (!customer) notFound('customer');
  const rows = await repo.findConsents(db, customerId);
  return {
    customerId,
    consentToContact: customer.consent_to_contact === 1,
    consentChangedAt: customer.consent_changed_at,
    erasedAt: customer.erased_at,
    history: rows.map((row) => ({
      id: row.id,
      purpose: row.purpose,
      granted: row.granted === 1,
      method: row.method,
      note: row.note,
      recordedByName: row.recorded_by_name,
      recordedAt: row.recorded_at,
    })),
  };
}

export function consents(deps: CoreDeps, customerId: number): Promise<ConsentsDto> {
  return loadConsents(deps.db, customerId);
}

/**
 * The history row of a consent change made through the customer form (customers.create/update), written in their
 * transaction: the form does not say how the customer agreed, so the method is `form`.
 */
export async function recordFormConsent(db: Db, actor: Actor, customerId: number, granted: boolean, now: string): Promise<void> {
  await repo.insertConsent(db, {
    customer_id: customerId,
    purpose: 'contact',
    granted: granted ? 1 : 0,
    method: 'form',
    note: '',
    recorded_by: actor.id,
    recorded_at: now,
  });
}

/** The customer file a consent or an erasure is about: it must exist, not be erased, not be merged into another. */
async function liveCustomer(trx: Parameters<typeof repo.findCustomer>[0], customerId: number) {
  const customer = await repo.findCustomer(trx, customerId);
  if (!customer) notFound('customer');
  if (customer.erased_at !== null) fail('RULE', 'privacy.erased', 'customerId');
  if (customer.merged_into_id !== null) fail('RULE', 'customer.merged', 'customerId', { into: customer.merged_into_id });
  return customer;
}

export async function recordConsent(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof recordConsentInput>,
): Promise<ConsentsDto> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const customer = await liveCustomer(trx, input.customerId);
    await repo.insertConsent(trx, {
      customer_id: input.customerId,
      purpose: input.purpose,
      granted: input.granted ? 1 : 0,
      method: input.method,
      note: input.note,
      recorded_by: actor.id,
      recorded_at: now,
    });
    // The file's flag is what follow-up and reminders read; a confirmation of the same answer only adds history.
    if ((customer.consent_to_contact === 1) !== input.granted)
      await repo.setContactConsent(trx, input.customerId, input.granted, now);
    return loadConsents(trx, input.customerId);
  });
}

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A stored row as the export file shows it: camelCase keys, values as stored (money in fen, times ISO-8601 UTC). */
function exported<T extends object>(row: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [camel(key), value]));
}

export async function exportCustomer(deps: CoreDeps, actor: Actor, customerId: number): Promise<PersonalDataExport> {
  const data = await repo.exportRows(deps.db, customerId);
  if (!data.customer) notFound('customer');
  const rows = <T extends object>(list: T[]) => list.map(exported);
  const byRo = <T extends { repair_order_id: number }>(list: T[], id: number) =>
    rows(list.filter((r) => r.repair_order_id === id));
  const file = {
    exportedAt: isoNow(deps.clock),
    exportedBy: actor.displayName,
    notice: 'BayDesk personal data export (PIPL). Money in fen (1/100 yuan); times ISO-8601 UTC.',
    customer: exported(data.customer),
    phones: rows(data.phones),
    notes: rows(data.notes),
    consents: rows(data.consents),
    vehicles: data.vehicles.map((vehicle) => ({
      ...exported(vehicle),
      ownerships: rows(data.ownerships.filter((o) => o.vehicle_id === vehicle.id)),
      mileage: rows(data.mileage.filter((m) => m.vehicle_id === vehicle.id)),
    })),
    repairOrders: data.ros.map((ro) => ({
      ...exported(ro),
      jobs: data.jobs
        .filter((j) => j.repair_order_id === ro.id)
        .map((job) => ({ ...exported(job), lines: rows(data.lines.filter((l) => l.job_id === job.id)) })),
      payments: byRo(data.payments, ro.id),
    })),
    appointments: rows(data.appointments),
    followupTasks: data.tasks.map((task) => ({
      ...exported(task),
      attempts: rows(data.attempts.filter((a) => a.task_id === task.id)),
    })),
    surveys: data.surveys.map((survey) => ({
      ...exported(survey),
      answers: rows(data.answers.filter((a) => a.response_id === survey.id)),
    })),
    complaints: data.complaints.map((complaint) => ({
      ...exported(complaint),
      steps: rows(data.complaintSteps.filter((s) => s.complaint_id === complaint.id)),
    })),
  };
  const day = file.exportedAt.slice(0, 10);
  return {
    fileName: `customer-${customerId}-personal-data-${day}.json`,
    dataBase64: Buffer.from(JSON.stringify(file, null, 2), 'utf8').toString('base64'),
  };
}

/** Mainland mobile numbers written anywhere in free text. */
const MOBILE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const SCRUBBED = '***';

/** Free text with the customer's name, contact person and phone numbers (and any mobile number) replaced. */
function scrubber(needles: string[]): (text: string) => string {
  const words = [...new Set(needles.map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length);
  return (text) => words.reduce((out, word) => out.split(word).join(SCRUBBED), text).replace(MOBILE_IN_TEXT, SCRUBBED);
}

export async function eraseCustomer(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof eraseCustomerInput>,
): Promise<EraseResult> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const customer = await liveCustomer(trx, input.customerId);
    if (input.confirmName !== customer.name.trim()) fail('RULE', 'privacy.confirmName', 'confirmName');
    const unfinished = await repo.countUnfinishedRepairOrders(trx, customer.id);
    if (unfinished > 0) fail('RULE', 'privacy.openRepairOrder', 'customerId', { count: unfinished });

    const phones = await repo.phoneNumbers(trx, customer.id);
    const scrub = scrubber([customer.name, customer.contact_person, customer.email, customer.address, ...phones]);
    const texts = await repo.freeTexts(trx, customer.id);
    for (const c of texts.complaints) {
      await repo.updateComplaintTexts(trx, c.id, {
        customer_says: scrub(c.customer_says),
        customer_wants: scrub(c.customer_wants),
        cause: scrub(c.cause),
        resolution: scrub(c.resolution),
        corrective_action: scrub(c.corrective_action),
        validity_reason: scrub(c.validity_reason),
      });
    }
    for (const s of texts.steps) {
      const data = scrub(s.data);
      if (data !== s.data) await repo.updateComplaintStepData(trx, s.id, data);
    }
    for (const a of texts.attempts) {
      const note = scrub(a.note);
      if (note !== a.note) await repo.updateAttemptNote(trx, a.id, note);
    }
    for (const a of texts.answers) {
      const value = scrub(a.value_text ?? '');
      if (value !== a.value_text) await repo.updateAnswerText(trx, a.id, value);
    }
    for (const a of texts.appointments) {
      const note = scrub(a.note);
      const concerns = scrub(a.concerns);
      if (note !== a.note || concerns !== a.concerns) await repo.updateAppointmentTexts(trx, a.id, { note, concerns });
    }

    if (customer.consent_to_contact === 1) {
      await repo.insertConsent(trx, {
        customer_id: customer.id,
        purpose: 'contact',
        granted: 0,
        method: 'erasure',
        note: '',
        recorded_by: actor.id,
        recorded_at: now,
      });
    }
    const name = erasedCustomerName(customer.id);
    await repo.anonymiseCustomer(trx, customer.id, {
      name,
      name_key: nameKey(name),
      erased_at: now,
      erased_by: actor.id,
      erase_reason: input.reason,
    });
    return { customerId: customer.id, erasedAt: now, keptRepairOrders: await repo.countRepairOrders(trx, customer.id) };
  });
}
