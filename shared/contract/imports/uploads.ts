import { z } from 'zod';
import type { ProcedureMeta } from '../base';
import { campaignsContract, MAX_CAMPAIGN_FILE_BYTES } from '../campaigns';
import { DMS_FILE_UPLOAD_PATH, MAX_DMS_FILE_BYTES, dmsImportContract } from '../dms-import';
import type { ApiError } from '../errors';
import { UPLOAD_ID } from '../imports';
import { MAX_PRICE_FILE_BYTES, PRICE_FILE_UPLOAD_PATH, priceImportContract } from '../parts/price-import';
import { MAX_SETTLEMENT_FILE_BYTES, SETTLEMENT_FILE_UPLOAD_PATH, warrantyClaimsContract } from '../warranty-claims';
import type { Access } from '../../domain/roles';

/**
 * The import engine's uploads, one mechanism for every import (electron/core/imports/uploads.ts): a file goes to a
 * temporary file before the call that uses it, and that import's prepare call claims it by its upload id. What differs
 * between imports is only this table: where the HTTP shell takes the file, its size limit, who may send it (whoever
 * may call the prepare procedure that claims it) and the catalogue keys of its refusals.
 */

export const IMPORT_UPLOAD_KINDS = ['priceFile', 'dmsFile', 'campaignFile', 'settlementFile'] as const;
export type ImportUploadKind = (typeof IMPORT_UPLOAD_KINDS)[number];

export interface ImportUploadSpec {
  /** Browser mode's path: a POST of the file's raw bytes (IMPORT_UPLOAD_TYPE) with the session, as for /rpc. */
  path: string;
  maxBytes: number;
  /** The procedure that claims the upload: its roles are the upload's. */
  prepare: unknown;
  /** Catalogue keys (under `reasons.`): a file the page sees is too large, an empty file, an upload not found. */
  tooLargeReason: string;
  emptyReason: string;
  missingReason: string;
}

export const IMPORT_UPLOADS: Readonly<Record<ImportUploadKind, ImportUploadSpec>> = {
  priceFile: {
    path: PRICE_FILE_UPLOAD_PATH,
    maxBytes: MAX_PRICE_FILE_BYTES,
    prepare: priceImportContract.importPrepare,
    tooLargeReason: 'priceImport.fileTooLarge',
    emptyReason: 'priceImport.fileEmpty',
    missingReason: 'priceImport.uploadMissing',
  },
  dmsFile: {
    path: DMS_FILE_UPLOAD_PATH,
    maxBytes: MAX_DMS_FILE_BYTES,
    prepare: dmsImportContract.prepare,
    tooLargeReason: 'dmsImport.fileTooLarge',
    emptyReason: 'dmsImport.fileEmpty',
    missingReason: 'dmsImport.uploadMissing',
  },
  // A campaign's VIN list comes inside its `campaigns.import` call (a few MB), which hands it to the engine as an upload.
  campaignFile: {
    path: '/upload/campaign-file',
    maxBytes: MAX_CAMPAIGN_FILE_BYTES,
    prepare: campaignsContract.import,
    tooLargeReason: 'campaign.fileTooLarge',
    emptyReason: 'campaign.fileEmpty',
    missingReason: 'campaign.fileEmpty',
  },
  settlementFile: {
    path: SETTLEMENT_FILE_UPLOAD_PATH,
    maxBytes: MAX_SETTLEMENT_FILE_BYTES,
    prepare: warrantyClaimsContract.importSettlement,
    tooLargeReason: 'warrantyClaim.settlementTooLarge',
    emptyReason: 'warrantyClaim.settlementEmpty',
    missingReason: 'warrantyClaim.uploadMissing',
  },
};

/** Not a form type: a page of another site cannot send it without the browser asking first. */
export const IMPORT_UPLOAD_TYPE = 'application/octet-stream';

/** Who may upload a kind of file: the roles of the procedure that claims it, as the contract declares them. */
export function uploadAccess(kind: ImportUploadKind): Access {
  return (IMPORT_UPLOADS[kind].prepare as { '~orpc': { meta: ProcedureMeta } })['~orpc'].meta.access;
}

/** The kind whose upload path this is, or null. */
export function importUploadKindAt(pathname: string): ImportUploadKind | null {
  return IMPORT_UPLOAD_KINDS.find((kind) => IMPORT_UPLOADS[kind].path === pathname) ?? null;
}

/** What an upload answers: an opaque id that only its uploader's prepare call of the same import can claim, once. */
export interface ImportFileUploaded {
  uploadId: string;
}

/** The desk's (Electron's) upload answers in the contract's result shape: the id, or the typed error. */
export type ImportUploadAnswer = ({ ok: true } & ImportFileUploaded) | { ok: false; error: ApiError };

/**
 * A desk (Electron) sends a file in slices of at most this many bytes, each awaited before the next: a 400 MB export
 * is never held whole by the page nor sent as one IPC message. The main process refuses a larger slice.
 */
export const DESK_UPLOAD_SLICE_BYTES = 8 * 1024 * 1024;

const uploadKind = z.enum(IMPORT_UPLOAD_KINDS);
const uploadId = z.string().regex(UPLOAD_ID);

/**
 * One step of a desk's upload (the preload's `importUpload`): `begin` answers the upload id, each `slice` appends to
 * the same temporary file, `end` closes it for the import's prepare call; `abort` drops it. Every step names the kind
 * and goes with the session, which the core checks each time.
 */
export const importUploadStep = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('begin'), kind: uploadKind }),
  z.strictObject({
    step: z.literal('slice'),
    kind: uploadKind,
    uploadId,
    data: z.instanceof(ArrayBuffer).refine((data) => data.byteLength <= DESK_UPLOAD_SLICE_BYTES, 'request.tooLarge'),
  }),
  z.strictObject({ step: z.literal('end'), kind: uploadKind, uploadId }),
  z.strictObject({ step: z.literal('abort'), kind: uploadKind, uploadId }),
]);
export type ImportUploadStep = z.infer<typeof importUploadStep>;
