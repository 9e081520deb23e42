import { sql, type Insertable, type Updateable } from 'kysely';
import type { FollowupChannel, FollowupKind } from '../../../shared/domain/followup';
import type { Db } from '../db/connection';
import type { FollowupAttemptsTable, FollowupTasksTable } from '../db/schema';

/** ROs that count as a visit: every RO but a cancelled one. */
const NOT_A_VISIT = 'cancelled';

export async function insertTask(db: Db, row: Omit<Insertable<FollowupTasksTable>, 'id'>): Promise<number> {
  const result = await db.insertInto('followup_tasks').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

/**
 * Inserts a lapsed or reminder task unless the car already has an open one of that kind (the unique index
 * followup_tasks_open_vehicle); returns whether it did.
 */
export async function insertTaskUnlessOpen(db: Db, row: Omit<Insertable<FollowupTasksTable>, 'id'>): Promise<boolean> {
  const result = await db
    .insertInto('followup_tasks')
    .values(row)
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function insertAttempt(db: Db, row: Omit<Insertable<FollowupAttemptsTable>, 'id'>): Promise<void> {
  await db.insertInto('followup_attempts').values(row).execute();
}

/** Updates the task if it still has `version`; returns whether it did. */
export async function bumpTask(
  db: Db,
  id: number,
  version: number,
  set: Omit<Updateable<FollowupTasksTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('followup_tasks')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Tasks with everything a queue row shows: customer and first phone, vehicle, RO, its advisor and delivery. */
function taskRows(db: Db) {
  return db
    .selectFrom('followup_tasks as t')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .innerJoin('vehicles as v', 'v.id', 't.vehicle_id')
    .leftJoin('repair_orders as r', 'r.id', 't.repair_order_id')
    .leftJoin('users as a', 'a.id', 'r.advisor_id')
    .leftJoin('repair_order_deliveries as d', 'd.repair_order_id', 't.repair_order_id')
    .selectAll('t')
    .select((eb) => [
      'c.name as customer_name',
      'c.address as customer_address',
      'c.consent_to_contact',
      'v.plate',
      'v.make',
      'v.model',
      'r.number as ro_number',
      'r.opened_at as ro_opened_at',
      'r.advisor_id',
      'a.display_name as advisor_name',
      'd.delivered_at',
      eb
        .selectFrom('customer_phones as p')
        .select('p.number')
        .whereRef('p.customer_id', '=', 'c.id')
        .orderBy('p.position')
        .limit(1)
        .as('phone'),
    ]);
}
export type TaskRow = NonNullable<Awaited<ReturnType<ReturnType<typeof taskRows>['executeTakeFirst']>>>;

export function findTask(db: Db, id: number) {
  return taskRows(db).where('t.id', '=', id).executeTakeFirst();
}

/**
 * A page (plus one row) of open tasks of a channel due before `dueBefore` (and from `dueFrom`), consenting customers
 * only, oldest due first (or latest first); `notAdvisor` leaves out csi_calls of ROs that user was the advisor of.
 */
export function openTasks(
  db: Db,
  filter: {
    channel: FollowupChannel;
    kind?: FollowupKind;
    dueFrom?: string;
    dueBefore?: string;
    notAdvisor?: number;
    /** Latest due first (the grid's sort turned round); oldest first otherwise. */
    descending?: boolean;
    offset: number;
    limit: number;
  },
) {
  let query = taskRows(db)
    .where('t.status', '=', 'open')
    .where('t.channel', '=', filter.channel)
    // contactable mirrors the customer's consent (migration 0028): with it the (status, channel, contactable, due_at)
    // index skips the open tasks of customers who withdrew consent, which pile up at the old end over the years.
    .where('t.contactable', '=', 1)
    .where('c.consent_to_contact', '=', 1);
  if (filter.kind !== undefined) query = query.where('t.kind', '=', filter.kind);
  if (filter.dueFrom !== undefined) query = query.where('t.due_at', '>=', filter.dueFrom);
  if (filter.dueBefore !== undefined) query = query.where('t.due_at', '<', filter.dueBefore);
  if (filter.notAdvisor !== undefined) {
    const userId = filter.notAdvisor;
    query = query.where((eb) => eb.or([eb('t.kind', '<>', 'csi_call'), eb('r.advisor_id', '<>', userId)]));
  }
  const direction = filter.descending ? 'desc' : 'asc';
  return query
    .orderBy('t.due_at', direction)
    .orderBy('t.id', direction)
    .limit(filter.limit + 1)
    .offset(filter.offset)
    .execute();
}

export function attemptsOf(db: Db, taskId: number) {
  return db
    .selectFrom('followup_attempts as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .selectAll('f')
    .select('u.display_name as user_name')
    .where('f.task_id', '=', taskId)
    .orderBy('f.attempted_at')
    .orderBy('f.id')
    .execute();
}

/** Open declined work of these vehicles, newest first: the (vehicle_id, status, declined_at) index. */
export function openDeclinedOf(db: Db, vehicleIds: readonly number[]) {
  if (vehicleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('declined_work')
    .select(['id', 'vehicle_id', 'concern', 'total_fen', 'declined_at'])
    .where('vehicle_id', 'in', vehicleIds)
    .where('status', '=', 'open')
    .orderBy('declined_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function roJobs(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_order_jobs as j')
    .leftJoin('users as u', 'u.id', 'j.technician_id')
    .select(['j.id', 'j.concern', 'j.correction', 'j.technician_id', 'u.display_name as technician_name'])
    .where('j.repair_order_id', '=', repairOrderId)
    .where('j.authorization_state', '<>', 'declined')
    .orderBy('j.position')
    .execute();
}

export function userName(db: Db, id: number) {
  return db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst();
}

export async function consents(db: Db, customerId: number): Promise<boolean> {
  const row = await db.selectFrom('customers').select('consent_to_contact').where('id', '=', customerId).executeTakeFirst();
  return row?.consent_to_contact === 1;
}

/**
 * Vehicles whose last visit was in [from, lapsedBefore) (opened_at instants), with their consenting current owner,
 * no open lapsed task and no lapsed task created since that visit.
 */
export async function lapsedCandidates(db: Db, window: { from: string; lapsedBefore: string }) {
  // A vehicle's last visit lies in the window exactly when it has a visit in the window and none since: the visits of
  // the window (repair_orders_opened) and one look-up each (repair_orders_vehicle), not every RO of ten years grouped
  // by vehicle (3 s at ten years; read in a worker by followup/due-tasks).
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('repair_orders as r')
        .select((e) => ['r.vehicle_id', e.fn.max('r.opened_at').as('last_at')])
        .where('r.status', '<>', NOT_A_VISIT)
        .where('r.opened_at', '>=', window.from)
        .where('r.opened_at', '<', window.lapsedBefore)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('repair_orders as later')
                .select('later.id')
                .whereRef('later.vehicle_id', '=', 'r.vehicle_id')
                .where('later.status', '<>', NOT_A_VISIT)
                .where('later.opened_at', '>=', window.lapsedBefore),
            ),
          ),
        )
        .groupBy('r.vehicle_id')
        .as('last'),
    )
    .innerJoin('vehicle_ownerships as o', (join) => join.onRef('o.vehicle_id', '=', 'last.vehicle_id').on('o.to_at', 'is', null))
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .select((eb) => [
      'last.vehicle_id',
      'last.last_at',
      // The vehicle's latest RO (highest id), as before: over all its visits, not only the window's.
      eb
        .selectFrom('repair_orders as x')
        .select((e) => e.fn.max('x.id').as('id'))
        .whereRef('x.vehicle_id', '=', 'last.vehicle_id')
        .where('x.status', '<>', NOT_A_VISIT)
        .as('last_ro_id'),
      'o.customer_id',
    ])
    .where('c.consent_to_contact', '=', 1)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('followup_tasks as t')
            .select('t.id')
            .whereRef('t.vehicle_id', '=', 'last.vehicle_id')
            .where('t.kind', '=', 'lapsed')
            .where((eb) => eb.or([eb('t.status', '=', 'open'), eb('t.created_at', '>', eb.ref('last.last_at'))])),
        ),
      ),
    )
    .orderBy('last.vehicle_id')
    .execute();
  // Every vehicle here has a visit, so it has a latest RO.
  return rows.flatMap((row) => (row.last_ro_id === null ? [] : [{ ...row, last_ro_id: row.last_ro_id }]));
}

