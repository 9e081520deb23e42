import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import type { RepairOrderStatus } from '../../shared/domain/repair-order-status';
import { writeSetting } from '../../electron/core/settings/repository';
import { PRICING_KEYS } from '../../electron/core/settings/service';
import { countRows, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { passQualityCheck } from '../fixtures/quality';
import { signIn, type SignedIn } from '../fixtures/users';

// Sessions last 12 hours: a test moves the clock by minutes or hours, never days.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const RO_TABLES = [
  'repair_orders',
  'repair_order_jobs',
  'repair_order_lines',
  'repair_order_status_history',
  'repair_order_sequences',
] as const;

let t: TestCore;
let advisor: SignedIn;
let manager: SignedIn;
let technician: SignedIn;
let ownerId: number;
beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  technician = await signIn(t.core, 'technician');
  ownerId = (await makeCustomer(advisor.client)).id;
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

/** Rows of every RO table, read from the file: proof that a refused call wrote nothing. */
function countRo(): Record<(typeof RO_TABLES)[number], number> {
  return Object.fromEntries(RO_TABLES.map((table) => [table, countRows(t.core, table)])) as Record<
    (typeof RO_TABLES)[number],
    number
  >;
}

async function newVehicle(): Promise<number> {
  return (await makeVehicle(advisor.client, ownerId)).id;
}

async function newRo(concerns: string[] = ['发动机异响，冷车启动时明显'], by: SignedIn = advisor): Promise<RepairOrderDetail> {
  return by.client.repairOrders.create({ vehicleId: await newVehicle(), concerns });
}

/** The customer approves every job still pending (by phone): work may start only on approved jobs. */
async function approveAll(ro: RepairOrderDetail, by: SignedIn = advisor): Promise<RepairOrderDetail> {
  const pending = ro.jobs.filter((job) => job.authorization === 'pending');
  return by.client.repairOrders.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: pending.map((job) => ({ jobId: job.id, decision: 'approved' as const })),
  });
}

describe('repair orders: numbering', () => {
  it('numbers run per calendar year of the desk (Asia/Shanghai), in sequence, without gaps from refused creates', async () => {
    // 23:00 on New Year's Eve in Beijing.
    const own = await openTestCore({ now: '2026-12-31T15:00:00.000Z' });
    try {
      const user = await signIn(own.core, 'advisor');
      const customer = await makeCustomer(user.client);
      const vehicle = await makeVehicle(user.client, customer.id);
      const create = () => user.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['保养'] });

      expect((await create()).number).toBe('RO2026-000001');
      expect((await create()).number).toBe('RO2026-000002');
      // Refused inside the transaction (no such vehicle): takes no number.
      await expectApiError(user.client.repairOrders.create({ vehicleId: 999_999, concerns: ['保养'] }), 'NOT_FOUND', {
        field: 'vehicleId',
      });
      own.clock.set('2026-12-31T15:59:59.000Z'); // 23:59:59 in Beijing
      expect((await create()).number).toBe('RO2026-000003');
      own.clock.set('2026-12-31T16:30:00.000Z'); // 00:30 on 1 January 2027 in Beijing, still 2026 in UTC
      const first2027 = await create();
      expect(first2027.number).toBe('RO2027-000001');
      expect(first2027.openedAt).toBe('2026-12-31T16:30:00.000Z');

      // Several desks at once: distinct, consecutive numbers.
      const many = await Promise.all(Array.from({ length: 8 }, () => create()));
      expect(many.map((ro) => ro.number).sort()).toEqual(
        Array.from({ length: 8 }, (_, k) => `RO2027-${String(k + 2).padStart(6, '0')}`),
      );
      expect(own.core.deps.sqlite.prepare('SELECT year, last_number FROM repair_order_sequences ORDER BY year').all()).toEqual([
        { year: 2026, last_number: 3 },
        { year: 2027, last_number: 9 },
      ]);
      // The unique index is the last guard against a duplicate.
      expect(() =>
        own.core.deps.sqlite
          .prepare('UPDATE repair_orders SET number = ? WHERE number = ?')
          .run('RO2027-000001', 'RO2027-000002'),
      ).toThrow(/UNIQUE/);
    } finally {
      await own.close();
    }
  });
});

