import type { Updateable } from 'kysely';
import type { z } from 'zod';
import type {
  approveWriteOffInput,
  ClaimDto,
  correctClaimInput,
  createDraftInput,
  LaborOpDto,
  recordOutcomeInput,
  setWarrantySettingsInput,
  updateClaimInput,
  WarrantySettingsDto,
} from '../../../shared/contract/warranty-claims';
import {
  canMoveClaim,
  EDITABLE_STATUSES,
  laborAmountFen,
  settlementVerdict,
  type ClaimStatus,
} from '../../../shared/domain/warranty-claims';
import { recordAudit } from '../audit/record';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import type { WarrantyClaimsTable } from '../db/schema';
import { fail, notFound, staleVersion } from '../errors';
import { nextDocumentNumber } from '../parts/ledger';
import { loadClaim, parseLabor } from './mapping';
import * as repo from './repository';
import { warrantySettings, writeWarrantySettings } from './settings';

/**
 * Claims are drafted from the job as delivered: its labor lines become the OEM labor operations (code, hours) priced
 * at the OEM's warranty rate, its part lines the claim's parts (at the RO's price until the administrator types the
 * OEM's), its 3C the claim's text, its first part the causal part. Called in the delivery's own transaction.
 */
async function draftClaim(
  trx: Db,
  actor: Actor | null,
  job: { id: number; repair_order_id: number; concern: string; cause: string; correction: string },
  at: string,
): Promise<number> {
  const { laborRateFen } = await warrantySettings(trx);
  const lines = await repo.jobLines(trx, job.id);
  const laborOps: LaborOpDto[] = lines
    .filter((l) => l.kind === 'labor')
    .map((l) => ({ code: l.code, name: l.name_zh, hoursMilli: l.qty_milli }));
  const parts = lines.filter((l) => l.kind === 'part');
  const laborFen = laborOps.reduce((sum, op) => sum + laborAmountFen(op.hoursMilli, laborRateFen), 0);
  const partsFen = parts.reduce((sum, p) => sum + p.total_fen, 0);
  const number = await nextDocumentNumber(trx, 'SP', at);
  const id = await repo.insertClaim(trx, {
    number,
    repair_order_id: job.repair_order_id,
    job_id: job.id,
    status: 'draft',
    labor_json: JSON.stringify(laborOps),
    labor_rate_fen: laborRateFen,
    labor_fen: laborFen,
    parts_fen: partsFen,
    sublet_fen: 0,
    claimed_fen: laborFen + partsFen,
    paid_fen: 0,
    written_off_fen: 0,
    write_off_reason: '',
    write_off_approved_by: null,
    write_off_approved_at: null,
    failure_code: '',
    rejection_reason: '',
    batch_id: null,
    submitted_at: null,
    settled_at: null,
    causal_part_number: parts[0]?.code ?? '',
    complaint: job.concern,
    cause: job.cause,
    correction: job.correction,
    created_by: actor?.id ?? null,
    created_at: at,
    updated_at: at,
    version: 1,
  });
  await repo.insertParts(
    trx,
    parts.map((p) => ({
      claim_id: id,
      line_id: p.id,
      part_number: p.code,
      name_zh: p.name_zh,
      qty_milli: p.qty_milli,
      amount_fen: p.total_fen,
    })),
  );
  await repo.insertEvent(trx, { claim_id: id, from_status: null, to_status: 'draft', actor_id: actor?.id ?? null, at, note: '' });
  await recordAudit(trx, actor, {
    entity: 'warranty_claim',
    entityId: id,
    repairOrderId: job.repair_order_id,
    action: 'warrantyClaim.drafted',
    at,
    details: { label: number, values: { claimedFen: laborFen + partsFen } },
  });
  return id;
}

/** Every approved warranty job of the RO becomes a claim draft: called where the delivery is written, in its transaction. */
export async function draftClaimsAtDelivery(trx: Db, actor: Actor, repairOrderId: number, at: string): Promise<number[]> {
  const ids: number[] = [];
  for (const job of await repo.unclaimedWarrantyJobs(trx, repairOrderId)) ids.push(await draftClaim(trx, actor, job, at));
  return ids;
}

