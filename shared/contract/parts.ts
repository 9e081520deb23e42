import { type } from '@orpc/contract';
import { z } from 'zod';
import { isValidPartNumber, normalisePartNumber } from '../domain/part-number';
import { STOCK_MOVEMENT_KINDS, type StockMovementKind } from '../domain/stock';
import { procedure } from './base';
import { MAX_QTY_MILLI, unitPriceFen } from './catalog';
import { reasonIssue } from './errors';
import { id, isoDate, multiLine, refuseInvisible, singleLine, version } from './fields';
import { gridCursor, type KeysetPage } from './keyset';
import { gridInput, type Page } from './paging';

/** Everyone who quotes, plans or fits parts reads the master and the stock; the CSI desk has no use for it. */
const READ = ['advisor', 'foreman', 'technician', 'parts_clerk', 'manager'] as const;
/** The parts clerk keeps the master and the stock; the manager may do all of it (and alone overrides negative stock). */
const WRITE = ['parts_clerk', 'manager'] as const;

/** The units a part is counted in; quantities are thousandths of it (a litre of oil, a piece, a set of pads). */
export const PART_UNITS = ['piece', 'litre', 'set', 'pair', 'metre', 'kg', 'bottle'] as const;
export type PartUnit = (typeof PART_UNITS)[number];

/**
 * The ledger reason BayDesk itself writes when a car is handed over with parts still on the shelf for it. Stored as
 * this token (older files hold the same words); screens show it in the desk's language (`parts.issuedAtDelivery`).
 */
export const ISSUED_AT_DELIVERY = 'issued at delivery';

/** How a part is taxed on an invoice: the standard VAT rate, or exempt (e.g. deposits on cores). */
export const PART_TAX_CLASSES = ['standard', 'exempt'] as const;
export type PartTaxClass = (typeof PART_TAX_CLASSES)[number];

/** A part number as typed: any spelling; stored and compared normalised (no case, spaces or dashes). */
export const partNumber = z
  .string()
  .max(60)
  .superRefine((raw, ctx) => {
    const normalised = normalisePartNumber(raw);
    if (!normalised) ctx.addIssue(reasonIssue('required'));
    else if (!isValidPartNumber(normalised)) ctx.addIssue(reasonIssue('part.numberInvalid'));
  })
  .transform(normalisePartNumber);

/** Bins are labels on the shelves: aisle-rack-level such as A-01-03; letters, digits and dashes, upper case. */
export const BIN_PATTERN = /^[A-Z0-9][A-Z0-9-]*$/;
export const bin = z
  .string()
  .trim()
  .toUpperCase()
  .min(1)
  .max(20)
  .superRefine((value, ctx) => {
    if (value && !BIN_PATTERN.test(value)) ctx.addIssue(reasonIssue('bin.characters'));
  });

/** A stock level (minimum, maximum) in thousandths of the unit; 0 means none kept. */
export const stockLevelMilli = z.int().min(0).max(MAX_QTY_MILLI);

export const partShape = {
  partNumber,
  nameZh: singleLine().min(1).max(100),
  /** OEM price files often have no English name. */
  nameEn: singleLine().max(100).default(''),
  brand: singleLine().max(40).default(''),
  unit: z.enum(PART_UNITS),
  listPriceFen: unitPriceFen,
  costFen: unitPriceFen,
  taxClass: z.enum(PART_TAX_CLASSES).default('standard'),
  defaultBin: bin,
  minQtyMilli: stockLevelMilli,
  maxQtyMilli: stockLevelMilli,
};

/** A minimum above the maximum would make every suggested order wrong. */
export function checkLevels(value: { minQtyMilli: number; maxQtyMilli: number }, ctx: z.RefinementCtx): void {
  if (value.maxQtyMilli > 0 && value.minQtyMilli > value.maxQtyMilli) {
    ctx.addIssue({ ...reasonIssue('part.minAboveMax'), path: ['maxQtyMilli'] });
  }
}

export const partCreateInput = z.strictObject(partShape).superRefine(checkLevels);
export type PartFields = z.input<typeof partCreateInput>;
export const partUpdateInput = z.strictObject({ ...partShape, id, version, active: z.boolean() }).superRefine(checkLevels);

