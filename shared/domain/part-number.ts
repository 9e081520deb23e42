/**
 * Part numbers as the parts desk keys them. OEM catalogues, price files and technicians write the same number as
 * "04152-yzza1", "04152 YZZA1" or "04152YZZA1": case, spaces and dashes carry no meaning, so they are dropped before
 * a number is stored or looked up.
 */
export function normalisePartNumber(raw: string): string {
  return raw.replace(/[\s\-‐-―－]+/g, '').toUpperCase();
}

/** Letters, digits and the few marks OEMs use inside numbers (dot, slash); at most 40 characters once normalised. */
export const PART_NUMBER_PATTERN = /^[A-Z0-9./]{1,40}$/;

export function isValidPartNumber(normalised: string): boolean {
  return PART_NUMBER_PATTERN.test(normalised);
}
