import { type } from '@orpc/contract';
import { z } from 'zod';
import { procedure } from '../base';
import { qtyMilli } from '../catalog';
import { reasonIssue } from '../errors';
import { id, multiLine, singleLine, version } from '../fields';
import { gridInput, type Page } from '../paging';

/** The parts clerk keeps the old parts (the manager may too); the foreman and advisors look up what is held. */
const READ = ['parts_clerk', 'manager', 'foreman', 'advisor'] as const;
const WRITE = ['parts_clerk', 'manager'] as const;

/** held → claim_settled → returned (to the OEM) or scrapped. */
export const OLD_PART_STATUSES = ['held', 'claim_settled', 'returned', 'scrapped'] as const;
export type OldPartStatus = (typeof OLD_PART_STATUSES)[number];

/** What the list shows: what is still on the shelf (held or settled, not yet gone), one status, or everything. */
export const OLD_PART_VIEWS = ['stillHeld', 'all', ...OLD_PART_STATUSES] as const;
export type OldPartView = (typeof OLD_PART_VIEWS)[number];

export const OLD_PART_DISPOSITIONS = ['returned', 'scrapped'] as const;
export type OldPartDisposition = (typeof OLD_PART_DISPOSITIONS)[number];

const claimNumber = singleLine().max(40);

/**
 * A failed part taken off a car under warranty, tagged to its job: from a part line of the job (`lineId`: its number,
 * name and quantity are copied; a quantity given tags fewer) or typed (`partNumber`, `nameZh`, `qtyMilli`).
 */
export const tagOldPartInput = z
  .strictObject({
    repairOrderId: id,
    jobId: id,
    lineId: id.optional(),
    partNumber: singleLine().toUpperCase().max(40).optional(),
    nameZh: singleLine().max(100).optional(),
    qtyMilli: qtyMilli.optional(),
    /** Where on the old-parts shelf it is kept. */
    location: singleLine().min(1).max(40),
    claimNumber: claimNumber.default(''),
  })
  .superRefine((value, ctx) => {
    if (value.lineId !== undefined) return;
    for (const key of ['partNumber', 'nameZh', 'qtyMilli'] as const) {
      if (!value[key]) ctx.addIssue({ ...reasonIssue('required'), path: [key] });
    }
  });

/** Column filters are not offered on the old-parts grids: the boxes above them filter. */
function refuseColumnFilters(value: { filterModel: object }, ctx: z.RefinementCtx): void {
  for (const column of Object.keys(value.filterModel)) {
    ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
  }
}

/** The to-do keeps its own order (issued lines first, then oldest): it sorts by nothing else. */
export const UNTAGGED_GRID_COLUMNS = ['createdAt'] as const;
export type UntaggedGridColumn = (typeof UNTAGGED_GRID_COLUMNS)[number];

export const untaggedWarrantyLinesGridInput = gridInput(UNTAGGED_GRID_COLUMNS).superRefine((value, ctx) => {
  refuseColumnFilters(value, ctx);
  if (value.sortModel.length > 0) ctx.addIssue({ ...reasonIssue('invalidOption'), path: ['sortModel'] });
});

/** The old parts sort by when they were tagged (their age), oldest or newest first. */
export const OLD_PART_GRID_COLUMNS = ['createdAt'] as const;
export type OldPartGridColumn = (typeof OLD_PART_GRID_COLUMNS)[number];

export const oldPartsGridInput = gridInput(OLD_PART_GRID_COLUMNS)
  .safeExtend({
    view: z.enum(OLD_PART_VIEWS).default('stillHeld'),
    /** Tag, RO number, plate, part number or claim number, contained. */
    text: singleLine().max(60).default(''),
  })
  .superRefine(refuseColumnFilters);

export const settleOldPartClaimInput = z.strictObject({ id, version, claimNumber: claimNumber.min(1) });

export const disposeOldPartInput = z.strictObject({
  id,
  version,
  disposition: z.enum(OLD_PART_DISPOSITIONS),
  note: multiLine().max(200).default(''),
});

export interface OldPartDto {
  id: number;
  tagNumber: string;
  repairOrderId: number;
  roNumber: string;
  plate: string;
  jobId: number;
  lineId: number | null;
  partNumber: string;
  nameZh: string;
  qtyMilli: number;
  claimNumber: string;
  location: string;
  status: OldPartStatus;
  note: string;
  createdAt: string;
  claimSettledAt: string | null;
  disposedAt: string | null;
  /** Whole days on the shelf since tagging (until disposal), on the desk's calendar. */
  ageDays: number;
  version: number;
}

/** A part line of a warranty job no old part has been tagged from yet: the clerk's to-do. */
export interface UntaggedWarrantyLine {
  repairOrderId: number;
  roNumber: string;
  plate: string;
  jobId: number;
  concern: string;
  lineId: number;
  partNumber: string;
  nameZh: string;
  qtyMilli: number;
  /** Issued to the technician from stock (0 for a line not from the master or not issued yet). */
  issuedMilli: number;
  createdAt: string;
}

/** Warranty old parts (旧件) held until the claim is settled (issue 5): parts.* */
export const oldPartsContract = {
  /**
   * Tags an old part to a warranty job (tag JJ2026-000001). Only jobs the warranty pays (`oldPart.notWarranty`);
   * a line already tagged is refused (`oldPart.alreadyTagged`).
   */
  tagOldPart: procedure.meta({ access: WRITE }).input(tagOldPartInput).output(type<OldPartDto>()),

  /** Part lines of warranty jobs (ROs not cancelled) with no tag yet, issued ones first, oldest first. */
  untaggedWarrantyLinesGrid: procedure
    .meta({ access: READ })
    .input(untaggedWarrantyLinesGridInput)
    .output(type<Page<UntaggedWarrantyLine>>()),

  /** The old parts, oldest first (or newest); by default what is still held (held or claim settled). */
  oldPartsGrid: procedure.meta({ access: READ }).input(oldPartsGridInput).output(type<Page<OldPartDto>>()),

  /** The OEM settled the claim: held → claim_settled, with the claim number. */
  settleOldPartClaim: procedure.meta({ access: WRITE }).input(settleOldPartClaimInput).output(type<OldPartDto>()),

  /** Returned to the OEM or scrapped; only after the claim is settled (`oldPart.notSettled`). */
  disposeOldPart: procedure.meta({ access: WRITE }).input(disposeOldPartInput).output(type<OldPartDto>()),
};
