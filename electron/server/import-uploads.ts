import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/core';
import { AppError } from '../core/errors';
import { checkUploader, ImportFileTooLarge, receiveImportFile, uploadTuning } from '../core/imports/uploads';
import { toTypedError } from '../core/rpc';
import { actorForToken } from '../core/users/service';
import { IMPORT_UPLOADS, type ImportUploadKind } from '../../shared/contract/imports/uploads';
import { bodyLimitFor, declaredLength, dropRestOfBody, sameOrigin, sendTypedError, takesRawBytes } from './request-guards';

/**
 * An import file's upload (a price file at PRICE_FILE_UPLOAD_PATH, issue 14 item 2; a previous DMS's export at
 * DMS_FILE_UPLOAD_PATH, issue 18): the same checks as /rpc before a byte of the body is read (origin, raw bytes only,
 * the declared length against the kind's limit, then a live session whose role may call the import's prepare), then
 * the body is streamed to a temporary file by the core (imports/uploads.ts), counted: past the kind's limit it stops,
 * the file is removed and the answer is 413. Answers `{ uploadId }`.
 */
export async function receiveImportUpload(
  req: IncomingMessage,
  res: ServerResponse,
  core: Core | null,
  kind: ImportUploadKind,
  token: string | null,
): Promise<void> {
  const refuse = (status: number, code: Parameters<typeof sendTypedError>[2], issue: Parameters<typeof sendTypedError>[3]) => {
    sendTypedError(res, status, code, issue);
    dropRestOfBody(req, res);
  };
  if (!sameOrigin(req)) return refuse(403, 'FORBIDDEN', { reason: 'request.crossSite' });
  if (!takesRawBytes(req)) return refuse(415, 'INVALID_INPUT', { reason: 'request.contentType' });
  const limit = Math.min(bodyLimitFor(IMPORT_UPLOADS[kind].path), uploadTuning.maxBytes[kind]);
  const tooLarge = () => refuse(413, 'INVALID_INPUT', new ImportFileTooLarge(limit).issues[0]!);
  const declared = declaredLength(req);
  if (declared !== null && declared > limit) return tooLarge();
  if (!core) return refuse(503, 'INTERNAL', { reason: 'startup.upgrading' });
  let uploaded: { uploadId: string };
  try {
    const actor = checkUploader(kind, token ? await actorForToken(core.deps, token) : null, token !== null);
    // Not destroyed when the core stops reading early (too large): the answer still has to go out on this connection.
    uploaded = await receiveImportFile(core.deps, actor, kind, req.iterator({ destroyOnReturn: false }));
  } catch (error) {
    if (error instanceof ImportFileTooLarge) return tooLarge();
    if (error instanceof AppError) {
      const typed = toTypedError(error);
      return refuse(typed.status, error.code, error.issues[0] ?? { reason: 'invalid' });
    }
    if (!req.complete) {
      // The client went away mid-upload: the core removed what it had written; nobody is left to answer.
      res.destroy();
      return;
    }
    console.error(`[http] ${kind} upload failed`, error);
    return refuse(500, 'INTERNAL', { reason: 'internal' });
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(uploaded));
}
