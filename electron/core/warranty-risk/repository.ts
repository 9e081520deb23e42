import { sql } from 'kysely';
import {
  NOT_A_FAULT_GROUPS,
  SAFETY_GROUPS,
  THRESHOLDS,
  WARRANTY_PERIOD_KM,
  WARRANTY_PERIOD_YEARS,
  type MainPartKind,
} from '../../../shared/domain/warranty-risk';
import type { Db } from '../db/connection';

/**
 * Desk-day arithmetic in SQL: Asia/Shanghai has had no daylight saving since 1991, so a UTC instant's desk day is
 * date(instant, '+8 hours'), exactly what shared/domain/desk-time's wallClock gives.
 */
const DESK_OFFSET = '+8 hours';
const PERIOD_SPAN = `+${WARRANTY_PERIOD_YEARS} years`;
const DELIVERED = ['delivered', 'closed'];

export function findVehicle(db: Db, vehicleId: number) {
  return vehiclesQuery(db, [vehicleId]).executeTakeFirst();
}

/** The vehicles of a radar page at once, with each one's latest mileage. */
export function findVehicles(db: Db, vehicleIds: readonly number[]) {
  return vehiclesQuery(db, vehicleIds).execute();
}

function vehiclesQuery(db: Db, vehicleIds: readonly number[]) {
  return db
    .selectFrom('vehicles as v')
    .select((eb) => [
      'v.id',
      'v.plate',
      'v.vin',
      'v.make',
      'v.model',
      'v.invoice_date',
      eb
        .selectFrom('vehicle_mileage as m')
        .select('m.km')
        .whereRef('m.vehicle_id', '=', 'v.id')
        .orderBy('m.recorded_at', 'desc')
        .orderBy('m.id', 'desc')
        .limit(1)
        .as('mileage_km'),
    ])
    .where('v.id', 'in', vehicleIds);
}

/** One vehicle's period as UTC instants: its desk days from `from` up to (not including) `before`. */
export interface PeriodRange {
  vehicleId: number;
  from: string;
  before: string;
}

/**
 * The repair ROs of these vehicles, each opened inside its own vehicle's period range: not cancelled, mileage in
 * (when recorded) inside the period's km, with a job not declined outside maintenance. One statement for a radar page
 * (an index range of repair_orders_vehicle per vehicle); in no particular order.
 */
export function repairsOfVehicles(db: Db, ranges: readonly PeriodRange[]) {
  return db
    .selectFrom('repair_orders as r')
    .leftJoin('repair_order_deliveries as d', 'd.repair_order_id', 'r.id')
    .select(['r.id', 'r.vehicle_id', 'r.number', 'r.status', 'r.opened_at', 'd.delivered_at'])
    .where((eb) =>
      eb.or(
        ranges.map((range) =>
          eb.and([
            eb('r.vehicle_id', '=', range.vehicleId),
            eb('r.opened_at', '>=', range.from),
            eb('r.opened_at', '<', range.before),
          ]),
        ),
      ),
    )
    .where('r.status', '!=', 'cancelled')
    .where((eb) => eb.or([eb('r.mileage_in_km', 'is', null), eb('r.mileage_in_km', '<=', WARRANTY_PERIOD_KM)]))
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('repair_order_jobs as j')
          .select(sql`1`.as('one'))
          .whereRef('j.repair_order_id', '=', 'r.id')
          .where('j.authorization_state', '!=', 'declined')
          .where('j.concern_group', '!=', 'maintenance'),
      ),
    )
    .execute();
}

/** The concern groups of the not-declined jobs of these ROs. */
export function groupsOf(db: Db, repairOrderIds: number[]) {
  return db
    .selectFrom('repair_order_jobs')
    .select(['repair_order_id', 'concern_group'])
    .distinct()
    .where('repair_order_id', 'in', repairOrderIds)
    .where('authorization_state', '!=', 'declined')
    .execute();
}