/**
 * Vehicles with a maintenance RO (a job in the maintenance group) opened since `from`: the latest such RO, its
 * opening and odometer, the consenting current owner; no open reminder and no reminder yet for that RO.
 */
export function reminderCandidates(db: Db, from: string) {
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('repair_orders as r')
        .innerJoin('repair_order_jobs as j', 'j.repair_order_id', 'r.id')
        .select((e) => ['r.vehicle_id', e.fn.max('r.id').as('ro_id')])
        .where('j.concern_group', '=', 'maintenance')
        .where('j.authorization_state', '<>', 'declined')
        .where('r.status', '<>', NOT_A_VISIT)
        .where('r.opened_at', '>=', from)
        // `+`: group in a temporary B-tree after reading the ROs since `from` by repair_orders_opened; grouping on the
        // plain column drew SQLite to walk every RO of ten years along repair_orders_vehicle (0.8 s vs 0.15 s).
        .groupBy(sql`+r.vehicle_id`)
        .as('m'),
    )
    .innerJoin('repair_orders as r', 'r.id', 'm.ro_id')
    .innerJoin('vehicle_ownerships as o', (join) => join.onRef('o.vehicle_id', '=', 'm.vehicle_id').on('o.to_at', 'is', null))
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .select(['m.vehicle_id', 'r.id as ro_id', 'r.opened_at', 'r.mileage_in_km', 'o.customer_id'])
    .where('c.consent_to_contact', '=', 1)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('followup_tasks as t')
            .select('t.id')
            .whereRef('t.vehicle_id', '=', 'm.vehicle_id')
            .where('t.kind', '=', 'maintenance_reminder')
            .where((eb) => eb.or([eb('t.status', '=', 'open'), eb('t.repair_order_id', '=', eb.ref('r.id'))])),
        ),
      ),
    )
    .orderBy('m.vehicle_id')
    .execute();
}

