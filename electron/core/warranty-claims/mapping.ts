import type { ClaimDto, LaborOpDto } from '../../../shared/contract/warranty-claims';
import { mustReturn } from '../../../shared/domain/warranty-claims';
import type { Db } from '../db/connection';
import { notFound } from '../errors';
import * as repo from './repository';
import { warrantySettings } from './settings';

export function parseLabor(json: string): LaborOpDto[] {
  return JSON.parse(json) as LaborOpDto[];
}

/** A claim as the screen and the API read it. */
export async function loadClaim(db: Db, id: number): Promise<ClaimDto> {
  const row = await repo.findClaim(db, id);
  if (!row) notFound('warrantyClaim');
  const [parts, events, settings] = await Promise.all([repo.claimParts(db, id), repo.claimEvents(db, id), warrantySettings(db)]);
  return {
    id: row.id,
    number: row.number,
    repairOrderId: row.repair_order_id,
    roNumber: row.ro_number,
    plate: row.plate,
    vin: row.vin,
    status: row.status,
    claimedFen: row.claimed_fen,
    paidFen: row.paid_fen,
    writtenOffFen: row.written_off_fen,
    batchId: row.batch_id,
    batchNumber: row.batch_number,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    version: row.version,
    jobId: row.job_id,
    mileageKm: row.mileage_out_km ?? row.mileage_in_km,
    deliveredAt: row.delivered_at,
    laborOps: parseLabor(row.labor_json),
    laborRateFen: row.labor_rate_fen,
    laborFen: row.labor_fen,
    partsFen: row.parts_fen,
    subletFen: row.sublet_fen,
    causalPartNumber: row.causal_part_number,
    failureCode: row.failure_code,
    complaint: row.complaint,
    cause: row.cause,
    correction: row.correction,
    rejectionReason: row.rejection_reason,
    writeOffReason: row.write_off_reason,
    writeOffApprovedBy:
      row.write_off_approved_by === null ? null : { id: row.write_off_approved_by, displayName: row.approver_name ?? '' },
    writeOffApprovedAt: row.write_off_approved_at,
    parts: parts.map((p) => ({
      id: p.id,
      lineId: p.line_id,
      partNumber: p.part_number,
      nameZh: p.name_zh,
      qtyMilli: p.qty_milli,
      amountFen: p.amount_fen,
      oldPartTag: p.tag,
      mustReturn: mustReturn(settings.oldPartReturn, p.part_number, row.causal_part_number),
    })),
    events: events.map((e) => ({
      from: e.from_status,
      to: e.to_status,
      actor: e.actor_id === null ? null : { id: e.actor_id, displayName: e.display_name ?? '' },
      at: e.at,
      note: e.note,
    })),
  };
}
