import { z } from 'zod';
import { reasonIssue } from '../../../shared/contract/errors';

/**
 * A form input that holds a typed decimal ("1.5", "180") in front of one of the contract's integer schemas
 * (thousandths, fen): the text is parsed with the shared money rules, then checked by the contract's own schema, so
 * the form refuses exactly what the core refuses. A leading minus is kept as a negative number, so "-1" is told
 * "cannot be negative" rather than "not a number".
 */
export function decimalText(parse: (raw: string) => number | null, decimals: number, integer: z.ZodType<number, number>) {
  return z
    .string()
    .transform((raw, ctx) => {
      const text = raw.normalize('NFKC').trim();
      if (!text) {
        ctx.addIssue(reasonIssue('required'));
        return z.NEVER;
      }
      const negative = text.startsWith('-');
      const value = parse(negative ? text.slice(1) : text);
      if (value === null) {
        ctx.addIssue(reasonIssue('number.decimals', { decimals }));
        return z.NEVER;
      }
      return negative ? -value : value;
    })
    .pipe(integer);
}
