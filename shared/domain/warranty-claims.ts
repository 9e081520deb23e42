/**
 * Warranty claims (索赔, docs/domain.md "Warranty claims"): the status rules, pure so the core and the screen agree.
 *
 * draft → submitted (in a batch) → accepted | rejected (the OEM's reason) | paid | partly_paid
 * rejected → corrected (the administrator fixed what the OEM refused) → resubmitted (in a new batch) → as submitted
 * accepted → paid | partly_paid | rejected
 * partly_paid → paid once the manager approves writing the difference off
 */
export const CLAIM_STATUSES = [
  'draft',
  'submitted',
  'accepted',
  'rejected',
  'corrected',
  'resubmitted',
  'partly_paid',
  'paid',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

const NEXT: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  draft: ['submitted'],
  submitted: ['accepted', 'rejected', 'paid', 'partly_paid'],
  resubmitted: ['accepted', 'rejected', 'paid', 'partly_paid'],
  accepted: ['rejected', 'paid', 'partly_paid'],
  rejected: ['corrected'],
  corrected: ['resubmitted'],
  partly_paid: ['paid'],
  paid: [],
};

export function canMoveClaim(from: ClaimStatus, to: ClaimStatus): boolean {
  return NEXT[from].includes(to);
}

/** The statuses the OEM still owes an answer or money on: the warranty receivable. */
export const OUTSTANDING_STATUSES: readonly ClaimStatus[] = ['submitted', 'resubmitted', 'accepted'];

/** The statuses a claim's content may be changed in: before the OEM has it, or after it sent it back. */
export const EDITABLE_STATUSES: readonly ClaimStatus[] = ['draft', 'rejected', 'corrected'];

/** What a batch moves a claim to: a draft is submitted, a corrected claim resubmitted; null when it cannot go. */
export function submissionTarget(status: ClaimStatus): 'submitted' | 'resubmitted' | null {
  if (status === 'draft') return 'submitted';
  if (status === 'corrected') return 'resubmitted';
  return null;
}

/** Which old parts the OEM wants back: every part of the claim, or only the causal part (a setting). */
export const OLD_PART_RETURN_POLICIES = ['all', 'causal'] as const;
export type OldPartReturnPolicy = (typeof OLD_PART_RETURN_POLICIES)[number];

export interface ClaimPartForSubmission {
  partNumber: string;
  /** The old-part tag (旧件标签) of the part taken off, or null when none was tagged. */
  oldPartTag: string | null;
}

/** Whether a part must come back to the OEM under the policy: all parts, or the claim's causal part. */
export function mustReturn(policy: OldPartReturnPolicy, partNumber: string, causalPartNumber: string): boolean {
  if (policy === 'all') return true;
  return causalPartNumber !== '' && partNumber.toUpperCase() === causalPartNumber.toUpperCase();
}

/** The part numbers that must be returned and have no old-part tag: a claim with any cannot be submitted. */
export function untaggedReturns(
  policy: OldPartReturnPolicy,
  causalPartNumber: string,
  parts: readonly ClaimPartForSubmission[],
): string[] {
  return parts.filter((p) => mustReturn(policy, p.partNumber, causalPartNumber) && !p.oldPartTag).map((p) => p.partNumber);
}

/** Labor at the OEM's warranty rate: hours in thousandths × fen per hour, rounded half-up once. */
export function laborAmountFen(hoursMilli: number, rateFen: number): number {
  return Math.round((hoursMilli * rateFen) / 1000);
}

export interface SettlementLine {
  outcome: 'paid' | 'rejected';
  /** Fen received (paid); ignored when rejected. */
  amountFen: number;
}

export type SettlementVerdict =
  | { ok: true; to: 'paid' | 'partly_paid' | 'rejected'; paidFen: number; writtenOffFen: number }
  | { ok: false; reason: 'warrantyClaim.notOutstanding' | 'warrantyClaim.overpaid' | 'warrantyClaim.nothingPaid' };

/**
 * What an OEM's answer does to a claim: paid in full → paid; paid less → partly_paid, the difference to be written
 * off once the manager approves it; rejected → rejected. A claim the OEM is not answering on (not outstanding), an
 * amount above the claim or a payment of nothing are refused (a zero payment is a rejection, which needs its reason).
 */
export function settlementVerdict(status: ClaimStatus, claimedFen: number, line: SettlementLine): SettlementVerdict {
  if (!OUTSTANDING_STATUSES.includes(status)) return { ok: false, reason: 'warrantyClaim.notOutstanding' };
  if (line.outcome === 'rejected') return { ok: true, to: 'rejected', paidFen: 0, writtenOffFen: 0 };
  if (line.amountFen <= 0) return { ok: false, reason: 'warrantyClaim.nothingPaid' };
  if (line.amountFen > claimedFen) return { ok: false, reason: 'warrantyClaim.overpaid' };
  if (line.amountFen === claimedFen) return { ok: true, to: 'paid', paidFen: line.amountFen, writtenOffFen: 0 };
  return { ok: true, to: 'partly_paid', paidFen: line.amountFen, writtenOffFen: claimedFen - line.amountFen };
}

/** Age buckets of the receivable and of the status report, in whole days since the claim was (last) submitted. */
export const AGE_BUCKETS = ['d0_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export function ageBucket(days: number): AgeBucket {
  if (days <= 30) return 'd0_30';
  if (days <= 60) return 'd31_60';
  if (days <= 90) return 'd61_90';
  return 'd90_plus';
}
