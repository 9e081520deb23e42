import { ORPCError } from '@orpc/client';
import { API_ERROR_STATUS, isApiErrorCode, type ApiError } from '../../../shared/contract/errors';
import {
  MAX_PRICE_FILE_BYTES,
  MAX_PRICE_FILE_MB,
  PRICE_FILE_UPLOAD_PATH,
  PRICE_FILE_UPLOAD_TYPE,
  type PriceFileUploaded,
} from '../../../shared/contract/parts/price-import';
import { usesDesktopCore } from './desk-shell';
import { endRefusedSession } from './session-end';
import { getSession } from './session';

/** A refusal of the upload as the same typed error an API call throws, so screens describe it the same way. */
function typedError(error: ApiError): ORPCError<string, { issues: ApiError['issues'] }> {
  return new ORPCError(error.code, { status: API_ERROR_STATUS[error.code], message: error.code, data: { issues: error.issues } });
}

/** The HTTP shell's refusal, in oRPC's own response shape (`{ json: { code, data: { issues } } }`). */
function refusalOf(status: number, body: unknown): ApiError {
  const json = (body as { json?: { code?: unknown; data?: { issues?: ApiError['issues'] } } } | null)?.json;
  if (json && typeof json.code === 'string' && isApiErrorCode(json.code))
    return { code: json.code, issues: json.data?.issues ?? [] };
  if (status === 413)
    return {
      code: 'INVALID_INPUT',
      issues: [{ reason: 'request.tooLarge', field: 'uploadId', params: { maxMb: MAX_PRICE_FILE_MB } }],
    };
  return { code: 'INTERNAL', issues: [{ reason: 'connection' }] };
}

async function overHttp(file: File, token: string): Promise<string> {
  let response: Response;
  try {
    // The File itself as the body: the browser sends it from disk, the page never holds its bytes.
    response = await fetch(`${window.location.origin}${PRICE_FILE_UPLOAD_PATH}`, {
      method: 'POST',
      headers: { 'content-type': PRICE_FILE_UPLOAD_TYPE, authorization: `Bearer ${token}` },
      body: file,
    });
  } catch {
    throw typedError({ code: 'INTERNAL', issues: [{ reason: 'connection' }] });
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw typedError(refusalOf(response.status, body));
  return (body as PriceFileUploaded).uploadId;
}

/**
 * Sends a price file to the core and answers its upload id, for `parts.importPrepare` (issue 14 item 2: the file
 * never travels inside a call). In a browser it is posted as raw bytes to the HTTP shell's upload path, which streams
 * it to a temporary file; on a desk its bytes go over IPC to the main process, which writes the same temporary file.
 * Refusals are the contract's typed errors (a file over the limit is refused here before it is sent).
 */
export async function uploadPriceFile(file: File): Promise<string> {
  if (file.size > MAX_PRICE_FILE_BYTES) {
    throw typedError({
      code: 'INVALID_INPUT',
      issues: [{ reason: 'priceImport.fileTooLarge', field: 'uploadId', params: { max: MAX_PRICE_FILE_MB } }],
    });
  }
  const token = getSession()?.token ?? '';
  try {
    const desk = window.baydesk;
    if (!desk || !usesDesktopCore()) return await overHttp(file, token);
    const answer = await desk.uploadPriceFile(token, await file.arrayBuffer());
    if (!answer.ok) throw typedError(answer.error);
    return answer.uploadId;
  } catch (error) {
    // A session that ended meanwhile sends the desk back to the login screen, as for any call.
    endRefusedSession(error);
    throw error;
  }
}
