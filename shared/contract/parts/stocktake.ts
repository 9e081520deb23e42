import { type } from '@orpc/contract';
import { z } from 'zod';
import { procedure } from '../base';
import { MAX_QTY_MILLI } from '../catalog';
import { reasonIssue } from '../errors';
import { id, multiLine, singleLine, version } from '../fields';
import { gridInput, type Page } from '../paging';
import { bin, partNumber } from '../parts';

/** The parts clerk counts; the manager may do all of it and alone posts the variances. Both read. */
const READ = ['parts_clerk', 'manager'] as const;
const COUNT = ['parts_clerk', 'manager'] as const;
const POST = ['manager'] as const;

/** counting: the list is frozen and counts are entered; posted: the variances are in the ledger; cancelled. */
export const STOCKTAKE_STATUSES = ['counting', 'posted', 'cancelled'] as const;
export type StocktakeStatus = (typeof STOCKTAKE_STATUSES)[number];

/** Which lines of the count sheet to show: all, those not counted yet, those counted with a difference. */
export const STOCKTAKE_LINE_FILTERS = ['all', 'uncounted', 'variance'] as const;
export type StocktakeLineFilter = (typeof STOCKTAKE_LINE_FILTERS)[number];

/** Lines one count entry may carry: a sheet of a few pages typed in one go. */
export const MAX_COUNTS_PER_ENTRY = 200;

/** What was counted on the shelf, thousandths of the part's unit; zero is a count (the bin is empty). */
export const countedMilli = z.int().min(0).max(MAX_QTY_MILLI);

/**
 * The bins to count: a prefix (an aisle, `A-`), a range (`A-01` to `B-99`, inclusive, in text order), both, or
 * neither (the whole store). Bins are written as on the shelf labels, so comparing them as text is their order.
 */
export const startStocktakeInput = z
  .strictObject({
    binFrom: bin.optional(),
    binTo: bin.optional(),
    binPrefix: bin.optional(),
    note: multiLine().max(200).default(''),
  })
  .superRefine((value, ctx) => {
    if (value.binFrom && value.binTo && value.binFrom > value.binTo) {
      ctx.addIssue({ ...reasonIssue('stocktake.rangeReversed'), path: ['binTo'] });
    }
  });

export const stocktakeInput = z.strictObject({ id });

/**
 * The count sheet sorts by bin (the walk along the shelves; the index stocktake_lines_bin, lines of a bin in the order
 * they were frozen, which is part number) either way, or by the variance's value (largest loss first, or largest gain):
 * one stocktake's lines, bounded by the store's bins, sorted in memory. No column filters: the sheet's own filter and
 * search box are its inputs.
 */
export const STOCKTAKE_LINE_GRID_COLUMNS = ['bin', 'value'] as const;
export type StocktakeLineGridColumn = (typeof STOCKTAKE_LINE_GRID_COLUMNS)[number];

export const stocktakeLinesGridInput = gridInput(STOCKTAKE_LINE_GRID_COLUMNS)
  .safeExtend({
    id,
    filter: z.enum(STOCKTAKE_LINE_FILTERS).default('all'),
    /** Part number or name, contained. */
    text: singleLine().max(60).default(''),
  })
  .superRefine((value, ctx) => {
    for (const column of Object.keys(value.filterModel)) {
      ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
    }
  });
export type StocktakeLinesGridInput = z.input<typeof stocktakeLinesGridInput>;

export const enterCountsInput = z.strictObject({
  id,
  version,
  counts: z
    .array(z.strictObject({ lineId: id, countedMilli }))
    .min(1)
    .max(MAX_COUNTS_PER_ENTRY),
});

/** A part found on a shelf of the count that was not on the frozen list: a new line, frozen at 0, counted at once. */
export const addStocktakeLineInput = z.strictObject({ id, version, partNumber, bin, countedMilli });

export const postStocktakeInput = z.strictObject({ id, version });
export const cancelStocktakeInput = z.strictObject({ id, version });

/** The stocktakes sort by number (the order they were started in), newest or oldest first. */
export const STOCKTAKE_GRID_COLUMNS = ['number'] as const;
export type StocktakeGridColumn = (typeof STOCKTAKE_GRID_COLUMNS)[number];

