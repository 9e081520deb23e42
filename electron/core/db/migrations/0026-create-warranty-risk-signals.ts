import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Backfill, Migration } from './types';

/**
 * The 三包 radar's per-vehicle signals (issue 13): the radar listed the worst of 56k cars inside their period by
 * recomputing every signal of every one of them per call (0.54 s at ten years). Now each vehicle with an invoice date
 * has one summary row, kept by SQLite triggers in the transaction of every write that changes it, and the radar
 * reads a page of them through an index on its sort order. Frozen once landed.
 *
 * What a row holds (shared/domain/warranty-risk states the rules, after docs/domain.md "Statutory periods"): the figures
 * of the vehicle's *settled* repairs inside its period (repair ROs delivered or closed with a delivery record), which
 * never change as time passes, and how many of its repairs in the period are not settled (`open_repairs`). Days of an
 * open repair grow every day, so they are not stored: the radar computes the few vehicles with an open repair at read
 * time (index warranty_risk_signals_open) and merges them into the page. Whether a vehicle is inside its period today
 * is also read time (period_end, invoice_date and the latest mileage are in the row and in the index).
 *
 * Why triggers, not the services: the facts are written by many areas (RO create/jobs/lines, authorisation, the
 * workshop's dispatch, parts supply, check-in mileage, settlement and delivery, vehicle edits, customer merges, the
 * parts master and its price import, the demo seed). A trigger runs inside the very statement, so inside its
 * transaction, whichever path wrote the fact, and no other area's code had to change. Each trigger recomputes one
 * vehicle from its own ROs in the period (index seeks, well under a millisecond); a bulk UPDATE of a fact table in a
 * later migration would pay that per row, so such a migration should drop and refill this table instead.
 *
 * The thresholds are the values of shared/domain/warranty-risk THRESHOLDS at the time of writing, frozen here with
 * the migration (tests/integration/warranty-risk.test.ts compares the rows with a computation from scratch that uses
 * the live THRESHOLDS, so a change of the law shows up as a failing test and a new migration). Settled repairs only:
 * a safety group's visits equal its repairs, so "warn from 2 visits" and "reached at 2 repairs and 3 visits" become
 * 2 and 3 repairs; a settled repair of 6 days or more is a long repair reached.
 */

/** Repair ROs inside their vehicle's 三包 period: the same selection as the radar's and the vehicle look-up's. */
const REPAIRS_VIEW = sql`CREATE VIEW warranty_risk_repairs AS
  SELECT r.id AS repair_order_id, r.vehicle_id,
         r.status IN ('delivered', 'closed') AND d.delivered_at IS NOT NULL AS settled,
         CAST(julianday(date(d.delivered_at, '+8 hours')) - julianday(date(r.opened_at, '+8 hours')) + 1 AS INTEGER) AS days
  FROM vehicles v
  JOIN repair_orders r ON r.vehicle_id = v.id
  LEFT JOIN repair_order_deliveries d ON d.repair_order_id = r.id
  WHERE v.invoice_date IS NOT NULL
    -- An index range a day wider than the period on each side (the desk is UTC+8; ISO text compares as time)...
    AND r.opened_at >= date(v.invoice_date, '-1 day')
    AND r.opened_at < date(v.invoice_date, '+2 years', '+1 day')
    -- ...then the exact desk days: from the invoice date to the day before its second anniversary.
    AND date(r.opened_at, '+8 hours') >= v.invoice_date
    AND date(r.opened_at, '+8 hours') <= date(v.invoice_date, '+2 years', '-1 day')
    AND r.status <> 'cancelled'
    AND (r.mileage_in_km IS NULL OR r.mileage_in_km <= 50000)
    AND EXISTS (
      SELECT 1 FROM repair_order_jobs j
      WHERE j.repair_order_id = r.id AND j.authorization_state <> 'declined' AND j.concern_group <> 'maintenance'
    )`;

/** Whether a vehicle has a repair RO in its period: a seek or two, and most vehicles have none (or only maintenance). */
const ANY_REPAIR = sql`EXISTS (SELECT 1 FROM warranty_risk_repairs rp WHERE rp.vehicle_id = v.id)`;

