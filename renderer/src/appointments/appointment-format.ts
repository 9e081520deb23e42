import type { TFunction } from 'i18next';
import type { ApiIssue } from '../../../shared/contract/errors';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from '../../../shared/domain/appointment-slots';
import { describeIssue, toApiError } from '../api/errors';

function isStatus(value: unknown): value is AppointmentStatus {
  return typeof value === 'string' && (APPOINTMENT_STATUSES as readonly string[]).includes(value);
}

/** The core names statuses by code in its reasons: say them in the desk's language. */
export function describeAppointmentIssue(t: TFunction, issue: ApiIssue): string {
  if (!issue.params) return describeIssue(t, issue);
  const params = Object.fromEntries(
    Object.entries(issue.params).map(([key, value]) => [key, isStatus(value) ? t(`appointments.statuses.${value}`) : value]),
  );
  return describeIssue(t, { ...issue, params });
}

export function describeAppointmentError(t: TFunction, error: unknown): string {
  const apiError = toApiError(error);
  if (apiError.issues.length === 0) return t(`errors.${apiError.code}`);
  return apiError.issues.map((issue) => describeAppointmentIssue(t, issue)).join(' ');
}
