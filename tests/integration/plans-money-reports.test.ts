import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moneyExport } from '../../electron/core/reports/money/export';
import * as money from '../../electron/core/reports/money/service';
import { openTestCore, type TestCore } from '../fixtures/core';
import { moneyRo } from '../fixtures/money';
import { makePart, stockIn } from '../fixtures/parts';
import { captureStatements, planOf, planProblems, type CapturedStatement } from '../fixtures/query-plan';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * The money reports read ten years of data a period at a time: every statement of revenue, parts margin, the ROs
 * behind a figure and the workbook starts from the deliveries of the period (repair_order_deliveries_at, a range)
 * and reaches jobs, lines, ledger rows and parts through indexes; none scans a growing table.
 */
let t: TestCore;
let technician: SignedIn;
let advisor: SignedIn;
const PERIODS = [
  { from: '2026-10-01', to: '2026-10-31' },
  { from: '2026-10-05', to: '2026-10-05' },
  { from: '2025-11-01', to: '2026-10-31' },
];

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  const foreman = await signIn(t.core, 'foreman');
  technician = await signIn(t.core, 'technician');
  const part = await makePart(t.core, { part_number: 'PLAN-0001', brand: '丰田', list_price_fen: 11_300 });
  await stockIn(t.core, part.id, 10_000, 6_000);
  for (const day of ['2026-09-30', '2026-10-05', '2026-10-06']) {
    await moneyRo(t, { advisor, foreman }, day, [
      { payer: 'customer', technician, laborMilli: 1000, parts: [{ partNumber: 'PLAN-0001', qtyMilli: 1000 }] },
      { payer: 'warranty', laborMilli: 500 },
    ]);
  }
  t.core.deps.sqlite.exec('ANALYZE');
}, 60_000);

afterAll(async () => {
  await t?.close();
});

function problemsOf(statements: CapturedStatement[]): string[] {
  return statements
    .filter((s) => !/^\s*(begin|commit|rollback)/i.test(s.sql))
    .flatMap((s) =>
      planProblems(planOf(t.core.deps.sqlite, s.sql, s.parameters)).map((problem) => `${problem} <- ${s.sql.slice(0, 160)}`),
    );
}

/** The statements that read the period: each seeks the deliveries by their time. */
function readsDeliveriesByTime(statements: CapturedStatement[]): void {
  const periodReads = statements.filter((s) => /FROM repair_order_deliveries d/.test(s.sql));
  expect(periodReads.length).toBeGreaterThan(0);
  for (const s of periodReads) {
    const plan = planOf(t.core.deps.sqlite, s.sql, s.parameters).join('\n');
    expect(plan, s.sql).toMatch(
      /SEARCH d USING (?:COVERING )?INDEX repair_order_deliveries_at \(delivered_at>\? AND delivered_at<\?\)/,
    );
  }
}

describe('query plans of the money reports', () => {
  const deps = () => t.core.deps;

  it('revenue reads indexes only, for a day, a month and a year', async () => {
    for (const period of PERIODS) {
      const statements = await captureStatements(() => money.revenue(deps(), period));
      expect(problemsOf(statements)).toEqual([]);
      readsDeliveriesByTime(statements);
    }
  });

  it('parts margin reaches the ledger through the RO (stock_movements_order) and the part by its number', async () => {
    for (const period of PERIODS) {
      const statements = await captureStatements(() => money.partsMargin(deps(), period));
      expect(problemsOf(statements)).toEqual([]);
      readsDeliveriesByTime(statements);
      const plan = statements.map((s) => planOf(deps().sqlite, s.sql, s.parameters).join('\n')).join('\n');
      expect(plan).toMatch(/SEARCH m USING INDEX stock_movements_order \(repair_order_id=\?\)/);
      expect(plan).toMatch(/SEARCH p USING INDEX sqlite_autoindex_parts_\d \(part_number=\?\)/);
    }
  });

  it('the ROs behind every kind of figure are a page read in delivery order', async () => {
    const slices = [
      {},
      { payer: 'warranty' as const },
      { advisorId: advisor.session.user.id },
      { technicianId: technician.session.user.id },
      { technicianId: 0 },
      { partGroup: '丰田' },
    ];
    for (const slice of slices) {
      for (const sort of ['asc', 'desc'] as const) {
        const statements = await captureStatements(() =>
          money.moneyRos(deps(), {
            ...PERIODS[0]!,
            ...slice,
            startRow: 0,
            endRow: 50,
            sortModel: [{ colId: 'deliveredAt', sort }],
            filterModel: {},
          }),
        );
        expect({ slice, problems: problemsOf(statements) }).toEqual({ slice, problems: [] });
        readsDeliveriesByTime(statements);
        const figures = statements.find((s) => /l\.repair_order_id IN/.test(s.sql));
        expect(figures, JSON.stringify(slice)).toBeDefined();
        expect(planOf(deps().sqlite, figures!.sql, figures!.parameters).join('\n')).toMatch(
          /SEARCH l USING INDEX repair_order_lines_order \(repair_order_id=\?\)/,
        );
      }
    }
  });

  it('the workbook runs the same statements', async () => {
    const statements = await captureStatements(() => moneyExport(deps(), PERIODS[0]!));
    expect(problemsOf(statements)).toEqual([]);
  });
});
