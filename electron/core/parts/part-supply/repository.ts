import type { Db } from '../../db/connection';
import type { RepairOrderLinesTable } from '../../db/schema';
import type { CounterState } from '../../../../shared/contract/parts/part-supply';
import type { RepairOrderStatus } from '../../../../shared/domain/repair-order-status';

/** The reservations of an RO's part lines (open and closed), read with the RO: one query per RO, not per line. */
export function findSupplyOfRepairOrder(db: Db, repairOrderId: number) {
  return db
    .selectFrom('part_reservations')
    .select(['line_id', 'part_id', 'reserved_milli', 'to_order_milli', 'issued_milli', 'expected_at', 'status'])
    .where('repair_order_id', '=', repairOrderId)
    .execute();
}

/** An RO line with its RO's status and, for a master part, its reservation (open or closed). */
export function findLineSupply(db: Db, lineId: number) {
  return db
    .selectFrom('repair_order_lines as l')
    .innerJoin('repair_orders as ro', 'ro.id', 'l.repair_order_id')
    .innerJoin('part_reservations as r', 'r.line_id', 'l.id')
    .select([
      'l.id as line_id',
      'l.repair_order_id',
      'l.job_id',
      'l.qty_milli as line_qty_milli',
      'l.unit_price_fen',
      'l.discount_bp',
      'l.tax_rate_bp',
      'l.tax_included',
      'ro.status as ro_status',
      'ro.version as ro_version',
      'r.id as reservation_id',
      'r.part_id',
      'r.qty_milli',
      'r.reserved_milli',
      'r.to_order_milli',
      'r.issued_milli',
      'r.expected_at',
      'r.status',
    ])
    .where('l.id', '=', lineId)
    .executeTakeFirst();
}

/** Whether the line exists at all (to tell "no such line" from "a non-stock line"). */
export async function lineExists(db: Db, lineId: number): Promise<boolean> {
  return (await db.selectFrom('repair_order_lines').select('id').where('id', '=', lineId).executeTakeFirst()) !== undefined;
}

/** Open reservations of an RO (or of one of its jobs), with whether the job was declined. */
export function findOpenReservations(db: Db, where: { repairOrderId: number } | { jobId: number }) {
  let query = db
    .selectFrom('part_reservations as r')
    .innerJoin('repair_order_jobs as j', 'j.id', 'r.job_id')
    .innerJoin('parts as p', 'p.id', 'r.part_id')
    .selectAll('r')
    .select(['j.authorization_state', 'p.part_number', 'p.default_bin'])
    .where('r.status', '=', 'open');
  query =
    'jobId' in where ? query.where('r.job_id', '=', where.jobId) : query.where('r.repair_order_id', '=', where.repairOrderId);
  return query.orderBy('r.id').execute();
}

/** The bins holding some of a part, the preferred one first, then the fullest. */
export function findBinsWithStock(db: Db, partId: number) {
  return db
    .selectFrom('part_stock')
    .select(['bin', 'on_hand_milli'])
    .where('part_id', '=', partId)
    .where('on_hand_milli', '>', 0)
    .orderBy('on_hand_milli', 'desc')
    .orderBy('bin')
    .execute();
}

export async function findDefaultBin(db: Db, partId: number): Promise<string | undefined> {
  return (await db.selectFrom('parts').select('default_bin').where('id', '=', partId).executeTakeFirst())?.default_bin;
}

export async function updateLineQuantity(
  db: Db,
  lineId: number,
  changes: Pick<
    RepairOrderLinesTable,
    'qty_milli' | 'gross_fen' | 'discount_fen' | 'net_fen' | 'tax_fen' | 'total_fen' | 'updated_at'
  >,
): Promise<void> {
  await db.updateTable('repair_order_lines').set(changes).where('id', '=', lineId).execute();
}

/** The RO's version moves on (its lines changed at the parts counter), so a desk holding an older copy reloads. */
export async function touchRepairOrder(db: Db, repairOrderId: number, at: string): Promise<void> {
  await db
    .updateTable('repair_orders')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', repairOrderId)
    .execute();
}

export interface CounterQuery {
  offset: number;
  limit: number;
  /** The typed text as an RO number and as a plate (normalised each its own way), null for none. */
  text: { number: string; plate: string } | null;
  state: CounterState;
  statuses: readonly RepairOrderStatus[];
  /** The promised time's direction: soonest first (no promise last) or latest first (no promise first). */
  promised: 'asc' | 'desc';
}

/**
 * The parts counter: open reservations of ROs in the given statuses, jobs not declined, narrowed by state and text,
 * soonest promise first (no promise last) or the reverse, then oldest RO. Read through the partial index of open
 * reservations: a few among years of closed ones. One row more than asked, to tell whether there is more.
 */
export function counterRows(db: Db, query: CounterQuery) {
  let select = db
    .selectFrom('part_reservations as r')
    .innerJoin('repair_orders as ro', 'ro.id', 'r.repair_order_id')
    .innerJoin('repair_order_jobs as j', 'j.id', 'r.job_id')
    .innerJoin('repair_order_lines as l', 'l.id', 'r.line_id')
    .innerJoin('parts as p', 'p.id', 'r.part_id')
    .innerJoin('vehicles as v', 'v.id', 'ro.vehicle_id')
    .innerJoin('users as u', 'u.id', 'ro.advisor_id')
    .select([
      'r.line_id',
      'r.repair_order_id',
      'r.job_id',
      'r.part_id',
      'r.qty_milli',
      'r.reserved_milli',
      'r.to_order_milli',
      'r.issued_milli',
      'r.expected_at',
      'ro.number',
      'ro.status as ro_status',
      'ro.promised_at',
      'v.plate',
      'u.display_name as advisor_name',
      'p.part_number',
      'p.default_bin',
      'l.name_zh',
      'l.name_en',
    ])
    .where('r.status', '=', 'open')
    .where('ro.status', 'in', query.statuses)
    .where('j.authorization_state', '!=', 'declined');
  if (query.state === 'open') {
    select = select.where((eb) => eb.or([eb('r.reserved_milli', '>', 0), eb('r.to_order_milli', '>', 0)]));
  } else if (query.state === 'to_issue') {
    select = select.where('r.reserved_milli', '>', 0);
  } else if (query.state === 'to_order') {
    select = select.where('r.to_order_milli', '>', 0);
  } else {
    select = select.where('r.issued_milli', '>', 0);
  }
  if (query.text) {
    // RO numbers and plates hold no LIKE wildcards: any typed are dropped rather than escaped.
    const like = (text: string) => `%${text.replace(/[%_\\]/g, '')}%`;
    const { number, plate } = query.text;
    select = select.where((eb) =>
      eb.or([eb('ro.number', 'like', like(number)), ...(plate ? [eb('v.plate', 'like', like(plate))] : [])]),
    );
  }
  return select
    .orderBy((eb) => eb.case().when('ro.promised_at', 'is', null).then(1).else(0).end(), query.promised)
    .orderBy('ro.promised_at', query.promised)
    .orderBy('ro.id', query.promised)
    .orderBy('r.id', query.promised)
    .offset(query.offset)
    .limit(query.limit + 1)
    .execute();
}
