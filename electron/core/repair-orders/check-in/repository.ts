import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connection';
import type { CheckInDamageMarksTable, CheckInPhotosTable, RepairOrderCheckInsTable } from '../../db/schema';

// --- the check-in ---

export function findCheckIn(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_order_check_ins as c')
    .innerJoin('users as u', 'u.id', 'c.checked_in_by')
    .selectAll('c')
    .select('u.display_name as checked_in_by_name')
    .where('c.repair_order_id', '=', repairOrderId)
    .executeTakeFirst();
}

export async function insertCheckIn(db: Db, row: Insertable<RepairOrderCheckInsTable>): Promise<void> {
  await db.insertInto('repair_order_check_ins').values(row).execute();
}

export async function updateCheckIn(
  db: Db,
  repairOrderId: number,
  changes: Omit<Updateable<RepairOrderCheckInsTable>, 'repair_order_id' | 'checked_in_by' | 'checked_in_at'>,
): Promise<void> {
  await db.updateTable('repair_order_check_ins').set(changes).where('repair_order_id', '=', repairOrderId).execute();
}

/** The RO's mileage on arrival follows its check-in; the RO's version is bumped by the caller (bumpRepairOrder). */
export async function setRoMileageIn(db: Db, repairOrderId: number, km: number): Promise<void> {
  await db.updateTable('repair_orders').set({ mileage_in_km: km }).where('id', '=', repairOrderId).execute();
}

/** A check-in's own reading, taken back when the check-in is corrected (the corrected one replaces it). */
export async function deleteCheckInReading(db: Db, readingId: number): Promise<void> {
  await db.deleteFrom('vehicle_mileage').where('id', '=', readingId).where('source', '=', 'check_in').execute();
}

/** The vehicle's last reading other than `exceptReadingId` (the check-in's own): what a correction may not go below. */
export function lastReadingExcept(db: Db, vehicleId: number, exceptReadingId: number | null) {
  let query = db
    .selectFrom('vehicle_mileage')
    .select('km')
    .where('vehicle_id', '=', vehicleId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1);
  if (exceptReadingId !== null) query = query.where('id', '!=', exceptReadingId);
  return query.executeTakeFirst();
}

// --- damage marks ---

export function findMarks(db: Db, repairOrderId: number) {
  return db
    .selectFrom('check_in_damage_marks as m')
    .innerJoin('users as u', 'u.id', 'm.created_by')
    .selectAll('m')
    .select('u.display_name as created_by_name')
    .where('m.repair_order_id', '=', repairOrderId)
    .where('m.removed_at', 'is', null)
    .orderBy('m.number')
    .execute();
}

/** The next mark number of an RO: one past the highest ever given (removed marks included, so none is reused). */
export async function nextMarkNumber(db: Db, repairOrderId: number): Promise<number> {
  const row = await db
    .selectFrom('check_in_damage_marks')
    .select((eb) => eb.fn.max('number').as('last'))
    .where('repair_order_id', '=', repairOrderId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertMark(db: Db, row: Omit<Insertable<CheckInDamageMarksTable>, 'id'>): Promise<void> {
  await db.insertInto('check_in_damage_marks').values(row).execute();
}

/** Takes one of the RO's marks off the diagram (kept, with who and when); false when the RO shows no such mark. */
export async function removeMark(db: Db, repairOrderId: number, markId: number, by: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('check_in_damage_marks')
    .set({ removed_by: by, removed_at: now })
    .where('id', '=', markId)
    .where('repair_order_id', '=', repairOrderId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// --- photos ---

export function findPhotos(db: Db, repairOrderId: number) {
  return db
    .selectFrom('check_in_photos as p')
    .innerJoin('users as u', 'u.id', 'p.created_by')
    .selectAll('p')
    .select('u.display_name as created_by_name')
    .where('p.repair_order_id', '=', repairOrderId)
    .orderBy('p.id')
    .execute();
}

export function findPhoto(db: Db, photoId: number) {
  return db.selectFrom('check_in_photos').selectAll().where('id', '=', photoId).executeTakeFirst();
}

export async function insertPhoto(db: Db, row: Omit<Insertable<CheckInPhotosTable>, 'id'>): Promise<void> {
  await db.insertInto('check_in_photos').values(row).execute();
}

export async function deletePhoto(db: Db, photoId: number): Promise<void> {
  await db.deleteFrom('check_in_photos').where('id', '=', photoId).execute();
}
