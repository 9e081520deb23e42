import { describe, expect, it } from 'vitest';
import type { AuditListInput } from '../../shared/contract/audit';
import { PART_GRID_COLUMNS, partFilterInput, type PartGridColumn } from '../../shared/contract/parts';
import { WALK } from '../../electron/core/db/grid-filters';
import { customerFilters, customerGridQuery } from '../../electron/core/customers/repository';
import { partGridQuery, resolvePartFilter, type PartFilterPlan } from '../../electron/core/parts/repository';
import { filterQuery } from '../../electron/core/parts/service';
import { captureStatements, planOf, planProblems, type CapturedStatement } from '../fixtures/query-plan';
import {
  t,
  clerk,
  advisor,
  manager,
  foreman,
  tech,
  workshopJob,
  PART_FILTERS,
  CUSTOMER_FILTERS,
  useGridDesk,
} from '../fixtures/grid-desk';

/**
 * Issue 13: the parts grid, the customers grid, the audit trail and the workshop board at ten years. Every sort and
 * filter these screens offer is run through the API as the screens call it, and the plan of each statement it ran is
 * read on a freshly migrated file: a page walks the index of its sort column (and the next page starts inside that
 * index, by key), a narrow filter reads its own index (FTS5 trigram, prefix range, partial index) and sorts at most
 * DRIVE_LIMIT rows, a wider one is checked along the sort index as a set of ids or on the row (grid-filters.ts). No
 * statement scans a table that grows.
 */
useGridDesk();

/**
 * Before a page, each filter's ids are counted through its own index, at most SET_LIMIT + 1 of them: `SCAN ids` reads
 * that bounded subquery (its own lines are checked).
 */
const PROBE = { allowScan: ['ids'] };

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
  for (const { statement, plan } of plans)
    expect(planProblems(plan, options), `${statement.sql}\n${plan.join('\n')}`).toEqual([]);
}

/** The statement that reads the page (the others are probes and per-page figures). */
function pageStatement(plans: { statement: CapturedStatement; plan: string[] }[], from: RegExp) {
  const found = plans.find(({ statement }) => from.test(statement.sql));
  expect(found, plans.map((p) => p.statement.sql).join('\n')).toBeDefined();
  return found!;
}

const PART_SORT_INDEX: Record<PartGridColumn, string> = {
  partNumber: 'sqlite_autoindex_parts_1',
  nameZh: 'parts_grid_name_zh',
  nameEn: 'parts_grid_name_en',
  brand: 'parts_grid_brand',
  defaultBin: 'parts_default_bin',
  onHand: 'parts_grid_on_hand',
  reserved: 'parts_grid_reserved',
  available: 'parts_grid_available',
  avgUnitCost: 'parts_grid_avg_cost',
  listPrice: 'parts_grid_list_price',
  stockValue: 'parts_grid_stock_value',
};
const PART_PAGE = /from "parts" as "p"/;

