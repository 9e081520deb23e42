import type { z } from 'zod';
import type { GridInput, Page } from '../../../../shared/contract/paging';
import type {
  ArrivalNoticeDto,
  FilledRoLineDto,
  PoGridColumn,
  PurchaseOrderDto,
  PurchaseOrderRow,
  PurchaseOrderStatus,
  ReceiptResult,
  SuggestedOrderRow,
  SupplierDto,
  cancelPurchaseOrderInput,
  createPurchaseOrderInput,
  receiveInput,
  suggestedOrderGridInput,
  supplierInput,
  updatePurchaseOrderInput,
} from '../../../../shared/contract/parts/purchasing';
import { addDays, instantAt, wallClock } from '../../../../shared/domain/desk-time';
import { normalisePartNumber } from '../../../../shared/domain/part-number';
import { valueOfQty } from '../../../../shared/domain/stock';
import { suggestOrder } from '../../../../shared/domain/suggested-order';
import { isoNow } from '../../clock';
import type { Actor, CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import { fail, notFound, staleVersion } from '../../errors';
import { nextDocumentNumber, postMovement } from '../ledger';
import * as repo from './repository';
import { fillWaitingLines } from '../part-supply/reservations';

type SupplierInput = z.output<typeof supplierInput>;
type CreateInput = z.output<typeof createPurchaseOrderInput>;
type UpdateInput = z.output<typeof updatePurchaseOrderInput>;
type ReceiveInput = z.output<typeof receiveInput>;

// --- suppliers ---

function supplierDto(row: NonNullable<Awaited<ReturnType<typeof repo.findSupplier>>>): SupplierDto {
  return {
    id: row.id,
    name: row.name,
    contact: row.contact,
    phone: row.phone,
    leadDays: row.lead_days,
    active: row.active === 1,
    createdAt: row.created_at,
  };
}

export async function suppliers(deps: CoreDeps): Promise<SupplierDto[]> {
  return (await repo.listSuppliers(deps.db)).map(supplierDto);
}

export async function saveSupplier(deps: CoreDeps, input: SupplierInput): Promise<SupplierDto> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    if (input.id !== undefined && !(await repo.findSupplier(trx, input.id))) notFound('supplier');
    if (await repo.findSupplierNamed(trx, input.name, input.id ?? 0)) fail('CONFLICT', 'supplier.duplicateName', 'name');
    const fields = {
      name: input.name,
      contact: input.contact,
      phone: input.phone,
      lead_days: input.leadDays,
      active: input.active ? 1 : 0,
    };
    let id = input.id;
    if (id === undefined) id = await repo.insertSupplier(trx, { ...fields, created_at: now });
    else await repo.updateSupplier(trx, id, fields);
    return supplierDto((await repo.findSupplier(trx, id))!);
  });
}

// --- suggested order ---

/** parts.suggestedOrderGrid: one page of what to buy, by part number either way. */
export async function suggestedOrderGrid(
  deps: CoreDeps,
  input: z.output<typeof suggestedOrderGridInput>,
): Promise<Page<SuggestedOrderRow>> {
  const limit = input.endRow - input.startRow;
  const rows = await repo
    .suggestedOrder(deps.db, {
      ...(input.supplierId !== undefined ? { supplierId: input.supplierId } : {}),
      numberPrefix: normalisePartNumber(input.text),
      nameText: input.text,
      direction: input.sortModel[0]?.sort ?? 'asc',
      offset: input.startRow,
      limit,
    })
    .execute();
  const page = rows.slice(0, limit);
  const partIds = page.map((row) => row.id);
  const supplierIds = [...new Set(page.map((row) => row.last_supplier_id).filter((id): id is number => id !== null))];
  const [waiting, names] = await Promise.all([repo.waitingLines(deps.db, partIds), repo.supplierNames(deps.db, supplierIds)]);
  const supplierName = new Map(names.map((row) => [row.id, row.name]));
  return {
    hasMore: rows.length > limit,
    rows: page.map((row) => {
      const availableMilli = row.on_hand_milli - Number(row.reserved_milli);
      const onOrderMilli = Number(row.on_order_milli);
      const waitingMilli = Number(row.waiting_milli);
      const suggestion = suggestOrder({
        availableMilli,
        onOrderMilli,
        waitingMilli,
        minMilli: row.min_qty_milli,
        maxMilli: row.max_qty_milli,
      });
      return {
        partId: row.id,
        partNumber: row.part_number,
        nameZh: row.name_zh,
        nameEn: row.name_en,
        unit: row.unit,
        onHandMilli: row.on_hand_milli,
        availableMilli,
        onOrderMilli,
        minMilli: row.min_qty_milli,
        maxMilli: row.max_qty_milli,
        waitingMilli,
        forWaitingMilli: suggestion.forWaitingMilli,
        forMinimumMilli: suggestion.forMinimumMilli,
        qtyMilli: suggestion.qtyMilli,
        lastCostFen: row.cost_fen,
        lastSupplierId: row.last_supplier_id,
        lastSupplierName: row.last_supplier_id === null ? null : (supplierName.get(row.last_supplier_id) ?? null),
        waitingLines: waiting
          .filter((line) => line.part_id === row.id)
          .map((line) => ({ repairOrderId: line.repair_order_id, roNumber: line.number, toOrderMilli: line.to_order_milli })),
      };
    }),
  };
}