export const stocktakesGridInput = gridInput(STOCKTAKE_GRID_COLUMNS).superRefine((value, ctx) => {
  for (const column of Object.keys(value.filterModel)) {
    ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
  }
});

/** Sums over all lines of a stocktake, not only the page shown; values at the unit cost frozen with each line. */
export interface StocktakeTotals {
  lines: number;
  counted: number;
  /** Lines counted with a difference. */
  varianceLines: number;
  /** Sum of counted − frozen over counted lines, thousandths (mixed units: a rough measure only). */
  varianceMilli: number;
  /** 盘盈: value of what was found above the book, fen (≥ 0). */
  gainFen: number;
  /** 盘亏: value of what was missing, fen (≤ 0). */
  lossFen: number;
  /** gain + loss. */
  netFen: number;
}

export interface StocktakeSummary {
  id: number;
  number: string;
  status: StocktakeStatus;
  /** The bins as chosen: prefix and range ('' for the whole store). */
  binFrom: string;
  binTo: string;
  binPrefix: string;
  note: string;
  createdByName: string;
  createdAt: string;
  postedByName: string | null;
  postedAt: string | null;
  version: number;
  totals: StocktakeTotals;
}

export interface StocktakeLineDto {
  id: number;
  partId: number;
  partNumber: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  bin: string;
  /** On hand in the bin when the list was frozen (a blind count screen hides it until the line is counted). */
  frozenMilli: number;
  /** Moving-average unit cost at the freeze, fen. */
  unitCostFen: number;
  countedMilli: number | null;
  /** counted − frozen; null while uncounted. */
  varianceMilli: number | null;
  /** The variance at the frozen unit cost, fen, rounded half away from zero; null while uncounted. */
  varianceFen: number | null;
  countedByName: string | null;
  countedAt: string | null;
}

/** Stocktake: frozen count lists by bin, counts, variances, posting (issue 5): parts.* */
export const stocktakeContract = {
  /**
   * Freezes a count list in one go: one line per part and bin in the scope that has a stock row (bins at zero too),
   * with the on hand and the moving-average unit cost of that moment; numbered ST2026-000001. A scope with no
   * stock rows is refused (`stocktake.emptyScope`), and so is one sharing a bin with a stocktake still counting
   * (`stocktake.overlap`).
   */
  startStocktake: procedure.meta({ access: COUNT }).input(startStocktakeInput).output(type<StocktakeSummary>()),

  /** A stocktake with its totals over all its lines. */
  stocktake: procedure.meta({ access: READ }).input(stocktakeInput).output(type<StocktakeSummary>()),

  /** One page of a stocktake's count sheet, filtered, sorted and paged in SQL (through stocktake_lines_bin). */
  stocktakeLinesGrid: procedure.meta({ access: READ }).input(stocktakeLinesGridInput).output(type<Page<StocktakeLineDto>>()),

  /** The stocktakes, newest first (or oldest), paged in SQL. */
  stocktakesGrid: procedure.meta({ access: READ }).input(stocktakesGridInput).output(type<Page<StocktakeSummary>>()),

  /** Counts typed down the sheet, many lines at once; a line may be counted again while the stocktake is counting. */
  enterCounts: procedure.meta({ access: COUNT }).input(enterCountsInput).output(type<StocktakeSummary>()),

  /** A part found in a bin of the count that was not on the list (frozen 0, the count as given). */
  addStocktakeLine: procedure.meta({ access: COUNT }).input(addStocktakeLineInput).output(type<StocktakeSummary>()),

  /**
   * Posts the variances (manager): refused while any line is uncounted (`stocktake.uncounted`). Each line counted
   * with a difference becomes one ledger row of kind stocktake with counted − frozen, so movements after the freeze
   * stay counted; a bin that goes below zero is the manager's override. All or nothing.
   */
  postStocktake: procedure.meta({ access: POST }).input(postStocktakeInput).output(type<StocktakeSummary>()),

  /** Drops a stocktake still counting; nothing is posted. */
  cancelStocktake: procedure.meta({ access: COUNT }).input(cancelStocktakeInput).output(type<StocktakeSummary>()),
};
