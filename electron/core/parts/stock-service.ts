import type { z } from 'zod';
import type { GridInput, Page } from '../../../shared/contract/paging';
import type {
  MovementGridColumn,
  MovementRow,
  PartDetail,
  adjustInput,
  movementGridInput,
  transferBinInput,
} from '../../../shared/contract/parts';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import { fail, notFound } from '../errors';
import { addDays, deskDayStart } from '../../../shared/domain/desk-time';
import { postMovement } from './ledger';
import { loadPartDetail } from './service';
import * as masterRepo from './repository';
import * as repo from './stock-repository';

type AdjustInput = z.output<typeof adjustInput>;
type TransferInput = z.output<typeof transferBinInput>;
type MovementInput = z.output<typeof movementGridInput>;

/** One page of the ledger (parts.movements). */
export async function movements(
  deps: CoreDeps,
  input: MovementInput & GridInput<MovementGridColumn>,
): Promise<Page<MovementRow>> {
  const limit = input.endRow - input.startRow;
  const rows = await repo.movementGrid(deps.db, {
    offset: input.startRow,
    limit,
    sort: input.sortModel.map((s) => ({ column: s.colId, direction: s.sort })),
    ...(input.partId !== undefined ? { partId: input.partId } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.from ? { from: deskDayStart(input.from) } : {}),
    ...(input.to ? { before: deskDayStart(addDays(input.to, 1)) } : {}),
    ...(input.roNumber ? { roNumber: input.roNumber } : {}),
  });
  return {
    hasMore: rows.length > limit,
    rows: rows.slice(0, limit).map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      partId: row.part_id,
      partNumber: row.part_number,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      bin: row.bin,
      kind: row.kind,
      qtyMilli: row.qty_milli,
      unitCostFen: row.unit_cost_fen,
      valueFen: row.value_fen,
      onHandAfterMilli: row.on_hand_after_milli,
      repairOrderId: row.repair_order_id,
      roNumber: row.ro_number ?? null,
      userName: row.user_name,
      reason: row.reason,
      overrideByName: row.override_name ?? null,
    })),
  };
}

/** Only a manager may let a bin go below zero; a parts clerk asking is told so before anything is written. */
function overrideOf(actor: Actor, allowNegative: boolean): number | null {
  if (!allowNegative) return null;
  if (actor.role !== 'manager') fail('FORBIDDEN', 'stock.overrideNeedsManager', 'allowNegative');
  return actor.id;
}

/** A bin's stock corrected with a reason: one adjustment row in the ledger (parts.adjust). */
export async function adjust(deps: CoreDeps, actor: Actor, input: AdjustInput): Promise<PartDetail> {
  const overrideBy = overrideOf(actor, input.allowNegative);
  const at = isoNow(deps.clock);
  const detail = await deps.db.transaction().execute(async (trx) => {
    if (!(await masterRepo.findPart(trx, input.partId))) notFound('part');
    await postMovement(trx, {
      partId: input.partId,
      bin: input.bin,
      kind: 'adjustment',
      qtyMilli: input.qtyMilli,
      reason: input.reason,
      overrideBy,
      userId: actor.id,
      at,
    });
    return loadPartDetail(trx, input.partId);
  });
  deps.events.publish({ area: 'parts', id: input.partId });
  return detail;
}

/** Stock moved between two bins: out of one and into the other at the cost it left with, in one transaction. */
export async function transferBin(deps: CoreDeps, actor: Actor, input: TransferInput): Promise<PartDetail> {
  const at = isoNow(deps.clock);
  const detail = await deps.db.transaction().execute(async (trx) => {
    if (!(await masterRepo.findPart(trx, input.partId))) notFound('part');
    const reason = `${input.fromBin} → ${input.toBin}`;
    const out = await postMovement(trx, {
      partId: input.partId,
      bin: input.fromBin,
      kind: 'adjustment',
      qtyMilli: -input.qtyMilli,
      reason,
      userId: actor.id,
      at,
    });
    await postMovement(trx, {
      partId: input.partId,
      bin: input.toBin,
      kind: 'adjustment',
      qtyMilli: input.qtyMilli,
      unitCostFen: out.unitCostFen,
      reason,
      userId: actor.id,
      at,
    });
    return loadPartDetail(trx, input.partId);
  });
  deps.events.publish({ area: 'parts', id: input.partId });
  return detail;
}
