import { describe, expect, it } from 'vitest';
import { migration } from '../../electron/core/db/migrations/0025-create-report-summaries';
import { t, advisorB, SUMMARY_TABLES, rowsOf, useFourReportMonths } from '../fixtures/report-months';

/**
 * The KPI dashboard and the monthly CSI report read summary rows (migration 0025) kept by triggers as the facts are
 * written. On four months of a small service department written through the API (tests/fixtures/report-months.ts):
 * - the summary rows kept by those writes are the rows the upgrade's backfill builds from the same facts, and the
 *   per-month rows are the day rows summed;
 * - after any change of a fact, even ones no screen makes today, the summary rows still equal a rebuild.
 */
useFourReportMonths();

describe('the summary rows', () => {
  it('kept by the writes are the rows the upgrade builds from the same facts', async () => {
    const kept = new Map(SUMMARY_TABLES.map((table) => [table, rowsOf(table)]));
    expect(kept.get('report_ro_facts')!.length).toBeGreaterThan(10);
    expect(kept.get('report_csi_factor_days')!.length).toBeGreaterThan(10);

    for (const table of SUMMARY_TABLES) t.core.deps.sqlite.prepare(`DELETE FROM ${table}`).run();
    const backfill = migration.backfill!;
    let cursor: string | null = null;
    for (;;) {
      const from: string | null = cursor;
      const next: { cursor: string } | null = await t.core.deps.db
        .transaction()
        .execute((trx) => backfill.step(trx as never, from));
      if (!next) break;
      cursor = next.cursor;
    }
    for (const table of SUMMARY_TABLES) expect({ table, rows: rowsOf(table) }).toEqual({ table, rows: kept.get(table) });
  });

  it('per month (migration 0028, what a trend reads) are the day rows summed per month, through the writes and a rebuild', () => {
    const months = t.core.deps.sqlite
      .prepare(
        'SELECT month, technician_id, clocked_ms FROM report_clocking_months WHERE clocked_ms <> 0 ORDER BY month, technician_id',
      )
      .all();
    const fromDays = t.core.deps.sqlite
      .prepare(
        `SELECT substr(day, 1, 7) AS month, technician_id, sum(clocked_ms) AS clocked_ms FROM report_clocking_days
          GROUP BY month, technician_id HAVING sum(clocked_ms) <> 0 ORDER BY month, technician_id`,
      )
      .all();
    expect(months.length).toBeGreaterThan(3);
    expect(months).toEqual(fromDays);
  });
});

