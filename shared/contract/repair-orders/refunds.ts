import { type } from '@orpc/contract';
import { z } from 'zod';
import { procedure } from '../base';
import { reasonIssue } from '../errors';
import { id, multiLine } from '../fields';
import { MAX_PAYMENT_FEN, PAYMENT_METHODS, type PaymentMethod, type SettlementDto } from './settlement';

/**
 * Refunds (退款), a sub-area of the settlement (issue 18 item 3); procedures repairOrders.*.
 *
 * A refund gives money back against one payment of an RO: not more than what is left of that payment (its amount less
 * the refunds approved or still waiting against it), with a reason, by the payment's own method or in cash. The
 * advisor at the cash desk asks for it; a manager approves it (the money leaves then) or refuses it with a reason. A
 * manager's own refund is approved as it is recorded: the manager is the approver. Each step is in the audit trail.
 *
 * A refund comes off both what the customer was charged and what they paid: the balance does not move, and a closed
 * RO stays closed (a payment never exceeds the balance, so a refund is always money handed back on a settled charge:
 * goodwill, a charge corrected after the handover).
 */

/** Who asks: those who take payments (repairOrders.recordPayment). */
const REQUEST = ['advisor', 'manager'] as const;
/** Who decides: the manager alone. */
const DECIDE = ['manager'] as const;

export const REFUND_STATES = ['requested', 'approved', 'refused'] as const;
export type RefundState = (typeof REFUND_STATES)[number];

export const requestRefundInput = z.strictObject({
  /** The RO. */
  id,
  paymentId: id,
  /** Fen, more than 0 and not more than what is left of the payment. */
  amountFen: z.int().min(1).max(MAX_PAYMENT_FEN),
  /** The payment's own method, or cash. */
  method: z.enum(PAYMENT_METHODS),
  reason: multiLine().min(1).max(500),
});

export const decideRefundInput = z
  .strictObject({
    /** The refund. */
    refundId: id,
    approved: z.boolean(),
    /** Required when refusing: the advisor reads why. */
    note: multiLine().max(500).default(''),
  })
  .superRefine((value, ctx) => {
    if (!value.approved && !value.note) ctx.addIssue({ ...reasonIssue('required'), path: ['note'] });
  });

export interface RefundDto {
  id: number;
  paymentId: number;
  method: PaymentMethod;
  amountFen: number;
  reason: string;
  state: RefundState;
  requestedBy: { id: number; displayName: string };
  requestedAt: string;
  decidedBy: { id: number; displayName: string } | null;
  /** When approved: the instant the money left (the daily closing counts it on this day). */
  decidedAt: string | null;
  decisionNote: string;
}

/** The methods a refund of a payment made by `method` may use: its own, or cash. */
export function refundMethods(method: PaymentMethod): PaymentMethod[] {
  return method === 'cash' ? ['cash'] : [method, 'cash'];
}

export const refundsContract = {
  /**
   * Asks for a refund against one payment of the RO (amount bound, reason, method: the payment's own or cash). A
   * manager's request is approved as it is recorded. Returns the RO's settlement.
   */
  requestRefund: procedure.meta({ access: REQUEST }).input(requestRefundInput).output(type<SettlementDto>()),

  /** A manager approves a refund still requested (the bound is checked again) or refuses it with a reason. */
  decideRefund: procedure.meta({ access: DECIDE }).input(decideRefundInput).output(type<SettlementDto>()),
};
