import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { RO_PAYERS, type RepairOrderDetail } from '../../../../shared/contract/repair-orders';
import type {
  deliverInput,
  JobGuaranteeDto,
  recordPaymentInput,
  SettlementDto,
} from '../../../../shared/contract/repair-orders/settlement';
import { guaranteeEnds, guaranteePeriod, type GuaranteeCategory } from '../../../../shared/domain/guarantee';
import { sumLines } from '../../../../shared/domain/money';
import { canTransition, type RepairOrderStatus } from '../../../../shared/domain/repair-order-status';
import { isoNow } from '../../clock';
import type { Actor, CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import type { RepairOrdersTable } from '../../db/schema';
import { fail, notFound, staleVersion } from '../../errors';
import * as repo from '../repository';
import { loadRepairOrder } from '../mapping';
import { yuanParam } from './guards';
import * as settlements from './repository';
import { checkTransition } from '../transition-guards';
import { closeAtDelivery } from '../../parts/part-supply/reservations';
import { createCsiCallTask } from '../../followup/service';
import { recordAudit } from '../../audit/record';
import { refundsOf } from '../refunds/mapping';
import { draftClaimsAtDelivery } from '../../warranty-claims/service';

/** Payments are taken once the work is done and checked: at handover (ready) or after it (delivered, paying later). */
const PAYABLE: readonly RepairOrderStatus[] = ['ready', 'delivered'];

function guaranteeOf(
  category: GuaranteeCategory | null,
  delivery: { deliveredAt: string; km: number | null } | null,
): JobGuaranteeDto | null {
  if (category === null) return null;
  const period = guaranteePeriod(category);
  if (!delivery) return { category, ...period, untilDate: null, untilKm: null };
  const ends = guaranteeEnds({ category, deliveredAt: delivery.deliveredAt, deliveredKm: delivery.km ?? 0 });
  return { category, ...period, untilDate: ends.untilDate, untilKm: delivery.km === null ? null : ends.untilKm };
}

async function loadSettlement(db: Db, repairOrderId: number): Promise<SettlementDto> {
  const ro = await loadRepairOrder(db, repairOrderId);
  const [payments, delivery, refunds] = await Promise.all([
    settlements.findPayments(db, repairOrderId),
    settlements.findDelivery(db, repairOrderId),
    refundsOf(db, repairOrderId),
  ]);
  const handover = delivery ? { deliveredAt: delivery.delivered_at, km: delivery.mileage_out_km ?? ro.mileageInKm } : null;
  const jobs = ro.jobs.flatMap((job, index) =>
    job.authorization === 'declined'
      ? []
      : [
          {
            id: job.id,
            n: index + 1,
            concern: job.concern,
            cause: job.cause,
            correction: job.correction,
            concernGroup: job.concernGroup,
            payer: job.payer,
            authorization: job.authorization,
            laborLines: job.laborLines,
            partLines: job.partLines,
            totals: job.totals,
            guarantee: guaranteeOf(job.workCategory, handover),
          },
        ],
  );
  const byPayer = RO_PAYERS.flatMap((payer) => {
    const own = jobs.filter((job) => job.payer === payer);
    if (own.length === 0) return [];
    return [
      {
        payer,
        labor: sumLines(own.flatMap((job) => job.laborLines)),
        parts: sumLines(own.flatMap((job) => job.partLines)),
        all: sumLines(own.flatMap((job) => [...job.laborLines, ...job.partLines])),
      },
    ];
  });
  const owedFen = ro.totals.byPayer.customer.totalFen;
  const paidFen = payments.reduce((sum, payment) => sum + payment.amount_fen, 0);
  return {
    repairOrderId: ro.id,
    status: ro.status,
    version: ro.version,
    jobs,
    byPayer,
    labor: ro.totals.labor,
    parts: ro.totals.parts,
    all: ro.totals.all,
    owedFen,
    paidFen,
    balanceFen: owedFen - paidFen,
    payments: payments.map((payment) => ({
      id: payment.id,
      method: payment.method,
      amountFen: payment.amount_fen,
      reference: payment.reference,
      note: payment.note,
      receivedBy: { id: payment.received_by, displayName: payment.received_by_name },
      receivedAt: payment.received_at,
    })),
    refundedFen: refunds.reduce((sum, refund) => sum + (refund.state === 'approved' ? refund.amountFen : 0), 0),
    refunds,
    delivery: delivery
      ? {
          deliveredAt: delivery.delivered_at,
          deliveredBy: { id: delivery.delivered_by, displayName: delivery.delivered_by_name },
          explanation: delivery.explanation,
          collectedBy: delivery.collected_by,
          mileageOutKm: delivery.mileage_out_km,
        }
      : null,
    categoryMissing: jobs.filter((job) => job.guarantee === null).map((job) => job.n),
  };
}

/** repairOrders.settlement. */
export function settlement(deps: CoreDeps, repairOrderId: number): Promise<SettlementDto> {
  return loadSettlement(deps.db, repairOrderId);
}

/** What the customer still owes on the RO, read in the caller's transaction. */
async function balanceFen(trx: Db, repairOrderId: number): Promise<number> {
  return (await settlements.customerOwedFen(trx, repairOrderId)) - (await settlements.paidFen(trx, repairOrderId));
}

/** Moves the RO's status one step inside the caller's transaction, after the status-flow guards. */
async function step(
  trx: Db,
  actor: Actor,
  ro: Selectable<RepairOrdersTable>,
  from: RepairOrderStatus,
  to: RepairOrderStatus,
  now: string,
) {
  await checkTransition(trx, ro, from, to);
  await repo.insertStatusChange(trx, {
    repair_order_id: ro.id,
    from_status: from,
    to_status: to,
    changed_by: actor.id,
    changed_at: now,
    note: '',
  });
  await recordAudit(trx, actor, {
    entity: 'repair_order',
    entityId: ro.id,
    repairOrderId: ro.id,
    action: 'ro.statusChanged',
    at: now,
    details: { label: ro.number, changes: { status: { from, to } } },
  });
}

async function roAt(trx: Db, input: { id: number; version: number }) {
  const ro = await repo.findRepairOrder(trx, input.id);
  if (!ro) notFound('repairOrder');
  if (ro.version !== input.version) staleVersion();
  return ro;
}

/**
 * repairOrders.recordPayment: one transaction; the amount may not exceed the balance (nothing is written then). The
 * payment that settles a delivered RO closes it.
 */
export async function recordPayment(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof recordPaymentInput>,
): Promise<RepairOrderDetail> {
  const now = isoNow(deps.clock);
  const detail = await deps.db.transaction().execute(async (trx) => {
    const ro = await roAt(trx, input);
    const status = ro.status;
    if (!PAYABLE.includes(status)) fail('RULE', 'payment.status', undefined, { status });
    const balance = await balanceFen(trx, ro.id);
    if (input.amountFen > balance) fail('RULE', 'payment.tooMuch', 'amountFen', { balance: yuanParam(balance) });
    await settlements.insertPayment(trx, {
      repair_order_id: ro.id,
      method: input.method,
      amount_fen: input.amountFen,
      reference: input.reference,
      note: input.note,
      received_by: actor.id,
      received_at: now,
    });
    const payment = { method: input.method, amountFen: input.amountFen, balanceFen: balance - input.amountFen };
    await recordAudit(trx, actor, {
      entity: 'payment',
      entityId: null,
      repairOrderId: ro.id,
      action: 'ro.payment.recorded',
      at: now,
      details: { label: ro.number, values: payment },
    });
    const closes = status === 'delivered' && input.amountFen === balance;
    if (closes) await step(trx, actor, ro, 'delivered', 'closed', now);
    if (!(await repo.bumpRepairOrder(trx, ro.id, input.version, now, closes ? { status: 'closed' } : {}))) staleVersion();
    return loadRepairOrder(trx, ro.id);
  });
  deps.events.publish({ area: 'repairOrders', id: detail.id });
  return detail;
}

/**
 * repairOrders.deliver: one transaction; records the handover, moves the RO from ready to delivered (the status-flow
 * guards apply: every settled job has its work category, and those of other areas), and on to closed when the
 * customer owes nothing.
 */
export async function deliver(deps: CoreDeps, actor: Actor, input: z.output<typeof deliverInput>): Promise<RepairOrderDetail> {
  const now = isoNow(deps.clock);
  // The parts still reserved leave the shelf with the car (issued at delivery).
  let partsMoved: number[] = [];
  const detail = await deps.db.transaction().execute(async (trx) => {
    const ro = await roAt(trx, input);
    const from = ro.status;
    if (from !== 'ready' || !canTransition(from, 'delivered'))
      fail('RULE', 'status.transition', undefined, { from, to: 'delivered' });
    if (input.mileageOutKm !== undefined && ro.mileage_in_km !== null && input.mileageOutKm < ro.mileage_in_km) {
      fail('RULE', 'mileageOut.belowIn', 'mileageOutKm', { km: ro.mileage_in_km });
    }
    await settlements.insertDelivery(trx, {
      repair_order_id: ro.id,
      delivered_by: actor.id,
      delivered_at: now,
      explanation: input.explanation,
      collected_by: input.collectedBy,
      mileage_out_km: input.mileageOutKm ?? null,
    });
    // Not who collected the car: a name the trail could never anonymise.
    const handover = { mileageOutKm: input.mileageOutKm ?? null };
    await recordAudit(trx, actor, {
      entity: 'repair_order',
      entityId: ro.id,
      repairOrderId: ro.id,
      action: 'ro.delivered',
      at: now,
      details: { label: ro.number, values: handover },
    });
    await step(trx, actor, ro, 'ready', 'delivered', now);
    // Issue 19: every approved warranty job becomes a claim draft with the delivery, or with none.
    await draftClaimsAtDelivery(trx, actor, ro.id, now);
    // The day-N CSI call of issue 6 (none when the customer does not consent to be contacted).
    await createCsiCallTask(trx, ro, now);
    partsMoved = await closeAtDelivery(trx, ro.id, actor.id, now);
    let status: RepairOrderStatus = 'delivered';
    if ((await balanceFen(trx, ro.id)) <= 0) {
      await step(trx, actor, { ...ro, status: 'delivered' }, 'delivered', 'closed', now);
      status = 'closed';
    }
    if (!(await repo.bumpRepairOrder(trx, ro.id, input.version, now, { status }))) staleVersion();
    return loadRepairOrder(trx, ro.id);
  });
  deps.events.publish({ area: 'repairOrders', id: detail.id });
  for (const partId of new Set(partsMoved)) deps.events.publish({ area: 'parts', id: partId });
  return detail;
}
