import type { z } from 'zod';
import type {
  disposeOldPartInput,
  OldPartDto,
  oldPartsGridInput,
  OldPartStatus,
  settleOldPartClaimInput,
  tagOldPartInput,
  UntaggedWarrantyLine,
  untaggedWarrantyLinesGridInput,
} from '../../../../shared/contract/parts/old-parts';
import type { Page } from '../../../../shared/contract/paging';
import { wallClock } from '../../../../shared/domain/desk-time';
import { normalisePartNumber } from '../../../../shared/domain/part-number';
import { isoNow } from '../../clock';
import type { Actor, CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import { fail, notFound, staleVersion } from '../../errors';
import { nextDocumentNumber } from '../ledger';
import * as repo from './repository';

type TagInput = z.output<typeof tagOldPartInput>;
type ListInput = z.output<typeof oldPartsGridInput>;
type UntaggedInput = z.output<typeof untaggedWarrantyLinesGridInput>;
type SettleInput = z.output<typeof settleOldPartClaimInput>;
type DisposeInput = z.output<typeof disposeOldPartInput>;

const DAY_MS = 86_400_000;

/** Whole days between two instants on the desk's calendar (tagged on the 3rd, today the 5th: 2). */
function deskDaysBetween(from: string, to: string): number {
  const a = Date.parse(wallClock(new Date(from)).day);
  const b = Date.parse(wallClock(new Date(to)).day);
  return Math.max(0, Math.round((b - a) / DAY_MS));
}

function toDto(row: repo.OldPartRow, now: string): OldPartDto {
  return {
    id: row.id,
    tagNumber: row.tag_number,
    repairOrderId: row.repair_order_id,
    roNumber: row.ro_number,
    plate: row.plate,
    jobId: row.job_id,
    lineId: row.line_id,
    partNumber: row.part_number,
    nameZh: row.name_zh,
    qtyMilli: row.qty_milli,
    claimNumber: row.claim_number,
    location: row.location,
    status: row.status,
    note: row.note,
    createdAt: row.created_at,
    claimSettledAt: row.claim_settled_at,
    disposedAt: row.disposed_at,
    ageDays: deskDaysBetween(row.created_at, row.disposed_at ?? now),
    version: row.version,
  };
}

async function load(db: Db, id: number, now: string): Promise<OldPartDto> {
  const row = await repo.findOldPart(db, id);
  if (!row) notFound('oldPart');
  return toDto(row, now);
}

/** Tags a failed part of a warranty job (parts.tagOldPart). */
export async function tagOldPart(deps: CoreDeps, actor: Actor, input: TagInput): Promise<OldPartDto> {
  const at = isoNow(deps.clock);
  const dto = await deps.db.transaction().execute(async (trx) => {
    const job = await repo.findJob(trx, input.repairOrderId, input.jobId);
    if (!job) fail('NOT_FOUND', 'notFound', 'jobId', { what: 'job' });
    if (job.payer !== 'warranty') fail('RULE', 'oldPart.notWarranty', 'jobId');
    if (job.status === 'cancelled') fail('RULE', 'oldPart.roCancelled', 'repairOrderId');
    let partNumber = input.partNumber ?? '';
    let nameZh = input.nameZh ?? '';
    let qtyMilli = input.qtyMilli ?? 0;
    if (input.lineId !== undefined) {
      const line = await repo.findPartLine(trx, input.jobId, input.lineId);
      if (!line) fail('NOT_FOUND', 'notFound', 'lineId', { what: 'line' });
      const tagged = await repo.findTagOfLine(trx, line.id);
      if (tagged) fail('RULE', 'oldPart.alreadyTagged', 'lineId', { tag: tagged.tag_number });
      partNumber = input.partNumber || line.code;
      nameZh = input.nameZh || line.name_zh;
      qtyMilli = input.qtyMilli ?? line.qty_milli;
    }
    const part = await repo.findPartIdByNumber(trx, normalisePartNumber(partNumber));
    const id = await repo.insertOldPart(trx, {
      tag_number: await nextDocumentNumber(trx, 'JJ', at),
      repair_order_id: input.repairOrderId,
      job_id: input.jobId,
      line_id: input.lineId ?? null,
      part_id: part?.id ?? null,
      part_number: partNumber,
      name_zh: nameZh,
      qty_milli: qtyMilli,
      claim_number: input.claimNumber,
      location: input.location,
      status: 'held',
      claim_settled_at: null,
      disposed_at: null,
      disposed_by: null,
      note: '',
      created_by: actor.id,
      created_at: at,
      version: 1,
    });
    return load(trx, id, at);
  });
  deps.events.publish({ area: 'parts', id: dto.id });
  return dto;
}

/** The clerk's to-do: warranty part lines with no tag (parts.untaggedWarrantyLinesGrid). */
export async function untaggedWarrantyLinesGrid(deps: CoreDeps, input: UntaggedInput): Promise<Page<UntaggedWarrantyLine>> {
  const limit = input.endRow - input.startRow;
  const rows = await repo.untaggedWarrantyLines(deps.db, { offset: input.startRow, limit });
  return {
    hasMore: rows.length > limit,
    rows: rows.slice(0, limit).map((row) => ({
      repairOrderId: row.repair_order_id,
      roNumber: row.ro_number,
      plate: row.plate,
      jobId: row.job_id,
      concern: row.concern,
      lineId: row.line_id,
      partNumber: row.code,
      nameZh: row.name_zh,
      qtyMilli: row.qty_milli,
      issuedMilli: Number(row.issued_milli),
      createdAt: row.created_at,
    })),
  };
}

/** The old parts, by default what is still held (parts.oldPartsGrid). */
export async function oldPartsGrid(deps: CoreDeps, input: ListInput): Promise<Page<OldPartDto>> {
  const now = isoNow(deps.clock);
  const limit = input.endRow - input.startRow;
  const rows = await repo.listOldParts(deps.db, {
    view: input.view,
    text: input.text,
    offset: input.startRow,
    limit,
    direction: input.sortModel[0]?.sort ?? 'asc',
  });
  return { hasMore: rows.length > limit, rows: rows.slice(0, limit).map((row) => toDto(row, now)) };
}

/** A status change from `from`, refused with the reason of the status the part is in when it is not. */
async function change(
  deps: CoreDeps,
  id: number,
  version: number,
  from: OldPartStatus,
  set: Parameters<typeof repo.updateOldPart>[4],
  refusal: string,
): Promise<OldPartDto> {
  const at = isoNow(deps.clock);
  const dto = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findOldPart(trx, id);
    if (!row) notFound('oldPart');
    if (row.version !== version) staleVersion();
    if (row.status !== from) fail('RULE', refusal, undefined, { tag: row.tag_number, status: row.status });
    if (!(await repo.updateOldPart(trx, id, version, from, set))) staleVersion();
    return load(trx, id, at);
  });
  deps.events.publish({ area: 'parts', id });
  return dto;
}

/** held → claim_settled (parts.settleOldPartClaim). */
export function settleOldPartClaim(deps: CoreDeps, input: SettleInput): Promise<OldPartDto> {
  return change(
    deps,
    input.id,
    input.version,
    'held',
    { status: 'claim_settled', claim_number: input.claimNumber, claim_settled_at: isoNow(deps.clock) },
    'oldPart.notHeld',
  );
}

/** claim_settled → returned | scrapped (parts.disposeOldPart). */
export function disposeOldPart(deps: CoreDeps, actor: Actor, input: DisposeInput): Promise<OldPartDto> {
  return change(
    deps,
    input.id,
    input.version,
    'claim_settled',
    { status: input.disposition, note: input.note, disposed_at: isoNow(deps.clock), disposed_by: actor.id },
    'oldPart.notSettled',
  );
}
