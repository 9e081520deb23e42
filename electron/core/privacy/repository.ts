import { sql } from 'kysely';
import type { ConsentMethod, ConsentPurpose } from '../../../shared/domain/privacy';
import type { Db } from '../db/connection';

export interface ConsentWrite {
  customer_id: number;
  purpose: ConsentPurpose;
  granted: number;
  method: ConsentMethod;
  note: string;
  recorded_by: number | null;
  recorded_at: string;
}

/** One consent change; called in the transaction that changes the customer file's consent. */
export async function insertConsent(db: Db, row: ConsentWrite): Promise<void> {
  await db.insertInto('customer_consents').values(row).execute();
}

export function findConsents(db: Db, customerId: number) {
  return db
    .selectFrom('customer_consents as k')
    .leftJoin('users as u', 'u.id', 'k.recorded_by')
    .select(['k.id', 'k.purpose', 'k.granted', 'k.method', 'k.note', 'k.recorded_at', 'u.display_name as recorded_by_name'])
    .where('k.customer_id', '=', customerId)
    .orderBy('k.recorded_at', 'desc')
    .orderBy('k.id', 'desc')
    .execute();
}

export function findCustomer(db: Db, id: number) {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function phoneNumbers(db: Db, customerId: number): Promise<string[]> {
  const rows = await db.selectFrom('customer_phones').select('number').where('customer_id', '=', customerId).execute();
  return rows.map((row) => row.number);
}

export async function setContactConsent(db: Db, customerId: number, granted: boolean, now: string): Promise<void> {
  await db
    .updateTable('customers')
    .set({ consent_to_contact: granted ? 1 : 0, consent_changed_at: now, updated_at: now, version: sql`version + 1` })
    .where('id', '=', customerId)
    .execute();
}

/** Everything held about one customer, table by table, for the export file (rows as stored). */
export async function exportRows(db: Db, customerId: number) {
  const customer = await db.selectFrom('customers').selectAll().where('id', '=', customerId).executeTakeFirst();
  const phones = await db
    .selectFrom('customer_phones')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('position')
    .execute();
  const notes = await db
    .selectFrom('customer_notes as n')
    .leftJoin('users as u', 'u.id', 'n.author_id')
    .select(['n.id', 'n.body', 'n.created_at', 'u.display_name as author'])
    .where('n.customer_id', '=', customerId)
    .orderBy('n.id')
    .execute();
  const ownerships = await db
    .selectFrom('vehicle_ownerships')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute();
  const ros = await db.selectFrom('repair_orders').selectAll().where('customer_id', '=', customerId).orderBy('id').execute();
  const vehicleIds = [...new Set([...ownerships.map((o) => o.vehicle_id), ...ros.map((r) => r.vehicle_id)])];
  const roIds = ros.map((r) => r.id);
  const vehicles = vehicleIds.length
    ? await db.selectFrom('vehicles').selectAll().where('id', 'in', vehicleIds).orderBy('id').execute()
    : [];
  const mileage = vehicleIds.length
    ? await db
        .selectFrom('vehicle_mileage')
        .selectAll()
        .where('vehicle_id', 'in', vehicleIds)
        .orderBy('recorded_at')
        .orderBy('id')
        .execute()
    : [];
  const jobs = roIds.length
    ? await db.selectFrom('repair_order_jobs').selectAll().where('repair_order_id', 'in', roIds).orderBy('id').execute()
    : [];
  const lines = roIds.length
    ? await db.selectFrom('repair_order_lines').selectAll().where('repair_order_id', 'in', roIds).orderBy('id').execute()
    : [];
  const payments = roIds.length
    ? await db.selectFrom('repair_order_payments').selectAll().where('repair_order_id', 'in', roIds).orderBy('id').execute()
    : [];
  const appointments = await db
    .selectFrom('appointments')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute();
  const tasks = await db.selectFrom('followup_tasks').selectAll().where('customer_id', '=', customerId).orderBy('id').execute();
  const taskIds = tasks.map((t) => t.id);
  const attempts = taskIds.length
    ? await db.selectFrom('followup_attempts').selectAll().where('task_id', 'in', taskIds).orderBy('id').execute()
    : [];
  const surveys = await db
    .selectFrom('survey_responses')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute();
  const responseIds = surveys.map((s) => s.id);
  const answers = responseIds.length
    ? await db
        .selectFrom('survey_answers as a')
        .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
        .select(['a.response_id', 'a.question_id', 'q.text_zh as question', 'a.scale', 'a.factor', 'a.value_int', 'a.value_text'])
        .where('a.response_id', 'in', responseIds)
        .orderBy('a.id')
        .execute()
    : [];
  const complaints = await db.selectFrom('complaints').selectAll().where('customer_id', '=', customerId).orderBy('id').execute();
  const complaintIds = complaints.map((c) => c.id);
  const complaintSteps = complaintIds.length
    ? await db.selectFrom('complaint_steps').selectAll().where('complaint_id', 'in', complaintIds).orderBy('id').execute()
    : [];
  const consents = await db
    .selectFrom('customer_consents')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute();
  return {
    customer,
    phones,
    notes,
    vehicles,
    ownerships,
    mileage,
    ros,
    jobs,
    lines,
    payments,
    appointments,
    tasks,
    attempts,
    surveys,
    answers,
    complaints,
    complaintSteps,
    consents,
  };
}

/** Repair orders of the customer still under way or unpaid (not closed or cancelled): erasure waits for them. */
export async function countUnfinishedRepairOrders(db: Db, customerId: number): Promise<number> {
  const row = await db
    .selectFrom('repair_orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customer_id', '=', customerId)
    .where('status', 'not in', ['closed', 'cancelled'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countRepairOrders(db: Db, customerId: number): Promise<number> {
  const row = await db
    .selectFrom('repair_orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function anonymiseCustomer(
  db: Db,
  customerId: number,
  values: { name: string; name_key: string; erased_at: string; erased_by: number; erase_reason: string },
): Promise<void> {
  await db
    .updateTable('customers')
    .set({
      ...values,
      contact_person: '',
      email: '',
      address: '',
      consent_to_contact: 0,
      consent_changed_at: values.erased_at,
      updated_at: values.erased_at,
      version: sql`version + 1`,
    })
    .where('id', '=', customerId)
    .execute();
  await db.deleteFrom('customer_phones').where('customer_id', '=', customerId).execute();
  await db.deleteFrom('customer_notes').where('customer_id', '=', customerId).execute();
  await db.updateTable('customer_consents').set({ note: '' }).where('customer_id', '=', customerId).execute();
  // The cars stay (their repair history is kept) but are no longer anyone's we know.
  await db
    .updateTable('vehicle_ownerships')
    .set({ to_at: values.erased_at })
    .where('customer_id', '=', customerId)
    .where('to_at', 'is', null)
    .execute();
  await db
    .updateTable('appointments')
    .set({ status: 'cancelled', cancel_reason: '', updated_at: values.erased_at, version: sql`version + 1` })
    .where('customer_id', '=', customerId)
    .where('status', '=', 'booked')
    .execute();
  // Who drove a loaner car on their ROs, and their licence: personal data the loan itself does not need once back.
  await db
    .updateTable('loaner_loans')
    .set({ driver_name: '', licence_number: '' })
    .where('repair_order_id', 'in', db.selectFrom('repair_orders').select('id').where('customer_id', '=', customerId))
    .execute();
}

/** Free text that may name the customer, with the key to write a scrubbed version back. */
export async function freeTexts(db: Db, customerId: number) {
  const complaints = await db
    .selectFrom('complaints')
    .select(['id', 'customer_says', 'customer_wants', 'cause', 'resolution', 'corrective_action', 'validity_reason'])
    .where('customer_id', '=', customerId)
    .execute();
  const steps = await db
    .selectFrom('complaint_steps as s')
    .innerJoin('complaints as c', 'c.id', 's.complaint_id')
    .select(['s.id', 's.data'])
    .where('c.customer_id', '=', customerId)
    .execute();
  const attempts = await db
    .selectFrom('followup_attempts as a')
    .innerJoin('followup_tasks as t', 't.id', 'a.task_id')
    .select(['a.id', 'a.note'])
    .where('t.customer_id', '=', customerId)
    .execute();
  const answers = await db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
    .select(['a.id', 'a.value_text'])
    .where('r.customer_id', '=', customerId)
    .where('a.value_text', 'is not', null)
    .execute();
  const appointments = await db
    .selectFrom('appointments')
    .select(['id', 'note', 'concerns'])
    .where('customer_id', '=', customerId)
    .execute();
  return { complaints, steps, attempts, answers, appointments };
}

export async function updateComplaintTexts(
  db: Db,
  id: number,
  texts: {
    customer_says: string;
    customer_wants: string;
    cause: string;
    resolution: string;
    corrective_action: string;
    validity_reason: string;
  },
): Promise<void> {
  await db.updateTable('complaints').set(texts).where('id', '=', id).execute();
}

export async function updateComplaintStepData(db: Db, id: number, data: string): Promise<void> {
  await db.updateTable('complaint_steps').set({ data }).where('id', '=', id).execute();
}

export async function updateAttemptNote(db: Db, id: number, note: string): Promise<void> {
  await db.updateTable('followup_attempts').set({ note }).where('id', '=', id).execute();
}

export async function updateAnswerText(db: Db, id: number, valueText: string): Promise<void> {
  await db.updateTable('survey_answers').set({ value_text: valueText }).where('id', '=', id).execute();
}

export async function updateAppointmentTexts(db: Db, id: number, texts: { note: string; concerns: string }): Promise<void> {
  await db.updateTable('appointments').set(texts).where('id', '=', id).execute();
}
