import { type } from '@orpc/contract';
import { z } from 'zod';
import type { ComplaintLevel, ComplaintStatus } from '../../domain/complaints';
import { procedure } from '../base';
import { reasonIssue } from '../errors';
import { isoDate, isoMonth } from '../fields';
import { gridInput, pageInput, type Page } from '../paging';
import type { SurveyResponseRowDto } from '../followup/surveys';

/**
 * The manager's KPI dashboard (issue 6 item 7): every figure of docs/domain.md "KPIs" for a period, with its numerator and
 * denominator, its monthly trend and the ROs (surveys, complaints) behind it. Merged under `reports.*`.
 *
 * Only the manager reads it: it puts money, CSI and complaints side by side. The foreman keeps the workshop dashboard
 * (reports.firstTimeFix, reports.efficiency), which this one reuses for those figures.
 */
const MANAGER = ['manager'] as const;

/** Every figure of the dashboard, in the order the screen shows them. */
export const KPI_KEYS = [
  'csi',
  'nps',
  'firstTimeFix',
  'comebackRate',
  'onTimeDelivery',
  'aro',
  'hoursPerRo',
  'laborEfficiency',
  'appointmentRate',
  'showRate',
  'lapsedRate',
  'complaintsOpen',
  'complaintsOverdue',
  'closureRate',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** The figures whose ROs (surveys, complaints) kpiDrillDown lists. */
export const KPI_DRILL_KEYS = [
  'csi',
  'nps',
  'onTimeDelivery',
  'aro',
  'hoursPerRo',
  'appointmentRate',
  'lapsedRate',
  'complaintsOpen',
  'complaintsOverdue',
  'closureRate',
] as const;
export type KpiDrillKey = (typeof KPI_DRILL_KEYS)[number];

/**
 * How `value` reads: ratio 0-1 (shown as a per cent), fen (money), hoursMilli (thousandths of an hour), points (CSI,
 * 1,000-point scale), nps (−100..+100), count.
 */
export type KpiUnit = 'ratio' | 'fen' | 'hoursMilli' | 'points' | 'nps' | 'count';

export interface KpiFigureDto {
  key: KpiKey;
  unit: KpiUnit;
  /** numerator ÷ denominator in its unit (CSI and NPS: as csi() computes them); null when there is nothing to divide by. */
  value: number | null;
  /** What was counted (the "37" of "37 / 40"); null where the figure is not a quotient (CSI, open complaints). */
  numerator: number | null;
  /** What it was divided by (the "40"); CSI: the surveys answered. Null for a plain count. */
  denominator: number | null;
}

/** A period: calendar days on the desk (Asia/Shanghai), both included. */
const periodShape = { from: isoDate, to: isoDate };
function checkPeriod(value: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (value.to < value.from) ctx.addIssue({ ...reasonIssue('dateRange.order'), path: ['to'] });
}

export const kpisInput = z.strictObject(periodShape).superRefine(checkPeriod);
export type KpisInput = z.input<typeof kpisInput>;

export interface KpisDto {
  from: string;
  to: string;
  /** The instant point-in-time figures (complaints open and overdue, the closure rate) are reckoned at: the end of the period, or now when that is earlier. */
  asOf: string;
  /** The month of `to`: the lapsed rate's month N. */
  lapsedMonth: string;
  /** Every KPI_KEYS figure, in that order. */
  figures: KpiFigureDto[];
  /** First-time fix: jobs whose comeback window is still open, left out of the rate. */
  provisionalJobs: number;
  /** Closure rate: complaints open for 14 days or less at asOf, left out of the rate. */
  openUnderTwoWeeks: number;
}

export const kpiTrendInput = z.strictObject({
  /** The last month of the series, a desk month 'YYYY-MM'. */
  to: isoMonth,
  months: z.int().min(1).max(24).default(12),
});
export type KpiTrendInput = z.input<typeof kpiTrendInput>;

export interface KpiPointDto {
  month: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface KpiSeriesDto {
  key: KpiKey;
  unit: KpiUnit;
  /** One point per month, oldest first. */
  points: KpiPointDto[];
}

export interface KpiTrendDto {
  /** The months, oldest first. */
  months: string[];
  /** Every KPI_KEYS figure but the open and overdue complaints (a state, not a month's figure). */
  series: KpiSeriesDto[];
}

export const kpiDrillDownInput = pageInput.extend({ ...periodShape, kpi: z.enum(KPI_DRILL_KEYS) }).superRefine(checkPeriod);
export type KpiDrillDownInput = z.input<typeof kpiDrillDownInput>;

/** An RO behind a figure, with the values the figure read from it. */
export interface KpiRoRowDto {
  repairOrderId: number;
  repairOrderNumber: string;
  plate: string;
  customerName: string;
  advisorName: string;
  openedAt: string;
  deliveredAt: string | null;
  promisedAt: string | null;
  /** The last time it became ready before its delivery. */
  readyAt: string | null;
  /** Lines of the jobs not declined, fen. */
  totalFen: number;
  /** Flat-rate hours of the labor lines of the jobs not declined, thousandths. */
  soldMilli: number;
  /** On-time delivery: ready by the promised time; null when the figure is not on-time delivery. */
  onTime: boolean | null;
  fromAppointment: boolean;
}

export interface KpiComplaintRowDto {
  id: number;
  number: string;
  level: ComplaintLevel;
  status: ComplaintStatus;
  customerName: string;
  plate: string | null;
  repairOrder: { id: number; number: string } | null;
  createdAt: string;
  responseDueAt: string;
  firstResponseAt: string | null;
  closedAt: string | null;
  /** Overdue at the drill-down's asOf (open, no first response by then, past the due time). */
  overdue: boolean;
}

export type KpiDrillDownDto =
  | ({ kind: 'repairOrders' } & Page<KpiRoRowDto>)
  | ({ kind: 'surveys' } & Page<SurveyResponseRowDto>)
  | ({ kind: 'complaints' } & Page<KpiComplaintRowDto>);

/** What kind of rows each figure's drill-down lists (its grid's columns follow). */
export const KPI_DRILL_KINDS: Record<KpiDrillKey, KpiDrillDownDto['kind']> = {
  csi: 'surveys',
  nps: 'surveys',
  onTimeDelivery: 'repairOrders',
  aro: 'repairOrders',
  hoursPerRo: 'repairOrders',
  appointmentRate: 'repairOrders',
  lapsedRate: 'repairOrders',
  complaintsOpen: 'complaints',
  complaintsOverdue: 'complaints',
  closureRate: 'complaints',
};

/**
 * The drill-down's grid takes no sort and no column filter: each figure's rows come in the order of the index they
 * are read along (kpiDrillDown). The one column named is only there because a grid request names its columns.
 */
export const KPI_DRILL_GRID_COLUMNS = ['row'] as const;
export type KpiDrillGridColumn = (typeof KPI_DRILL_GRID_COLUMNS)[number];

/** The rows behind a figure as AG Grid asks for them: a block of rows of one figure of one period. */
export const kpiDrillGridInput = gridInput(KPI_DRILL_GRID_COLUMNS)
  .safeExtend({
    ...periodShape,
    kpi: z.enum(KPI_DRILL_KEYS),
    sortModel: z
      .array(z.strictObject({ colId: z.enum(KPI_DRILL_GRID_COLUMNS), sort: z.enum(['asc', 'desc']) }))
      .max(0)
      .default([]),
  })
  .superRefine((value, ctx) => {
    for (const column of Object.keys(value.filterModel)) {
      ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
    }
    checkPeriod(value, ctx);
  });
export type KpiDrillGridInput = z.input<typeof kpiDrillGridInput>;

export const kpisContract = {
  /**
   * Every KPI of docs/domain.md "KPIs" for the desk days from..to, each with its numerator and denominator:
   * CSI and NPS of the surveys answered in the period (followup.csi); first-time fix and comeback rate of the jobs and
   * ROs delivered (reports.firstTimeFix); on-time delivery = delivered ROs whose last "ready" before delivery is at or
   * before the promised time ÷ ROs delivered (an RO delivered without a promised time is not on time); ARO = total
   * of the lines of jobs not declined (all payers, VAT included) ÷ ROs delivered; hours per RO = flat-rate hours of
   * those jobs' labor lines ÷ ROs delivered; labor efficiency = sold ÷ clocked hours of all technicians
   * (reports.efficiency); appointment rate = ROs opened (not cancelled) that an appointment was turned into ÷ ROs
   * opened; show rate = appointments that arrived ÷ appointments booked for the period (not cancelled, slot already
   * begun or arrived); lapsed rate of the month of `to` (followup.lapsedRate); complaints open and overdue at asOf
   * (overdue ÷ open) and the two-week closure rate of the complaints created in the period as of asOf
   * (complaints.closureRate).
   */
  kpis: procedure.meta({ access: MANAGER }).input(kpisInput).output(type<KpisDto>()),

  /**
   * Monthly series of the KPIs for the `months` desk months ending with `to`, oldest first, each month computed as
   * `kpis` computes a period of that whole month (lapsed rate: that month as N; closure rate: the complaints created
   * in that month, as of its end or now).
   */
  kpiTrend: procedure.meta({ access: MANAGER }).input(kpiTrendInput).output(type<KpiTrendDto>()),

  /**
   * The rows behind one figure of `kpis` for the same period, paged in SQL: onTimeDelivery, aro, hoursPerRo: the ROs
   * delivered (late ones first for on-time, then latest delivery first); appointmentRate: the ROs opened from an
   * appointment; lapsedRate: for each lapsed vehicle its last RO of month N − 6; csi, nps: the surveys answered;
   * complaintsOpen, complaintsOverdue: the complaints open (overdue) at asOf; closureRate: the complaints counted in
   * the rate (closed, or open for more than 14 days).
   */
  kpiDrillDown: procedure.meta({ access: MANAGER }).input(kpiDrillDownInput).output(type<KpiDrillDownDto>()),

  /**
   * The dashboard's drill-down grid: the rows of `kpiDrillDown` (same figure, same period, same order), a block of AG
   * Grid's Infinite Row Model at a time.
   */
  kpiDrillGrid: procedure.meta({ access: MANAGER }).input(kpiDrillGridInput).output(type<KpiDrillDownDto>()),
};
