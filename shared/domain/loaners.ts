import { addDays, deskDay } from './desk-time';

/**
 * Loaner cars (代步车, docs/domain.md "The manufacturer's side"): the rules both sides apply, pure so the lend form
 * says the same thing before it sends as the core says after.
 */

/** A fleet car's state: lent is set by a loan (never by hand); out of service is the manager's or advisor's call. */
export const LOANER_STATUSES = ['available', 'lent', 'out_of_service'] as const;
export type LoanerStatus = (typeof LOANER_STATUSES)[number];

/** What a person may set by hand: a lent car comes back only by its return. */
export const SETTABLE_LOANER_STATUSES = ['available', 'out_of_service'] as const;

/** The licence number as stored: spaces dropped, letters upper-cased ("1101 0119 9001 0112 3x" -> "11010119900101123X"). */
export function normalizeLicence(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** GB 11643 weights and check characters of an 18-character citizen ID number (a Chinese licence carries it). */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type LicenceProblem = 'format' | 'checkDigit';

/**
 * Why a licence number is refused, or null. A Chinese licence number is the holder's 18-character ID number (17
 * digits and a check character, 0-9 or X); a foreign or older licence has 12 to 18 letters and digits. An 18-character
 * number shaped like an ID number must have its check character right: a slip of one digit is caught at the desk.
 */
export function licenceProblem(raw: string): LicenceProblem | null {
  const licence = normalizeLicence(raw);
  if (!/^[A-Z0-9]{12,18}$/.test(licence)) return 'format';
  if (/^\d{17}[\dX]$/.test(licence)) {
    const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(licence[i]), 0);
    if (ID_CHECK[sum % 11] !== licence[17]) return 'checkDigit';
  }
  return null;
}

/**
 * Days a loan lasted: calendar days on the desk's clock from the day it went out to the day it came back, both
 * counted (out at 20:00 and back at 09:00 the next morning is 2 days; out and back the same day is 1), as the
 * warranty-risk rules count repair days.
 */
export function daysLent(outAt: string, returnedAt: string): number {
  const from = Date.parse(`${deskDay(new Date(outAt))}T00:00:00Z`);
  const to = Date.parse(`${deskDay(new Date(returnedAt))}T00:00:00Z`);
  return Math.round((to - from) / 86_400_000) + 1;
}

/** The desk days of a month ('YYYY-MM'), first and last. */
export function monthDays(month: string): { first: string; last: string } {
  const first = `${month}-01`;
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
  return { first, last: addDays(next, -1) };
}

/** Each desk day from `from` to `to`, both included (empty when `to` is before `from`). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** A stretch of desk days, both ends included; `to` null: still going on the day the report is read. */
export interface DaySpan {
  from: string;
  to: string | null;
}

/**
 * One car's month: days it was lent and days it was available to lend (in the fleet and not out of service), counted
 * on the desk's calendar up to `today`. A day a car came back and went out again counts once. Utilisation is lent ÷
 * available; a day the car was lent counts as available even if it went out of service the same evening.
 */
export function carMonth(
  input: { inFleetFrom: string; loans: DaySpan[]; outOfService: DaySpan[] },
  month: string,
  today: string,
): { daysLent: number; daysAvailable: number } {
  const { first, last } = monthDays(month);
  const start = input.inFleetFrom > first ? input.inFleetFrom : first;
  const end = today < last ? today : last;
  const days = new Set(daysBetween(start, end));
  const cover = (spans: DaySpan[]) => {
    const covered = new Set<string>();
    for (const span of spans) for (const day of daysBetween(span.from, span.to ?? today)) if (days.has(day)) covered.add(day);
    return covered;
  };
  const lent = cover(input.loans);
  const out = cover(input.outOfService);
  let available = 0;
  for (const day of days) if (lent.has(day) || !out.has(day)) available += 1;
  return { daysLent: lent.size, daysAvailable: available };
}

/** The current desk month ('YYYY-MM') at `at`. */
export function deskMonth(at: Date): string {
  return deskDay(at).slice(0, 7);
}
