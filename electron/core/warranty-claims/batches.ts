import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type {
  ClaimBatchDto,
  ClaimBatchExportDto,
  exportBatchInput,
  submitBatchInput,
} from '../../../shared/contract/warranty-claims';
import { wallClock } from '../../../shared/domain/desk-time';
import { submissionTarget, untaggedReturns } from '../../../shared/domain/warranty-claims';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { fail, notFound } from '../errors';
import { nextDocumentNumber } from '../parts/ledger';
import { loadClaim } from './mapping';
import * as repo from './repository';
import { claimAt, moveClaim } from './service';
import { warrantySettings } from './settings';

async function loadBatch(db: Db, id: number): Promise<ClaimBatchDto> {
  const row = await db
    .selectFrom('warranty_claim_batches as b')
    .innerJoin('users as u', 'u.id', 'b.created_by')
    .selectAll('b')
    .select('u.display_name')
    .where('b.id', '=', id)
    .executeTakeFirst();
  if (!row) notFound('warrantyClaimBatch');
  return {
    id: row.id,
    number: row.number,
    claims: row.claims,
    claimedFen: row.claimed_fen,
    createdAt: row.created_at,
    createdBy: { id: row.created_by, displayName: row.display_name },
  };
}

/**
 * warrantyClaims.submitBatch: one new batch of drafts (submitted) and corrected claims (resubmitted), all or none. A
 * claim with a part the OEM wants back and no old-part tag on it is refused, naming the claim and the part; the tags
 * found are kept on the claim's parts and the claim number is written on the old parts.
 */
export async function submitBatch(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof submitBatchInput>,
): Promise<ClaimBatchDto> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const { oldPartReturn } = await warrantySettings(trx);
    const number = await nextDocumentNumber(trx, 'SB', at);
    const rows = [];
    for (const [index, ref] of input.claims.entries()) {
      const row = await claimAt(trx, ref.id, ref.version);
      const to = submissionTarget(row.status);
      if (!to)
        fail('RULE', 'warrantyClaim.transition', `claims.${index}`, { claim: row.number, from: row.status, to: 'submitted' });
      const parts = await repo.claimParts(trx, row.id);
      const missing = untaggedReturns(
        oldPartReturn,
        row.causal_part_number,
        parts.map((p) => ({ partNumber: p.part_number, oldPartTag: p.tag })),
      );
      if (missing.length > 0)
        fail('RULE', 'warrantyClaim.oldPartUntagged', `claims.${index}`, { claim: row.number, parts: missing.join(', ') });
      rows.push({ row, to, parts });
    }
    const result = await trx
      .insertInto('warranty_claim_batches')
      .values({
        number,
        claims: rows.length,
        claimed_fen: rows.reduce((sum, r) => sum + r.row.claimed_fen, 0),
        created_by: actor.id,
        created_at: at,
      })
      .executeTakeFirstOrThrow();
    const batchId = Number(result.insertId);
    for (const { row, to, parts } of rows) {
      await repo.fixPartTags(
        trx,
        parts.map((p) => ({ id: p.id, tag: p.tag })),
      );
      await moveClaim(trx, actor, row, to, { batch_id: batchId, submitted_at: at, rejection_reason: '' }, number, at);
      await trx
        .updateTable('warranty_old_parts')
        .set({ claim_number: row.number })
        .where('job_id', '=', row.job_id)
        .where('claim_number', '=', '')
        .execute();
    }
    return loadBatch(trx, batchId);
  });
}

/** A day on the desk's calendar. */
const deskDay = (iso: string | null) => (iso ? wallClock(new Date(iso)).day : '');
const yuan = (fen: number) => fen / 100;

/**
 * The generic layout (docs/warranty-claims.md "Batch file"): sheet 索赔单 one row per claim, sheet 配件 one row per part.
 * Headers are bilingual so an OEM portal's column mapping can match either; amounts are numbers in yuan, hours in hours.
 */
