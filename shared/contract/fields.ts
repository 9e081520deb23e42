import { z } from 'zod';
import { textProblem } from '../domain/invisible-characters';
import { phoneProblem } from '../domain/phone';
import { checkVin } from '../domain/vin';
import { reasonIssue } from './errors';

/** Field schemas more than one procedure uses; each names its reason keys so both sides say the same thing. */
export const id = z.int().positive().max(Number.MAX_SAFE_INTEGER);

/** The invisible-characters rule as a refinement, for text fields that are not trimmed (searches, answers). */
export function refuseInvisible(multiLine: boolean) {
  return (value: string, ctx: z.RefinementCtx) => {
    const problem = textProblem(value, multiLine);
    if (problem?.reason === 'invisibleCharacters') ctx.addIssue(reasonIssue('text.invisibleCharacters', { char: problem.char }));
    else if (problem) ctx.addIssue(reasonIssue('text.lineBreak'));
  };
}

/**
 * A one-line text field (a name, a code, a search): trimmed; control characters, bidirectional overrides and other
 * invisible characters refused, and so are line breaks and tabs. Chain .min()/.max() as on z.string().
 */
export function singleLine() {
  return z.string().trim().superRefine(refuseInvisible(false));
}

/** A multi-line text field (a note, a concern, the customer's words): as singleLine, but line breaks and tabs stay. */
export function multiLine() {
  return z.string().trim().superRefine(refuseInvisible(true));
}

export const phoneNumber = z
  .string()
  .max(30)
  .superRefine((raw, ctx) => {
    const problem = phoneProblem(raw);
    if (problem) ctx.addIssue(reasonIssue(`phone.${problem}`));
  });

/** A VIN of the right length and characters; the check digit is judged with the whole input (see vehicles). */
export const vin = z
  .string()
  .max(40)
  .superRefine((raw, ctx) => {
    const { problem, vin: normalized } = checkVin(raw);
    if (problem) ctx.addIssue(reasonIssue(`vin.${problem}`, { length: normalized.length }));
  });

export const isoDate = z.iso.date();

/** A calendar month of the desk (Asia/Shanghai): 'YYYY-MM'. */
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** A calendar year a car can have been built in; the core also refuses years after next year. */
export const modelYear = z.int().min(1950).max(2100);

export const mileageKm = z.int().min(0).max(3_000_000);

/** The version a screen read; a save with an older one is refused instead of overwriting another desk's edit. */
export const version = z.int().min(1);
