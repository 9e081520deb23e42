import type { Insertable, Updateable } from 'kysely';
import type { AppointmentStatus } from '../../../shared/domain/appointment-slots';
import type { Db } from '../db/connection';
import type { AppointmentsTable } from '../db/schema';

/** Statuses that hold a slot and workshop hours (see takesCapacity in shared/domain/appointment-slots). */
const HOLDING: AppointmentStatus[] = ['booked', 'arrived', 'converted'];

/** An appointment with the names the board shows. */
function withNames(db: Db) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .innerJoin('vehicles as v', 'v.id', 'a.vehicle_id')
    .innerJoin('users as adv', 'adv.id', 'a.advisor_id')
    .leftJoin('users as rem', 'rem.id', 'a.reminded_by')
    .selectAll('a')
    .select([
      'c.name as customer_name',
      'c.preferred_contact',
      'c.consent_to_contact',
      'v.plate',
      'v.make',
      'v.model',
      'adv.display_name as advisor_name',
      'rem.display_name as reminded_by_name',
    ]);
}
export type AppointmentRow = NonNullable<Awaited<ReturnType<typeof findAppointmentWithNames>>>;

export function findAppointmentWithNames(db: Db, id: number) {
  return withNames(db).where('a.id', '=', id).executeTakeFirst();
}

export function findAppointment(db: Db, id: number) {
  return db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Appointments starting in [from, before), by start time then id; of one advisor when given, of some statuses when given. */
export function listInRange(db: Db, range: { from: string; before: string; advisorId?: number; statuses?: AppointmentStatus[] }) {
  let query = withNames(db).where('a.starts_at', '>=', range.from).where('a.starts_at', '<', range.before);
  if (range.advisorId !== undefined) query = query.where('a.advisor_id', '=', range.advisorId);
  if (range.statuses) query = query.where('a.status', 'in', range.statuses);
  return query.orderBy('a.starts_at').orderBy('a.id').execute();
}

export function listForVehicle(db: Db, vehicleId: number) {
  return withNames(db)
    .where('a.vehicle_id', '=', vehicleId)
    .orderBy('a.starts_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(50)
    .execute();
}

/** Appointments holding one advisor's slot, leaving one out (the appointment being moved). */
export async function countInSlot(db: Db, advisorId: number, startsAt: string, exceptId: number | null): Promise<number> {
  let query = db
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('advisor_id', '=', advisorId)
    .where('starts_at', '=', startsAt)
    .where('status', 'in', HOLDING);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** Workshop hours (thousandths) held by appointments starting in [from, before), leaving one out. */
export async function hoursInRange(db: Db, from: string, before: string, exceptId: number | null): Promise<number> {
  let query = db
    .selectFrom('appointments')
    .select((eb) => eb.fn.sum<number | null>('estimated_hours_milli').as('milli'))
    .where('starts_at', '>=', from)
    .where('starts_at', '<', before)
    .where('status', 'in', HOLDING);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  return Number((await query.executeTakeFirstOrThrow()).milli ?? 0);
}

/** Active users with the advisor role, by name. */
export function listAdvisors(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('role', '=', 'advisor')
    .where('active', '=', 1)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
}

export function findUser(db: Db, id: number) {
  return db.selectFrom('users').select(['id', 'role', 'active', 'display_name']).where('id', '=', id).executeTakeFirst();
}

export async function phonesOf(db: Db, customerIds: number[]): Promise<Map<number, string[]>> {
  const phones = new Map<number, string[]>();
  if (customerIds.length === 0) return phones;
  const rows = await db
    .selectFrom('customer_phones')
    .select(['customer_id', 'number'])
    .where('customer_id', 'in', customerIds)
    .orderBy('customer_id')
    .orderBy('position')
    .execute();
  for (const row of rows) phones.set(row.customer_id, [...(phones.get(row.customer_id) ?? []), row.number]);
  return phones;
}

export async function insertAppointment(db: Db, row: Insertable<AppointmentsTable>): Promise<number> {
  const result = await db.insertInto('appointments').values(row).returning('id').executeTakeFirstOrThrow();
  return result.id;
}

/** Writes `changes` only if the row is still at `version`, and moves the version on; false when another desk saved first. */
export async function updateAppointment(
  db: Db,
  id: number,
  version: number,
  changes: Omit<Updateable<AppointmentsTable>, 'id' | 'version'> & { updated_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('appointments')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
