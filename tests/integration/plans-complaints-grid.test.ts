import { beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintGridInput } from '../../shared/contract/complaints';
import { FIXED_NOW } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { HOUR, advance, after, agent, manager, record, STEP, t, useComplaintDesk, walk } from '../fixtures/complaints';
import { captureStatements, planOf, planProblems } from '../fixtures/query-plan';

/**
 * The complaint grid (issue 17 item 12): unsorted it is the to-do order of complaints.list (drafts, open overdue,
 * open on time, the rest; newest first in each), read part by part; sorted by creation time it is one index walk.
 * Every statement it runs, for every filter above the grid, must read an index (no scan of the complaints, no sort
 * of a page in a temporary B-tree); and it must give the very rows list gives, block by block.
 */
useComplaintDesk();

const FILTERS: Omit<ComplaintGridInput, 'startRow' | 'endRow'>[] = [
  {},
  { status: 'draft' },
  { status: 'open' },
  { status: 'closed' },
  { level: 'major' },
  { source: 'phone' },
  { overdue: true },
  { overdue: false },
  { from: '2026-10-01', to: '2026-11-30' },
  { status: 'open', level: 'ordinary', overdue: false },
];

beforeAll(async () => {
  // Eight complaints over two months: closed, invalid, open and overdue (no first response in time), open on time.
  const start = Date.parse('2026-10-01T02:00:00.000Z');
  for (let i = 0; i < 8; i += 1) {
    t.clock.set(new Date(start + i * 7 * 24 * HOUR).toISOString());
    const c = await record({ level: i % 3 === 0 ? 'major' : 'ordinary', source: i % 2 === 0 ? 'phone' : 'walk_in' });
    if (i % 4 === 0) await walk(c, null);
    else if (i % 4 === 1) await advance(agent, c, { step: 'validity', valid: false, reason: '非本店责任' });
    else if (i === 7) await advance(agent, c, STEP.validity);
  }
  // Two more today: still within their response time.
  t.clock.set(after(FIXED_NOW, -2));
  await record();
  await record({ level: 'major' });
  t.clock.set(FIXED_NOW);
}, 120_000);

describe('complaints.grid', () => {
  for (const filter of FILTERS) {
    for (const sort of [null, 'asc', 'desc'] as const) {
      it(`reads indexes only: ${JSON.stringify(filter)}, ${sort ? `created ${sort}` : 'to-do order'}`, async () => {
        const input: ComplaintGridInput = {
          startRow: 3,
          endRow: 6,
          ...filter,
          ...(sort ? { sortModel: [{ colId: 'createdAt', sort }] } : {}),
        };
        const statements = await captureStatements(() => manager.client.complaints.grid(input));
        const reads = statements.filter((s) => s.sql.includes('"complaints" as "c"'));
        expect(reads.length).toBeGreaterThan(0);
        for (const s of reads) {
          const plan = planOf(t.core.deps.sqlite, s.sql, s.parameters);
          expect(plan.join('\n'), s.sql).not.toMatch(/^SCAN c\b(?! USING)/m);
          expect(planProblems(plan), `${s.sql}\n${plan.join('\n')}`).toEqual([]);
        }
      });
    }
  }

  it('unsorted, gives the rows of complaints.list in its order, block by block across the parts', async () => {
    for (const filter of FILTERS) {
      const whole = await manager.client.complaints.list({ offset: 0, limit: 200, ...filter });
      for (const size of [1, 2, 3, 5]) {
        const ids: number[] = [];
        for (let start = 0; ; start += size) {
          const page = await manager.client.complaints.grid({ startRow: start, endRow: start + size, ...filter });
          ids.push(...page.rows.map((r) => r.id));
          if (!page.hasMore) break;
        }
        expect(ids, `${JSON.stringify(filter)} by ${size}`).toEqual(whole.rows.map((r) => r.id));
      }
    }
  });

  it('sorted by creation time, newest or oldest first', async () => {
    const newest = await manager.client.complaints.grid({
      startRow: 0,
      endRow: 100,
      sortModel: [{ colId: 'createdAt', sort: 'desc' }],
    });
    const oldest = await manager.client.complaints.grid({
      startRow: 0,
      endRow: 100,
      sortModel: [{ colId: 'createdAt', sort: 'asc' }],
    });
    expect(newest.rows).toHaveLength(10);
    expect(newest.rows.map((r) => r.createdAt)).toEqual(
      newest.rows
        .map((r) => r.createdAt)
        .sort()
        .reverse(),
    );
    expect(oldest.rows.map((r) => r.id)).toEqual(newest.rows.map((r) => r.id).reverse());
  });

  it('refuses a column filter and a date range the wrong way round', async () => {
    await expectApiError(
      manager.client.complaints.grid({
        startRow: 0,
        endRow: 10,
        filterModel: { createdAt: { filterType: 'text', type: 'equals', filter: 'x' } },
      }),
      'INVALID_INPUT',
    );
    await expectApiError(
      manager.client.complaints.grid({ startRow: 0, endRow: 10, from: '2026-11-02', to: '2026-11-01' }),
      'INVALID_INPUT',
    );
  });
});
