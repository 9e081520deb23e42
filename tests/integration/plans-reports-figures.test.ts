import { describe, expect, it } from 'vitest';
import type { KpiDrillKey, KpiKey, KpiPointDto } from '../../shared/contract/reports/kpis';
import { KPI_DRILL_KEYS } from '../../shared/contract/reports/kpis';
import {
  CSI_FACTORS,
  DEFAULT_CSI_WEIGHTS,
  combineVersions,
  csiOf,
  factorScore,
  npsOf,
  round1,
  type CsiFactor,
} from '../../shared/domain/csi';
import { addDays, instantAt } from '../../shared/domain/desk-time';
import { monthDays, monthStart, shiftMonth } from '../../shared/domain/kpi-months';
import { csi } from '../../electron/core/followup/surveys/service';
import * as csiReport from '../../electron/core/reports/csi-report/service';
import * as kpiService from '../../electron/core/reports/kpis/service';
import { captureStatements, planOf, planProblems } from '../fixtures/query-plan';
import { t, foreman, manager, managerActor, MONTHS, useFourReportMonths } from '../fixtures/report-months';

/**
 * The figures and the query plans of the KPI dashboard and the monthly CSI report, on four months of a small service
 * department written through the API (tests/fixtures/report-months.ts):
 * - every figure of the trend and of a custom period equals the figure computed from the facts, as the per-month SQL
 *   before the summaries did (kept here as the reference) and as the areas' own procedures compute it;
 * - the statements of the dashboard, the trend, the drill-downs and the monthly CSI report read indexes only, and a
 *   24-month trend is a dozen statements, not 17 a month.
 */
useFourReportMonths();

// ---- the reference: each figure from the facts, as the per-month SQL before the summaries computed it ----

function one<T>(source: string, ...params: unknown[]): T {
  return t.core.deps.sqlite.prepare(source).get(...params) as T;
}