const LATEST_KM = sql`(SELECT m.km FROM vehicle_mileage m WHERE m.vehicle_id = v.id ORDER BY m.recorded_at DESC, m.id DESC LIMIT 1)`;

/**
 * One row per vehicle with an invoice date: the columns of warranty_risk_signals but its level, computed from the
 * facts of that vehicle (what every trigger runs for the vehicles a write touched). Two arms: the figures of a vehicle
 * with repair ROs in its period, and zeros for one without, so a write on a car outside its period (most of them)
 * costs a couple of seeks instead of seven subqueries finding nothing. A condition on vehicle_id reaches both arms.
 */
const FIGURES_VIEW = sql`CREATE VIEW warranty_risk_figures AS
  SELECT v.id AS vehicle_id,
         v.invoice_date,
         date(v.invoice_date, '+2 years', '-1 day') AS period_end,
         ${LATEST_KM} AS latest_km,
         (SELECT count(*) FROM warranty_risk_repairs rp WHERE rp.vehicle_id = v.id AND NOT rp.settled) AS open_repairs,
         (SELECT coalesce(sum(rp.days), 0) FROM warranty_risk_repairs rp WHERE rp.vehicle_id = v.id AND rp.settled) AS repair_days,
         (SELECT coalesce(max(rp.days), 0) FROM warranty_risk_repairs rp WHERE rp.vehicle_id = v.id AND rp.settled) AS longest_repair,
         (SELECT coalesce(max(g.n), 0) FROM (
            SELECT count(DISTINCT rp.repair_order_id) AS n
            FROM warranty_risk_repairs rp JOIN repair_order_jobs j ON j.repair_order_id = rp.repair_order_id
            WHERE rp.vehicle_id = v.id AND rp.settled AND j.authorization_state <> 'declined'
              AND j.concern_group NOT IN ('maintenance', 'diagnostics', 'other')
            GROUP BY j.concern_group) g) AS same_fault_max,
         (SELECT coalesce(max(g.n), 0) FROM (
            SELECT count(DISTINCT rp.repair_order_id) AS n
            FROM warranty_risk_repairs rp JOIN repair_order_jobs j ON j.repair_order_id = rp.repair_order_id
            WHERE rp.vehicle_id = v.id AND rp.settled AND j.authorization_state <> 'declined'
              AND j.concern_group IN ('brakes', 'suspension_steering', 'ev_high_voltage')
            GROUP BY j.concern_group) g) AS safety_max,
         (SELECT coalesce(max(g.n), 0) FROM (
            SELECT count(DISTINCT rp.repair_order_id) AS n
            FROM warranty_risk_repairs rp
            JOIN repair_order_lines l ON l.repair_order_id = rp.repair_order_id
            JOIN repair_order_jobs j ON j.id = l.job_id
            JOIN parts p ON p.part_number = l.code
            WHERE rp.vehicle_id = v.id AND rp.settled AND l.kind = 'part' AND l.qty_milli > 0
              AND j.authorization_state <> 'declined' AND p.main_part_kind IS NOT NULL
            GROUP BY p.main_part_kind) g) AS main_part_max
  FROM vehicles v
  WHERE v.invoice_date IS NOT NULL AND ${ANY_REPAIR}
  UNION ALL
  SELECT v.id, v.invoice_date, date(v.invoice_date, '+2 years', '-1 day'), ${LATEST_KM}, 0, 0, 0, 0, 0, 0
  FROM vehicles v
  WHERE v.invoice_date IS NOT NULL AND NOT ${ANY_REPAIR}`;

const COLUMNS = sql.raw(
  'vehicle_id, invoice_date, period_end, latest_km, open_repairs, repair_days, longest_repair, same_fault_max, safety_max, main_part_max',
);

/**
 * 2: a signal at its legal threshold; 1: a warning only; 0: none. A column of its own written after the figures, not
 * a generated column (SQLite reads the table for those, so the radar's index would not cover its page) nor part of the
 * view (SQLite would inline the view and run each figure's subquery once per mention).
 */
