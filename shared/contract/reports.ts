import { type } from '@orpc/contract';
import { z } from 'zod';
import type { ConcernGroup } from '../domain/concern-groups';
import type { ComebackStatus } from '../domain/first-time-fix';
import { procedure } from './base';
import { reasonIssue } from './errors';
import { isoDate, refuseInvisible } from './fields';
import { pageInput, type Page } from './paging';

/** The workshop's figures: the foreman runs the workshop on them, the manager answers for them. */
const READ = ['foreman', 'manager'] as const;

/** The dimensions the first-time-fix table is broken down by. */
export const FTF_DIMENSIONS = ['technician', 'advisor', 'operation', 'concernGroup'] as const;
export type FtfDimension = (typeof FTF_DIMENSIONS)[number];

/** A period: calendar days on the desk (Asia/Shanghai), both included, at most about ten years. */
const periodShape = { from: isoDate, to: isoDate };
function checkPeriod(value: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (value.to < value.from) ctx.addIssue({ ...reasonIssue('dateRange.order'), path: ['to'] });
}

export const periodInput = z.strictObject(periodShape).superRefine(checkPeriod);
export type PeriodInput = z.input<typeof periodInput>;

export const firstTimeFixInput = z.strictObject({ ...periodShape, by: z.enum(FTF_DIMENSIONS) }).superRefine(checkPeriod);
export type FirstTimeFixInput = z.input<typeof firstTimeFixInput>;

/** Which figure's jobs a drill-down lists. */
export const FTF_FIGURES = ['jobs', 'withComeback', 'provisional'] as const;
export type FtfFigure = (typeof FTF_FIGURES)[number];

export const drillDownInput = pageInput
  .extend({
    ...periodShape,
    by: z.enum(FTF_DIMENSIONS),
    /** The row's key; left out for the totals. */
    key: z.string().max(40).superRefine(refuseInvisible(false)).optional(),
    figure: z.enum(FTF_FIGURES).default('jobs'),
  })
  .superRefine(checkPeriod);
export type DrillDownInput = z.input<typeof drillDownInput>;

export interface FtfCountsDto {
  /** Approved jobs on ROs delivered in the period. */
  jobs: number;
  /** Jobs with a comeback not marked "not a quality issue". */
  withComeback: number;
  /** Jobs without a comeback whose window is still open. */
  provisionalJobs: number;
  /** (jobs − withComeback − provisionalJobs) ÷ (jobs − provisionalJobs); null when no job is settled. */
  ftfRate: number | null;
}

export interface FtfRowDto extends FtfCountsDto {
  /** Technician or advisor id, labor operation code, concern group; '' for none (no technician, no labor line). */
  key: string;
  /** A person's name, the operation's Chinese name; '' for a concern group (the screen names it). */
  label: string;
  labelEn: string;
}

export interface FirstTimeFixDto {
  rows: FtfRowDto[];
  totals: FtfCountsDto;
  /** ROs delivered in the period. */
  deliveredRos: number;
  /** Of those, the ROs that are a comeback of an earlier delivery. */
  comebackRos: number;
  /** comebackRos ÷ deliveredRos; null when none was delivered. */
  comebackRate: number | null;
  /** The window the figures were computed with. */
  window: { days: number; km: number };
}

export interface DrillDownRowDto {
  repairOrderId: number;
  repairOrderNumber: string;
  deliveredAt: string;
  plate: string;
  jobId: number;
  concern: string;
  concernGroup: ConcernGroup;
  technicianName: string | null;
  advisorName: string;
  /** No comeback yet and the window still open. */
  provisional: boolean;
  /** The comeback counted against the job (the first one), if any. */
  comeback: { id: number; repairOrderId: number; repairOrderNumber: string; status: ComebackStatus } | null;
}

export interface EfficiencyRowDto {
  technicianId: number;
  technicianName: string;
  /** Flat-rate hours of the technician's approved jobs on ROs delivered in the period, thousandths. */
  soldMilli: number;
  /** Ended clockings started in the period, thousandths of an hour. */
  clockedMilli: number;
  /** Attendance on the period's days, thousandths of an hour. */
  attendanceMilli: number;
  /** sold ÷ clocked. */
  efficiency: number | null;
  /** clocked ÷ attendance. */
  productivity: number | null;
  /** sold ÷ attendance. */
  proficiency: number | null;
}

export const reportsContract = {
  /**
   * First-time fix for the jobs delivered in the period, by technician, advisor, labor operation or concern group,
   * with the totals and the comeback rate (docs/domain.md "First-time fix and comebacks"). Rows are sorted by jobs, most
   * first. A job with several labor operations counts under each of them, once in the totals.
   */
  firstTimeFix: procedure.meta({ access: READ }).input(firstTimeFixInput).output(type<FirstTimeFixDto>()),

  /** The jobs (with their ROs) behind one figure of the first-time-fix table, latest delivery first. */
  drillDown: procedure.meta({ access: READ }).input(drillDownInput).output(type<Page<DrillDownRowDto>>()),

  /** Sold, clocked and attendance hours per technician and the three ratios (docs/domain.md "KPIs"). */
  efficiency: procedure.meta({ access: READ }).input(periodInput).output(type<EfficiencyRowDto[]>()),
};