describe('parts grid plans', () => {
  it('every sort, both ways: the first page walks the sort index, the next one starts inside it by key', async () => {
    for (const colId of PART_GRID_COLUMNS) {
      for (const sort of ['asc', 'desc'] as const) {
        const request = { startRow: 0, endRow: 3, sortModel: [{ colId, sort }], active: 'all' as const };
        const first = await plansOf(() => clerk.client.parts.grid(request));
        expectClean(first);
        expect(pageStatement(first, PART_PAGE).plan.join('\n')).toContain(`SCAN p USING INDEX ${PART_SORT_INDEX[colId]}`);
        const { next } = await clerk.client.parts.grid(request);
        expect(next).not.toBeNull();
        // By key: the rest of the cursor's tie, then (if the page is not full) what lies beyond it, each a range of
        // the sort index.
        const second = await plansOf(() => clerk.client.parts.grid({ ...request, startRow: 3, endRow: 6, after: next! }));
        expectClean(second);
        const pages = second.filter((p) => PART_PAGE.test(p.statement.sql));
        expect(pages.length).toBeGreaterThan(0);
        for (const { statement, plan } of pages) {
          expect(plan.join('\n'), statement.sql).toMatch(new RegExp(`SEARCH p USING INDEX ${PART_SORT_INDEX[colId]} \\(`));
        }
      }
    }
  });

  it('a narrow filter reads its own index and sorts only the parts it names', async () => {
    for (const [label, filter, , read] of PART_FILTERS) {
      const plans = await plansOf(() =>
        clerk.client.parts.grid({ startRow: 0, endRow: 50, sortModel: [{ colId: 'available', sort: 'desc' }], ...filter }),
      );
      // The page sorts the driver's rows (at most DRIVE_LIMIT, counted by the statement before it) in memory.
      expectClean(plans, { ...PROBE, allowTempOrderBy: true });
      const page = pageStatement(plans, PART_PAGE);
      expect(page.plan.join('\n'), label).toContain('SEARCH p USING INTEGER PRIMARY KEY (rowid=?)');
      const others = plans.filter((p) => p !== page);
      for (const other of others) expect(planProblems(other.plan, PROBE), label).toEqual([]);
      expect(plans.map((p) => p.plan.join('\n')).join('\n'), label).toMatch(read);
    }
  });

  it('a wider filter is checked along the sort index, as an id set or on the row, for every sort', async () => {
    for (const [label, filter, name] of PART_FILTERS) {
      const f = await resolvePartFilter(t.core.deps.db, filterQuery(partFilterInput.parse(filter)));
      // Up to SET_LIMIT parts: `+p.id IN (ids)`; beyond (a dense text: no ids looked up), on the row.
      const plans: [string, typeof f, PartFilterPlan][] = [
        ['set', f, { drive: null, sets: [name] }],
        ['row', { ...f, nameMatch: { kind: 'dense' } }, WALK],
      ];
      for (const [how, resolved, plan] of plans) {
        for (const column of PART_GRID_COLUMNS) {
          for (const direction of ['asc', 'desc'] as const) {
            const compiled = partGridQuery(
              t.core.deps.db,
              resolved,
              { offset: 0, limit: 100, sort: [{ column, direction }] },
              plan,
            ).compile();
            const lines = planOf(t.core.deps.sqlite, compiled.sql, compiled.parameters);
            const where = `${label} (${how}) / ${column} ${direction}\n${lines.join('\n')}`;
            expect(planProblems(lines), where).toEqual([]);
            // A brand in part-number order is one range of its own index (brandWalk in parts/repository.ts).
            if (name === 'brand' && column === 'partNumber')
              expect(lines.join('\n'), where).toContain('SEARCH p USING INDEX parts_grid_brand_nocase (brand=?)');
            else expect(lines.join('\n'), where).toContain(`SCAN p USING INDEX ${PART_SORT_INDEX[column]}`);
          }
        }
      }
    }
  });
});

