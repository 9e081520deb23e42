import { type } from '@orpc/contract';
import { z } from 'zod';
import type { ComplaintAdvanceStep, ComplaintLevel, ComplaintStatus } from '../../domain/complaints';
import type { ConcernGroup } from '../../domain/concern-groups';
import type { RepairOrderStatus, RoSource } from '../../domain/repair-order-status';
import { procedure } from '../base';
import type { DeclinedWorkStatus } from '../repair-orders/authorisation';
import { id } from '../fields';
import { gridCursor, type KeysetPage } from '../keyset';
import { reasonIssue } from '../errors';
import { gridInput } from '../paging';

/**
 * The customer file's history (issue 17 item 8): the customer's ROs (open ones and past visits, with totals and the
 * follow-up survey's scores), their declined work and their complaints. Part of `customers`. Each list grows with the
 * years, so each is a grid paged in SQL by key, newest first (`after` is the previous block's `next`), along an index.
 */

/** Who reads a customer file (as customers.get). */
const READ = ['advisor', 'foreman', 'csi_agent', 'parts_clerk', 'manager', 'admin'] as const;
/** Who handles complaints (as complaints.list). */
const COMPLAINTS = ['csi_agent', 'advisor', 'manager'] as const;

/** Open: the ROs still open; past: delivered, closed or cancelled. */
export const VISIT_STATES = ['open', 'past'] as const;
export type VisitState = (typeof VISIT_STATES)[number];

/** The history's grids read newest first along their index: no other order, no column filter (any is refused). */
export const VISIT_GRID_COLUMNS = ['openedAt'] as const;
export type VisitGridColumn = (typeof VISIT_GRID_COLUMNS)[number];
export const DECLINED_GRID_COLUMNS = ['declinedAt'] as const;
export type DeclinedGridColumn = (typeof DECLINED_GRID_COLUMNS)[number];
export const COMPLAINT_GRID_COLUMNS = ['createdAt'] as const;
export type ComplaintGridColumn = (typeof COMPLAINT_GRID_COLUMNS)[number];

function refuseColumnFilters(value: { filterModel: object }, ctx: z.RefinementCtx): void {
  for (const column of Object.keys(value.filterModel)) {
    ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
  }
}

/** A history grid's block: AG Grid's rows, the customer, and (after a block read) where the last block ended. */
const historyGrid = { customerId: id, ...gridCursor };

export const customerVisitsInput = gridInput(VISIT_GRID_COLUMNS)
  .safeExtend({ ...historyGrid, state: z.enum(VISIT_STATES) })
  .superRefine(refuseColumnFilters);
export type CustomerVisitsInput = z.input<typeof customerVisitsInput>;
export const customerDeclinedInput = gridInput(DECLINED_GRID_COLUMNS).safeExtend(historyGrid).superRefine(refuseColumnFilters);
export type CustomerDeclinedInput = z.input<typeof customerDeclinedInput>;
export const customerComplaintsInput = gridInput(COMPLAINT_GRID_COLUMNS).safeExtend(historyGrid).superRefine(refuseColumnFilters);
export type CustomerComplaintsInput = z.input<typeof customerComplaintsInput>;

/** The follow-up survey of a visit: CSI (0-1000, the template's weights) and the recommend answer (0-10). */
export interface VisitSurveyDto {
  answeredAt: string;
  csi: number | null;
  recommend: number | null;
  dissatisfied: boolean;
}

export interface CustomerVisitRow {
  id: number;
  number: string;
  status: RepairOrderStatus;
  openedAt: string;
  promisedAt: string | null;
  mileageInKm: number | null;
  vehicle: { id: number; plate: string; makeModel: string };
  advisorName: string;
  /** The first concerns of the visit, in the customer's words. */
  concerns: string[];
  jobCount: number;
  /** Sum of the stored line totals of the jobs not declined, fen. */
  totalFen: number;
  /** Null when there is none, or the caller may not read it (an advisor reads the surveys of their own ROs). */
  survey: VisitSurveyDto | null;
  /** 'import': history from the previous DMS (shown with a history badge), else 'desk'. */
  source: RoSource;
}

export interface CustomerDeclinedRow {
  id: number;
  repairOrder: { id: number; number: string };
  vehicle: { id: number; plate: string };
  concern: string;
  concernGroup: ConcernGroup;
  totalFen: number;
  declinedAt: string;
  /** Whether it is still offered, became a job of a later RO, or was dismissed. */
  status: DeclinedWorkStatus;
}

export interface CustomerComplaintRow {
  id: number;
  number: string;
  createdAt: string;
  level: ComplaintLevel;
  status: ComplaintStatus;
  nextStep: ComplaintAdvanceStep | null;
  customerSays: string;
  repairOrder: { id: number; number: string } | null;
}

export const visitsContract = {
  /** The customer's ROs, open or past, newest first, with totals and (for who may read them) survey scores. */
  visits: procedure.meta({ access: READ }).input(customerVisitsInput).output(type<KeysetPage<CustomerVisitRow>>()),

  /** Work the customer declined on any visit, newest first, whatever became of it. */
  declinedWork: procedure.meta({ access: READ }).input(customerDeclinedInput).output(type<KeysetPage<CustomerDeclinedRow>>()),

  /** The customer's complaints, newest first. */
  complaints: procedure
    .meta({ access: COMPLAINTS })
    .input(customerComplaintsInput)
    .output(type<KeysetPage<CustomerComplaintRow>>()),
};
