import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { FTF_DIMENSIONS, FTF_FIGURES } from '../../shared/contract/reports';
import { COMEBACK_STATUSES } from '../../shared/domain/first-time-fix';
import { migration as m0023 } from '../../electron/core/db/migrations/0023-index-deliveries-comebacks';
import * as repo from '../../electron/core/reports/repository';
import * as reports from '../../electron/core/reports/service';
import { FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { captureStatements, planOf, planProblems, type CapturedStatement } from '../fixtures/query-plan';
import { passQualityCheck } from '../fixtures/quality';
import { beijing, deliveredRo } from '../fixtures/repair-orders';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * The comebacks list, comeback detection inside the job writes, first-time fix and its drill-down read indexes only
 * (issue 13): every statement these procedures run is planned on a fresh migrated file and must not scan a table
 * that grows with the years, nor sort a page in a temporary B-tree. Plans do not depend on how many rows there are,
 * so a small file proves the shape that a ten-year file is read with.
 */

let t: TestCore;
let advisor: SignedIn;
let foreman: SignedIn;
let technician: SignedIn;
let earlier: RepairOrderDetail;
let later: RepairOrderDetail;

/** Plan problems of every statement `work` ran, each with its SQL so a failure says which one. */
async function problemsOf(work: () => Promise<unknown>, options: Parameters<typeof planProblems>[1] = {}) {
  const statements = await captureStatements(work);
  expect(statements.length).toBeGreaterThan(0);
  return problemsIn(statements, options);
}

function problemsIn(statements: CapturedStatement[], options: Parameters<typeof planProblems>[1] = {}) {
  return statements.flatMap((s) => {
    // EXPLAIN QUERY PLAN plans an UPDATE or DELETE by what its WHERE reads: writes are checked like reads.
    if (/^\s*(begin|commit|rollback|savepoint|release|pragma)/i.test(s.sql)) return [];
    const problems = planProblems(planOf(t.core.deps.sqlite, s.sql, s.parameters), options);
    return problems.length > 0 ? [{ sql: s.sql, problems }] : [];
  });
}

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  foreman = await signIn(t.core, 'foreman');
  technician = await signIn(t.core, 'technician');
  const customer = await makeCustomer(advisor.client);
  const vehicleId = (await makeVehicle(advisor.client, customer.id)).id;
  earlier = await deliveredRo({
    advisor,
    inspector: foreman,
    dispatch: { by: foreman, technician },
    clock: t.clock,
    vehicleId,
    openDay: '2026-11-02',
    deliverDay: '2026-11-02',
    group: 'brakes',
  });
  t.clock.set(beijing('2026-11-12', '10:00'));
  later = await advisor.client.repairOrders.create({ vehicleId, concerns: ['刹车还响'] });
  t.clock.set(FIXED_NOW);
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe('comeback detection inside the job writes', () => {
  it('updateJob (triage) and addJob find the earlier jobs by the vehicle’s ROs and their keys, not the status history', async () => {
    const c = advisor.client.repairOrders;
    const triage = await captureStatements(async () => {
      later = await c.updateJob({ id: later.id, version: later.version, jobId: later.jobs[0]!.id, concernGroup: 'brakes' });
    });
    const add = await captureStatements(async () => {
      later = await c.addJob({ id: later.id, version: later.version, concern: '刹车踏板软', concernGroup: 'brakes' });
    });
    // The detection ran and linked both jobs: the plans below are of the statements that did it.
    const links = (await foreman.client.workshop.comebacks({})).rows.filter((row) => row.later.repairOrderId === later.id);
    expect(links.map((row) => row.earlier.repairOrderId)).toEqual([earlier.id, earlier.id]);
    const statements = [...triage, ...add];
    const lookUps = statements.filter((s) => /repair_order_deliveries/.test(s.sql) && /vehicle_id/.test(s.sql));
    expect(lookUps).toHaveLength(2);
    for (const lookUp of lookUps) {
      const plan = planOf(t.core.deps.sqlite, lookUp.sql, lookUp.parameters);
      expect(plan[0]).toMatch(/^SEARCH ro USING INDEX repair_orders_vehicle \(vehicle_id=\? AND opened_at<\?\)/);
      expect(plan.slice(1).every((line) => /^SEARCH \w+ USING (?:INTEGER PRIMARY KEY|(?:COVERING )?INDEX)/.test(line))).toBe(
        true,
      );
    }
    expect(statements.some((s) => /repair_order_status_history/.test(s.sql) && /to_status\W+=/.test(s.sql))).toBe(false);
    // Every statement of the two writes, detection and the rest (the RO read back, the audit entry).
    expect(problemsIn(statements)).toEqual([]);
  });
});

describe('the comebacks list', () => {
  const cases = [
    {},
    ...COMEBACK_STATUSES.map((status) => ({ status })),
    { from: '2026-11-01', to: '2026-11-30' },
    { from: '2026-11-01' },
    { to: '2026-11-30' },
    { status: 'suspected' as const, from: '2026-11-01', to: '2026-11-30' },
    { offset: 40, limit: 200 },
  ];
  it.each(cases)('%j walks an index in the list order, and reads the rows of the page by key', async (input) => {
    expect(await problemsOf(() => foreman.client.workshop.comebacks(input))).toEqual([]);
  });

  it('the default page is read in the order of comebacks_list (no sort of all links)', async () => {
    const statements = await captureStatements(() => foreman.client.workshop.comebacks({}));
    const page = statements.find((s) => /order by/i.test(s.sql))!;
    expect(planOf(t.core.deps.sqlite, page.sql, page.parameters).join('\n')).toMatch(/SCAN c USING INDEX comebacks_list\b/);
    const filtered = (await captureStatements(() => foreman.client.workshop.comebacks({ status: 'confirmed' }))).find((s) =>
      /order by/i.test(s.sql),
    )!;
    expect(planOf(t.core.deps.sqlite, filtered.sql, filtered.parameters).join('\n')).toMatch(
      /SEARCH c USING INDEX comebacks_list_status/,
    );
  });
});

describe('first-time fix', () => {
  const period = { from: '2025-12-01', to: '2026-11-30' };

  // The API runs first-time fix and efficiency in a read worker (its own connection, out of reach of the statement
  // listener); the service functions are what the worker runs, so their statements are the procedure's.
  it.each(FTF_DIMENSIONS)('over a year by %s reads delivered jobs and the period’s links by index', async (by) => {
    const report = await reports.firstTimeFix(t.core.deps, { ...period, by });
    expect(report.totals).toMatchObject({ jobs: 1, withComeback: 1 });
    expect(await problemsOf(() => reports.firstTimeFix(t.core.deps, { ...period, by }))).toEqual([]);
  });

  const drills = FTF_DIMENSIONS.flatMap((by) =>
    FTF_FIGURES.flatMap((figure) => [
      { by, figure },
      { by, figure, key: by === 'operation' ? '' : by === 'concernGroup' ? 'brakes' : '1' },
    ]),
  );
  it.each(drills)('drill-down %j pages by delivery time without sorting the period', async (input) => {
    expect(await problemsOf(() => foreman.client.reports.drillDown({ ...period, ...input }))).toEqual([]);
  });

  it('the dashboard’s opening calls (30 days: first-time fix by technician, efficiency, the window) scan no growing table', async () => {
    const opening = { from: '2026-10-26', to: '2026-11-24' };
    // efficiency reads the users who are technicians or have hours: users is small (the plan names it by its alias u).
    expect(
      await problemsOf(
        async () => {
          await reports.firstTimeFix(t.core.deps, { ...opening, by: 'technician' });
          await reports.efficiency(t.core.deps, opening);
          await foreman.client.workshop.comebackWindow({});
        },
        { allowScan: ['u'] },
      ),
    ).toEqual([]);
  });
});

describe('a period as the summary rows read it', () => {
  it('takes whole months from the month rows, the ends and the days still in their window from the day rows', () => {
    expect(reports.summarySpans('2025-12-07', '2026-12-06', '2026-11-06')).toEqual({
      days: [
        { from: '2025-12-07', to: '2025-12-31' },
        { from: '2026-11-01', to: '2026-12-06' },
      ],
      months: { from: '2026-01', to: '2026-10' },
    });
    expect(reports.summarySpans('2026-11-01', '2026-11-30')).toEqual({ days: [], months: { from: '2026-11', to: '2026-11' } });
    expect(reports.summarySpans('2024-02-01', '2024-02-29', '2024-03-01')).toEqual({
      days: [],
      months: { from: '2024-02', to: '2024-02' },
    });
    expect(reports.summarySpans('2026-11-05', '2026-11-20')).toEqual({
      days: [{ from: '2026-11-05', to: '2026-11-20' }],
      months: null,
    });
    expect(reports.summarySpans('2026-09-01', '2026-11-30', '2026-09-15')).toEqual({
      days: [{ from: '2026-09-01', to: '2026-11-30' }],
      months: null,
    });
  });
});

describe('delivered jobs and their summary rows, kept by the handover', () => {
  /** The later RO handed over: a labor line on its first job, the second job declined, delivered on 13 November. */
  async function deliverLater(): Promise<void> {
    const c = advisor.client.repairOrders;
    const [first, second] = later.jobs;
    t.clock.set(beijing('2026-11-13', '09:00'));
    later = await c.updateJob({ id: later.id, version: later.version, jobId: first!.id, workCategory: 'level1_minor_special' });
    later = await c.addLaborLine({
      id: later.id,
      version: later.version,
      jobId: first!.id,
      code: 'BRK02',
      nameZh: '刹车检查',
      hoursMilli: 1200,
      laborRateFen: 20_000,
    });
    later = await c.authorise({
      id: later.id,
      version: later.version,
      customerName: later.customer.name,
      channel: 'phone',
      decisions: [
        { jobId: first!.id, decision: 'approved' },
        { jobId: second!.id, decision: 'declined' },
      ],
    });
    await foreman.client.workshop.assign({ jobId: first!.id, technicianId: technician.session.user.id, overrideSkills: true });
    later = await c.get({ id: later.id });
    later = await c.transition({ id: later.id, version: later.version, to: 'in_progress' });
    await passQualityCheck(foreman, later.id);
    later = await c.get({ id: later.id });
    for (const to of ['qc', 'ready'] as const) later = await c.transition({ id: later.id, version: later.version, to });
    t.clock.set(beijing('2026-11-13', '17:00'));
    later = await c.deliver({ id: later.id, version: later.version, explanation: '已说明', collectedBy: '车主' });
    t.clock.set(FIXED_NOW);
  }

  it('equal what the backfill computes from scratch, and the figures equal the status history’s count', async () => {
    await deliverLater();
    const sqlite = t.core.deps.sqlite;
    const snapshot = () => ({
      jobs: sqlite.prepare('SELECT * FROM delivered_jobs ORDER BY delivered_at, job_id').all(),
      operations: sqlite.prepare('SELECT * FROM delivered_job_operations ORDER BY delivered_at, job_id, code').all(),
      days: sqlite.prepare('SELECT * FROM delivered_job_days ORDER BY dimension, day, key').all(),
      months: sqlite.prepare('SELECT * FROM delivered_job_months ORDER BY dimension, month, key').all(),
      links: sqlite
        .prepare('SELECT id, earlier_delivered_at, later_opened_at, later_delivered_at FROM comebacks ORDER BY id')
        .all(),
    });
    const kept = snapshot();
    expect(kept.jobs).toHaveLength(2);
    expect(kept.days).toContainEqual({
      dimension: 'operation',
      day: '2026-11-13',
      key: 'BRK02',
      ros: 0,
      jobs: 1,
      labor_milli: 0,
      label_zh: '刹车检查',
      label_en: expect.any(String),
    });
    expect(kept.days).toContainEqual(
      expect.objectContaining({ dimension: 'technician', day: '2026-11-13', jobs: 1, labor_milli: 1200 }),
    );
    // Both links name the later RO: its handover wrote its delivery onto them.
    expect(kept.links.map((link) => (link as { later_delivered_at: string }).later_delivered_at)).toEqual([
      beijing('2026-11-13', '17:00'),
      beijing('2026-11-13', '17:00'),
    ]);
    sqlite.exec(`DELETE FROM delivered_job_operations; DELETE FROM delivered_jobs; DELETE FROM delivered_job_days; DELETE FROM delivered_job_months;
      UPDATE comebacks SET earlier_delivered_at = NULL, later_opened_at = NULL, later_delivered_at = NULL`);
    await t.core.deps.db.transaction().execute(async (trx) => {
      let cursor: string | null = null;
      for (;;) {
        const next: { cursor: string } | null = await m0023.backfill!.step(trx as never, cursor);
        if (next === null) break;
        cursor = next.cursor;
      }
    });
    expect(snapshot()).toEqual(kept);

    // The figures as first-time fix defined them before issue 13, from the status history: approved jobs of the ROs
    // whose first 'delivered' falls in November; the RO the later one came back for is the only one with a comeback.
    const november = { from: '2026-11-01', to: '2026-11-30' };
    const fromScratch = sqlite
      .prepare(
        `SELECT count(*) AS jobs, count(DISTINCT r.id) AS ros FROM repair_order_jobs j JOIN repair_orders r ON r.id = j.repair_order_id
         JOIN (SELECT repair_order_id, min(changed_at) AS at FROM repair_order_status_history WHERE to_status = 'delivered' GROUP BY repair_order_id) h
           ON h.repair_order_id = r.id
         WHERE j.authorization_state = 'approved' AND h.at >= ? AND h.at < ?`,
      )
      .get(beijing('2026-11-01', '00:00'), beijing('2026-12-01', '00:00')) as { jobs: number; ros: number };
    const report = await reports.firstTimeFix(t.core.deps, { ...november, by: 'technician' });
    expect(report.totals).toMatchObject({ jobs: fromScratch.jobs, withComeback: 1 });
    expect(report).toMatchObject({ deliveredRos: 2, comebackRos: 1 });
    expect(fromScratch).toEqual({ jobs: 2, ros: 2 });
    // The month rows hold what the day rows hold: a period read as whole months equals the same days read one by one.
    for (const by of ['all', ...FTF_DIMENSIONS] as const) {
      const byKey = (rows: repo.SummaryRow[]) => [...rows].sort((a, b) => (a.key < b.key ? -1 : 1));
      const spans = reports.summarySpans('2026-10-01', '2026-11-30');
      expect(spans.months).toEqual({ from: '2026-10', to: '2026-11' });
      expect(byKey(await repo.summaryRows(t.core.deps.db, by, spans, null))).toEqual(
        byKey(
          await repo.summaryRows(t.core.deps.db, by, { days: [{ from: '2026-10-01', to: '2026-11-30' }], months: null }, null),
        ),
      );
    }
    const efficiency = await reports.efficiency(t.core.deps, november);
    expect(efficiency.find((row) => row.technicianId === technician.session.user.id)).toMatchObject({ soldMilli: 1200 });
  });
});
