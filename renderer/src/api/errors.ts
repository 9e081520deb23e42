import { ORPCError } from '@orpc/client';
import type { TFunction } from 'i18next';
import { isApiErrorCode, type ApiError, type ApiIssue } from '../../../shared/contract/errors';
import { formatNumber } from '../ui/format';

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

/**
 * Fields that name a whole record (the RO, the job, the status asked for) rather than a value a user typed: a
 * refusal about them is said on its own ("You are still clocked on …"), never as "Job: You are still clocked on …".
 */
export function namesRecord(field: string): boolean {
  const last = field.split('.').pop() ?? field;
  return last === 'id' || last === 'to' || last === 'version' || /Id$/.test(last);
}

/** Bounds the core says in stored units (fen, thousandths) are said in the units a user types, with the unit. */
const BOUND_REASONS = new Set(['tooSmall', 'tooLarge']);

/** A field's unit, read from its name as the contract spells it (mileageKm, hoursMilli, amountFen, leadDays). */
const UNIT_OF: [RegExp, string][] = [
  [/(^k|K)m$/, 'km'],
  [/(^h|H)oursMilli$/, 'hours'],
  [/Fen$/, 'yuan'],
  [/(^m|M)inutes$/, 'minutes'],
  [/(^d|D)ays$/, 'days'],
  [/(^m|M)onths$/, 'months'],
  [/Percent$/, 'percent'],
];

/**
 * The refusal's figures as the screens show every number (one formatter: 11938 -> "11,938"), and for a bound on a
 * field that has a unit, the bound in that unit ("不能小于 1 公里", "must be at least ¥0.01").
 */
function sayParams(t: TFunction, issue: ApiIssue): { key: string; params: Record<string, unknown> } {
  const last = issue.field?.split('.').pop() ?? '';
  const scale = /Fen$/.test(last) ? 100 : /Milli$/.test(last) ? 1000 : 1;
  const bound = BOUND_REASONS.has(issue.reason);
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(issue.params ?? {})) {
    params[name] = typeof value === 'number' ? formatNumber(bound ? value / scale : value) : value;
  }
  const unitKey = UNIT_OF.find(([pattern]) => pattern.test(last))?.[1];
  const figure = Number(issue.params?.min ?? issue.params?.max ?? 0) / scale;
  const unit = bound && unitKey ? t(`fieldUnits.${unitKey}`, { count: figure }) : '';
  return unit ? { key: `${issue.reason}Unit`, params: { ...params, unit } } : { key: issue.reason, params };
}

export function describeIssue(t: TFunction, issue: ApiIssue, options?: { besideField?: boolean }): string {
  const { key, params } = sayParams(t, issue);
  const message = t(`reasons.${key}`, { ...params, defaultValue: t('reasons.invalid') });
  if (!issue.field || options?.besideField || namesRecord(issue.field)) return message;
  return t('errors.fieldMessage', { field: t(fieldLabelKey(issue.field), { defaultValue: issue.field }), message });
}

/** One line for a banner: the first issue named with its field, or what the code means. */
export function describeError(t: TFunction, error: unknown): string {
  const apiError = toApiError(error);
  if (apiError.issues.length === 0) return t(`errors.${apiError.code}`);
  return apiError.issues.map((issue) => describeIssue(t, issue)).join(' ');
}
