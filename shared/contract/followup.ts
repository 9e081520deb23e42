import { type } from '@orpc/contract';
import { z } from 'zod';
import {
  ATTEMPT_OUTCOMES,
  FOLLOWUP_KINDS,
  type AttemptOutcome,
  type FollowupChannel,
  type FollowupKind,
  type FollowupStatus,
  type ReminderReason,
} from '../domain/followup';
import { procedure } from './base';
import { reasonIssue } from './errors';
import { id, isoMonth, multiLine, version } from './fields';
import { gridInput, pageInput, type Page } from './paging';

/** The follow-up queue: call tasks, attempts, lapsed customers, maintenance reminders (issue 6): followup.* */

/** The CSI desk makes the calls; the manager reads and may call too. */
const CALLERS = ['csi_agent', 'manager'] as const;

export const QUEUE_DUE = ['today', 'overdue', 'all'] as const;
export type QueueDue = (typeof QUEUE_DUE)[number];

export const queueInput = pageInput.extend({
  kind: z.enum(FOLLOWUP_KINDS).optional(),
  /** today: due during today on the desk's calendar; overdue: due before today; all: both (never a task not yet due). */
  due: z.enum(QUEUE_DUE).default('all'),
});

export const taskInput = z.strictObject({ id });

export const recordAttemptInput = z
  .strictObject({
    taskId: id,
    version,
    outcome: z.enum(ATTEMPT_OUTCOMES),
    note: multiLine().max(1000).default(''),
    /** When the customer asked to be called again; required for call_back, an instant with its zone. */
    callBackAt: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'call_back' && v.callBackAt === undefined) {
      ctx.addIssue({ ...reasonIssue('followup.callBackAtRequired'), path: ['callBackAt'] });
    }
  });

export const markSentInput = z.strictObject({ taskId: id, version });

export const lettersInput = pageInput;

/** The one column the follow-up grids sort by: the due time (oldest first unless turned round). */
export const FOLLOWUP_GRID_COLUMNS = ['dueDay'] as const;
export type FollowupGridColumn = (typeof FOLLOWUP_GRID_COLUMNS)[number];

/** The grids take no column filters: the due and kind choices above the grid are fields of their own. */
function refuseColumnFilters(value: { filterModel: object }, ctx: z.RefinementCtx) {
  for (const column of Object.keys(value.filterModel)) {
    ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
  }
}

/** The call queue as AG Grid asks for it: a block of rows, the due order, and the queue's due and kind choices. */
export const followupGridInput = gridInput(FOLLOWUP_GRID_COLUMNS)
  .safeExtend({ kind: queueInput.shape.kind, due: queueInput.shape.due })
  .superRefine(refuseColumnFilters);
export type FollowupGridInput = z.input<typeof followupGridInput>;

/** The SMS/letter list as AG Grid asks for it. */
export const letterGridInput = gridInput(FOLLOWUP_GRID_COLUMNS).superRefine(refuseColumnFilters);

export const lapsedRateInput = z.strictObject({
  /** Month N, a desk calendar month (Asia/Shanghai) 'YYYY-MM'; the current month when left out. */
  month: isoMonth.optional(),
});

/** Parameters of a script text: names and figures the catalogue text fills in. */
export type ScriptParams = Record<string, string | number>;

export interface FollowupTaskRow {
  id: number;
  kind: FollowupKind;
  status: FollowupStatus;
  channel: FollowupChannel;
  customer: { id: number; name: string };
  /** The customer's first phone number in full: the caller dials it (only callers read the queue). */
  phone: string | null;
  vehicle: { id: number; plate: string; makeModel: string };
  /** The delivered RO (csi_call), the last visit (lapsed) or the last maintenance RO (reminder). */
  repairOrder: { id: number; number: string } | null;
  advisor: { id: number; displayName: string } | null;
  dueAt: string;
  /** The desk calendar day of dueAt. */
  dueDay: string;
  /** Reminders: which limit comes first (date or mileage); null for other kinds. */
  dueReason: ReminderReason | null;
  attempts: number;
  failedAttempts: number;
  /**
   * The catalogue key of the script (`followup.scripts.<scriptKey>`) and its parameters. When declinedCount > 0
   * (csi_call and maintenance_reminder), the screen adds `followup.scripts.<scriptKey>Declined` with the same
   * parameters (declinedWork: the first three open declined concerns).
   */
  scriptKey: string;
  scriptParams: ScriptParams;
  version: number;
}

export interface FollowupAttemptDto {
  id: number;
  by: { id: number; displayName: string };
  at: string;
  outcome: AttemptOutcome;
  note: string;
  callBackAt: string | null;
}

