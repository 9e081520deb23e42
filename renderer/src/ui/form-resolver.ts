import type { TFunction } from 'i18next';
import type { FieldErrors, FieldValues, Resolver, UseFormSetError, Path } from 'react-hook-form';
import type { z } from 'zod';
import { issueFromZod, type ApiIssue } from '../../../shared/contract/errors';
import { describeIssue, toApiError } from '../api/errors';

function translate(t: TFunction, issue: ApiIssue): string {
  // The input next to the message already names the field, so the message alone is shown there.
  return describeIssue(t, issue, { besideField: true });
}

/**
 * A react-hook-form resolver over the procedure's own schema from shared/contract: the form refuses exactly what
 * the core refuses, with the same reason keys, before anything is sent.
 */
export function schemaResolver<V extends FieldValues, S extends z.ZodType>(
  schema: S,
  t: TFunction,
  /** What the form holds -> what the procedure takes, when they differ (e.g. the owner is not a form field). */
  toInput: (values: V) => unknown = (values) => values,
): Resolver<V, unknown, z.output<S>> {
  return async (values) => {
    const input = toInput(values);
    const result = await schema.safeParseAsync(input);
    if (result.success) return { values: result.data, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const issue of result.error.issues) {
      const apiIssue = issueFromZod(issue, input);
      const path = issue.path.map(String);
      let node = errors;
      path.slice(0, -1).forEach((key) => {
        node[key] ??= {};
        node = node[key] as Record<string, unknown>;
      });
      const last = path[path.length - 1] ?? 'root';
      node[last] ??= { type: apiIssue.reason, message: translate(t, apiIssue) };
    }
    return { values: {}, errors: errors as FieldErrors<V> };
  };
}

/**
 * Puts the core's refusal next to the fields it names; returns the issues no field on this form holds, for a banner.
 */
export function showServerIssues<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  t: TFunction,
  formFields: readonly string[],
): ApiIssue[] {
  const unplaced: ApiIssue[] = [];
  for (const issue of toApiError(error).issues) {
    const root = issue.field?.split('.')[0];
    if (issue.field && root && formFields.includes(root)) {
      setError(issue.field as Path<T>, { type: issue.reason, message: translate(t, issue) });
    } else unplaced.push(issue);
  }
  return unplaced;
}