describe('repair orders: create and read', () => {
  it('opens an RO for the vehicle owner, one job per concern, the acting user as advisor, the creation in the history', async () => {
    const ro = await newRo(['发动机异响', '  空调不凉  ']);
    expect(ro).toMatchObject({
      status: 'open',
      nextStatuses: ['in_progress', 'cancelled'],
      customer: { id: ownerId },
      advisor: { id: advisor.session.user.id, displayName: advisor.session.user.displayName },
      promisedAt: null,
      openedAt: FIXED_NOW,
      mileageInKm: null,
      version: 1,
    });
    expect(ro.number).toMatch(/^RO2026-\d{6}$/);
    expect(ro.jobs.map((j) => [j.position, j.concern, j.concernGroup, j.payer, j.authorization, j.cause, j.correction])).toEqual([
      [0, '发动机异响', 'other', 'customer', 'pending', '', ''],
      [1, '空调不凉', 'other', 'customer', 'pending', '', ''],
    ]);
    expect(ro.history).toEqual([
      {
        from: null,
        to: 'open',
        at: FIXED_NOW,
        userId: advisor.session.user.id,
        userName: advisor.session.user.displayName,
        note: '',
      },
    ]);
    expect(await technician.client.repairOrders.get({ id: ro.id })).toEqual(ro);
  });

  it('refuses a merged customer, an empty concern list and an empty or overlong concern', async () => {
    const vehicleId = await newVehicle();
    const keep = await makeCustomer(advisor.client);
    const duplicate = await makeCustomer(advisor.client);
    await manager.client.customers.merge({ keepId: keep.id, duplicateId: duplicate.id });
    const before = countRo();
    await expectApiError(advisor.client.repairOrders.create({ vehicleId, customerId: duplicate.id, concerns: ['x'] }), 'RULE', {
      field: 'customerId',
      reason: 'customer.merged',
    });
    await expectApiError(advisor.client.repairOrders.create({ vehicleId, concerns: [] }), 'INVALID_INPUT', { field: 'concerns' });
    await expectApiError(advisor.client.repairOrders.create({ vehicleId, concerns: ['  '] }), 'INVALID_INPUT', {
      field: 'concerns.0',
      reason: 'required',
    });
    await expectApiError(advisor.client.repairOrders.create({ vehicleId, concerns: ['x'.repeat(1001)] }), 'INVALID_INPUT', {
      field: 'concerns.0',
      reason: 'tooLong',
    });
    expect(countRo()).toEqual(before);
    // Another (live) customer may be chosen explicitly: a company car, a relative bringing it in.
    expect((await advisor.client.repairOrders.create({ vehicleId, customerId: keep.id, concerns: ['x'] })).customer.id).toBe(
      keep.id,
    );
  });

  it('merging customer files moves the duplicate’s repair orders to the file that stays', async () => {
    const vehicleId = await newVehicle();
    const keep = await makeCustomer(advisor.client);
    const duplicate = await makeCustomer(advisor.client);
    const ro = await advisor.client.repairOrders.create({ vehicleId, customerId: duplicate.id, concerns: ['刹车异响'] });
    await manager.client.customers.merge({ keepId: keep.id, duplicateId: duplicate.id });
    expect((await advisor.client.repairOrders.get({ id: ro.id })).customer.id).toBe(keep.id);
  });

  it('a technician may read but not write (FORBIDDEN), and nothing is written', async () => {
    const ro = await newRo();
    const before = countRo();
    await expectApiError(technician.client.repairOrders.create({ vehicleId: ro.vehicle.id, concerns: ['x'] }), 'FORBIDDEN');
    await expectApiError(technician.client.repairOrders.addJob({ id: ro.id, version: ro.version, concern: 'x' }), 'FORBIDDEN');
    await expectApiError(
      technician.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' }),
      'FORBIDDEN',
    );
    expect(countRo()).toEqual(before);
    expect((await technician.client.repairOrders.listForVehicle({ vehicleId: ro.vehicle.id })).rows).toHaveLength(1);
  });
});

