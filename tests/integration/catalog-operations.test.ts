import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { laborFields, packageCreateInput, type LaborFields } from '../../shared/contract/catalog';
import { CONCERN_GROUPS } from '../../shared/domain/concern-groups';
import { ManualClock } from '../../electron/core/clock';
import { openCore } from '../../electron/core/core';
import { kyselyOver, openSqlite } from '../../electron/core/db/connection';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { countRows, FIXED_NOW, makeTempDir, removeDir } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import {
  SEEDED_OPERATIONS,
  SEEDED_PACKAGES,
  t,
  manager,
  advisor,
  technician,
  countCatalog,
  laborData,
  makeLabor,
  fieldsOf,
  packageFieldsOf,
  operationByCode,
  allPackages,
  useCatalogDesk,
} from '../fixtures/catalog';

// The labour catalogue: the catalogue shipped by migration, labour operations (create, update, versions, codes, bad
// input, who may edit, retiring), the picker search and the operations grid.
useCatalogDesk();

describe('catalog: the shipped catalogue', () => {
  it('is there after migration: operations across every concern group, with names in both languages', async () => {
    const page = await advisor.client.catalog.laborGrid({ startRow: 0, endRow: 200 });
    expect(page.hasMore).toBe(false);
    expect(page.rows).toHaveLength(SEEDED_OPERATIONS);
    expect(new Set(page.rows.map((op) => op.concernGroup))).toEqual(new Set(CONCERN_GROUPS));
    for (const op of page.rows) {
      // Every shipped operation is one the manager could have typed: saving it unchanged is accepted.
      expect(laborFields.safeParse(fieldsOf(op)).success, op.code).toBe(true);
      expect(op).toMatchObject({ active: true, version: 1 });
      expect(op.laborRateFen).toBeGreaterThanOrEqual(18_000);
      expect(op.laborRateFen).toBeLessThanOrEqual(26_000);
    }
    expect(await operationByCode('MT-OIL')).toMatchObject({
      nameZh: '更换机油及机油滤清器',
      nameEn: 'Replace engine oil and oil filter',
      concernGroup: 'maintenance',
      hoursMilli: 500,
      laborRateFen: 18_000,
    });
    expect(await operationByCode('BR-FPAD')).toMatchObject({ nameZh: '更换前刹车片', concernGroup: 'brakes', hoursMilli: 1000 });
    expect(await operationByCode('EV-BATT')).toMatchObject({ nameZh: '动力电池系统检测', concernGroup: 'ev_high_voltage' });
  });

  it('ships four service packages by mileage, each with operations and parts, and an estimate that adds up line by line', async () => {
    const packages = await allPackages();
    expect(packages.map((p) => p.code)).toEqual(['PKG-05K', 'PKG-10K', 'PKG-20K', 'PKG-40K']);
    expect(packages).toHaveLength(SEEDED_PACKAGES);
    for (const pkg of packages) {
      expect(pkg.laborLines.length).toBeGreaterThan(0);
      expect(pkg.partLines.length).toBeGreaterThan(0);
      expect(packageCreateInput.safeParse(packageFieldsOf(pkg)).success, pkg.code).toBe(true);
      expect(pkg.laborFen).toBe(pkg.laborLines.reduce((sum, line) => sum + line.amountFen, 0));
      expect(pkg.partsFen).toBe(pkg.partLines.reduce((sum, line) => sum + line.amountFen, 0));
      expect(pkg.totalFen).toBe(pkg.laborFen + pkg.partsFen);
    }
    const fiveK = packages.find((p) => p.code === 'PKG-05K')!;
    expect(fiveK).toMatchObject({ nameZh: '5000公里保养', nameEn: '5,000 km service' });
    expect(fiveK.laborLines.map((l) => l.code)).toEqual(['MT-OIL', 'MT-INSP', 'MT-RESET']);
    // 0.5 h + 0.5 h + 0.1 h at ¥180: ¥90 + ¥90 + ¥18; 4 L oil at ¥68 + filter ¥45 + washer ¥5.
    expect(fiveK.laborLines.map((l) => l.amountFen)).toEqual([9000, 9000, 1800]);
    expect(fiveK).toMatchObject({ hoursMilli: 1100, laborFen: 19_800, partsFen: 32_200, totalFen: 52_000 });
    const fortyK = packages.find((p) => p.code === 'PKG-40K')!;
    expect(fortyK.partLines.map((l) => l.partNumber)).toEqual(expect.arrayContaining(['PLG-SPARK-IR', 'FLD-BRAKE-DOT4']));
    expect(fortyK.partLines.find((l) => l.partNumber === 'PLG-SPARK-IR')).toMatchObject({ qtyMilli: 4000, amountFen: 34_000 });
  });

  it('a database upgraded from the schema before the catalogue gets the shipped catalogue too', async () => {
    const dir = makeTempDir('baydesk-catalog-upgrade-');
    try {
      const file = join(dir, 'old.sqlite');
      const sqlite = openSqlite(file);
      const db = kyselyOver(sqlite);
      await migrate(sqlite, db as never, file, MIGRATIONS.slice(0, 2));
      expect(schemaVersionOf(sqlite)).toBe(2);
      await db.destroy();

      const core = await openCore({ file, clock: new ManualClock(FIXED_NOW) });
      try {
        expect(schemaVersionOf(core.deps.sqlite)).toBe(SCHEMA_VERSION);
        expect(countRows(core, 'labor_operations')).toBe(SEEDED_OPERATIONS);
        expect(countRows(core, 'maintenance_packages')).toBe(SEEDED_PACKAGES);
      } finally {
        await core.close();
      }
    } finally {
      removeDir(dir);
    }
  });
});

