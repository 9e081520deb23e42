import type { ProcedureMeta } from '../../../../shared/contract/base';
import {
  MAX_PRICE_FILE_BYTES,
  MAX_PRICE_FILE_MB,
  priceImportContract,
  type PriceFileUploaded,
} from '../../../../shared/contract/parts/price-import';
import { warrantyClaimsContract } from '../../../../shared/contract/warranty-claims';
import { roleMayCall } from '../../../../shared/domain/roles';
import type { Actor, CoreDeps } from '../../context';
import { AppError, fail } from '../../errors';
import { claimImportFile, receiveImportFile } from '../../imports/uploads';

/**
 * Price files arrive before the call that uses them, through the import engine's uploads (imports/uploads.ts): this
 * names the price file's limit, its refusals and who may send one.
 */

export { uploadTuning, uploadsDir, sweepImportUploads as sweepPriceUploads } from '../../imports/uploads';

/** The upload's refusal when its bytes pass the price-file limit (the HTTP shell answers it with 413). */
export class PriceFileTooLarge extends AppError {
  constructor() {
    super('INVALID_INPUT', [{ reason: 'request.tooLarge', field: 'uploadId', params: { maxMb: MAX_PRICE_FILE_MB } }]);
  }
}

/**
 * Who may upload a file here: whoever may call `parts.importPrepare`, or `warrantyClaims.importSettlement` (the
 * OEM's settlement file travels the same way, under the same limit: issue 19), as the contract says.
 */
export function mayUploadPriceFile(actor: Actor): boolean {
  const claimers = [priceImportContract.importPrepare, warrantyClaimsContract.importSettlement];
  return claimers.some((procedure) =>
    roleMayCall(actor.role, (procedure as unknown as { '~orpc': { meta: ProcedureMeta } })['~orpc'].meta.access),
  );
}

/** Refuses an actor who may not upload a price file (FORBIDDEN `role.forbidden`, as the core's gate says it). */
export function checkUploader(actor: Actor | null, tokenGiven: boolean): Actor {
  if (!actor) fail('UNAUTHENTICATED', tokenGiven ? 'session.expired' : 'session.required');
  if (!mayUploadPriceFile(actor)) fail('FORBIDDEN', 'role.forbidden', undefined, { role: actor.role });
  return actor;
}

/** Writes an uploaded price file to its temporary file (imports/uploads.ts), up to MAX_PRICE_FILE_BYTES. */
export function receivePriceFile(
  deps: CoreDeps,
  actor: Actor,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<PriceFileUploaded> {
  return receiveImportFile(deps, actor, source, {
    maxBytes: MAX_PRICE_FILE_BYTES,
    tooLarge: () => new PriceFileTooLarge(),
    emptyReason: 'priceImport.fileEmpty',
  });
}

/** The clerk's upload, taken out of the registry: its temporary file is now the caller's. */
export function claimPriceFile(deps: CoreDeps, actor: Actor, uploadId: string): { path: string; bytes: number } {
  return claimImportFile(deps, actor, uploadId, 'priceImport.uploadMissing');
}
