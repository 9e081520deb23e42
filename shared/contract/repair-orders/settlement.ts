import { type } from '@orpc/contract';
import { z } from 'zod';
import type { ConcernGroup } from '../../domain/concern-groups';
import type { GuaranteeCategory } from '../../domain/guarantee';
import type { RepairOrderStatus } from '../../domain/repair-order-status';
import { procedure } from '../base';
import { id, mileageKm, multiLine, singleLine, version } from '../fields';
// Types only: repair-orders.ts spreads this file's contract, so a value imported from it here would not exist yet.
import type { AmountsDto, JobAuthorization, RepairOrderDetail, RoLineDto, RoPayer } from '../repair-orders';
import type { RefundDto } from './refunds';

/**
 * Settlement, payments and delivery (issue 4 item 6); part of the repairOrders area (procedures repairOrders.*).
 *
 * What the customer owes is the RO's customer-payer total (warranty, internal and insurance jobs are settled with
 * others and only shown on the statement). Payments add up (partial payments); a refund (refunds.ts) gives money back
 * against one payment and comes off both the charge and what was paid, so the balance does not move.
 * Delivery (交车) is recorded with the advisor's explanation of the work and the charges; the RO is then delivered,
 * and closed once nothing is owed.
 */

/** The same readers and writers as the rest of the RO (repair-orders.ts READ/WRITE). */
const READ = ['advisor', 'foreman', 'technician', 'parts_clerk', 'csi_agent', 'manager'] as const;
const WRITE = ['advisor', 'manager'] as const;

export const PAYMENT_METHODS = ['cash', 'card', 'wechat', 'alipay', 'transfer', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** ¥10,000,000 in fen: far above any RO, low enough that a slip of the keyboard is caught. */
export const MAX_PAYMENT_FEN = 1_000_000_000;

export const recordPaymentInput = z.strictObject({
  id,
  version,
  method: z.enum(PAYMENT_METHODS),
  /** Fen, more than 0 and not more than the balance. */
  amountFen: z.int().min(1).max(MAX_PAYMENT_FEN),
  /** The card slip, transfer or WeChat/Alipay transaction number. */
  reference: singleLine().max(100).default(''),
  note: multiLine().max(500).default(''),
});

export const deliverInput = z.strictObject({
  id,
  version,
  /** The advisor's explanation to the customer of the work done and the charges (交车说明). */
  explanation: multiLine().min(1).max(4000),
  /** Who collected the car. */
  collectedBy: singleLine().min(1).max(100),
  /** Odometer when the car leaves; not below the mileage on arrival. */
  mileageOutKm: mileageKm.optional(),
});

/** The guarantee of one job: the statutory period of its category, and its end once the car was handed over. */
export interface JobGuaranteeDto {
  category: GuaranteeCategory;
  days: number;
  km: number;
  /** Last covered day (YYYY-MM-DD, desk calendar); null until delivery. */
  untilDate: string | null;
  /** Last covered odometer reading; null until delivery, or when no mileage is known. */
  untilKm: number | null;
}

export interface SettlementJobDto {
  id: number;
  /** 1-based, as the RO shows it. */
  n: number;
  concern: string;
  cause: string;
  correction: string;
  concernGroup: ConcernGroup;
  payer: RoPayer;
  authorization: JobAuthorization;
  laborLines: RoLineDto[];
  partLines: RoLineDto[];
  totals: AmountsDto;
  /** Null when the job's work category is not set: the statement then says so, and delivery is refused. */
  guarantee: JobGuaranteeDto | null;
}

export interface PayerSubtotalDto {
  payer: RoPayer;
  labor: AmountsDto;
  parts: AmountsDto;
  all: AmountsDto;
}

export interface PaymentDto {
  id: number;
  method: PaymentMethod;
  amountFen: number;
  reference: string;
  note: string;
  receivedBy: { id: number; displayName: string };
  receivedAt: string;
}

export interface DeliveryDto {
  deliveredAt: string;
  deliveredBy: { id: number; displayName: string };
  explanation: string;
  collectedBy: string;
  mileageOutKm: number | null;
}

/** The settlement statement (结算清单) of an RO and where its payment stands. */
export interface SettlementDto {
  repairOrderId: number;
  status: RepairOrderStatus;
  version: number;
  /** The jobs settled (not declined), in the RO's order, with labor and parts itemised separately. */
  jobs: SettlementJobDto[];
  /** One subtotal per payer that has a settled job, in the order of RO_PAYERS. */
  byPayer: PayerSubtotalDto[];
  labor: AmountsDto;
  parts: AmountsDto;
  all: AmountsDto;
  /** What the customer owes: the customer-payer total. */
  owedFen: number;
  paidFen: number;
  /** owedFen - paidFen. A refund does not move it: it comes off both. */
  balanceFen: number;
  /** Oldest first. */
  payments: PaymentDto[];
  /** The refunds approved, fen: handed back on the charge and on what was paid. */
  refundedFen: number;
  /** Every refund asked for (requested, approved, refused), oldest first. */
  refunds: RefundDto[];
  delivery: DeliveryDto | null;
  /** Positions (n) of settled jobs without a work category: to be set on the job card before delivery. */
  categoryMissing: number[];
}

export const settlementContract = {
  /**
   * The settlement statement: the settled jobs with labor and part lines itemised, per-payer subtotals, VAT, total,
   * what the customer owes, has paid and still owes, the payments, the delivery once recorded, and each job's
   * quality-guarantee period (its end counted from the delivery day, which itself is not counted).
   */
  settlement: procedure.meta({ access: READ }).input(z.strictObject({ id })).output(type<SettlementDto>()),

  /**
   * Records a payment by the customer (partial payments add up), from status ready or delivered; more than the
   * balance is refused (payment.tooMuch). A delivered RO whose balance reaches 0 is closed in the same transaction.
   */
  recordPayment: procedure.meta({ access: WRITE }).input(recordPaymentInput).output(type<RepairOrderDetail>()),

  /**
   * Hands the car over (交车) from status ready: records the explanation of the work done and who collected it, and
   * moves the RO to delivered, then to closed when nothing is owed, in one transaction. Every settled job needs its
   * work category (the guarantee period is printed on the statement); the status-flow guards apply.
   */
  deliver: procedure.meta({ access: WRITE }).input(deliverInput).output(type<RepairOrderDetail>()),
};