async function reference(period: { from: string; to: string }): Promise<Partial<Record<KpiKey, Omit<KpiPointDto, 'month'>>>> {
  const from = instantAt(period.from, 0).toISOString();
  const before = instantAt(addDays(period.to, 1), 0).toISOString();
  const now = t.clock.now().toISOString();
  const asOf = now < before ? now : before;
  const q = (numerator: number, denominator: number) => ({
    value: denominator > 0 ? numerator / denominator : null,
    numerator,
    denominator,
  });
  const delivered = one<{ ros: number; on_time: number; total: number; sold: number }>(
    `SELECT count(*) AS ros, coalesce(sum(on_time), 0) AS on_time, coalesce(sum(total), 0) AS total, coalesce(sum(sold), 0) AS sold FROM (
       SELECT CASE WHEN r.promised_at IS NOT NULL AND (SELECT max(h.changed_at) FROM repair_order_status_history h
                WHERE h.repair_order_id = r.id AND h.to_status = 'ready' AND h.changed_at <= d.delivered_at) <= r.promised_at THEN 1 ELSE 0 END AS on_time,
         (SELECT coalesce(sum(l.total_fen), 0) FROM repair_order_lines l JOIN repair_order_jobs j ON j.id = l.job_id
           WHERE l.repair_order_id = r.id AND j.authorization_state <> 'declined') AS total,
         (SELECT coalesce(sum(l.qty_milli), 0) FROM repair_order_lines l JOIN repair_order_jobs j ON j.id = l.job_id
           WHERE l.repair_order_id = r.id AND j.authorization_state <> 'declined' AND l.kind = 'labor') AS sold
       FROM repair_order_deliveries d JOIN repair_orders r ON r.id = d.repair_order_id WHERE d.delivered_at >= ? AND d.delivered_at < ?)`,
    from,
    before,
  );
  const opened = one<{ ros: number; fa: number }>(
    `SELECT count(*) AS ros, coalesce(sum(EXISTS (SELECT 1 FROM appointments a WHERE a.repair_order_id = r.id)), 0) AS fa
       FROM repair_orders r WHERE r.opened_at >= ? AND r.opened_at < ? AND r.status <> 'cancelled'`,
    from,
    before,
  );
  const booked = one<{ booked: number; arrived: number }>(
    `SELECT count(*) AS booked, coalesce(sum(arrived_at IS NOT NULL), 0) AS arrived FROM appointments
      WHERE starts_at >= ? AND starts_at < ? AND status <> 'cancelled' AND (starts_at <= ? OR arrived_at IS NOT NULL)`,
    from,
    before,
    now,
  );
  const recommend = one<{ answers: number; promoters: number; detractors: number }>(
    `SELECT count(*) AS answers, coalesce(sum(a.value_int >= 9), 0) AS promoters, coalesce(sum(a.value_int <= 6), 0) AS detractors
       FROM survey_responses s JOIN survey_answers a ON a.response_id = s.id
      WHERE s.answered_at >= ? AND s.answered_at < ? AND a.scale = 'recommend_0_10'`,
    from,
    before,
  );
  const responses = one<{ n: number }>(
    'SELECT count(*) AS n FROM survey_responses WHERE answered_at >= ? AND answered_at < ?',
    from,
    before,
  ).n;
  const means = t.core.deps.sqlite
    .prepare(
      `SELECT s.template_id, a.factor, avg(a.value_int) AS mean FROM survey_responses s JOIN survey_answers a ON a.response_id = s.id
        WHERE s.answered_at >= ? AND s.answered_at < ? AND a.scale = 'scale_1_10' AND a.factor IS NOT NULL GROUP BY s.template_id, a.factor`,
    )
    .all(from, before) as { template_id: number; factor: CsiFactor; mean: number }[];
  const versions = t.core.deps.sqlite
    .prepare(
      `SELECT s.template_id, count(DISTINCT s.id) AS n FROM survey_responses s JOIN survey_answers a ON a.response_id = s.id
        WHERE s.answered_at >= ? AND s.answered_at < ? AND a.scale = 'scale_1_10' AND a.factor IS NOT NULL GROUP BY s.template_id`,
    )
    .all(from, before) as { template_id: number; n: number }[];
  const csiValue = round1(
    combineVersions(
      versions.map((v) => {
        const weights = { ...DEFAULT_CSI_WEIGHTS };
        for (const w of t.core.deps.sqlite
          .prepare('SELECT factor, weight_pct FROM survey_template_weights WHERE template_id = ?')
          .all(v.template_id) as {
          factor: CsiFactor;
          weight_pct: number;
        }[])
          weights[w.factor] = w.weight_pct;
        const scores = Object.fromEntries(
          CSI_FACTORS.map((f) => [
            f,
            factorScore(means.find((m) => m.template_id === v.template_id && m.factor === f)?.mean ?? null),
          ]),
        );
        return { responses: v.n, csi: csiOf(scores, weights) };
      }),
    ),
  );

  // The areas' own procedures for the workshop figures, the lapsed rate and the closure rate.
  const ftf = await foreman.client.reports.firstTimeFix({ ...period, by: 'concernGroup' });
  const settled = ftf.totals.jobs - ftf.totals.provisionalJobs;
  const hours = (await foreman.client.reports.efficiency(period)).reduce(
    (sum, row) => ({ sold: sum.sold + row.soldMilli, clocked: sum.clocked + row.clockedMilli }),
    { sold: 0, clocked: 0 },
  );
  const lapsed = await manager.client.followup.lapsedRate({ month: period.to.slice(0, 7) });
  const closure = await manager.client.complaints.closureRate({ asOf, ...period });
  return {
    csi: { value: csiValue, numerator: null, denominator: responses },
    nps: {
      value: round1(npsOf(recommend)),
      numerator: recommend.promoters - recommend.detractors,
      denominator: recommend.answers,
    },
    firstTimeFix: q(settled - ftf.totals.withComeback, settled),
    comebackRate: q(ftf.comebackRos, ftf.deliveredRos),
    onTimeDelivery: q(delivered.on_time, delivered.ros),
    aro: q(delivered.total, delivered.ros),
    hoursPerRo: q(delivered.sold, delivered.ros),
    laborEfficiency: q(hours.sold, hours.clocked),
    appointmentRate: q(opened.fa, opened.ros),
    showRate: q(booked.arrived, booked.booked),
    lapsedRate: q(lapsed.lapsedVehicles, lapsed.baseVehicles),
    closureRate: q(closure.closed, closure.closed + closure.openOverTwoWeeks),
  };
}

