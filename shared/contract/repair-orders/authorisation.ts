import { type } from '@orpc/contract';
import { z } from 'zod';
import type { ConcernGroup } from '../../domain/concern-groups';
import { procedure } from '../base';
import { reasonIssue } from '../errors';
import { id, multiLine, singleLine, version } from '../fields';
import { pageInput, type Page } from '../paging';
// Types only: repair-orders.ts spreads this file's contract, so a value imported from it here would not exist yet.
import type { JobAuthorization, RepairOrderDetail, RoPayer } from '../repair-orders';

/** The customer's authorisation of an estimate and the declined work it leaves (issue 3 item 5); part of repairOrders. */

/** The same readers and writers as the rest of the RO (repair-orders.ts READ/WRITE). */
const READ = ['advisor', 'foreman', 'technician', 'parts_clerk', 'csi_agent', 'manager'] as const;
const WRITE = ['advisor', 'manager'] as const;

/** How the customer gave their answer. */
export const AUTHORISATION_CHANNELS = ['in_person', 'phone', 'wechat', 'sms', 'paper'] as const;
export type AuthorisationChannel = (typeof AUTHORISATION_CHANNELS)[number];

export const JOB_DECISIONS = ['approved', 'declined'] as const;
export type JobDecision = (typeof JOB_DECISIONS)[number];

/** open: still to be offered; taken: added to a later RO; dismissed: done elsewhere (or no longer wanted). */
export const DECLINED_WORK_STATUSES = ['open', 'taken', 'dismissed'] as const;
export type DeclinedWorkStatus = (typeof DECLINED_WORK_STATUSES)[number];

/** A drawn signature is a small PNG (a few tens of KB); the cap keeps a runaway canvas out of the database. */
export const MAX_SIGNATURE_CHARS = 200_000;
const PNG_DATA_URL = 'data:image/png;base64,';
/** Every PNG starts with the same 8 bytes, which are these 11 base64 characters. */
const PNG_MAGIC_BASE64 = 'iVBORw0KGgo';

const signaturePng = z.string().superRefine((raw, ctx) => {
  if (raw.length > MAX_SIGNATURE_CHARS) ctx.addIssue(reasonIssue('signature.tooLarge', { max: MAX_SIGNATURE_CHARS / 1000 }));
  else if (!raw.startsWith(PNG_DATA_URL + PNG_MAGIC_BASE64) || !/^[A-Za-z0-9+/]+=*$/.test(raw.slice(PNG_DATA_URL.length))) {
    ctx.addIssue(reasonIssue('signature.notPng'));
  }
});

/**
 * Who must have signed for a channel: in person, a signature drawn on the screen or a signed paper estimate; by paper,
 * the signed paper; by phone, WeChat or SMS nothing is signed (the note says who answered). A drawn signature is only
 * taken in person: the customer cannot draw on this screen from elsewhere. Returns the field at fault and the reason.
 */
export function signatureProblem(value: {
  channel: AuthorisationChannel;
  signaturePng: string | null;
  signedOnPaper: boolean;
}): { field: 'signaturePng' | 'signedOnPaper'; reason: string } | null {
  if (value.channel === 'in_person') {
    return value.signaturePng === null && !value.signedOnPaper ? { field: 'signaturePng', reason: 'signature.required' } : null;
  }
  if (value.signaturePng !== null) return { field: 'signaturePng', reason: 'signature.inPersonOnly' };
  if (value.channel === 'paper' && !value.signedOnPaper) return { field: 'signedOnPaper', reason: 'signature.paperRequired' };
  return null;
}

export const authoriseInput = z
  .strictObject({
    id,
    version,
    /** Who gave the answer: the RO's customer by default, or the person who brought the car. */
    customerName: singleLine().min(1).max(100),
    channel: z.enum(AUTHORISATION_CHANNELS),
    /** When the customer answered (a phone call earlier today); now when left out. Never in the future. */
    authorisedAt: z.iso.datetime({ offset: true }).optional(),
    /** The signature drawn on the screen, as a PNG data URL. */
    signaturePng: signaturePng.nullable().default(null),
    /** The customer signed the printed estimate (kept on paper). */
    signedOnPaper: z.boolean().default(false),
    note: multiLine().max(500).default(''),
    /** One decision per job still pending; each job once. */
    decisions: z
      .array(z.strictObject({ jobId: id, decision: z.enum(JOB_DECISIONS) }))
      .min(1)
      .max(100),
  })
  .superRefine((value, ctx) => {
    const problem = signatureProblem(value);
    if (problem) ctx.addIssue({ ...reasonIssue(problem.reason), path: [problem.field] });
    const seen = new Set<number>();
    value.decisions.forEach((decision, k) => {
      if (seen.has(decision.jobId)) ctx.addIssue({ ...reasonIssue('decision.duplicate'), path: ['decisions', k, 'jobId'] });
      seen.add(decision.jobId);
    });
  });

