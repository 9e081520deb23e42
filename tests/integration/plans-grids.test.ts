import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditListInput } from '../../shared/contract/audit';
import type { CustomerGridColumn } from '../../shared/contract/customers';
import type { GridInput } from '../../shared/contract/paging';
import {
  PART_GRID_COLUMNS,
  partFilterInput,
  type PartFilterInput,
  type PartGridColumn,
  type PartRow,
} from '../../shared/contract/parts';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { ManualClock } from '../../electron/core/clock';
import { openCore } from '../../electron/core/core';
import { kyselyOver, openSqlite } from '../../electron/core/db/connection';
import { WALK } from '../../electron/core/db/grid-filters';
import { migrate } from '../../electron/core/db/migrate';
import { prefixUpperBound } from '../../electron/core/db/prefix';
import { hashPassword } from '../../electron/core/users/password';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { backfill } from '../../electron/core/db/migrations/0024-index-grids';
import { customerFilters, customerGridQuery } from '../../electron/core/customers/repository';
import { fillWaitingLines } from '../../electron/core/parts/part-supply/reservations';
import { partGridQuery, resolvePartFilter, type PartFilterName, type PartFilterPlan } from '../../electron/core/parts/repository';
import { filterQuery } from '../../electron/core/parts/service';
import { FIXED_NOW, makeTempDir, openTestCore, removeDir, type TestCore } from '../fixtures/core';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { makePart, stockIn } from '../fixtures/parts';
import { captureStatements, planOf, planProblems, type CapturedStatement } from '../fixtures/query-plan';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * Issue 13: the parts grid, the customers grid, the audit trail and the workshop board at ten years. Every sort and
 * filter these screens offer is run through the API as the screens call it, and the plan of each statement it ran is
 * read on a freshly migrated file: a page walks the index of its sort column (and the next page starts inside that
 * index, by key), a narrow filter reads its own index (FTS5 trigram, prefix range, partial index) and sorts at most
 * DRIVE_LIMIT rows, a wider one is checked along the sort index as a set of ids or on the row (grid-filters.ts). No
 * statement scans a table that grows.
 * Then what the users see: the searches find what the LIKE filters found, keyset pages are the offset pages, the
 * per-part reserved total equals the open reservations after a day of RO part lines, and an upgraded file is filled.
 */

let t: TestCore;
let clerk: SignedIn;
let advisor: SignedIn;
let manager: SignedIn;
let foreman: SignedIn;
let tech: SignedIn;
let tech2: SignedIn;
let ownerId: number;

const SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const PARTS: Parameters<typeof makePart>[1][] = [
  {
    part_number: 'GRD-0001',
    name_zh: '机油滤清器（迈腾）',
    name_en: 'Oil filter',
    brand: '大众',
    default_bin: 'A-01-01',
    min_qty_milli: 2_000,
  },
  { part_number: 'GRD-0002', name_zh: '机油滤清器（途锐）', name_en: 'Oil filter', brand: '大众', default_bin: 'A-01-02' },
  {
    part_number: 'GRD-0003',
    name_zh: '前刹车片（途锐）',
    name_en: 'Front brake pads',
    brand: '大众',
    default_bin: 'A-02-01',
    min_qty_milli: 5_000,
  },
  { part_number: 'GRD-0004', name_zh: '后刹车片', name_en: 'Rear brake pads', brand: '丰田', default_bin: 'B-01-01' },
  { part_number: 'GRD-0005', name_zh: '空气滤芯', name_en: 'Air FILTER element', brand: '丰田', default_bin: 'B-01-02' },
  { part_number: 'GRD-0006', name_zh: '雨刮片（后）', name_en: 'Rear wiper blade', brand: 'toyota', default_bin: 'B-02-01' },
  { part_number: 'GRD-0007', name_zh: '火花塞', name_en: 'Spark plug 100%', brand: 'TOYOTA', default_bin: 'C-01-01', active: 0 },
  {
    part_number: 'XYZ-0008',
    name_zh: '正时皮带',
    name_en: 'Timing_belt',
    brand: '本田',
    default_bin: 'C-01-02',
    min_qty_milli: 1_000,
  },
  { part_number: 'XYZ-0009', name_zh: '刹车', name_en: 'Brake', brand: '本田', default_bin: 'C-02-01' },
  { part_number: 'XYZ-0010', name_zh: '发电机', name_en: 'Alternator', brand: '本田', default_bin: 'D-01-01' },
];