// --- purchase orders ---

async function loadOrder(db: Db, id: number): Promise<PurchaseOrderDto> {
  const order = await repo.findPurchaseOrder(db, id);
  if (!order) notFound('purchaseOrder');
  const lines = (await repo.findLines(db, id)).map((line) => ({
    id: line.id,
    position: line.position,
    partId: line.part_id,
    partNumber: line.part_number,
    nameZh: line.name_zh,
    nameEn: line.name_en,
    unit: line.unit,
    defaultBin: line.default_bin,
    qtyMilli: line.qty_milli,
    receivedMilli: line.received_milli,
    unitCostFen: line.unit_cost_fen,
    amountFen: valueOfQty(line.qty_milli, line.unit_cost_fen),
  }));
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    supplierId: order.supplier_id,
    supplierName: order.supplier_name,
    leadDays: order.lead_days,
    note: order.note,
    orderedAt: order.ordered_at,
    expectedAt: order.expected_at,
    createdByName: order.created_by_name,
    createdAt: order.created_at,
    updatedAt: order.updated_at,
    version: order.version,
    totalFen: lines.reduce((sum, line) => sum + line.amountFen, 0),
    lines,
  };
}

export function purchaseOrder(deps: CoreDeps, id: number): Promise<PurchaseOrderDto> {
  return loadOrder(deps.db, id);
}

/** An active supplier to order from, and active parts priced at the given cost or their cost as last known. */
async function orderLines(trx: Db, input: CreateInput) {
  const supplier = await repo.findSupplier(trx, input.supplierId);
  if (!supplier) fail('NOT_FOUND', 'notFound', 'supplierId', { what: 'supplier' });
  if (supplier.active !== 1) fail('RULE', 'supplier.retired', 'supplierId', { name: supplier.name });
  const parts = new Map(
    (
      await repo.findParts(
        trx,
        input.lines.map((line) => line.partId),
      )
    ).map((part) => [part.id, part]),
  );
  return input.lines.map((line, index) => {
    const part = parts.get(line.partId);
    const field = `lines.${index}.partId`;
    if (!part) fail('NOT_FOUND', 'notFound', field, { what: 'part' });
    if (part.active !== 1) fail('RULE', 'purchase.partRetired', field, { partNumber: part.part_number });
    return {
      position: index + 1,
      part_id: part.id,
      qty_milli: line.qtyMilli,
      received_milli: 0,
      unit_cost_fen: line.unitCostFen ?? part.cost_fen,
    };
  });
}

function publishParts(deps: CoreDeps, partIds: Iterable<number>, repairOrderIds: Iterable<number> = []): void {
  for (const id of new Set(partIds)) deps.events.publish({ area: 'parts', id });
  for (const id of new Set(repairOrderIds)) deps.events.publish({ area: 'repairOrders', id });
}

