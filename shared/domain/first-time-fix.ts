import { addDays, instantAt, wallClock } from './desk-time';

/**
 * First-time fix and comebacks (docs/domain.md "First-time fix and comebacks") and the technician KPIs
 * (docs/domain.md "KPIs"): the window rule and the formulas, pure so that the core's figures and the screens' explanations agree.
 */

/** Where a job of a later RO counts as a comeback of an earlier delivery; the manager may change both. */
export interface ComebackWindow {
  /** Calendar days after the delivery day (the delivery day not counted, as for the guarantee period). */
  days: number;
  /** Km driven since the earlier RO's mileage, included. */
  km: number;
}

export const COMEBACK_WINDOW_DEFAULTS: Readonly<ComebackWindow> = { days: 30, km: 3000 };

/** Why a comeback is the earlier job's fault (recorded when the foreman confirms it). */
export const COMEBACK_ROOT_CAUSES = ['diagnosis', 'workmanship', 'parts', 'customer_information'] as const;
export type ComebackRootCause = (typeof COMEBACK_ROOT_CAUSES)[number];

/** suspected: found by the core; confirmed: the foreman agrees; not_quality: the foreman says why it is not one. */
export const COMEBACK_STATUSES = ['suspected', 'confirmed', 'not_quality'] as const;
export type ComebackStatus = (typeof COMEBACK_STATUSES)[number];

/** A link counts against the earlier job unless the foreman marked it not a quality issue. */
export function countsAsComeback(status: ComebackStatus): boolean {
  return status !== 'not_quality';
}

/** Calendar days on the desk's clock from the day of `earlier` to the day of `later` (the first day not counted). */
export function deskDaysBetween(earlier: Date, later: Date): number {
  const from = Date.parse(`${wallClock(earlier).day}T00:00:00Z`);
  const to = Date.parse(`${wallClock(later).day}T00:00:00Z`);
  return Math.round((to - from) / 86_400_000);
}

/**
 * Whether a later visit falls in the window of an earlier delivery: both limits hold, whichever is reached first
 * closes it. Day 30 after the delivery day is inside, day 31 is not; 3,000 km more is inside, 3,001 is not. When
 * either mileage is unknown (not checked in) only the days decide. A visit before the delivery is never a comeback.
 */
export function insideComebackWindow(
  after: { days: number; km: number | null },
  window: ComebackWindow = COMEBACK_WINDOW_DEFAULTS,
): boolean {
  if (after.days < 0 || after.days > window.days) return false;
  return after.km === null || after.km <= window.km;
}

/**
 * The instant before which a delivery's window has closed by days at `now`: a delivery on a desk day more than
 * `days` days before today can no longer get a comeback. Deliveries at or after it are still provisional.
 */
export function windowClosedBefore(now: Date, days: number): Date {
  return instantAt(addDays(wallClock(now).day, -days), 0);
}

/** numerator ÷ denominator, or null when there is nothing to divide by (a rate of no jobs is not 0% nor 100%). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

export interface FirstTimeFixCounts {
  /** Approved jobs on ROs delivered in the period. */
  jobs: number;
  /** Of those, the jobs with a comeback not marked "not a quality issue". */
  withComeback: number;
  /** Of those, the jobs without a comeback whose window is still open: they may still come back. */
  provisionalJobs: number;
}

/**
 * First-time-fix rate = jobs with no comeback ÷ jobs, over the jobs whose outcome is known: a job with a comeback
 * has failed even inside its window; a job without one counts once its window has closed. Null when none is known.
 */
export function firstTimeFixRate(counts: FirstTimeFixCounts): number | null {
  const settled = counts.jobs - counts.provisionalJobs;
  return ratio(settled - counts.withComeback, settled);
}

/** Comeback rate = comeback ROs ÷ all ROs (both delivered in the period). */
export function comebackRate(comebackRos: number, ros: number): number | null {
  return ratio(comebackRos, ros);
}

/** Hours in thousandths (as the RO lines keep flat-rate hours). */
export interface TechnicianHours {
  soldMilli: number;
  clockedMilli: number;
  attendanceMilli: number;
}

/** Labor efficiency = sold (flat-rate) hours ÷ clocked hours. */
export function efficiency(hours: TechnicianHours): number | null {
  return ratio(hours.soldMilli, hours.clockedMilli);
}

/** Productivity = clocked hours ÷ attendance hours. */
export function productivity(hours: TechnicianHours): number | null {
  return ratio(hours.clockedMilli, hours.attendanceMilli);
}

/** Proficiency = sold hours ÷ attendance hours. */
export function proficiency(hours: TechnicianHours): number | null {
  return ratio(hours.soldMilli, hours.attendanceMilli);
}

/** Clocked time as hours in thousandths, rounded half-up once for the sum (never per clocking). */
export function clockedMilliFromMs(ms: number): number {
  return Math.round(ms / 3600);
}
