import { addDays, instantAt, wallClock } from './desk-time';

/**
 * The promise-time warning (issue 4 item 4): will an open RO be ready by the time promised to the customer? Our
 * rule, stated in the UI as it is here, checked in this order:
 * 1. late: the promised time has passed and the car is not ready;
 * 2. at risk, parts: a job waits for parts (nothing guarantees when they come), or one of its part lines still has
 *    a quantity to order that is not expected before the promise (no expected date, or one after the promised time);
 * 3. at risk, approval: a job waits for the customer's answer (its work cannot start);
 * 4. at risk, hours: the flat-rate hours still to do on approved jobs (each job's sold hours less what was clocked on
 *    it, never below zero; a job marked done has none left) exceed the workshop's opening hours left before the
 *    promise (only the time between opening and closing on the desk's clock counts: nobody works at night);
 * otherwise on track. Ready, delivered and closed ROs are never flagged: the promise was kept or is past.
 */
export const PROMISE_RISK_LEVELS = ['on_track', 'at_risk', 'late'] as const;
export type PromiseRiskLevel = (typeof PROMISE_RISK_LEVELS)[number];
export const PROMISE_RISK_REASONS = ['late', 'parts', 'approval', 'hours'] as const;
export type PromiseRiskReason = (typeof PROMISE_RISK_REASONS)[number];

export interface PromiseRiskJob {
  /** Flat-rate hours sold on the job, thousandths. */
  soldMilli: number;
  /** Hours clocked on it so far, thousandths. */
  clockedMilli: number;
  done: boolean;
  waitingForParts: boolean;
  /** Still waiting for the customer's approval (declined jobs are left out by the caller). */
  pendingApproval: boolean;
  /**
   * The job's part lines still to order (issue 5): absent when nothing is; else when the last of them is expected,
   * null when one of them has no expected date yet.
   */
  partsToOrder?: { expectedAt: Date | null } | undefined;
}

/** A job's parts put the promise at risk: it waits for parts, or a quantity to order comes late or at an unknown time. */
function partsAtRisk(job: PromiseRiskJob, promisedAt: Date): boolean {
  if (job.done) return false;
  if (job.waitingForParts) return true;
  const toOrder = job.partsToOrder;
  return toOrder !== undefined && (toOrder.expectedAt === null || toOrder.expectedAt.getTime() > promisedAt.getTime());
}

export interface PromiseRisk {
  level: PromiseRiskLevel;
  reasons: PromiseRiskReason[];
  /** Flat-rate hours still to do, thousandths. */
  remainingMilli: number;
  /** Opening hours left before the promise, thousandths (0 when late). */
  availableMilli: number;
}

/** Minutes of opening time (opensAt..closesAt each day on the desk's clock) between two instants. */
export function openMinutesBetween(from: Date, to: Date, hours: { opensAt: number; closesAt: number }): number {
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  let day = wallClock(from).day;
  const lastDay = wallClock(to).day;
  // One calendar day at a time: a promise is days away at most, so this loop is short.
  for (let n = 0; n < 370 && day <= lastDay; n += 1, day = addDays(day, 1)) {
    const open = Math.max(instantAt(day, hours.opensAt).getTime(), from.getTime());
    const close = Math.min(instantAt(day, hours.closesAt).getTime(), to.getTime());
    if (close > open) total += (close - open) / 60_000;
  }
  return Math.floor(total);
}

export function promiseRisk(
  promisedAt: Date,
  now: Date,
  jobs: readonly PromiseRiskJob[],
  hours: { opensAt: number; closesAt: number },
): PromiseRisk {
  const remainingMilli = jobs
    .filter((job) => !job.done && !job.pendingApproval)
    .reduce((sum, job) => sum + Math.max(0, job.soldMilli - job.clockedMilli), 0);
  if (promisedAt.getTime() <= now.getTime()) {
    return { level: 'late', reasons: ['late'], remainingMilli, availableMilli: 0 };
  }
  const availableMilli = Math.round((openMinutesBetween(now, promisedAt, hours) * 1000) / 60);
  const reasons: PromiseRiskReason[] = [];
  if (jobs.some((job) => partsAtRisk(job, promisedAt))) reasons.push('parts');
  if (jobs.some((job) => job.pendingApproval)) reasons.push('approval');
  if (remainingMilli > availableMilli) reasons.push('hours');
  return { level: reasons.length > 0 ? 'at_risk' : 'on_track', reasons, remainingMilli, availableMilli };
}
