import { formatYuan } from '../../../../shared/domain/money';
import { fail } from '../../errors';
import * as settlements from './repository';
import type { TransitionGuard } from '../../ro-records/transition-guard';

/** A money amount as a refusal names it: "1,234.50" (the catalogue adds the ¥). */
export function yuanParam(fen: number): string {
  return formatYuan(fen, 'en-US');
}

/**
 * ready -> delivered: only through repairOrders.deliver, which records the handover (the explanation of the work
 * and who collected the car) before it takes this step; and every settled job needs its work category, because the
 * guarantee period of the statement printed at handover comes from it (docs/domain.md "Statutory periods").
 */
export const deliveryRecorded: TransitionGuard = async (trx, ro, from, to) => {
  if (from !== 'ready' || to !== 'delivered') return;
  const missing = await settlements.jobsWithoutCategory(trx, ro.id);
  if (missing.length > 0) fail('RULE', 'settlement.categoryMissing', 'to', { jobs: missing.join(', ') });
  if (!(await settlements.findDelivery(trx, ro.id))) fail('RULE', 'delivery.notRecorded', 'to');
};

/** delivered -> closed: only once the customer owes nothing. */
export const paidBeforeClosed: TransitionGuard = async (trx, ro, from, to) => {
  if (from !== 'delivered' || to !== 'closed') return;
  const balance = (await settlements.customerOwedFen(trx, ro.id)) - (await settlements.paidFen(trx, ro.id));
  if (balance > 0) fail('RULE', 'payment.outstanding', 'to', { balance: yuanParam(balance) });
};