/** A vehicle's RO with one job, as the advisor opens it. */
async function newRo(): Promise<RepairOrderDetail> {
  const vehicle = await makeVehicle(advisor.client, ownerId);
  return advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['刹车异响'] });
}

async function addPart(ro: RepairOrderDetail, partNumber: string, qty: number): Promise<RepairOrderDetail> {
  const result = await advisor.client.repairOrders.addPartLine({
    id: ro.id,
    version: ro.version,
    jobId: ro.jobs[0]!.id,
    partNumber,
    qtyMilli: qty * 1000,
  });
  return result;
}

const lastLine = (ro: RepairOrderDetail) => ro.jobs[0]!.partLines[ro.jobs[0]!.partLines.length - 1]!;

/** An approved, started RO whose job is dispatched to `technicianId`. */
async function workshopJob(technicianId: number): Promise<{ ro: RepairOrderDetail; jobId: number }> {
  let ro = await newRo();
  ro = await advisor.client.repairOrders.authorise({
    id: ro.id,
    version: ro.version,
    customerName: '张伟',
    channel: 'in_person',
    signaturePng: SIGNATURE,
    decisions: ro.jobs.map((job) => ({ jobId: job.id, decision: 'approved' as const })),
  });
  ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
  const jobId = ro.jobs[0]!.id;
  await foreman.client.workshop.assign({ jobId, technicianId, overrideSkills: true });
  return { ro, jobId };
}

beforeAll(async () => {
  t = await openTestCore();
  clerk = await signIn(t.core, 'parts_clerk');
  advisor = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  foreman = await signIn(t.core, 'foreman');
  tech = await signIn(t.core, 'technician');
  tech2 = await signIn(t.core, 'technician');
  ownerId = (await makeCustomer(advisor.client)).id;
  for (const part of PARTS) await makePart(t.core, part);
  // Through the master too, so the trail holds part entries.
  await clerk.client.parts.create({
    partNumber: 'NEW-0011',
    nameZh: '节温器',
    nameEn: 'Thermostat',
    unit: 'piece',
    listPriceFen: 30_000,
    costFen: 20_000,
    defaultBin: 'D-02-01',
    minQtyMilli: 0,
    maxQtyMilli: 0,
  });
  const ids = await t.core.deps.db.selectFrom('parts').select(['id', 'part_number']).orderBy('id').execute();
  for (const [k, part] of ids.entries()) if (k % 3 !== 2) await stockIn(t.core, part.id, (k + 1) * 1000, 5_000 + k * 700);
  await stockIn(t.core, ids[0]!.id, 2_000, 6_000, { bin: 'E-09-01' });
  for (const [n, name] of ['北京天诚广告有限公司', '王芳', '欧阳娜娜', 'Wang Lei', '陈凯', '陈凯文'].entries()) {
    await makeCustomer(advisor.client, {
      kind: n === 0 ? 'company' : 'person',
      name,
      phones: [
        { number: `1380013${String(8000 + n)}`, label: 'mobile' },
        { number: `010-6552${String(1000 + n)}`, label: 'work' },
      ],
    });
  }
});
afterAll(async () => {
  await t?.close();
});

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

/**
 * Every filter the parts grid offers (each narrow on this small file), the name of the filter it is, and what its ids
 * are read through.
 */
