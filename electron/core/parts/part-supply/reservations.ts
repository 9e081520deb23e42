import { ISSUED_AT_DELIVERY } from '../../../../shared/contract/parts';
import type { Db } from '../../db/connection';
import { fail } from '../../errors';
import { availableMilli, postMovement } from '../ledger';
import * as repo from './reservation-repository';
import * as supply from './repository';

/**
 * The supply of an RO part line: what it holds on the shelf (reserved), what it waits for (to order) and what the
 * technician already has (issued). These are the primitives every writer uses inside its own transaction; the
 * screens and procedures around them live in the RO-link files of this folder.
 */

export interface LineToSupply {
  lineId: number;
  partId: number;
  repairOrderId: number;
  jobId: number;
  qtyMilli: number;
}

/** A new part line takes what the shelf can spare; the rest is marked to order (expected date unknown yet). */
export async function reserveForLine(trx: Db, line: LineToSupply, at: string): Promise<void> {
  const free = Math.max(0, await availableMilli(trx, line.partId));
  const reserved = Math.min(line.qtyMilli, free);
  await repo.insertReservation(trx, {
    line_id: line.lineId,
    part_id: line.partId,
    repair_order_id: line.repairOrderId,
    job_id: line.jobId,
    qty_milli: line.qtyMilli,
    reserved_milli: reserved,
    to_order_milli: line.qtyMilli - reserved,
    issued_milli: 0,
    expected_at: null,
    status: 'open',
    version: 1,
    created_at: at,
    updated_at: at,
  });
}

/**
 * The line goes away (removed, or its RO cancelled): what it held returns to the shelf's free stock. Parts already
 * in the technician's hands must come back first (a return), so the ledger says where they are.
 */
export async function releaseLine(trx: Db, lineId: number, at: string): Promise<void> {
  const reservation = await repo.findReservationByLine(trx, lineId);
  if (!reservation || reservation.status !== 'open') return;
  if (reservation.issued_milli > 0) {
    fail('RULE', 'parts.issuedNotReturned', 'lineId', { qty: reservation.issued_milli / 1000 });
  }
  await repo.updateReservation(trx, reservation.id, {
    status: 'closed',
    reserved_milli: 0,
    to_order_milli: 0,
    updated_at: at,
  });
}

export interface FilledLine {
  lineId: number;
  repairOrderId: number;
  advisorId: number;
  qtyMilli: number;
}

/**
 * After stock came in: lines waiting for the part are filled first, oldest first, from what is free, and each RO's
 * advisor gets a notice. Returns what was filled so the caller can tell the desks.
 */
export async function fillWaitingLines(trx: Db, partId: number, at: string): Promise<FilledLine[]> {
  let free = await availableMilli(trx, partId);
  const filled: FilledLine[] = [];
  for (const waiting of await repo.findWaitingReservations(trx, partId)) {
    if (free <= 0) break;
    const take = Math.min(free, waiting.to_order_milli);
    free -= take;
    const stillShort = waiting.to_order_milli - take;
    await repo.updateReservation(trx, waiting.id, {
      reserved_milli: waiting.reserved_milli + take,
      to_order_milli: stillShort,
      expected_at: stillShort > 0 ? waiting.expected_at : null,
      updated_at: at,
    });
    await repo.insertArrivalNotice(trx, {
      advisor_id: waiting.advisor_id,
      repair_order_id: waiting.repair_order_id,
      line_id: waiting.line_id,
      part_id: partId,
      qty_milli: take,
      created_at: at,
    });
    filled.push({
      lineId: waiting.line_id,
      repairOrderId: waiting.repair_order_id,
      advisorId: waiting.advisor_id,
      qtyMilli: take,
    });
  }
  return filled;
}

/** Every open line of a job goes (the job is removed): each is released as releaseLine does, refused likewise. */
export async function releaseJob(trx: Db, jobId: number, at: string): Promise<void> {
  for (const reservation of await supply.findOpenReservations(trx, { jobId })) await releaseLine(trx, reservation.line_id, at);
}

/** The RO is cancelled: all its lines are released, refused while parts are still in the technician's hands. */
export async function releaseRepairOrder(trx: Db, repairOrderId: number, at: string): Promise<void> {
  for (const reservation of await supply.findOpenReservations(trx, { repairOrderId })) {
    await releaseLine(trx, reservation.line_id, at);
  }
}

export interface IssueFromShelf {
  partId: number;
  qtyMilli: number;
  /** The bin to take from; without one, the part's default bin first, then the bins holding the most. */
  bin?: string;
  refs: { repairOrderId: number; jobId: number; lineId: number };
  reason: string;
  userId: number;
  at: string;
}

/**
 * Parts leave the shelf for an RO line: one ledger row (issue) per bin taken from. Reserved stock is counted per part,
 * not per bin, so without a named bin the quantity is taken where it lies.
 */
export async function issueFromShelf(trx: Db, issue: IssueFromShelf): Promise<void> {
  const post = (bin: string | undefined, qtyMilli: number) =>
    postMovement(trx, {
      partId: issue.partId,
      ...(bin !== undefined ? { bin } : {}),
      kind: 'issue',
      qtyMilli: -qtyMilli,
      refs: issue.refs,
      reason: issue.reason,
      userId: issue.userId,
      at: issue.at,
    });
  if (issue.bin !== undefined) {
    await post(issue.bin, issue.qtyMilli);
    return;
  }
  const bins = await supply.findBinsWithStock(trx, issue.partId);
  const defaultBin = await supply.findDefaultBin(trx, issue.partId);
  bins.sort((a, b) => Number(b.bin === defaultBin) - Number(a.bin === defaultBin));
  let left = issue.qtyMilli;
  for (const bin of bins) {
    if (left <= 0) break;
    const take = Math.min(left, bin.on_hand_milli);
    await post(bin.bin, take);
    left -= take;
  }
  // Whatever no bin holds is refused by the ledger (stock.negative) from the default bin.
  if (left > 0) await post(undefined, left);
}

/**
 * The RO is handed over: what its lines still hold on the shelf goes with the car (issued, reason "issued at
 * delivery") and every reservation closes. Lines of declined jobs are released instead (the work was not done).
 * The caller has checked that nothing is left to order (transition guard partsOrderedBeforeDelivery).
 */
export async function closeAtDelivery(trx: Db, repairOrderId: number, userId: number, at: string): Promise<number[]> {
  const parts: number[] = [];
  for (const reservation of await supply.findOpenReservations(trx, { repairOrderId })) {
    parts.push(reservation.part_id);
    if (reservation.authorization_state === 'declined') {
      await releaseLine(trx, reservation.line_id, at);
      continue;
    }
    if (reservation.reserved_milli > 0) {
      await issueFromShelf(trx, {
        partId: reservation.part_id,
        qtyMilli: reservation.reserved_milli,
        refs: { repairOrderId, jobId: reservation.job_id, lineId: reservation.line_id },
        reason: ISSUED_AT_DELIVERY,
        userId,
        at,
      });
    }
    await repo.updateReservation(trx, reservation.id, {
      issued_milli: reservation.issued_milli + reservation.reserved_milli,
      reserved_milli: 0,
      to_order_milli: 0,
      status: 'closed',
      updated_at: at,
    });
  }
  return parts;
}
