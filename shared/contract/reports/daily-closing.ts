import { type } from '@orpc/contract';
import { z } from 'zod';
import { procedure } from '../base';
import { isoDate } from '../fields';
import type { PaymentMethod } from '../repair-orders/settlement';

/**
 * The daily closing (收银日报), issue 18 item 3; procedures reports.*. One desk day (Asia/Shanghai, 00:00 to 24:00):
 * - payments: taken that day (received_at in the day), by method;
 * - refunds: approved that day (the money left the till then), by the refund's method;
 * - net = payments − refunds, per method and in total;
 * - ROs closed: moved to closed that day, with what the customer was charged on each (the customer-payer total);
 * - balances still owed: ROs handed over by the end of the day and not paid in full by then, each with what was
 *   owed less what had been paid by the end of the day (refunds do not move a balance: repair-orders/refunds.ts).
 * Every figure lists its ROs (the drill-down) in the same answer; a day holds a few hundred rows at most.
 */

/** The cashier (an advisor takes the payments) and the manager who signs the sheet. */
const READ = ['advisor', 'manager'] as const;

export const dailyClosingInput = z.strictObject({ day: isoDate });
export type DailyClosingInput = z.input<typeof dailyClosingInput>;

export interface ClosingMethodDto {
  method: PaymentMethod;
  payments: number;
  paymentsFen: number;
  refunds: number;
  refundsFen: number;
  /** paymentsFen − refundsFen. */
  netFen: number;
}

/** The RO a row is about, as the drill-down lists it. */
export interface ClosingRoRef {
  repairOrderId: number;
  repairOrderNumber: string;
  plate: string;
  customerName: string;
}

export interface ClosingPaymentDto extends ClosingRoRef {
  paymentId: number;
  method: PaymentMethod;
  amountFen: number;
  reference: string;
  at: string;
  receivedBy: string;
}

export interface ClosingRefundDto extends ClosingRoRef {
  refundId: number;
  paymentId: number;
  method: PaymentMethod;
  amountFen: number;
  reason: string;
  /** When the manager approved it. */
  at: string;
  requestedBy: string;
  approvedBy: string;
}

export interface ClosingClosedRoDto extends ClosingRoRef {
  closedAt: string;
  /** What the customer was charged (the customer-payer total), before refunds. */
  totalFen: number;
}

export interface ClosingOwingRoDto extends ClosingRoRef {
  deliveredAt: string;
  owedFen: number;
  /** Paid by the end of the day. */
  paidFen: number;
  /** owedFen − paidFen, more than 0. */
  balanceFen: number;
}

export interface DailyClosingDto {
  day: string;
  /** The day's first instant and the next day's, ISO UTC. */
  from: string;
  to: string;
  /** The methods with a payment or a refund that day, in the order of PAYMENT_METHODS. */
  byMethod: ClosingMethodDto[];
  totals: { payments: number; paymentsFen: number; refunds: number; refundsFen: number; netFen: number };
  /** Oldest first. */
  payments: ClosingPaymentDto[];
  refunds: ClosingRefundDto[];
  closed: { count: number; totalFen: number; rows: ClosingClosedRoDto[] };
  owing: { count: number; balanceFen: number; rows: ClosingOwingRoDto[] };
  /** Refunds asked for that day and still waiting for a manager (not in the figures until approved). */
  pendingRefunds: number;
}

export interface DailyClosingExportDto {
  fileName: string;
  /** The .xlsx file, base64. */
  dataBase64: string;
}

export const dailyClosingContract = {
  /** The daily closing of one desk day: payments, refunds and net by method, ROs closed, balances still owed. */
  dailyClosing: procedure.meta({ access: READ }).input(dailyClosingInput).output(type<DailyClosingDto>()),

  /** The daily closing as an Excel file (.xlsx), Chinese headers, amounts as numbers in yuan: one sheet per figure. */
  dailyClosingExport: procedure.meta({ access: READ }).input(dailyClosingInput).output(type<DailyClosingExportDto>()),
};