/** A part as a grid row: the master's figures and the stock's running totals. */
export interface PartRow {
  id: number;
  partNumber: string;
  nameZh: string;
  nameEn: string;
  brand: string;
  unit: string;
  defaultBin: string;
  listPriceFen: number;
  minQtyMilli: number;
  maxQtyMilli: number;
  onHandMilli: number;
  /** What open RO lines hold on the shelf. */
  reservedMilli: number;
  /** On hand minus reserved: what a new RO line can still count on. */
  availableMilli: number;
  /** Moving-average unit cost of what is on hand (the last known cost when nothing is). */
  avgUnitCostFen: number;
  stockValueFen: number;
  /** Available below the minimum (only when a minimum is kept). */
  belowMin: boolean;
  active: boolean;
  /** The number that replaces this one, when superseded. */
  supersededBy: string | null;
}

/** A part named in a supersession. */
export interface PartRef {
  id: number;
  partNumber: string;
  nameZh: string;
  nameEn: string;
}

export interface PartDetail extends PartRow {
  costFen: number;
  taxClass: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** What open RO lines wait for (short, to be ordered). */
  toOrderMilli: number;
  /** Stock per bin, bins with nothing left included only while they are the default bin. */
  bins: { bin: string; onHandMilli: number }[];
  /** The old numbers this part replaces directly. */
  replaces: PartRef[];
  /** Part numbers from this one to the part to use now (this one alone when it is not superseded). */
  chain: string[];
  /** The end of the chain: the part to use now (this one when it is not superseded). */
  current: PartRef;
}

/** What a number typed on an RO or at the counter leads to. */
export interface PartLookup {
  /** The part the number names (may be superseded). */
  requested: PartRef;
  /** The part to use now, with what it costs and what is free of it. */
  current: PartRef & { listPriceFen: number; unit: string; onHandMilli: number; availableMilli: number; active: boolean };
  chain: string[];
  superseded: boolean;
}

/** Columns the parts grid may sort by; anything else is refused. Filters come as their own fields. */
export const PART_GRID_COLUMNS = [
  'partNumber',
  'nameZh',
  'nameEn',
  'brand',
  'defaultBin',
  'onHand',
  'reserved',
  'available',
  'avgUnitCost',
  'listPrice',
  'stockValue',
] as const;
export type PartGridColumn = (typeof PART_GRID_COLUMNS)[number];

export const PART_ACTIVE_FILTERS = ['active', 'inactive', 'all'] as const;

/** The filters above the parts grid; the Excel export takes the same ones. */
export const partFilters = {
  /** A part number's start (any spelling) or a word of the Chinese or English name. */
  text: singleLine().max(60).default(''),
  brand: singleLine().max(40).default(''),
  /** Bins starting with this (a whole aisle: "A-01"), by default bin or by stock held there. */
  bin: singleLine().toUpperCase().max(20).default(''),
  belowMin: z.boolean().default(false),
  active: z.enum(PART_ACTIVE_FILTERS).default('active'),
};
export const partFilterInput = z.strictObject(partFilters);
export type PartFilterInput = z.input<typeof partFilterInput>;

function refuseColumnFilters(value: { filterModel: object }, ctx: z.RefinementCtx): void {
  for (const column of Object.keys(value.filterModel)) {
    ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
  }
}

export const partGridInput = gridInput(PART_GRID_COLUMNS)
  .safeExtend({ ...partFilters, ...gridCursor })
  .superRefine(refuseColumnFilters);
export type PartGridInput = z.input<typeof partGridInput>;

/** Columns the movements grid may sort by. */
export const MOVEMENT_GRID_COLUMNS = ['createdAt', 'kind', 'qty', 'bin'] as const;
export type MovementGridColumn = (typeof MOVEMENT_GRID_COLUMNS)[number];

/**
 * The ledger as a grid, newest first: all parts or one; by kind, by desk days (Asia/Shanghai, both included) and by
 * the RO a movement went to or came from.
 */
export const movementGridInput = gridInput(MOVEMENT_GRID_COLUMNS)
  .safeExtend({
    partId: id.optional(),
    kind: z.enum(STOCK_MOVEMENT_KINDS).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    roNumber: singleLine().toUpperCase().max(30).default(''),
  })
  .superRefine((value, ctx) => {
    refuseColumnFilters(value, ctx);
    if (value.from && value.to && value.to < value.from) ctx.addIssue({ ...reasonIssue('dateRange.order'), path: ['to'] });
  });
export type MovementGridInput = z.input<typeof movementGridInput>;

