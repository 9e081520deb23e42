import type { z } from 'zod';
import {
  refundMethods,
  type decideRefundInput,
  type requestRefundInput,
} from '../../../../shared/contract/repair-orders/refunds';
import type { SettlementDto } from '../../../../shared/contract/repair-orders/settlement';
import { recordAudit } from '../../audit/record';
import { isoNow } from '../../clock';
import type { Actor, CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import { fail, notFound } from '../../errors';
import * as repo from '../repository';
import { yuanParam } from '../settlement/guards';
import { settlement } from '../settlement/service';
import * as refunds from './repository';

/** What is left of a payment to refund, read in the caller's transaction; refuses more than that. */
async function checkBound(trx: Db, payment: { id: number; amount_fen: number }, amountFen: number, except?: number) {
  const left = payment.amount_fen - (await refunds.heldAgainstPayment(trx, payment.id, except));
  if (amountFen > left) fail('RULE', 'refund.tooMuch', 'amountFen', { left: yuanParam(Math.max(left, 0)) });
}

/**
 * repairOrders.requestRefund: one transaction. The payment must be the RO's; the amount not more than what is left of
 * it; the method its own or cash. A manager's request is approved at once (two audit entries: asked, approved).
 */
export async function requestRefund(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof requestRefundInput>,
): Promise<SettlementDto> {
  const now = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const ro = await repo.findRepairOrder(trx, input.id);
    if (!ro) notFound('repairOrder');
    const payment = await refunds.findPayment(trx, input.paymentId);
    if (!payment || payment.repair_order_id !== ro.id) notFound('payment');
    if (!refundMethods(payment.method).includes(input.method)) fail('RULE', 'refund.method', 'method');
    await checkBound(trx, payment, input.amountFen);
    const approvedAtOnce = actor.role === 'manager';
    const refundId = await refunds.insertRefund(trx, {
      repair_order_id: ro.id,
      payment_id: payment.id,
      method: input.method,
      amount_fen: input.amountFen,
      reason: input.reason,
      state: approvedAtOnce ? 'approved' : 'requested',
      requested_by: actor.id,
      requested_at: now,
      decided_by: approvedAtOnce ? actor.id : null,
      decided_at: approvedAtOnce ? now : null,
    });
    const values = { amountFen: input.amountFen, method: input.method, paymentId: payment.id, reason: input.reason };
    await recordAudit(trx, actor, {
      entity: 'refund',
      entityId: refundId,
      repairOrderId: ro.id,
      action: 'ro.refund.requested',
      at: now,
      details: { label: ro.number, values },
    });
    if (approvedAtOnce)
      await recordAudit(trx, actor, {
        entity: 'refund',
        entityId: refundId,
        repairOrderId: ro.id,
        action: 'ro.refund.approved',
        at: now,
        details: { label: ro.number, values: { amountFen: input.amountFen, method: input.method } },
      });
  });
  deps.events.publish({ area: 'repairOrders', id: input.id });
  return settlement(deps, input.id);
}

/** repairOrders.decideRefund: a manager approves (the bound checked again) or refuses with a reason, once. */
export async function decideRefund(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof decideRefundInput>,
): Promise<SettlementDto> {
  const now = isoNow(deps.clock);
  const repairOrderId = await deps.db.transaction().execute(async (trx) => {
    const refund = await refunds.findRefund(trx, input.refundId);
    if (!refund) notFound('refund');
    if (refund.state !== 'requested') fail('RULE', 'refund.decided', undefined, { state: refund.state });
    const ro = await repo.findRepairOrder(trx, refund.repair_order_id);
    if (!ro) notFound('repairOrder');
    if (input.approved) {
      const payment = await refunds.findPayment(trx, refund.payment_id);
      if (!payment) notFound('payment');
      await checkBound(trx, payment, refund.amount_fen, refund.id);
    }
    const state = input.approved ? 'approved' : 'refused';
    const decided = await refunds.decideRefund(trx, refund.id, {
      state,
      decided_by: actor.id,
      decided_at: now,
      decision_note: input.note,
    });
    if (!decided) fail('RULE', 'refund.decided', undefined, { state });
    await recordAudit(trx, actor, {
      entity: 'refund',
      entityId: refund.id,
      repairOrderId: ro.id,
      action: input.approved ? 'ro.refund.approved' : 'ro.refund.refused',
      at: now,
      details: { label: ro.number, values: { amountFen: refund.amount_fen, method: refund.method, note: input.note } },
    });
    return ro.id;
  });
  deps.events.publish({ area: 'repairOrders', id: repairOrderId });
  return settlement(deps, repairOrderId);
}