const LEVEL = sql`CASE
    WHEN same_fault_max >= 5 OR safety_max >= 3 OR main_part_max >= 2 OR repair_days >= 31 OR longest_repair >= 6 THEN 2
    WHEN same_fault_max >= 4 OR safety_max >= 2 OR main_part_max >= 1 OR repair_days >= 25 THEN 1
    ELSE 0
  END`;

/** Recomputes the rows of the vehicles `where` selects (a condition on vehicle_id) from the facts. */
export function refresh(where: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`DELETE FROM warranty_risk_signals WHERE ${where};
    INSERT INTO warranty_risk_signals (${COLUMNS}) SELECT ${COLUMNS} FROM warranty_risk_figures WHERE ${where};
    UPDATE warranty_risk_signals SET level = ${LEVEL} WHERE ${where};`;
}

/** The vehicle of an RO, for the triggers of the RO's children. */
export const vehicleOfRo = (ro: string) => sql`vehicle_id = (SELECT vehicle_id FROM repair_orders WHERE id = ${sql.raw(ro)})`;
/** The vehicle of the RO a row was moved away from (none when it stayed on its RO). */
const vehicleOfOldRo = sql`vehicle_id = (SELECT vehicle_id FROM repair_orders WHERE id = OLD.repair_order_id AND OLD.repair_order_id <> NEW.repair_order_id)`;

/** Vehicles with a part line of one of these part numbers on an RO inside their period (index repair_order_lines_part_code). */
const vehiclesWithPart = (numbers: string) => sql`vehicle_id IN (
  SELECT r.vehicle_id FROM repair_order_lines l
  JOIN repair_orders r ON r.id = l.repair_order_id
  JOIN vehicles v ON v.id = r.vehicle_id
  WHERE l.kind = 'part' AND l.code IN (${sql.raw(numbers)}) AND v.invoice_date IS NOT NULL
    AND r.opened_at >= date(v.invoice_date, '-1 day') AND r.opened_at < date(v.invoice_date, '+2 years', '+1 day'))`;

export const isMainPart = (code: string) =>
  sql`EXISTS (SELECT 1 FROM parts WHERE part_number = ${sql.raw(code)} AND main_part_kind IS NOT NULL)`;

export const latestKm = (vehicle: string) => sql`UPDATE warranty_risk_signals
  SET latest_km = (SELECT m.km FROM vehicle_mileage m WHERE m.vehicle_id = ${sql.raw(vehicle)} ORDER BY m.recorded_at DESC, m.id DESC LIMIT 1)
  WHERE vehicle_id = ${sql.raw(vehicle)};`;

