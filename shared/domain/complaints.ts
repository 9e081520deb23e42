/**
 * Complaint handling (docs/domain.md "Complaints", seed 004: the eight steps). Pure rules shared by the core and the
 * screens: the steps and their order, levels with their first-response targets, overdue, the two-week closure rate.
 */

export const COMPLAINT_SOURCES = ['phone', 'walk_in', 'online', '12315', 'survey'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

/** Sources a complaint recorded by hand may have; 'survey' is only set when it is raised from a survey answer. */
export const MANUAL_COMPLAINT_SOURCES = ['phone', 'walk_in', 'online', '12315'] as const;

export const COMPLAINT_DEPARTMENTS = ['service', 'workshop', 'parts', 'sales', 'other'] as const;
export type ComplaintDepartment = (typeof COMPLAINT_DEPARTMENTS)[number];

export const COMPLAINT_LEVELS = ['ordinary', 'escalated', 'major', 'major_urgent'] as const;
export type ComplaintLevel = (typeof COMPLAINT_LEVELS)[number];

/** First-response targets in hours (FAW-VW practice): ordinary 24 h, escalated 8 h, major 4 h, major and urgent 4 h. */
export const FIRST_RESPONSE_HOURS: Record<ComplaintLevel, number> = {
  ordinary: 24,
  escalated: 8,
  major: 4,
  major_urgent: 4,
};

/**
 * draft: opened by a dissatisfied survey, not yet confirmed (no step recorded, no first-response clock);
 * open: being handled; closed: step 8 done; invalid: judged not valid at step 2 (closed there);
 * dismissed: a draft the manager decided was no complaint (with the reason).
 */
export const COMPLAINT_STATUSES = ['draft', 'open', 'closed', 'invalid', 'dismissed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/**
 * The recorded steps in their order. Step 7 of the seed has two records: carrying the resolution out and telling the
 * customer ('carry_out'), then the callback that confirms it ('callback').
 */
export const COMPLAINT_STEPS = [
  'record',
  'validity',
  'assign',
  'analyse',
  'propose',
  'approve',
  'carry_out',
  'callback',
  'summary',
] as const;
export type ComplaintStep = (typeof COMPLAINT_STEPS)[number];
/** The steps a user records after the complaint exists (step 1 is its creation). */
export type ComplaintAdvanceStep = Exclude<ComplaintStep, 'record'>;

/** The seed's step number (1-8) of each recorded step. */
export const COMPLAINT_STEP_NUMBER: Record<ComplaintStep, number> = {
  record: 1,
  validity: 2,
  assign: 3,
  analyse: 4,
  propose: 5,
  approve: 6,
  carry_out: 7,
  callback: 7,
  summary: 8,
};

export const RESOLUTION_KINDS = ['redo', 'discount', 'refund', 'compensation', 'explanation'] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];

/** Resolutions that give the customer money: they need an amount (fen, more than 0); the others take none. */
export function resolutionHasAmount(kind: ResolutionKind): boolean {
  return kind === 'discount' || kind === 'refund' || kind === 'compensation';
}

/** The root-cause catalogue of step 8. */
export const COMPLAINT_ROOT_CAUSES = [
  'diagnosis',
  'workmanship',
  'parts_quality',
  'parts_availability',
  'waiting_time',
  'price',
  'communication',
  'attitude',
  'process',
  'product',
  'customer_expectation',
  'other',
] as const;
export type ComplaintRootCause = (typeof COMPLAINT_ROOT_CAUSES)[number];

/** What a recorded step leads to: the next step awaited (null once the complaint is closed) and the status. */
export interface StepOutcome {
  next: ComplaintAdvanceStep | null;
  status: ComplaintStatus;
}

/**
 * The step after `step` given its decision. Not valid at step 2 closes the complaint as invalid; a rejection at step 6
 * and an unsatisfied callback send it back to step 5 (propose); step 8 closes it.
 */
export function stepOutcome(step: ComplaintStep, decision?: boolean): StepOutcome {
  switch (step) {
    case 'record':
      return { next: 'validity', status: 'open' };
    case 'validity':
      return decision === false ? { next: null, status: 'invalid' } : { next: 'assign', status: 'open' };
    case 'assign':
      return { next: 'analyse', status: 'open' };
    case 'analyse':
      return { next: 'propose', status: 'open' };
    case 'propose':
      return { next: 'approve', status: 'open' };
    case 'approve':
      return decision === false ? { next: 'propose', status: 'open' } : { next: 'carry_out', status: 'open' };
    case 'carry_out':
      return { next: 'callback', status: 'open' };
    case 'callback':
      return decision === false ? { next: 'propose', status: 'open' } : { next: 'summary', status: 'open' };
    case 'summary':
      return { next: null, status: 'closed' };
  }
}

const HOUR_MS = 3_600_000;

/** When the first response is due: the creation plus the level's target. */
export function responseDueAt(createdAt: string, level: ComplaintLevel): string {
  return new Date(Date.parse(createdAt) + FIRST_RESPONSE_HOURS[level] * HOUR_MS).toISOString();
}

/**
 * Overdue: still open, no first response yet and `now` is past the due time (the due instant itself is not late).
 * The first response is the first step recorded after step 1 (the validity judgement).
 */
export function isOverdue(
  c: { status: ComplaintStatus; responseDueAt: string; firstResponseAt: string | null },
  now: Date,
): boolean {
  return c.status === 'open' && c.firstResponseAt === null && now.getTime() > Date.parse(c.responseDueAt);
}

/** Late response: the first response came, but after the due time. */
export function isLateResponse(c: { responseDueAt: string; firstResponseAt: string | null }): boolean {
  return c.firstResponseAt !== null && Date.parse(c.firstResponseAt) > Date.parse(c.responseDueAt);
}

/** A complaint counts as "open for more than 14 days" once it has been open longer than this at the reckoning time. */
export const CLOSURE_WINDOW_DAYS = 14;

/** Statuses that do not count for the two-week closure rate. */
export const NOT_COUNTED_STATUSES = ['invalid', 'draft', 'dismissed'] as const;

export type ClosureState = 'closed' | 'open_over_two_weeks' | 'open_under_two_weeks' | 'not_counted';

/**
 * Where one complaint stands for the two-week closure rate as of `asOf`:
 * - created after `asOf`, or judged not valid (an invalid complaint is not handled): not counted;
 * - closed (step 8) at or before `asOf`: closed, however long it took;
 * - otherwise open at `asOf`: over two weeks when `asOf` is more than 14 × 24 h after its creation, else under.
 */
export function closureState(
  c: { status: ComplaintStatus; createdAt: string; closedAt: string | null },
  asOf: Date,
): ClosureState {
  const created = Date.parse(c.createdAt);
  // Drafts and dismissed drafts were never complaints being handled.
  if (created > asOf.getTime() || c.status === 'invalid' || c.status === 'draft' || c.status === 'dismissed')
    return 'not_counted';
  if (c.status === 'closed' && c.closedAt !== null && Date.parse(c.closedAt) <= asOf.getTime()) return 'closed';
  return asOf.getTime() - created > CLOSURE_WINDOW_DAYS * 24 * HOUR_MS ? 'open_over_two_weeks' : 'open_under_two_weeks';
}

/** Two-week closure rate = closed ÷ (closed + open for more than 14 days); null when nothing counts. */
export function closureRate(closed: number, openOverTwoWeeks: number): number | null {
  const base = closed + openOverTwoWeeks;
  return base === 0 ? null : closed / base;
}

/** The per-year complaint number: TS2026-000001 (投诉). */
export const COMPLAINT_NUMBER_PREFIX = 'TS';
export function complaintNumber(year: number, sequence: number): string {
  return `${COMPLAINT_NUMBER_PREFIX}${year}-${String(sequence).padStart(6, '0')}`;
}

// ---- drafts from a dissatisfied survey ----

/** One answer that flagged a survey dissatisfied, as the draft needs it. */
export interface LowAnswer {
  position: number;
  /** The question in the desk's language (Chinese, as the customer was asked). */
  text: string;
  scale: 'scale_1_10' | 'recommend_0_10' | 'yes_no';
  /** The CSI factor of a 1-10 question; null for the recommend and yes/no questions. */
  factor: string | null;
  value: number | boolean;
}

/** Whom a low factor points at: the department, and which person of the RO answers for it. */
export const FACTOR_TARGET: Record<string, { department: ComplaintDepartment; person: 'advisor' | 'technician' | null }> = {
  service_initiation: { department: 'service', person: 'advisor' },
  service_advisor: { department: 'service', person: 'advisor' },
  service_facility: { department: 'service', person: null },
  vehicle_pickup: { department: 'service', person: 'advisor' },
  service_quality: { department: 'workshop', person: 'technician' },
};

/**
 * Whom a draft is against: the factor of the lowest 1-10 answer (the earlier question on a tie). Answers without a
 * factor (recommend, yes/no) point at no one in particular: the service reception, which owns the customer, and no
 * person; the manager corrects it when confirming.
 */
export function draftTarget(low: readonly LowAnswer[]): {
  department: ComplaintDepartment;
  person: 'advisor' | 'technician' | null;
} {
  let best: LowAnswer | null = null;
  for (const answer of low) {
    if (answer.factor === null || !(answer.factor in FACTOR_TARGET) || typeof answer.value !== 'number') continue;
    if (!best || answer.value < (best.value as number) || (answer.value === best.value && answer.position < best.position))
      best = answer;
  }
  return best ? FACTOR_TARGET[best.factor as string]! : { department: 'service', person: null };
}

/** The most a step's free text holds (the contract's `words`). */
export const COMPLAINT_TEXT_MAX = 2000;

/**
 * "What the customer says" of a draft: each low-scored question with its answer (5/10, 否), then the customer's own
 * words from the free-text questions, in quotes. In Chinese, as the survey was asked; cut to the field's length.
 */
export function draftCustomerSays(low: readonly LowAnswer[], verbatims: readonly string[]): string {
  const lines = [...low]
    .sort((a, b) => a.position - b.position)
    .map(
      (answer) => `${answer.text}：${typeof answer.value === 'boolean' ? (answer.value ? '是' : '否') : `${answer.value}/10`}`,
    );
  for (const words of verbatims) if (words.trim()) lines.push(`“${words.trim()}”`);
  const text = lines.join('\n');
  return text.length > COMPLAINT_TEXT_MAX ? `${text.slice(0, COMPLAINT_TEXT_MAX - 1)}…` : text;
}
