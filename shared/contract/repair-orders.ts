import { type } from '@orpc/contract';
import { z } from 'zod';
import { CONCERN_GROUPS, type ConcernGroup } from '../domain/concern-groups';
import { GUARANTEE_CATEGORIES, type GuaranteeCategory } from '../domain/guarantee';
import type { PromiseRisk } from '../domain/promise-risk';
import type { LinePrice } from '../domain/money';
import { RO_STATUSES, type RepairOrderStatus, type RoSource } from '../domain/repair-order-status';
import { authorisationContract } from './repair-orders/authorisation';
import type { LineSupplyDto } from './parts/part-supply';
import { procedure } from './base';
import { checkInContract } from './repair-orders/check-in';
import { settlementContract } from './repair-orders/settlement';
import { refundsContract } from './repair-orders/refunds';
import { hoursMilli, laborRateFen, qtyMilli, unitPriceFen } from './catalog';
import { reasonIssue } from './errors';
import { id, isoDate, multiLine, singleLine, version } from './fields';
import { gridInput, pageInput, type Page } from './paging';

/** Everyone in the service department reads ROs; advisors and the manager write them (the workshop's writes come later). */
const READ = ['advisor', 'foreman', 'technician', 'parts_clerk', 'csi_agent', 'manager'] as const;
const WRITE = ['advisor', 'manager'] as const;

/** Who pays for a job. */
export const RO_PAYERS = ['customer', 'warranty', 'internal', 'insurance'] as const;
export type RoPayer = (typeof RO_PAYERS)[number];

/** The customer's answer to a job's estimate (repairOrders.authorise); a job starts pending, also when added later. */
export const JOB_AUTHORIZATIONS = ['pending', 'approved', 'declined'] as const;
export type JobAuthorization = (typeof JOB_AUTHORIZATIONS)[number];

