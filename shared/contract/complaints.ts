import { type } from '@orpc/contract';
import { z } from 'zod';
import {
  COMPLAINT_DEPARTMENTS,
  COMPLAINT_LEVELS,
  COMPLAINT_ROOT_CAUSES,
  COMPLAINT_SOURCES,
  COMPLAINT_STATUSES,
  MANUAL_COMPLAINT_SOURCES,
  RESOLUTION_KINDS,
  resolutionHasAmount,
  type ComplaintAdvanceStep,
  type ComplaintDepartment,
  type ComplaintLevel,
  type ComplaintRootCause,
  type ComplaintSource,
  type ComplaintStatus,
  type ResolutionKind,
} from '../domain/complaints';
import { procedure } from './base';
import { reasonIssue } from './errors';
import type { Role } from '../domain/roles';
import { id, isoDate, multiLine, version } from './fields';
import { gridInput, pageInput, type Page } from './paging';

/** CSI agents, advisors and the manager record and handle complaints; step 6 (approval) is the manager's alone. */
const HANDLE = ['csi_agent', 'advisor', 'manager'] as const;
const REPORT = ['manager', 'csi_agent'] as const;
/**
 * Only the after-sales manager confirms or dismisses a draft (README): the advisor a survey's draft names must not
 * decide it, and nobody decides one about their own work (the person it names, the RO's advisor: 'complaint.ownDraft').
 */
const DECIDE_DRAFT = ['manager'] as const;

const instant = z.iso.datetime({ offset: true });
/** The customer's own words and other free text of a step. */
const words = multiLine().min(1).max(2000);
const note = multiLine().max(2000).default('');
/** Money given to the customer, fen: up to ¥1,000,000. */
const amountFen = z.int().min(1).max(100_000_000);

export const createComplaintInput = z.strictObject({
  source: z.enum(MANUAL_COMPLAINT_SOURCES),
  customerId: id,
  vehicleId: id.optional(),
  /** The RO the complaint is about; its vehicle becomes the complaint's vehicle. */
  repairOrderId: id.optional(),
  level: z.enum(COMPLAINT_LEVELS).default('ordinary'),
  /** Against whom / what: the department, and the person when the customer names one (a BayDesk user). */
  againstDepartment: z.enum(COMPLAINT_DEPARTMENTS),
  againstUserId: id.optional(),
  /** What the customer says, verbatim. */
  customerSays: words,
  /** What the customer wants. */
  customerWants: note,
});
export type CreateComplaintInput = z.input<typeof createComplaintInput>;

/**
 * Confirms a draft opened by a dissatisfied survey: it becomes step 1 (recorded) now, with the level chosen, and the
 * first-response clock starts now. Whom it is against and the customer's words may be corrected on the way.
 */
export const confirmComplaintInput = z.strictObject({
  id,
  version,
  level: z.enum(COMPLAINT_LEVELS),
  againstDepartment: z.enum(COMPLAINT_DEPARTMENTS),
  againstUserId: id.optional(),
  customerSays: words,
  customerWants: note,
});
export type ConfirmComplaintInput = z.input<typeof confirmComplaintInput>;

/** Dismisses a draft: not a complaint after all (the customer was satisfied on the phone, a wrong answer...). */
export const dismissComplaintInput = z.strictObject({ id, version, reason: words });
export type DismissComplaintInput = z.input<typeof dismissComplaintInput>;

const stepBase = { id, version };

