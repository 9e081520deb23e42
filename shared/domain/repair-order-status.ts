/**
 * The repair order (RO) status flow of docs/domain.md ("RO status flow"):
 * `open -> in_progress -> (on_hold) -> qc -> ready -> delivered -> closed`, with `cancelled` from open.
 * Every change of status is recorded with who and when (by the service that calls canTransition), so the table
 * below allows only real changes: staying in the same status is never a transition.
 */
export const RO_STATUSES = ['open', 'in_progress', 'on_hold', 'qc', 'ready', 'delivered', 'closed', 'cancelled'] as const;
export type RepairOrderStatus = (typeof RO_STATUSES)[number];

/**
 * Where an RO came from: written at the desk, or imported from the previous DMS as history (issue 18 item 1), closed
 * on arrival: no workflow, no follow-up calls, no stock movements, but a visit for the history, reminders and KPIs.
 */
export const RO_SOURCES = ['desk', 'import'] as const;
export type RoSource = (typeof RO_SOURCES)[number];

/**
 * Allowed next statuses, and why. Anything not listed is refused.
 */
export const RO_TRANSITIONS: Readonly<Record<RepairOrderStatus, readonly RepairOrderStatus[]>> = {
  // Written and authorised, no work started. Work starts (a job is dispatched or clocked on), or the customer
  // withdraws before anything was done. An RO that waits for parts before anyone touched the car simply stays open:
  // a hold is a pause of work in progress.
  open: ['in_progress', 'cancelled'],
  // Work under way. It pauses (waiting for parts, or for the customer to approve additional work, 增项), or the work
  // is finished and goes to the final quality check (终检). It cannot be cancelled: labor and parts are already
  // spent, so even a customer who stops the repair goes through settlement.
  in_progress: ['on_hold', 'qc'],
  // A hold only ever ends by resuming the work; finishing goes through in_progress -> qc like any other work.
  on_hold: ['in_progress'],
  // Passed: ready for handover (with the completion certificate where one is required). Failed: back to the
  // workshop for rework, which must pass qc again.
  qc: ['ready', 'in_progress'],
  // Handover, or back to the workshop while the car is still ours: the customer asks for more work at pick-up or the
  // advisor's walk-around finds a fault. Keeping it on the same RO keeps one visit on one settlement statement, and
  // the route back to ready goes through qc again, so nothing reaches the customer unchecked. (There is no
  // ready -> qc shortcut: if nothing is to be done, the car is still ready.)
  ready: ['delivered', 'in_progress'],
  // The car has left. Closed when paid (fleet, warranty and insurance payers settle after handover). It never goes
  // back to the workshop: a fault found later is a new RO, which is how comebacks and first-time fix are counted.
  delivered: ['closed'],
  // Final: paid and done. A correction is a new document, never a reopened RO.
  closed: [],
  // Final: the RO was withdrawn before work started. A later visit is a new RO.
  cancelled: [],
};

/** True when an RO may move from `from` to `to`. A status to itself is not a transition and is refused. */
export function canTransition(from: RepairOrderStatus, to: RepairOrderStatus): boolean {
  return RO_TRANSITIONS[from].includes(to);
}

/** The statuses an RO in `from` may move to, in the order the table lists them (the usual next step first). */
export function nextStatuses(from: RepairOrderStatus): readonly RepairOrderStatus[] {
  return RO_TRANSITIONS[from];
}

/**
 * The step the RO is heading for in the flow: the first next status further along `open -> ... -> closed` (a hold
 * and a cancellation are detours, a return to the workshop a step back), else the only way on (a hold resumes the
 * work). Null for a final status. The RO page's header says it as "next step".
 */
export function usualNextStatus(from: RepairOrderStatus): RepairOrderStatus | null {
  const here = RO_STATUSES.indexOf(from);
  const next = RO_TRANSITIONS[from];
  const forward = next.find((to) => to !== 'on_hold' && to !== 'cancelled' && RO_STATUSES.indexOf(to) > here);
  return forward ?? next[0] ?? null;
}

/** Statuses no RO ever leaves. */
export function isFinalStatus(status: RepairOrderStatus): boolean {
  return RO_TRANSITIONS[status].length === 0;
}

/** The statuses isOpenStatus accepts, for queries (`where status in (...)`). */
export const OPEN_STATUSES: readonly RepairOrderStatus[] = ['open', 'in_progress', 'on_hold', 'qc', 'ready'];

/**
 * "Open" in the wider sense of the workshop's lists: the car is still in the dealership's hands, i.e. every status
 * before delivered (open, in_progress, on_hold, qc, ready). Delivered and closed ROs are out of the building;
 * a cancelled RO is withdrawn and no longer anyone's work, so it is not open either.
 */
export function isOpenStatus(status: RepairOrderStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Type guard for a status read from outside (a database row, a URL). */
export function isRepairOrderStatus(value: unknown): value is RepairOrderStatus {
  return typeof value === 'string' && (RO_STATUSES as readonly string[]).includes(value);
}
