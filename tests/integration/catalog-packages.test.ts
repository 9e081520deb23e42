import { beforeAll, describe, expect, it } from 'vitest';
import { type LaborOperationDto, type PackageFields } from '../../shared/contract/catalog';
import { FIXED_NOW } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import {
  t,
  manager,
  advisor,
  countCatalog,
  makeLabor,
  packageFieldsOf,
  operationByCode,
  allPackages,
  useCatalogDesk,
} from '../fixtures/catalog';

// Maintenance packages of the catalogue: their lines and estimate, bad packages, updates and stale versions,
// retired operations on a package, retiring and paging packages.
useCatalogDesk();

describe('catalog: maintenance packages', () => {
  let oil: LaborOperationDto;
  let pads: LaborOperationDto;
  let align: LaborOperationDto;
  beforeAll(async () => {
    [oil, pads, align] = await Promise.all([operationByCode('MT-OIL'), operationByCode('BR-FPAD'), operationByCode('SS-ALIGN')]);
  });

  let pkgSeq = 0;
  function packageData(overrides: Partial<PackageFields> = {}): PackageFields {
    pkgSeq += 1;
    return {
      code: `pkg-t${pkgSeq}`,
      nameZh: `测试套餐${pkgSeq}`,
      nameEn: `Test package ${pkgSeq}`,
      laborLines: [{ operationId: oil.id }, { operationId: pads.id }],
      partLines: [
        { partNumber: 'oil-5w30-1l', nameZh: '机油', nameEn: 'Engine oil', qtyMilli: 4500, unitPriceFen: 6850 },
        { partNumber: 'PAD-F-01', nameZh: '前刹车片', nameEn: 'Front brake pads', qtyMilli: 1000, unitPriceFen: 38_000 },
      ],
      ...overrides,
    };
  }

  it('createPackage saves its lines in order with the operations as they are now, and the estimate', async () => {
    const pkg = await manager.client.catalog.createPackage(packageData());
    expect(pkg).toMatchObject({ code: `PKG-T${pkgSeq}`, active: true, version: 1, createdAt: FIXED_NOW });
    expect(pkg.laborLines).toEqual([
      expect.objectContaining({
        operationId: oil.id,
        code: 'MT-OIL',
        hoursMilli: 500,
        laborRateFen: 18_000,
        amountFen: 9000,
        active: true,
      }),
      expect.objectContaining({
        operationId: pads.id,
        code: 'BR-FPAD',
        hoursMilli: 1000,
        laborRateFen: 22_000,
        amountFen: 22_000,
      }),
    ]);
    // 4.5 L × ¥68.50 = ¥308.25; pads ¥380.
    expect(pkg.partLines).toEqual([
      { partNumber: 'OIL-5W30-1L', nameZh: '机油', nameEn: 'Engine oil', qtyMilli: 4500, unitPriceFen: 6850, amountFen: 30_825 },
      {
        partNumber: 'PAD-F-01',
        nameZh: '前刹车片',
        nameEn: 'Front brake pads',
        qtyMilli: 1000,
        unitPriceFen: 38_000,
        amountFen: 38_000,
      },
    ]);
    expect(pkg).toMatchObject({ hoursMilli: 1500, laborFen: 31_000, partsFen: 68_825, totalFen: 99_825 });
    expect(await advisor.client.catalog.getPackage({ id: pkg.id })).toEqual(pkg);
  });

  it('a line amount is rounded half-up once: 0.333 h at ¥181.50 is ¥60.44 (60.4395)', async () => {
    const odd = await makeLabor({ hoursMilli: 333, laborRateFen: 18_150 });
    const pkg = await manager.client.catalog.createPackage(packageData({ laborLines: [{ operationId: odd.id }], partLines: [] }));
    expect(pkg.laborLines[0]!.amountFen).toBe(6044);
    expect(pkg.totalFen).toBe(6044);
  });

  it('bad packages are refused with the line named, and nothing is written', async () => {
    const retired = await makeLabor();
    await manager.client.catalog.setLaborActive({ id: retired.id, version: retired.version, active: false });
    const before = countCatalog();
    await expectApiError(
      manager.client.catalog.createPackage(packageData({ laborLines: [{ operationId: oil.id }, { operationId: 909_090 }] })),
      'NOT_FOUND',
      { field: 'laborLines.1.operationId', reason: 'notFound', params: { what: 'laborOperation' } },
    );
    await expectApiError(
      manager.client.catalog.createPackage(packageData({ laborLines: [{ operationId: retired.id }] })),
      'RULE',
      { field: 'laborLines.0.operationId', reason: 'operation.retired', params: { code: retired.code } },
    );
    await expectApiError(
      manager.client.catalog.createPackage(packageData({ laborLines: [{ operationId: oil.id }, { operationId: oil.id }] })),
      'INVALID_INPUT',
      { field: 'laborLines.1.operationId', reason: 'package.duplicateOperation' },
    );
    await expectApiError(manager.client.catalog.createPackage(packageData({ laborLines: [], partLines: [] })), 'INVALID_INPUT', {
      field: 'laborLines',
      reason: 'package.empty',
    });
    await expectApiError(manager.client.catalog.createPackage(packageData({ code: 'pkg-10k' })), 'CONFLICT', {
      field: 'code',
      reason: 'code.duplicate',
    });
    const part = packageData().partLines![0]!;
    await expectApiError(
      manager.client.catalog.createPackage(packageData({ partLines: [{ ...part, qtyMilli: 0 }] })),
      'INVALID_INPUT',
      { field: 'partLines.0.qtyMilli', reason: 'qty.notPositive' },
    );
    await expectApiError(
      manager.client.catalog.createPackage(packageData({ partLines: [part, { ...part, unitPriceFen: -100 }] })),
      'INVALID_INPUT',
      { field: 'partLines.1.unitPriceFen', reason: 'price.negative' },
    );
    await expectApiError(
      manager.client.catalog.createPackage(packageData({ partLines: [{ ...part, nameEn: '' }] })),
      'INVALID_INPUT',
      { field: 'partLines.0.nameEn', reason: 'required' },
    );
    expect(countCatalog()).toEqual(before);
  });

  it('updatePackage replaces all its lines at once and raises the version', async () => {
    const pkg = await manager.client.catalog.createPackage(packageData());
    const before = countCatalog();
    t.clock.advance(60_000);
    const updated = await manager.client.catalog.updatePackage({
      ...packageFieldsOf(pkg),
      id: pkg.id,
      version: pkg.version,
      nameEn: 'Renamed package',
      laborLines: [{ operationId: align.id }, { operationId: oil.id }, { operationId: pads.id }],
      partLines: [{ partNumber: 'FLT-OIL-01', nameZh: '机油滤清器', nameEn: 'Oil filter', qtyMilli: 1000, unitPriceFen: 4500 }],
    });
    expect(updated).toMatchObject({
      nameEn: 'Renamed package',
      version: pkg.version + 1,
      updatedAt: t.clock.now().toISOString(),
    });
    expect(updated.laborLines.map((l) => l.code)).toEqual(['SS-ALIGN', 'MT-OIL', 'BR-FPAD']);
    expect(updated.partLines.map((l) => l.partNumber)).toEqual(['FLT-OIL-01']);
    expect(updated).toMatchObject({ laborFen: 22_000 + 9000 + 22_000, partsFen: 4500, totalFen: 57_500 });
    expect(countCatalog()).toEqual({
      ...before,
      maintenance_package_labor: before.maintenance_package_labor + 1,
      maintenance_package_parts: before.maintenance_package_parts - 1,
    });
    expect(await advisor.client.catalog.getPackage({ id: pkg.id })).toEqual(updated);
  });

  it('an update that names an unknown operation, or comes from a stale version, changes nothing at all', async () => {
    const pkg = await manager.client.catalog.createPackage(packageData());
    const before = countCatalog();
    await expectApiError(
      manager.client.catalog.updatePackage({
        ...packageFieldsOf(pkg),
        id: pkg.id,
        version: pkg.version,
        nameZh: '不该保存',
        laborLines: [{ operationId: align.id }, { operationId: 808_080 }],
        partLines: [],
      }),
      'NOT_FOUND',
      { field: 'laborLines.1.operationId', reason: 'notFound' },
    );
    expect(countCatalog()).toEqual(before);
    expect(await manager.client.catalog.getPackage({ id: pkg.id })).toEqual(pkg);

    const saved = await manager.client.catalog.updatePackage({
      ...packageFieldsOf(pkg),
      id: pkg.id,
      version: pkg.version,
      partLines: [],
    });
    await expectApiError(
      manager.client.catalog.updatePackage({
        ...packageFieldsOf(pkg),
        id: pkg.id,
        version: pkg.version,
        laborLines: [{ operationId: align.id }],
      }),
      'CONFLICT',
      { field: 'version', reason: 'staleVersion' },
    );
    expect(await manager.client.catalog.getPackage({ id: pkg.id })).toEqual(saved);
  });

  it('a retired operation already on a package may stay on it (the package can still be renamed), and is shown retired', async () => {
    const op = await makeLabor();
    const pkg = await manager.client.catalog.createPackage(packageData({ laborLines: [{ operationId: op.id }] }));
    await manager.client.catalog.setLaborActive({ id: op.id, version: op.version, active: false });
    const renamed = await manager.client.catalog.updatePackage({
      ...packageFieldsOf(pkg),
      id: pkg.id,
      version: pkg.version,
      nameZh: '改名套餐',
    });
    expect(renamed.nameZh).toBe('改名套餐');
    expect(renamed.laborLines).toEqual([expect.objectContaining({ operationId: op.id, active: false })]);
  });

  it('packages are retired and brought back; the list leaves retired ones out unless asked, and pages', async () => {
    const pkg = await manager.client.catalog.createPackage(packageData());
    const retired = await manager.client.catalog.setPackageActive({ id: pkg.id, version: pkg.version, active: false });
    expect(retired).toMatchObject({ active: false, version: pkg.version + 1 });
    expect((await allPackages()).map((p) => p.id)).not.toContain(pkg.id);
    expect((await allPackages(true)).map((p) => p.id)).toContain(pkg.id);
    await expectApiError(
      advisor.client.catalog.setPackageActive({ id: pkg.id, version: retired.version, active: true }),
      'FORBIDDEN',
    );
    const back = await manager.client.catalog.setPackageActive({ id: pkg.id, version: retired.version, active: true });
    expect(back.active).toBe(true);

    const all = await allPackages(true);
    const first = await advisor.client.catalog.listPackages({ offset: 0, limit: 2, includeRetired: true });
    const rest = await advisor.client.catalog.listPackages({ offset: 2, limit: 200, includeRetired: true });
    expect(first.hasMore).toBe(true);
    expect(rest.hasMore).toBe(false);
    expect([...first.rows, ...rest.rows].map((p) => p.id)).toEqual(all.map((p) => p.id));
  });
});
