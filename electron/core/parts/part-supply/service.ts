import type { z } from 'zod';
import type {
  CounterRow,
  counterGridInput,
  issueToLineInput,
  LineSupplyDto,
  returnFromLineInput,
  setExpectedInput,
} from '../../../../shared/contract/parts/part-supply';
import type { Page } from '../../../../shared/contract/paging';
import { instantAt } from '../../../../shared/domain/desk-time';
import { priceLine } from '../../../../shared/domain/money';
import { normalizePlate } from '../../../../shared/domain/plate';
import { OPEN_STATUSES, type RepairOrderStatus } from '../../../../shared/domain/repair-order-status';
import type { LineSupplyState } from '../../../../shared/domain/stock';
import { isoNow } from '../../clock';
import type { Actor, CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import { fail } from '../../errors';
import { paidFen } from '../../ro-records/repository';
import { postMovement } from '../ledger';
import { findCurrentPart } from '../lookup';
import { updateReservation } from './reservation-repository';
import { issueFromShelf } from './reservations';
import * as repo from './repository';

/** Parts go to the technician while the car is being worked on: not before it is written, not once it is ready. */
const ISSUE_STATUSES: readonly RepairOrderStatus[] = ['open', 'in_progress', 'on_hold', 'qc'];

interface SupplyRow {
  part_id: number;
  reserved_milli: number;
  to_order_milli: number;
  issued_milli: number;
  expected_at: string | null;
}

/** The state the advisor needs to know first: something to order, else something on the shelf, else issued. */
function stateOf(row: SupplyRow): LineSupplyState {
  if (row.to_order_milli > 0) return 'to_order';
  if (row.reserved_milli > 0) return 'reserved';
  if (row.issued_milli > 0) return 'issued';
  return 'reserved';
}

export function supplyDto(row: SupplyRow): LineSupplyDto {
  return {
    state: stateOf(row),
    reservedMilli: row.reserved_milli,
    toOrderMilli: row.to_order_milli,
    issuedMilli: row.issued_milli,
    expectedAt: row.to_order_milli > 0 ? row.expected_at : null,
    partId: row.part_id,
  };
}

export const NON_STOCK: LineSupplyDto = {
  state: 'non_stock',
  reservedMilli: 0,
  toOrderMilli: 0,
  issuedMilli: 0,
  expectedAt: null,
  partId: null,
};

/** The supply of each part line of an RO by line id (lines without a reservation are non-stock). One query. */
export async function supplyOfRepairOrder(db: Db, repairOrderId: number): Promise<Map<number, LineSupplyDto>> {
  const rows = await repo.findSupplyOfRepairOrder(db, repairOrderId);
  return new Map(rows.map((row) => [row.line_id, supplyDto(row)]));
}

/**
 * The master part a part line uses for a typed number: supersession followed. Undefined when the number is not in
 * the master (a non-stock line). `retired` when the part to use is no longer active.
 */
export async function masterPartForLine(db: Db, rawNumber: string) {
  const found = await findCurrentPart(db, rawNumber);
  if (!found) return undefined;
  return {
    part: found.current,
    requestedNumber: found.requested.part_number,
    superseded: found.current.id !== found.requested.id,
    retired: found.current.active !== 1,
  };
}

/** The line and its reservation; a line of no master part is refused (nothing is held or issued for it). */
async function lineSupply(trx: Db, lineId: number) {
  const line = await repo.findLineSupply(trx, lineId);
  if (!line) {
    if (await repo.lineExists(trx, lineId)) fail('RULE', 'parts.nonStock', 'lineId');
    fail('NOT_FOUND', 'notFound', 'lineId', { what: 'line' });
  }
  return line;
}

/** One write at the counter: one transaction, then the parts desk and the RO's desks hear of it. */
async function counterWrite(
  deps: CoreDeps,
  lineId: number,
  apply: (trx: Db, line: NonNullable<Awaited<ReturnType<typeof repo.findLineSupply>>>, now: string) => Promise<void>,
): Promise<LineSupplyDto> {
  const now = isoNow(deps.clock);
  const { dto, partId, repairOrderId } = await deps.db.transaction().execute(async (trx) => {
    const line = await lineSupply(trx, lineId);
    await apply(trx, line, now);
    const after = await lineSupply(trx, lineId);
    return { dto: supplyDto(after), partId: after.part_id, repairOrderId: after.repair_order_id };
  });
  deps.events.publish({ area: 'parts', id: partId });
  deps.events.publish({ area: 'repairOrders', id: repairOrderId });
  return dto;
}

/** parts.issueToLine. */
export function issueToLine(deps: CoreDeps, actor: Actor, input: z.output<typeof issueToLineInput>): Promise<LineSupplyDto> {
  return counterWrite(deps, input.lineId, async (trx, line, now) => {
    const status = line.ro_status;
    if (!ISSUE_STATUSES.includes(status)) fail('RULE', 'status.locked', undefined, { status });
    if (line.status !== 'open' || line.reserved_milli <= 0) fail('RULE', 'parts.nothingReserved', 'lineId');
    const qty = input.qtyMilli ?? line.reserved_milli;
    if (qty > line.reserved_milli) fail('RULE', 'parts.moreThanReserved', 'qtyMilli', { qty: line.reserved_milli / 1000 });
    await issueFromShelf(trx, {
      partId: line.part_id,
      qtyMilli: qty,
      ...(input.bin !== undefined ? { bin: input.bin } : {}),
      refs: { repairOrderId: line.repair_order_id, jobId: line.job_id, lineId: line.line_id },
      reason: '',
      userId: actor.id,
      at: now,
    });
    await updateReservation(trx, line.reservation_id, {
      reserved_milli: line.reserved_milli - qty,
      issued_milli: line.issued_milli + qty,
      updated_at: now,
    });
  });
}

/** parts.returnFromLine. */
export function returnFromLine(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof returnFromLineInput>,
): Promise<LineSupplyDto> {
  return counterWrite(deps, input.lineId, async (trx, line, now) => {
    const status = line.ro_status;
    // After handover, or once the customer paid, the RO's amounts are settled: a return is then a credit note's matter.
    if (!OPEN_STATUSES.includes(status)) fail('RULE', 'status.locked', undefined, { status });
    if ((await paidFen(trx, line.repair_order_id)) > 0) fail('RULE', 'parts.returnAfterPayment', 'lineId');
    if (input.qtyMilli > line.issued_milli) fail('RULE', 'parts.moreThanIssued', 'qtyMilli', { qty: line.issued_milli / 1000 });
    await postMovement(trx, {
      partId: line.part_id,
      ...(input.bin !== undefined ? { bin: input.bin } : {}),
      kind: 'return',
      qtyMilli: input.qtyMilli,
      refs: { repairOrderId: line.repair_order_id, jobId: line.job_id, lineId: line.line_id },
      reason: input.reason,
      userId: actor.id,
      at: now,
    });
    await updateReservation(trx, line.reservation_id, {
      qty_milli: line.qty_milli - input.qtyMilli,
      issued_milli: line.issued_milli - input.qtyMilli,
      updated_at: now,
    });
    // The unused quantity leaves the RO: the line is priced again as setLineDiscount does (its own tax, its discount).
    const qtyMilli = line.line_qty_milli - input.qtyMilli;
    const price = priceLine({
      qtyMilli,
      unitPriceFen: line.unit_price_fen,
      discountBp: line.discount_bp,
      taxRateBp: line.tax_rate_bp,
      taxIncluded: line.tax_included === 1,
    });
    await repo.updateLineQuantity(trx, line.line_id, {
      qty_milli: qtyMilli,
      gross_fen: price.grossFen,
      discount_fen: price.discountFen,
      net_fen: price.netFen,
      tax_fen: price.taxFen,
      total_fen: price.totalFen,
      updated_at: now,
    });
    await repo.touchRepairOrder(trx, line.repair_order_id, now);
  });
}

/** parts.setExpected. */
export function setExpected(deps: CoreDeps, input: z.output<typeof setExpectedInput>): Promise<LineSupplyDto> {
  return counterWrite(deps, input.lineId, async (trx, line, now) => {
    if (line.status !== 'open' || line.to_order_milli <= 0) fail('RULE', 'parts.nothingToOrder', 'lineId');
    await updateReservation(trx, line.reservation_id, {
      // A day on the desk's calendar: the parts come in that morning.
      expected_at: input.expectedAt === null ? null : instantAt(input.expectedAt, 0).toISOString(),
      updated_at: now,
    });
  });
}

/** parts.counterGrid: one page of the counter's grid. */
export async function counterGrid(deps: CoreDeps, input: z.output<typeof counterGridInput>): Promise<Page<CounterRow>> {
  const limit = input.endRow - input.startRow;
  const rows = await repo.counterRows(deps.db, {
    offset: input.startRow,
    limit,
    promised: input.sortModel[0]?.sort ?? 'asc',
    text: input.text ? { number: input.text.toUpperCase(), plate: normalizePlate(input.text) } : null,
    state: input.state,
    statuses: OPEN_STATUSES,
  });
  return {
    hasMore: rows.length > limit,
    rows: rows.slice(0, limit).map((row) => ({
      lineId: row.line_id,
      repairOrderId: row.repair_order_id,
      roNumber: row.number,
      roStatus: row.ro_status,
      plate: row.plate,
      advisorName: row.advisor_name,
      promisedAt: row.promised_at,
      jobId: row.job_id,
      partId: row.part_id,
      partNumber: row.part_number,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      defaultBin: row.default_bin,
      qtyMilli: row.qty_milli,
      reservedMilli: row.reserved_milli,
      toOrderMilli: row.to_order_milli,
      issuedMilli: row.issued_milli,
      expectedAt: row.expected_at,
    })),
  };
}