/** warrantyClaims.createDraft: for a job delivered before claims were drafted at delivery. */
export async function createDraft(deps: CoreDeps, actor: Actor, input: z.output<typeof createDraftInput>): Promise<ClaimDto> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const job = await repo.findJob(trx, input.jobId);
    if (!job) fail('NOT_FOUND', 'notFound', 'jobId', { what: 'job' });
    if (job.payer !== 'warranty') fail('RULE', 'warrantyClaim.notWarranty', 'jobId');
    if (job.authorization_state !== 'approved') fail('RULE', 'warrantyClaim.notApproved', 'jobId');
    if (job.ro_status !== 'delivered' && job.ro_status !== 'closed') fail('RULE', 'warrantyClaim.notDelivered', 'jobId');
    const job3c = (await repo.unclaimedWarrantyJobs(trx, job.repair_order_id)).find((j) => j.id === job.id);
    if (!job3c) fail('RULE', 'warrantyClaim.exists', 'jobId');
    return loadClaim(trx, await draftClaim(trx, actor, job3c, at));
  });
}

/** Loads the claim at `version` for a write, or refuses: unknown, stale. */
export async function claimAt(trx: Db, id: number, version: number) {
  const row = await repo.findClaim(trx, id);
  if (!row) notFound('warrantyClaim');
  if (row.version !== version) staleVersion();
  return row;
}

/**
 * Moves a claim to `to` with `set`, recording the status history (who, when, note) and the audit trail; refused with
 * `warrantyClaim.transition` when the status rules do not allow it.
 */
export async function moveClaim(
  trx: Db,
  actor: Actor,
  claim: { id: number; number: string; status: ClaimStatus; version: number; repair_order_id: number },
  to: ClaimStatus,
  set: Updateable<WarrantyClaimsTable>,
  note: string,
  at: string,
): Promise<void> {
  if (!canMoveClaim(claim.status, to)) fail('RULE', 'warrantyClaim.transition', 'status', { from: claim.status, to });
  if (!(await repo.updateClaim(trx, claim.id, claim.version, { ...set, status: to }, at))) staleVersion();
  await repo.insertEvent(trx, { claim_id: claim.id, from_status: claim.status, to_status: to, actor_id: actor.id, at, note });
  await recordAudit(trx, actor, {
    entity: 'warranty_claim',
    entityId: claim.id,
    repairOrderId: claim.repair_order_id,
    action: 'warrantyClaim.statusChanged',
    at,
    details: { label: claim.number, values: { from: claim.status, to, note } },
  });
}

/** warrantyClaims.update: the content of a claim not with the OEM; the claimed total follows. */
export async function updateClaim(deps: CoreDeps, actor: Actor, input: z.output<typeof updateClaimInput>): Promise<ClaimDto> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const row = await claimAt(trx, input.id, input.version);
    if (!EDITABLE_STATUSES.includes(row.status)) fail('RULE', 'warrantyClaim.notEditable', 'status', { status: row.status });
    for (const p of input.partAmounts ?? []) {
      if (!(await repo.setPartAmount(trx, row.id, p.partId, p.amountFen)))
        fail('NOT_FOUND', 'notFound', 'partAmounts', { what: 'part' });
    }
    const laborOps = input.laborOps ?? parseLabor(row.labor_json);
    const laborFen = laborOps.reduce((sum, op) => sum + laborAmountFen(op.hoursMilli, row.labor_rate_fen), 0);
    const partsFen = await repo.partsTotal(trx, row.id);
    const subletFen = input.subletFen ?? row.sublet_fen;
    const set: Updateable<WarrantyClaimsTable> = {
      labor_json: JSON.stringify(laborOps),
      labor_fen: laborFen,
      parts_fen: partsFen,
      sublet_fen: subletFen,
      claimed_fen: laborFen + partsFen + subletFen,
      causal_part_number: input.causalPartNumber ?? row.causal_part_number,
      failure_code: input.failureCode ?? row.failure_code,
      complaint: input.complaint ?? row.complaint,
      cause: input.cause ?? row.cause,
      correction: input.correction ?? row.correction,
    };
    if (!(await repo.updateClaim(trx, row.id, row.version, set, at))) staleVersion();
    await recordAudit(trx, actor, {
      entity: 'warranty_claim',
      entityId: row.id,
      repairOrderId: row.repair_order_id,
      action: 'warrantyClaim.changed',
      at,
      details: { label: row.number, changes: { claimedFen: { from: row.claimed_fen, to: laborFen + partsFen + subletFen } } },
    });
    return loadClaim(trx, row.id);
  });
}