export function mileageOf(db: Db, vehicleIds: readonly number[]) {
  if (vehicleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('vehicle_mileage')
    .select(['vehicle_id', 'km', 'recorded_at'])
    .where('vehicle_id', 'in', vehicleIds)
    .orderBy('recorded_at')
    .execute();
}

/**
 * The lapsed rate's counts: distinct vehicles with a visit (opened_at) in [baseFrom, baseBefore), and of those the
 * ones with no visit in [baseBefore, before). Reads repair_orders_opened for the base month and repair_orders_vehicle
 * (vehicle_id, opened_at) for each base vehicle's later visit.
 */
export async function lapsedCounts(db: Db, window: { baseFrom: string; baseBefore: string; before: string }) {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('repair_orders')
        .select('vehicle_id')
        .distinct()
        .where('status', '<>', NOT_A_VISIT)
        .where('opened_at', '>=', window.baseFrom)
        .where('opened_at', '<', window.baseBefore)
        .as('b'),
    )
    .select((eb) => [
      eb.fn.countAll<number>().as('base'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('repair_orders as later')
                    .select('later.id')
                    .whereRef('later.vehicle_id', '=', 'b.vehicle_id')
                    .where('later.status', '<>', NOT_A_VISIT)
                    .where('later.opened_at', '>=', window.baseBefore)
                    .where('later.opened_at', '<', window.before),
                ),
              ),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('lapsed'),
    ])
    .executeTakeFirstOrThrow();
  return { base: Number(row.base), lapsed: Number(row.lapsed ?? 0) };
}

/**
 * The ROs behind the lapsed rate's numerator: for each lapsed vehicle (lapsedCounts' window) its last RO opened in
 * the base month (a vehicle whose last visit before `before` is in the base month has lapsed), latest first, paged (one row more than asked). Returns the RO ids.
 */
export function lapsedLastOrders(
  db: Db,
  window: { baseFrom: string; baseBefore: string; before: string },
  page: { offset: number; limit: number },
) {
  return db
    .selectFrom('repair_orders as r')
    .select(['r.id', 'r.opened_at'])
    .where('r.status', '<>', NOT_A_VISIT)
    .where('r.opened_at', '>=', window.baseFrom)
    .where('r.opened_at', '<', window.baseBefore)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('repair_orders as other')
            .select('other.id')
            .whereRef('other.vehicle_id', '=', 'r.vehicle_id')
            .where('other.status', '<>', NOT_A_VISIT)
            .where((eb) =>
              eb.or([
                eb('other.opened_at', '>', eb.ref('r.opened_at')),
                eb.and([eb('other.opened_at', '=', eb.ref('r.opened_at')), eb('other.id', '>', eb.ref('r.id'))]),
              ]),
            )
            .where('other.opened_at', '<', window.before),
        ),
      ),
    )
    .orderBy('r.opened_at', 'desc')
    .orderBy('r.id', 'desc')
    .offset(page.offset)
    .limit(page.limit + 1)
    .execute();
}