export interface MovementRow {
  id: number;
  createdAt: string;
  partId: number;
  partNumber: string;
  nameZh: string;
  nameEn: string;
  bin: string;
  kind: StockMovementKind;
  qtyMilli: number;
  unitCostFen: number;
  /** Signed change of the stock value. */
  valueFen: number;
  /** On hand of the part (all bins) after this movement. */
  onHandAfterMilli: number;
  repairOrderId: number | null;
  roNumber: string | null;
  userName: string;
  reason: string;
  /** The manager who let stock go below zero, when one did. */
  overrideByName: string | null;
}

/** Signed thousandths, not zero. */
const signedQtyMilli = z.int().superRefine((value, ctx) => {
  if (value === 0) ctx.addIssue(reasonIssue('stock.zeroQty'));
  else if (Math.abs(value) > MAX_QTY_MILLI) ctx.addIssue(reasonIssue('qty.tooMany', { max: MAX_QTY_MILLI / 1000 }));
});

export const adjustInput = z.strictObject({
  partId: id,
  bin,
  /** In (found, brought back) > 0, out (damaged, lost) < 0. */
  qtyMilli: signedQtyMilli,
  reason: multiLine().min(1).max(200),
  /** Let the bin go below zero: a manager's call only. */
  allowNegative: z.boolean().default(false),
});
export type AdjustFields = z.input<typeof adjustInput>;

/** Stock moves between two different bins. */
export function checkTransfer(value: { fromBin: string; toBin: string }, ctx: z.RefinementCtx): void {
  if (value.fromBin === value.toBin) ctx.addIssue({ ...reasonIssue('bin.same'), path: ['toBin'] });
}

export const transferQtyMilli = z.int().min(1).max(MAX_QTY_MILLI);
export const transferBinInput = z
  .strictObject({ partId: id, fromBin: bin, toBin: bin, qtyMilli: transferQtyMilli })
  .superRefine(checkTransfer);

export interface StockExport {
  fileName: string;
  /** The .xlsx file, base64. */
  dataBase64: string;
}

export const partsContract = {
  /**
   * The parts list: paged, sorted and filtered in SQL (number prefix in any spelling or name words, brand, bin,
   * below minimum, active), with on hand, reserved, available, moving-average cost, list price and stock value.
   */
  grid: procedure.meta({ access: READ }).input(partGridInput).output(type<KeysetPage<PartRow>>()),

  /** One part: master fields, stock per bin, reserved and to order, valuation and its supersession chain. */
  get: procedure.meta({ access: READ }).input(z.strictObject({ id })).output(type<PartDetail>()),

  /**
   * Looks a number up in any spelling and follows supersession to the part to use now, with what is available of
   * it; null when the number is not in the master.
   */
  lookup: procedure
    .meta({ access: READ })
    .input(z.strictObject({ partNumber: z.string().max(60).superRefine(refuseInvisible(false)) }))
    .output(type<PartLookup | null>()),

  /** Adds a part to the master (nothing on hand); the number is stored normalised and must be new. */
  create: procedure.meta({ access: WRITE }).input(partCreateInput).output(type<PartDetail>()),

  /** Changes a part's master fields (not its stock); a save from a stale version is refused. */
  update: procedure.meta({ access: WRITE }).input(partUpdateInput).output(type<PartDetail>()),

  /**
   * Says which number replaces this one (or, with null, that none does). A part pointing to itself or closing a loop
   * is refused; a superseded part stays on file and readable, and look-ups follow the chain to its end.
   */
  setSupersession: procedure
    .meta({ access: WRITE })
    .input(z.strictObject({ id, version, supersededBy: partNumber.nullable() }))
    .output(type<PartDetail>()),

  /** The stock ledger, newest first, for all parts or one, by kind, desk days and RO number. */
  movements: procedure.meta({ access: READ }).input(movementGridInput).output(type<Page<MovementRow>>()),

  /**
   * Corrects a bin's stock with a reason (found, damaged, lost): one adjustment in the ledger. A bin may go below
   * zero only when a manager asks for it (allowNegative), and the override is recorded with the movement.
   */
  adjust: procedure.meta({ access: WRITE }).input(adjustInput).output(type<PartDetail>()),

  /** Moves stock from one bin to another: two adjustments in one transaction, value unchanged. */
  transferBin: procedure.meta({ access: WRITE }).input(transferBinInput).output(type<PartDetail>()),

  /** The stock list as an Excel file (.xlsx): every part the grid's filters find, with a totals row. */
  exportStock: procedure.meta({ access: READ }).input(partFilterInput).output(type<StockExport>()),
};
