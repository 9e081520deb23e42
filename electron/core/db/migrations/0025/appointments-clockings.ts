import { sql } from 'kysely';
import { type Sql, deskDay, ONE, MINUS_ONE } from './sql';

// Part of migration 0025 (../0025-create-report-summaries.ts), frozen once landed.

// ---- appointments and clockings: each row carries all its figure needs, so OLD and NEW are the deltas ----

function appointmentPart(x: Sql, sign: Sql): Sql {
  return sql`INSERT INTO report_appointment_days (day, advisor_id, booked, arrived)
    SELECT ${deskDay(sql`${x}.starts_at`)}, ${x}.advisor_id, ${sign}, ${sign} * (${x}.arrived_at IS NOT NULL)
    WHERE ${x}.status <> 'cancelled'
    ON CONFLICT (day, advisor_id) DO UPDATE SET booked = booked + excluded.booked, arrived = arrived + excluded.arrived`;
}

/** Milliseconds of an ended clocking, rounded as reports.efficiency rounds them. */
export const clockedMs = (x: Sql): Sql =>
  sql`CAST(round((julianday(${x}.ended_at) - julianday(${x}.started_at)) * 86400000) AS INTEGER)`;

function clockingPart(x: Sql, sign: Sql): Sql {
  return sql`INSERT INTO report_clocking_days (day, technician_id, clocked_ms)
    SELECT ${deskDay(sql`${x}.started_at`)}, ${x}.technician_id, ${sign} * ${clockedMs(x)}
    WHERE ${x}.ended_at IS NOT NULL
    ON CONFLICT (day, technician_id) DO UPDATE SET clocked_ms = clocked_ms + excluded.clocked_ms`;
}

export function appointmentAndClockingTriggers(): Sql[] {
  return [
    sql`CREATE TRIGGER report_appointments_added AFTER INSERT ON appointments BEGIN ${appointmentPart(sql`NEW`, ONE)}; END`,
    sql`CREATE TRIGGER report_appointments_removed AFTER DELETE ON appointments BEGIN ${appointmentPart(sql`OLD`, MINUS_ONE)}; END`,
    sql`CREATE TRIGGER report_appointments_changed AFTER UPDATE OF starts_at, status, arrived_at, advisor_id ON appointments
      WHEN OLD.starts_at IS NOT NEW.starts_at OR OLD.status IS NOT NEW.status OR OLD.arrived_at IS NOT NEW.arrived_at
        OR OLD.advisor_id IS NOT NEW.advisor_id BEGIN
      ${appointmentPart(sql`OLD`, MINUS_ONE)}; ${appointmentPart(sql`NEW`, ONE)};
    END`,
    sql`CREATE TRIGGER report_clockings_added AFTER INSERT ON job_clockings BEGIN ${clockingPart(sql`NEW`, ONE)}; END`,
    sql`CREATE TRIGGER report_clockings_removed AFTER DELETE ON job_clockings BEGIN ${clockingPart(sql`OLD`, MINUS_ONE)}; END`,
    sql`CREATE TRIGGER report_clockings_changed AFTER UPDATE OF started_at, ended_at, technician_id ON job_clockings
      WHEN OLD.started_at IS NOT NEW.started_at OR OLD.ended_at IS NOT NEW.ended_at OR OLD.technician_id IS NOT NEW.technician_id BEGIN
      ${clockingPart(sql`OLD`, MINUS_ONE)}; ${clockingPart(sql`NEW`, ONE)};
    END`,
  ];
}
