import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../electron/core/db/seed';
import { partGridQuery } from '../../electron/core/parts/repository';
import { filterQuery } from '../../electron/core/parts/service';
import type { PartFields } from '../../shared/contract/parts';
import { normalisePartNumber } from '../../shared/domain/part-number';
import { countRows, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makePart, stockIn } from '../fixtures/parts';
import { signIn, type SignedIn } from '../fixtures/users';

let t: TestCore;
let clerk: SignedIn;
let advisor: SignedIn;
let csi: SignedIn;

beforeAll(async () => {
  t = await openTestCore();
  clerk = await signIn(t.core, 'parts_clerk');
  advisor = await signIn(t.core, 'advisor');
  csi = await signIn(t.core, 'csi_agent');
});
afterAll(() => t?.close());

const fields = (overrides: Partial<PartFields> = {}): PartFields => ({
  partNumber: '04152-yzza1',
  nameZh: '机油滤清器',
  nameEn: 'Oil filter',
  brand: '丰田',
  unit: 'piece',
  listPriceFen: 8_500,
  costFen: 5_200,
  taxClass: 'standard',
  defaultBin: 'a-01-03',
  minQtyMilli: 2_000,
  maxQtyMilli: 10_000,
  ...overrides,
});

describe('parts master', () => {
  it('creates a part with its number normalised, and finds it by any spelling', async () => {
    const part = await clerk.client.parts.create(fields());
    expect(part).toMatchObject({
      partNumber: '04152YZZA1',
      defaultBin: 'A-01-03',
      onHandMilli: 0,
      reservedMilli: 0,
      availableMilli: 0,
      avgUnitCostFen: 5_200,
      belowMin: true,
      active: true,
      chain: ['04152YZZA1'],
      version: 1,
    });
    for (const spelling of ['04152 YZZA1', '04152yzza1', '04152-YZZA1']) {
      const found = await advisor.client.parts.lookup({ partNumber: spelling });
      expect(found?.current.id).toBe(part.id);
      expect(found?.superseded).toBe(false);
    }
    expect(await advisor.client.parts.lookup({ partNumber: '99999-NOPE' })).toBeNull();
  });

  it('refuses a taken number in another spelling, a bad number, min above max and the wrong roles, writing nothing', async () => {
    const before = countRows(t.core, 'parts');
    await expectApiError(clerk.client.parts.create(fields({ partNumber: '04152 yzza 1', nameZh: '另一个' })), 'CONFLICT', {
      field: 'partNumber',
      reason: 'part.numberTaken',
    });
    await expectApiError(clerk.client.parts.create(fields({ partNumber: '04152#YZZA2' })), 'INVALID_INPUT', {
      field: 'partNumber',
      reason: 'part.numberInvalid',
    });
    await expectApiError(
      clerk.client.parts.create(fields({ partNumber: '123', minQtyMilli: 5_000, maxQtyMilli: 1_000 })),
      'INVALID_INPUT',
      {
        field: 'maxQtyMilli',
        reason: 'part.minAboveMax',
      },
    );
    await expectApiError(advisor.client.parts.create(fields({ partNumber: '124' })), 'FORBIDDEN');
    await expectApiError(csi.client.parts.grid({ startRow: 0, endRow: 10 }), 'FORBIDDEN');
    expect(countRows(t.core, 'parts')).toBe(before);
  });

  it('updates with the version read; a stale save and a taken number change nothing', async () => {
    const part = await clerk.client.parts.create(fields({ partNumber: '90915-YZZE1', nameZh: '机滤' }));
    const other = await makePart(t.core, { part_number: '90915YZZE2' });
    const saved = await clerk.client.parts.update({
      ...fields({ partNumber: '90915 yzze1', nameZh: '机油滤清器（新）', listPriceFen: 9_900 }),
      id: part.id,
      version: part.version,
      active: true,
    });
    expect(saved).toMatchObject({ nameZh: '机油滤清器（新）', listPriceFen: 9_900, version: 2, partNumber: '90915YZZE1' });
    await expectApiError(
      clerk.client.parts.update({
        ...fields({ partNumber: '90915YZZE1', nameZh: '旧版本' }),
        id: part.id,
        version: 1,
        active: true,
      }),
      'CONFLICT',
      { field: 'version', reason: 'staleVersion' },
    );
    await expectApiError(
      clerk.client.parts.update({ ...fields({ partNumber: other.partNumber }), id: part.id, version: 2, active: true }),
      'CONFLICT',
      { field: 'partNumber', reason: 'part.numberTaken' },
    );
    expect(await clerk.client.parts.get({ id: part.id })).toMatchObject({ nameZh: '机油滤清器（新）', version: 2 });
  });
});