/** The main-part kinds of the part lines (quantity above zero, job not declined) of these ROs. */
export function mainPartsOf(db: Db, repairOrderIds: number[]) {
  return db
    .selectFrom('repair_order_lines as l')
    .innerJoin('repair_order_jobs as j', 'j.id', 'l.job_id')
    .innerJoin('parts as p', 'p.part_number', 'l.code')
    .select(['l.repair_order_id', 'p.main_part_kind'])
    .distinct()
    .where('l.repair_order_id', 'in', repairOrderIds)
    .where('l.kind', '=', 'part')
    .where('l.qty_milli', '>', 0)
    .where('j.authorization_state', '!=', 'declined')
    .where('p.main_part_kind', 'is not', null)
    .execute();
}

/**
 * The radar from the facts (see radarQuery): vehicles inside their 三包 period on desk day `today` with at least one
 * signal. The same figures and thresholds as shared/domain/warranty-risk, computed in SQL:
 * 1. `repairs`: repair ROs of the vehicles invoiced in the last two years (index vehicles_invoice_date), each
 *    vehicle's ROs through repair_orders_vehicle (vehicle_id, opened_at) from its invoice date; deliveries by key;
 * 2. per vehicle and concern group: delivered repairs and visits (jobs through repair_order_jobs_order);
 * 3. per vehicle and main-part kind: delivered ROs with such a part line (lines by repair_order_lines_order, the
 *    part by its unique number);
 * 4. per vehicle: repair days and the longest repair; kept when a figure reaches its warning threshold.
 */
