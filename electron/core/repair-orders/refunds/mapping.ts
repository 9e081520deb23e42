import type { RefundDto } from '../../../../shared/contract/repair-orders/refunds';
import type { Db } from '../../db/connection';
import * as refunds from './repository';

/** An RO's refunds as the settlement shows them. */
export async function refundsOf(db: Db, repairOrderId: number): Promise<RefundDto[]> {
  const rows = await refunds.findRefunds(db, repairOrderId);
  return rows.map((row) => ({
    id: row.id,
    paymentId: row.payment_id,
    method: row.method,
    amountFen: row.amount_fen,
    reason: row.reason,
    state: row.state,
    requestedBy: { id: row.requested_by, displayName: row.requested_by_name },
    requestedAt: row.requested_at,
    decidedBy: row.decided_by === null ? null : { id: row.decided_by, displayName: row.decided_by_name ?? '' },
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
  }));
}
