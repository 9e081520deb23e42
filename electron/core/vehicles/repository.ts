import { sql } from 'kysely';
import type { MileageSource } from '../../../shared/domain/enums';
import type { Db } from '../db/connection';
import type { VehiclesTable } from '../db/schema';

export type VehicleWrite = Omit<VehiclesTable, 'id' | 'version' | 'created_at' | 'legacy_id'>;

export async function insertVehicle(db: Db, row: VehicleWrite & { created_at: string }): Promise<number> {
  const result = await db.insertInto('vehicles').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function updateVehicle(db: Db, id: number, version: number, row: VehicleWrite): Promise<boolean> {
  const result = await db
    .updateTable('vehicles')
    .set({ ...row, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function touchVehicle(db: Db, id: number, now: string): Promise<void> {
  await db
    .updateTable('vehicles')
    .set({ updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

export function findVehicle(db: Db, id: number) {
  return db.selectFrom('vehicles').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Another car already holding this VIN or plate (uniqueness is also enforced by the indexes). */
export function findVehicleHolding(db: Db, field: 'vin' | 'plate', value: string, exceptId: number) {
  return db.selectFrom('vehicles').select('id').where(field, '=', value).where('id', '<>', exceptId).executeTakeFirst();
}

export function findOwnerships(db: Db, vehicleId: number) {
  return db
    .selectFrom('vehicle_ownerships as o')
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .select(['o.id', 'o.customer_id', 'c.name', 'o.from_at', 'o.to_at'])
    .where('o.vehicle_id', '=', vehicleId)
    .orderBy('o.from_at', 'desc')
    .orderBy('o.id', 'desc')
    .execute();
}

export async function endOwnership(db: Db, vehicleId: number, now: string): Promise<void> {
  await db
    .updateTable('vehicle_ownerships')
    .set({ to_at: now })
    .where('vehicle_id', '=', vehicleId)
    .where('to_at', 'is', null)
    .execute();
}

export async function startOwnership(db: Db, vehicleId: number, customerId: number, now: string): Promise<void> {
  await db
    .insertInto('vehicle_ownerships')
    .values({ vehicle_id: vehicleId, customer_id: customerId, from_at: now, to_at: null })
    .execute();
}

export function findMileage(db: Db, vehicleId: number) {
  return db
    .selectFrom('vehicle_mileage')
    .select(['km', 'source', 'recorded_at'])
    .where('vehicle_id', '=', vehicleId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function lastMileage(db: Db, vehicleId: number) {
  return db
    .selectFrom('vehicle_mileage')
    .select('km')
    .where('vehicle_id', '=', vehicleId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertMileage(
  db: Db,
  row: { vehicle_id: number; km: number; source: MileageSource; recorded_at: string; recorded_by: number | null },
): Promise<number> {
  const result = await db.insertInto('vehicle_mileage').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}
