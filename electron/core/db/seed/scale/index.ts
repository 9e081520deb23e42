import { rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { kyselyOver } from '../../connection';
import { migrate } from '../../migrate';
import { MIGRATIONS } from '../../migrations';
import { Random } from '../random';
import { DAY, HOUR, baseVolume, deskDay, deskInstant, iso, visitsOn } from './calendar';
import { readCatalogue } from './catalogue';
import { createFleet } from './fleet';
import { PartsRoom } from './parts-room';
import { Planner } from './planner';
import { PRESETS, type ScaleName } from './presets';
import { writeVisit } from './repair-order';
import { Sink, type IdTable } from './sink';
import { flushStatements } from './statements';
import { createStaff, writeSkills } from './staff';
import { writeAttendance } from './workshop';
import type { World } from './world';
import { writeAppointments } from './appointments';
import { beginBulk, endBulk } from './bulk';

export { PRESETS, SCALES, isScaleName, type ScaleName } from './presets';

/** The schema the generator writes: the migrations that had landed when it was made (issue 13 upgrades from here). */
export const SCALE_SCHEMA_VERSION = 21;

export interface ScaleOptions {
  scale: ScaleName;
  seed?: number;
  /** The end of the history ("today"); the machine's clock by default. */
  now?: Date;
  /** Days of history instead of the scale's own (tests). */
  days?: number;
}

export interface ScaleReport {
  scale: ScaleName;
  seed: number;
  now: string;
  /** Rows written per table. */
  rows: Record<string, number>;
  /** Milliseconds: schema and staff, customers and cars, the ten years, finishing (master, sequences, WAL). */
  ms: { schema: number; fleet: number; history: number; finish: number; total: number };
  /** CPU milliseconds of this process over the whole run (on a shared machine, wall time says more about the others). */
  cpuMs: number;
}

/** How many days go into one transaction: big enough to be fast, small enough that a failure is found early. */
const DAYS_PER_TRANSACTION = 61;

/**
 * Generates a dealership of `options.scale` into `file` (which must not exist), at schema version 21, with the
 * demo users (DEMO_PASSWORD). See README "A ten-year dealership" and the modules of this folder: presets (sizes),
 * calendar (desk days, daily volume), fleet (customers and cars from ../generate.ts), planner (which car comes
 * when), repair-order/workshop/appointments/followup (what a visit leaves in the tables), parts-room (the master and
 * its ledger), sink (ids, sequences, the audit trail).
 *
 * The file is written without a journal and without syncing (a failed run leaves a file to delete, never a dealer's
 * data: the caller writes to a temporary name), and put back in WAL mode at the end.
 */
export async function generateScale(file: string, options: ScaleOptions): Promise<ScaleReport> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const preset = PRESETS[options.scale];
  const days = options.days ?? preset.days;
  const seed = options.seed ?? 42;
  const nowDate = options.now ?? new Date();
  const now = nowDate.getTime();
  const today = deskDay(now);
  const firstDay = today - days + 1;
  const start = deskInstant(firstDay, 8 * 60);
  rmSync(file, { force: true });

  const sqlite = new BetterSqlite3(file);
  const db = kyselyOver(sqlite);
  let report: ScaleReport;
  try {
    await migrate(sqlite, db as never, file, MIGRATIONS.slice(0, SCALE_SCHEMA_VERSION));
    const staff = await createStaff(db, preset, seed, iso(start - 30 * DAY));
    const schemaMs = performance.now() - started;

    const bulk = beginBulk(sqlite);

    const fleetStarted = performance.now();
    const fleet = createFleet(sqlite, preset, seed, nowDate);
    const fleetMs = performance.now() - fleetStarted;

    const historyStarted = performance.now();
    const sink = new Sink(sqlite);
    const random = new Random((seed ^ 0x1e5ca1e) >>> 0);
    const kmPerDay = new Float32Array(fleet.vehicleCount);
    for (let i = 0; i < kmPerDay.length; i++) kmPerDay[i] = random.int(15, 70);
    const w: World = {
      sink,
      fleet,
      parts: new PartsRoom(sink, preset.parts, seed, staff.partsClerk, start - 20 * DAY),
      staff,
      catalogue: readCatalogue(sqlite),
      planner: new Planner(fleet, random, firstDay),
      random,
      now,
      techFree: new Float64Array(staff.technicians.length),
      activeTechs: staff.technicians.length,
      running: new Set(),
      kmPerDay,
      lastDelivery: new Map(),
      vehicleSaves: new Int32Array(fleet.vehicleCount),
      vehicleUpdatedAt: new Float64Array(fleet.vehicleCount),
    };
    // Each transaction ends with the rows still buffered for multi-row INSERTs (see statements.ts).
    const run = (fn: () => void) =>
      sqlite.transaction(() => {
        fn();
        flushStatements(sink.s);
      })();
    for (let d = firstDay; d <= today; d += DAYS_PER_TRANSACTION) {
      run(() => {
        for (let day = d; day < Math.min(d + DAYS_PER_TRANSACTION, today + 1); day++) {
          sink.flushAudit(day);
          w.parts.flush(day);
          const wanted = visitsOn(preset, day - firstDay, day, 0.85 + random.next() * 0.3);
          // About one technician for every four and a half ROs of an average day (about 1.5 clocked hours each).
          w.activeTechs = Math.min(staff.technicians.length, Math.max(3, Math.ceil(baseVolume(preset, day - firstDay) / 4.5)));
          for (const visit of w.planner.day(day, wanted)) writeVisit(w, visit);
          writeAttendance(w, day);
        }
      });
    }
    run(() => {
      // The coming week's bookings (a desk books a few days ahead; fewer the further out).
      for (let day = today + 1; day <= today + 7; day++) {
        const wanted = Math.round(visitsOn(preset, day - firstDay, day, 1) * 0.55 * (1 - (day - today) / 9));
        for (const visit of w.planner.day(day, wanted))
          if (visit.appointment)
            writeAppointments(
              w,
              visit,
              fleet.owners[visit.vehicle]!.at(-1)![0],
              random.pick(staff.advisors),
              null,
              visit.arrival,
            );
      }
      w.parts.topUpForOpenLines(now - HOUR);
      w.parts.flush(Number.POSITIVE_INFINITY);
      sink.flushAudit(Number.POSITIVE_INFINITY);
      w.parts.writeMaster(start - 30 * DAY);
      sink.writeSequences();
      writeSkills(sink, staff);
    });
    const historyMs = performance.now() - historyStarted;

    const finishStarted = performance.now();
    run(() => {
      // A car's version counts its saves after creation (an owner change, each check-in's reading), as the services do.
      const update = sqlite.prepare('UPDATE vehicles SET version = ?, updated_at = ? WHERE id = ?');
      for (let v = 0; v < fleet.vehicleCount; v++) {
        const owners = fleet.owners[v]!;
        const changed = Math.max(fleet.createdAt[v]!, owners.length > 1 ? owners.at(-1)![1] : 0, w.vehicleUpdatedAt[v]!);
        update.run(owners.length + w.vehicleSaves[v]!, iso(changed), v + 1);
      }
    });
    endBulk(sqlite, bulk);
    const rows: Record<string, number> = {
      users: staff.all.length,
      customers: fleet.counts.customers,
      customer_phones: fleet.counts.phones,
      vehicles: fleet.counts.vehicles,
      vehicle_ownerships: fleet.counts.ownerships,
    };
    for (const [table, name] of TABLE_NAMES) rows[name] = sink.count(table);
    rows.vehicle_mileage = Number(sqlite.prepare('SELECT count(*) FROM vehicle_mileage').pluck().get());
    const finishMs = performance.now() - finishStarted;
    report = {
      scale: options.scale,
      seed,
      now: iso(now),
      rows,
      ms: { schema: schemaMs, fleet: fleetMs, history: historyMs, finish: finishMs, total: performance.now() - started },
      cpuMs: cpuOf(process.cpuUsage(cpuStarted)),
    };
  } finally {
    await db.destroy();
  }
  return report;
}

