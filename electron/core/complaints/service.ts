import type { Updateable } from 'kysely';
import type { z } from 'zod';
import type {
  ClosureRateDto,
  ComplaintDetailDto,
  ComplaintDto,
  ComplaintStepData,
  ComplaintPersonDto,
  advanceComplaintInput,
  closureRateInput,
  complaintsListInput,
  createComplaintInput,
} from '../../../shared/contract/complaints';
import type { Page } from '../../../shared/contract/paging';
import { CLOSURE_WINDOW_DAYS, closureRate as rateOf, stepOutcome } from '../../../shared/domain/complaints';
import { addDays, instantAt } from '../../../shared/domain/desk-time';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import type { ComplaintsTable } from '../db/schema';
import { fail, notFound, staleVersion } from '../errors';
import * as repo from './repository';
import { recordAudit } from '../audit/record';
import type { AuditValue } from '../../../shared/contract/audit';
import { toDto, detail } from './mapping';
import { activeUser, refuseOwnWork, insertComplaint, recordStep1 } from './intake';

// The drafts a dissatisfied survey opens, confirmed or dismissed, are drafts.ts.
export { draftFromSurvey, confirm, dismiss } from './drafts';

/** Step fields that hold a choice from a list (kept in the audit trail), not free text. */
const ENUM_STEP_FIELDS = new Set(['department', 'resolutionKind', 'rootCause']);

type AdvanceInput = z.output<typeof advanceComplaintInput>;

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

export async function people(deps: CoreDeps): Promise<ComplaintPersonDto[]> {
  const rows = await repo.activeUsers(deps.db);
  return rows.map((row) => ({ id: row.id, displayName: row.display_name, role: row.role }));
}
