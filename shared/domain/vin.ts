/**
 * Vehicle identification numbers (ISO 3779; GB 16735 puts the check digit at position 9).
 * A mainland-China VIN must pass the check digit; an imported one (many European VINs carry none) may fail it,
 * which is allowed but always shown as a warning.
 */
export const VIN_LENGTH = 17;

const LETTER_VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const VIN_CHARS = /^[A-HJ-NPR-Z0-9]+$/;

/** Upper-cases and drops spaces and dashes, the way people type a VIN off a windscreen. */
export function normalizeVin(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

function charValue(ch: string): number {
  const digit = ch.charCodeAt(0) - 48;
  if (digit >= 0 && digit <= 9) return digit;
  return LETTER_VALUES[ch] ?? 0;
}

/** The check character a VIN's first 17 characters call for ('0'-'9' or 'X'); the input must be normalised. */
export function vinCheckCharacter(vin: string): string {
  let sum = 0;
  for (let i = 0; i < VIN_LENGTH; i++) sum += charValue(vin[i] ?? '0') * (WEIGHTS[i] ?? 0);
  const rest = sum % 11;
  return rest === 10 ? 'X' : String(rest);
}

/** Hard problems make a VIN unusable; a failed check digit is only a warning. */
export type VinProblem = 'length' | 'characters';

export interface VinCheck {
  vin: string;
  problem: VinProblem | null;
  checkDigitOk: boolean;
}

export function checkVin(raw: string): VinCheck {
  const vin = normalizeVin(raw);
  if (vin.length !== VIN_LENGTH) return { vin, problem: 'length', checkDigitOk: false };
  if (!VIN_CHARS.test(vin)) return { vin, problem: 'characters', checkDigitOk: false };
  return { vin, problem: null, checkDigitOk: vin[8] === vinCheckCharacter(vin) };
}

/** Reverses a string so that "ends with" becomes an index-friendly "starts with". */
export function reversed(value: string): string {
  return [...value].reverse().join('');
}
