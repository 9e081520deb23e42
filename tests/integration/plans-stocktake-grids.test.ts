import { beforeAll, describe, expect, it } from 'vitest';
import type { StocktakeLinesGridInput } from '../../shared/contract/parts/stocktake';
import { captureStatements, planOf, planProblems, type CapturedStatement } from '../fixtures/query-plan';
import { t, clerk, useGridDesk } from '../fixtures/grid-desk';

/**
 * Issue 17: a stocktake's count sheet as a grid. A store's thousands of bins are one stocktake's lines, and the
 * stocktake_lines table holds every stocktake ever counted: each filter and order the sheet offers reads the one
 * stocktake's lines through stocktake_lines_bin, in bin order without sorting them; only the order by value sorts, and
 * what it sorts is that one stocktake's lines.
 */
useGridDesk();

let id: number;
beforeAll(async () => {
  id = (await clerk.client.parts.startStocktake({})).id;
});

async function plansOf(work: () => Promise<unknown>): Promise<{ statement: CapturedStatement; plan: string[] }[]> {
  const statements = await captureStatements(work);
  return statements
    .filter((s) => !/\bsessions\b/.test(s.sql))
    .map((statement) => ({ statement, plan: planOf(t.core.deps.sqlite, statement.sql, statement.parameters) }));
}

const sheet = (extra: Partial<StocktakeLinesGridInput> = {}) =>
  clerk.client.parts.stocktakeLinesGrid({ id, startRow: 0, endRow: 100, ...extra });

describe('the count sheet grid', () => {
  const byBin: [string, Partial<StocktakeLinesGridInput>][] = [
    ['the whole sheet by bin', {}],
    ['the whole sheet, last bin first', { sortModel: [{ colId: 'bin', sort: 'desc' }] }],
    ['the uncounted lines', { filter: 'uncounted' }],
    ['the lines with a variance', { filter: 'variance' }],
    ['a part number or name', { text: 'filter' }],
    ['a later block', { startRow: 100, endRow: 200 }],
  ];
  it.each(byBin)('%s walks the stocktake’s lines in bin order, no sort', async (_name, extra) => {
    const plans = await plansOf(() => sheet(extra));
    expect(plans).toHaveLength(1);
    const plan = plans[0]!.plan;
    expect(planProblems(plan), plan.join('\n')).toEqual([]);
    expect(plan.join('\n')).toMatch(/SEARCH l USING INDEX stocktake_lines_bin \(stocktake_id=\?\)/);
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('by value reads the one stocktake through its index and sorts only its lines', async () => {
    const plans = await plansOf(() => sheet({ filter: 'variance', sortModel: [{ colId: 'value', sort: 'asc' }] }));
    const plan = plans[0]!.plan;
    expect(planProblems(plan, { allowTempOrderBy: true }), plan.join('\n')).toEqual([]);
    expect(plan.join('\n')).toMatch(/SEARCH l USING INDEX stocktake_lines_(bin|part_bin) \(stocktake_id=\?\)/);
  });

  it('pages in SQL, by bin either way', async () => {
    const first = await sheet({ endRow: 1 });
    expect(first.rows).toHaveLength(1);
    expect(first.hasMore).toBe(true);
    const asc = (await sheet()).rows;
    expect(asc.map((line) => line.bin)).toEqual([...asc.map((line) => line.bin)].sort());
    const desc = (await sheet({ sortModel: [{ colId: 'bin', sort: 'desc' }] })).rows;
    expect(desc.map((line) => line.id)).toEqual(asc.map((line) => line.id).reverse());
  });

  it('refuses a column filter: the sheet’s own filter and search box are its inputs', async () => {
    await expect(sheet({ filterModel: { bin: { filterType: 'text', type: 'contains', filter: 'A' } } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