function figuresQuery(db: Db, today: string, invoicedFrom: string) {
  const fault = NOT_A_FAULT_GROUPS as readonly string[];
  const safety = SAFETY_GROUPS as readonly string[];
  const T = THRESHOLDS;
  return (
    db
      .with('inside', (q) =>
        q
          .selectFrom('vehicles as v')
          .select(['v.id as vehicle_id', 'v.invoice_date'])
          .where('v.invoice_date', '>=', invoicedFrom)
          .where('v.invoice_date', '<=', today)
          .where(sql<boolean>`date(v.invoice_date, ${PERIOD_SPAN}, '-1 day') >= ${today}`)
          .where((eb) =>
            eb.or([
              eb(
                eb
                  .selectFrom('vehicle_mileage as m')
                  .select('m.km')
                  .whereRef('m.vehicle_id', '=', 'v.id')
                  .orderBy('m.recorded_at', 'desc')
                  .orderBy('m.id', 'desc')
                  .limit(1),
                'is',
                null,
              ),
              eb(
                eb
                  .selectFrom('vehicle_mileage as m')
                  .select('m.km')
                  .whereRef('m.vehicle_id', '=', 'v.id')
                  .orderBy('m.recorded_at', 'desc')
                  .orderBy('m.id', 'desc')
                  .limit(1),
                '<=',
                WARRANTY_PERIOD_KM,
              ),
            ]),
          ),
      )
      // Materialised: read once, then grouped three ways (by group, by main part, by vehicle).
      .with(
        (cte) => cte('repairs').materialized(),
        (q) =>
          q
            .selectFrom('inside as i')
            .innerJoin('repair_orders as r', 'r.vehicle_id', 'i.vehicle_id')
            .leftJoin('repair_order_deliveries as d', 'd.repair_order_id', 'r.id')
            .select([
              'r.id as ro_id',
              'i.vehicle_id',
              sql<number>`r.status IN (${sql.join(DELIVERED)})`.as('delivered'),
              sql<number>`julianday(coalesce(date(d.delivered_at, ${DESK_OFFSET}), ${today})) - julianday(date(r.opened_at, ${DESK_OFFSET})) + 1`.as(
                'days',
              ),
            ])
            // The index range: nothing opened before the earliest invoice date can count (a day early for the offset).
            .where('r.opened_at', '>=', invoicedFrom)
            .where(sql<boolean>`date(r.opened_at, ${DESK_OFFSET}) >= i.invoice_date`)
            .where(sql<boolean>`date(r.opened_at, ${DESK_OFFSET}) <= date(i.invoice_date, ${PERIOD_SPAN}, '-1 day')`)
            .where('r.status', '!=', 'cancelled')
            .where((eb) => eb.or([eb('r.mileage_in_km', 'is', null), eb('r.mileage_in_km', '<=', WARRANTY_PERIOD_KM)]))
            .where(({ exists, selectFrom }) =>
              exists(
                selectFrom('repair_order_jobs as j')
                  .select(sql`1`.as('one'))
                  .whereRef('j.repair_order_id', '=', 'r.id')
                  .where('j.authorization_state', '!=', 'declined')
                  .where('j.concern_group', '!=', 'maintenance'),
              ),
            ),
      )
      .with('by_group', (q) =>
        q
          .selectFrom('repairs as rp')
          .innerJoin('repair_order_jobs as j', 'j.repair_order_id', 'rp.ro_id')
          .where('j.authorization_state', '!=', 'declined')
          .groupBy(['rp.vehicle_id', 'j.concern_group'])
          .select([
            'rp.vehicle_id',
            'j.concern_group',
            sql<number>`count(DISTINCT CASE WHEN rp.delivered THEN rp.ro_id END)`.as('delivered_n'),
            sql<number>`count(DISTINCT rp.ro_id)`.as('visits'),
          ]),
      )
      .with('groups', (q) =>
        q
          .selectFrom('by_group as g')
          .groupBy('g.vehicle_id')
          .select([
            'g.vehicle_id',
            sql<number>`max(CASE WHEN g.concern_group NOT IN (${sql.join(fault)}) THEN g.delivered_n ELSE 0 END)`.as('fault_max'),
            sql<number>`max(CASE WHEN g.concern_group IN (${sql.join(safety)}) AND g.visits >= ${T.safety.warnVisits} THEN 1 ELSE 0 END)`.as(
              'safety_warn',
            ),
            sql<number>`max(CASE WHEN g.concern_group IN (${sql.join(safety)}) AND g.delivered_n >= ${T.safety.reachedRepairs} AND g.visits >= ${T.safety.reachedVisits} THEN 1 ELSE 0 END)`.as(
              'safety_reached',
            ),
          ]),
      )
      .with('main_parts', (q) =>
        q
          .selectFrom('repairs as rp')
          // CROSS JOIN keeps SQLite from turning the join around and scanning every line of every RO.
          .crossJoin('repair_order_lines as l')
          .whereRef('l.repair_order_id', '=', 'rp.ro_id')
          .innerJoin('repair_order_jobs as j', 'j.id', 'l.job_id')
          .innerJoin('parts as p', 'p.part_number', 'l.code')
          .where('rp.delivered', '=', 1)
          .where('l.kind', '=', 'part')
          .where('l.qty_milli', '>', 0)
          .where('j.authorization_state', '!=', 'declined')
          .where('p.main_part_kind', 'is not', null)
          .groupBy(['rp.vehicle_id', 'p.main_part_kind'])
          .select(['rp.vehicle_id', sql<number>`count(DISTINCT rp.ro_id)`.as('n')]),
      )
      .with('parts_max', (q) =>
        q
          .selectFrom('main_parts as mp')
          .groupBy('mp.vehicle_id')
          .select(['mp.vehicle_id', sql<number>`max(mp.n)`.as('n')]),
      )
      .with('figures', (q) =>
        q
          .selectFrom('repairs as rp')
          .leftJoin('groups as g', 'g.vehicle_id', 'rp.vehicle_id')
          .leftJoin('parts_max as pm', 'pm.vehicle_id', 'rp.vehicle_id')
          .groupBy('rp.vehicle_id')
          .select([
            'rp.vehicle_id',
            sql<number>`sum(rp.days)`.as('total_days'),
            sql<number>`max(CASE WHEN rp.days >= ${T.longRepair.reached} THEN 1 ELSE 0 END)`.as('long_reached'),
            sql<number>`max(CASE WHEN NOT rp.delivered AND rp.days >= ${T.longRepair.openWarn} THEN 1 ELSE 0 END)`.as(
              'long_warn',
            ),
            sql<number>`coalesce(max(g.fault_max), 0)`.as('fault_max'),
            sql<number>`coalesce(max(g.safety_warn), 0)`.as('safety_warn'),
            sql<number>`coalesce(max(g.safety_reached), 0)`.as('safety_reached'),
            sql<number>`coalesce(max(pm.n), 0)`.as('part_max'),
          ]),
      )
      .selectFrom('figures as f')
      .select([
        'f.vehicle_id',
        'f.total_days',
        sql<number>`(f.fault_max >= ${T.sameFault.reached}) + f.safety_reached + (f.part_max >= ${T.mainPart.reached}) + (f.total_days >= ${T.repairDays.reached}) + f.long_reached`.as(
          'reached',
        ),
      ])
      .where(
        sql<boolean>`(f.fault_max >= ${T.sameFault.warn} OR f.safety_warn OR f.part_max >= ${T.mainPart.warn} OR f.total_days >= ${T.repairDays.warn} OR f.long_warn OR f.long_reached)`,
      )
  );
}

