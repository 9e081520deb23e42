import { describe, expect, it } from 'vitest';
import { COUNTER_STATES } from '../../shared/contract/parts/part-supply';
import { captureStatements, planOf, planProblems, type CapturedStatement } from '../fixtures/query-plan';
import { t, clerk, newRo, addPart, useGridDesk } from '../fixtures/grid-desk';

/**
 * Issue 17: the parts desk's own grids (the counter, old parts, stocktakes and a stocktake's lines) at ten years.
 * Every sort and filter these grids offer is run through the API as the screens call it, and the plan of each
 * statement is read on a freshly migrated file: no statement scans a table that grows.
 */
useGridDesk();

const FIRST = { startRow: 0, endRow: 100 };

/** The statements of a call and their plans, leaving out the session check every call makes first. */
async function plansOf(work: () => Promise<unknown>): Promise<{ statement: CapturedStatement; plan: string[] }[]> {
  const statements = await captureStatements(work);
  return statements
    .filter((s) => !/\bsessions\b/.test(s.sql))
    .map((statement) => ({ statement, plan: planOf(t.core.deps.sqlite, statement.sql, statement.parameters) }));
}

function expectClean(
  plans: { statement: CapturedStatement; plan: string[] }[],
  options: Parameters<typeof planProblems>[1] = {},
) {
  expect(plans.length).toBeGreaterThan(0);
  for (const { statement, plan } of plans)
    expect(planProblems(plan, options), `${statement.sql}\n${plan.join('\n')}`).toEqual([]);
}

describe('the parts counter grid', () => {
  // Its rows are the open reservations of ROs in the dealership's hands: a few among years of closed ones, read
  // through their partial index and sorted by promise in memory.
  const cases: [string, Record<string, unknown>][] = [
    ...COUNTER_STATES.map((state): [string, Record<string, unknown>] => [`state ${state}`, { state }]),
    ['an RO number or plate', { text: 'RO' }],
    ['latest promise first', { sortModel: [{ colId: 'promisedAt', sort: 'desc' }] }],
  ];
  it.each(cases)('%s reads the open reservations through their index', async (_name, extra) => {
    const ro = await newRo();
    await addPart(ro, 'GRD-0001', 1);
    const plans = await plansOf(() => clerk.client.parts.counterGrid({ ...FIRST, ...extra }));
    expectClean(plans, { allowTempOrderBy: true });
    const page = plans.find(({ statement }) => /from "part_reservations"/.test(statement.sql));
    expect(page!.plan.join('\n')).toMatch(/SEARCH r USING INDEX part_reservations_open \(status=\?/);
  });

  it('pages in SQL and sorts by promise both ways', async () => {
    const first = await clerk.client.parts.counterGrid({ startRow: 0, endRow: 1 });
    expect(first.rows).toHaveLength(1);
    expect(first.hasMore).toBe(true);
    const asc = (await clerk.client.parts.counterGrid(FIRST)).rows.map((row) => row.lineId);
    const desc = (
      await clerk.client.parts.counterGrid({ ...FIRST, sortModel: [{ colId: 'promisedAt', sort: 'desc' }] })
    ).rows.map((row) => row.lineId);
    expect(desc).toEqual([...asc].reverse());
  });
});

describe('the old parts grids', () => {
  const views: [string, Record<string, unknown>, RegExp, boolean][] = [
    // What is still on the shelf: held or settled, a few hundred, read through the status index and sorted.
    ['what is still held', {}, /SEARCH o USING INDEX warranty_old_parts_status \(status=\?\)/, true],
    ['one status', { view: 'returned' }, /SEARCH o USING INDEX warranty_old_parts_status \(status=\?\)/, false],
    [
      'one status, newest first',
      { view: 'scrapped', sortModel: [{ colId: 'createdAt', sort: 'desc' }] },
      /SEARCH o USING INDEX warranty_old_parts_status \(status=\?\)/,
      false,
    ],
    ['everything', { view: 'all' }, /SCAN o USING INDEX warranty_old_parts_created/, false],
    [
      'everything, newest first, with a text',
      { view: 'all', text: 'CLM', sortModel: [{ colId: 'createdAt', sort: 'desc' }] },
      /SCAN o USING INDEX warranty_old_parts_created/,
      false,
    ],
  ];
  it.each(views)('%s walks an index of the old parts', async (_name, extra, expected, sorts) => {
    const plans = await plansOf(() => clerk.client.parts.oldPartsGrid({ ...FIRST, ...extra }));
    expectClean(plans, { allowTempOrderBy: sorts });
    const page = plans.find(({ statement }) => /from "warranty_old_parts"/.test(statement.sql));
    expect(page!.plan.join('\n')).toMatch(expected);
  });

  it('the to-do of untagged warranty lines starts from the warranty jobs', async () => {
    const plans = await plansOf(() => clerk.client.parts.untaggedWarrantyLinesGrid(FIRST));
    // Sorted in memory: the untagged lines of warranty jobs (the clerk tags them within days).
    expectClean(plans, { allowTempOrderBy: true });
    expect(plans.map((p) => p.plan.join('\n')).join('\n')).toMatch(/repair_order_jobs_warranty/);
  });
});

describe('the stocktakes grid', () => {
  it.each(['asc', 'desc'] as const)('by number %s walks the stocktakes in rowid order', async (sort) => {
    const plans = await plansOf(() => clerk.client.parts.stocktakesGrid({ ...FIRST, sortModel: [{ colId: 'number', sort }] }));
    // The page walks the stocktakes in rowid order and stops after it (no sort: a few a year, numbered as started);
    // each row's totals are read through its own lines' index (stocktake_lines_part_bin).
    expectClean(plans, { allowScan: ['s'] });
    const page = plans.find(({ statement }) => /from "stocktakes"/.test(statement.sql));
    expect(page!.plan.join('\n')).toMatch(/^SCAN s$/m);
  });
});