describe('the summary rows after any change of a fact', () => {
  /** Rebuilds every summary row from the facts (the upgrade's backfill) and returns whether anything differed. */
  async function rebuiltEqualsKept(): Promise<void> {
    const kept = new Map(SUMMARY_TABLES.map((table) => [table, rowsOf(table)]));
    for (const table of SUMMARY_TABLES) t.core.deps.sqlite.prepare(`DELETE FROM ${table}`).run();
    let cursor: string | null = null;
    for (;;) {
      const from: string | null = cursor;
      const next: { cursor: string } | null = await t.core.deps.db
        .transaction()
        .execute((trx) => migration.backfill!.step(trx as never, from));
      if (!next) break;
      cursor = next.cursor;
    }
    for (const table of SUMMARY_TABLES) expect({ table, rows: rowsOf(table) }).toEqual({ table, rows: kept.get(table) });
  }

  it('even ones no screen makes today (moves, deletions, a vehicle merged) keep them equal to a rebuild', async () => {
    const db = t.core.deps.sqlite;
    const id = (source: string) => (db.prepare(source).get() as { id: number }).id;
    const edits = db.transaction(() => {
      db.prepare('UPDATE survey_answers SET value_text = NULL WHERE id = ?').run(
        id('SELECT min(id) AS id FROM survey_answers WHERE value_text IS NOT NULL'),
      );
      db.prepare('UPDATE survey_answers SET value_int = 3 WHERE id = ?').run(
        id("SELECT max(id) AS id FROM survey_answers WHERE scale = 'scale_1_10'"),
      );
      db.prepare('DELETE FROM survey_answers WHERE id = ?').run(
        id("SELECT min(id) AS id FROM survey_answers WHERE scale = 'scale_1_10'"),
      );
      db.prepare('DELETE FROM survey_response_technicians WHERE response_id = ?').run(
        id('SELECT max(response_id) AS id FROM survey_response_technicians'),
      );
      const moved = id('SELECT min(id) AS id FROM survey_responses');
      db.prepare("UPDATE survey_responses SET answered_at = '2026-09-30T17:00:00.000Z', advisor_id = ? WHERE id = ?").run(
        advisorB.session.user.id,
        moved,
      );
      db.prepare('DELETE FROM complaints WHERE survey_response_id IS NOT NULL').run();
      db.prepare('DELETE FROM survey_responses WHERE id = ?').run(id('SELECT max(id) AS id FROM survey_responses'));
      db.prepare("UPDATE appointments SET starts_at = '2026-11-19T02:00:00.000Z' WHERE id = ?").run(
        id("SELECT max(id) AS id FROM appointments WHERE status <> 'cancelled'"),
      );
      db.prepare('UPDATE appointments SET repair_order_id = NULL WHERE id = ?').run(
        id('SELECT min(id) AS id FROM appointments WHERE repair_order_id IS NOT NULL'),
      );
      db.prepare("UPDATE job_clockings SET ended_at = '2026-08-03T06:00:00.000Z' WHERE id = ?").run(
        id('SELECT min(id) AS id FROM job_clockings'),
      );
      db.prepare('DELETE FROM job_clockings WHERE id = ?').run(id('SELECT max(id) AS id FROM job_clockings'));
      db.prepare("UPDATE repair_order_deliveries SET delivered_at = '2026-10-31T17:00:00.000Z' WHERE repair_order_id = ?").run(
        id('SELECT min(repair_order_id) AS id FROM repair_order_deliveries'),
      );
      db.prepare("UPDATE comebacks SET status = 'suspected' WHERE id = ?").run(id('SELECT max(id) AS id FROM comebacks'));
      db.prepare('UPDATE repair_orders SET mileage_in_km = 120000 WHERE id = ?').run(
        id('SELECT max(later_repair_order_id) AS id FROM comebacks'),
      );
      db.prepare("UPDATE repair_order_jobs SET authorization_state = 'pending' WHERE id = ?").run(
        id('SELECT max(earlier_job_id) AS id FROM comebacks'),
      );
      db.prepare('DELETE FROM comebacks WHERE id = ?').run(id('SELECT min(id) AS id FROM comebacks'));
      db.prepare("UPDATE repair_order_jobs SET authorization_state = 'declined' WHERE id = ?").run(
        id(
          "SELECT max(j.id) AS id FROM repair_order_jobs j JOIN repair_order_deliveries d ON d.repair_order_id = j.repair_order_id WHERE j.authorization_state = 'approved'",
        ),
      );
      db.prepare('UPDATE repair_order_lines SET qty_milli = qty_milli + 250, total_fen = total_fen + 5000 WHERE id = ?').run(
        id('SELECT max(id) AS id FROM repair_order_lines'),
      );
      // Two vehicles merged: the visits of one become the other's.
      const [keep, gone] = db
        .prepare('SELECT DISTINCT vehicle_id AS id FROM repair_orders ORDER BY vehicle_id LIMIT 2')
        .all() as { id: number }[];
      db.prepare('UPDATE repair_orders SET vehicle_id = ? WHERE vehicle_id = ?').run(keep!.id, gone!.id);
      db.prepare("UPDATE repair_orders SET status = 'cancelled' WHERE id = ?").run(
        id("SELECT max(id) AS id FROM repair_orders WHERE status = 'open'"),
      );
    });
    edits();
    await rebuiltEqualsKept();
  });
});
