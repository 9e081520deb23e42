import { sql } from 'kysely';
import { queueRunBody } from './0025/repair-orders';
import { isMainPart, latestKm, refresh, vehicleOfRo } from './0026-create-warranty-risk-signals';
import type { Migration } from './types';

/**
 * Issue 18 item 1, the previous DMS's history at speed. Frozen once landed.
 *
 * An RO written from the desk changes one fact at a time and its triggers recompute its report facts and its
 * vehicle's 三包 signals each time, which is what keeps the reports exact inside every transaction. An import writes
 * an RO, its job, its delivery and its mileage, then its lines one by one: the same recomputation ran ~9 times per RO
 * (and the facts sum all of the RO's lines each time), most of the import's time. While `fact_refresh_hold` holds its
 * one row, inside one import batch's transaction, those triggers only queue the RO (report_queue, as always); at the
 * end of the batch, still inside its transaction, imports/held-facts.ts removes the row and recomputes every queued RO
 * and its vehicle once, set-wise, with the very same SQL. No other write sees the row: it is inserted and deleted in
 * the batch's own transaction on the core's one writing connection.
 */
const HELD = sql`NOT EXISTS (SELECT 1 FROM fact_refresh_hold WHERE id = 1)`;

export const migration: Migration = {
  name: '0039-hold-facts-during-imports',
  async up(db) {
    await sql`CREATE TABLE fact_refresh_hold (id INTEGER PRIMARY KEY CHECK (id = 1))`.execute(db);
    await sql`DROP TRIGGER report_queue_run`.execute(db);
    await sql`CREATE TRIGGER report_queue_run AFTER INSERT ON report_queue WHEN ${HELD} BEGIN
      ${queueRunBody()}
    END`.execute(db);
    // The 三包 signals' triggers on the inserts an import makes (the same events and bodies as in 0026, held).
    await sql`DROP TRIGGER warranty_risk_job_insert`.execute(db);
    await sql`CREATE TRIGGER warranty_risk_job_insert AFTER INSERT ON repair_order_jobs WHEN ${HELD} BEGIN
      ${refresh(vehicleOfRo('NEW.repair_order_id'))}
    END`.execute(db);
    await sql`DROP TRIGGER warranty_risk_delivery_insert`.execute(db);
    await sql`CREATE TRIGGER warranty_risk_delivery_insert AFTER INSERT ON repair_order_deliveries WHEN ${HELD} BEGIN
      ${refresh(vehicleOfRo('NEW.repair_order_id'))}
    END`.execute(db);
    await sql`DROP TRIGGER warranty_risk_line_insert`.execute(db);
    await sql`CREATE TRIGGER warranty_risk_line_insert AFTER INSERT ON repair_order_lines
      WHEN NEW.kind = 'part' AND ${isMainPart('NEW.code')} AND ${HELD} BEGIN
      ${refresh(vehicleOfRo('NEW.repair_order_id'))}
    END`.execute(db);
    await sql`DROP TRIGGER warranty_risk_mileage_insert`.execute(db);
    await sql`CREATE TRIGGER warranty_risk_mileage_insert AFTER INSERT ON vehicle_mileage WHEN ${HELD} BEGIN
      ${latestKm('NEW.vehicle_id')}
    END`.execute(db);
  },
};