/** warrantyClaims.correct: rejected → corrected, with what was corrected. */
export async function correctClaim(deps: CoreDeps, actor: Actor, input: z.output<typeof correctClaimInput>): Promise<ClaimDto> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const row = await claimAt(trx, input.id, input.version);
    await moveClaim(trx, actor, row, 'corrected', {}, input.note, at);
    return loadClaim(trx, row.id);
  });
}

/**
 * The OEM's answer on one claim (typed in, or a row of its settlement file): the verdict of the status rules, written.
 * Settled claims release their old parts on the shelf (held → claim_settled): returning them follows the claim.
 */
export async function applyOutcome(
  trx: Db,
  actor: Actor,
  row: Awaited<ReturnType<typeof claimAt>>,
  outcome: 'accepted' | 'rejected' | 'paid',
  amountFen: number,
  reason: string,
  at: string,
): Promise<ClaimStatus> {
  if (outcome === 'accepted') {
    await moveClaim(trx, actor, row, 'accepted', {}, reason, at);
    return 'accepted';
  }
  const verdict = settlementVerdict(row.status, row.claimed_fen, { outcome, amountFen });
  if (!verdict.ok)
    fail('RULE', verdict.reason, verdict.reason === 'warrantyClaim.notOutstanding' ? 'status' : 'amountFen', {
      status: row.status,
    });
  if (verdict.to === 'rejected') {
    await moveClaim(trx, actor, row, 'rejected', { rejection_reason: reason }, reason, at);
    return 'rejected';
  }
  await moveClaim(
    trx,
    actor,
    row,
    verdict.to,
    { paid_fen: verdict.paidFen, written_off_fen: verdict.writtenOffFen, write_off_reason: reason, settled_at: at },
    reason,
    at,
  );
  await trx
    .updateTable('warranty_old_parts')
    .set((eb) => ({ status: 'claim_settled', claim_settled_at: at, claim_number: row.number, version: eb('version', '+', 1) }))
    .where('job_id', '=', row.job_id)
    .where('status', '=', 'held')
    .execute();
  return verdict.to;
}

/** warrantyClaims.recordOutcome. */
export async function recordOutcome(deps: CoreDeps, actor: Actor, input: z.output<typeof recordOutcomeInput>): Promise<ClaimDto> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const row = await claimAt(trx, input.id, input.version);
    await applyOutcome(trx, actor, row, input.outcome, input.amountFen, input.reason, at);
    return loadClaim(trx, row.id);
  });
}

/** warrantyClaims.approveWriteOff: the manager's approval turns a partly paid claim paid, the rest written off. */
export async function approveWriteOff(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof approveWriteOffInput>,
): Promise<ClaimDto> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const row = await claimAt(trx, input.id, input.version);
    if (row.status !== 'partly_paid') fail('RULE', 'warrantyClaim.transition', 'status', { from: row.status, to: 'paid' });
    await moveClaim(
      trx,
      actor,
      row,
      'paid',
      { write_off_approved_by: actor.id, write_off_approved_at: at },
      row.write_off_reason,
      at,
    );
    await recordAudit(trx, actor, {
      entity: 'warranty_claim',
      entityId: row.id,
      repairOrderId: row.repair_order_id,
      action: 'warrantyClaim.writeOffApproved',
      at,
      details: { label: row.number, values: { writtenOffFen: row.written_off_fen, reason: row.write_off_reason } },
    });
    return loadClaim(trx, row.id);
  });
}

export function getClaim(deps: CoreDeps, id: number): Promise<ClaimDto> {
  return loadClaim(deps.db, id);
}

export function getSettings(deps: CoreDeps): Promise<WarrantySettingsDto> {
  return warrantySettings(deps.db);
}

export async function setSettings(
  deps: CoreDeps,
  input: z.output<typeof setWarrantySettingsInput>,
): Promise<WarrantySettingsDto> {
  await writeWarrantySettings(deps.db, input);
  return warrantySettings(deps.db);
}