function cpuOf(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

const TABLE_NAMES: readonly [IdTable, string][] = [
  ['repairOrder', 'repair_orders'],
  ['job', 'repair_order_jobs'],
  ['line', 'repair_order_lines'],
  ['statusHistory', 'repair_order_status_history'],
  ['appointment', 'appointments'],
  ['authorisation', 'repair_order_authorisations'],
  ['authorisationJob', 'repair_order_authorisation_jobs'],
  ['declinedWork', 'declined_work'],
  ['clocking', 'job_clockings'],
  ['jobState', 'job_state_history'],
  ['qc', 'qc_inspections'],
  ['certificate', 'completion_certificates'],
  ['payment', 'repair_order_payments'],
  ['comeback', 'comebacks'],
  ['reservation', 'part_reservations'],
  ['oldPart', 'warranty_old_parts'],
  ['damageMark', 'check_in_damage_marks'],
  ['movement', 'stock_movements'],
  ['part', 'parts'],
  ['followupTask', 'followup_tasks'],
  ['followupAttempt', 'followup_attempts'],
  ['surveyResponse', 'survey_responses'],
  ['surveyAnswer', 'survey_answers'],
  ['complaint', 'complaints'],
  ['complaintStep', 'complaint_steps'],
  ['audit', 'audit_log'],
  ['attendance', 'technician_attendance'],
];
