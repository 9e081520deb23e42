import { type } from '@orpc/contract';
import { z } from 'zod';
import { procedure } from '../base';
import { reasonIssue } from '../errors';
import { id, isoDate, refuseInvisible } from '../fields';
import { gridInput, type Page } from '../paging';
import { RO_PAYERS, type RoPayer } from '../repair-orders';

/**
 * The money reports for the manager (issue 18 item 3): 产值 (service revenue) and parts gross margin, for a period of
 * desk days. Merged under `reports.*`. Definitions: docs/domain.md "Money reports", shown on the screen.
 *
 * - Recognised on the RO's delivery (交车) day, as the KPIs count ROs delivered: an RO belongs to the period its car was
 *   handed over in; the lines of its jobs not declined count, VAT taken out (line total − line VAT).
 * - Parts gross margin: the part lines of those jobs, against what the stock ledger took out for each line when it
 *   was issued (the moving-average cost at that moment, returns given back). A line never issued (not stocked) has
 *   no recorded cost: its sales are shown apart and left out of the margin.
 */
const READ = ['manager'] as const;

/** At most about a year and a month: a period of a report, compared with two more of the same length. */
export const MAX_MONEY_DAYS = 400;

const periodShape = { from: isoDate, to: isoDate };
function checkPeriod(value: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (value.to < value.from) ctx.addIssue({ ...reasonIssue('dateRange.order'), path: ['to'] });
  else if (Date.parse(value.to) - Date.parse(value.from) > (MAX_MONEY_DAYS - 1) * 86_400_000)
    ctx.addIssue({ ...reasonIssue('money.periodTooLong', { days: MAX_MONEY_DAYS }), path: ['to'] });
}

export const moneyPeriodInput = z.strictObject(periodShape).superRefine(checkPeriod);
export type MoneyPeriodInput = z.input<typeof moneyPeriodInput>;

/** Revenue of a slice, tax-excluded fen. `otherFen`: sublet and other lines (none are recorded yet: labor and parts only). */
export interface RevenueAmountsDto {
  laborFen: number;
  partsFen: number;
  otherFen: number;
  totalFen: number;
  /** Flat-rate hours sold on the labor lines, thousandths. */
  soldMilli: number;
  /** ROs with a line in the slice. */
  ros: number;
}

export interface RevenueRowDto extends RevenueAmountsDto {
  /** Day 'YYYY-MM-DD', month 'YYYY-MM', payer, or a person's id as text ('' for jobs without a technician). */
  key: string;
  /** A person's name; '' otherwise (the screen names days, months and payers). */
  label: string;
}

export interface MoneyPeriodDto {
  from: string;
  to: string;
}

export interface RevenueDto {
  period: MoneyPeriodDto;
  /** The period of the same length just before (whole months: as many months). */
  previousPeriod: MoneyPeriodDto;
  /** The same dates a year earlier. */
  yearAgoPeriod: MoneyPeriodDto;
  totals: RevenueAmountsDto;
  previous: RevenueAmountsDto;
  yearAgo: RevenueAmountsDto;
  /** By day for a period of up to 62 days, by month otherwise; every day (month) of the period, oldest first. */
  seriesBy: 'day' | 'month';
  series: RevenueRowDto[];
  /** Every payer in RO_PAYERS order; internal work is shown apart from the others by the screen. */
  byPayer: RevenueRowDto[];
  /** Most revenue first. */
  byAdvisor: RevenueRowDto[];
  /** Labor only is a technician's: sold hours and labor revenue; most revenue first. */
  byTechnician: RevenueRowDto[];
}

export interface MarginAmountsDto {
  /** Part lines issued from stock: sales tax-excluded, the ledger's cost of what was issued, and their difference. */
  salesFen: number;
  costFen: number;
  marginFen: number;
  /** marginFen ÷ salesFen; null when nothing was sold. */
  marginRate: number | null;
  lines: number;
  /** Part lines never issued from stock (no cost on record): their sales, left out of the margin. */
  uncostedSalesFen: number;
  uncostedLines: number;
}

export interface MarginGroupDto extends MarginAmountsDto {
  /** The part's brand in the master ('' for a part not in the master or without a brand). */
  key: string;
}

export interface PartsMarginDto {
  period: MoneyPeriodDto;
  totals: MarginAmountsDto;
  /** By part group (the master's brand), most sales first. */
  byGroup: MarginGroupDto[];
}

/** Columns of the RO list behind a figure. */
export const MONEY_RO_COLUMNS = ['deliveredAt'] as const;
export type MoneyRoColumn = (typeof MONEY_RO_COLUMNS)[number];

/** Which slice of the period the ROs are listed for: the figures of each RO are those of the slice. */
export const moneyRosInput = gridInput(MONEY_RO_COLUMNS)
  .extend({
    ...periodShape,
    payer: z.enum(RO_PAYERS).optional(),
    advisorId: id.optional(),
    /** A technician's id; 0 for the jobs without one. */
    technicianId: z.int().min(0).optional(),
    /** A part group (brand); '' for parts without one. */
    partGroup: z.string().max(60).superRefine(refuseInvisible(false)).optional(),
  })
  .superRefine(checkPeriod);
export type MoneyRosInput = z.input<typeof moneyRosInput>;

export interface MoneyRoRowDto {
  repairOrderId: number;
  number: string;
  plate: string;
  advisorName: string;
  deliveredAt: string;
  laborFen: number;
  partsFen: number;
  otherFen: number;
  totalFen: number;
  soldMilli: number;
  /** Parts issued from stock: their cost and margin (sales of those lines − cost). */
  partsCostFen: number;
  partsMarginFen: number;
}

export interface MoneyExportDto {
  fileName: string;
  /** The .xlsx file, base64. */
  dataBase64: string;
}

export { RO_PAYERS };
export type { RoPayer };

export const moneyContract = {
  /**
   * 产值 of the ROs delivered in from..to (desk days): labor, parts and other lines of the jobs not declined, VAT
   * taken out; by day or month, payer, advisor and technician (sold hours and labor revenue); with the previous
   * period and the same period a year earlier. Refused: to before from (`dateRange.order`), over MAX_MONEY_DAYS.
   */
  revenue: procedure.meta({ access: READ }).input(moneyPeriodInput).output(type<RevenueDto>()),

  /** Parts gross margin of the ROs delivered in from..to: issue price (tax-excluded) against the cost the ledger took out. */
  partsMargin: procedure.meta({ access: READ }).input(moneyPeriodInput).output(type<PartsMarginDto>()),

  /** The ROs behind a figure of revenue or partsMargin, latest delivery first, paged in SQL. */
  moneyRos: procedure.meta({ access: READ }).input(moneyRosInput).output(type<Page<MoneyRoRowDto>>()),

  /** Both reports of the period as an Excel file (.xlsx): summary, series, payers, advisors, technicians, part groups, ROs. */
  moneyExport: procedure.meta({ access: READ }).input(moneyPeriodInput).output(type<MoneyExportDto>()),
};
