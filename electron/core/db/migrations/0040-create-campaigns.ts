import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * Issue 19 item 2, recall and service campaigns (召回 / 服务活动). Frozen once landed.
 *
 * A campaign, its list of affected VINs (the car resolved by VIN when the desk knows it), and the RO jobs that carry
 * a campaign's remedy. The look-up, the vehicle page, booking and check-in ask "open campaigns of this VIN" through
 * the partial index on open rows; a campaign's done count is a summary kept by trigger, so the progress list reads
 * one row per campaign. Completion is written where the delivery is: a trigger on repair_order_deliveries marks the
 * campaign rows of the delivered RO's campaign jobs done, in the delivery's own transaction.
 */
export const migration: Migration = {
  name: '0040-create-campaigns',
  async up(db) {
    await sql`CREATE TABLE campaigns (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      kind TEXT NOT NULL,
      mandatory INTEGER NOT NULL,
      labor_operation_id INTEGER NOT NULL REFERENCES labor_operations (id),
      labor_hours_milli INTEGER NOT NULL,
      parts_json TEXT NOT NULL,
      starts_on TEXT NOT NULL,
      ends_on TEXT NOT NULL,
      status TEXT NOT NULL,
      file_name TEXT NOT NULL,
      affected_count INTEGER NOT NULL DEFAULT 0,
      done_count INTEGER NOT NULL DEFAULT 0,
      refused_count INTEGER NOT NULL DEFAULT 0,
      created_by INTEGER NOT NULL REFERENCES users (id),
      created_at TEXT NOT NULL
    )`.execute(db);
    await sql`CREATE INDEX campaigns_starts ON campaigns (starts_on, id)`.execute(db);
    await sql`CREATE TABLE campaign_vehicles (
      id INTEGER PRIMARY KEY,
      campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
      vin TEXT NOT NULL,
      vehicle_id INTEGER REFERENCES vehicles (id),
      done_repair_order_id INTEGER REFERENCES repair_orders (id),
      done_at TEXT
    )`.execute(db);
    await sql`CREATE UNIQUE INDEX campaign_vehicles_campaign_vin ON campaign_vehicles (campaign_id, vin)`.execute(db);
    // "Open campaigns of a VIN": only rows not done are in it, so it shrinks as the campaign is carried out.
    await sql`CREATE INDEX campaign_vehicles_open_vin ON campaign_vehicles (vin, campaign_id) WHERE done_at IS NULL`.execute(db);
    // Progress by month of one campaign.
    await sql`CREATE INDEX campaign_vehicles_done ON campaign_vehicles (campaign_id, done_at) WHERE done_at IS NOT NULL`.execute(
      db,
    );
    await sql`CREATE TABLE campaign_jobs (
      job_id INTEGER PRIMARY KEY REFERENCES repair_order_jobs (id) ON DELETE CASCADE,
      campaign_vehicle_id INTEGER NOT NULL REFERENCES campaign_vehicles (id) ON DELETE CASCADE
    )`.execute(db);
    await sql`CREATE INDEX campaign_jobs_vehicle ON campaign_jobs (campaign_vehicle_id)`.execute(db);
    // A declined campaign job was not carried out: only the others complete the campaign for the car.
    await sql`CREATE TRIGGER campaign_done_on_delivery AFTER INSERT ON repair_order_deliveries BEGIN
      UPDATE campaign_vehicles SET done_repair_order_id = NEW.repair_order_id, done_at = NEW.delivered_at
      WHERE done_at IS NULL AND id IN (
        SELECT cj.campaign_vehicle_id FROM repair_order_jobs j JOIN campaign_jobs cj ON cj.job_id = j.id
        WHERE j.repair_order_id = NEW.repair_order_id AND j.authorization_state <> 'declined'
      );
    END`.execute(db);
    await sql`CREATE TRIGGER campaign_done_count AFTER UPDATE OF done_at ON campaign_vehicles
      WHEN (OLD.done_at IS NULL) <> (NEW.done_at IS NULL) BEGIN
      UPDATE campaigns SET done_count = done_count + (CASE WHEN NEW.done_at IS NULL THEN -1 ELSE 1 END)
      WHERE id = NEW.campaign_id;
    END`.execute(db);
  },
};