/** Every trigger: [name, the event and its condition, the body]. Only constant SQL of this file goes in. */
const TRIGGERS: [string, RawBuilder<unknown>, RawBuilder<unknown>][] = [
  [
    'warranty_risk_vehicle_insert',
    sql`AFTER INSERT ON vehicles WHEN NEW.invoice_date IS NOT NULL`,
    refresh(sql`vehicle_id = NEW.id`),
  ],
  [
    'warranty_risk_vehicle_invoice',
    sql`AFTER UPDATE OF invoice_date ON vehicles WHEN OLD.invoice_date IS NOT NEW.invoice_date`,
    refresh(sql`vehicle_id = NEW.id`),
  ],
  // A trigger rather than a foreign key: it holds whether or not the connection enforces foreign keys.
  [
    'warranty_risk_vehicle_delete',
    sql`AFTER DELETE ON vehicles`,
    sql`DELETE FROM warranty_risk_signals WHERE vehicle_id = OLD.id;`,
  ],
  ['warranty_risk_mileage_insert', sql`AFTER INSERT ON vehicle_mileage`, latestKm('NEW.vehicle_id')],
  [
    'warranty_risk_mileage_update',
    sql`AFTER UPDATE ON vehicle_mileage`,
    sql`${latestKm('NEW.vehicle_id')} ${latestKm('OLD.vehicle_id')}`,
  ],
  ['warranty_risk_mileage_delete', sql`AFTER DELETE ON vehicle_mileage`, latestKm('OLD.vehicle_id')],
  [
    'warranty_risk_ro_update',
    sql`AFTER UPDATE OF status, opened_at, mileage_in_km, vehicle_id ON repair_orders
      WHEN OLD.status IS NOT NEW.status OR OLD.opened_at IS NOT NEW.opened_at
        OR OLD.mileage_in_km IS NOT NEW.mileage_in_km OR OLD.vehicle_id IS NOT NEW.vehicle_id`,
    sql`${refresh(sql`vehicle_id = NEW.vehicle_id`)} ${refresh(sql`vehicle_id = OLD.vehicle_id AND OLD.vehicle_id <> NEW.vehicle_id`)}`,
  ],
  ['warranty_risk_ro_delete', sql`AFTER DELETE ON repair_orders`, refresh(sql`vehicle_id = OLD.vehicle_id`)],
  ['warranty_risk_job_insert', sql`AFTER INSERT ON repair_order_jobs`, refresh(vehicleOfRo('NEW.repair_order_id'))],
  [
    'warranty_risk_job_update',
    sql`AFTER UPDATE OF concern_group, authorization_state, repair_order_id ON repair_order_jobs
      WHEN OLD.concern_group IS NOT NEW.concern_group OR OLD.authorization_state IS NOT NEW.authorization_state
        OR OLD.repair_order_id IS NOT NEW.repair_order_id`,
    sql`${refresh(vehicleOfRo('NEW.repair_order_id'))} ${refresh(vehicleOfOldRo)}`,
  ],
  ['warranty_risk_job_delete', sql`AFTER DELETE ON repair_order_jobs`, refresh(vehicleOfRo('OLD.repair_order_id'))],
  // Only a line of a main part can change a figure; any other line is left alone at no cost.
  [
    'warranty_risk_line_insert',
    sql`AFTER INSERT ON repair_order_lines WHEN NEW.kind = 'part' AND ${isMainPart('NEW.code')}`,
    refresh(vehicleOfRo('NEW.repair_order_id')),
  ],
  [
    'warranty_risk_line_update',
    sql`AFTER UPDATE OF kind, code, qty_milli, job_id, repair_order_id ON repair_order_lines
      WHEN (OLD.kind = 'part' AND ${isMainPart('OLD.code')}) OR (NEW.kind = 'part' AND ${isMainPart('NEW.code')})`,
    sql`${refresh(vehicleOfRo('NEW.repair_order_id'))} ${refresh(vehicleOfOldRo)}`,
  ],
  [
    'warranty_risk_line_delete',
    sql`AFTER DELETE ON repair_order_lines WHEN OLD.kind = 'part' AND ${isMainPart('OLD.code')}`,
    refresh(vehicleOfRo('OLD.repair_order_id')),
  ],
  ['warranty_risk_delivery_insert', sql`AFTER INSERT ON repair_order_deliveries`, refresh(vehicleOfRo('NEW.repair_order_id'))],
  [
    'warranty_risk_delivery_update',
    sql`AFTER UPDATE OF delivered_at, repair_order_id ON repair_order_deliveries`,
    sql`${refresh(vehicleOfRo('NEW.repair_order_id'))} ${refresh(vehicleOfOldRo)}`,
  ],
  ['warranty_risk_delivery_delete', sql`AFTER DELETE ON repair_order_deliveries`, refresh(vehicleOfRo('OLD.repair_order_id'))],
  // Marking a part as a main part (or not) changes every vehicle that had it fitted inside its period.
  [
    'warranty_risk_part_insert',
    sql`AFTER INSERT ON parts WHEN NEW.main_part_kind IS NOT NULL`,
    refresh(vehiclesWithPart('NEW.part_number')),
  ],
  [
    'warranty_risk_part_update',
    sql`AFTER UPDATE OF main_part_kind, part_number ON parts
      WHEN OLD.main_part_kind IS NOT NEW.main_part_kind
        OR (OLD.part_number IS NOT NEW.part_number AND (OLD.main_part_kind IS NOT NULL OR NEW.main_part_kind IS NOT NULL))`,
    refresh(vehiclesWithPart('OLD.part_number, NEW.part_number')),
  ],
  [
    'warranty_risk_part_delete',
    sql`AFTER DELETE ON parts WHEN OLD.main_part_kind IS NOT NULL`,
    refresh(vehiclesWithPart('OLD.part_number')),
  ],
];