describe('catalog: labor operations', () => {
  it('createLabor saves a normalised operation and getLabor returns it as saved', async () => {
    const created = await manager.client.catalog.createLabor({
      code: ' br-rdisc ',
      nameZh: ' 更换后刹车盘及刹车片 ',
      nameEn: 'Replace rear brake discs and pads',
      concernGroup: 'brakes',
      hoursMilli: 1800,
      laborRateFen: 22_000,
    });
    expect(created).toMatchObject({
      code: 'BR-RDISC',
      nameZh: '更换后刹车盘及刹车片',
      nameEn: 'Replace rear brake discs and pads',
      concernGroup: 'brakes',
      hoursMilli: 1800,
      laborRateFen: 22_000,
      active: true,
      version: 1,
      createdAt: FIXED_NOW,
      updatedAt: FIXED_NOW,
    });
    expect(await advisor.client.catalog.getLabor({ id: created.id })).toEqual(created);
  });

  it('an operation that does not exist is NOT_FOUND', async () => {
    await expectApiError(advisor.client.catalog.getLabor({ id: 987_654 }), 'NOT_FOUND', {
      reason: 'notFound',
      params: { what: 'laborOperation' },
    });
  });

  it('updateLabor saves and raises the version; a save from the old version is a CONFLICT and the first save is kept', async () => {
    const op = await makeLabor();
    t.clock.advance(60_000);
    const first = await manager.client.catalog.updateLabor({
      ...fieldsOf(op),
      id: op.id,
      version: op.version,
      laborRateFen: 24_000,
    });
    expect(first).toMatchObject({
      laborRateFen: 24_000,
      version: op.version + 1,
      updatedAt: t.clock.now().toISOString(),
      createdAt: FIXED_NOW,
    });

    const before = countCatalog();
    await expectApiError(
      manager.client.catalog.updateLabor({ ...fieldsOf(op), id: op.id, version: op.version, hoursMilli: 9000 }),
      'CONFLICT',
      { field: 'version', reason: 'staleVersion' },
    );
    expect(countCatalog()).toEqual(before);
    expect(await manager.client.catalog.getLabor({ id: op.id })).toEqual(first);
  });

  it('a code already on file is a CONFLICT naming the code, whatever its case, on create and on update', async () => {
    const before = countCatalog();
    await expectApiError(manager.client.catalog.createLabor(laborData({ code: 'mt-oil' })), 'CONFLICT', {
      field: 'code',
      reason: 'code.duplicate',
    });
    expect(countCatalog()).toEqual(before);

    const op = await makeLabor();
    await expectApiError(
      manager.client.catalog.updateLabor({ ...fieldsOf(op), id: op.id, version: op.version, code: 'BR-FPAD' }),
      'CONFLICT',
      { field: 'code', reason: 'code.duplicate' },
    );
    expect(await manager.client.catalog.getLabor({ id: op.id })).toEqual(op);
    // Saving an operation under its own code is not a duplicate.
    await manager.client.catalog.updateLabor({ ...fieldsOf(op), id: op.id, version: op.version, code: op.code.toLowerCase() });
  });

  describe('bad input is refused with the field named, and nothing is written', () => {
    it.each<[string, Record<string, unknown>, { field?: string; reason: string; params?: Record<string, string | number> }]>([
      ['an empty Chinese name', { nameZh: '' }, { field: 'nameZh', reason: 'required' }],
      ['a blank English name', { nameEn: '   ' }, { field: 'nameEn', reason: 'required' }],
      ['a name too long', { nameZh: '名'.repeat(101) }, { field: 'nameZh', reason: 'tooLong', params: { max: 100 } }],
      ['no code', { code: ' ' }, { field: 'code', reason: 'required' }],
      ['a code with a space', { code: 'BR FPAD' }, { field: 'code', reason: 'code.characters' }],
      ['zero hours', { hoursMilli: 0 }, { field: 'hoursMilli', reason: 'hours.notPositive' }],
      ['negative hours', { hoursMilli: -500 }, { field: 'hoursMilli', reason: 'hours.notPositive' }],
      ['more than 100 hours', { hoursMilli: 100_001 }, { field: 'hoursMilli', reason: 'hours.tooMany', params: { max: 100 } }],
      ['hours finer than a thousandth', { hoursMilli: 1.5 }, { field: 'hoursMilli', reason: 'invalidType' }],
      ['no hours', { hoursMilli: undefined }, { field: 'hoursMilli', reason: 'required' }],
      ['a negative rate', { laborRateFen: -1 }, { field: 'laborRateFen', reason: 'rate.negative' }],
      [
        'a rate typed in fen twice over',
        { laborRateFen: 1_000_001 },
        { field: 'laborRateFen', reason: 'rate.tooHigh', params: { max: 10_000 } },
      ],
      ['an unknown concern group', { concernGroup: 'wheels' }, { field: 'concernGroup', reason: 'invalidOption' }],
      ['an unknown field', { active: false }, { reason: 'unknownField', params: { keys: 'active' } }],
    ])('createLabor with %s', async (_label, change, issue) => {
      const before = countCatalog();
      const error = await expectApiError(
        manager.client.catalog.createLabor({ ...laborData(), ...change } as LaborFields),
        'INVALID_INPUT',
        issue,
      );
      expect(error.issues).toHaveLength(1);
      expect(countCatalog()).toEqual(before);
    });

    it('updateLabor with zero hours leaves the saved operation as it was', async () => {
      const op = await makeLabor();
      await expectApiError(
        manager.client.catalog.updateLabor({ ...fieldsOf(op), id: op.id, version: op.version, nameEn: 'Changed', hoursMilli: 0 }),
        'INVALID_INPUT',
        { field: 'hoursMilli', reason: 'hours.notPositive' },
      );
      expect(await manager.client.catalog.getLabor({ id: op.id })).toEqual(op);
    });
  });

  it('only the manager edits the catalogue: an advisor is FORBIDDEN and nothing is written; everyone reads it', async () => {
    const op = await makeLabor();
    const before = countCatalog();
    await expectApiError(advisor.client.catalog.createLabor(laborData()), 'FORBIDDEN', {
      reason: 'role.forbidden',
      params: { role: 'advisor' },
    });
    await expectApiError(
      advisor.client.catalog.updateLabor({ ...fieldsOf(op), id: op.id, version: op.version, laborRateFen: 1 }),
      'FORBIDDEN',
    );
    await expectApiError(advisor.client.catalog.setLaborActive({ id: op.id, version: op.version, active: false }), 'FORBIDDEN');
    await expectApiError(
      technician.client.catalog.createPackage({ code: 'X', nameZh: '甲', nameEn: 'X', laborLines: [{ operationId: op.id }] }),
      'FORBIDDEN',
    );
    expect(countCatalog()).toEqual(before);
    expect(await advisor.client.catalog.getLabor({ id: op.id })).toEqual(op);

    // Reading is for every role: the technician sees the same operation.
    expect(await technician.client.catalog.getLabor({ id: op.id })).toEqual(op);
    expect((await technician.client.catalog.searchLabor({ q: op.code })).map((p) => p.id)).toEqual([op.id]);
    // The same create from the manager goes through: the refusal was the role, not the input.
    await manager.client.catalog.createLabor(laborData());
    expect(countRows(t.core, 'labor_operations')).toBe(before.labor_operations + 1);
  });

  it('an operation is retired and brought back, never deleted; retired ones are not offered by the picker', async () => {
    const op = await makeLabor({ nameZh: '退役测试工时', nameEn: 'Retirement test operation' });
    expect((await advisor.client.catalog.searchLabor({ q: '退役测试' })).map((p) => p.id)).toEqual([op.id]);

    t.clock.advance(60_000);
    const retired = await manager.client.catalog.setLaborActive({ id: op.id, version: op.version, active: false });
    expect(retired).toMatchObject({ active: false, version: op.version + 1, updatedAt: t.clock.now().toISOString() });
    expect(await advisor.client.catalog.searchLabor({ q: '退役测试' })).toEqual([]);
    expect(await advisor.client.catalog.getLabor({ id: op.id })).toEqual(retired);
    const retiredOnly = await advisor.client.catalog.laborGrid({
      startRow: 0,
      endRow: 200,
      filterModel: { active: { filterType: 'text', type: 'equals', filter: 'false' } },
    });
    expect(retiredOnly.rows.map((r) => r.id)).toContain(op.id);
    expect(retiredOnly.rows.every((r) => !r.active)).toBe(true);

    // A desk that read the operation before it was retired cannot act on the old version.
    await expectApiError(manager.client.catalog.setLaborActive({ id: op.id, version: op.version, active: false }), 'CONFLICT', {
      field: 'version',
      reason: 'staleVersion',
    });

    const back = await manager.client.catalog.setLaborActive({ id: op.id, version: retired.version, active: true });
    expect(back).toMatchObject({ active: true, version: op.version + 2 });
    expect((await advisor.client.catalog.searchLabor({ q: '退役测试' })).map((p) => p.id)).toEqual([op.id]);
  });
});