/**
 * The radar computed from the facts of every vehicle, as the radar was read before migration 0026's summary rows (0.54 s
 * at ten years). Not used by the radar any more: kept as the reference that tests compare the summary rows with.
 */
export function radarQuery(
  db: Db,
  today: string,
  invoicedFrom: string,
  page: { offset: number; limit: number; reachedOnly: boolean },
) {
  return figuresQuery(db, today, invoicedFrom)
    .$if(page.reachedOnly, (q) => q.where(sql<boolean>`reached > 0`))
    .orderBy(sql`reached > 0`, 'desc')
    .orderBy('f.total_days', 'desc')
    .orderBy('f.vehicle_id')
    .limit(page.limit + 1)
    .offset(page.offset);
}

/** One row of the radar's order: reached (a signal at its threshold) first, then the most repair days, then the id. */
export interface RadarRow {
  vehicle_id: number;
  reached: number;
  total_days: number;
}

/**
 * The first `limit` vehicles of the radar among those whose repairs in the period are all settled, in the radar's
 * order, from their summary rows (migration 0026): one walk of index warranty_risk_signals_rank, which holds the
 * sort order and every column the filter reads, so vehicles outside their period today are skipped inside the index.
 */
export function settledRadar(db: Db, today: string, page: { limit: number; reachedOnly: boolean }): Promise<RadarRow[]> {
  return (
    db
      .selectFrom('warranty_risk_signals as s')
      .select(['s.vehicle_id', sql<number>`s.level = 2`.as('reached'), 's.repair_days as total_days'])
      // The partial index's own condition, written as it is there so that SQLite uses it.
      .where('s.open_repairs', '=', sql.lit(0))
      .where('s.level', '>', sql.lit(0))
      .$if(page.reachedOnly, (q) => q.where('s.level', '=', 2))
      .where('s.invoice_date', '<=', today)
      .where('s.period_end', '>=', today)
      .where((eb) => eb.or([eb('s.latest_km', 'is', null), eb('s.latest_km', '<=', WARRANTY_PERIOD_KM)]))
      .orderBy('s.level', 'desc')
      .orderBy('s.repair_days', 'desc')
      .orderBy('s.vehicle_id')
      .limit(page.limit)
      .execute()
  );
}

/**
 * The vehicles inside their period today with a repair in it that is not settled: their repair days grow with the
 * clock, so their figures are computed at read time. Few (the cars in the workshop now), through index
 * warranty_risk_signals_open.
 */
export async function vehiclesWithOpenRepairs(db: Db, today: string): Promise<number[]> {
  const rows = await db
    .selectFrom('warranty_risk_signals as s')
    .select('s.vehicle_id')
    // The partial index's own condition, as it is there.
    .where('s.open_repairs', '>', sql.lit(0))
    .where('s.period_end', '>=', today)
    .where('s.invoice_date', '<=', today)
    .where((eb) => eb.or([eb('s.latest_km', 'is', null), eb('s.latest_km', '<=', WARRANTY_PERIOD_KM)]))
    .execute();
  return rows.map((row) => row.vehicle_id);
}

export function findPart(db: Db, partId: number) {
  return db.selectFrom('parts').select(['id', 'main_part_kind']).where('id', '=', partId).executeTakeFirst();
}

export async function setMainPart(db: Db, partId: number, kind: MainPartKind | null, now: string): Promise<void> {
  await db
    .updateTable('parts')
    // Not a change of the part's own fields: its version stays, so an open part form is not made stale by it.
    .set({ main_part_kind: kind, updated_at: now })
    .where('id', '=', partId)
    .execute();
}