/**
 * The backfill, in two passes, because the per-vehicle view (the triggers' way) costs ten years of random reads: at
 * ten years it took 22 s of CPU (74 s on the loaded bench machine) to visit 200k vehicles and their ROs by vehicle.
 * 1. `repairs`: the ROs in id order (the order they were written, so RO, delivery, job and line pages are read in
 *    sequence), chunk by chunk: each repair RO inside its vehicle's period, the concern groups of its settled repairs
 *    and their main-part kinds, into scratch tables keyed by vehicle.
 * 2. `vehicles`: the vehicles in id order, chunk by chunk: each one's row from the scratch tables (a range of their
 *    primary keys) and its latest mileage. The last chunk drops the scratch tables.
 * Cursors are "repairs:<last RO id>" and "vehicles:<last vehicle id>"; every chunk writes with INSERT OR REPLACE or
 * DELETE first, so a chunk that runs again after a stop gives the same rows. The same selection as the view:
 * tests/integration/warranty-risk.test.ts compares the two after a sequence of writes.
 */
const SCRATCH = {
  repairs: sql.raw('warranty_risk_backfill_repairs'),
  groups: sql.raw('warranty_risk_backfill_groups'),
  parts: sql.raw('warranty_risk_backfill_parts'),
};

async function createScratch(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS ${SCRATCH.repairs} (
    repair_order_id INTEGER PRIMARY KEY, vehicle_id INTEGER NOT NULL, settled INTEGER NOT NULL, days INTEGER)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS warranty_risk_backfill_repairs_vehicle ON ${SCRATCH.repairs} (vehicle_id)`.execute(db);
  // One row per settled repair and concern group (or main-part kind): counting rows per key is counting repairs.
  await sql`CREATE TABLE IF NOT EXISTS ${SCRATCH.groups} (
    vehicle_id INTEGER NOT NULL, concern_group TEXT NOT NULL, repair_order_id INTEGER NOT NULL,
    PRIMARY KEY (vehicle_id, concern_group, repair_order_id)) WITHOUT ROWID`.execute(db);
  await sql`CREATE TABLE IF NOT EXISTS ${SCRATCH.parts} (
    vehicle_id INTEGER NOT NULL, main_part_kind TEXT NOT NULL, repair_order_id INTEGER NOT NULL,
    PRIMARY KEY (vehicle_id, main_part_kind, repair_order_id)) WITHOUT ROWID`.execute(db);
  for (const table of Object.values(SCRATCH)) await sql`DELETE FROM ${table}`.execute(db);
}

/** The repair ROs with id in (after, last]: their repairs, groups and main parts into the scratch tables. */
async function scratchRepairs(db: Kysely<unknown>, after: number, last: number): Promise<void> {
  await sql`INSERT OR REPLACE INTO ${SCRATCH.repairs} (repair_order_id, vehicle_id, settled, days)
    SELECT repair_order_id, vehicle_id, settled, days FROM warranty_risk_repairs
    WHERE repair_order_id > ${after} AND repair_order_id <= ${last}`.execute(db);
  // CROSS JOIN: from the few repairs of the chunk to their jobs and lines, never the other way round.
  await sql`INSERT OR IGNORE INTO ${SCRATCH.groups} (vehicle_id, concern_group, repair_order_id)
    SELECT b.vehicle_id, j.concern_group, b.repair_order_id
    FROM ${SCRATCH.repairs} b CROSS JOIN repair_order_jobs j ON j.repair_order_id = b.repair_order_id
    WHERE b.repair_order_id > ${after} AND b.repair_order_id <= ${last} AND b.settled AND j.authorization_state <> 'declined'`.execute(
    db,
  );
  await sql`INSERT OR IGNORE INTO ${SCRATCH.parts} (vehicle_id, main_part_kind, repair_order_id)
    SELECT b.vehicle_id, p.main_part_kind, b.repair_order_id
    FROM ${SCRATCH.repairs} b
    CROSS JOIN repair_order_lines l ON l.repair_order_id = b.repair_order_id
    JOIN repair_order_jobs j ON j.id = l.job_id
    JOIN parts p ON p.part_number = l.code
    WHERE b.repair_order_id > ${after} AND b.repair_order_id <= ${last} AND b.settled AND l.kind = 'part' AND l.qty_milli > 0
      AND j.authorization_state <> 'declined' AND p.main_part_kind IS NOT NULL`.execute(db);
}

/** The rows of the vehicles with id in (after, last] from the scratch tables. */
async function rowsFromScratch(db: Kysely<unknown>, after: number, last: number): Promise<void> {
  await sql`DELETE FROM warranty_risk_signals WHERE vehicle_id > ${after} AND vehicle_id <= ${last}`.execute(db);
  await sql`INSERT INTO warranty_risk_signals (${COLUMNS})
    SELECT v.id, v.invoice_date, date(v.invoice_date, '+2 years', '-1 day'), ${LATEST_KM},
           coalesce(r.open_n, 0), coalesce(r.days, 0), coalesce(r.longest, 0), coalesce(g.fault, 0), coalesce(g.safety, 0), coalesce(p.n, 0)
    FROM vehicles v
    LEFT JOIN (
      SELECT vehicle_id, sum(NOT settled) AS open_n, sum(CASE WHEN settled THEN days ELSE 0 END) AS days,
             max(CASE WHEN settled THEN days ELSE 0 END) AS longest
      FROM ${SCRATCH.repairs} WHERE vehicle_id > ${after} AND vehicle_id <= ${last} GROUP BY vehicle_id) r ON r.vehicle_id = v.id
    LEFT JOIN (
      SELECT vehicle_id, max(CASE WHEN concern_group NOT IN ('maintenance', 'diagnostics', 'other') THEN n ELSE 0 END) AS fault,
             max(CASE WHEN concern_group IN ('brakes', 'suspension_steering', 'ev_high_voltage') THEN n ELSE 0 END) AS safety
      FROM (SELECT vehicle_id, concern_group, count(*) AS n FROM ${SCRATCH.groups}
            WHERE vehicle_id > ${after} AND vehicle_id <= ${last} GROUP BY vehicle_id, concern_group)
      GROUP BY vehicle_id) g ON g.vehicle_id = v.id
    LEFT JOIN (
      SELECT vehicle_id, max(n) AS n
      FROM (SELECT vehicle_id, main_part_kind, count(*) AS n FROM ${SCRATCH.parts}
            WHERE vehicle_id > ${after} AND vehicle_id <= ${last} GROUP BY vehicle_id, main_part_kind)
      GROUP BY vehicle_id) p ON p.vehicle_id = v.id
    WHERE v.id > ${after} AND v.id <= ${last} AND v.invoice_date IS NOT NULL`.execute(db);
  await sql`UPDATE warranty_risk_signals SET level = ${LEVEL} WHERE vehicle_id > ${after} AND vehicle_id <= ${last}`.execute(db);
}

/** The next chunk of ids after `after` in a table: its last id and how many, or null when none is left. */
async function nextChunk(db: Kysely<unknown>, table: 'repair_orders' | 'vehicles', after: number, size: number) {
  const { rows } = await sql<{ last: number | null; n: number }>`
    SELECT max(id) AS last, count(*) AS n FROM (SELECT id FROM ${sql.table(table)} WHERE id > ${after} ORDER BY id LIMIT ${size})`.execute(
    db,
  );
  const last = rows[0]?.last ?? null;
  return last === null ? null : { last, n: rows[0]!.n };
}

/** The backfill with chunks of the given sizes (tests use small ones to cross chunk borders). */
export function signalsBackfill(chunks: { repairs: number; vehicles: number }): Backfill {
  async function step(db: Kysely<unknown>, cursor: string | null): Promise<{ cursor: string; done: number } | null> {
    const [phase = '', position = ''] = cursor?.split(':') ?? [];
    const at = Number(position);
    // At the start (or from a cursor this code did not write): from the first RO, with empty scratch tables.
    if (!['repairs', 'vehicles'].includes(phase) || !Number.isInteger(at)) {
      await createScratch(db);
      return step(db, 'repairs:0');
    }
    if (phase === 'repairs') {
      const chunk = await nextChunk(db, 'repair_orders', at, chunks.repairs);
      if (!chunk) return { cursor: 'vehicles:0', done: 0 };
      await scratchRepairs(db, at, chunk.last);
      return { cursor: `repairs:${chunk.last}`, done: chunk.n };
    }
    const chunk = await nextChunk(db, 'vehicles', at, chunks.vehicles);
    if (!chunk) {
      for (const table of Object.values(SCRATCH)) await sql`DROP TABLE IF EXISTS ${table}`.execute(db);
      return null;
    }
    await rowsFromScratch(db, at, chunk.last);
    return { cursor: `vehicles:${chunk.last}`, done: chunk.n };
  }
  return {
    async total(db) {
      const { rows } = await sql<{
        n: number;
      }>`SELECT (SELECT count(*) FROM repair_orders) + (SELECT count(*) FROM vehicles) AS n`.execute(db);
      return rows[0]?.n ?? 0;
    },
    step,
  };
}

export const migration: Migration = {
  name: '0026-create-warranty-risk-signals',
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE warranty_risk_signals (
      vehicle_id INTEGER PRIMARY KEY,
      invoice_date TEXT NOT NULL,
      -- The last desk day of the period: date(invoice_date, '+2 years', '-1 day').
      period_end TEXT NOT NULL,
      -- The latest mileage reading (null: none); over 50,000 km ends the period.
      latest_km INTEGER,
      -- Repair ROs in the period not yet settled (not delivered, or delivered without a delivery record).
      open_repairs INTEGER NOT NULL,
      -- Calendar days of the settled repairs, both ends counted, and the longest of them.
      repair_days INTEGER NOT NULL,
      longest_repair INTEGER NOT NULL,
      -- Settled repairs in the concern group with most of them: fault groups, safety groups; ROs with a main part of
      -- the kind replaced most often.
      same_fault_max INTEGER NOT NULL,
      safety_max INTEGER NOT NULL,
      main_part_max INTEGER NOT NULL,
      -- 2: a signal at its legal threshold, 1: a warning only, 0: none (of the settled repairs); see LEVEL.
      level INTEGER NOT NULL DEFAULT 0
    )`.execute(db);
    // The radar's page: worst first (reached before warnings, then most repair days), vehicles without an open repair;
    // the period and mileage columns let the page skip vehicles outside their period without reading the table.
    await sql`CREATE INDEX warranty_risk_signals_rank
      ON warranty_risk_signals (level DESC, repair_days DESC, vehicle_id, period_end, invoice_date, latest_km)
      WHERE open_repairs = 0 AND level > 0`.execute(db);
    // The few vehicles with an open repair, whose figures the radar computes at read time.
    await sql`CREATE INDEX warranty_risk_signals_open
      ON warranty_risk_signals (period_end, invoice_date, latest_km) WHERE open_repairs > 0`.execute(db);
    // Which ROs had a part fitted (marking a part as a main part recomputes those vehicles; otherwise a full scan).
    await sql`CREATE INDEX repair_order_lines_part_code ON repair_order_lines (code) WHERE kind = 'part'`.execute(db);
    await REPAIRS_VIEW.execute(db);
    await FIGURES_VIEW.execute(db);
    for (const [name, event, body] of TRIGGERS) {
      await sql`CREATE TRIGGER ${sql.raw(name)} ${event} BEGIN ${body} END`.execute(db);
    }
  },
  // At ten years: 17 chunks (63 with the first 20,000 / 5,000), 6-13 s of CPU in all (cold or warm page cache).
  backfill: signalsBackfill({ repairs: 50_000, vehicles: 25_000 }),
};
