import type { Selectable } from 'kysely';
import { startWorkProblem } from '../../../shared/contract/repair-orders/authorisation';
import type { RepairOrderStatus } from '../../../shared/domain/repair-order-status';
import type { Db } from '../db/connection';
import type { RepairOrdersTable } from '../db/schema';
import { fail } from '../errors';
import type { TransitionGuard } from '../ro-records/transition-guard';
import { findJobs } from './repository';
import { certificateBeforeDelivery, qcPassedBeforeReady } from '../workshop/quality/guards';
import { deliveryRecorded, paidBeforeClosed } from './settlement/guards';
import { noClockingRunning } from '../workshop/guards';
import { partsOrderedBeforeDelivery } from '../parts/part-supply/guards';

/** Work starts only on what the customer approved, once every job has an answer. */
const authorisedWork: TransitionGuard = async (trx, ro, from, to) => {
  if (from !== 'open' || to !== 'in_progress') return;
  const jobs = await findJobs(trx, ro.id);
  const problem = startWorkProblem(jobs.map((job) => ({ authorization: job.authorization_state })));
  if (problem) fail('RULE', problem, 'to');
};

/**
 * The guards every status step passes (see TransitionGuard): each area that owns such a rule adds its guard here
 * (work starts on approved jobs only; quality check before ready; a certificate and the settlement before delivery;
 * paid before closed).
 */
export const TRANSITION_GUARDS: readonly TransitionGuard[] = [
  authorisedWork,
  noClockingRunning,
  qcPassedBeforeReady,
  certificateBeforeDelivery,
  deliveryRecorded,
  partsOrderedBeforeDelivery,
  paidBeforeClosed,
];

export async function checkTransition(
  trx: Db,
  ro: Selectable<RepairOrdersTable>,
  from: RepairOrderStatus,
  to: RepairOrderStatus,
): Promise<void> {
  for (const guard of TRANSITION_GUARDS) await guard(trx, ro, from, to);
}
