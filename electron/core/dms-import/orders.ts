import type BetterSqlite3 from 'better-sqlite3';
import type { DmsMapping } from '../../../shared/domain/dms-import';
import { checkOrderRow, type OrderRow } from '../../../shared/domain/dms-import-rows';
import type { Actor } from '../context';
import { refused, type Judged, type RowJudge } from './judge';
import { ownerFinder, vehicleFinder } from './owners';

/**
 * RO headers of the previous DMS, written as history: an RO with source 'import', closed on arrival (so the status flow,
 * which has no way out of closed, never touches it), one approved job holding the old work text and its concern group
 * (maintenance feeds the reminders), a handover at its closing date (so it is a visit and its lines count in the KPIs
 * of that month, through the report triggers like any RO), its mileage as a reading of the vehicle. No status change
 * runs, so no follow-up call is made; no part is reserved or issued, so stock never moves.
 */

interface Stored {
  id: number;
  vehicle_id: number;
  customer_id: number;
  opened_at: string;
  mileage_in_km: number | null;
  legacy_advisor: string | null;
  legacy_labor_fen: number | null;
  legacy_parts_fen: number | null;
  advisor_id: number;
  delivered_at: string | null;
  concern: string | null;
  concern_group: string | null;
}

/** The number an imported RO is shown by: the old one, marked as history ("H-" can never be an RO number of the desk). */
export function historyNumber(row: Pick<OrderRow, 'number' | 'legacyId'>): string {
  return `H-${row.number || row.legacyId}`;
}

function statements(sqlite: BetterSqlite3.Database) {
  return {
    byLegacy: sqlite.prepare<[string], Stored>(
      `SELECT r.id, r.vehicle_id, r.customer_id, r.opened_at, r.mileage_in_km, r.legacy_advisor, r.legacy_labor_fen,
         r.legacy_parts_fen, r.advisor_id, d.delivered_at,
         (SELECT j.concern FROM repair_order_jobs j WHERE j.repair_order_id = r.id ORDER BY j.position LIMIT 1) AS concern,
         (SELECT j.concern_group FROM repair_order_jobs j WHERE j.repair_order_id = r.id ORDER BY j.position LIMIT 1) AS concern_group
       FROM repair_orders r LEFT JOIN repair_order_deliveries d ON d.repair_order_id = r.id
       WHERE r.legacy_id = ?`,
    ),
    numberTaken: sqlite.prepare<[string], { id: number }>('SELECT id FROM repair_orders WHERE number = ?'),
    owner: sqlite.prepare<[number], { customer_id: number }>(
      'SELECT customer_id FROM vehicle_ownerships WHERE vehicle_id = ? AND to_at IS NULL',
    ),
    advisors: sqlite.prepare<[], { id: number; display_name: string }>('SELECT id, display_name FROM users'),
    insert: sqlite.prepare(
      `INSERT INTO repair_orders (number, customer_id, vehicle_id, advisor_id, status, promised_at, opened_at, mileage_in_km,
         created_at, updated_at, source, legacy_id, legacy_advisor, legacy_labor_fen, legacy_parts_fen)
       VALUES (@number, @customerId, @vehicleId, @advisorId, 'closed', NULL, @openedAt, @mileage, @now, @now, 'import',
         @legacyId, @advisor, @laborFen, @partsFen)`,
    ),
    update: sqlite.prepare(
      `UPDATE repair_orders SET customer_id = @customerId, vehicle_id = @vehicleId, advisor_id = @advisorId,
         opened_at = @openedAt, mileage_in_km = @mileage, legacy_advisor = @advisor, legacy_labor_fen = @laborFen,
         legacy_parts_fen = @partsFen, updated_at = @now, version = version + 1
       WHERE id = @id`,
    ),
    job: sqlite.prepare(
      `INSERT INTO repair_order_jobs (repair_order_id, position, concern, concern_group, payer, authorization_state,
         workshop_state, created_at, updated_at)
       VALUES (?, 1, ?, ?, 'customer', 'approved', 'done', ?, ?)`,
    ),
    updateJob: sqlite.prepare(
      'UPDATE repair_order_jobs SET concern = ?, concern_group = ?, updated_at = ? WHERE repair_order_id = ? AND position = 1',
    ),
    history: sqlite.prepare(
      `INSERT INTO repair_order_status_history (repair_order_id, from_status, to_status, changed_by, changed_at, note)
       VALUES (?, NULL, 'closed', ?, ?, 'previous DMS')`,
    ),
    delivery: sqlite.prepare(
      `INSERT INTO repair_order_deliveries (repair_order_id, delivered_by, delivered_at, explanation, collected_by, mileage_out_km)
       VALUES (?, ?, ?, '', '', ?)`,
    ),
    updateDelivery: sqlite.prepare(
      'UPDATE repair_order_deliveries SET delivered_at = ?, mileage_out_km = ? WHERE repair_order_id = ?',
    ),
    mileage: sqlite.prepare(
      `INSERT INTO vehicle_mileage (vehicle_id, km, source, recorded_at, recorded_by) VALUES (?, ?, 'manual', ?, ?)`,
    ),
  };
}

