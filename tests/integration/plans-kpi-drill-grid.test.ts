import { describe, expect, it } from 'vitest';
import { KPI_DRILL_KEYS, KPI_DRILL_KINDS } from '../../shared/contract/reports/kpis';
import { monthDays } from '../../shared/domain/kpi-months';
import { expectApiError } from '../fixtures/errors';
import { captureStatements, planOf, planProblems } from '../fixtures/query-plan';
import { t, foreman, manager, useFourReportMonths } from '../fixtures/report-months';

/**
 * The KPI dashboard's drill-down grid (reports.kpiDrillGrid): the rows of reports.kpiDrillDown, same figure, same
 * period, same order, a block of AG Grid at a time. It offers no sort and no column filter: each block is read along
 * the index kpiDrillDown reads (plans-reports-figures.test.ts), checked here through the grid procedure itself.
 */

useFourReportMonths();

const period = monthDays('2026-09');

function problemsOf(statements: { sql: string; parameters: readonly unknown[] }[]) {
  return statements
    .filter((s) => !/^\s*(begin|commit|rollback)/i.test(s.sql))
    .flatMap((s) =>
      planProblems(planOf(t.core.deps.sqlite, s.sql, s.parameters), { allowScan: ['w', 'parts', 'survey_template_weights'] })
        .filter((problem) => !/^SCAN \d+ CONSTANT ROWS$/.test(problem))
        .map((problem) => `${problem} <- ${s.sql.slice(0, 160)}`),
    );
}

describe('reports.kpiDrillGrid', () => {
  it.each(KPI_DRILL_KEYS)('%s: the drill-down’s rows block by block, of the kind KPI_DRILL_KINDS names', async (kpi) => {
    const whole = await manager.client.reports.kpiDrillDown({ ...period, kpi, offset: 0, limit: 200 });
    expect(whole.kind).toBe(KPI_DRILL_KINDS[kpi]);
    expect(await manager.client.reports.kpiDrillGrid({ ...period, kpi, startRow: 0, endRow: 200 })).toEqual(whole);
    const second = await manager.client.reports.kpiDrillGrid({ ...period, kpi, startRow: 1, endRow: 2 });
    expect(second).toEqual({ kind: whole.kind, rows: whole.rows.slice(1, 2), hasMore: whole.rows.length > 2 });
  });

  it('some figure has rows behind it in the month (the comparisons above compare rows)', async () => {
    const counts = await Promise.all(
      KPI_DRILL_KEYS.map(
        async (kpi) => (await manager.client.reports.kpiDrillGrid({ ...period, kpi, startRow: 0, endRow: 200 })).rows.length,
      ),
    );
    expect(counts.filter((n) => n > 1).length).toBeGreaterThan(3);
  });

  it.each(KPI_DRILL_KEYS)('%s: every block is read in the order of an index', async (kpi) => {
    for (const block of [
      { startRow: 0, endRow: 100 },
      { startRow: 2, endRow: 3 },
      { startRow: 4000, endRow: 4100 },
    ]) {
      const statements = await captureStatements(() => manager.client.reports.kpiDrillGrid({ ...period, kpi, ...block }));
      expect(statements.length).toBeGreaterThan(0);
      expect({ kpi, block, problems: problemsOf(statements) }).toEqual({ kpi, block, problems: [] });
    }
  });

  it('offers no sort and no column filter, checks the period, and is the manager’s', async () => {
    const base = { ...period, kpi: 'aro' as const, startRow: 0, endRow: 10 };
    await expectApiError(
      manager.client.reports.kpiDrillGrid({ ...base, sortModel: [{ colId: 'row', sort: 'asc' }] }),
      'INVALID_INPUT',
    );
    await expectApiError(
      manager.client.reports.kpiDrillGrid({
        ...base,
        filterModel: { row: { filterType: 'text', type: 'contains', filter: 'x' } },
      }),
      'INVALID_INPUT',
    );
    await expectApiError(
      manager.client.reports.kpiDrillGrid({ ...base, from: '2026-09-30', to: '2026-09-01' }),
      'INVALID_INPUT',
      {
        field: 'to',
      },
    );
    await expectApiError(foreman.client.reports.kpiDrillGrid(base), 'FORBIDDEN');
  });
});
