import type { Insertable } from 'kysely';
import type { ComplaintStepData } from '../../../shared/contract/complaints';
import {
  COMPLAINT_NUMBER_PREFIX,
  complaintNumber,
  responseDueAt,
  stepOutcome,
  type ComplaintLevel,
} from '../../../shared/domain/complaints';
import { wallClock } from '../../../shared/domain/desk-time';
import type { Actor } from '../context';
import type { Db } from '../db/connection';
import type { ComplaintsTable } from '../db/schema';
import { fail } from '../errors';
import * as repo from './repository';

// What opening a complaint writes, by hand or from a survey draft: the complaint row with its number and due time,
// its first step, and the checks on the people it names.

export async function activeUser(trx: Db, userId: number, field: string): Promise<void> {
  const user = await repo.findUser(trx, userId);
  if (!user) fail('NOT_FOUND', 'notFound', field, { what: 'user' });
  if (user.active !== 1) fail('RULE', 'complaint.userInactive', field);
}

/**
 * Nobody acts on a complaint about their own work: the person it names (the advisor or technician it is against)
 * and the advisor of its RO may read it, but neither confirm, dismiss nor record a step of it (README, Trust).
 */
export async function refuseOwnWork(
  trx: Db,
  actor: Actor,
  row: { against_user_id: number | null; repair_order_id: number | null },
  reason: string,
  field: string,
): Promise<void> {
  if (row.against_user_id === actor.id) fail('FORBIDDEN', reason, field);
  if (row.repair_order_id !== null && (await repo.findRepairOrder(trx, row.repair_order_id))?.advisor_id === actor.id)
    fail('FORBIDDEN', reason, field);
}

type NewComplaint = Pick<
  Insertable<ComplaintsTable>,
  | 'source'
  | 'survey_response_id'
  | 'customer_id'
  | 'vehicle_id'
  | 'repair_order_id'
  | 'level'
  | 'against_department'
  | 'against_user_id'
  | 'customer_says'
  | 'customer_wants'
>;

/**
 * Numbers and writes a new complaint: open (step 1 to be recorded by the caller) or a draft (no step yet, nothing
 * awaited; its response due time is set again when it is confirmed).
 */
export async function insertComplaint(
  trx: Db,
  actor: Actor,
  now: string,
  status: 'open' | 'draft',
  fields: NewComplaint & { level: ComplaintLevel },
): Promise<{ id: number; number: string }> {
  const year = Number(wallClock(new Date(now)).day.slice(0, 4));
  const number = complaintNumber(year, await repo.nextDocumentNumber(trx, COMPLAINT_NUMBER_PREFIX, year));
  const id = await repo.insertComplaint(trx, {
    ...fields,
    number,
    status,
    next_step: status === 'open' ? stepOutcome('record').next : null,
    created_by: actor.id,
    created_at: now,
    response_due_at: responseDueAt(now, fields.level),
    first_response_at: null,
    closed_at: null,
    valid: null,
    validity_reason: '',
    department: null,
    responsible_user_id: null,
    cause: '',
    resolution_kind: null,
    amount_fen: null,
    resolution: '',
    approved_by: null,
    approved_at: null,
    satisfied: null,
    root_cause: null,
    corrective_action: '',
    version: 1,
    updated_at: now,
  });
  return { id, number };
}

export async function recordStep1(
  trx: Db,
  actor: Actor,
  complaintId: number,
  now: string,
  correction: { recordedCustomerSays?: string; correctedCustomerSays?: string } = {},
): Promise<void> {
  const data: ComplaintStepData = { step: 'record', ...correction };
  await repo.insertStep(trx, {
    complaint_id: complaintId,
    step: 'record',
    data: JSON.stringify(data),
    by_user_id: actor.id,
    at: now,
  });
}
