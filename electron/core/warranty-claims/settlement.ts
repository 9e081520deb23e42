import { rm } from 'node:fs/promises';
import type { z } from 'zod';
import type { importSettlementInput, SettlementImportDto, SettlementRefusalDto } from '../../../shared/contract/warranty-claims';
import { settlementVerdict, type ClaimStatus } from '../../../shared/domain/warranty-claims';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import { fail } from '../errors';
import { runInBatches } from '../imports/batch-runner';
import { sniffFile } from '../imports/file-rows';
import type { SourceRow } from '../imports/reader';
import { claimImportFile } from '../imports/uploads';
import { claimAt, applyOutcome } from './service';

/**
 * The OEM's settlement file (docs/warranty-claims.md "Settlement file"): one row per claim answered, with the claim
 * number, the outcome (paid / rejected), the amount paid in yuan and the reason. Read through the import engine (the
 * uploads, the reader, the batch runner), matched by claim number, then written in one transaction: a row that cannot
 * be applied (unknown claim, claim not with the OEM, amount above the claim...) is refused with its reason and line,
 * the others are applied. Settlement files are a few hundred rows: all of them are held until the write.
 */

/** Header names each column is recognised by, lower case (an OEM portal's Chinese export or our own English one). */
const HEADERS = {
  claimNumber: ['索赔单号', '索赔单', 'claim number', 'claim no', 'claim'],
  status: ['状态', '结算状态', '结果', 'status', 'result'],
  amount: ['金额', '结算金额', '支付金额', 'amount', 'paid'],
  reason: ['原因', '说明', '拒绝原因', 'reason', 'note'],
} as const;
type Column = keyof typeof HEADERS;

const PAID = new Set(['paid', 'pay', 'accepted', '已支付', '支付', '已结算', '结算', '通过', '已付款']);
const REJECTED = new Set(['rejected', 'reject', 'refused', '拒绝', '驳回', '拒付', '不通过']);

function columnsOf(header: string[]): Record<Column, number> {
  const found = {} as Record<Column, number>;
  for (const column of Object.keys(HEADERS) as Column[]) {
    const names: readonly string[] = HEADERS[column];
    const at = header.findIndex((cell) => names.includes(cell.trim().toLowerCase()));
    if (at < 0 && column !== 'reason') fail('RULE', 'warrantyClaim.settlementColumnMissing', 'uploadId', { column: names[0]! });
    found[column] = at;
  }
  return found;
}

/** Yuan as written in the file ("1,234.5", "680") to fen; null when it is not an amount. */
function fenOf(text: string): number | null {
  const clean = text.replace(/[,，\s¥￥]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  const [whole, part = ''] = clean.split('.');
  return Number(whole) * 100 + Number(part.padEnd(2, '0'));
}

export async function importSettlement(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof importSettlementInput>,
): Promise<SettlementImportDto> {
  const upload = claimImportFile(deps, actor, 'settlementFile', input.uploadId);
  const rows: SourceRow[] = [];
  let columns: Record<Column, number> | null = null;
  try {
    const format = await sniffFile(upload.path);
    if (format === 'xls' || format === 'binary') fail('RULE', 'warrantyClaim.settlementUnreadable', 'uploadId');
    await runInBatches(deps, {
      path: upload.path,
      format,
      commit: false,
      onHeader: (cells) => {
        columns = columnsOf(cells);
      },
      onBatch: (batch) => {
        rows.push(...batch);
      },
      onProgress: () => undefined,
      cancelled: () => false,
    });
  } finally {
    await rm(upload.path, { force: true });
  }
  if (!columns) fail('RULE', 'warrantyClaim.settlementEmpty', 'uploadId');
  const col: Record<Column, number> = columns;
  const at = isoNow(deps.clock);
  const result: SettlementImportDto = { rows: rows.length, paid: 0, partlyPaid: 0, rejected: 0, paidFen: 0, refused: [] };
  await deps.db.transaction().execute(async (trx) => {
    const seen = new Set<string>();
    for (const source of rows) {
      const cell = (c: Column) => (col[c] < 0 ? '' : (source.cells[col[c]] ?? '').trim());
      const claimNumber = cell('claimNumber').toUpperCase();
      const refuse = (reason: string, field: SettlementRefusalDto['field'], status?: ClaimStatus) =>
        result.refused.push({ line: source.line, claimNumber, reason, field, ...(status ? { status } : {}) });
      const status = cell('status').toLowerCase();
      const outcome = PAID.has(status) ? 'paid' : REJECTED.has(status) ? 'rejected' : null;
      if (!outcome) {
        refuse('warrantyClaim.settlementStatus', 'status');
        continue;
      }
      const amountFen = outcome === 'paid' ? fenOf(cell('amount')) : 0;
      if (amountFen === null) {
        refuse('warrantyClaim.settlementAmount', 'amount');
        continue;
      }
      const reason = cell('reason').slice(0, 500);
      if (outcome === 'rejected' && !reason) {
        refuse('warrantyClaim.settlementReason', 'reason');
        continue;
      }
      if (seen.has(claimNumber)) {
        refuse('warrantyClaim.settlementDuplicate', 'claimNumber');
        continue;
      }
      seen.add(claimNumber);
      const found = await trx
        .selectFrom('warranty_claims')
        .select(['id', 'version'])
        .where('number', '=', claimNumber)
        .executeTakeFirst();
      if (!found) {
        refuse('warrantyClaim.unknown', 'claimNumber');
        continue;
      }
      const row = await claimAt(trx, found.id, found.version);
      const verdict = settlementVerdict(row.status, row.claimed_fen, { outcome, amountFen });
      if (!verdict.ok) {
        if (verdict.reason === 'warrantyClaim.notOutstanding') refuse(verdict.reason, 'status', row.status);
        else refuse(verdict.reason, 'amount');
        continue;
      }
      const to = await applyOutcome(trx, actor, row, outcome, amountFen, reason, at);
      if (to === 'rejected') result.rejected += 1;
      else {
        result.paidFen += amountFen;
        if (to === 'paid') result.paid += 1;
        else result.partlyPaid += 1;
      }
    }
  });
  return result;
}