describe('parts grid and stock ledger plans at ten years', () => {
  it('a brand in part-number order (the default, first page and by key) is one range of the brand index, never sorted', async () => {
    for (const sort of [
      [],
      [{ colId: 'partNumber' as const, sort: 'asc' as const }],
      [{ colId: 'partNumber' as const, sort: 'desc' as const }],
    ]) {
      // Whatever the count says: a brand of a few parts (drives) and one of a quarter of the master (walks) alike.
      for (const plan of [undefined, { drive: null, sets: [] }, { drive: null, sets: ['brand' as const] }]) {
        const f = filterQuery(partFilterInput.parse({ brand: 'TOYOTA' }));
        const page = { offset: 0, limit: 100, sort: sort.map((s) => ({ column: s.colId, direction: s.sort })) };
        for (const after of [null, { key: 'GRD0004', partNumber: 'GRD0004' }]) {
          const compiled = partGridQuery(t.core.deps.db, f, { ...page, after }, plan ?? { drive: 'brand', sets: [] }).compile();
          const lines = planOf(t.core.deps.sqlite, compiled.sql, compiled.parameters);
          const where = `${JSON.stringify({ sort, plan, after })}\n${lines.join('\n')}`;
          expect(planProblems(lines), where).toEqual([]);
          expect(lines.join('\n'), where).toMatch(
            /SEARCH p USING INDEX parts_grid_brand_nocase \(brand=\?(?: AND part_number[<>]\?)?\)/,
          );
        }
      }
    }
    // Through the API, as the grid asks: the page statement reads the brand index and nothing is sorted.
    const plans = await plansOf(() => clerk.client.parts.grid({ startRow: 0, endRow: 50, sortModel: [], brand: 'toyota' }));
    expectClean(plans, PROBE);
    expect(pageStatement(plans, PART_PAGE).plan.join('\n')).toContain('SEARCH p USING INDEX parts_grid_brand_nocase (brand=?)');
    // What the clerk sees: the brand in any case, in part-number order, either way.
    const listed = async (direction: 'asc' | 'desc') =>
      (
        await clerk.client.parts.grid({
          startRow: 0,
          endRow: 50,
          sortModel: [{ colId: 'partNumber', sort: direction }],
          brand: 'toyota',
          active: 'all',
        })
      ).rows.map((row) => [row.partNumber, row.brand]);
    expect(await listed('asc')).toEqual([
      ['GRD0006', 'toyota'],
      ['GRD0007', 'TOYOTA'],
    ]);
    expect(await listed('desc')).toEqual([
      ['GRD0007', 'TOYOTA'],
      ['GRD0006', 'toyota'],
    ]);
  });

  it("one part's ledger, newest first, reads that part's movements along (part, time, id) and stops at the page", async () => {
    // The first part has stock in two bins, so more than one movement.
    const part = await t.core.deps.db.selectFrom('parts').select('id').orderBy('id').executeTakeFirstOrThrow();
    for (const request of [
      { startRow: 0, endRow: 100, partId: part.id },
      { startRow: 100, endRow: 200, partId: part.id },
    ]) {
      const plans = await plansOf(() => clerk.client.parts.movements(request));
      expectClean(plans);
      const page = pageStatement(plans, /from "stock_movements" as "m"/);
      expect(page.plan.join('\n')).toContain('SEARCH m USING INDEX stock_movements_part_created (part_id=?)');
    }
    // The whole ledger, newest first, walks the time index.
    const all = await plansOf(() => clerk.client.parts.movements({ startRow: 0, endRow: 100 }));
    expectClean(all);
    expect(pageStatement(all, /from "stock_movements" as "m"/).plan.join('\n')).toContain(
      'SCAN m USING INDEX stock_movements_created',
    );
  });
});

