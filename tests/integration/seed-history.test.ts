import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SMALL, seedDemo, SeedRefusedError, type SeedReport } from '../../electron/core/db/seed';
import { addDays, instantAt, wallClock } from '../../shared/domain/desk-time';
import { countRows, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';

// FIXED_NOW is 10:00 on Tuesday 24 November 2026 in Beijing.
const TODAY = wallClock(new Date(FIXED_NOW)).day;
const TABLES = [
  'repair_orders',
  'repair_order_deliveries',
  'survey_responses',
  'complaints',
  'followup_tasks',
  'appointments',
  'stock_movements',
];

function counts(t: TestCore): Record<string, number> {
  return Object.fromEntries(TABLES.map((table) => [table, countRows(t.core, table)]));
}

describe('the demo seed with thirteen months of history', () => {
  let t: TestCore;
  let report: SeedReport;
  beforeAll(async () => {
    t = await openTestCore();
    report = await seedDemo(t.core, { ...DEMO_SMALL, history: true });
    console.log(
      `seed with history: ${(report.ms.total / 1000).toFixed(2)} s (history ${(report.ms.history / 1000).toFixed(2)} s)`,
      report.history,
    );
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('delivers ROs in every one of the last 12 months and more', () => {
    const rows = t.core.deps.sqlite.prepare('SELECT delivered_at FROM repair_order_deliveries').all() as {
      delivered_at: string;
    }[];
    const months = new Set(rows.map((r) => wallClock(new Date(r.delivered_at)).day.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(12);
    expect(rows.length).toBe(report.history!.delivered);
    expect(report.history!.inWorkshop).toBeGreaterThan(0);
    const open = t.core.deps.sqlite
      .prepare("SELECT count(*) AS n FROM repair_orders WHERE status IN ('open', 'in_progress', 'qc', 'ready')")
      .get() as { n: number };
    expect(open.n).toBe(report.history!.inWorkshop);
  });

  it('gives a plausible CSI through followup.csi, with dissatisfied surveys and complaints among them', async () => {
    const session = await t.core.client().users.login({ username: 'manager', password: DEMO_PASSWORD });
    const manager = t.core.client(session.token);
    const csi = await manager.followup.csi({ from: addDays(TODAY, -400), to: TODAY });
    expect(csi.totals.responses).toBe(report.history!.surveys);
    expect(csi.totals.csi).toBeGreaterThan(700);
    expect(csi.totals.csi).toBeLessThan(950);
    const dissatisfied = t.core.deps.sqlite
      .prepare('SELECT count(*) AS n FROM survey_responses WHERE dissatisfied = 1')
      .get() as { n: number };
    expect(dissatisfied.n).toBeGreaterThan(0);
    expect(dissatisfied.n).toBeLessThan(csi.totals.responses / 3);
    expect(countRows(t.core, 'complaints')).toBeGreaterThan(0);
  });

  it('leaves CSI calls due today in the queue', () => {
    const due = t.core.deps.sqlite
      .prepare("SELECT count(*) AS n FROM followup_tasks WHERE kind = 'csi_call' AND status = 'open' AND due_at = ?")
      .get(instantAt(TODAY, 0).toISOString()) as { n: number };
    expect(due.n).toBeGreaterThan(0);
    expect(due.n).toBe(report.history!.callsDueToday);
  });

  it('tells one story: a check-in reading belongs to a visit on file, a consent given has its record', () => {
    const sqlite = t.core.deps.sqlite;
    const orphanReadings = sqlite
      .prepare(
        `SELECT count(*) AS n FROM vehicle_mileage m
          WHERE m.source = 'check_in'
            AND NOT EXISTS (SELECT 1 FROM repair_orders r WHERE r.vehicle_id = m.vehicle_id)`,
      )
      .get() as { n: number };
    expect(orphanReadings.n).toBe(0);
    const unrecorded = sqlite
      .prepare(
        `SELECT count(*) AS n FROM customers c
          WHERE c.consent_to_contact = 1
            AND NOT EXISTS (SELECT 1 FROM customer_consents k WHERE k.customer_id = c.id AND k.granted = 1)`,
      )
      .get() as { n: number };
    expect(unrecorded.n).toBe(0);
    const consenting = sqlite.prepare('SELECT count(*) AS n FROM customers WHERE consent_to_contact = 1').get() as { n: number };
    expect(consenting.n).toBeGreaterThan(0);
  });

  it('writes a sound file', () => {
    expect(t.core.deps.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(t.core.deps.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('refuses to seed again into a database that holds data', async () => {
    const before = counts(t);
    await expect(seedDemo(t.core, { ...DEMO_SMALL, history: true })).rejects.toBeInstanceOf(SeedRefusedError);
    expect(counts(t)).toEqual(before);
  });

  it('builds the same history for the same seed and day', async () => {
    const again = await openTestCore();
    try {
      const second = await seedDemo(again.core, { ...DEMO_SMALL, history: true });
      expect(second.history).toEqual(report.history);
      expect(counts(again)).toEqual(counts(t));
    } finally {
      await again.close();
    }
  }, 180_000);
});
