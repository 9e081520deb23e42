import { fail } from '../../errors';
import type { TransitionGuard } from '../../ro-records/transition-guard';
import { certificateMissing, qcPassedProblem } from './service';

/** qc -> ready: every approved job's latest final inspection passed; the refusal names the jobs (by number) that did not. */
export const qcPassedBeforeReady: TransitionGuard = async (trx, ro, from, to) => {
  if (from !== 'qc' || to !== 'ready') return;
  const jobs = await qcPassedProblem(trx, ro.id);
  if (jobs.length > 0) fail('RULE', 'qc.notPassed', 'to', { jobs: jobs.join(', ') });
};

/** ready -> delivered: a car whose work is 二级维护 or 整车/总成修理 leaves only with its completion certificate. */
export const certificateBeforeDelivery: TransitionGuard = async (trx, ro, from, to) => {
  if (from !== 'ready' || to !== 'delivered') return;
  if (await certificateMissing(trx, ro.id)) fail('RULE', 'certificate.required', 'to');
};
