/**
 * A job's state in the workshop (issue 4), apart from the RO's status: the RO moves as a whole (open, in progress,
 * on hold, qc...), each of its jobs is waiting for a technician, being worked on (a clocking runs), paused, or done.
 */
export const JOB_WORKSHOP_STATES = ['waiting', 'in_progress', 'paused', 'done'] as const;
export type JobWorkshopState = (typeof JOB_WORKSHOP_STATES)[number];

/** Why work on a job stopped before it was finished: parts missing, the customer's approval of more work, other. */
export const PAUSE_REASONS = ['parts', 'approval', 'other'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** Where a job came from: written at reception, or additional work (增项) proposed in the workshop. */
export const JOB_ORIGINS = ['reception', 'workshop'] as const;
export type JobOrigin = (typeof JOB_ORIGINS)[number];

/**
 * RO statuses whose approved jobs are on the dispatch board: the car is in the workshop's hands and work is to be
 * done or being done (an open RO's approved jobs may be dispatched before the advisor starts the work).
 */
export const BOARD_RO_STATUSES = ['open', 'in_progress', 'on_hold', 'qc'] as const;

/** Whole minutes between two instants (ISO), never negative. */
export function minutesBetween(startedAt: string, endedAt: string): number {
  return Math.max(0, Math.floor((Date.parse(endedAt) - Date.parse(startedAt)) / 60_000));
}