const PART_FILTERS: [string, Partial<PartFilterInput>, PartFilterName, RegExp][] = [
  ['a name word of three characters or more', { text: '滤清器' }, 'text', /SCAN parts_name_fts VIRTUAL TABLE INDEX 0:M/],
  // One or two characters: a range of trigram terms in the vocabulary, then those terms matched.
  [
    'two characters',
    { text: '刹车' },
    'text',
    /SCAN parts_name_fts_vocab VIRTUAL TABLE INDEX [1-9][^]*SCAN parts_name_fts VIRTUAL TABLE INDEX 0:M/,
  ],
  [
    'one character',
    { text: '芯' },
    'text',
    /SCAN parts_name_fts_vocab VIRTUAL TABLE INDEX [1-9][^]*SCAN parts_name_fts VIRTUAL TABLE INDEX 0:M/,
  ],
  ['an English word in another case', { text: 'FILTER' }, 'text', /SCAN parts_name_fts VIRTUAL TABLE INDEX 0:M/],
  [
    'a number prefix in another spelling',
    { text: 'grd 000' },
    'text',
    /SEARCH parts USING COVERING INDEX sqlite_autoindex_parts_1 \(part_number>\? AND part_number<\?\)/,
  ],
  [
    'a brand in another case',
    { brand: 'Toyota' },
    'brand',
    /SEARCH parts USING COVERING INDEX parts_grid_brand_nocase \(brand=\?\)/,
  ],
  [
    'a bin prefix (default bin or stock held there)',
    { bin: 'e-09' },
    'bin',
    /parts_default_bin \(default_bin>\? AND default_bin<\?\)[^]*part_stock_bin \(bin>\? AND bin<\?\)/,
  ],
  ['below minimum', { belowMin: true }, 'belowMin', /SCAN parts USING (?:COVERING )?INDEX parts_below_min/],
  ['retired parts', { active: 'inactive' }, 'inactive', /SCAN parts USING (?:COVERING )?INDEX parts_inactive/],
];

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
type CustomerFilter = GridInput<CustomerGridColumn>['filterModel'];
const text = (type: 'contains' | 'startsWith' | 'equals', filter: string) => ({ filterType: 'text' as const, type, filter });
const CUSTOMER_FILTERS: [string, CustomerFilter][] = [
  ['a name part of three characters or more', { name: text('contains', '广告有') }],
  ['a two-character name', { name: text('contains', '陈凯') }],
  ['one character of a name', { name: text('contains', '娜') }],
  ['a Latin name in another case', { name: text('contains', 'LEI') }],
  ['the start of a name', { name: text('startsWith', '欧阳') }],
  ['a whole name', { name: text('equals', '王芳') }],
  ['digits in the middle of a phone', { phone: text('contains', '0013800') }],
  ['four digits of a phone, as typed with a dash', { phone: text('contains', '65-52') }],
  ['two digits of a phone', { phone: text('contains', '38') }],
  ['the start of a phone', { phone: text('startsWith', '0106552') }],
  ['a whole phone', { phone: text('equals', '138 0013 8002') }],
];

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

