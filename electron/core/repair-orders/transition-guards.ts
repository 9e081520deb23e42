import type { Selectable } from 'kysely';
import type { JobAuthorization } from '../../../shared/contract/repair-orders';
import { startWorkProblem } from '../../../shared/contract/authorisation';
import type { RepairOrderStatus } from '../../../shared/domain/repair-order-status';
import type { Db } from '../db/connection';
import type { RepairOrdersTable } from '../db/schema';
import { fail } from '../errors';
import { findJobs } from './repository';
import { certificateBeforeDelivery, qcPassedBeforeReady } from '../workshop/quality-guards';
import { deliveryRecorded, paidBeforeClosed } from './settlement-guards';
import { noClockingRunning } from '../workshop/dispatch-guards';
import { partsOrderedBeforeDelivery } from '../parts/supply-guards';

/**
 * What must be true before an RO may take a step of its status flow, beyond the flow itself (canTransition): each
 * area that owns such a rule adds its guard here (work starts on approved jobs only; quality check before ready; a
 * certificate and the settlement before delivery; paid before closed). A guard refuses with fail(); it runs inside
 * the transition's transaction, so what it reads is what the step commits with.
 */
export type TransitionGuard = (
  trx: Db,
  ro: Selectable<RepairOrdersTable>,
  from: RepairOrderStatus,
  to: RepairOrderStatus,
) => Promise<void>;

/** Work starts only on what the customer approved, once every job has an answer. */
const authorisedWork: TransitionGuard = async (trx, ro, from, to) => {
  if (from !== 'open' || to !== 'in_progress') return;
  const jobs = await findJobs(trx, ro.id);
  const problem = startWorkProblem(jobs.map((job) => ({ authorization: job.authorization_state as JobAuthorization })));
  if (problem) fail('RULE', problem, 'to');
};

export const TRANSITION_GUARDS: readonly TransitionGuard[] = [authorisedWork, noClockingRunning, qcPassedBeforeReady, certificateBeforeDelivery, deliveryRecorded, partsOrderedBeforeDelivery, paidBeforeClosed];

export async function checkTransition(
  trx: Db,
  ro: Selectable<RepairOrdersTable>,
  from: RepairOrderStatus,
  to: RepairOrderStatus,
): Promise<void> {
  for (const guard of TRANSITION_GUARDS) await guard(trx, ro, from, to);
}
