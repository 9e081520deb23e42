import type { Db } from '../db/connection';

/** A vehicle's ROs for its page, newest first (vehicles.get). */
export function vehicleHistory(db: Db, vehicleId: number) {
  return db
    .selectFrom('repair_orders')
    .select(['id', 'number', 'opened_at', 'status', 'source'])
    .where('vehicle_id', '=', vehicleId)
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
