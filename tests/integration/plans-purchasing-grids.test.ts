import { describe, expect, it } from 'vitest';
import type { SuggestedOrderGridInput } from '../../shared/contract/parts/purchasing';
import { captureStatements, planOf, planProblems, type CapturedStatement } from '../fixtures/query-plan';
import { t, clerk, newRo, addPart, useGridDesk } from '../fixtures/grid-desk';

/**
 * Issue 17: the suggested order as a grid. Its rows are the candidates only (active parts kept at a level, and parts
 * an open RO line waits for), read through the parts' and the open reservations' indexes and sorted in memory by part
 * number: the master of 300,000 parts and years of purchase orders are never read whole.
 */
useGridDesk();

async function plansOf(work: () => Promise<unknown>): Promise<{ statement: CapturedStatement; plan: string[] }[]> {
  const statements = await captureStatements(work);
  return statements
    .filter((s) => !/\bsessions\b/.test(s.sql))
    .map((statement) => ({ statement, plan: planOf(t.core.deps.sqlite, statement.sql, statement.parameters) }));
}

const grid = (extra: Partial<SuggestedOrderGridInput> = {}) =>
  clerk.client.parts.suggestedOrderGrid({ startRow: 0, endRow: 100, ...extra });

describe('the suggested order grid', () => {
  const cases: [string, Partial<SuggestedOrderGridInput>][] = [
    ['by part number', {}],
    ['by part number, last first', { sortModel: [{ colId: 'partNumber', sort: 'desc' }] }],
    ['a part number or name', { text: 'GRD' }],
    ['one supplier', { supplierId: 1 }],
  ];
  it.each(cases)('%s reads the candidates through indexes and sorts only them', async (_name, extra) => {
    const ro = await newRo();
    await addPart(ro, 'GRD-0004', 50);
    const plans = await plansOf(() => grid(extra));
    // The candidates (materialised, as p) are few: scanned and sorted, they cost what they are.
    for (const { statement, plan } of plans)
      expect(
        planProblems(plan, { allowTempOrderBy: true, allowScan: ['candidates', 'p'] }),
        `${statement.sql}\n${plan.join('\n')}`,
      ).toEqual([]);
    const page = plans.find(({ statement }) => /"candidates"/.test(statement.sql))!;
    expect(page.plan.join('\n')).toMatch(/parts USING (COVERING )?INDEX parts_kept_at_level/);
  });

  it('pages in SQL, by part number either way', async () => {
    const asc = (await grid()).rows.map((row) => row.partNumber);
    expect(asc.length).toBeGreaterThan(1);
    expect(asc).toEqual([...asc].sort());
    const desc = (await grid({ sortModel: [{ colId: 'partNumber', sort: 'desc' }] })).rows.map((row) => row.partNumber);
    expect(desc).toEqual([...asc].reverse());
    const first = await grid({ endRow: 1 });
    expect(first.rows.map((row) => row.partNumber)).toEqual([asc[0]]);
    expect(first.hasMore).toBe(true);
  });
});
