import type { Db } from '../db/connection';
import { fail } from '../errors';
import { availableMilli } from './ledger';
import * as repo from './reservation-repository';

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
    filled.push({ lineId: waiting.line_id, repairOrderId: waiting.repair_order_id, advisorId: waiting.advisor_id, qtyMilli: take });
  }
  return filled;
}