export function ordersJudge(sqlite: BetterSqlite3.Database, actor: Actor, now: string, mapping: DmsMapping): RowJudge {
  const q = statements(sqlite);
  const findVehicle = vehicleFinder(sqlite);
  const findCustomer = ownerFinder(sqlite);
  // The old system's advisor, by the name a user of this desk has; else the RO stands under the importing user.
  const advisorOf = new Map(q.advisors.all().map((user) => [user.display_name.trim(), user.id]));
  const seenIds = new Set<string>();

  function write(row: OrderRow, stored: Stored | undefined, vehicleId: number, customerId: number): void {
    const concern = row.concern || historyNumber(row);
    const values = {
      customerId,
      vehicleId,
      advisorId: advisorOf.get(row.advisor) ?? stored?.advisor_id ?? actor.id,
      openedAt: row.openedAt,
      mileage: row.mileage,
      legacyId: row.legacyId,
      advisor: row.advisor,
      laborFen: row.laborFen,
      partsFen: row.partsFen,
      now,
    };
    if (stored) {
      q.update.run({ ...values, id: stored.id });
      q.updateJob.run(concern, row.concernGroup, now, stored.id);
      q.updateDelivery.run(row.closedAt, row.mileage, stored.id);
      return;
    }
    let number = historyNumber(row);
    if (q.numberTaken.get(number)) number = `H-${row.legacyId}`;
    if (q.numberTaken.get(number)) number = `H-${row.legacyId}-${row.number}`;
    const id = Number(q.insert.run({ ...values, number }).lastInsertRowid);
    q.job.run(id, concern, row.concernGroup, now, now);
    q.history.run(id, actor.id, row.closedAt);
    q.delivery.run(id, values.advisorId, row.closedAt, row.mileage);
    if (row.mileage !== null) q.mileage.run(vehicleId, row.mileage, row.openedAt, actor.id);
  }

  function same(row: OrderRow, stored: Stored, vehicleId: number, customerId: number): boolean {
    return (
      stored.vehicle_id === vehicleId &&
      stored.customer_id === customerId &&
      stored.opened_at === row.openedAt &&
      stored.delivered_at === row.closedAt &&
      stored.mileage_in_km === row.mileage &&
      stored.legacy_advisor === row.advisor &&
      stored.legacy_labor_fen === row.laborFen &&
      stored.legacy_parts_fen === row.partsFen &&
      stored.concern === (row.concern || historyNumber(row)) &&
      stored.concern_group === row.concernGroup
    );
  }

  return {
    judge(cells, doWrite): Judged {
      const checked = checkOrderRow(cells, mapping);
      if (!checked.ok) return refused(checked.key, checked.reason, checked.field);
      const row = checked.row;
      const key = row.legacyId;
      if (seenIds.has(key)) return refused(key, 'dmsImport.duplicate', 'legacyId');
      const vehicleId = findVehicle(row.vehicleLegacyId, row.vin);
      if (vehicleId === null)
        return refused(key, 'dmsImport.vehicleUnknown', row.vehicleLegacyId !== '' ? 'vehicleLegacyId' : 'vin');
      let customerId: number | null;
      if (row.customerLegacyId !== '') {
        customerId = findCustomer(row.customerLegacyId, '');
        if (customerId === null) return refused(key, 'dmsImport.customerUnknown', 'customerLegacyId');
      } else {
        customerId = q.owner.get(vehicleId)?.customer_id ?? null;
        if (customerId === null) return refused(key, 'dmsImport.customerUnknown', 'customerLegacyId');
      }
      seenIds.add(key);
      const stored = q.byLegacy.get(key);
      if (stored && same(row, stored, vehicleId, customerId)) return { outcome: 'unchanged', key };
      if (doWrite) write(row, stored, vehicleId, customerId);
      return { outcome: stored ? 'updated' : 'created', key };
    },
  };
}