describe('catalog: the picker search', () => {
  it('finds by code prefix first, then by a name in either language; blank finds nothing', async () => {
    const byCode = await advisor.client.catalog.searchLabor({ q: 'br-' });
    expect(byCode.map((p) => p.code)).toEqual(expect.arrayContaining(['BR-FPAD', 'BR-RPAD', 'BR-FDISC', 'BR-FLUID', 'BR-CALIP']));
    expect(byCode.every((p) => p.code.startsWith('BR-'))).toBe(true);
    expect(byCode[0]).toMatchObject({
      hoursMilli: expect.any(Number),
      laborRateFen: expect.any(Number),
      nameZh: expect.any(String),
    });

    const byChinese = await advisor.client.catalog.searchLabor({ q: '刹车片' });
    expect(byChinese.map((p) => p.code)).toEqual(expect.arrayContaining(['BR-FPAD', 'BR-RPAD', 'BR-FDISC']));

    const byEnglish = await advisor.client.catalog.searchLabor({ q: '  Brake   PADS ' });
    expect(byEnglish.map((p) => p.code)).toEqual(expect.arrayContaining(['BR-FPAD', 'BR-RPAD']));

    // "四轮" starts one name and sits inside others: the name that starts with it comes first.
    const fourWheel = await advisor.client.catalog.searchLabor({ q: '四轮' });
    expect(
      fourWheel
        .map((p) => p.code)
        .slice(0, 2)
        .sort(),
    ).toEqual(['SS-ALIGN', 'TW-BAL']);

    expect(await advisor.client.catalog.searchLabor({ q: '   ' })).toEqual([]);
    expect(await advisor.client.catalog.searchLabor({ q: '%' })).toEqual([]);
    expect(await advisor.client.catalog.searchLabor({ q: 'mt', limit: 3 })).toHaveLength(3);
  });
});