describe('repair orders: lines, totals and discounts', () => {
  it('prices each line once, with 13% VAT included, and totals are sums of the stored lines, split by kind and payer', async () => {
    let ro = await newRo(['刹车异响', '保修：空调滤芯']);
    const [brakes, warranty] = ro.jobs;
    ro = await advisor.client.repairOrders.updateJob({
      id: ro.id,
      version: ro.version,
      jobId: warranty!.id,
      payer: 'warranty',
      concernGroup: 'ac_heating',
    });
    // 1.5 h × ¥220.00 = ¥330.00; VAT contained: 33000 × 1300 / 11300 = 3796.46 -> 3796.
    ro = await advisor.client.repairOrders.addLaborLine({
      id: ro.id,
      version: ro.version,
      jobId: brakes!.id,
      nameZh: '检查制动系统',
      hoursMilli: 1500,
      laborRateFen: 22_000,
    });
    // 3 × ¥33.33 = 9999; 10% discount = 999.9 -> 1000 (exactly at the limit: an advisor may); net 8999;
    // VAT contained: 8999 × 1300 / 11300 = 1035.28 -> 1035.
    ro = await advisor.client.repairOrders.addPartLine({
      id: ro.id,
      version: ro.version,
      jobId: warranty!.id,
      partNumber: 'flt-cabin-01',
      nameZh: '空调滤清器',
      qtyMilli: 3000,
      unitPriceFen: 3333,
      discountBp: 1000,
      discountReason: '老客户',
    });
    const labor = { grossFen: 33_000, discountFen: 0, netFen: 33_000, taxFen: 3796, totalFen: 33_000 };
    const part = { grossFen: 9999, discountFen: 1000, netFen: 8999, taxFen: 1035, totalFen: 8999 };
    expect(ro.jobs[0]!.laborLines[0]).toMatchObject({
      kind: 'labor',
      code: '',
      qtyMilli: 1500,
      unitPriceFen: 22_000,
      taxRateBp: 1300,
      taxIncluded: true,
      ...labor,
    });
    expect(ro.jobs[1]!.partLines[0]).toMatchObject({
      kind: 'part',
      code: 'FLT-CABIN-01',
      discountBp: 1000,
      discountReason: '老客户',
      ...part,
    });
    const zero = { grossFen: 0, discountFen: 0, netFen: 0, taxFen: 0, totalFen: 0 };
    expect(ro.totals).toEqual({
      labor,
      parts: part,
      // 3796 + 1035 = 4831: the sum of the rounded lines, not 41999 × 1300 / 11300 = 4831.74 -> 4832.
      all: { grossFen: 42_999, discountFen: 1000, netFen: 41_999, taxFen: 4831, totalFen: 41_999 },
      byPayer: { customer: labor, warranty: part, internal: zero, insurance: zero },
    });
    expect(ro.jobs.map((j) => j.totals.totalFen)).toEqual([33_000, 8999]);
    expect(ro.version).toBe(4);
    const list = await advisor.client.repairOrders.listForVehicle({ vehicleId: ro.vehicle.id });
    expect(list.rows[0]).toMatchObject({ id: ro.id, totalFen: 41_999 });
  });

  it('a discount above the limit is refused for an advisor with nothing written, and given by a manager', async () => {
    let ro = await newRo();
    const jobId = ro.jobs[0]!.id;
    // 15% of 9999 = 1499.85 -> 1500 fen, above the 1000 fen that 10% allows.
    const line = {
      id: ro.id,
      version: ro.version,
      jobId,
      partNumber: 'P-1',
      nameZh: '配件',
      qtyMilli: 3000,
      unitPriceFen: 3333,
      discountBp: 1500,
      discountReason: '投诉补偿',
    };
    const before = countRo();
    await expectApiError(advisor.client.repairOrders.addPartLine(line), 'RULE', {
      field: 'discountBp',
      reason: 'discount.needsManager',
      params: { limit: 10 },
    });
    expect(countRo()).toEqual(before);
    expect((await advisor.client.repairOrders.get({ id: ro.id })).version).toBe(ro.version);
    // A reason is required for any discount.
    await expectApiError(
      advisor.client.repairOrders.addPartLine({ ...line, discountBp: 500, discountReason: ' ' }),
      'INVALID_INPUT',
      {
        field: 'discountReason',
        reason: 'required',
      },
    );

    ro = await manager.client.repairOrders.addPartLine(line);
    expect(ro.jobs[0]!.partLines[0]).toMatchObject({
      grossFen: 9999,
      discountFen: 1500,
      netFen: 8499,
      taxFen: 978,
      totalFen: 8499,
    });

    // Changing the discount applies the same limit; back to none clears the reason.
    const lineId = ro.jobs[0]!.partLines[0]!.id;
    await expectApiError(
      advisor.client.repairOrders.setLineDiscount({
        id: ro.id,
        version: ro.version,
        lineId,
        discountBp: 2000,
        discountReason: 'x',
      }),
      'RULE',
      { field: 'discountBp', reason: 'discount.needsManager' },
    );
    ro = await advisor.client.repairOrders.setLineDiscount({ id: ro.id, version: ro.version, lineId, discountBp: 0 });
    expect(ro.jobs[0]!.partLines[0]).toMatchObject({
      discountBp: 0,
      discountReason: '',
      discountFen: 0,
      netFen: 9999,
      totalFen: 9999,
      taxFen: 1150,
    });
    expect(ro.totals.all.totalFen).toBe(9999);
  });

  it('the limit and VAT come from the settings: prices without VAT get it added per line', async () => {
    await writeSetting(t.core.deps.db, PRICING_KEYS.pricesIncludeTax, 'false');
    await writeSetting(t.core.deps.db, PRICING_KEYS.discountLimitBp, '2000');
    try {
      let ro = await newRo();
      ro = await advisor.client.repairOrders.addPartLine({
        id: ro.id,
        version: ro.version,
        jobId: ro.jobs[0]!.id,
        partNumber: 'P-2',
        nameZh: '配件',
        qtyMilli: 3000,
        unitPriceFen: 3333,
        discountBp: 1500,
        discountReason: '活动',
      });
      // 9999 - 1500 = 8499; VAT on top: 8499 × 13% = 1104.87 -> 1105; total 9604.
      expect(ro.jobs[0]!.partLines[0]).toMatchObject({ taxIncluded: false, netFen: 8499, taxFen: 1105, totalFen: 9604 });
    } finally {
      await t.core.deps.db
        .deleteFrom('settings')
        .where('key', 'in', [PRICING_KEYS.pricesIncludeTax, PRICING_KEYS.discountLimitBp])
        .execute();
    }
  });

  it('a negative or zero quantity or hours is refused with the field named, and nothing is written', async () => {
    const ro = await newRo();
    const jobId = ro.jobs[0]!.id;
    const before = countRo();
    await expectApiError(
      advisor.client.repairOrders.addPartLine({
        id: ro.id,
        version: ro.version,
        jobId,
        partNumber: 'P',
        nameZh: '配件',
        qtyMilli: -1000,
        unitPriceFen: 100,
      }),
      'INVALID_INPUT',
      { field: 'qtyMilli', reason: 'qty.notPositive' },
    );
    await expectApiError(
      advisor.client.repairOrders.addLaborLine({
        id: ro.id,
        version: ro.version,
        jobId,
        nameZh: '工时',
        hoursMilli: 0,
        laborRateFen: 100,
      }),
      'INVALID_INPUT',
      { field: 'hoursMilli', reason: 'hours.notPositive' },
    );
    await expectApiError(
      advisor.client.repairOrders.addLaborLine({ id: ro.id, version: ro.version, jobId, nameZh: '工时', laborRateFen: 100 }),
      'INVALID_INPUT',
      { field: 'hoursMilli', reason: 'required' },
    );
    expect(countRo()).toEqual(before);
  });

  it('a line copied from the catalogue keeps its code, names, hours and rate when the catalogue changes later', async () => {
    const op = await manager.client.catalog.createLabor({
      code: 'RO-TEST-1',
      nameZh: '更换前刹车片（测试）',
      nameEn: 'Replace front brake pads (test)',
      concernGroup: 'brakes',
      hoursMilli: 1000,
      laborRateFen: 22_000,
    });
    let ro = await newRo();
    ro = await advisor.client.repairOrders.addLaborLine({
      id: ro.id,
      version: ro.version,
      jobId: ro.jobs[0]!.id,
      operationId: op.id,
    });
    const line = ro.jobs[0]!.laborLines[0]!;
    expect(line).toMatchObject({
      operationId: op.id,
      code: 'RO-TEST-1',
      nameEn: 'Replace front brake pads (test)',
      qtyMilli: 1000,
      unitPriceFen: 22_000,
      totalFen: 22_000,
    });

    await manager.client.catalog.updateLabor({
      id: op.id,
      version: op.version,
      code: op.code,
      nameZh: '改名',
      nameEn: 'Renamed',
      concernGroup: op.concernGroup,
      hoursMilli: 2000,
      laborRateFen: 30_000,
    });
    const again = await advisor.client.repairOrders.get({ id: ro.id });
    expect(again.jobs[0]!.laborLines[0]).toEqual(line);
    expect(again.totals).toEqual(ro.totals);

    // Overriding a catalogue line's price is refused: it is either the catalogue's or free text.
    await expectApiError(
      advisor.client.repairOrders.addLaborLine({
        id: ro.id,
        version: ro.version,
        jobId: ro.jobs[0]!.id,
        operationId: op.id,
        laborRateFen: 1,
      }),
      'INVALID_INPUT',
      { field: 'laborRateFen', reason: 'line.fromCatalogue' },
    );
  });
});

