import { ORPCError } from '@orpc/client';
import { API_ERROR_STATUS, isApiErrorCode, type ApiError } from '../../../shared/contract/errors';
import {
  DESK_UPLOAD_SLICE_BYTES,
  IMPORT_UPLOADS,
  IMPORT_UPLOAD_TYPE,
  type ImportFileUploaded,
  type ImportUploadKind,
  type ImportUploadStep,
} from '../../../shared/contract/imports/uploads';
import { usesDesktopCore } from './desk-shell';
import { endRefusedSession } from './session-end';
import { getSession } from './session';

const MB = 1024 * 1024;

/** A refusal of the upload as the same typed error an API call throws, so screens describe it the same way. */
function typedError(error: ApiError): ORPCError<string, { issues: ApiError['issues'] }> {
  return new ORPCError(error.code, { status: API_ERROR_STATUS[error.code], message: error.code, data: { issues: error.issues } });
}

/** The HTTP shell's refusal, in oRPC's own response shape (`{ json: { code, data: { issues } } }`). */
function refusalOf(kind: ImportUploadKind, status: number, body: unknown): ApiError {
  const json = (body as { json?: { code?: unknown; data?: { issues?: ApiError['issues'] } } } | null)?.json;
  if (json && typeof json.code === 'string' && isApiErrorCode(json.code))
    return { code: json.code, issues: json.data?.issues ?? [] };
  if (status === 413)
    return {
      code: 'INVALID_INPUT',
      issues: [{ reason: 'request.tooLarge', field: 'uploadId', params: { maxMb: IMPORT_UPLOADS[kind].maxBytes / MB } }],
    };
  return { code: 'INTERNAL', issues: [{ reason: 'connection' }] };
}

async function overHttp(kind: ImportUploadKind, file: File, token: string): Promise<string> {
  let response: Response;
  try {
    // The File itself as the body: the browser sends it from disk, the page never holds its bytes.
    response = await fetch(`${window.location.origin}${IMPORT_UPLOADS[kind].path}`, {
      method: 'POST',
      headers: { 'content-type': IMPORT_UPLOAD_TYPE, authorization: `Bearer ${token}` },
      body: file,
    });
  } catch {
    throw typedError({ code: 'INTERNAL', issues: [{ reason: 'connection' }] });
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw typedError(refusalOf(kind, response.status, body));
  return (body as ImportFileUploaded).uploadId;
}

/**
 * On a desk: the file in slices read from disk one at a time, each awaited before the next, so the page holds one
 * slice (never the whole file) and no IPC message is larger than DESK_UPLOAD_SLICE_BYTES. A refusal or a failure on
 * the way drops what was sent.
 */
async function overIpc(kind: ImportUploadKind, file: File, token: string): Promise<string> {
  const desk = window.baydesk!;
  const send = async (step: ImportUploadStep): Promise<string> => {
    const answer = await desk.importUpload(token, step);
    if (!answer.ok) throw typedError(answer.error);
    return answer.uploadId;
  };
  const uploadId = await send({ step: 'begin', kind });
  try {
    for (let at = 0; at < file.size; at += DESK_UPLOAD_SLICE_BYTES) {
      const data = await file.slice(at, at + DESK_UPLOAD_SLICE_BYTES).arrayBuffer();
      await send({ step: 'slice', kind, uploadId, data });
    }
    return await send({ step: 'end', kind, uploadId });
  } catch (error) {
    void desk.importUpload(token, { step: 'abort', kind, uploadId }).catch(() => undefined);
    throw error;
  }
}

/**
 * Sends an import's file to the core and answers its upload id, for that import's prepare call (the file never
 * travels inside a call). In a browser it is posted as raw bytes to the HTTP shell's upload path of its kind, which
 * streams it to a temporary file; on a desk it goes over IPC in slices to the core's process, which appends them to
 * the same temporary file. Refusals are the contract's typed errors (a file over the kind's limit is refused here before it is sent).
 */
async function uploadImportFile(kind: ImportUploadKind, file: File): Promise<string> {
  const upload = IMPORT_UPLOADS[kind];
  if (file.size > upload.maxBytes) {
    throw typedError({
      code: 'INVALID_INPUT',
      issues: [{ reason: upload.tooLargeReason, field: 'uploadId', params: { max: upload.maxBytes / MB } }],
    });
  }
  const token = getSession()?.token ?? '';
  try {
    return window.baydesk && usesDesktopCore() ? await overIpc(kind, file, token) : await overHttp(kind, file, token);
  } catch (error) {
    // A session that ended meanwhile sends the desk back to the login screen, as for any call.
    endRefusedSession(error);
    throw error;
  }
}

/** A price file (issue 14 item 2) for `parts.importPrepare`. */
export async function uploadPriceFile(file: File): Promise<string> {
  return uploadImportFile('priceFile', file);
}

/** A previous DMS's export (issue 18) for `dmsImport.prepare`. */
export async function uploadDmsFile(file: File): Promise<string> {
  return uploadImportFile('dmsFile', file);
}

/** An OEM's settlement file (issue 19) for `warrantyClaims.importSettlement`. */
export async function uploadSettlementFile(file: File): Promise<string> {
  return uploadImportFile('settlementFile', file);
}
