import { describe, expect, it } from 'vitest';
import { writeSetting } from '../../electron/core/settings/repository';
import { PRICING_KEYS } from '../../electron/core/settings/service';
import { FIXED_NOW, openTestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn } from '../fixtures/users';
import {
  t,
  advisor,
  manager,
  technician,
  ownerId,
  countRo,
  newVehicle,
  newRo,
  useRepairOrderDesk,
} from '../fixtures/repair-orders-desk';

// Repair orders, opening them: numbering per desk year, create and read, who may write, and the lines, totals and
// discounts of an RO (prices with VAT, discount limits from the settings, lines copied from the catalogue).
useRepairOrderDesk();

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
