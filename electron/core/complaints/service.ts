import type { Insertable, Updateable } from 'kysely';
import type { z } from 'zod';
import type {
  ClosureRateDto,
  ComplaintDetailDto,
  ComplaintDto,
  ComplaintStepData,
  ComplaintStepDto,
  ComplaintPersonDto,
  advanceComplaintInput,
  closureRateInput,
  confirmComplaintInput,
  dismissComplaintInput,
  complaintsListInput,
  createComplaintInput,
} from '../../../shared/contract/complaints';
import type { Page } from '../../../shared/contract/paging';
import {
  CLOSURE_WINDOW_DAYS,
  COMPLAINT_NUMBER_PREFIX,
  COMPLAINT_STEP_NUMBER,
  closureRate as rateOf,
  complaintNumber,
  isLateResponse,
  responseDueAt,
  stepOutcome,
  type ComplaintLevel,
  draftCustomerSays,
  draftTarget,
  type LowAnswer,
} from '../../../shared/domain/complaints';
import { isDissatisfied } from '../../../shared/domain/csi';
import { addDays, instantAt, wallClock } from '../../../shared/domain/desk-time';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import type { ComplaintsTable } from '../db/schema';
import { fail, notFound, staleVersion } from '../errors';
import * as repo from './repository';
import { recordAudit } from '../audit/record';
import type { AuditValue } from '../../../shared/contract/audit';

/** Step fields that hold a choice from a list (kept in the audit trail), not free text. */
const ENUM_STEP_FIELDS = new Set(['department', 'resolutionKind', 'rootCause']);

type AdvanceInput = z.output<typeof advanceComplaintInput>;

function person(id: number | null, name: string | null) {
  return id !== null && name !== null ? { id, displayName: name } : null;
}

function toDto(row: repo.ComplaintRow): ComplaintDto {
  return {
    id: row.id,
    number: row.number,
    source: row.source,
    level: row.level,
    status: row.status,
    nextStep: row.next_step,
    customer: { id: row.customer_id, name: row.customer_name },
    vehicle: row.vehicle_id !== null && row.plate !== null ? { id: row.vehicle_id, plate: row.plate } : null,
    repairOrder:
      row.repair_order_id !== null && row.repair_order_number !== null
        ? { id: row.repair_order_id, number: row.repair_order_number }
        : null,
    surveyResponseId: row.survey_response_id,
    againstDepartment: row.against_department,
    againstPerson: person(row.against_user_id, row.against_name),
    customerSays: row.customer_says,
    customerWants: row.customer_wants,
    createdAt: row.created_at,
    createdBy: { id: row.created_by, displayName: row.creator_name },
    responseDueAt: row.response_due_at,
    firstResponseAt: row.first_response_at,
    overdue: Boolean(row.is_overdue),
    lateResponse: isLateResponse({ responseDueAt: row.response_due_at, firstResponseAt: row.first_response_at }),
    closedAt: row.closed_at,
    version: row.version,
  };
}

async function detail(db: Db, id: number, now: string): Promise<ComplaintDetailDto> {
  const row = await repo.findComplaint(db, id, now);
  if (!row) notFound('complaint');
  const steps = await repo.findSteps(db, id);
  return {
    ...toDto(row),
    valid: row.valid === null ? null : row.valid === 1,
    validityReason: row.validity_reason,
    department: row.department,
    responsible: person(row.responsible_user_id, row.responsible_name),
    cause: row.cause,
    resolution:
      row.resolution_kind === null ? null : { kind: row.resolution_kind, amountFen: row.amount_fen, text: row.resolution },
    approvedBy: person(row.approved_by, row.approver_name),
    approvedAt: row.approved_at,
    satisfied: row.satisfied === null ? null : row.satisfied === 1,
    rootCause: row.root_cause,
    correctiveAction: row.corrective_action,
    steps: steps.map((s): ComplaintStepDto => ({
      id: s.id,
      number: s.step === 'dismiss' ? 1 : COMPLAINT_STEP_NUMBER[s.step],
      by: { id: s.by_user_id, displayName: s.display_name },
      at: s.at,
      data: JSON.parse(s.data) as ComplaintStepData,
    })),
  };
}

async function activeUser(trx: Db, userId: number, field: string): Promise<void> {
  const user = await repo.findUser(trx, userId);
  if (!user) fail('NOT_FOUND', 'notFound', field, { what: 'user' });
  if (user.active !== 1) fail('RULE', 'complaint.userInactive', field);
}

/**
 * Nobody acts on a complaint about their own work: the person it names (the advisor or technician it is against)
 * and the advisor of its RO may read it, but neither confirm, dismiss nor record a step of it (README, Trust).
 */
