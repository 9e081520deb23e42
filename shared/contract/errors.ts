import type { z } from 'zod';
import type { StaleCurrent } from './concurrent-edits';

/**
 * The closed set of error codes that cross the boundary. Every failure a screen can see is one of these, with
 * issues that name the field at fault (a dotted path into the input) and a reason the renderer translates.
 */
export const API_ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RULE',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const API_ERROR_STATUS: Record<ApiErrorCode, number> = {
  INVALID_INPUT: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RULE: 422,
  INTERNAL: 500,
};

export type IssueParams = Record<string, string | number>;

/** One thing wrong: `reason` is a catalogue key under `reasons.` (e.g. `vin.length`, `required`). */
export interface ApiIssue {
  field?: string;
  reason: string;
  params?: IssueParams;
  /** With reason `staleVersion`: the record as another desk saved it, for the screen to show what changed. */
  current?: StaleCurrent;
}

export interface ApiError {
  code: ApiErrorCode;
  issues: ApiIssue[];
}

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && (API_ERROR_CODES as readonly string[]).includes(value);
}

/** A custom zod issue whose message is a reason key; schemas use it so both sides name the same reason. */
export function reasonIssue(reason: string, params?: IssueParams): { code: 'custom'; message: string; params?: IssueParams } {
  return params ? { code: 'custom', message: reason, params } : { code: 'custom', message: reason };
}

type ZodIssue = z.core.$ZodIssue;

/** The value at a zod issue's path in the input that was parsed (zod 4 leaves it out of the issue). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Turns a zod issue into an ApiIssue: the one mapping used by the core's error handler and by the forms. `input` is
 * what was parsed, to tell a missing value ("required") from one of the wrong type.
 */
export function issueFromZod(issue: ZodIssue, input?: unknown): ApiIssue {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const withField = (reason: string, params?: IssueParams): ApiIssue => ({
    ...(field !== undefined ? { field } : {}),
    reason,
    ...(params ? { params } : {}),
  });
  switch (issue.code) {
    case 'custom':
      return withField(issue.message, (issue.params as IssueParams | undefined) ?? undefined);
    case 'invalid_type': {
      const value = issue.input !== undefined ? issue.input : valueAt(input, issue.path);
      return withField(
        value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value)) ? 'required' : 'invalidType',
      );
    }
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? withField('required') : withField('tooShort', { min: Number(issue.minimum) });
      }
      if (issue.origin === 'array') return withField('tooFewItems', { min: Number(issue.minimum) });
      return withField('tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return withField('tooLong', { max: Number(issue.maximum) });
      if (issue.origin === 'array') return withField('tooManyItems', { max: Number(issue.maximum) });
      return withField('tooLarge', { max: Number(issue.maximum) });
    case 'invalid_format':
      return withField(issue.format === 'email' ? 'email' : issue.format === 'date' ? 'dateFormat' : 'invalidFormat');
    case 'invalid_value':
      return withField('invalidOption');
    case 'unrecognized_keys':
      return withField('unknownField', { keys: issue.keys.join(', ') });
    default:
      return withField('invalid');
  }
}
