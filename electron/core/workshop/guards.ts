import type { TransitionGuard } from '../ro-records/transition-guard';
import { fail } from '../errors';

/**
 * Work under way stops before the RO goes to the final check or on hold: a clocking still running would go on
 * counting a technician's time on a car nobody works on. The technician clocks off (or pauses the job) first.
 */
export const noClockingRunning: TransitionGuard = async (trx, ro, _from, to) => {
  if (to !== 'qc' && to !== 'on_hold') return;
  const running = await trx
    .selectFrom('job_clockings as c')
    .innerJoin('users as u', 'u.id', 'c.technician_id')
    .select(['u.display_name'])
    .where('c.repair_order_id', '=', ro.id)
    .where('c.ended_at', 'is', null)
    .executeTakeFirst();
  if (running) fail('RULE', 'clocking.stillRunning', 'to', { name: running.display_name });
};