describe('repair orders: maintenance packages', () => {
  async function packageByCode(code: string) {
    const { rows } = await advisor.client.catalog.listPackages({ limit: 200 });
    const pkg = rows.find((row) => row.code === code);
    if (!pkg) throw new Error(`no package ${code}`);
    return pkg;
  }

  it('adds a package as a new job whose lines are the catalogue’s operations and parts, summing to the package estimate', async () => {
    const pkg = await packageByCode('PKG-10K');
    const ro = await newRo();
    const added = await advisor.client.repairOrders.addPackage({ id: ro.id, version: ro.version, packageId: pkg.id });
    expect(added.version).toBe(ro.version + 1);
    expect(added.jobs).toHaveLength(2);
    expect(added.jobs[0]).toEqual(ro.jobs[0]);
    const job = added.jobs[1]!;
    expect(job).toMatchObject({ position: 1, concern: '10000公里保养', concernGroup: 'maintenance', payer: 'customer' });

    // Labor lines: the operations in the package's order, copied from the catalogue with their hours and rates.
    expect(
      job.laborLines.map((l) => [
        l.position,
        l.kind,
        l.operationId,
        l.code,
        l.nameZh,
        l.nameEn,
        l.qtyMilli,
        l.unitPriceFen,
        l.grossFen,
      ]),
    ).toEqual(
      pkg.laborLines.map((l, i) => [
        i,
        'labor',
        l.operationId,
        l.code,
        l.nameZh,
        l.nameEn,
        l.hoursMilli,
        l.laborRateFen,
        l.amountFen,
      ]),
    );
    for (const line of pkg.laborLines) {
      const operation = await advisor.client.catalog.getLabor({ id: line.operationId });
      expect(job.laborLines.find((l) => l.operationId === operation.id)).toMatchObject({
        code: operation.code,
        qtyMilli: operation.hoursMilli,
        unitPriceFen: operation.laborRateFen,
      });
    }
    // Part lines: the package's parts with their quantities and prices, positions after the labor lines.
    expect(
      job.partLines.map((l) => [
        l.position,
        l.kind,
        l.operationId,
        l.code,
        l.nameZh,
        l.nameEn,
        l.qtyMilli,
        l.unitPriceFen,
        l.grossFen,
      ]),
    ).toEqual(
      pkg.partLines.map((l, i) => [
        pkg.laborLines.length + i,
        'part',
        null,
        l.partNumber,
        l.nameZh,
        l.nameEn,
        l.qtyMilli,
        l.unitPriceFen,
        l.amountFen,
      ]),
    );
    // Priced like any line: 13% VAT included, no discount.
    for (const line of [...job.laborLines, ...job.partLines]) {
      expect(line).toMatchObject({ discountBp: 0, discountFen: 0, discountReason: '', taxRateBp: 1300, taxIncluded: true });
      expect(line.totalFen).toBe(line.grossFen);
      expect(line.taxFen).toBe(Math.round((line.netFen * 1300) / 11_300));
    }

    // Totals are the sums of the stored lines, and for a tax-included RO they equal the package's estimate.
    const stored = t.core.deps.sqlite
      .prepare(
        `select kind, sum(gross_fen) as gross, sum(tax_fen) as tax, sum(total_fen) as total, count(*) as n
           from repair_order_lines where job_id = ? group by kind order by kind`,
      )
      .all(job.id) as { kind: string; gross: number; tax: number; total: number; n: number }[];
    expect(stored).toEqual([
      {
        kind: 'labor',
        gross: pkg.laborFen,
        tax: job.laborLines.reduce((sum, l) => sum + l.taxFen, 0),
        total: pkg.laborFen,
        n: pkg.laborLines.length,
      },
      {
        kind: 'part',
        gross: pkg.partsFen,
        tax: job.partLines.reduce((sum, l) => sum + l.taxFen, 0),
        total: pkg.partsFen,
        n: pkg.partLines.length,
      },
    ]);
    expect(pkg.totalFen).toBe(76_600);
    expect(job.totals.totalFen).toBe(pkg.totalFen);
    expect(job.totals.taxFen).toBe(stored[0]!.tax + stored[1]!.tax);
    expect(added.totals.labor.totalFen).toBe(pkg.laborFen);
    expect(added.totals.parts.totalFen).toBe(pkg.partsFen);
    expect(added.totals.all.totalFen).toBe(pkg.totalFen);
    expect(added.totals.byPayer.customer.totalFen).toBe(pkg.totalFen);
    expect(await technician.client.repairOrders.get({ id: ro.id })).toEqual(added);
  });

  it('refuses a retired package, one holding a retired operation, a stale version, a locked RO and a technician, writing nothing', async () => {
    const op = await manager.client.catalog.createLabor({
      code: 'RO-PKG-OP',
      nameZh: '检查（套餐测试）',
      nameEn: 'Inspection (package test)',
      concernGroup: 'maintenance',
      hoursMilli: 500,
      laborRateFen: 20_000,
    });
    const part = { partNumber: 'PKG-TEST-01', nameZh: '测试配件', nameEn: 'Test part', qtyMilli: 1000, unitPriceFen: 1000 };
    const retiredPkg = await manager.client.catalog.createPackage({
      code: 'PKG-RETIRED',
      nameZh: '停用套餐',
      nameEn: 'Retired package',
      laborLines: [{ operationId: op.id }],
      partLines: [part],
    });
    await manager.client.catalog.setPackageActive({ id: retiredPkg.id, version: retiredPkg.version, active: false });
    const withOp = await manager.client.catalog.createPackage({
      code: 'PKG-OLD-OP',
      nameZh: '含停用项目的套餐',
      nameEn: 'Package with a retired operation',
      laborLines: [{ operationId: op.id }],
      partLines: [part],
    });
    await manager.client.catalog.setLaborActive({ id: op.id, version: op.version, active: false });
    const active = await packageByCode('PKG-05K');

    let ro = await newRo();
    const before = countRo();
    await expectApiError(
      advisor.client.repairOrders.addPackage({ id: ro.id, version: ro.version, packageId: retiredPkg.id }),
      'RULE',
      {
        field: 'packageId',
        reason: 'package.retired',
        params: { code: 'PKG-RETIRED' },
      },
    );
    await expectApiError(
      advisor.client.repairOrders.addPackage({ id: ro.id, version: ro.version, packageId: withOp.id }),
      'RULE',
      {
        field: 'packageId',
        reason: 'package.operationRetired',
        params: { package: 'PKG-OLD-OP', code: 'RO-PKG-OP' },
      },
    );
    await expectApiError(
      advisor.client.repairOrders.addPackage({ id: ro.id, version: ro.version, packageId: 999_999 }),
      'NOT_FOUND',
      {
        field: 'packageId',
      },
    );
    await expectApiError(
      technician.client.repairOrders.addPackage({ id: ro.id, version: ro.version, packageId: active.id }),
      'FORBIDDEN',
    );
    expect(countRo()).toEqual(before);
    expect(await advisor.client.repairOrders.get({ id: ro.id })).toEqual(ro);

    // Stale: another desk added a job meanwhile.
    const updated = await advisor.client.repairOrders.addJob({ id: ro.id, version: ro.version, concern: '雨刮异响' });
    const afterJob = countRo();
    await expectApiError(
      advisor.client.repairOrders.addPackage({ id: ro.id, version: ro.version, packageId: active.id }),
      'CONFLICT',
      {
        field: 'version',
        reason: 'staleVersion',
      },
    );
    expect(countRo()).toEqual(afterJob);
    expect(await advisor.client.repairOrders.get({ id: ro.id })).toEqual(updated);

    // Same status rule as addJob: not on a cancelled RO.
    ro = await manager.client.repairOrders.transition({ id: ro.id, version: updated.version, to: 'cancelled' });
    const afterCancel = countRo();
    await expectApiError(
      advisor.client.repairOrders.addPackage({ id: ro.id, version: ro.version, packageId: active.id }),
      'RULE',
      {
        reason: 'status.locked',
      },
    );
    expect(countRo()).toEqual(afterCancel);
  });
});

