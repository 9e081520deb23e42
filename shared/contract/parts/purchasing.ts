import { type } from '@orpc/contract';
import { z } from 'zod';
import { procedure } from '../base';
import { qtyMilli, unitPriceFen } from '../catalog';
import { reasonIssue } from '../errors';
import { id, multiLine, phoneNumber, singleLine, version } from '../fields';
import { gridInput, type Page } from '../paging';
import { bin } from '../parts';

/** The parts clerk buys; the manager may do all of it. */
const BUY = ['parts_clerk', 'manager'] as const;
/** An advisor reads the arrival notices of their own ROs; the manager reads everyone's. */
const NOTICES = ['advisor', 'manager'] as const;

/** A purchase order's life: written (draft), sent to the supplier (ordered), coming in, in, or called off. */
export const PURCHASE_ORDER_STATUSES = ['draft', 'ordered', 'partly_received', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];
/** Still to come in: what these order counts as "on order" for the suggestion. */
export const OPEN_PURCHASE_ORDER_STATUSES = ['draft', 'ordered', 'partly_received'] as const;

/** Two months: a supplier slower than that is not one a service department orders from for waiting cars. */
export const MAX_LEAD_DAYS = 60;
export const MAX_PO_LINES = 200;

export const supplierInput = z.strictObject({
  /** Absent: a new supplier. */
  id: id.optional(),
  name: singleLine().min(1).max(100),
  contact: singleLine().max(60).default(''),
  phone: z.union([z.literal(''), phoneNumber]).default(''),
  leadDays: z.int().min(0).max(MAX_LEAD_DAYS),
  active: z.boolean().default(true),
});
export type SupplierFields = z.input<typeof supplierInput>;

export interface SupplierDto {
  id: number;
  name: string;
  contact: string;
  phone: string;
  leadDays: number;
  active: boolean;
  createdAt: string;
}

/**
 * The suggestion sorts by part number, either way. Its rows are the few candidates (parts kept at a level, parts waited
 * for by an RO line), never the whole master, so they are sorted in memory; no column filters (the search box and the
 * supplier are its inputs).
 */
export const SUGGESTED_ORDER_GRID_COLUMNS = ['partNumber'] as const;
export type SuggestedOrderGridColumn = (typeof SUGGESTED_ORDER_GRID_COLUMNS)[number];

export const suggestedOrderGridInput = gridInput(SUGGESTED_ORDER_GRID_COLUMNS)
  .safeExtend({
    /** Only parts last bought from this supplier (its most recent purchase order that was not cancelled). */
    supplierId: id.optional(),
    /** A part number's start (any spelling) or part of the Chinese or English name. */
    text: singleLine().max(60).default(''),
  })
  .superRefine((value, ctx) => {
    for (const column of Object.keys(value.filterModel)) {
      ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
    }
  });
export type SuggestedOrderGridInput = z.input<typeof suggestedOrderGridInput>;

/** An RO line waiting for the part, as the suggestion names it. */
export interface WaitingLineDto {
  repairOrderId: number;
  roNumber: string;
  toOrderMilli: number;
}

/** One part to buy, with why. Quantities are thousandths of the part's unit. */
export interface SuggestedOrderRow {
  partId: number;
  partNumber: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  onHandMilli: number;
  availableMilli: number;
  onOrderMilli: number;
  minMilli: number;
  maxMilli: number;
  /** Open RO lines' quantity still to order. */
  waitingMilli: number;
  /** Of the suggestion: for the waiting RO lines not covered by what is on order. */
  forWaitingMilli: number;
  /** Of the suggestion: to bring the shelf back up to its maximum (it would stay below its minimum). */
  forMinimumMilli: number;
  qtyMilli: number;
  /** The part's cost as last known (its last receipt or price file), fen a unit: the new order line's price. */
  lastCostFen: number;
  /** The supplier of the part's most recent purchase order that was not cancelled. */
  lastSupplierId: number | null;
  lastSupplierName: string | null;
  waitingLines: WaitingLineDto[];
}

const poLine = z.strictObject({
  partId: id,
  qtyMilli,
  /** Default: the part's cost as last known. */
  unitCostFen: unitPriceFen.optional(),
});

/** Each part once on an order: two lines of one part would be received and costed twice. */
function onePartOnce(lines: { partId: number }[], ctx: z.RefinementCtx): void {
  const seen = new Set<number>();
  lines.forEach((line, index) => {
    if (seen.has(line.partId)) ctx.addIssue({ ...reasonIssue('purchase.duplicatePart'), path: [index, 'partId'] });
    seen.add(line.partId);
  });
}

const poLines = z.array(poLine).min(1).max(MAX_PO_LINES).superRefine(onePartOnce);
const note = multiLine().max(500).default('');

export const createPurchaseOrderInput = z.strictObject({ supplierId: id, lines: poLines, note });
export type CreatePurchaseOrderFields = z.input<typeof createPurchaseOrderInput>;

/** A draft's lines and note, replaced whole (lines added, removed, quantities changed). */
export const updatePurchaseOrderInput = z.strictObject({ id, version, supplierId: id, lines: poLines, note });

export const cancelPurchaseOrderInput = z.strictObject({ id, version, reason: multiLine().min(1).max(200) });

export const receiveInput = z.strictObject({
  id,
  version,
  lines: z
    .array(
      z.strictObject({
        lineId: id,
        qtyMilli,
        /** The bin put away to; the part's default bin when omitted. */
        bin: bin.optional(),
      }),
    )
    .min(1)
    .max(MAX_PO_LINES),
});
export type ReceiveFields = z.input<typeof receiveInput>;