export interface FollowupTaskDetail extends FollowupTaskRow {
  /** The RO's summary for the call screen: work done per job, advisor, technicians. */
  repairOrderSummary: {
    id: number;
    number: string;
    deliveredAt: string | null;
    advisor: { id: number; displayName: string };
    jobs: { id: number; concern: string; correction: string; technician: { id: number; displayName: string } | null }[];
    technicians: { id: number; displayName: string }[];
  } | null;
  /** The vehicle's open declined work, newest first (the script mentions it). */
  declinedWork: { id: number; concern: string; totalFen: number; declinedAt: string }[];
  attemptsHistory: FollowupAttemptDto[];
  closedAt: string | null;
  closedBy: { id: number; displayName: string } | null;
}

export interface LetterRow extends FollowupTaskRow {
  address: string;
}

export interface LapsedRateDto {
  /** Month N. */
  month: string;
  /** Month N − 6: the month the base was seen in. */
  baseMonth: string;
  /** Vehicles of the base with no visit in months N − 5 .. N. */
  lapsedVehicles: number;
  /** Distinct vehicles with a visit (an RO opened, not cancelled) in month N − 6. */
  baseVehicles: number;
  /** lapsedVehicles ÷ baseVehicles, null when no vehicle was seen in month N − 6. */
  rate: number | null;
}

export const followupContract = {
  /**
   * The caller's call queue: open call-channel tasks due (today, overdue, or both), oldest due first, paged in SQL.
   * Customers without consent to be contacted are left out, and so is a csi_call for an RO the caller was the advisor
   * of. Generates the due lapsed and reminder tasks first (generateDue) when that has not run yet today.
   */
  queue: procedure.meta({ access: CALLERS }).input(queueInput).output(type<Page<FollowupTaskRow>>()),

  /**
   * One task for the call screen: script and parameters, the RO's summary (jobs' concerns and corrections, advisor,
   * technicians), the vehicle's open declined work and the attempts so far. The RO's own advisor is refused
   * (`followup.ownRo`).
   */
  task: procedure.meta({ access: CALLERS }).input(taskInput).output(type<FollowupTaskDetail>()),

  /**
   * Creates the lapsed (no visit for 6 months, seen in the last 24) and maintenance-reminder (12 months or 10,000 km
   * estimated, whichever first) tasks due as of today; idempotent: one open task per vehicle and kind, and no second
   * task for the same lapse or the same maintenance visit. Returns how many it created.
   */
  generateDue: procedure.meta({ access: CALLERS }).input(z.strictObject({})).output(type<{ created: number }>()),

  /**
   * Records one attempt (who, when, outcome) in one transaction, version-checked. no_answer and wrong_number count as
   * failed; the fifth failure moves the task to the SMS/letter list. call_back sets the due time to callBackAt (in the
   * future); done closes the task. Refused: a closed task (`followup.closed`), a task on the letter list
   * (`followup.notCall`), the RO's own advisor (`followup.ownRo`), a customer without consent (`followup.noConsent`),
   * a call-back time not in the future (`followup.callBackPast`).
   */
  recordAttempt: procedure.meta({ access: CALLERS }).input(recordAttemptInput).output(type<FollowupTaskDetail>()),

  /** The SMS/letter list: open tasks that the calls did not reach (consenting customers only), oldest due first. */
  letters: procedure.meta({ access: CALLERS }).input(lettersInput).output(type<Page<LetterRow>>()),

  /**
   * The call queue's grid (the follow-up screen): the tasks of `queue`, a block of AG Grid's Infinite Row Model at a
   * time, by due time either way round (the (status, channel, contactable, due_at) index).
   */
  grid: procedure.meta({ access: CALLERS }).input(followupGridInput).output(type<Page<FollowupTaskRow>>()),

  /** The SMS/letter list's grid: the tasks of `letters`, a block at a time, by due time either way round. */
  letterGrid: procedure.meta({ access: CALLERS }).input(letterGridInput).output(type<Page<LetterRow>>()),

  /** The SMS or letter was sent: closes a task of the letter list (`followup.notLetter` otherwise). */
  markSent: procedure.meta({ access: CALLERS }).input(markSentInput).output(type<FollowupTaskDetail>()),

  /**
   * Lapsed rate (流失率) of month N (docs/domain.md "KPIs"), counted by vehicle, months of the desk (Asia/Shanghai):
   * denominator = distinct vehicles seen in month N − 6; numerator = those of them with no visit in months N − 5 .. N.
   * "Seen" and "visit" are the same thing: an RO opened for the vehicle (its opened_at, the check-in of the visit),
   * cancelled ROs left out. For the current month, N − 5 .. N runs to now (visits later in N are not known yet).
   * E.g. month 2026-11: base = vehicles seen in May 2026; lapsed = none of them seen June to November 2026.
   */
  lapsedRate: procedure
    .meta({ access: ['manager'] })
    .input(lapsedRateInput)
    .output(type<LapsedRateDto>()),
};
