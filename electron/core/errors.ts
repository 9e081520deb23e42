import type { StaleCurrent } from '../../shared/contract/concurrent-edits';
import type { ApiErrorCode, ApiIssue, IssueParams } from '../../shared/contract/errors';

/**
 * The one error a service throws. The API layer turns it into the typed error that crosses the boundary;
 * services never know which transport carries it.
 */
export class AppError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: ApiIssue[];
  constructor(code: ApiErrorCode, issues: ApiIssue[]) {
    super(`${code}: ${issues.map((i) => `${i.field ?? '-'} ${i.reason}`).join('; ')}`);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }
}

export function fail(code: ApiErrorCode, reason: string, field?: string, params?: IssueParams): never {
  throw new AppError(code, [{ reason, ...(field ? { field } : {}), ...(params ? { params } : {}) }]);
}

export function notFound(what: string): never {
  return fail('NOT_FOUND', 'notFound', undefined, { what });
}

/**
 * Another desk saved first: the screen must reload and look before it saves again. With `current` (the record as it
 * is stored now) the screen can show what the other desk changed.
 */
export function staleVersion(current?: StaleCurrent): never {
  if (!current) return fail('CONFLICT', 'staleVersion', 'version');
  throw new AppError('CONFLICT', [{ field: 'version', reason: 'staleVersion', current }]);
}