export interface PurchaseOrderLineDto {
  id: number;
  position: number;
  partId: number;
  partNumber: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  defaultBin: string;
  qtyMilli: number;
  receivedMilli: number;
  unitCostFen: number;
  /** qty × unit cost, rounded half up for the line. */
  amountFen: number;
}

export interface PurchaseOrderDto {
  id: number;
  number: string;
  status: PurchaseOrderStatus;
  supplierId: number;
  supplierName: string;
  leadDays: number;
  note: string;
  orderedAt: string | null;
  expectedAt: string | null;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  totalFen: number;
  lines: PurchaseOrderLineDto[];
}

/** An RO line a receipt filled: the clerk sees whom the parts are for. */
export interface FilledRoLineDto {
  repairOrderId: number;
  roNumber: string;
  lineId: number;
  partId: number;
  partNumber: string;
  nameZh: string;
  nameEn: string;
  qtyMilli: number;
}

export interface ReceiptResult {
  order: PurchaseOrderDto;
  filled: FilledRoLineDto[];
}

export const PO_GRID_COLUMNS = ['number', 'status', 'supplierName', 'createdAt', 'orderedAt', 'expectedAt'] as const;
export type PoGridColumn = (typeof PO_GRID_COLUMNS)[number];

/** Status filters by exact value; the dates sort but do not filter (a text filter on a date means little). */
function checkPoFilters(
  value: { filterModel: Partial<Record<PoGridColumn, { type: string; filter: string }>> },
  ctx: z.RefinementCtx,
): void {
  for (const [column, filter] of Object.entries(value.filterModel)) {
    if (!filter) continue;
    if (column === 'createdAt' || column === 'orderedAt' || column === 'expectedAt') {
      ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
    } else if (column === 'status') {
      if (filter.type !== 'equals' || !(PURCHASE_ORDER_STATUSES as readonly string[]).includes(filter.filter)) {
        ctx.addIssue({ ...reasonIssue('invalidOption'), path: ['filterModel', column, 'filter'] });
      }
    }
  }
}

export const poGridInput = gridInput(PO_GRID_COLUMNS).superRefine(checkPoFilters);

export interface PurchaseOrderRow {
  id: number;
  number: string;
  status: PurchaseOrderStatus;
  supplierName: string;
  createdAt: string;
  orderedAt: string | null;
  expectedAt: string | null;
  lineCount: number;
  totalFen: number;
}

export interface ArrivalNoticeDto {
  id: number;
  repairOrderId: number;
  roNumber: string;
  advisorName: string;
  partNumber: string;
  nameZh: string;
  nameEn: string;
  qtyMilli: number;
  createdAt: string;
}

/** Purchasing: suppliers, suggested order, purchase orders and receipts (issue 5): parts.* */
export const purchasingContract = {
  /** Every supplier by name, retired ones last. */
  suppliers: procedure.meta({ access: BUY }).input(z.strictObject({})).output(type<SupplierDto[]>()),

  /** Creates a supplier (no id) or changes one; names are unique. */
  saveSupplier: procedure.meta({ access: BUY }).input(supplierInput).output(type<SupplierDto>()),

  /**
   * What to buy: every active part whose waiting RO lines are not covered by what is on order, or whose shelf would
   * stay below its minimum once everything on order came in (then up to its maximum). Each row says why and names the
   * waiting ROs. Grouped and paged in SQL, by part number either way.
   */
  suggestedOrderGrid: procedure.meta({ access: BUY }).input(suggestedOrderGridInput).output(type<Page<SuggestedOrderRow>>()),

  /** A draft purchase order (PO2026-000001); a line without a price takes the part's cost as last known. */
  createPurchaseOrder: procedure.meta({ access: BUY }).input(createPurchaseOrderInput).output(type<PurchaseOrderDto>()),

  /** Replaces a draft's supplier, lines and note; a stale version or an order already placed changes nothing. */
  updatePurchaseOrder: procedure.meta({ access: BUY }).input(updatePurchaseOrderInput).output(type<PurchaseOrderDto>()),

  /**
   * Sends a draft to the supplier: expected after the supplier's lead days (desk's calendar); the RO lines waiting for
   * its parts with no expected date get this one (it feeds the promise-time warning).
   */
  placePurchaseOrder: procedure.meta({ access: BUY }).input(z.strictObject({ id, version })).output(type<PurchaseOrderDto>()),

  /** Calls off a draft, or an order of which nothing came in yet, with the reason. */
  cancelPurchaseOrder: procedure.meta({ access: BUY }).input(cancelPurchaseOrderInput).output(type<PurchaseOrderDto>()),

  /** Purchase orders, newest first unless sorted, paged and filtered in SQL. */
  purchaseOrders: procedure.meta({ access: BUY }).input(poGridInput).output(type<Page<PurchaseOrderRow>>()),

  purchaseOrder: procedure.meta({ access: BUY }).input(z.strictObject({ id })).output(type<PurchaseOrderDto>()),

  /**
   * Receives parts of an ordered purchase order (partly too): a ledger receipt per line at the order's price (moving
   * average), the part's cost becomes that price, and RO lines waiting for the parts are filled first, oldest first,
   * with a notice to their advisor. More than still due on a line is refused and nothing is received.
   */
  receive: procedure.meta({ access: BUY }).input(receiveInput).output(type<ReceiptResult>()),

  /** Parts that arrived for ROs and were not yet marked seen: the signed-in advisor's own; the manager sees all. */
  arrivalNotices: procedure.meta({ access: NOTICES }).input(z.strictObject({})).output(type<ArrivalNoticeDto[]>()),

  /** Marks notices seen (an advisor only their own); returns how many were marked. */
  markNoticesSeen: procedure
    .meta({ access: NOTICES })
    .input(z.strictObject({ ids: z.array(id).min(1).max(200) }))
    .output(type<{ marked: number }>()),
};