export const CLAIM_SHEET_COLUMNS = [
  { header: '索赔单号 Claim number', key: 'number', width: 18 },
  { header: '批次 Batch', key: 'batch', width: 16 },
  { header: 'VIN', key: 'vin', width: 20 },
  { header: '车牌 Plate', key: 'plate', width: 12 },
  { header: '委托书号 RO number', key: 'ro', width: 18 },
  { header: '维修日期 Repair date', key: 'repairDate', width: 14 },
  { header: '里程 Mileage km', key: 'km', width: 12 },
  { header: '故障代码 Failure code', key: 'failure', width: 14 },
  { header: '主因件 Causal part', key: 'causal', width: 18 },
  { header: '工时代码 Labor op codes', key: 'ops', width: 24 },
  { header: '工时 Hours', key: 'hours', width: 10 },
  { header: '工时单价 Labor rate', key: 'rate', width: 12 },
  { header: '工时费 Labor', key: 'labor', width: 12 },
  { header: '配件费 Parts', key: 'parts', width: 12 },
  { header: '外包费 Sublet', key: 'sublet', width: 12 },
  { header: '索赔金额 Claimed', key: 'claimed', width: 14 },
  { header: '客户描述 Complaint', key: 'complaint', width: 30 },
  { header: '故障原因 Cause', key: 'cause', width: 30 },
  { header: '维修措施 Correction', key: 'correction', width: 30 },
] as const;

export const PART_SHEET_COLUMNS = [
  { header: '索赔单号 Claim number', key: 'number', width: 18 },
  { header: '零件号 Part number', key: 'part', width: 18 },
  { header: '零件名称 Part name', key: 'name', width: 20 },
  { header: '数量 Qty', key: 'qty', width: 8 },
  { header: '金额 Amount', key: 'amount', width: 12 },
  { header: '旧件标签 Old-part tag', key: 'tag', width: 16 },
] as const;

function sheet(workbook: ExcelJS.Workbook, name: string, columns: readonly { header: string; key: string; width: number }[]) {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

/** warrantyClaims.exportBatch: the batch's claims as the OEM receives them. */
export async function exportBatch(deps: CoreDeps, input: z.output<typeof exportBatchInput>): Promise<ClaimBatchExportDto> {
  const batch = await loadBatch(deps.db, input.batchId);
  const ids = await deps.db
    .selectFrom('warranty_claims')
    .select('id')
    .where('batch_id', '=', batch.id)
    .orderBy('number')
    .execute();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'BayDesk';
  const claims = sheet(workbook, '索赔单', CLAIM_SHEET_COLUMNS);
  const parts = sheet(workbook, '配件', PART_SHEET_COLUMNS);
  for (const { id } of ids) {
    const c = await loadClaim(deps.db, id);
    claims.addRow({
      number: c.number,
      batch: batch.number,
      vin: c.vin,
      plate: c.plate,
      ro: c.roNumber,
      repairDate: deskDay(c.deliveredAt),
      km: c.mileageKm ?? '',
      failure: c.failureCode,
      causal: c.causalPartNumber,
      ops: c.laborOps.map((op) => op.code).join(';'),
      hours: c.laborOps.reduce((sum, op) => sum + op.hoursMilli, 0) / 1000,
      rate: yuan(c.laborRateFen),
      labor: yuan(c.laborFen),
      parts: yuan(c.partsFen),
      sublet: yuan(c.subletFen),
      claimed: yuan(c.claimedFen),
      complaint: c.complaint,
      cause: c.cause,
      correction: c.correction,
    });
    for (const p of c.parts)
      parts.addRow({
        number: c.number,
        part: p.partNumber,
        name: p.nameZh,
        qty: p.qtyMilli / 1000,
        amount: yuan(p.amountFen),
        tag: p.oldPartTag ?? '',
      });
  }
  const data = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `warranty-claims-${batch.number}.xlsx`, dataBase64: data.toString('base64') };
}