describe('what the grids show', () => {
  /** Every row of a parts filter, page after page by key. */
  async function allParts(
    filter: Partial<PartFilterInput>,
    sortModel: GridInput<PartGridColumn>['sortModel'] = [],
  ): Promise<PartRow[]> {
    const rows: PartRow[] = [];
    let after: string | undefined;
    for (let start = 0; ; start += 2) {
      const page = await clerk.client.parts.grid({
        startRow: start,
        endRow: start + 2,
        sortModel,
        active: 'all',
        ...filter,
        ...(after ? { after } : {}),
      });
      rows.push(...page.rows);
      if (!page.hasMore) return rows;
      after = page.next ?? undefined;
    }
  }

  it('the parts search finds what "contains" found before, for every length of text, in both spellings of a number', async () => {
    const sqlite = t.core.deps.sqlite;
    for (const typed of [
      '滤清器',
      '刹车',
      '刹',
      '车片',
      '）',
      'filter',
      'FILTER',
      'oil f',
      'Rear',
      'r',
      '100%',
      '_',
      'grd 000',
      'xyz',
      'zz',
      '途锐）',
    ]) {
      const like = `%${typed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const expected = (
        sqlite
          .prepare(
            `SELECT part_number FROM parts WHERE (name_zh LIKE ? ESCAPE '\\' OR name_en LIKE ? ESCAPE '\\' OR part_number >= ? AND part_number < ?) ORDER BY part_number`,
          )
          .all(like, like, ...numberRange(typed)) as { part_number: string }[]
      ).map((r) => r.part_number);
      const found = (await allParts({ text: typed })).map((r) => r.partNumber);
      expect(found, typed).toEqual(expected);
    }
  });

  it('a filter read as driver, as id set or on the row finds the same parts in the same order; keyset pages are the offset pages', async () => {
    for (const [label, filter, name] of PART_FILTERS) {
      for (const column of ['available', 'nameZh'] as const) {
        const sort = [{ column, direction: 'desc' as const }];
        const f = await resolvePartFilter(t.core.deps.db, filterQuery(partFilterInput.parse(filter)));
        const read = (plan: PartFilterPlan, resolved = f) =>
          partGridQuery(t.core.deps.db, resolved, { offset: 0, limit: 100, sort }, plan)
            .execute()
            .then((rows) => rows.map((r) => r.part_number));
        const onTheRow = await read(WALK, { ...f, nameMatch: { kind: 'dense' } });
        expect(onTheRow.length, label).toBeGreaterThan(0);
        expect(await read({ drive: name, sets: [] }), label).toEqual(onTheRow);
        expect(await read({ drive: null, sets: [name] }), label).toEqual(onTheRow);
        const keyed = await allParts(filter, [{ colId: column, sort: 'desc' }]);
        expect(
          keyed.map((r) => r.partNumber),
          label,
        ).toEqual(
          (
            await clerk.client.parts.grid({
              startRow: 0,
              endRow: 200,
              active: 'all',
              sortModel: [{ colId: column, sort: 'desc' }],
              ...filter,
            })
          ).rows.map((r) => r.partNumber),
        );
      }
    }
  });

  it('the customers filters find what LIKE found before, and keyset pages are the offset pages', async () => {
    const sqlite = t.core.deps.sqlite;
    const live = 'merged_into_id IS NULL AND erased_at IS NULL';
    const escape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
    for (const [label, filterModel] of CUSTOMER_FILTERS) {
      const [column, filter] = Object.entries(filterModel)[0]! as ['name' | 'phone', { type: string; filter: string }];
      const needle = column === 'phone' ? filter.filter.replace(/\D/g, '') : filter.filter.toLowerCase();
      const pattern =
        filter.type === 'equals' ? escape(needle) : filter.type === 'startsWith' ? `${escape(needle)}%` : `%${escape(needle)}%`;
      const sqlText =
        column === 'name'
          ? `SELECT id FROM customers WHERE ${live} AND name_key LIKE ? ESCAPE '\\' ORDER BY id DESC`
          : `SELECT id FROM customers c WHERE ${live} AND EXISTS (SELECT 1 FROM customer_phones p WHERE p.customer_id = c.id AND p.number LIKE ? ESCAPE '\\') ORDER BY id DESC`;
      const expected = (sqlite.prepare(sqlText).all(pattern) as { id: number }[]).map((r) => r.id);
      expect(expected.length, label).toBeGreaterThan(0);
      const all = await advisor.client.customers.grid({ startRow: 0, endRow: 200, filterModel });
      expect(
        all.rows.map((r) => r.id),
        label,
      ).toEqual(expected);
    }
    for (const sortModel of [
      [],
      [{ colId: 'kind' as const, sort: 'asc' as const }],
      [{ colId: 'name' as const, sort: 'desc' as const }],
    ]) {
      const whole = await advisor.client.customers.grid({ startRow: 0, endRow: 200, sortModel });
      const keyed: number[] = [];
      let after: string | undefined;
      for (let start = 0; ; start += 2) {
        const page = await advisor.client.customers.grid({
          startRow: start,
          endRow: start + 2,
          sortModel,
          ...(after ? { after } : {}),
        });
        keyed.push(...page.rows.map((r) => r.id));
        if (!page.hasMore) break;
        after = page.next ?? undefined;
      }
      expect(keyed).toEqual(whole.rows.map((r) => r.id));
      // Ties newest first in both directions, as before.
      if (sortModel[0]?.colId === 'kind')
        expect(whole.rows.slice(1).map((r) => r.id)).toEqual([...whole.rows.slice(1).map((r) => r.id)].sort((a, b) => b - a));
    }
  });

  it("the trail's keyset pages are its offset pages", async () => {
    const whole = await manager.client.audit.list({ offset: 0, limit: 200 });
    const keyed: number[] = [];
    let after: string | undefined;
    for (let offset = 0; ; offset += 3) {
      const page = await manager.client.audit.list({ offset, limit: 3, ...(after ? { after } : {}) });
      keyed.push(...page.rows.map((r) => r.id));
      if (!page.hasMore) break;
      after = page.next ?? undefined;
    }
    expect(keyed).toEqual(whole.rows.map((r) => r.id));
  });

  it("the board counts a day's clocked minutes from the clockings that reach into the day, started before it or not", async () => {
    // Tech: 23:30-00:30 across midnight into 2026-11-24. Tech2: on since 2026-11-22 10:00 and still running.
    const a = await workshopJob(tech.session.user.id);
    const b = await workshopJob(tech2.session.user.id);
    t.clock.set('2026-11-22T02:00:00.000Z');
    await tech2.client.workshop.clockOn({ jobId: b.jobId });
    t.clock.set('2026-11-23T15:30:00.000Z');
    await tech.client.workshop.clockOn({ jobId: a.jobId });
    t.clock.set('2026-11-23T16:30:00.000Z');
    await tech.client.workshop.clockOff({ jobId: a.jobId, finished: false });
    t.clock.set(FIXED_NOW);
    const minutes = async (day: string, who: SignedIn) =>
      (await foreman.client.workshop.board({ day })).technicians.find((c) => c.id === who.session.user.id)!.clockedMinutesDay;
    // The whole 2026-11-24 clocking history of tech before this test: the plan test's clocking at FIXED_NOW (0 minutes).
    expect(await minutes('2026-11-24', tech)).toBe(30);
    expect(await minutes('2026-11-23', tech)).toBe(30);
    expect(await minutes('2026-11-23', tech2)).toBe(24 * 60);
    expect(await minutes('2026-11-24', tech2)).toBe(10 * 60);
    expect(await minutes('2026-11-21', tech2)).toBe(0);
    await tech2.client.workshop.clockOff({ jobId: b.jobId, finished: false });
  });
});

/** The part-number range the grid reads for typed text (an empty range when it cannot start a number). */
function numberRange(typed: string): [string, string] {
  const prefix = filterQuery({ text: typed, brand: '', bin: '', belowMin: false, active: 'all' }).numberPrefix;
  return prefix ? [prefix, prefixUpperBound(prefix)] : ['', ''];
}

describe('reserved per part', () => {
  it('equals what open reservations hold after a day of RO part lines, and the grid sorts by it', async () => {
    // Pads and belt are on the shelf; the filter has 3 units for a line of 50.
    const [pads, filter, belt] = await Promise.all(
      ['GRD0002', 'GRD0001', 'XYZ0008'].map((n) =>
        t.core.deps.db.selectFrom('parts').selectAll().where('part_number', '=', n).executeTakeFirstOrThrow(),
      ),
    );
    let ro1 = await newRo();
    ro1 = await addPart(ro1, pads!.part_number, 2);
    ro1 = await addPart(ro1, filter!.part_number, 50);
    const short = lastLine(ro1);
    let ro2 = await newRo();
    ro2 = await addPart(ro2, pads!.part_number, 1);
    ro2 = await addPart(ro2, belt!.part_number, 1);
    // A line removed, parts issued and one returned, a receipt filling the line that waited, an RO cancelled.
    await advisor.client.repairOrders.removeLine({ id: ro2.id, version: ro2.version, lineId: lastLine(ro2).id });
    await clerk.client.parts.issueToLine({ lineId: ro1.jobs[0]!.partLines[0]!.id, qtyMilli: 1000 });
    await clerk.client.parts.returnFromLine({ lineId: ro1.jobs[0]!.partLines[0]!.id, qtyMilli: 1000, reason: '未使用' });
    await stockIn(t.core, filter!.id, 60_000, 5_500);
    await t.core.deps.db.transaction().execute((trx) => fillWaitingLines(trx, filter!.id, FIXED_NOW));
    const ro3 = await addPart(await newRo(), belt!.part_number, 2);
    await advisor.client.repairOrders.transition({ id: ro3.id, version: ro3.version, to: 'cancelled' });

    const sqlite = t.core.deps.sqlite;
    const drift = sqlite
      .prepare(
        `SELECT p.part_number, p.reserved_milli, coalesce((SELECT sum(r.reserved_milli) FROM part_reservations r WHERE r.part_id = p.id AND r.status = 'open'), 0) AS fresh
         FROM parts p WHERE p.reserved_milli <> fresh`,
      )
      .all();
    expect(drift).toEqual([]);
    const held = (sqlite.prepare('SELECT reserved_milli AS n FROM parts WHERE id = ?').get(filter!.id) as { n: number }).n;
    expect(held).toBeGreaterThan(0);
    expect(
      (
        await t.core.deps.db
          .selectFrom('part_reservations')
          .select('to_order_milli')
          .where('line_id', '=', short.id)
          .executeTakeFirstOrThrow()
      ).to_order_milli,
    ).toBe(0);
    // What the clerk sees: reserved and available per row, and the order they sort in.
    const byAvailable = await clerk.client.parts.grid({
      startRow: 0,
      endRow: 100,
      active: 'all',
      sortModel: [{ colId: 'available', sort: 'asc' }],
    });
    const figures = new Map(byAvailable.rows.map((r) => [r.partNumber, r]));
    expect(figures.get(filter!.part_number)).toMatchObject({
      reservedMilli: held,
      availableMilli: filter!.on_hand_milli + 60_000 - held,
    });
    const available = byAvailable.rows.map((r) => r.availableMilli);
    expect(available).toEqual([...available].sort((x, y) => x - y));
    const detail = await clerk.client.parts.get({ id: filter!.id });
    expect(detail.reservedMilli).toBe(held);
  });
});

describe('upgrading a file that already holds parts, reservations and customers', () => {
  it('fills reserved per part in the migration and the search tables in the backfill', async () => {
    const dir = makeTempDir('baydesk-grids-');
    try {
      const file = join(dir, 'baydesk.sqlite');
      const sqlite = openSqlite(file);
      const db = kyselyOver(sqlite);
      const before = MIGRATIONS.findIndex((m) => m.name === '0024-index-grids');
      await migrate(sqlite, db as never, file, MIGRATIONS.slice(0, before));
      sqlite
        .prepare(
          `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES ('boss', 'Boss', 'manager', ?, ?, ?)`,
        )
        .run(await hashPassword('boss-password-1'), FIXED_NOW, FIXED_NOW);
      const insertPart = sqlite.prepare(
        `INSERT INTO parts (part_number, name_zh, name_en, brand, default_bin, on_hand_milli, created_at, updated_at) VALUES (?, ?, ?, '大众', 'A-01', 5000, ?, ?)`,
      );
      sqlite.transaction(() => {
        for (let n = 1; n <= 12_345; n += 1)
          insertPart.run(
            `OLD${String(n).padStart(5, '0')}`,
            n % 1000 === 7 ? '刹车盘（旧）' : `配件${n}`,
            `Part ${n}`,
            FIXED_NOW,
            FIXED_NOW,
          );
      })();
      sqlite
        .prepare(
          `INSERT INTO customers (kind, name, name_key, preferred_contact, created_at, updated_at) VALUES ('person', '欧阳娜娜', '欧阳娜娜', 'phone', ?, ?)`,
        )
        .run(FIXED_NOW, FIXED_NOW);
      sqlite
        .prepare(
          `INSERT INTO customer_phones (customer_id, number, number_rev, label, position) VALUES (1, '13912345678', '87654321931', 'mobile', 0)`,
        )
        .run();
      sqlite
        .prepare(
          `INSERT INTO vehicles (vin, vin_rev, vin_check_ok, make, model, year, fuel_type, created_at, updated_at) VALUES ('V1', '1V', 1, 'VW', 'Golf', 2020, 'petrol', ?, ?)`,
        )
        .run(FIXED_NOW, FIXED_NOW);
      sqlite
        .prepare(
          `INSERT INTO repair_orders (number, vehicle_id, customer_id, advisor_id, status, opened_at, created_at, updated_at) VALUES ('RO1', 1, 1, 1, 'open', ?, ?, ?)`,
        )
        .run(FIXED_NOW, FIXED_NOW, FIXED_NOW);
      const reserve = sqlite.prepare(
        `INSERT INTO part_reservations (line_id, part_id, repair_order_id, job_id, qty_milli, reserved_milli, status, created_at, updated_at) VALUES (?, ?, 1, 1, ?, ?, ?, ?, ?)`,
      );
      reserve.run(1, 7, 3000, 3000, 'open', FIXED_NOW, FIXED_NOW);
      reserve.run(2, 7, 1000, 1000, 'open', FIXED_NOW, FIXED_NOW);
      reserve.run(3, 7, 2000, 0, 'closed', FIXED_NOW, FIXED_NOW);
      const entry = sqlite.prepare(`INSERT INTO audit_log (at, user_id, entity, entity_id, action) VALUES (?, 1, ?, ?, ?)`);
      sqlite.transaction(() => {
        for (let n = 0; n < 7_000; n += 1) {
          const at = new Date(Date.parse('2016-01-01T00:00:00Z') + n * 3_600_000).toISOString();
          entry.run(at, n % 700 === 0 ? 'complaint' : 'repair_order', n, n % 700 === 0 ? 'complaint.created' : 'ro.created');
        }
      })();
      await db.destroy();

      const progress: number[] = [];
      const core = await openCore({
        file,
        clock: new ManualClock(FIXED_NOW),
        onUpgradeProgress: (p) => p.phase === 'backfill' && p.migration === '0024-index-grids' && progress.push(p.done),
      });
      try {
        // 12,345 parts + 1 customer + 1 phone + 10 complaint entries (the RO entries are not read), in chunks.
        expect(progress.length).toBeGreaterThan(3);
        expect(Math.max(...progress)).toBe(12_357);
        expect((core.deps.sqlite.prepare('SELECT reserved_milli AS n FROM parts WHERE id = 7').get() as { n: number }).n).toBe(
          4000,
        );
        const session = await core.client().users.login({ username: 'boss', password: 'boss-password-1' });
        const client = core.client(session.token);
        const found = await client.parts.grid({ startRow: 0, endRow: 50, text: '刹车盘' });
        expect(found.rows.map((r) => r.partNumber)).toEqual(
          Array.from({ length: 13 }, (_, k) => `OLD${String(k * 1000 + 7).padStart(5, '0')}`),
        );
        expect(found.rows[0]).toMatchObject({ reservedMilli: 4000, availableMilli: 1000 });
        expect(
          (await client.customers.grid({ startRow: 0, endRow: 10, filterModel: { name: text('contains', '阳娜') } })).rows,
        ).toHaveLength(1);
        expect(
          (await client.customers.grid({ startRow: 0, endRow: 10, filterModel: { phone: text('contains', '2345') } })).rows,
        ).toHaveLength(1);
        const complaints = await client.audit.list({ offset: 0, limit: 50, entity: 'complaint' });
        expect(complaints.rows.map((r) => r.entityId)).toEqual([6300, 5600, 4900, 4200, 3500, 2800, 2100, 1400, 700, 0]);
        // A machine stopped after a chunk committed runs that chunk again from the last cursor: nothing is doubled.
        for (const cursor of ['parts:0', 'audit-complaint:0']) {
          await core.deps.db.transaction().execute((trx) => backfill.step(trx as never, cursor));
        }
        expect((await client.parts.grid({ startRow: 0, endRow: 50, text: '刹车盘' })).rows).toHaveLength(13);
        expect((await client.audit.list({ offset: 0, limit: 50, entity: 'complaint' })).rows).toHaveLength(10);
      } finally {
        await core.close();
      }
    } finally {
      removeDir(dir);
    }
  });
});
