import { type } from '@orpc/contract';
import { z } from 'zod';
import type { ConcernGroup } from '../../domain/concern-groups';
import {
  COMEBACK_ROOT_CAUSES,
  COMEBACK_STATUSES,
  type ComebackRootCause,
  type ComebackStatus,
} from '../../domain/first-time-fix';
import { procedure } from '../base';
import { reasonIssue } from '../errors';
import { id, isoDate, multiLine, version } from '../fields';
import { gridInput, pageInput, type Page } from '../paging';

/** The foreman judges comebacks; the manager reads and may judge too; advisors see them to warn the customer. */
const READ = ['foreman', 'manager', 'advisor'] as const;
const DECIDE = ['foreman', 'manager'] as const;

export const comebacksInput = pageInput
  .extend({
    status: z.enum(COMEBACK_STATUSES).optional(),
    /** Calendar days on the desk (Asia/Shanghai) of the later RO's opening, both included. */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.to < value.from) ctx.addIssue({ ...reasonIssue('dateRange.order'), path: ['to'] });
  });
export type ComebacksInput = z.input<typeof comebacksInput>;

/**
 * The comeback grid takes no sort and no column filter: its order is the foreman's (suspected first, then the latest
 * found first), walked along comebacks_list. The one column named is only there because a grid request names its
 * columns.
 */
export const COMEBACK_GRID_COLUMNS = ['status'] as const;
export type ComebackGridColumn = (typeof COMEBACK_GRID_COLUMNS)[number];

/** The comebacks as AG Grid asks for them: a block of rows, and the filters above the grid (those of `comebacks`). */
export const comebacksGridInput = gridInput(COMEBACK_GRID_COLUMNS)
  .safeExtend({
    status: z.enum(COMEBACK_STATUSES).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    sortModel: z
      .array(z.strictObject({ colId: z.enum(COMEBACK_GRID_COLUMNS), sort: z.enum(['asc', 'desc']) }))
      .max(0)
      .default([]),
  })
  .superRefine((value, ctx) => {
    for (const column of Object.keys(value.filterModel)) {
      ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
    }
    if (value.from && value.to && value.to < value.from) ctx.addIssue({ ...reasonIssue('dateRange.order'), path: ['to'] });
  });
export type ComebacksGridInput = z.input<typeof comebacksGridInput>;

export const DECISIONS = ['confirmed', 'not_quality'] as const;

export const decideComebackInput = z
  .strictObject({
    id,
    version,
    decision: z.enum(DECISIONS),
    /** Why the earlier job failed: required to confirm. */
    rootCause: z.enum(COMEBACK_ROOT_CAUSES).optional(),
    /** Why it is not a quality issue (a new fault, an accident): required for not_quality. */
    reason: multiLine().max(500).default(''),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'confirmed' && !value.rootCause) ctx.addIssue({ ...reasonIssue('required'), path: ['rootCause'] });
    if (value.decision === 'not_quality' && !value.reason) ctx.addIssue({ ...reasonIssue('required'), path: ['reason'] });
  });
export type DecideComebackInput = z.input<typeof decideComebackInput>;

export interface ComebackJobDto {
  repairOrderId: number;
  repairOrderNumber: string;
  jobId: number;
  concern: string;
}

export interface ComebackDto {
  id: number;
  status: ComebackStatus;
  concernGroup: ConcernGroup;
  plate: string;
  /** The job that failed, on the RO delivered earlier. */
  earlier: ComebackJobDto & { deliveredAt: string; technicianName: string | null; advisorName: string };
  /** The job of the later visit. */
  later: ComebackJobDto & { openedAt: string };
  /** Calendar days from the earlier delivery day to the later opening (the delivery day not counted). */
  daysAfter: number;
  /** Km between the two ROs' mileages; null while either is unknown (not checked in). */
  kmAfter: number | null;
  rootCause: ComebackRootCause | null;
  reason: string;
  decidedBy: { id: number; displayName: string } | null;
  decidedAt: string | null;
  detectedAt: string;
  version: number;
}

export interface ComebackWindowDto {
  days: number;
  km: number;
}

export const comebacksContract = {
  /**
   * Comebacks found by the core (a later RO of the same vehicle with a job in the same concern group inside the
   * window of an earlier delivery), suspected ones first, then newest first. Links whose later RO was cancelled or
   * whose km fell outside the window once the car was checked in are left out.
   */
  comebacks: procedure.meta({ access: READ }).input(comebacksInput).output(type<Page<ComebackDto>>()),

  /**
   * The comebacks screen's grid: the rows of `comebacks` (same order, same filters), a block of AG Grid's Infinite Row
   * Model at a time.
   */
  comebacksGrid: procedure.meta({ access: READ }).input(comebacksGridInput).output(type<Page<ComebackDto>>()),

  /** The foreman's judgement: confirmed with a root cause, or not a quality issue with the reason. */
  decideComeback: procedure.meta({ access: DECIDE }).input(decideComebackInput).output(type<ComebackDto>()),

  /** The comeback window in force (days after delivery, km driven). */
  comebackWindow: procedure.meta({ access: 'signed-in' }).input(z.strictObject({}).optional()).output(type<ComebackWindowDto>()),
};