export const LINE_KINDS = ['labor', 'part'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const MAX_CONCERNS = 20;
export const MAX_CONCERN_LENGTH = 1000;

const concern = multiLine().min(1).max(MAX_CONCERN_LENGTH);
/** The technician's findings: may stay empty until the work is done. */
const finding = multiLine().max(2000);
const lineName = singleLine().min(1).max(100);
/** Optional in the input; an explicit instant with its zone (stored UTC). */
const promisedAt = z.iso.datetime({ offset: true });

/** A discount in basis points, with the reason a customer is given one (required for any discount). */
const discountShape = {
  discountBp: z.int().min(0).max(10_000).default(0),
  discountReason: multiLine().max(200).default(''),
};
function requireDiscountReason(value: { discountBp: number; discountReason: string }, ctx: z.RefinementCtx): void {
  if (value.discountBp > 0 && !value.discountReason) ctx.addIssue({ ...reasonIssue('required'), path: ['discountReason'] });
}

export const createInput = z.strictObject({
  /** Who the RO is written for; by default the vehicle's current owner. */
  customerId: id.optional(),
  vehicleId: id,
  promisedAt: promisedAt.nullable().default(null),
  /** The customer's concerns in their own words, one job each (payer customer, group other until triaged). */
  concerns: z.array(concern).min(1).max(MAX_CONCERNS),
});

export const addJobInput = z.strictObject({
  id,
  version,
  concern,
  concernGroup: z.enum(CONCERN_GROUPS).default('other'),
  payer: z.enum(RO_PAYERS).default('customer'),
});

/**
 * A maintenance package: its operations and parts become lines, priced as the catalogue states them now, in the job of
 * the concern it answers (`jobId`), or without one in a new job named after the package.
 */
export const addPackageInput = z.strictObject({ id, version, packageId: id, jobId: id.optional() });

export const updateJobInput = z.strictObject({
  id,
  version,
  jobId: id,
  concern: concern.optional(),
  cause: finding.optional(),
  correction: finding.optional(),
  concernGroup: z.enum(CONCERN_GROUPS).optional(),
  payer: z.enum(RO_PAYERS).optional(),
  /** The guarantee category of the work (null: not set yet); decides the guarantee period and the certificate. */
  workCategory: z.enum(GUARANTEE_CATEGORIES).nullable().optional(),
});

export const removeJobInput = z.strictObject({ id, version, jobId: id });

/**
 * A labor line: from a catalogue operation (`operationId`: its code, names, hours and rate are copied as they are
 * now), or free text (`nameZh`, `hoursMilli` and `laborRateFen` required, `code` optional).
 */
export const addLaborLineInput = z
  .strictObject({
    id,
    version,
    jobId: id,
    operationId: id.optional(),
    code: singleLine().toUpperCase().max(20).optional(),
    nameZh: lineName.optional(),
    nameEn: singleLine().max(100).optional(),
    hoursMilli: hoursMilli.optional(),
    laborRateFen: laborRateFen.optional(),
    ...discountShape,
  })
  .superRefine((value, ctx) => {
    requireDiscountReason(value, ctx);
    const free = ['code', 'nameZh', 'nameEn', 'hoursMilli', 'laborRateFen'] as const;
    if (value.operationId !== undefined) {
      // The catalogue is the price list: a line from it is copied whole, never half-overridden.
      for (const key of free) {
        if (value[key] !== undefined) ctx.addIssue({ ...reasonIssue('line.fromCatalogue'), path: [key] });
      }
    } else {
      for (const key of ['nameZh', 'hoursMilli', 'laborRateFen'] as const) {
        if (value[key] === undefined) ctx.addIssue({ ...reasonIssue('required'), path: [key] });
      }
    }
  });

/**
 * A part line. A number in the parts master (any spelling; a superseded number gives the part that replaced it) is
 * copied from the master with its names and list price, and reserves stock: giving `nameZh`, `nameEn` or
 * `unitPriceFen` for it is refused (`line.fromMaster`), as for a labor line from the catalogue. Any other number is a
 * non-stock free-text line (sundries): `nameZh` and `unitPriceFen` are then required. Stored upper-case.
 */
export const addPartLineInput = z
  .strictObject({
    id,
    version,
    jobId: id,
    partNumber: singleLine().toUpperCase().min(1).max(40),
    nameZh: lineName.optional(),
    nameEn: singleLine().max(100).optional(),
    qtyMilli,
    unitPriceFen: unitPriceFen.optional(),
    ...discountShape,
  })
  .superRefine(requireDiscountReason);

export const setLineDiscountInput = z
  .strictObject({ id, version, lineId: id, ...discountShape })
  .superRefine(requireDiscountReason);

export const removeLineInput = z.strictObject({ id, version, lineId: id });

export const setPromisedTimeInput = z.strictObject({ id, version, promisedAt: promisedAt.nullable() });

/**
 * A change of status, with a note kept in the RO's status history. Cancelling needs the note: it is the reason the
 * RO was withdrawn (refused blank with `status.cancelReason`), shown on the RO and kept with the change.
 */
export const transitionInput = z
  .strictObject({
    id,
    version,
    to: z.enum(RO_STATUSES),
    note: multiLine().max(500).default(''),
  })
  .superRefine((value, ctx) => {
    if (value.to === 'cancelled' && value.note.trim() === '')
      ctx.addIssue({ ...reasonIssue('status.cancelReason'), path: ['note'] });
  });

/** Amounts of one line or a sum of lines, all integer fen (see shared/domain/money priceLine). */
export type AmountsDto = LinePrice;

export interface RoLineDto extends AmountsDto {
  id: number;
  jobId: number;
  kind: LineKind;
  position: number;
  /** The catalogue operation a labor line was copied from (null for free text and parts). */
  operationId: number | null;
  /** Labor: operation code ('' for free text without one). Part: part number. */
  code: string;
  nameZh: string;
  nameEn: string;
  /** Labor: flat-rate hours; part: quantity; thousandths. */
  qtyMilli: number;
  /** Labor: rate per hour; part: unit price; fen. */
  unitPriceFen: number;
  discountBp: number;
  discountReason: string;
  taxRateBp: number;
  taxIncluded: boolean;
  /** A part line's supply (reserved, to order, issued; non_stock for free text); null for labor. */
  supply: LineSupplyDto | null;
}

/** repairOrders.addPartLine: the RO, and (only then) the number typed when the master replaced it by its successor. */
export interface AddPartLineResult extends RepairOrderDetail {
  superseded?: { from: string; to: string };
}

export interface RoJobDto {
  id: number;
  position: number;
  concern: string;
  cause: string;
  correction: string;
  concernGroup: ConcernGroup;
  payer: RoPayer;
  authorization: JobAuthorization;
  /** The guarantee category of the work, null until the advisor sets it. */
  workCategory: GuaranteeCategory | null;
  /** Who the job is dispatched to. */
  technician: { id: number; displayName: string } | null;
  laborLines: RoLineDto[];
  partLines: RoLineDto[];
  /** Sum of the job's stored lines (a declined job keeps its own total). */
  totals: AmountsDto;
}

export interface RoStatusChangeDto {
  /** Null for the creation of the RO. */
  from: RepairOrderStatus | null;
  to: RepairOrderStatus;
  at: string;
  userId: number;
  userName: string;
  note: string;
}

export interface RoTotals {
  labor: AmountsDto;
  parts: AmountsDto;
  all: AmountsDto;
  byPayer: Record<RoPayer, AmountsDto>;
}

export interface RepairOrderDetail {
  id: number;
  /** RO + year of the desk + sequence in that year: RO2026-000123. */
  number: string;
  status: RepairOrderStatus;
  /** Where the RO may go from here (the usual next step first). */
  nextStatuses: RepairOrderStatus[];
  /** `phone`: the customer's first phone on file ('' when none). */
  customer: { id: number; name: string; phone: string };
  vehicle: { id: number; vin: string; plate: string; makeModel: string };
  advisor: { id: number; displayName: string };
  promisedAt: string | null;
  openedAt: string;
  mileageInKm: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  jobs: RoJobDto[];
  /** Sums of the stored rounded lines of the jobs not declined, never a re-rounding of a sum. */
  totals: RoTotals;
  /** Every status change, oldest first (the first is the creation). */
  history: RoStatusChangeDto[];
  /** 'import': history from the previous DMS (shown with a history badge), else 'desk'. */
  source: RoSource;
}

export interface RepairOrderSummary {
  id: number;
  number: string;
  status: RepairOrderStatus;
  openedAt: string;
  promisedAt: string | null;
  customerName: string;
  advisorName: string;
  /** Sum of the line totals of the jobs not declined, fen. */
  totalFen: number;
}

/** Columns the RO grid may sort by; anything else is refused. Filters come as their own fields (see roGridInput). */
export const RO_GRID_COLUMNS = ['number', 'openedAt', 'promisedAt', 'status'] as const;
export type RoGridColumn = (typeof RO_GRID_COLUMNS)[number];

/**
 * The saved views of the RO list: every RO; the acting advisor's open ones; open ones promised for today on the
 * desk's calendar (Asia/Shanghai); open ones whose promised time has passed. "Open" is isOpenStatus.
 */
export const RO_GRID_VIEWS = ['all', 'mine_open', 'due_today', 'late'] as const;
export type RoGridView = (typeof RO_GRID_VIEWS)[number];

/** Where a block of the RO grid ends: the fields of its last row that any of the grid's orders is made of. */
export const roGridCursor = z.strictObject({
  id,
  number: z.string().max(40),
  status: z.enum(RO_STATUSES),
  openedAt: z.string().max(40),
  promisedAt: z.string().max(40).nullable(),
});
export type RoGridCursor = z.infer<typeof roGridCursor>;

/**
 * The RO grid's request: AG Grid's page and sort, a view, and the filters above the grid. The grid's own column
 * filters are not used (status, advisor, dates and payer are not free text): any filterModel entry is refused.
 * `openedFrom`/`openedTo` are calendar days on the desk (Asia/Shanghai), both included.
 */
export const roGridInput = gridInput(RO_GRID_COLUMNS)
  .safeExtend({
    view: z.enum(RO_GRID_VIEWS).default('all'),
    status: z.array(z.enum(RO_STATUSES)).max(RO_STATUSES.length).default([]),
    advisorId: id.optional(),
    openedFrom: isoDate.optional(),
    openedTo: isoDate.optional(),
    payer: z.enum(RO_PAYERS).optional(),
    /**
     * RO number, plate or customer name (anywhere in it from 3 characters; 1 or 2 match its start), or the VIN's
     * last characters (4 or more).
     */
    text: singleLine().max(60).default(''),
    /**
     * The last row of the block before this one, as the grid received it: the page continues right after it in the
     * requested order (keyset paging), so a block deep in ten years of ROs reads no more than the first one. Without
     * it `startRow` is an offset, read by walking past that many rows: fine for the first blocks only.
     */
    after: roGridCursor.optional(),
  })
  .superRefine((value, ctx) => {
    for (const column of Object.keys(value.filterModel)) {
      ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
    }
    if (value.openedFrom && value.openedTo && value.openedTo < value.openedFrom) {
      ctx.addIssue({ ...reasonIssue('dateRange.order'), path: ['openedTo'] });
    }
  });
export type RoGridInput = z.input<typeof roGridInput>;

/** One line of the RO list. */
export interface RoGridRow {
  id: number;
  number: string;
  status: RepairOrderStatus;
  customerName: string;
  plate: string;
  advisorId: number;
  advisorName: string;
  openedAt: string;
  promisedAt: string | null;
  /** Open with its promised time passed (by the core's clock when the page was read). */
  late: boolean;
  /** Sum of the RO's stored line totals of the jobs not declined, fen. */
  totalFen: number;
  /** Who pays for its jobs, each once, in the order of RO_PAYERS. */
  payers: RoPayer[];
  /** 'import': history from the previous DMS (shown with a history badge), else 'desk'. */
  source: RoSource;
}

/** An RO still being worked on, judged by the promise-time rule (shared/domain/promise-risk.ts). */
export interface PromiseRiskRow extends PromiseRisk {
  id: number;
  number: string;
  status: RepairOrderStatus;
  plate: string;
  customerName: string;
  promisedAt: string;
}

export const repairOrdersContract = {
  /** Opens an RO (status open, numbered by the core) with one job per concern; the acting user is the advisor. */
  create: procedure.meta({ access: WRITE }).input(createInput).output(type<RepairOrderDetail>()),

  get: procedure.meta({ access: READ }).input(z.strictObject({ id })).output(type<RepairOrderDetail>()),

  /** A vehicle's ROs, newest first. */
  listForVehicle: procedure
    .meta({ access: READ })
    .input(pageInput.extend({ vehicleId: id }))
    .output(type<Page<RepairOrderSummary>>()),

  /** Adds a job (a concern) while the car is still in the dealership's hands. */
  addJob: procedure.meta({ access: WRITE }).input(addJobInput).output(type<RepairOrderDetail>()),

  /**
   * Adds a maintenance package as a new job (its Chinese name as the concern, group maintenance, payer customer) with
   * one labor line per operation and one part line per part, copied and priced as addLaborLine and addPartLine do.
   * A retired package, or one holding a retired operation, is refused.
   */
  addPackage: procedure.meta({ access: WRITE }).input(addPackageInput).output(type<RepairOrderDetail>()),

  /** Changes the fields given of a job (concern, findings, group, payer). */
  updateJob: procedure.meta({ access: WRITE }).input(updateJobInput).output(type<RepairOrderDetail>()),

  /** Removes a job and its lines; only while the RO is open (no work started). */
  removeJob: procedure.meta({ access: WRITE }).input(removeJobInput).output(type<RepairOrderDetail>()),

  /** Adds a priced labor line; a discount above the limit needs a manager. */
  addLaborLine: procedure.meta({ access: WRITE }).input(addLaborLineInput).output(type<RepairOrderDetail>()),

  /**
   * Adds a priced part line; a discount above the limit needs a manager. A master part (supersession followed, retired
   * refused) is priced at its list price and reserves stock, the rest to order; other numbers are non-stock lines.
   */
  addPartLine: procedure.meta({ access: WRITE }).input(addPartLineInput).output(type<AddPartLineResult>()),

  /** Changes a line's discount; the line is priced again with the tax it was written with. */
  setLineDiscount: procedure.meta({ access: WRITE }).input(setLineDiscountInput).output(type<RepairOrderDetail>()),

  /** Removes a line; only while the RO is open or in progress. */
  removeLine: procedure.meta({ access: WRITE }).input(removeLineInput).output(type<RepairOrderDetail>()),

  /** Sets (or clears, with null) the promised time; a time already past is refused. */
  setPromisedTime: procedure.meta({ access: WRITE }).input(setPromisedTimeInput).output(type<RepairOrderDetail>()),

  /** Moves the RO along its status flow; every change is recorded with who and when. */
  transition: procedure.meta({ access: WRITE }).input(transitionInput).output(type<RepairOrderDetail>()),

  /**
   * The RO list: paged, sorted and filtered in SQL, with the saved views (mine_open, due_today, late). Newest first
   * unless sorted; due today and late soonest promise first. Sorted by its first sort column (a status sort then by
   * the second, else newest first within a status); equal promised times by opening time, then ties by id, in the
   * same direction.
   */
  grid: procedure.meta({ access: READ }).input(roGridInput).output(type<Page<RoGridRow>>()),

  /**
   * The promise-time warning: every RO not yet ready that has a promised time, late and at-risk ones first, with the
   * reasons (late, parts, approval, hours) and the hours left to do against the opening hours left. Bounded by the
   * cars in the workshop, so not paged.
   */
  promiseRisks: procedure.meta({ access: READ }).input(z.strictObject({})).output(type<PromiseRiskRow[]>()),

  ...checkInContract,
  ...authorisationContract,
  ...settlementContract,
  ...refundsContract,
};