/** Step 2: is it a valid complaint? Not valid closes it as invalid. The reason is required either way. */
const validityStep = z.strictObject({ ...stepBase, step: z.literal('validity'), valid: z.boolean(), reason: words });
/** Step 3: the responsible department, and the person who answers for it. */
const assignStep = z.strictObject({
  ...stepBase,
  step: z.literal('assign'),
  department: z.enum(COMPLAINT_DEPARTMENTS),
  responsibleUserId: id.optional(),
});
/** Step 4: the department's analysis of the cause. */
const analyseStep = z.strictObject({ ...stepBase, step: z.literal('analyse'), cause: words });
/** Step 5: the proposed resolution; money resolutions carry the amount in fen, the others none. */
const proposeStep = z
  .strictObject({
    ...stepBase,
    step: z.literal('propose'),
    resolutionKind: z.enum(RESOLUTION_KINDS),
    amountFen: amountFen.optional(),
    resolution: words,
  })
  .superRefine((value, ctx) => {
    const needs = resolutionHasAmount(value.resolutionKind);
    if (needs && value.amountFen === undefined) ctx.addIssue({ ...reasonIssue('required'), path: ['amountFen'] });
    if (!needs && value.amountFen !== undefined)
      ctx.addIssue({ ...reasonIssue('complaint.amountNotAllowed'), path: ['amountFen'] });
  });
/** Step 6 (manager only): approve the proposal, or reject it with the reason (back to step 5). */
const approveStep = z
  .strictObject({ ...stepBase, step: z.literal('approve'), approved: z.boolean(), reason: note })
  .superRefine((value, ctx) => {
    if (!value.approved && !value.reason) ctx.addIssue({ ...reasonIssue('required'), path: ['reason'] });
  });
/** Step 7a: what was done, and that the customer was told. */
const carryOutStep = z.strictObject({ ...stepBase, step: z.literal('carry_out'), done: words });
/** Step 7b: the callback. Not satisfied sends the complaint back to step 5 and needs a note. */
const callbackStep = z
  .strictObject({ ...stepBase, step: z.literal('callback'), satisfied: z.boolean(), note })
  .superRefine((value, ctx) => {
    if (!value.satisfied && !value.note) ctx.addIssue({ ...reasonIssue('required'), path: ['note'] });
  });
/** Step 8: root cause from the catalogue and the corrective action; closes the complaint. */
const summaryStep = z.strictObject({
  ...stepBase,
  step: z.literal('summary'),
  rootCause: z.enum(COMPLAINT_ROOT_CAUSES),
  correctiveAction: words,
});

/** One schema per step, for the guided form of each step (the screen fills in id, version and step). */
export const complaintStepInputs = {
  validity: validityStep,
  assign: assignStep,
  analyse: analyseStep,
  propose: proposeStep,
  approve: approveStep,
  carry_out: carryOutStep,
  callback: callbackStep,
  summary: summaryStep,
} as const;

export const advanceComplaintInput = z.discriminatedUnion('step', [
  validityStep,
  assignStep,
  analyseStep,
  proposeStep,
  approveStep,
  carryOutStep,
  callbackStep,
  summaryStep,
]);
export type AdvanceComplaintInput = z.input<typeof advanceComplaintInput>;

/**
 * What a recorded step holds: its input without the complaint id and version ('record' holds nothing more; a draft
 * confirmed records 'record' then). 'dismiss' is a draft dismissed, with the reason.
 */
export type ComplaintStepData =
  /** A draft's words corrected at confirmation: the customer's recorded words are kept next to the correction. */
  | { step: 'record'; recordedCustomerSays?: string; correctedCustomerSays?: string }
  | { step: 'dismiss'; reason: string }
  | DistributiveOmit<z.output<typeof advanceComplaintInput>, 'id' | 'version'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export const complaintsListInput = pageInput
  .extend({
    status: z.enum(COMPLAINT_STATUSES).optional(),
    level: z.enum(COMPLAINT_LEVELS).optional(),
    source: z.enum(COMPLAINT_SOURCES).optional(),
    /** true: only the overdue ones; false: only those not overdue. */
    overdue: z.boolean().optional(),
    /** Calendar days on the desk (Asia/Shanghai) of the creation, both included. */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.to < value.from) ctx.addIssue({ ...reasonIssue('dateRange.order'), path: ['to'] });
  });
export type ComplaintsListInput = z.input<typeof complaintsListInput>;

/** The one column the complaint grid sorts by: the creation time. Unsorted, it is the to-do order of `list`. */
export const COMPLAINT_GRID_COLUMNS = ['createdAt'] as const;
export type ComplaintGridColumn = (typeof COMPLAINT_GRID_COLUMNS)[number];

