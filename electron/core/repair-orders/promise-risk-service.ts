import type { PromiseRiskRow } from '../../../shared/contract/repair-orders';
import { promiseRisk } from '../../../shared/domain/promise-risk';
import { slotSettings } from '../settings/appointment-slots';
import type { CoreDeps } from '../context';
import { findRiskJobs, findWatchedRepairOrders } from './promise-risk-repository';

/**
 * repairOrders.promiseRisks: every RO still being worked on with a promised time, judged by the promise-time rule
 * (shared/domain/promise-risk.ts) against the workshop's opening hours (the appointment board's), the ones at risk
 * or late first.
 */
export async function promiseRisks(deps: CoreDeps): Promise<PromiseRiskRow[]> {
  const now = deps.clock.now();
  const [ros, hours] = await Promise.all([findWatchedRepairOrders(deps.db), slotSettings(deps.db)]);
  const jobs = await findRiskJobs(
    deps.db,
    ros.map((ro) => ro.id),
    now.toISOString(),
  );
  const rows = ros.map((ro) => {
    const own = jobs.filter((job) => job.repair_order_id === ro.id);
    const risk = promiseRisk(
      new Date(ro.promised_at!),
      now,
      own.map((job) => ({
        soldMilli: Number(job.sold_milli ?? 0),
        clockedMilli: Math.round(Number(job.clocked_milli ?? 0)),
        done: job.workshop_state === 'done',
        waitingForParts: job.workshop_state === 'paused' && job.pause_reason === 'parts',
        pendingApproval: job.authorization_state === 'pending',
        ...(Number(job.to_order_lines ?? 0) > 0
          ? {
              partsToOrder: {
                expectedAt: Number(job.to_order_unknown ?? 0) > 0 || !job.to_order_latest ? null : new Date(job.to_order_latest),
              },
            }
          : {}),
      })),
      hours,
    );
    return {
      id: ro.id,
      number: ro.number,
      status: ro.status,
      plate: ro.plate,
      customerName: ro.customer_name,
      promisedAt: ro.promised_at!,
      ...risk,
    };
  });
  const order = { late: 0, at_risk: 1, on_track: 2 } as const;
  return rows.sort((a, b) => order[a.level] - order[b.level]);
}