describe('catalog: the operations grid', () => {
  const brakes = { code: { filterType: 'text' as const, type: 'startsWith' as const, filter: 'br-' } };

  it('filters by code and sorts by hours, then code', async () => {
    const page = await advisor.client.catalog.laborGrid({
      startRow: 0,
      endRow: 50,
      sortModel: [{ colId: 'hours', sort: 'desc' }],
      filterModel: brakes,
    });
    const codes = page.rows.map((r) => r.code);
    expect(codes.indexOf('BR-FDISC')).toBeLessThan(codes.indexOf('BR-FPAD'));
    expect(codes).toEqual(expect.arrayContaining(['BR-FPAD', 'BR-RPAD', 'BR-FLUID', 'BR-CALIP']));
    const hours = page.rows.map((r) => r.hoursMilli);
    expect(hours).toEqual([...hours].sort((a, b) => b - a));
    // Ties (1.0 h) are ordered by code, so paging never repeats or skips a row.
    const oneHour = page.rows.filter((r) => r.hoursMilli === 1000).map((r) => r.code);
    expect(oneHour).toEqual([...oneHour].sort());
  });

  it('pages with hasMore: every row once, in order', async () => {
    const request = (startRow: number, endRow: number) =>
      advisor.client.catalog.laborGrid({
        startRow,
        endRow,
        sortModel: [{ colId: 'rate', sort: 'asc' }],
        filterModel: { concernGroup: { filterType: 'text', type: 'equals', filter: 'ev_high_voltage' } },
      });
    const pages = [await request(0, 3), await request(3, 6)];
    expect(pages.map((p) => p.hasMore)).toEqual([true, false]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.code))).toEqual(['EV-BATT', 'EV-COOL', 'EV-ISOL', 'EV-OBC']);
  });

  it('a name filter matches the Chinese or the English name; % is taken literally', async () => {
    const zh = await advisor.client.catalog.laborGrid({
      startRow: 0,
      endRow: 50,
      filterModel: { nameZh: { filterType: 'text', type: 'contains', filter: '空调' } },
    });
    expect(zh.rows.map((r) => r.code)).toEqual(['AC-CHECK', 'AC-CLEAN', 'AC-COMP', 'MT-CABF']);
    const en = await advisor.client.catalog.laborGrid({
      startRow: 0,
      endRow: 50,
      sortModel: [{ colId: 'nameEn', sort: 'asc' }],
      filterModel: { nameZh: { filterType: 'text', type: 'contains', filter: 'A/C' } },
    });
    expect(en.rows.map((r) => r.nameEn)).toEqual([
      'A/C system check and refrigerant recharge',
      'Clean and disinfect A/C ducts',
      'Replace A/C compressor',
    ]);
    const none = await advisor.client.catalog.laborGrid({
      startRow: 0,
      endRow: 50,
      filterModel: { nameEn: { filterType: 'text', type: 'contains', filter: '%' } },
    });
    expect(none.rows).toEqual([]);
  });

  it('an unknown column, a filter on a number column, or an unknown group is refused', async () => {
    await expectApiError(
      advisor.client.catalog.laborGrid({
        startRow: 0,
        endRow: 10,
        sortModel: [{ colId: 'labor_rate_fen' as 'rate', sort: 'asc' }],
      }),
      'INVALID_INPUT',
      { field: 'sortModel.0.colId', reason: 'invalidOption' },
    );
    await expectApiError(
      advisor.client.catalog.laborGrid({
        startRow: 0,
        endRow: 10,
        filterModel: { ['name_zh' as 'code']: { filterType: 'text', type: 'contains', filter: 'x' } },
      }),
      'INVALID_INPUT',
    );
    await expectApiError(
      advisor.client.catalog.laborGrid({
        startRow: 0,
        endRow: 10,
        filterModel: { hours: { filterType: 'text', type: 'equals', filter: '1' } },
      }),
      'INVALID_INPUT',
      { field: 'filterModel.hours', reason: 'filter.unsupported' },
    );
    await expectApiError(
      advisor.client.catalog.laborGrid({
        startRow: 0,
        endRow: 10,
        filterModel: { concernGroup: { filterType: 'text', type: 'equals', filter: 'wheels' } },
      }),
      'INVALID_INPUT',
      { field: 'filterModel.concernGroup.filter', reason: 'invalidOption' },
    );
    await expectApiError(advisor.client.catalog.laborGrid({ startRow: 0, endRow: 500 }), 'INVALID_INPUT', {
      field: 'endRow',
      reason: 'pageRange',
    });
  });
});