export const declinedWorkInput = pageInput.extend({ vehicleId: id });

/** A declined job of an earlier visit as a new job of this RO. */
export const addDeclinedWorkInput = z.strictObject({ id, version, declinedWorkId: id });

export const dismissDeclinedWorkInput = z.strictObject({
  declinedWorkId: id,
  /** Why it is no longer offered, e.g. "done at another garage". */
  reason: multiLine().min(1).max(200),
});

/**
 * Work may start (open -> in_progress) only when the customer has answered for every job and approved at least one:
 * the reason key when not, else null. The core checks it on the transition; a screen may say it beforehand.
 */
export function startWorkProblem(jobs: readonly { authorization: JobAuthorization }[]): string | null {
  if (jobs.some((job) => job.authorization === 'pending')) return 'authorisation.pending';
  if (!jobs.some((job) => job.authorization === 'approved')) return 'authorisation.noneApproved';
  return null;
}

export interface AuthorisationDecisionDto {
  /** Null once the job was removed from the RO; the concern and total stay as they were decided. */
  jobId: number | null;
  concern: string;
  decision: JobDecision;
  /** The job's total when the customer decided, fen. */
  jobTotalFen: number;
}

export interface AuthorisationDto {
  id: number;
  repairOrderId: number;
  customerName: string;
  channel: AuthorisationChannel;
  /** When the customer gave the answer (ISO UTC). */
  authorisedAt: string;
  /** The signature drawn on the screen (PNG data URL), or null. */
  signaturePng: string | null;
  signedOnPaper: boolean;
  note: string;
  /** Sum of the approved jobs' totals at that moment, fen. */
  approvedTotalFen: number;
  recordedBy: { id: number; displayName: string };
  recordedAt: string;
  decisions: AuthorisationDecisionDto[];
}

export interface DeclinedWorkDto {
  id: number;
  vehicleId: number;
  /** The RO it was declined on. */
  repairOrder: { id: number; number: string };
  jobId: number;
  concern: string;
  concernGroup: ConcernGroup;
  payer: RoPayer;
  /** The job's total when declined, fen (adding it to a new RO prices it again). */
  totalFen: number;
  declinedAt: string;
  status: DeclinedWorkStatus;
  /** The job it became on a later RO, once taken. */
  takenJobId: number | null;
  dismissedReason: string;
}

export const authorisationContract = {
  /**
   * Records the customer's answer for jobs still pending: approved or declined, who answered, how (in person with a
   * drawn or paper signature, by paper, phone, WeChat or SMS) and when. A declined job becomes declined work on the
   * vehicle, offered again at its next visit. Only while the car is in the dealership's hands; the RO's version moves on.
   */
  authorise: procedure.meta({ access: WRITE }).input(authoriseInput).output(type<RepairOrderDetail>()),

  /** The RO's recorded authorisations, newest first, with their decisions and signature. */
  authorisations: procedure.meta({ access: READ }).input(z.strictObject({ id })).output(type<AuthorisationDto[]>()),

  /** The vehicle's open declined work, newest first, with the RO it was declined on. */
  declinedWork: procedure.meta({ access: READ }).input(declinedWorkInput).output(type<Page<DeclinedWorkDto>>()),

  /**
   * Adds an open declined job of this vehicle to the RO as a new job (same concern, group and payer, pending the
   * customer's approval) with copies of its lines, priced again with today's tax settings at the same unit prices
   * and discounts; the declined work is then taken.
   */
  addDeclinedWork: procedure.meta({ access: WRITE }).input(addDeclinedWorkInput).output(type<RepairOrderDetail>()),

  /** Stops offering a declined job (the customer had it done elsewhere), with the reason. */
  dismissDeclinedWork: procedure.meta({ access: WRITE }).input(dismissDeclinedWorkInput).output(type<DeclinedWorkDto>()),
};
