import type { z } from 'zod';
import type {
  ComplaintDetailDto,
  ComplaintStepData,
  confirmComplaintInput,
  dismissComplaintInput,
} from '../../../shared/contract/complaints';
import { responseDueAt, stepOutcome, draftCustomerSays, draftTarget, type LowAnswer } from '../../../shared/domain/complaints';
import { isDissatisfied } from '../../../shared/domain/csi';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { fail, notFound, staleVersion } from '../errors';
import * as repo from './repository';
import { recordAudit } from '../audit/record';
import { detail } from './mapping';
import { activeUser, refuseOwnWork, insertComplaint, recordStep1 } from './intake';

// Drafts from a dissatisfied survey: opened by the survey's write, then confirmed into a complaint or dismissed.

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