async function refuseOwnWork(
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
async function insertComplaint(
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

async function recordStep1(
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

export async function create(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof createComplaintInput>,
): Promise<ComplaintDetailDto> {
  const now = isoNow(deps.clock);
  const dto = await deps.db.transaction().execute(async (trx) => {
    const customer = await repo.findCustomer(trx, input.customerId);
    if (!customer) fail('NOT_FOUND', 'notFound', 'customerId', { what: 'customer' });
    if (customer.merged_into_id !== null) fail('RULE', 'customer.merged', 'customerId', { into: customer.merged_into_id });
    let vehicleId = input.vehicleId ?? null;
    if (vehicleId !== null && !(await repo.findVehicle(trx, vehicleId)))
      fail('NOT_FOUND', 'notFound', 'vehicleId', { what: 'vehicle' });
    if (input.repairOrderId !== undefined) {
      const ro = await repo.findRepairOrder(trx, input.repairOrderId);
      if (!ro) fail('NOT_FOUND', 'notFound', 'repairOrderId', { what: 'repairOrder' });
      if (vehicleId !== null && vehicleId !== ro.vehicle_id) fail('RULE', 'complaint.vehicleNotOnOrder', 'vehicleId');
      vehicleId = ro.vehicle_id;
    }
    if (input.againstUserId !== undefined) await activeUser(trx, input.againstUserId, 'againstUserId');

    const { id, number } = await insertComplaint(trx, actor, now, 'open', {
      source: input.source,
      survey_response_id: null,
      customer_id: input.customerId,
      vehicle_id: vehicleId,
      repair_order_id: input.repairOrderId ?? null,
      level: input.level,
      against_department: input.againstDepartment,
      against_user_id: input.againstUserId ?? null,
      customer_says: input.customerSays,
      customer_wants: input.customerWants,
    });
    await recordStep1(trx, actor, id, now);
    // No free text in the trail: it cannot be anonymised when a customer is erased (the complaint itself can).
    const created = { label: number, values: { level: input.level, againstDepartment: input.againstDepartment } };
    await recordAudit(trx, actor, {
      entity: 'complaint',
      entityId: id,
      repairOrderId: input.repairOrderId ?? null,
      action: 'complaint.created',
      at: now,
      details: created,
    });
    return detail(trx, id, now);
  });
  deps.events.publish({ area: 'complaints', id: dto.id });
  return dto;
}

/** The complaint's columns a step sets, and the decision that picks the next step. */
async function stepChanges(
  trx: Db,
  actor: Actor,
  input: AdvanceInput,
  now: string,
): Promise<{ changes: Updateable<ComplaintsTable>; decision?: boolean }> {
  switch (input.step) {
    case 'validity':
      return { changes: { valid: input.valid ? 1 : 0, validity_reason: input.reason }, decision: input.valid };
    case 'assign':
      if (input.responsibleUserId !== undefined) await activeUser(trx, input.responsibleUserId, 'responsibleUserId');
      return { changes: { department: input.department, responsible_user_id: input.responsibleUserId ?? null } };
    case 'analyse':
      return { changes: { cause: input.cause } };
    case 'propose':
      // A new proposal needs a new approval and a new callback.
      return {
        changes: {
          resolution_kind: input.resolutionKind,
          amount_fen: input.amountFen ?? null,
          resolution: input.resolution,
          approved_by: null,
          approved_at: null,
          satisfied: null,
        },
      };
    case 'approve':
      if (actor.role !== 'manager') fail('FORBIDDEN', 'complaint.approveNeedsManager', 'step');
      return {
        changes: input.approved ? { approved_by: actor.id, approved_at: now } : { approved_by: null, approved_at: null },
        decision: input.approved,
      };
    case 'carry_out':
      return { changes: {} };
    case 'callback':
      return { changes: { satisfied: input.satisfied ? 1 : 0 }, decision: input.satisfied };
    case 'summary':
      return { changes: { root_cause: input.rootCause, corrective_action: input.correctiveAction } };
  }
}

export async function advance(deps: CoreDeps, actor: Actor, input: AdvanceInput): Promise<ComplaintDetailDto> {
  const now = isoNow(deps.clock);
  const dto = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findComplaint(trx, input.id, now);
    if (!row) notFound('complaint');
    if (row.version !== input.version) staleVersion();
    if (row.status === 'draft') fail('RULE', 'complaint.draftNotConfirmed', 'step');
    if (row.status !== 'open' || row.next_step === null) fail('RULE', 'complaint.closed', 'step');
    if (row.next_step !== input.step) fail('RULE', 'complaint.stepOrder', 'step', { expected: row.next_step, step: input.step });
    await refuseOwnWork(trx, actor, row, 'complaint.ownComplaint', 'id');

    const { changes, decision } = await stepChanges(trx, actor, input, now);
    const outcome = stepOutcome(input.step, decision);
    const ok = await repo.updateComplaint(trx, row.id, input.version, {
      ...changes,
      status: outcome.status,
      next_step: outcome.next,
      first_response_at: row.first_response_at ?? now,
      closed_at: outcome.next === null ? now : null,
      updated_at: now,
    });
    if (!ok) staleVersion();
    const { id: _id, version: _version, ...data } = input;
    await repo.insertStep(trx, {
      complaint_id: row.id,
      step: input.step,
      data: JSON.stringify(data satisfies ComplaintStepData),
      by_user_id: actor.id,
      at: now,
    });
    // The step's choices, not its free text (see complaint.created).
    const choices = Object.entries(data).filter(
      ([key, v]) => typeof v !== 'string' || key === 'step' || ENUM_STEP_FIELDS.has(key),
    );
    const advanced = {
      label: row.number,
      values: Object.fromEntries(choices) as Record<string, AuditValue>,
      changes: { status: { from: row.status, to: outcome.status } },
    };
    await recordAudit(trx, actor, {
      entity: 'complaint',
      entityId: row.id,
      action: 'complaint.advanced',
      at: now,
      details: advanced,
    });
    return detail(trx, row.id, now);
  });
  deps.events.publish({ area: 'complaints', id: dto.id });
  return dto;
}

export async function get(deps: CoreDeps, id: number): Promise<ComplaintDetailDto> {
  return detail(deps.db, id, isoNow(deps.clock));
}

export async function list(deps: CoreDeps, input: z.output<typeof complaintsListInput>): Promise<Page<ComplaintDto>> {
  const rows = await repo.listComplaints(deps.db, {
    now: isoNow(deps.clock),
    ...(input.status ? { status: input.status } : {}),
    ...(input.level ? { level: input.level } : {}),
    ...(input.source ? { source: input.source } : {}),
    ...(input.overdue !== undefined ? { overdue: input.overdue } : {}),
    ...(input.from ? { createdFrom: instantAt(input.from, 0).toISOString() } : {}),
    ...(input.to ? { createdBefore: instantAt(addDays(input.to, 1), 0).toISOString() } : {}),
    offset: input.offset,
    limit: input.limit,
  });
  return { rows: rows.slice(0, input.limit).map(toDto), hasMore: rows.length > input.limit };
}

/** The two-week closure rate (see the contract's JSDoc and shared/domain/complaints.ts closureState). */
export async function closureRate(deps: CoreDeps, input: z.output<typeof closureRateInput>): Promise<ClosureRateDto> {
  const asOf = input.asOf ? new Date(input.asOf) : deps.clock.now();
  const counts = await repo.closureCounts(deps.db, {
    asOf: asOf.toISOString(),
    twoWeeksBefore: new Date(asOf.getTime() - CLOSURE_WINDOW_DAYS * 86_400_000).toISOString(),
    ...(input.from ? { createdFrom: instantAt(input.from, 0).toISOString() } : {}),
    ...(input.to ? { createdBefore: instantAt(addDays(input.to, 1), 0).toISOString() } : {}),
  });
  return {
    asOf: asOf.toISOString(),
    closed: counts.closed,
    openOverTwoWeeks: counts.openOver,
    openUnderTwoWeeks: counts.openUnder,
    rate: rateOf(counts.closed, counts.openOver),
  };
}

// ---- drafts from a dissatisfied survey ----

/**
 * Opens the draft of a dissatisfied survey, inside the survey's own transaction (called by followup.recordSurvey
 * once the response is written): source 'survey', the response's RO, customer and vehicle; against the department and
 * person the lowest answer points at (shared/domain/complaints draftTarget); "customer says" = the low answers and
 * the verbatims. No step is recorded and no clock runs until someone confirms it.
 */
export async function draftFromSurvey(
  trx: Db,
  actor: Actor,
  responseId: number,
  now: string,
): Promise<{ id: number; number: string }> {
  const response = await repo.surveyResponseForDraft(trx, responseId);
  if (!response) throw new Error(`survey response ${responseId} vanished inside its own transaction`);
  const answers = await repo.surveyAnswersForDraft(trx, responseId);
  const low: LowAnswer[] = [];
  const verbatims: string[] = [];
  for (const a of answers) {
    if (a.scale === 'text') {
      if (a.value_text) verbatims.push(a.value_text);
      continue;
    }
    if (a.value_int === null) continue;
    const scale = a.scale;
    const value = scale === 'yes_no' ? a.value_int === 1 : a.value_int;
    if (isDissatisfied(scale, value)) low.push({ position: a.position, text: a.text_zh, scale, factor: a.factor, value });
  }
  const target = draftTarget(low);
  let againstUserId: number | null = null;
  if (target.person === 'advisor') againstUserId = response.advisor_id;
  if (target.person === 'technician') {
    // Only when one technician worked on the RO: with several, the survey does not say whose work it was.
    const technicians = await repo.surveyTechnicians(trx, responseId);
    if (technicians.length === 1) againstUserId = technicians[0]!;
  }
  return insertComplaint(trx, actor, now, 'draft', {
    source: 'survey',
    survey_response_id: response.id,
    customer_id: response.customer_id,
    vehicle_id: response.vehicle_id,
    repair_order_id: response.repair_order_id,
    level: 'ordinary',
    against_department: target.department,
    against_user_id: againstUserId,
    customer_says: draftCustomerSays(low, verbatims),
    customer_wants: '',
  });
}

async function loadDraft(trx: Db, input: { id: number; version: number }, now: string) {
  const row = await repo.findComplaint(trx, input.id, now);
  if (!row) notFound('complaint');
  if (row.version !== input.version) staleVersion();
  if (row.status !== 'draft') fail('RULE', 'complaint.notDraft', 'id');
  return row;
}

export async function confirm(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof confirmComplaintInput>,
): Promise<ComplaintDetailDto> {
  const now = isoNow(deps.clock);
  const dto = await deps.db.transaction().execute(async (trx) => {
    const row = await loadDraft(trx, input, now);
    // The contract lets only the manager call this; a manager the draft is about does not confirm it either.
    await refuseOwnWork(trx, actor, row, 'complaint.ownDraft', 'id');
    if (input.againstUserId !== undefined && input.againstUserId !== row.against_user_id)
      await activeUser(trx, input.againstUserId, 'againstUserId');
    const first = stepOutcome('record');
    const ok = await repo.updateComplaint(trx, row.id, input.version, {
      status: first.status,
      next_step: first.next,
      level: input.level,
      against_department: input.againstDepartment,
      against_user_id: input.againstUserId ?? null,
      customer_says: input.customerSays,
      customer_wants: input.customerWants,
      // The first-response clock starts now, at step 1.
      response_due_at: responseDueAt(now, input.level),
      updated_at: now,
    });
    if (!ok) staleVersion();
    // The customer's recorded words are never lost: a correction keeps them in step 1, next to the correction, with
    // who and when (the complaint's own trail, which an erasure scrubs like the complaint itself).
    const corrected = input.customerSays !== row.customer_says;
    await recordStep1(
      trx,
      actor,
      row.id,
      now,
      corrected ? { recordedCustomerSays: row.customer_says, correctedCustomerSays: input.customerSays } : {},
    );
    const confirmed = {
      label: row.number,
      values: { level: input.level, againstDepartment: input.againstDepartment, customerSaysCorrected: corrected },
      ...((input.againstUserId ?? null) !== row.against_user_id
        ? { changes: { againstUserId: { from: row.against_user_id, to: input.againstUserId ?? null } } }
        : {}),
    };
    await recordAudit(trx, actor, {
      entity: 'complaint',
      entityId: row.id,
      action: 'complaint.confirmed',
      at: now,
      details: confirmed,
    });
    return detail(trx, row.id, now);
  });
  deps.events.publish({ area: 'complaints', id: dto.id });
  return dto;
}

export async function dismiss(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof dismissComplaintInput>,
): Promise<ComplaintDetailDto> {
  const now = isoNow(deps.clock);
  const dto = await deps.db.transaction().execute(async (trx) => {
    const row = await loadDraft(trx, input, now);
    // Nobody waves away a complaint about themselves (nor about an RO of theirs).
    await refuseOwnWork(trx, actor, row, 'complaint.ownDraft', 'id');
    const ok = await repo.updateComplaint(trx, row.id, input.version, { status: 'dismissed', closed_at: now, updated_at: now });
    if (!ok) staleVersion();
    const data: ComplaintStepData = { step: 'dismiss', reason: input.reason };
    await repo.insertStep(trx, {
      complaint_id: row.id,
      step: 'dismiss',
      data: JSON.stringify(data),
      by_user_id: actor.id,
      at: now,
    });
    await recordAudit(trx, actor, {
      entity: 'complaint',
      entityId: row.id,
      action: 'complaint.dismissed',
      at: now,
      details: { label: row.number },
    });
    return detail(trx, row.id, now);
  });
  deps.events.publish({ area: 'complaints', id: dto.id });
  return dto;
}

export async function people(deps: CoreDeps): Promise<ComplaintPersonDto[]> {
  const rows = await repo.activeUsers(deps.db);
  return rows.map((row) => ({ id: row.id, displayName: row.display_name, role: row.role }));
}
