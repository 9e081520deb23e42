import { type } from '@orpc/contract';
import { z } from 'zod';
import {
  AGE_BUCKETS,
  CLAIM_STATUSES,
  OLD_PART_RETURN_POLICIES,
  type AgeBucket,
  type ClaimStatus,
  type OldPartReturnPolicy,
} from '../../domain/warranty-claims';
import { procedure } from '../base';
import { reasonIssue } from '../errors';
import { id, isoDate, multiLine, singleLine, version } from '../fields';
import { gridInput, type Page } from '../paging';

/**
 * Warranty claims (索赔, issue 19 item 1): procedures warrantyClaims.*. The warranty administrator prepares claims,
 * submits them in batches, exports a batch for the OEM and imports the OEM's settlement file; the manager may do all of
 * that and alone approves writing off what the OEM did not pay. Status rules: shared/domain/warranty-claims.ts.
 */
const WORK = ['warranty_admin', 'manager'] as const;
const APPROVE = ['manager'] as const;

/** A claim's amounts are bounded like payments: far above any claim, far below the integer limit. */
const MAX_CLAIM_FEN = 1_000_000_000;
const fen = z.int().min(0).max(MAX_CLAIM_FEN);

export const laborOpInput = z.strictObject({
  /** The OEM's labor operation code. */
  code: singleLine().toUpperCase().min(1).max(40),
  name: singleLine().max(100).default(''),
  /** The OEM's flat-rate hours, in thousandths. */
  hoursMilli: z.int().min(1).max(1_000_000),
});

export interface LaborOpDto {
  code: string;
  name: string;
  hoursMilli: number;
}

export interface ClaimPartDto {
  id: number;
  lineId: number | null;
  partNumber: string;
  nameZh: string;
  qtyMilli: number;
  amountFen: number;
  /** The old-part tag (旧件标签) now on the part, or null when none is. */
  oldPartTag: string | null;
  /** Whether the OEM wants this part back (the setting's policy): such a part needs its tag before submission. */
  mustReturn: boolean;
}

export interface ClaimEventDto {
  from: ClaimStatus | null;
  to: ClaimStatus;
  actor: { id: number; displayName: string } | null;
  at: string;
  note: string;
}

export interface ClaimSummaryDto {
  id: number;
  number: string;
  repairOrderId: number;
  roNumber: string;
  plate: string;
  vin: string;
  status: ClaimStatus;
  claimedFen: number;
  paidFen: number;
  writtenOffFen: number;
  batchId: number | null;
  batchNumber: string | null;
  createdAt: string;
  submittedAt: string | null;
  version: number;
}

export interface ClaimDto extends ClaimSummaryDto {
  jobId: number;
  mileageKm: number | null;
  deliveredAt: string | null;
  laborOps: LaborOpDto[];
  laborRateFen: number;
  laborFen: number;
  partsFen: number;
  subletFen: number;
  causalPartNumber: string;
  failureCode: string;
  complaint: string;
  cause: string;
  correction: string;
  rejectionReason: string;
  writeOffReason: string;
  /** The write-off waiting for a manager (partly_paid) has none yet. */
  writeOffApprovedBy: { id: number; displayName: string } | null;
  writeOffApprovedAt: string | null;
  parts: ClaimPartDto[];
  events: ClaimEventDto[];
}

export const getClaimInput = z.strictObject({ id });

export const createDraftInput = z.strictObject({
  /** An approved warranty job of a delivered RO that has no claim yet. */
  jobId: id,
});

export const updateClaimInput = z.strictObject({
  id,
  version,
  laborOps: z.array(laborOpInput).max(50).optional(),
  causalPartNumber: singleLine().toUpperCase().max(40).optional(),
  failureCode: singleLine().toUpperCase().max(40).optional(),
  complaint: multiLine().max(2000).optional(),
  cause: multiLine().max(2000).optional(),
  correction: multiLine().max(2000).optional(),
  subletFen: fen.optional(),
  /** A part's amount at the OEM's warranty parts price, by claim part id. */
  partAmounts: z
    .array(z.strictObject({ partId: id, amountFen: fen }))
    .max(100)
    .optional(),
});