describe('supersession', () => {
  it('follows A → B → C from A to C, shows what each replaces, and refuses a loop or itself with nothing written', async () => {
    const a = await clerk.client.parts.create(fields({ partNumber: 'SUP-A', nameZh: '旧件A' }));
    const b = await clerk.client.parts.create(fields({ partNumber: 'SUP-B', nameZh: '件B' }));
    const c = await clerk.client.parts.create(fields({ partNumber: 'SUP-C', nameZh: '新件C' }));
    await stockIn(t.core, c.id, 3_000, 5_000);
    const a1 = await clerk.client.parts.setSupersession({ id: a.id, version: a.version, supersededBy: 'sup b' });
    await clerk.client.parts.setSupersession({ id: b.id, version: b.version, supersededBy: 'SUP-C' });

    const found = await advisor.client.parts.lookup({ partNumber: 'sup-a' });
    expect(found).toMatchObject({
      requested: { id: a.id, partNumber: 'SUPA' },
      current: { id: c.id, partNumber: 'SUPC', availableMilli: 3_000 },
      chain: ['SUPA', 'SUPB', 'SUPC'],
      superseded: true,
    });
    const detailA = await advisor.client.parts.get({ id: a.id });
    expect(detailA).toMatchObject({ supersededBy: 'SUPB', chain: ['SUPA', 'SUPB', 'SUPC'], current: { id: c.id } });
    const detailC = await advisor.client.parts.get({ id: c.id });
    expect(detailC.replaces.map((p) => p.partNumber)).toEqual(['SUPB']);

    const versionC = detailC.version;
    await expectApiError(clerk.client.parts.setSupersession({ id: c.id, version: versionC, supersededBy: 'SUP-A' }), 'RULE', {
      field: 'supersededBy',
      reason: 'part.supersessionLoop',
    });
    await expectApiError(clerk.client.parts.setSupersession({ id: c.id, version: versionC, supersededBy: 'supc' }), 'RULE', {
      field: 'supersededBy',
      reason: 'part.supersessionLoop',
    });
    await expectApiError(clerk.client.parts.setSupersession({ id: c.id, version: versionC, supersededBy: 'NOT-THERE' }), 'RULE', {
      field: 'supersededBy',
      reason: 'part.supersededByUnknown',
    });
    const after = await advisor.client.parts.get({ id: c.id });
    expect(after).toMatchObject({ supersededBy: null, version: versionC, chain: ['SUPC'] });

    // Cleared, the old number is current again; it stays on file either way.
    const cleared = await clerk.client.parts.setSupersession({ id: a.id, version: a1.version, supersededBy: null });
    expect(cleared).toMatchObject({ supersededBy: null, chain: ['SUPA'], current: { id: a.id } });
  });
});

describe('parts grid', () => {
  it('pages, sorts and filters in SQL, and refuses an unknown column', async () => {
    const fresh = await openTestCore();
    try {
      const me = await signIn(fresh.core, 'parts_clerk');
      for (let i = 1; i <= 25; i += 1) {
        const p = await makePart(fresh.core, {
          part_number: `GRD-${String(i).padStart(3, '0')}`,
          name_zh: i % 2 ? `刹车片${i}` : `滤清器${i}`,
          name_en: i % 2 ? `Brake pad ${i}` : `Filter ${i}`,
          brand: i <= 10 ? '丰田' : '大众',
          default_bin: i <= 5 ? 'C-02-01' : 'D-01-01',
          min_qty_milli: 5_000,
        });
        if (i % 3 === 0) await stockIn(fresh.core, p.id, i * 1000, 1_000);
      }
      const first = await me.client.parts.grid({ startRow: 0, endRow: 10 });
      expect(first.rows).toHaveLength(10);
      expect(first.hasMore).toBe(true);
      expect(first.rows[0]!.partNumber).toBe('GRD001');
      const last = await me.client.parts.grid({ startRow: 20, endRow: 30 });
      expect(last.rows).toHaveLength(5);
      expect(last.hasMore).toBe(false);

      const byStock = await me.client.parts.grid({ startRow: 0, endRow: 3, sortModel: [{ colId: 'onHand', sort: 'desc' }] });
      expect(byStock.rows.map((r) => r.onHandMilli)).toEqual([24_000, 21_000, 18_000]);
      const byAvailable = await me.client.parts.grid({
        startRow: 0,
        endRow: 1,
        sortModel: [{ colId: 'available', sort: 'desc' }],
      });
      expect(byAvailable.rows[0]).toMatchObject({ partNumber: 'GRD024', availableMilli: 24_000, reservedMilli: 0 });

      const dashed = await me.client.parts.grid({ startRow: 0, endRow: 50, text: 'grd-00' });
      expect(dashed.rows.map((r) => r.partNumber)).toEqual([
        'GRD001',
        'GRD002',
        'GRD003',
        'GRD004',
        'GRD005',
        'GRD006',
        'GRD007',
        'GRD008',
        'GRD009',
      ]);
      const byName = await me.client.parts.grid({ startRow: 0, endRow: 50, text: '滤清器' });
      expect(byName.rows).toHaveLength(12);
      const byEnglish = await me.client.parts.grid({ startRow: 0, endRow: 50, text: 'brake' });
      expect(byEnglish.rows).toHaveLength(13);
      const vw = await me.client.parts.grid({ startRow: 0, endRow: 50, brand: '大众' });
      expect(vw.rows).toHaveLength(15);
      const aisle = await me.client.parts.grid({ startRow: 0, endRow: 50, bin: 'c-02' });
      expect(aisle.rows.map((r) => r.partNumber)).toEqual(['GRD001', 'GRD002', 'GRD003', 'GRD004', 'GRD005']);
      // Below minimum: available under 5 units (every part but those stocked with 6 or more).
      const below = await me.client.parts.grid({ startRow: 0, endRow: 50, belowMin: true });
      expect(below.rows.every((r) => r.belowMin && r.availableMilli < 5_000)).toBe(true);
      expect(below.rows).toHaveLength(25 - 7);

      await expectApiError(
        me.client.parts.grid({ startRow: 0, endRow: 10, sortModel: [{ colId: 'secret' as 'onHand', sort: 'asc' }] }),
        'INVALID_INPUT',
        { field: 'sortModel.0.colId' },
      );
      await expectApiError(
        me.client.parts.grid({
          startRow: 0,
          endRow: 10,
          filterModel: { brand: { filterType: 'text', type: 'contains', filter: 'x' } },
        }),
        'INVALID_INPUT',
        { reason: 'filter.unsupported' },
      );
    } finally {
      await fresh.close();
    }
  });
});

