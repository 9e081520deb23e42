import { addDays } from './desk-time';
import { monthDays, shiftMonth } from './kpi-months';

/**
 * The periods the money reports compare a period with (docs/domain.md "Money reports"): the previous period of the
 * same length just before it, and the same dates a year earlier. A period of whole months compares with whole
 * months (October with September, the third quarter with the second); any other period with as many days.
 * Periods are desk days 'YYYY-MM-DD', both included.
 */
export interface DayPeriod {
  from: string;
  to: string;
}

/** Days from `from` to `to`, both included. */
export function daysIn(period: DayPeriod): number {
  return Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Whole desk months: the period begins on a 1st and ends on a month's last day. */
export function wholeMonths(period: DayPeriod): { first: string; last: string; count: number } | null {
  if (!period.from.endsWith('-01') || !addDays(period.to, 1).endsWith('-01')) return null;
  const first = period.from.slice(0, 7);
  const last = period.to.slice(0, 7);
  const count = (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5)) - Number(first.slice(5)) + 1;
  return { first, last, count };
}

export function previousPeriod(period: DayPeriod): DayPeriod {
  const months = wholeMonths(period);
  if (months) {
    return {
      from: monthDays(shiftMonth(months.first, -months.count)).from,
      to: monthDays(shiftMonth(months.last, -months.count)).to,
    };
  }
  const days = daysIn(period);
  return { from: addDays(period.from, -days), to: addDays(period.from, -1) };
}

/** A day a year earlier; 29 February becomes the 28th. */
function yearBefore(day: string): string {
  const year = String(Number(day.slice(0, 4)) - 1).padStart(4, '0');
  const moved = `${year}${day.slice(4)}`;
  return moved.endsWith('-02-29') ? `${year}-02-28` : moved;
}

export function yearEarlier(period: DayPeriod): DayPeriod {
  const months = wholeMonths(period);
  if (months) {
    return { from: monthDays(shiftMonth(months.first, -12)).from, to: monthDays(shiftMonth(months.last, -12)).to };
  }
  return { from: yearBefore(period.from), to: yearBefore(period.to) };
}

/**
 * Gross margin as a ratio of sales: (sales − cost) ÷ sales; null when nothing was sold. Both tax-excluded fen.
 */
export function marginRate(salesFen: number, costFen: number): number | null {
  return salesFen > 0 ? (salesFen - costFen) / salesFen : null;
}

/** The change from `before` to `now` as a ratio of `before`; null when there was nothing before. */
export function changeRate(now: number, before: number): number | null {
  return before !== 0 ? (now - before) / Math.abs(before) : null;
}