/**
 * The complaint grid's request: AG Grid's block and sort, and the filters above the grid (those of `list`); the
 * grid's own column filters are not used (any filterModel entry is refused).
 */
export const complaintGridInput = gridInput(COMPLAINT_GRID_COLUMNS)
  .safeExtend({
    status: z.enum(COMPLAINT_STATUSES).optional(),
    level: z.enum(COMPLAINT_LEVELS).optional(),
    source: z.enum(COMPLAINT_SOURCES).optional(),
    overdue: z.boolean().optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .superRefine((value, ctx) => {
    for (const column of Object.keys(value.filterModel)) {
      ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
    }
    if (value.from && value.to && value.to < value.from) ctx.addIssue({ ...reasonIssue('dateRange.order'), path: ['to'] });
  });
export type ComplaintGridInput = z.input<typeof complaintGridInput>;

export const closureRateInput = z
  .strictObject({
    /** The instant the rate is reckoned at; the core's now when left out. */
    asOf: instant.optional(),
    /** Calendar days on the desk of the creation, both included: which complaints are counted. */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.to < value.from) ctx.addIssue({ ...reasonIssue('dateRange.order'), path: ['to'] });
  });
export type ClosureRateInput = z.input<typeof closureRateInput>;

export interface PersonRef {
  id: number;
  displayName: string;
}

/** A user a complaint may name (against whom, who answers for it). */
export interface ComplaintPersonDto extends PersonRef {
  role: Role;
}

export interface ComplaintDto {
  id: number;
  /** TS2026-000001: per calendar year of the desk. */
  number: string;
  source: ComplaintSource;
  level: ComplaintLevel;
  status: ComplaintStatus;
  /** The step awaited; null for a draft and once closed (or closed as invalid, or dismissed). */
  nextStep: ComplaintAdvanceStep | null;
  customer: { id: number; name: string };
  vehicle: { id: number; plate: string } | null;
  repairOrder: { id: number; number: string } | null;
  /** Set when the complaint was raised from a survey answer. */
  surveyResponseId: number | null;
  againstDepartment: ComplaintDepartment;
  againstPerson: PersonRef | null;
  customerSays: string;
  customerWants: string;
  /** When it was recorded, or for one from a survey when the survey drafted it (who: the caller). */
  createdAt: string;
  createdBy: PersonRef;
  /**
   * Step 1 + the level's first-response target: creation for one recorded by hand, confirmation for a draft. A draft's
   * clock has not started: the value means nothing until it is confirmed.
   */
  responseDueAt: string;
  /** When the first step after recording (the validity judgement) was recorded. */
  firstResponseAt: string | null;
  /** Open, no first response, and the core's now is past responseDueAt: shown in red. */
  overdue: boolean;
  /** The first response came after responseDueAt. */
  lateResponse: boolean;
  closedAt: string | null;
  version: number;
}

export interface ComplaintStepDto {
  id: number;
  /** The seed's step number, 1-8 (carry_out and callback are both 7; a draft dismissed is 1). */
  number: number;
  by: PersonRef;
  at: string;
  data: ComplaintStepData;
}

/** A complaint with where each step stands now and every step recorded, oldest first. */
export interface ComplaintDetailDto extends ComplaintDto {
  valid: boolean | null;
  validityReason: string;
  department: ComplaintDepartment | null;
  responsible: PersonRef | null;
  cause: string;
  /** The proposal in force (the latest step 5). */
  resolution: { kind: ResolutionKind; amountFen: number | null; text: string } | null;
  approvedBy: PersonRef | null;
  approvedAt: string | null;
  /** The latest callback's answer. */
  satisfied: boolean | null;
  rootCause: ComplaintRootCause | null;
  correctiveAction: string;
  steps: ComplaintStepDto[];
}

export interface ClosureRateDto {
  asOf: string;
  /** Closed (step 8) at or before asOf. */
  closed: number;
  /** Not closed at asOf and created more than 14 × 24 h before it. */
  openOverTwoWeeks: number;
  /** Not closed at asOf and younger than that: not in the rate. */
  openUnderTwoWeeks: number;
  /** closed ÷ (closed + openOverTwoWeeks), 0-1; null when both are 0. */
  rate: number | null;
}

export const complaintsContract = {
  /**
   * Step 1: records a complaint by hand (phone, walk-in, online, 12315). Numbered TS<year>-<6 digits> per calendar
   * year of the desk; the first response is due after the level's target (24 h / 8 h / 4 h / 4 h).
   */
  create: procedure.meta({ access: HANDLE }).input(createComplaintInput).output(type<ComplaintDetailDto>()),

  /**
   * Records the next step (2-8) with who and when, in order only: the complaint's `nextStep` must be `step`.
   * Step 2 not valid closes it as invalid; step 6 is the manager's (a rejection goes back to step 5); an unsatisfied
   * callback goes back to step 5; step 8 closes it. The first step recorded is the first response. Nobody records a
   * step of a complaint about their own work: the person it names, the advisor of its RO ('complaint.ownComplaint').
   */
  advance: procedure.meta({ access: HANDLE }).input(advanceComplaintInput).output(type<ComplaintDetailDto>()),

  /**
   * Confirms a draft opened by a dissatisfied survey (status draft -> open): step 1 is recorded now by the caller,
   * with the level chosen; the first response is due after the level's target from now. Not a draft:
   * 'complaint.notDraft'. Manager only; not about the caller's own work ('complaint.ownDraft'). Corrected words keep
   * the customer's recorded ones in step 1 (recordedCustomerSays / correctedCustomerSays).
   */
  confirm: procedure.meta({ access: DECIDE_DRAFT }).input(confirmComplaintInput).output(type<ComplaintDetailDto>()),

  /**
   * Dismisses a draft with the reason (status draft -> dismissed, recorded with who and when). Manager only; the
   * person a draft is against, or the advisor of its RO, may not dismiss it ('complaint.ownDraft'). Not a draft: 'complaint.notDraft'.
   */
  dismiss: procedure.meta({ access: DECIDE_DRAFT }).input(dismissComplaintInput).output(type<ComplaintDetailDto>()),

  /** The active users a complaint may name (against whom, who answers for it), by name. */
  people: procedure.meta({ access: HANDLE }).input(z.strictObject({}).optional()).output(type<ComplaintPersonDto[]>()),

  /**
   * Complaints paged in SQL: drafts first (awaiting the manager), then open, overdue first, then newest first.
   * `overdue` is reckoned against the core's now.
   */
  list: procedure.meta({ access: HANDLE }).input(complaintsListInput).output(type<Page<ComplaintDto>>()),

  /**
   * The complaint grid (the complaints screen), a block of AG Grid's Infinite Row Model at a time, filtered as `list`.
   * Unsorted it is the to-do order of `list` (drafts, open overdue, open, the rest; newest first in each), read as
   * four index-backed parts; sorted by creation time it is one walk of a creation-time index either way round.
   */
  grid: procedure.meta({ access: HANDLE }).input(complaintGridInput).output(type<Page<ComplaintDto>>()),

  /** One complaint with every step recorded. */
  get: procedure.meta({ access: HANDLE }).input(z.strictObject({ id })).output(type<ComplaintDetailDto>()),

  /**
   * Two-week closure rate as of `asOf` (default now) = closed ÷ (closed + open for more than 14 days). Counted: the
   * complaints created at or before asOf (and on the desk days from..to when given), except those judged not valid,
   * drafts and dismissed drafts.
   * Closed: step 8 recorded at or before asOf, however long it took. Open for more than 14 days: not closed at asOf
   * and created more than 14 × 24 h before it. Younger open ones are left out of the rate (reported apart).
   */
  closureRate: procedure.meta({ access: REPORT }).input(closureRateInput).output(type<ClosureRateDto>()),
};