export async function createPurchaseOrder(deps: CoreDeps, actor: Actor, input: CreateInput): Promise<PurchaseOrderDto> {
  const now = isoNow(deps.clock);
  const order = await deps.db.transaction().execute(async (trx) => {
    const lines = await orderLines(trx, input);
    const id = await repo.insertPurchaseOrder(trx, {
      number: await nextDocumentNumber(trx, 'PO', now),
      supplier_id: input.supplierId,
      status: 'draft',
      expected_at: null,
      note: input.note,
      ordered_at: null,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    await repo.replaceLines(trx, id, lines);
    return loadOrder(trx, id);
  });
  publishParts(
    deps,
    order.lines.map((line) => line.partId),
  );
  return order;
}

async function orderAt(trx: Db, id: number, version: number) {
  const order = await repo.findPurchaseOrder(trx, id);
  if (!order) notFound('purchaseOrder');
  if (order.version !== version) staleVersion();
  return order;
}

export async function updatePurchaseOrder(deps: CoreDeps, input: UpdateInput): Promise<PurchaseOrderDto> {
  const now = isoNow(deps.clock);
  const { order, before } = await deps.db.transaction().execute(async (trx) => {
    const current = await orderAt(trx, input.id, input.version);
    if (current.status !== 'draft') fail('RULE', 'purchase.notDraft', 'id', { number: current.number });
    const old = await repo.findLines(trx, input.id);
    const lines = await orderLines(trx, input);
    await repo.replaceLines(trx, input.id, lines);
    if (
      !(await repo.updatePurchaseOrder(trx, input.id, input.version, {
        supplier_id: input.supplierId,
        note: input.note,
        updated_at: now,
      }))
    ) {
      staleVersion();
    }
    return { order: await loadOrder(trx, input.id), before: old.map((line) => line.part_id) };
  });
  publishParts(deps, [...before, ...order.lines.map((line) => line.partId)]);
  return order;
}

/** `leadDays` after `now` on the desk's calendar, at the start of that day (as the RO lines' expected dates are). */
export function expectedAfter(now: string, leadDays: number): string {
  const today = wallClock(new Date(now)).day;
  return instantAt(addDays(today, leadDays), 0).toISOString();
}

export async function placePurchaseOrder(deps: CoreDeps, input: { id: number; version: number }): Promise<PurchaseOrderDto> {
  const now = isoNow(deps.clock);
  const { order, repairOrderIds } = await deps.db.transaction().execute(async (trx) => {
    const current = await orderAt(trx, input.id, input.version);
    if (current.status !== 'draft') fail('RULE', 'purchase.notDraft', 'id', { number: current.number });
    const supplier = await repo.findSupplier(trx, current.supplier_id);
    if (!supplier || supplier.active !== 1) fail('RULE', 'supplier.retired', 'supplierId', { name: current.supplier_name });
    const expectedAt = expectedAfter(now, supplier.lead_days);
    if (
      !(await repo.updatePurchaseOrder(trx, input.id, input.version, {
        status: 'ordered',
        ordered_at: now,
        expected_at: expectedAt,
        updated_at: now,
      }))
    ) {
      staleVersion();
    }
    const partIds = (await repo.findLines(trx, input.id)).map((line) => line.part_id);
    const touched = await repo.setExpectedWhereUnknown(trx, partIds, expectedAt, now);
    return { order: await loadOrder(trx, input.id), repairOrderIds: touched };
  });
  publishParts(
    deps,
    order.lines.map((line) => line.partId),
    repairOrderIds,
  );
  return order;
}

export async function cancelPurchaseOrder(
  deps: CoreDeps,
  input: z.output<typeof cancelPurchaseOrderInput>,
): Promise<PurchaseOrderDto> {
  const now = isoNow(deps.clock);
  const order = await deps.db.transaction().execute(async (trx) => {
    const current = await orderAt(trx, input.id, input.version);
    const lines = await repo.findLines(trx, input.id);
    if (current.status !== 'draft' && current.status !== 'ordered') {
      fail('RULE', 'purchase.notCancellable', 'id', { number: current.number });
    }
    if (lines.some((line) => line.received_milli > 0)) fail('RULE', 'purchase.notCancellable', 'id', { number: current.number });
    const note = current.note ? `${current.note}\n${input.reason}` : input.reason;
    if (!(await repo.updatePurchaseOrder(trx, input.id, input.version, { status: 'cancelled', note, updated_at: now })))
      staleVersion();
    return loadOrder(trx, input.id);
  });
  publishParts(
    deps,
    order.lines.map((line) => line.partId),
  );
  return order;
}

export async function purchaseOrders(deps: CoreDeps, input: GridInput<PoGridColumn>): Promise<Page<PurchaseOrderRow>> {
  const limit = input.endRow - input.startRow;
  const rows = await repo.purchaseOrderGrid(deps.db, input);
  return {
    hasMore: rows.length > limit,
    rows: rows.slice(0, limit).map((row) => ({
      id: row.id,
      number: row.number,
      status: row.status,
      supplierName: row.supplier_name,
      createdAt: row.created_at,
      orderedAt: row.ordered_at,
      expectedAt: row.expected_at,
      lineCount: Number(row.line_count),
      totalFen: Number(row.total_fen),
    })),
  };
}

// --- receipts ---

export async function receive(deps: CoreDeps, actor: Actor, input: ReceiveInput): Promise<ReceiptResult> {
  const now = isoNow(deps.clock);
  const result = await deps.db.transaction().execute(async (trx) => {
    const current = await orderAt(trx, input.id, input.version);
    if (current.status !== 'ordered' && current.status !== 'partly_received') {
      fail('RULE', 'purchase.notOrdered', 'id', { number: current.number });
    }
    const lines = new Map((await repo.findLines(trx, input.id)).map((line) => [line.id, line]));
    const seen = new Set<number>();
    // Every line is checked before anything is written: a refusal leaves the order as it was.
    input.lines.forEach((wanted, index) => {
      const line = lines.get(wanted.lineId);
      if (!line) fail('NOT_FOUND', 'notFound', `lines.${index}.lineId`, { what: 'purchaseOrderLine' });
      if (seen.has(line.id)) fail('INVALID_INPUT', 'purchase.duplicateLine', `lines.${index}.lineId`);
      seen.add(line.id);
      const due = line.qty_milli - line.received_milli;
      if (wanted.qtyMilli > due) {
        fail('RULE', 'purchase.overReceipt', `lines.${index}.qtyMilli`, { partNumber: line.part_number, due: due / 1000 });
      }
    });
    const partIds: number[] = [];
    for (const wanted of input.lines) {
      const line = lines.get(wanted.lineId)!;
      await postMovement(trx, {
        partId: line.part_id,
        ...(wanted.bin ? { bin: wanted.bin } : {}),
        kind: 'receipt',
        qtyMilli: wanted.qtyMilli,
        unitCostFen: line.unit_cost_fen,
        refs: { purchaseOrderId: current.id, purchaseOrderLineId: line.id },
        reason: current.number,
        userId: actor.id,
        at: now,
      });
      await repo.addReceived(trx, line.id, wanted.qtyMilli);
      await repo.setPartCost(trx, line.part_id, line.unit_cost_fen, now);
      line.received_milli += wanted.qtyMilli;
      if (!partIds.includes(line.part_id)) partIds.push(line.part_id);
    }
    const filled: FilledRoLineDto[] = [];
    for (const partId of partIds) {
      const line = [...lines.values()].find((l) => l.part_id === partId)!;
      for (const fill of await fillWaitingLines(trx, partId, now)) {
        filled.push({
          repairOrderId: fill.repairOrderId,
          roNumber: '',
          lineId: fill.lineId,
          partId,
          partNumber: line.part_number,
          nameZh: line.name_zh,
          nameEn: line.name_en,
          qtyMilli: fill.qtyMilli,
        });
      }
    }
    const numbers = await repo.repairOrderNumbers(
      trx,
      filled.map((f) => f.repairOrderId),
    );
    for (const fill of filled) fill.roNumber = numbers.get(fill.repairOrderId) ?? '';
    const complete = [...lines.values()].every((line) => line.received_milli >= line.qty_milli);
    const status: PurchaseOrderStatus = complete ? 'received' : 'partly_received';
    if (!(await repo.updatePurchaseOrder(trx, current.id, input.version, { status, updated_at: now }))) staleVersion();
    return { order: await loadOrder(trx, current.id), filled, partIds };
  });
  publishParts(
    deps,
    result.partIds,
    result.filled.map((fill) => fill.repairOrderId),
  );
  return { order: result.order, filled: result.filled };
}

// --- arrival notices ---

/** A manager reads and clears everyone's notices; an advisor only their own. */
function noticeOwner(actor: Actor): number | null {
  return actor.role === 'manager' ? null : actor.id;
}

export async function arrivalNotices(deps: CoreDeps, actor: Actor): Promise<ArrivalNoticeDto[]> {
  const rows = await repo.unseenNotices(deps.db, noticeOwner(actor));
  return rows.map((row) => ({
    id: row.id,
    repairOrderId: row.repair_order_id,
    roNumber: row.number,
    advisorName: row.display_name,
    partNumber: row.part_number,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    qtyMilli: row.qty_milli,
    createdAt: row.created_at,
  }));
}

export async function markNoticesSeen(deps: CoreDeps, actor: Actor, input: { ids: number[] }): Promise<{ marked: number }> {
  const now = isoNow(deps.clock);
  const { marked } = await deps.db.transaction().execute((trx) => repo.markSeen(trx, input.ids, noticeOwner(actor), now));
  if (marked > 0) deps.events.publish({ area: 'parts' });
  return { marked };
}
