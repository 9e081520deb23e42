import { averageUnitCost, valueOfQty, type StockMovementKind } from '../../../shared/domain/stock';
import { wallClock } from '../../../shared/domain/desk-time';
import type { Db } from '../db/connection';
import { fail, notFound } from '../errors';
import * as repo from './ledger-repository';

/** What a movement refers to; every id is optional because each kind has its own. */
export interface MovementRefs {
  repairOrderId?: number;
  jobId?: number;
  lineId?: number;
  purchaseOrderId?: number;
  purchaseOrderLineId?: number;
  stocktakeId?: number;
}

export interface MovementInput {
  partId: number;
  /** The bin moved from or to; the part's default bin when omitted. */
  bin?: string;
  kind: StockMovementKind;
  /** Signed thousandths of the unit: in > 0, out < 0; never 0. */
  qtyMilli: number;
  /** Inflows only: the cost to value them at (a receipt's purchase price). Others use the moving average. */
  unitCostFen?: number;
  refs?: MovementRefs;
  reason?: string;
  /** A manager who lets the bin go below zero; without one a movement that would is refused. */
  overrideBy?: number | null;
  userId: number;
  at: string;
}

export interface PostedMovement {
  movementId: number;
  bin: string;
  onHandAfterMilli: number;
  valueFen: number;
  unitCostFen: number;
}

/**
 * The one way stock changes: a ledger row plus the running totals (per bin and per part) it moves, in the caller's
 * transaction. Valuation is the moving average: inflows add their cost, outflows take the average out, and a bin
 * emptied takes all that is left so no rounding residue stays behind. A movement that would take a bin below zero
 * is refused (field `qtyMilli`, reason `stock.negative`) unless a manager overrides.
 */
export async function postMovement(trx: Db, input: MovementInput): Promise<PostedMovement> {
  if (!Number.isInteger(input.qtyMilli) || input.qtyMilli === 0) fail('INVALID_INPUT', 'stock.zeroQty', 'qtyMilli');
  const part = await repo.findPartStock(trx, input.partId);
  if (!part) notFound('part');
  const bin = input.bin ?? part.default_bin;
  const binBefore = await repo.binOnHand(trx, part.id, bin);
  const binAfter = binBefore + input.qtyMilli;
  if (binAfter < 0 && !input.overrideBy) {
    fail('RULE', 'stock.negative', 'qtyMilli', { partNumber: part.part_number, bin, onHand: binBefore / 1000 });
  }
  const onHandAfter = part.on_hand_milli + input.qtyMilli;
  const average = averageUnitCost(part.on_hand_milli, part.stock_value_fen, part.cost_fen);
  let valueFen: number;
  let valueAfter: number;
  if (input.qtyMilli > 0) {
    const unitCost = input.unitCostFen ?? average;
    valueFen = valueOfQty(input.qtyMilli, unitCost);
    // Below zero the missing quantity was consumed at no recorded cost: what is left is valued at this inflow's cost.
    valueAfter = part.on_hand_milli < 0 ? valueOfQty(Math.max(onHandAfter, 0), unitCost) : part.stock_value_fen + valueFen;
    valueFen = valueAfter - part.stock_value_fen;
  } else {
    valueAfter = onHandAfter <= 0 ? 0 : part.stock_value_fen - valueOfQty(-input.qtyMilli, average);
    valueFen = valueAfter - part.stock_value_fen;
  }
  const unitCostFen = input.qtyMilli > 0 ? (input.unitCostFen ?? average) : average;
  const refs = input.refs ?? {};
  const movementId = await repo.insertMovement(trx, {
    part_id: part.id,
    bin,
    kind: input.kind,
    qty_milli: input.qtyMilli,
    unit_cost_fen: unitCostFen,
    value_fen: valueFen,
    on_hand_after_milli: onHandAfter,
    repair_order_id: refs.repairOrderId ?? null,
    job_id: refs.jobId ?? null,
    line_id: refs.lineId ?? null,
    purchase_order_id: refs.purchaseOrderId ?? null,
    purchase_order_line_id: refs.purchaseOrderLineId ?? null,
    stocktake_id: refs.stocktakeId ?? null,
    reason: input.reason ?? '',
    override_by: binAfter < 0 ? (input.overrideBy ?? null) : null,
    created_by: input.userId,
    created_at: input.at,
  });
  await repo.addToBin(trx, part.id, bin, input.qtyMilli);
  await repo.setPartTotals(trx, part.id, onHandAfter, valueAfter);
  return { movementId, bin, onHandAfterMilli: onHandAfter, valueFen, unitCostFen };
}

/** On hand minus what open RO lines hold on the shelf: what a new line can still reserve. */
export async function availableMilli(trx: Db, partId: number): Promise<number> {
  const part = await repo.findPartStock(trx, partId);
  if (!part) notFound('part');
  return part.on_hand_milli - (await repo.reservedMilli(trx, partId));
}

/** `PO2026-000012`, `ST2026-000003`, `JJ2026-000051`, warranty claims `SP…` and their batches `SB…`: a document number per kind and calendar year of the desk. */
export async function nextDocumentNumber(trx: Db, prefix: 'PO' | 'ST' | 'JJ' | 'SP' | 'SB', at: string): Promise<string> {
  const year = Number(wallClock(new Date(at)).day.slice(0, 4));
  const number = await repo.nextDocumentNumber(trx, prefix, year);
  return `${prefix}${year}-${String(number).padStart(6, '0')}`;
}
