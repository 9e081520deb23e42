import type { z } from 'zod';
import type { ClosingMethodDto, DailyClosingDto, dailyClosingInput } from '../../../../shared/contract/reports/daily-closing';
import { PAYMENT_METHODS } from '../../../../shared/contract/repair-orders/settlement';
import { deskDayStart, nextDay } from '../../../../shared/domain/desk-time';
import type { CoreDeps } from '../../context';
import * as closing from './repository';

/** reports.dailyClosing: the figures of one desk day, each with its rows (shared/contract/reports/daily-closing.ts). */
export async function dailyClosing(deps: CoreDeps, input: z.output<typeof dailyClosingInput>): Promise<DailyClosingDto> {
  const from = deskDayStart(input.day);
  const to = deskDayStart(nextDay(input.day));
  const [payments, refunds, closed, unclosed, pendingRefunds] = await Promise.all([
    closing.paymentsBetween(deps.db, from, to),
    closing.refundsApprovedBetween(deps.db, from, to),
    closing.closedBetween(deps.db, from, to),
    closing.deliveredUnclosedAt(deps.db, to),
    closing.pendingRefundsAskedBetween(deps.db, from, to),
  ]);
  const byMethod: ClosingMethodDto[] = PAYMENT_METHODS.flatMap((method) => {
    const paid = payments.filter((p) => p.method === method);
    const refunded = refunds.filter((f) => f.method === method);
    if (paid.length === 0 && refunded.length === 0) return [];
    const paymentsFen = paid.reduce((sum, p) => sum + p.amount_fen, 0);
    const refundsFen = refunded.reduce((sum, f) => sum + f.amount_fen, 0);
    return [
      { method, payments: paid.length, paymentsFen, refunds: refunded.length, refundsFen, netFen: paymentsFen - refundsFen },
    ];
  });
  const paymentsFen = byMethod.reduce((sum, m) => sum + m.paymentsFen, 0);
  const refundsFen = byMethod.reduce((sum, m) => sum + m.refundsFen, 0);
  const owing = unclosed
    .map((row) => ({
      repairOrderId: row.repair_order_id,
      repairOrderNumber: row.number,
      plate: row.plate,
      customerName: row.customer_name,
      deliveredAt: row.delivered_at,
      owedFen: Number(row.owed_fen),
      paidFen: Number(row.paid_fen),
      balanceFen: Number(row.owed_fen) - Number(row.paid_fen),
    }))
    .filter((row) => row.balanceFen > 0)
    .sort((a, b) => a.deliveredAt.localeCompare(b.deliveredAt) || a.repairOrderId - b.repairOrderId);
  const closedRows = closed.map((row) => ({
    repairOrderId: row.repair_order_id,
    repairOrderNumber: row.number,
    plate: row.plate,
    customerName: row.customer_name,
    closedAt: row.changed_at,
    totalFen: Number(row.total_fen),
  }));
  return {
    day: input.day,
    from,
    to,
    byMethod,
    totals: { payments: payments.length, paymentsFen, refunds: refunds.length, refundsFen, netFen: paymentsFen - refundsFen },
    payments: payments.map((p) => ({
      repairOrderId: p.repair_order_id,
      repairOrderNumber: p.number,
      plate: p.plate,
      customerName: p.customer_name,
      paymentId: p.id,
      method: p.method,
      amountFen: p.amount_fen,
      reference: p.reference,
      at: p.received_at,
      receivedBy: p.received_by_name,
    })),
    refunds: refunds.map((f) => ({
      repairOrderId: f.repair_order_id,
      repairOrderNumber: f.number,
      plate: f.plate,
      customerName: f.customer_name,
      refundId: f.id,
      paymentId: f.payment_id,
      method: f.method,
      amountFen: f.amount_fen,
      reason: f.reason,
      at: f.decided_at ?? '',
      requestedBy: f.requested_by_name,
      approvedBy: f.decided_by_name,
    })),
    closed: { count: closedRows.length, totalFen: closedRows.reduce((sum, r) => sum + r.totalFen, 0), rows: closedRows },
    owing: { count: owing.length, balanceFen: owing.reduce((sum, r) => sum + r.balanceFen, 0), rows: owing },
    pendingRefunds,
  };
}
