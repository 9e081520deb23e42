import { type } from '@orpc/contract';
import { z } from 'zod';
import type { LineSupplyState } from '../../domain/stock';
import type { RepairOrderStatus } from '../../domain/repair-order-status';
import { procedure } from '../base';
import { qtyMilli } from '../catalog';
import { id, isoDate, multiLine, singleLine } from '../fields';
import { reasonIssue } from '../errors';
import { gridInput, type Page } from '../paging';

/** Everyone who puts part lines on ROs or follows them reads the supply; the stock moves only at the parts counter. */
const READ = ['advisor', 'foreman', 'technician', 'parts_clerk', 'csi_agent', 'manager'] as const;
const COUNTER = ['parts_clerk', 'manager'] as const;

/** A bin location as the shelves are labelled (A-01-03). */
const bin = singleLine().toUpperCase().min(1).max(20);

/**
 * The supply of one RO part line (RoLineDto.supply): what the shelf holds for it (reserved), what it waits for (to
 * order, with the date the parts clerk expects it) and what the technician has (issued). `non_stock`: a part typed in
 * free text, not in the parts master (sundries): nothing is reserved for it. The state is the one that matters most
 * to the advisor: to order before reserved before issued.
 */
export interface LineSupplyDto {
  state: LineSupplyState;
  reservedMilli: number;
  toOrderMilli: number;
  issuedMilli: number;
  /** When the quantity to order is expected (ISO instant: the start of that day on the desk's clock), null unknown. */
  expectedAt: string | null;
  /** The master part, null for a non-stock line. */
  partId: number | null;
}

export const issueToLineInput = z.strictObject({
  lineId: id,
  /** Default: everything reserved for the line. */
  qtyMilli: qtyMilli.optional(),
  /** The bin taken from; the part's default bin when omitted. */
  bin: bin.optional(),
});

export const returnFromLineInput = z.strictObject({
  lineId: id,
  qtyMilli,
  reason: multiLine().min(1).max(200),
  /** The bin put back to; the part's default bin when omitted. */
  bin: bin.optional(),
});

export const setExpectedInput = z.strictObject({
  lineId: id,
  /** The calendar day (desk's clock) the missing quantity is expected; null: not known. */
  expectedAt: isoDate.nullable(),
});

/** The counter's filters: lines with something to issue, with something to order, or with parts issued (to return). */
export const COUNTER_STATES = ['open', 'to_issue', 'to_order', 'issued'] as const;
export type CounterState = (typeof COUNTER_STATES)[number];

/** The counter grid sorts by the RO's promised time only (its rows are the few open reservations); it has no column filters. */
export const COUNTER_GRID_COLUMNS = ['promisedAt'] as const;
export type CounterGridColumn = (typeof COUNTER_GRID_COLUMNS)[number];

export const counterGridInput = gridInput(COUNTER_GRID_COLUMNS)
  .safeExtend({
    /** RO number or plate, any part of it. */
    text: singleLine().max(40).default(''),
    /** open: something to issue or to order (the default). */
    state: z.enum(COUNTER_STATES).default('open'),
  })
  .superRefine((value, ctx) => {
    for (const column of Object.keys(value.filterModel)) {
      ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
    }
  });
export type CounterGridInput = z.input<typeof counterGridInput>;

/** One RO part line at the parts counter. */
export interface CounterRow {
  lineId: number;
  repairOrderId: number;
  roNumber: string;
  roStatus: RepairOrderStatus;
  plate: string;
  advisorName: string;
  promisedAt: string | null;
  jobId: number;
  partId: number;
  partNumber: string;
  nameZh: string;
  nameEn: string;
  defaultBin: string;
  /** The line's quantity, thousandths. */
  qtyMilli: number;
  reservedMilli: number;
  toOrderMilli: number;
  issuedMilli: number;
  expectedAt: string | null;
}

export const partSupplyContract = {
  /**
   * Issues reserved parts of an RO line to the technician: a ledger row (issue, out of the bin) per call; reserved
   * becomes issued. Refused when nothing is reserved, above what is reserved, or when the RO is not in the workshop
   * (open, in progress, on hold, quality check).
   */
  issueToLine: procedure.meta({ access: COUNTER }).input(issueToLineInput).output(type<LineSupplyDto>()),

  /**
   * Unused parts come back from an RO line: a ledger row (return, valued at the moving average), and the quantity
   * leaves the RO: the line's quantity goes down and it is priced again. Refused above what was issued, and once the
   * RO is delivered or payment was taken.
   */
  returnFromLine: procedure.meta({ access: COUNTER }).input(returnFromLineInput).output(type<LineSupplyDto>()),

  /** When the quantity still to order is expected (feeds the promise-time warning); null when not known. */
  setExpected: procedure.meta({ access: COUNTER }).input(setExpectedInput).output(type<LineSupplyDto>()),

  /**
   * The parts counter: RO part lines of ROs still in the dealership's hands with something to issue or to order
   * (or, filtered, with parts issued), soonest promise first (or latest, sorted so), paged in SQL.
   */
  counterGrid: procedure.meta({ access: READ }).input(counterGridInput).output(type<Page<CounterRow>>()),
};
