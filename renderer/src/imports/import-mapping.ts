import type { TFunction } from 'i18next';
import type { ApiIssue } from '../../../shared/contract/errors';
import { describeIssue, toApiError } from '../api/errors';

/**
 * What the import screens (the price file, the previous DMS's export) share of a column mapping: the letters a
 * spreadsheet shows, the form's values (one <select> per target, a column index as text) and how a refusal of the
 * file reads. One engine under both (shared/domain/import-mapping.ts), one way to show it.
 */

/** A, B, … Z, AA, AB: the column letters a spreadsheet shows. */
export function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}

/** A mapping as the form holds it: '' for no column, else the column's index as text. */
export function mappingToValues<T extends string>(
  targets: readonly T[],
  mapping: Partial<Record<T, number | null>>,
): Record<T, string> {
  return Object.fromEntries(
    targets.map((target) => {
      const column = mapping[target];
      return [target, column === null || column === undefined ? '' : String(column)];
    }),
  ) as Record<T, string>;
}

/** The form's values back to a mapping of exactly these targets. */
export function valuesToMapping<T extends string>(
  targets: readonly T[],
  values: Partial<Record<T, string>>,
): Record<T, number | null> {
  return Object.fromEntries(
    targets.map((target) => {
      const value = values[target];
      return [target, value === '' || value === undefined ? null : Number(value)];
    }),
  ) as Record<T, number | null>;
}

/**
 * A refusal of an import call in words. The upload is named by its id, which a message would leave unnamed: it is
 * said as the screen's file field (`fileField`, e.g. "priceFile"), the file chosen.
 */
export function describeImportError(t: TFunction, error: unknown, fileField: string): string {
  const apiError = toApiError(error);
  const asFile = (issue: ApiIssue): ApiIssue => (issue.field === 'uploadId' ? { ...issue, field: fileField } : issue);
  return apiError.issues.map((issue) => describeIssue(t, asFile(issue))).join(' ') || t(`errors.${apiError.code}`);
}