export const correctClaimInput = z.strictObject({
  id,
  version,
  /** What was corrected after the OEM's rejection. */
  note: multiLine().min(1).max(500),
});

export const submitBatchInput = z.strictObject({
  /** Drafts and corrected claims, each at the version read; all go in one batch or none. */
  claims: z
    .array(z.strictObject({ id, version }))
    .min(1)
    .max(500)
    .superRefine((claims, ctx) => {
      const seen = new Set<number>();
      for (const [index, claim] of claims.entries()) {
        if (seen.has(claim.id)) ctx.addIssue({ ...reasonIssue('warrantyClaim.twiceInBatch'), path: [index, 'id'] });
        seen.add(claim.id);
      }
    }),
});

export interface ClaimBatchDto {
  id: number;
  number: string;
  claims: number;
  claimedFen: number;
  createdAt: string;
  createdBy: { id: number; displayName: string };
}

export const exportBatchInput = z.strictObject({ batchId: id });

export interface ClaimBatchExportDto {
  fileName: string;
  /** The .xlsx file, base64 (layout: docs/warranty-claims.md). */
  dataBase64: string;
}

export const CLAIM_OUTCOMES = ['accepted', 'rejected', 'paid'] as const;

export const recordOutcomeInput = z
  .strictObject({
    id,
    version,
    outcome: z.enum(CLAIM_OUTCOMES),
    /** Paid: fen received (less than claimed leaves the rest to be written off). */
    amountFen: fen.default(0),
    /** Rejected: the OEM's reason (required); paid less: why the rest is not paid. */
    reason: multiLine().max(500).default(''),
  })
  .superRefine((value, ctx) => {
    if (value.outcome === 'rejected' && !value.reason) ctx.addIssue({ ...reasonIssue('required'), path: ['reason'] });
    if (value.outcome === 'paid' && value.amountFen <= 0) ctx.addIssue({ ...reasonIssue('required'), path: ['amountFen'] });
  });

export const approveWriteOffInput = z.strictObject({ id, version });

/** An OEM's settlement file: one line per claim, a few MB for a year of them. */
export const MAX_SETTLEMENT_FILE_BYTES = 20 * 1024 * 1024;
export const SETTLEMENT_FILE_UPLOAD_PATH = '/upload/settlement-file';

export const importSettlementInput = z.strictObject({
  /** The upload of the OEM's settlement file (CSV or XLSX), claimed by this call. */
  uploadId: z.uuid(),
  fileName: singleLine().min(1).max(200),
});

export interface SettlementRefusalDto {
  /** The row's line in the file (the header is line 1). */
  line: number;
  claimNumber: string;
  reason: string;
  field: 'claimNumber' | 'status' | 'amount' | 'reason';
  /** The claim's status when it is not waiting for the OEM (warrantyClaim.notOutstanding). */
  status?: ClaimStatus;
}

export interface SettlementImportDto {
  rows: number;
  paid: number;
  partlyPaid: number;
  rejected: number;
  paidFen: number;
  refused: SettlementRefusalDto[];
}

/** The grid sorts by when the claim was drafted (its age); the status filter is the box above it. */
export const CLAIM_GRID_COLUMNS = ['createdAt'] as const;

export const claimsGridInput = gridInput(CLAIM_GRID_COLUMNS)
  .safeExtend({ status: z.enum(CLAIM_STATUSES).optional() })
  .superRefine((value, ctx) => {
    for (const column of Object.keys(value.filterModel))
      ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
  });

export const claimsReportInput = z
  .strictObject({
    /** Desk days, both included: the period of the rejection rate and of the money written off. */
    from: isoDate,
    to: isoDate,
  })
  .superRefine((value, ctx) => {
    if (value.to < value.from) ctx.addIssue({ ...reasonIssue('dateRange.order'), path: ['to'] });
  });