describe('repair orders: promised time, versions, status', () => {
  it('a promised time in the past is refused; a future one is stored in UTC', async () => {
    const vehicleId = await newVehicle();
    const before = countRo();
    await expectApiError(
      advisor.client.repairOrders.create({ vehicleId, concerns: ['x'], promisedAt: '2026-11-24T01:59:00.000Z' }),
      'RULE',
      { field: 'promisedAt', reason: 'promisedAt.past' },
    );
    expect(countRo()).toEqual(before);
    let ro = await advisor.client.repairOrders.create({ vehicleId, concerns: ['x'], promisedAt: '2026-11-24T17:00:00+08:00' });
    expect(ro.promisedAt).toBe('2026-11-24T09:00:00.000Z');
    t.clock.advance(HOUR);
    await expectApiError(
      advisor.client.repairOrders.setPromisedTime({ id: ro.id, version: ro.version, promisedAt: FIXED_NOW }),
      'RULE',
      { field: 'promisedAt', reason: 'promisedAt.past' },
    );
    ro = await advisor.client.repairOrders.setPromisedTime({
      id: ro.id,
      version: ro.version,
      promisedAt: '2026-11-24T10:00:00.000Z',
    });
    expect(ro).toMatchObject({ promisedAt: '2026-11-24T10:00:00.000Z', version: 2, updatedAt: '2026-11-24T03:00:00.000Z' });
  });

  it('a write from a stale version is refused and changes nothing', async () => {
    const ro = await newRo();
    const updated = await advisor.client.repairOrders.addJob({
      id: ro.id,
      version: ro.version,
      concern: '雨刮异响',
      concernGroup: 'body_paint',
    });
    expect(updated.version).toBe(ro.version + 1);
    expect(updated.jobs[1]).toMatchObject({ concern: '雨刮异响', concernGroup: 'body_paint', payer: 'customer' });
    const before = countRo();
    await expectApiError(advisor.client.repairOrders.addJob({ id: ro.id, version: ro.version, concern: 'x' }), 'CONFLICT', {
      field: 'version',
      reason: 'staleVersion',
    });
    await expectApiError(
      manager.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'cancelled' }),
      'CONFLICT',
      {
        reason: 'staleVersion',
      },
    );
    expect(countRo()).toEqual(before);
    expect(await advisor.client.repairOrders.get({ id: ro.id })).toEqual(updated);
  });

  it('walks every allowed transition once, recording who and when; a forbidden one is refused with the RO unchanged', async () => {
    let ro = await newRo();
    const forbiddenBefore = countRo();
    await expectApiError(advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'delivered' }), 'RULE', {
      field: 'to',
      reason: 'status.transition',
      params: { from: 'open', to: 'delivered' },
    });
    expect(countRo()).toEqual(forbiddenBefore);
    expect(await advisor.client.repairOrders.get({ id: ro.id })).toEqual(ro);
    ro = await approveAll(ro);

    // The status flow itself; the steps' own conditions (quality check before ready, the handover record) are met on
    // the way through their own procedures and tested in their areas.
    const path: [RepairOrderStatus, SignedIn][] = [
      ['in_progress', advisor],
      ['on_hold', manager],
      ['in_progress', advisor],
      ['qc', advisor],
      ['in_progress', manager], // failed the check: rework
      ['qc', advisor],
      ['ready', advisor],
      ['in_progress', advisor], // more work asked for at pick-up
      ['qc', advisor],
      ['ready', manager],
    ];
    for (const [to, who] of path) {
      t.clock.advance(10 * MINUTE);
      if (to === 'ready' && ro.history.every((h) => h.to !== 'ready')) {
        await passQualityCheck(manager, ro.id);
        ro = await advisor.client.repairOrders.get({ id: ro.id });
      }
      ro = await who.client.repairOrders.transition({ id: ro.id, version: ro.version, to, note: `to ${to}` });
      expect(ro.status).toBe(to);
    }
    const steps = ro.history.slice(1);
    expect(steps).toHaveLength(path.length);
    path.forEach(([to, who], k) => {
      expect(steps[k]).toEqual({
        from: ro.history[k]!.to,
        to,
        at: new Date(Date.parse(FIXED_NOW) + (k + 1) * 10 * MINUTE).toISOString(),
        userId: who.session.user.id,
        userName: who.session.user.displayName,
        note: `to ${to}`,
      });
    });
    // Handed over with nothing owed (the RO has no priced lines): delivered and closed at once, the end of the flow.
    ro = await advisor.client.repairOrders.updateJob({
      id: ro.id,
      version: ro.version,
      jobId: ro.jobs[0]!.id,
      workCategory: 'level1_minor_special',
    });
    ro = await advisor.client.repairOrders.deliver({
      id: ro.id,
      version: ro.version,
      explanation: '已说明维修内容',
      collectedBy: '车主',
    });
    expect(ro.history.slice(-2).map((h) => h.to)).toEqual(['delivered', 'closed']);
    expect(ro.status).toBe('closed');
    expect(ro.nextStatuses).toEqual([]);
    // Closed is final: nothing more is written to it.
    await expectApiError(advisor.client.repairOrders.addJob({ id: ro.id, version: ro.version, concern: 'x' }), 'RULE', {
      reason: 'status.locked',
      params: { status: 'closed' },
    });

    // Cancelled only from open.
    const other = await newRo();
    const cancelled = await advisor.client.repairOrders.transition({ id: other.id, version: other.version, to: 'cancelled' });
    expect(cancelled).toMatchObject({ status: 'cancelled', nextStatuses: [] });
    await expectApiError(
      advisor.client.repairOrders.transition({ id: cancelled.id, version: cancelled.version, to: 'open' }),
      'RULE',
      { reason: 'status.transition', params: { from: 'cancelled', to: 'open' } },
    );
  });

  it('jobs are removed only while open, lines while open or in progress', async () => {
    let ro = await newRo(['一', '二']);
    ro = await advisor.client.repairOrders.addPartLine({
      id: ro.id,
      version: ro.version,
      jobId: ro.jobs[0]!.id,
      partNumber: 'A',
      nameZh: '甲',
      qtyMilli: 1000,
      unitPriceFen: 100,
    });
    ro = await advisor.client.repairOrders.addPartLine({
      id: ro.id,
      version: ro.version,
      jobId: ro.jobs[0]!.id,
      partNumber: 'B',
      nameZh: '乙',
      qtyMilli: 1000,
      unitPriceFen: 200,
    });
    ro = await advisor.client.repairOrders.addPartLine({
      id: ro.id,
      version: ro.version,
      jobId: ro.jobs[1]!.id,
      partNumber: 'C',
      nameZh: '丙',
      qtyMilli: 1000,
      unitPriceFen: 400,
    });
    expect(ro.jobs[0]!.partLines.map((l) => [l.position, l.code])).toEqual([
      [0, 'A'],
      [1, 'B'],
    ]);
    // The second job goes with its line.
    ro = await advisor.client.repairOrders.removeJob({ id: ro.id, version: ro.version, jobId: ro.jobs[1]!.id });
    expect(ro.jobs).toHaveLength(1);
    expect(ro.totals.all.totalFen).toBe(300);
    await expectApiError(
      advisor.client.repairOrders.removeJob({ id: ro.id, version: ro.version, jobId: ro.jobs[0]!.id }),
      'RULE',
      {
        field: 'jobId',
        reason: 'job.last',
      },
    );
    ro = await advisor.client.repairOrders.addJob({ id: ro.id, version: ro.version, concern: '三' });
    ro = await approveAll(ro);
    ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
    await expectApiError(
      advisor.client.repairOrders.removeJob({ id: ro.id, version: ro.version, jobId: ro.jobs[1]!.id }),
      'RULE',
      {
        reason: 'status.locked',
        params: { status: 'in_progress' },
      },
    );
    ro = await advisor.client.repairOrders.removeLine({ id: ro.id, version: ro.version, lineId: ro.jobs[0]!.partLines[0]!.id });
    expect(ro.totals.all.totalFen).toBe(200);
    // Findings may be written while the work goes on.
    ro = await advisor.client.repairOrders.updateJob({
      id: ro.id,
      version: ro.version,
      jobId: ro.jobs[0]!.id,
      cause: '滤芯堵塞',
      correction: '更换滤芯',
    });
    expect(ro.jobs[0]).toMatchObject({ concern: '一', cause: '滤芯堵塞', correction: '更换滤芯' });
    ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'qc' });
    await expectApiError(
      advisor.client.repairOrders.removeLine({ id: ro.id, version: ro.version, lineId: ro.jobs[0]!.partLines[0]!.id }),
      'RULE',
      {
        reason: 'status.locked',
        params: { status: 'qc' },
      },
    );
    // A line or job of another RO is not found through this one.
    const other = await newRo();
    await expectApiError(
      advisor.client.repairOrders.removeLine({ id: other.id, version: other.version, lineId: ro.jobs[0]!.partLines[0]!.id }),
      'NOT_FOUND',
      {
        field: 'lineId',
      },
    );
  });
});