describe('demo parts room', () => {
  it('stocks every maintenance-package part, has chains and parts below minimum, and its ledger agrees', async () => {
    const demo = await openTestCore();
    try {
      const started = performance.now();
      await seedDemo(demo.core, { customers: 5, vehicles: 5, seed: 42 });
      const seconds = (performance.now() - started) / 1000;
      expect(seconds).toBeLessThan(10);
      const db = demo.core.deps.sqlite;
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(count('SELECT count(*) AS n FROM parts')).toBeGreaterThanOrEqual(290);
      expect(count('SELECT count(*) AS n FROM suppliers')).toBe(3);
      const packageParts = db.prepare('SELECT DISTINCT part_number FROM maintenance_package_parts').all() as {
        part_number: string;
      }[];
      expect(packageParts.length).toBeGreaterThan(0);
      for (const { part_number } of packageParts) {
        const part = db.prepare('SELECT on_hand_milli FROM parts WHERE part_number = ?').get(normalisePartNumber(part_number)) as
          { on_hand_milli: number } | undefined;
        expect(part?.on_hand_milli, part_number).toBeGreaterThanOrEqual(20_000);
      }
      const clerkSession = await demo.core.client().users.login({ username: 'parts_clerk', password: DEMO_PASSWORD });
      const client = demo.core.client(clerkSession.token);
      const below = await client.parts.grid({ startRow: 0, endRow: 200, belowMin: true });
      expect(below.rows.length).toBeGreaterThanOrEqual(5);
      const chain = await client.parts.lookup({ partNumber: '04465-02220' });
      expect(chain?.chain).toEqual(['0446502220', '0446502240', '0446502260']);
      const ledger = db
        .prepare(
          `SELECT count(*) AS n FROM parts p WHERE p.on_hand_milli <>
             coalesce((SELECT sum(qty_milli) FROM stock_movements m WHERE m.part_id = p.id), 0)
           OR p.stock_value_fen <> coalesce((SELECT sum(value_fen) FROM stock_movements m WHERE m.part_id = p.id), 0)`,
        )
        .get() as { n: number };
      expect(ledger.n).toBe(0);
    } finally {
      await demo.close();
    }
  });
});

describe('parts grid query plans', () => {
  const plan = (query: ReturnType<typeof partGridQuery>) => {
    const compiled = query.compile();
    return (
      t.core.deps.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as {
        detail: string;
      }[]
    )
      .map((r) => r.detail)
      .join(' | ');
  };
  const noFilter = filterQuery({ text: '', brand: '', bin: '', belowMin: false, active: 'all' });

  it('lists by part number along its unique index, without sorting the whole master', () => {
    const detail = plan(partGridQuery(t.core.deps.db, noFilter, { offset: 0, limit: 100, sort: [] }));
    expect(detail).toMatch(/SCAN p USING INDEX sqlite_autoindex_parts_1/);
    expect(detail).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    // What reservations hold is the part's own running total (parts.reserved_milli), not a sum per listed part.
    expect(detail).not.toMatch(/part_reservations/);
  });

  it('finds a number prefix as an index range', () => {
    const query = filterQuery({ text: '04152-yz', brand: '', bin: '', belowMin: false, active: 'all' });
    const detail = plan(partGridQuery(t.core.deps.db, { ...query, nameText: '' }, { offset: 0, limit: 100, sort: [] }));
    expect(detail).toMatch(/SEARCH p USING INDEX sqlite_autoindex_parts_1 \(part_number>\? AND part_number<\?\)/);
  });
});
