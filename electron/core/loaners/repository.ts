import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/connection';
import type { LoanerCarsTable, LoanerLoanMarksTable, LoanerLoansTable } from '../db/schema';
import type { LoanerStatus } from '../../../shared/domain/loaners';

const CAR_COLUMNS = [
  'c.id',
  'c.plate',
  'c.model',
  'c.status',
  'c.mileage_km',
  'c.fuel_eighths',
  'c.version',
  'c.created_at',
  'l.id as loan_id',
  'l.repair_order_id',
  'r.number as repair_order_number',
] as const;

/** Cars with their open loan's RO (the partial index on open loans finds it). */
function carsWithLoan(db: Db) {
  return db
    .selectFrom('loaner_cars as c')
    .leftJoin('loaner_loans as l', (join) => join.onRef('l.car_id', '=', 'c.id').on('l.returned_at', 'is', null))
    .leftJoin('repair_orders as r', 'r.id', 'l.repair_order_id')
    .select(CAR_COLUMNS);
}
export type CarRow = NonNullable<Awaited<ReturnType<typeof findCar>>>;

export function findCar(db: Db, id: number) {
  return carsWithLoan(db).where('c.id', '=', id).executeTakeFirst();
}

/** A page of the fleet by plate (the unique index on plate is the order), one row more than asked. */
export function listCars(db: Db, page: { offset: number; limit: number; status?: LoanerStatus | undefined }) {
  let select = carsWithLoan(db);
  if (page.status) select = select.where('c.status', '=', page.status);
  return select
    .orderBy('c.plate')
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
}

export function findCarByPlate(db: Db, plate: string) {
  return db.selectFrom('loaner_cars').select(['id']).where('plate', '=', plate).executeTakeFirst();
}

export async function insertCar(db: Db, row: Insertable<LoanerCarsTable>): Promise<number> {
  const result = await db.insertInto('loaner_cars').values(row).returning('id').executeTakeFirstOrThrow();
  return result.id;
}

/** Writes the car if nobody saved since `version`; false when another desk did. */
export async function updateCar(db: Db, id: number, version: number, fields: Updateable<LoanerCarsTable>): Promise<boolean> {
  const result = await db
    .updateTable('loaner_cars')
    .set({ ...fields, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function startOutOfService(db: Db, carId: number, at: string): Promise<void> {
  await db.insertInto('loaner_out_of_service').values({ car_id: carId, from_at: at, to_at: null }).execute();
}

export async function endOutOfService(db: Db, carId: number, at: string): Promise<void> {
  await db
    .updateTable('loaner_out_of_service')
    .set({ to_at: at })
    .where('car_id', '=', carId)
    .where('to_at', 'is', null)
    .execute();
}

export function findOpenLoanOfRo(db: Db, repairOrderId: number) {
  return db
    .selectFrom('loaner_loans')
    .select(['id', 'car_id'])
    .where('repair_order_id', '=', repairOrderId)
    .where('returned_at', 'is', null)
    .executeTakeFirst();
}

export function findRepairOrder(db: Db, id: number) {
  return db.selectFrom('repair_orders').select(['id', 'number', 'status']).where('id', '=', id).executeTakeFirst();
}

export async function insertLoan(db: Db, row: Insertable<LoanerLoansTable>): Promise<number> {
  const result = await db.insertInto('loaner_loans').values(row).returning('id').executeTakeFirstOrThrow();
  return result.id;
}

export async function returnLoan(db: Db, id: number, fields: Updateable<LoanerLoansTable>): Promise<void> {
  await db.updateTable('loaner_loans').set(fields).where('id', '=', id).where('returned_at', 'is', null).execute();
}

export async function insertMarks(db: Db, rows: Insertable<LoanerLoanMarksTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('loaner_loan_marks').values(rows).execute();
}

export function findLoan(db: Db, id: number) {
  return db
    .selectFrom('loaner_loans as l')
    .innerJoin('loaner_cars as c', 'c.id', 'l.car_id')
    .innerJoin('repair_orders as r', 'r.id', 'l.repair_order_id')
    .innerJoin('users as o', 'o.id', 'l.out_by')
    .leftJoin('users as b', 'b.id', 'l.returned_by')
    .selectAll('l')
    .select([
      'c.plate',
      'c.model',
      'r.number as repair_order_number',
      'o.display_name as out_by_name',
      'b.display_name as returned_by_name',
    ])
    .where('l.id', '=', id)
    .executeTakeFirst();
}
export type LoanRow = NonNullable<Awaited<ReturnType<typeof findLoan>>>;

export function findMarks(db: Db, loanId: number) {
  return db
    .selectFrom('loaner_loan_marks')
    .select(['number', 'phase', 'x_permille', 'y_permille', 'kind', 'note'])
    .where('loan_id', '=', loanId)
    .orderBy('number')
    .execute();
}

/** The loans of the given cars that overlap [from, before) (instants), for the cars on one page of the report. */
export function loansOverlapping(db: Db, carIds: number[], from: string, before: string) {
  if (carIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('loaner_loans')
    .select(['car_id', 'out_at', 'returned_at'])
    .where('car_id', 'in', carIds)
    .where('out_at', '<', before)
    .where((eb) => eb.or([eb('returned_at', 'is', null), eb('returned_at', '>=', from)]))
    .execute();
}

/** The out-of-service stretches of the given cars that overlap [from, before). */
export function outOfServiceOverlapping(db: Db, carIds: number[], from: string, before: string) {
  if (carIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('loaner_out_of_service')
    .select(['car_id', 'from_at', 'to_at'])
    .where('car_id', 'in', carIds)
    .where('from_at', '<', before)
    .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>=', from)]))
    .execute();
}

/** An RO's loans, newest first (the index on (repair_order_id, id)). */
export function loanIdsOfRo(db: Db, repairOrderId: number, limit: number) {
  return db
    .selectFrom('loaner_loans')
    .select('id')
    .where('repair_order_id', '=', repairOrderId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