describe('the figures from the summary rows', () => {
  it('each month of the trend equals the figures computed from the facts', async () => {
    const trend = await manager.client.reports.kpiTrend({ to: '2026-11', months: 4 });
    expect(trend.months).toEqual(MONTHS);
    for (const [index, month] of MONTHS.entries()) {
      const expected = await reference(monthDays(month));
      for (const series of trend.series)
        expect({ month, key: series.key, ...series.points[index] }).toEqual({ month, key: series.key, ...expected[series.key] });
    }
    // The fixture reaches every figure: something to count in each, not zeros compared with zeros.
    const totals = (key: KpiKey) =>
      trend.series.find((s) => s.key === key)!.points.reduce((sum, p) => sum + (p.denominator ?? 0), 0);
    for (const key of [
      'csi',
      'nps',
      'firstTimeFix',
      'comebackRate',
      'onTimeDelivery',
      'laborEfficiency',
      'appointmentRate',
      'showRate',
      'lapsedRate',
      'closureRate',
    ] as const)
      expect({ key, total: totals(key) > 0 }).toEqual({ key, total: true });
    const september = (key: KpiKey) => trend.series.find((s) => s.key === key)!.points[1]!;
    // September by hand: R4 came back for R3 of the three ROs delivered; sold 1.0 + 0.8 + 2.5 h, clocked 1.5 + 0.75 + 5 h.
    expect(september('comebackRate')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(september('laborEfficiency')).toMatchObject({ numerator: 4300, denominator: 7250 });
  });

  it('a period of any desk days equals the figures computed from the facts', async () => {
    for (const period of [
      { from: '2026-08-15', to: '2026-10-20' },
      { from: '2026-09-21', to: '2026-09-21' },
      { from: '2026-11-01', to: '2026-11-30' },
    ]) {
      const dto = await manager.client.reports.kpis(period);
      const expected = await reference(period);
      for (const figure of dto.figures) {
        if (figure.key === 'complaintsOpen' || figure.key === 'complaintsOverdue') continue;
        expect({ ...period, ...figure }).toEqual({ ...period, key: figure.key, unit: figure.unit, ...expected[figure.key] });
      }
    }
  });

  it('the monthly CSI report and followup.csi read the same surveys the facts hold', async () => {
    const report = await manager.client.reports.monthlyCsi({ month: '2026-10' });
    const expected = await reference(monthDays('2026-10'));
    expect(report.totals).toMatchObject({
      responses: expected.csi!.denominator,
      csi: expected.csi!.value,
      nps: expected.nps!.value,
    });
    expect(report.trend.map((p) => p.responses).slice(-3)).toEqual([2, 2, 2]);
    expect(report.verbatimCount).toBe(1);
    expect(report.technicians.map((row) => row.responses).sort()).toEqual([1, 1]);
  });
});

// ---- plans ----

/**
 * Each statement's plan problems (a full scan of a growing table, a sort before a page is cut), with its SQL. The
 * closure rate's `w` is the VALUES list of the periods asked for (one row per month of a trend, at most 24): SQLite
 * scans it as it scans any list of constants, and reads the complaints of each row by complaints_created. `parts` is
 * the union of the complaints not closed and those closed later, each part read by an index its own lines show.
 * survey_template_weights holds five rows per template version: with statistics (a ten-year file) SQLite scans it.
 */
function problemsOf(statements: { sql: string; parameters: readonly unknown[] }[]) {
  return statements
    .filter((s) => !/^\s*(begin|commit|rollback)/i.test(s.sql))
    .flatMap((s) =>
      planProblems(planOf(t.core.deps.sqlite, s.sql, s.parameters), { allowScan: ['w', 'parts', 'survey_template_weights'] })
        .filter((problem) => !/^SCAN \d+ CONSTANT ROWS$/.test(problem))
        .map((problem) => `${problem} <- ${s.sql.slice(0, 160)}`),
    );
}

describe('query plans of the KPI dashboard and the monthly CSI report', () => {
  const deps = () => t.core.deps;

  it('the dashboard as it opens (this month, the month before, the 12-month trend) reads indexes only', async () => {
    const statements = await captureStatements(async () => {
      await kpiService.kpis(deps(), monthDays('2026-11'));
      await kpiService.kpis(deps(), monthDays('2026-10'));
      await kpiService.kpiTrend(deps(), { to: '2026-11', months: 12 });
    });
    expect(problemsOf(statements)).toEqual([]);
    // The summary rows, not the facts: no statement of the figures reads the RO lines or the status history.
    expect(statements.filter((s) => /repair_order_lines|repair_order_status_history|survey_answers/.test(s.sql))).toEqual([]);
  });

  it('a 24-month trend is a dozen statements (it was 17 a month), none of them a scan', async () => {
    const statements = await captureStatements(() => kpiService.kpiTrend(deps(), { to: '2026-11', months: 24 }));
    expect(problemsOf(statements)).toEqual([]);
    expect(statements.length).toBeLessThanOrEqual(20);
  });

  it('every drill-down page is read in the order of an index', async () => {
    for (const kpi of KPI_DRILL_KEYS as readonly KpiDrillKey[]) {
      for (const page of [
        { offset: 0, limit: 50 },
        { offset: 2, limit: 1 },
      ]) {
        const statements = await captureStatements(() =>
          kpiService.kpiDrillDown(deps(), managerActor, { ...monthDays('2026-09'), kpi, ...page }),
        );
        expect({ kpi, problems: problemsOf(statements) }).toEqual({ kpi, problems: [] });
      }
    }
  });

  it('the monthly CSI report and followup.csi read indexes only, whatever the month', async () => {
    const statements = await captureStatements(async () => {
      await csiReport.monthlyCsi(deps(), managerActor, { month: '2026-10' });
      for (const groupBy of ['none', 'advisor', 'technician', 'factor'] as const)
        await csi(deps(), { ...monthDays('2026-10'), groupBy });
    });
    expect(problemsOf(statements)).toEqual([]);
  });

  it('the lapsed rate reads one summary row per month, not the vehicles', async () => {
    const statements = await captureStatements(() => kpiService.kpiTrend(deps(), { to: '2026-11', months: 24 }));
    const lapsed = statements.filter((s) => /report_visit_months/.test(s.sql));
    expect(lapsed).toHaveLength(1);
    expect(planOf(deps().sqlite, lapsed[0]!.sql, lapsed[0]!.parameters).join('\n')).toMatch(
      /SEARCH m USING PRIMARY KEY \(month>\? AND month<\?\)/,
    );
    expect(monthStart('2026-05')).toBe(instantAt('2026-05-01', 0).toISOString());
    expect(shiftMonth('2026-11', -6)).toBe('2026-05');
  });
});