describe('repair orders: the vehicle', () => {
  it('vehicles.get shows the vehicle ROs newest first; listForVehicle pages them', async () => {
    const vehicleId = await newVehicle();
    const first = await advisor.client.repairOrders.create({ vehicleId, concerns: ['首保'] });
    t.clock.advance(HOUR);
    const second = await advisor.client.repairOrders.create({ vehicleId, concerns: ['异响'] });
    const approved = await approveAll(second);
    const started = await advisor.client.repairOrders.transition({ id: second.id, version: approved.version, to: 'in_progress' });

    const vehicle = await technician.client.vehicles.get({ id: vehicleId });
    expect(vehicle.history).toEqual([
      { id: second.id, number: second.number, openedAt: '2026-11-24T03:00:00.000Z', status: 'in_progress' },
      { id: first.id, number: first.number, openedAt: FIXED_NOW, status: 'open' },
    ]);
    expect(started.status).toBe('in_progress');

    const page1 = await advisor.client.repairOrders.listForVehicle({ vehicleId, limit: 1 });
    expect(page1).toMatchObject({
      hasMore: true,
      rows: [{ id: second.id, status: 'in_progress', advisorName: advisor.session.user.displayName }],
    });
    const page2 = await advisor.client.repairOrders.listForVehicle({ vehicleId, limit: 1, offset: 1 });
    expect(page2).toMatchObject({ hasMore: false, rows: [{ id: first.id, totalFen: 0 }] });
    await expectApiError(advisor.client.repairOrders.listForVehicle({ vehicleId: 999_999 }), 'NOT_FOUND');
  });
});
