import { addDays, instantAt, wallClock } from './desk-time';

/**
 * Calendar months of the desk (Asia/Shanghai), 'YYYY-MM': the periods of the KPI dashboard, its trends and the
 * lapsed rate. A month starts at desk midnight of its first day.
 */

/** The month `n` months after `month` (negative: before). */
export function shiftMonth(month: string, n: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + n;
  const y = Math.floor(index / 12);
  return `${String(y).padStart(4, '0')}-${String(index - y * 12 + 1).padStart(2, '0')}`;
}

/** The desk month an instant falls in. */
export function monthOf(at: Date): string {
  return wallClock(at).day.slice(0, 7);
}

/** The first and last desk day of a month. */
export function monthDays(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: addDays(`${shiftMonth(month, 1)}-01`, -1) };
}

/** The UTC instant a desk month starts at (desk midnight of its first day), ISO. */
export function monthStart(month: string): string {
  return instantAt(`${month}-01`, 0).toISOString();
}

/** The `count` months ending with `last`, oldest first. */
export function monthsEndingWith(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(last, i - count + 1));
}
