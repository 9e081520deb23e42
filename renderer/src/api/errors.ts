import { ORPCError } from '@orpc/client';
import type { TFunction } from 'i18next';
import { isApiErrorCode, type ApiError, type ApiIssue } from '../../../shared/contract/errors';

/** Any failure of a call as the typed error of the contract (a lost connection becomes INTERNAL). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ORPCError && isApiErrorCode(error.code)) {
    const data = error.data as { issues?: ApiIssue[] } | undefined;
    return { code: error.code, issues: data?.issues ?? [] };
  }
  return { code: 'INTERNAL', issues: [{ reason: 'connection' }] };
}

/** "phones.0.number" -> "fields.phones_number": labels do not depend on which row of a list is at fault. */
export function fieldLabelKey(field: string): string {
  return `fields.${field
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('_')}`;
}

export function describeIssue(t: TFunction, issue: ApiIssue): string {
  const message = t(`reasons.${issue.reason}`, { ...issue.params, defaultValue: t('reasons.invalid') });
  if (!issue.field) return message;
  return t('errors.fieldMessage', { field: t(fieldLabelKey(issue.field), { defaultValue: issue.field }), message });
}

/** One line for a banner: the first issue named with its field, or what the code means. */
export function describeError(t: TFunction, error: unknown): string {
  const apiError = toApiError(error);
  if (apiError.issues.length === 0) return t(`errors.${apiError.code}`);
  return apiError.issues.map((issue) => describeIssue(t, issue)).join(' ');
}
