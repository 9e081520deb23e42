import type { ComplaintDetailDto, ComplaintDto, ComplaintStepData, ComplaintStepDto } from '../../../shared/contract/complaints';
import { COMPLAINT_STEP_NUMBER, isLateResponse } from '../../../shared/domain/complaints';
import type { Db } from '../db/connection';
import { notFound } from '../errors';
import * as repo from './repository';

// A complaint's rows as the screens see them: the list row (ComplaintDto) and the detail with its steps.

function person(id: number | null, name: string | null) {
  return id !== null && name !== null ? { id, displayName: name } : null;
}

export function toDto(row: repo.ComplaintRow): ComplaintDto {
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

export async function detail(db: Db, id: number, now: string): Promise<ComplaintDetailDto> {
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