const CUSTOMER_SORT_INDEX: Record<string, string> = {
  'name:asc': 'customers_grid_name',
  'name:desc': 'customers_name_key',
  'kind:asc': 'customers_grid_kind',
  'kind:desc': 'customers_grid_kind_desc',
  'updatedAt:asc': 'customers_grid_updated',
  'updatedAt:desc': 'customers_updated_at',
};
const CUSTOMER_PAGE = /from "customers" as "c"/;
describe('customers grid plans', () => {
  it('newest first walks the table by id; every sort, both ways, walks its index and pages by key', async () => {
    const first = await plansOf(() => advisor.client.customers.grid({ startRow: 0, endRow: 2 }));
    // Newest first is the table's own order (its rowid), read backwards a page at a time.
    expectClean(first, { allowScan: ['c'] });
    expect(pageStatement(first, CUSTOMER_PAGE).plan.join('\n')).toMatch(/^SCAN c$/m);
    const { next } = await advisor.client.customers.grid({ startRow: 0, endRow: 2 });
    const second = await plansOf(() => advisor.client.customers.grid({ startRow: 2, endRow: 4, after: next! }));
    expectClean(second);
    expect(pageStatement(second, CUSTOMER_PAGE).plan.join('\n')).toContain('SEARCH c USING INTEGER PRIMARY KEY (rowid<?)');
    for (const colId of ['name', 'kind', 'updatedAt'] as const) {
      for (const sort of ['asc', 'desc'] as const) {
        const request = { startRow: 0, endRow: 2, sortModel: [{ colId, sort }] };
        const plans = await plansOf(() => advisor.client.customers.grid(request));
        expectClean(plans);
        const index = CUSTOMER_SORT_INDEX[`${colId}:${sort}`]!;
        expect(pageStatement(plans, CUSTOMER_PAGE).plan.join('\n')).toContain(`SCAN c USING INDEX ${index}`);
        const page = await advisor.client.customers.grid(request);
        // By key: the rest of the cursor's tie, then (if the page is not full) what lies beyond it, each an index range.
        const after = await plansOf(() =>
          advisor.client.customers.grid({ ...request, startRow: 2, endRow: 4, after: page.next! }),
        );
        expectClean(after);
        for (const { statement, plan } of after.filter((p) => CUSTOMER_PAGE.test(p.statement.sql))) {
          expect(plan.join('\n'), statement.sql).toMatch(/^SEARCH c USING INDEX \w+ \((?:name_key|kind|updated_at)[=<>]/m);
        }
      }
    }
  });

  it('a narrow name or phone filter reads its own index; phones and cars are read for the rows of the page only', async () => {
    for (const [label, filterModel] of CUSTOMER_FILTERS) {
      const plans = await plansOf(() =>
        advisor.client.customers.grid({ startRow: 0, endRow: 50, sortModel: [{ colId: 'kind', sort: 'desc' }], filterModel }),
      );
      expectClean(plans, { ...PROBE, allowTempOrderBy: true });
      const page = pageStatement(plans, CUSTOMER_PAGE);
      expect(page.plan.join('\n'), label).toContain('SEARCH c USING INTEGER PRIMARY KEY (rowid=?)');
      expect(page.plan.join('\n'), label).not.toMatch(/vehicle_ownerships/);
      for (const other of plans.filter((p) => p !== page)) expect(planProblems(other.plan, PROBE), label).toEqual([]);
    }
  });

  it('a dense filter is checked row by row along the sort index, for every sort', () => {
    for (const [label, filterModel] of CUSTOMER_FILTERS) {
      const request = { startRow: 0, endRow: 100, sortModel: [], filterModel };
      const base = customerFilters(request);
      const f = {
        ...base,
        name: base.name && { ...base.name, match: { kind: 'dense' as const } },
        phone: base.phone && { ...base.phone, match: { kind: 'dense' as const } },
      };
      for (const colId of ['name', 'kind', 'updatedAt'] as const) {
        for (const sort of ['asc', 'desc'] as const) {
          const compiled = customerGridQuery(
            t.core.deps.db,
            f,
            { offset: 0, limit: 100, sort: [{ colId, sort }] },
            WALK,
          ).compile();
          const plan = planOf(t.core.deps.sqlite, compiled.sql, compiled.parameters);
          expect(planProblems(plan), `${label} / ${colId}\n${plan.join('\n')}`).toEqual([]);
          expect(plan.join('\n'), `${label} / ${colId} ${sort}`).toContain(
            `SCAN c USING INDEX ${CUSTOMER_SORT_INDEX[`${colId}:${sort}`]}`,
          );
        }
      }
    }
  });
});

describe('audit trail plans', () => {
  it('every filter the trail offers, and the page after it, is one backward walk of an index ending in (at, id)', async () => {
    const userId = clerk.session.user.id;
    const partId = (
      await t.core.deps.db.selectFrom('parts').select('id').where('part_number', '=', 'NEW0011').executeTakeFirstOrThrow()
    ).id;
    // A busy kind (RO, clocking, payment: most of the trail) is met walking the trail by date or person; a quiet kind
    // is read from audit_log_rare (entity, at, id); one thing's entries from audit_log_entity.
    const rare = (range = '') => new RegExp(`SEARCH r USING PRIMARY KEY \\(entity=\\?${range}\\)`);
    const dates = ' AND at>\\? AND at<\\?';
    const cases: [Omit<AuditListInput, 'offset' | 'limit'>, RegExp][] = [
      [{}, /SCAN audit_log USING INDEX audit_log_at\b/],
      [{ entity: 'part' }, rare()],
      [{ entity: 'repair_order' }, /SCAN audit_log USING INDEX audit_log_at\b/],
      [{ entity: 'part', entityId: partId }, /SEARCH audit_log USING INDEX audit_log_entity \(entity=\? AND entity_id=\?\)/],
      [{ userId }, /SEARCH audit_log USING INDEX audit_log_user \(user_id=\?\)/],
      [{ userId, entity: 'part' }, rare()],
      [{ userId, entity: 'repair_order' }, /SEARCH audit_log USING INDEX audit_log_user \(user_id=\?\)/],
      [{ from: '2026-11-01', to: '2026-11-30' }, /SEARCH audit_log USING INDEX audit_log_at \(at>\? AND at<\?\)/],
      [{ entity: 'part', from: '2026-11-01', to: '2026-11-30' }, rare(dates)],
      [
        { entity: 'clocking', from: '2026-11-01', to: '2026-11-30' },
        /SEARCH audit_log USING INDEX audit_log_at \(at>\? AND at<\?\)/,
      ],
      [
        { userId, from: '2026-11-01', to: '2026-11-30' },
        /SEARCH audit_log USING INDEX audit_log_user \(user_id=\? AND at>\? AND at<\?\)/,
      ],
      [{ userId, entity: 'part', from: '2026-11-01', to: '2026-11-30' }, rare(dates)],
    ];
    for (const [filter, expected] of cases) {
      const label = JSON.stringify(filter);
      const plans = await plansOf(() => manager.client.audit.list({ offset: 0, limit: 1, ...filter }));
      expectClean(plans);
      const page = pageStatement(plans, /from "audit_log/);
      expect(page.plan.join('\n'), `${label}\n${page.plan.join('\n')}`).toMatch(expected);
      const first = await manager.client.audit.list({ offset: 0, limit: 1, ...filter });
      if (!first.next) continue;
      const after = await plansOf(() => manager.client.audit.list({ offset: 1, limit: 1, ...filter, after: first.next! }));
      expectClean(after);
      expect(pageStatement(after, /from "audit_log/).plan.join('\n'), label).toMatch(
        /SEARCH (?:audit_log|r) USING (?:INDEX \w+|PRIMARY KEY) \(/,
      );
    }
  });

  it('audit_log_rare holds every entry of a quiet kind, and only those', () => {
    const sqlite = t.core.deps.sqlite;
    const quiet = sqlite
      .prepare(
        `SELECT entity, at, id, user_id FROM audit_log WHERE entity NOT IN ('repair_order', 'clocking', 'payment') ORDER BY id`,
      )
      .all();
    expect(quiet.length).toBeGreaterThan(0);
    expect(sqlite.prepare('SELECT entity, at, id, user_id FROM audit_log_rare ORDER BY id').all()).toEqual(quiet);
  });
});

describe('workshop board plans', () => {
  it("opens from the jobs of the ROs in the workshop and the day's clockings of the technicians on the board", async () => {
    const { jobId } = await workshopJob(tech.session.user.id);
    await tech.client.workshop.clockOn({ jobId });
    for (const input of [{}, { day: '2026-11-01' }]) {
      const plans = await plansOf(() => foreman.client.workshop.board(input));
      // The board is one screen, not a page: it sorts the jobs of the ROs still in the workshop and a day's clockings.
      expectClean(plans, { allowTempOrderBy: true });
      const all = plans.map((p) => p.plan.join('\n')).join('\n');
      expect(all).toContain('job_clockings_technician_started (technician_id=? AND started_at>? AND started_at<?)');
      expect(all).not.toMatch(/job_clockings_started/);
    }
    // The technician's list opens from the ROs in the workshop, not from every job they ever had.
    const mine = await plansOf(() => tech.client.workshop.myJobs({}));
    expectClean(mine, { allowTempOrderBy: true });
    expect(mine.map((p) => p.plan.join('\n')).join('\n')).not.toContain('repair_order_jobs_technician');
    await tech.client.workshop.clockOff({ jobId, finished: false });
  });
});