export interface ClaimsReportDto {
  /** Every claim now, by status, with its money and the age of the outstanding ones. */
  byStatus: { status: ClaimStatus; claims: number; claimedFen: number; paidFen: number }[];
  /** What the OEM owes (submitted, resubmitted, accepted), by days since submission. */
  receivable: { bucket: AgeBucket; claims: number; claimedFen: number }[];
  receivableFen: number;
  /** The OEM's answers in the period: rejections ÷ all answers (accepted, rejected, paid, partly paid). */
  answers: number;
  rejections: number;
  /** Rejection rate in basis points (0 with no answer). */
  rejectionRateBp: number;
  reasons: { reason: string; count: number }[];
  /** Money written off with the manager's approval in the period. */
  writtenOff: { claims: number; fen: number };
  /** Written off waiting for the manager (partly paid claims), whatever the period. */
  writeOffPending: { claims: number; fen: number };
}

export interface WarrantySettingsDto {
  /** The OEM's warranty labor rate, fen per hour (usually below the retail rate). */
  laborRateFen: number;
  /** Which old parts the OEM wants back. */
  oldPartReturn: OldPartReturnPolicy;
  /** Days after delivery the OEM accepts a claim (shown on the claim; 0: none set). */
  submissionDays: number;
}

export const setWarrantySettingsInput = z.strictObject({
  laborRateFen: z.int().min(0).max(10_000_000),
  oldPartReturn: z.enum(OLD_PART_RETURN_POLICIES),
  submissionDays: z.int().min(0).max(365),
});

export const warrantyClaimsContract = {
  /** Claims, newest first by default, optionally of one status. */
  grid: procedure.meta({ access: WORK }).input(claimsGridInput).output(type<Page<ClaimSummaryDto>>()),
  /** One claim with its parts (and their old-part tags) and its status history. */
  get: procedure.meta({ access: WORK }).input(getClaimInput).output(type<ClaimDto>()),
  /** A draft for an approved warranty job of a delivered RO delivered before claims were drafted at delivery. */
  createDraft: procedure.meta({ access: WORK }).input(createDraftInput).output(type<ClaimDto>()),
  /** Changes a draft, rejected or corrected claim (labor operations, causal part, failure code, 3C, sublet, part amounts). */
  update: procedure.meta({ access: WORK }).input(updateClaimInput).output(type<ClaimDto>()),
  /** A rejected claim, corrected: ready to be resubmitted in a new batch. */
  correct: procedure.meta({ access: WORK }).input(correctClaimInput).output(type<ClaimDto>()),
  /** Submits drafts and corrected claims in one new batch; refused whole if one cannot go (a part without its tag). */
  submitBatch: procedure.meta({ access: WORK }).input(submitBatchInput).output(type<ClaimBatchDto>()),
  /** A batch as the spreadsheet the OEM receives (docs/warranty-claims.md). */
  exportBatch: procedure.meta({ access: WORK }).input(exportBatchInput).output(type<ClaimBatchExportDto>()),
  /** One OEM answer typed in: accepted, rejected with the reason, or paid (less than claimed: partly paid). */
  recordOutcome: procedure.meta({ access: WORK }).input(recordOutcomeInput).output(type<ClaimDto>()),
  /** The OEM's settlement file matched to the claims: paid, partly paid, rejected; unknown claims refused. */
  importSettlement: procedure.meta({ access: WORK }).input(importSettlementInput).output(type<SettlementImportDto>()),
  /** The manager approves writing off what the OEM did not pay: a partly paid claim becomes paid. */
  approveWriteOff: procedure.meta({ access: APPROVE }).input(approveWriteOffInput).output(type<ClaimDto>()),
  /** Claims by status and age, the rejection rate and reasons, the receivable and the money written off. */
  report: procedure.meta({ access: WORK }).input(claimsReportInput).output(type<ClaimsReportDto>()),
  settings: procedure.meta({ access: WORK }).input(z.strictObject({}).optional()).output(type<WarrantySettingsDto>()),
  setSettings: procedure.meta({ access: APPROVE }).input(setWarrantySettingsInput).output(type<WarrantySettingsDto>()),
};

export { AGE_BUCKETS, CLAIM_STATUSES };
