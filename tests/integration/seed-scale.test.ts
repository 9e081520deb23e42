import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock';
import { openCore, type Core } from '../../electron/core/core';
import { kyselyOver } from '../../electron/core/db/connection';
import { migrate } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { DEMO_PASSWORD } from '../../electron/core/db/seed';
import { generateScale, SCALE_SCHEMA_VERSION, type ScaleReport } from '../../electron/core/db/seed/scale';
import { RO_STATUSES } from '../../shared/domain/repair-order-status';
import { plateSerial } from '../../shared/domain/plate';
import { checkVin, reversed } from '../../shared/domain/vin';
import { FIXED_NOW, makeTempDir, removeDir } from '../fixtures/core';

/**
 * The generated dealership (npm run seed -- --scale …) at its smallest: four weeks up to a fixed "now". The same
 * generator makes the ten-year file the bench measures, so what holds here (valid keys, every stage of an RO, the
 * API reading it like any other file) holds there.
 */
const NOW = FIXED_NOW;

function schemaOf(sqlite: BetterSqlite3.Database): string[] {
  return (
    sqlite.prepare('SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name').all() as {
      type: string;
      name: string;
      sql: string;
    }[]
  ).map((row) => `${row.type} ${row.name}: ${row.sql}`);
}

describe('generated dealership (--scale)', () => {
  let dir: string;
  let file: string;
  let report: ScaleReport;
  let sqlite: BetterSqlite3.Database;

  beforeAll(async () => {
    dir = makeTempDir('baydesk-scale-');
    file = join(dir, 'scale.sqlite');
    report = await generateScale(file, { scale: 'test', seed: 42, now: new Date(NOW) });
    sqlite = new BetterSqlite3(file, { readonly: true });
  }, 60_000);
  afterAll(() => {
    sqlite?.close();
    if (dir) removeDir(dir);
  });

  const count = (sql: string) => Number(sqlite.prepare(sql).pluck().get());

  it('is a sound file at schema 21, with the same schema as a freshly migrated one', async () => {
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(SCALE_SCHEMA_VERSION);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');

    const fresh = new BetterSqlite3(join(dir, 'fresh.sqlite'));
    const db = kyselyOver(fresh);
    await migrate(fresh, db as never, null, MIGRATIONS.slice(0, SCALE_SCHEMA_VERSION));
    const expected = schemaOf(fresh);
    await db.destroy();
    expect(schemaOf(sqlite)).toEqual(expected);
  });

  it('has ROs at every stage, the last days still in the workshop', () => {
    const statuses = sqlite.prepare('SELECT DISTINCT status FROM repair_orders').pluck().all();
    expect([...statuses].sort()).toEqual([...RO_STATUSES].sort());
    // Open work belongs to the last days; what is older was handed over (or withdrawn).
    const oldOpen = count(
      `SELECT count(*) FROM repair_orders WHERE status IN ('open', 'in_progress', 'qc', 'ready') AND opened_at < '2026-11-17'`,
    );
    expect(oldOpen).toBe(0);
    // Nothing happens after "now".
    expect(count(`SELECT count(*) FROM repair_order_status_history WHERE changed_at > '${NOW}'`)).toBe(0);
    expect(count(`SELECT count(*) FROM audit_log WHERE at > '${NOW}'`)).toBe(0);
    expect(count(`SELECT count(*) FROM job_clockings WHERE started_at > '${NOW}'`)).toBe(0);
  });

  it('keeps the proportions of a real service department', () => {
    const ros = report.rows.repair_orders!;
    expect(ros).toBeGreaterThan(500);
    const per = (table: string) => report.rows[table]! / ros;
    expect(per('repair_order_jobs')).toBeGreaterThan(1.3);
    expect(per('repair_order_jobs')).toBeLessThan(2.2);
    expect(per('repair_order_lines')).toBeGreaterThan(4);
    expect(per('repair_order_lines')).toBeLessThan(7.5);
    expect(per('appointments')).toBeGreaterThan(0.35);
    expect(per('survey_responses')).toBeGreaterThan(0.12);
    expect(per('survey_responses')).toBeLessThan(0.4);
    expect(per('audit_log')).toBeGreaterThan(8);
    expect(per('audit_log')).toBeLessThan(16);
    for (const table of ['comebacks', 'complaints', 'stock_movements', 'job_clockings', 'qc_inspections', 'followup_attempts'])
      expect(report.rows[table], table).toBeGreaterThan(0);
    // Sundays are quiet.
    const byWeekday = sqlite
      .prepare(`SELECT strftime('%w', opened_at, '+8 hours') AS d, count(*) AS n FROM repair_orders GROUP BY d`)
      .all() as { d: string; n: number }[];
    const sunday = byWeekday.find((r) => r.d === '0')?.n ?? 0;
    const monday = byWeekday.find((r) => r.d === '1')!.n;
    expect(sunday).toBeLessThan(monday / 2);
  });

  it('writes money, identities and numbers as the services do', () => {
    const lines = sqlite
      .prepare('SELECT qty_milli, unit_price_fen, gross_fen, discount_fen, net_fen, tax_fen, total_fen FROM repair_order_lines')
      .all() as Record<string, number>[];
    for (const l of lines) {
      expect(l.gross_fen).toBe(Math.round((l.qty_milli! * l.unit_price_fen!) / 1000));
      expect(l.net_fen).toBe(l.gross_fen! - l.discount_fen!);
      expect(l.total_fen).toBe(l.net_fen);
    }
    const vehicles = sqlite.prepare('SELECT vin, vin_rev, vin_check_ok, plate, plate_serial FROM vehicles').all() as {
      vin: string;
      vin_rev: string;
      vin_check_ok: number;
      plate: string;
      plate_serial: string;
    }[];
    for (const v of vehicles) {
      expect(v.vin_rev).toBe(reversed(v.vin));
      expect(v.vin_check_ok).toBe(checkVin(v.vin).checkDigitOk ? 1 : 0);
      expect(v.plate_serial).toBe(plateSerial(v.plate));
    }
    const numbers = sqlite.prepare('SELECT number FROM repair_orders ORDER BY id').pluck().all() as string[];
    expect(numbers[0]).toMatch(/^RO20\d\d-000001$/);
    expect(new Set(numbers).size).toBe(numbers.length);
    // A delivered RO's stock left the shelf, and the ledger's running total is the part's stock.
    const drift = count(
      `SELECT count(*) FROM parts p WHERE p.on_hand_milli <> coalesce((SELECT sum(qty_milli) FROM stock_movements m WHERE m.part_id = p.id), 0)`,
    );
    expect(drift).toBe(0);
    expect(count('SELECT count(*) FROM stock_movements WHERE on_hand_after_milli < 0')).toBe(0);
  });

  describe('opened by the core (migrations after 21 run on it)', () => {
    let core: Core;
    let client: ReturnType<Core['client']>;

    beforeAll(async () => {
      core = await openCore({ file, clock: new ManualClock(NOW) });
      const session = await core.client().users.login({ username: 'advisor', password: DEMO_PASSWORD });
      client = core.client(session.token);
    }, 60_000);
    afterAll(async () => {
      await core?.close();
    });

    it('lets the demo advisor find a car by its plate and open its latest RO', async () => {
      const car = sqlite
        .prepare(
          `SELECT v.plate, r.id, r.number FROM repair_orders r JOIN vehicles v ON v.id = r.vehicle_id
            WHERE v.plate <> '' ORDER BY r.id DESC LIMIT 1`,
        )
        .get() as { plate: string; id: number; number: string };
      const found = await client.customers.lookup({ q: car.plate });
      expect(found.rows.some((row) => row.plate === car.plate)).toBe(true);
      const ro = await client.repairOrders.get({ id: car.id });
      expect(ro.number).toBe(car.number);
      expect(ro.jobs.length).toBeGreaterThan(0);
    });

    it('lists the ROs, newest first by default, in pages', async () => {
      const page = await client.repairOrders.grid({ startRow: 0, endRow: 50, sortModel: [], filterModel: {} });
      expect(page.rows).toHaveLength(50);
      expect(page.hasMore).toBe(true);
    });
  });
});
