import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import type { GuaranteeCategory } from '../../shared/domain/guarantee';
import { countRows, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { passQualityCheck } from '../fixtures/quality';
import { signIn, type SignedIn } from '../fixtures/users';

// FIXED_NOW is 2026-11-24T02:00Z, 10:00 on 24 November in Beijing. Prices include 13% VAT (the default).
const TABLES = ['repair_order_payments', 'repair_order_deliveries', 'repair_order_status_history'] as const;

let t: TestCore;
let advisor: SignedIn;
let manager: SignedIn;
let technician: SignedIn;
let foreman: SignedIn;
let ownerId: number;
beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  technician = await signIn(t.core, 'technician');
  foreman = await signIn(t.core, 'foreman');
  ownerId = (await makeCustomer(advisor.client)).id;
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

function counts(): Record<(typeof TABLES)[number], number> {
  return Object.fromEntries(TABLES.map((table) => [table, countRows(t.core, table)])) as Record<(typeof TABLES)[number], number>;
}

/**
 * A customer job (1.5 h × ¥220 of labor, 2 pads × ¥190.50: ¥711.00) and a warranty job (1 h × ¥200, a ¥300 part:
 * ¥500.00), both approved by phone, with the given work categories.
 */
async function twoJobRo(
  categories: [GuaranteeCategory | null, GuaranteeCategory | null] = ['level2_maintenance', 'whole_vehicle_or_assembly'],
) {
  const vehicle = await makeVehicle(advisor.client, ownerId);
  let ro = await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['刹车异响', '变速箱漏油'] });
  const [brakes, gearbox] = ro.jobs;
  const c = advisor.client.repairOrders;
  ro = await c.updateJob({
    id: ro.id,
    version: ro.version,
    jobId: brakes!.id,
    cause: '刹车片磨损',
    correction: '更换前刹车片',
    workCategory: categories[0],
  });
  ro = await c.updateJob({ id: ro.id, version: ro.version, jobId: gearbox!.id, payer: 'warranty', workCategory: categories[1] });
  ro = await c.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId: brakes!.id,
    code: 'BRK-01',
    nameZh: '更换前刹车片',
    hoursMilli: 1500,
    laborRateFen: 22_000,
  });
  ro = await c.addPartLine({
    id: ro.id,
    version: ro.version,
    jobId: brakes!.id,
    partNumber: 'PAD-F-01',
    nameZh: '前刹车片',
    qtyMilli: 2000,
    unitPriceFen: 19_050,
  });
  ro = await c.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId: gearbox!.id,
    code: 'GBX-02',
    nameZh: '更换变速箱油封',
    hoursMilli: 1000,
    laborRateFen: 20_000,
  });
  ro = await c.addPartLine({
    id: ro.id,
    version: ro.version,
    jobId: gearbox!.id,
    partNumber: 'SEAL-01',
    nameZh: '油封',
    qtyMilli: 1000,
    unitPriceFen: 30_000,
  });
  return ro;
}

/** Approves every pending job by phone and moves the RO through the workshop to ready. */
async function toReady(ro: RepairOrderDetail): Promise<RepairOrderDetail> {
  const pending = ro.jobs.filter((job) => job.authorization === 'pending');
  if (pending.length > 0) {
    ro = await advisor.client.repairOrders.authorise({
      id: ro.id,
      version: ro.version,
      customerName: '张伟',
      channel: 'phone',
      decisions: pending.map((job) => ({ jobId: job.id, decision: 'approved' as const })),
    });
  }
  ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
  return finishWork(ro);
}

/**
 * From in progress to ready as the workshop does it (issue 4's quality guards): at QC the foreman passes every
 * approved job's final inspection, and issues the completion certificate where the work needs one.
 */
async function finishWork(ro: RepairOrderDetail): Promise<RepairOrderDetail> {
  ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'qc' });
  await passQualityCheck(foreman, ro.id);
  ro = await advisor.client.repairOrders.get({ id: ro.id });
  ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'ready' });
  if ((await foreman.client.workshop.qcStatus({ repairOrderId: ro.id })).certificateNeeded) {
    await foreman.client.workshop.issueCertificate({ repairOrderId: ro.id });
  }
  return advisor.client.repairOrders.get({ id: ro.id });
}

async function readyRo(categories?: [GuaranteeCategory | null, GuaranteeCategory | null]) {
  return toReady(await twoJobRo(categories));
}

const DELIVERY = { explanation: '更换了前刹车片，试车无异响；变速箱油封由厂家保修，客户无需付费。', collectedBy: '张伟' };

describe('the settlement statement', () => {
  it('itemises labor and parts per job with its payer, subtotals per payer, and owes the customer part only', async () => {
    const ro = await readyRo();
    const s = await technician.client.repairOrders.settlement({ id: ro.id });
    expect(s.jobs.map((job) => [job.n, job.payer, job.concern])).toEqual([
      [1, 'customer', '刹车异响'],
      [2, 'warranty', '变速箱漏油'],
    ]);
    expect(s.jobs[0]!.laborLines.map((line) => [line.code, line.totalFen])).toEqual([['BRK-01', 33_000]]);
    expect(s.jobs[0]!.partLines.map((line) => [line.code, line.totalFen])).toEqual([['PAD-F-01', 38_100]]);
    expect(s.jobs[0]!.correction).toBe('更换前刹车片');
    expect(s.byPayer.map((p) => [p.payer, p.labor.totalFen, p.parts.totalFen, p.all.totalFen])).toEqual([
      ['customer', 33_000, 38_100, 71_100],
      ['warranty', 20_000, 30_000, 50_000],
    ]);
    expect(s.labor.totalFen).toBe(53_000);
    expect(s.parts.totalFen).toBe(68_100);
    expect(s.all.totalFen).toBe(121_100);
    // 13% VAT included, rounded per line: 330/1.13, 381/1.13, 200/1.13, 300/1.13.
    expect(s.all.taxFen).toBe(3796 + 4383 + 2301 + 3451);
    expect([s.owedFen, s.paidFen, s.balanceFen]).toEqual([71_100, 0, 71_100]);
    expect(s.payments).toEqual([]);
    expect(s.delivery).toBeNull();
    expect(s.categoryMissing).toEqual([]);
  });

  it('leaves declined jobs out of the statement', async () => {
    let ro = await twoJobRo();
    ro = await advisor.client.repairOrders.authorise({
      id: ro.id,
      version: ro.version,
      customerName: '张伟',
      channel: 'phone',
      decisions: [
        { jobId: ro.jobs[0]!.id, decision: 'approved' },
        { jobId: ro.jobs[1]!.id, decision: 'declined' },
      ],
    });
    ro = await toReady(ro);
    const s = await advisor.client.repairOrders.settlement({ id: ro.id });
    expect(s.jobs.map((job) => job.n)).toEqual([1]);
    expect(s.byPayer.map((p) => p.payer)).toEqual(['customer']);
    expect(s.all.totalFen).toBe(71_100);
  });

  it('gives each job the period of its category, open-ended until the car is handed over', async () => {
    const ro = await readyRo(['level2_maintenance', 'whole_vehicle_or_assembly']);
    const s = await advisor.client.repairOrders.settlement({ id: ro.id });
    expect(s.jobs.map((job) => job.guarantee)).toEqual([
      { category: 'level2_maintenance', days: 30, km: 5000, untilDate: null, untilKm: null },
      { category: 'whole_vehicle_or_assembly', days: 100, km: 20_000, untilDate: null, untilKm: null },
    ]);
  });

  it('counts the guarantee from the day after the delivery day on the desk’s calendar, and the km from the mileage out', async () => {
    // A night shift: opened at 01:00 and handed over at 01:30 on 24 November in Beijing, still the 23rd in UTC.
    // The handover day (the 24th on the desk's calendar) is not counted: day 1 is 25 November.
    t.clock.set('2026-11-23T17:00:00.000Z');
    const ro = await readyRo(['level1_minor_special', 'level2_maintenance']);
    t.clock.set('2026-11-23T17:30:00.000Z');
    await advisor.client.repairOrders.deliver({ id: ro.id, version: ro.version, ...DELIVERY, mileageOutKm: 45_230 });
    const s = await advisor.client.repairOrders.settlement({ id: ro.id });
    expect(s.delivery).toMatchObject({ deliveredAt: '2026-11-23T17:30:00.000Z', collectedBy: '张伟', mileageOutKm: 45_230 });
    expect(s.jobs.map((job) => job.guarantee)).toEqual([
      { category: 'level1_minor_special', days: 10, km: 2000, untilDate: '2026-12-04', untilKm: 47_230 },
      { category: 'level2_maintenance', days: 30, km: 5000, untilDate: '2026-12-24', untilKm: 50_230 },
    ]);
  });

  it('names the jobs without a category, and delivery is refused until they have one', async () => {
    let ro = await readyRo([null, 'level2_maintenance']);
    expect((await advisor.client.repairOrders.settlement({ id: ro.id })).categoryMissing).toEqual([1]);
    const before = counts();
    await expectApiError(advisor.client.repairOrders.deliver({ id: ro.id, version: ro.version, ...DELIVERY }), 'RULE', {
      reason: 'settlement.categoryMissing',
      params: { jobs: '1' },
    });
    expect(counts()).toEqual(before);
    expect((await advisor.client.repairOrders.get({ id: ro.id })).status).toBe('ready');
    ro = await advisor.client.repairOrders.updateJob({
      id: ro.id,
      version: ro.version,
      jobId: ro.jobs[0]!.id,
      workCategory: 'level1_minor_special',
    });
    ro = await advisor.client.repairOrders.deliver({ id: ro.id, version: ro.version, ...DELIVERY });
    expect(ro.status).toBe('delivered');
  });
});

describe('payments and delivery', () => {
  it('adds partial payments up, delivers, and the last payment closes the RO', async () => {
    let ro = await readyRo();
    ro = await advisor.client.repairOrders.recordPayment({
      id: ro.id,
      version: ro.version,
      method: 'wechat',
      amountFen: 20_000,
      reference: 'WX4200001',
    });
    expect(ro.status).toBe('ready');
    ro = await advisor.client.repairOrders.recordPayment({ id: ro.id, version: ro.version, method: 'cash', amountFen: 10_000 });
    let s = await advisor.client.repairOrders.settlement({ id: ro.id });
    expect([s.paidFen, s.balanceFen]).toEqual([30_000, 41_100]);
    expect(s.payments.map((p) => [p.method, p.amountFen, p.reference, p.receivedBy.displayName])).toEqual([
      ['wechat', 20_000, 'WX4200001', advisor.session.user.displayName],
      ['cash', 10_000, '', advisor.session.user.displayName],
    ]);

    ro = await advisor.client.repairOrders.deliver({ id: ro.id, version: ro.version, ...DELIVERY });
    expect(ro.status).toBe('delivered');
    expect(ro.history.at(-1)).toMatchObject({ from: 'ready', to: 'delivered', userName: advisor.session.user.displayName });
    expect(ro.nextStatuses).toEqual(['closed']);

    // Closing by hand while the customer still owes is refused, and nothing changes.
    await expectApiError(advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'closed' }), 'RULE', {
      field: 'to',
      reason: 'payment.outstanding',
      params: { balance: '411.00' },
    });
    expect((await advisor.client.repairOrders.get({ id: ro.id })).status).toBe('delivered');

    ro = await manager.client.repairOrders.recordPayment({
      id: ro.id,
      version: ro.version,
      method: 'card',
      amountFen: 41_100,
      reference: '6222****1234',
    });
    expect(ro.status).toBe('closed');
    expect(ro.history.at(-1)).toMatchObject({ from: 'delivered', to: 'closed', userName: manager.session.user.displayName });
    s = await advisor.client.repairOrders.settlement({ id: ro.id });
    expect([s.paidFen, s.balanceFen, s.status]).toEqual([71_100, 0, 'closed']);
    // A closed RO takes no more payments.
    await expectApiError(
      advisor.client.repairOrders.recordPayment({ id: ro.id, version: ro.version, method: 'cash', amountFen: 1 }),
      'RULE',
      { reason: 'payment.status', params: { status: 'closed' } },
    );
  });

  it('refuses more than the balance and writes nothing', async () => {
    let ro = await readyRo();
    ro = await advisor.client.repairOrders.recordPayment({ id: ro.id, version: ro.version, method: 'cash', amountFen: 71_000 });
    const before = counts();
    await expectApiError(
      advisor.client.repairOrders.recordPayment({ id: ro.id, version: ro.version, method: 'cash', amountFen: 101 }),
      'RULE',
      { field: 'amountFen', reason: 'payment.tooMuch', params: { balance: '1.00' } },
    );
    await expectApiError(
      advisor.client.repairOrders.recordPayment({ id: ro.id, version: ro.version, method: 'cash', amountFen: 0 }),
      'INVALID_INPUT',
      { field: 'amountFen' },
    );
    expect(counts()).toEqual(before);
    expect((await advisor.client.repairOrders.settlement({ id: ro.id })).balanceFen).toBe(100);
  });

  it('takes no payment before the car is ready', async () => {
    const ro = await twoJobRo();
    const before = counts();
    await expectApiError(
      advisor.client.repairOrders.recordPayment({ id: ro.id, version: ro.version, method: 'cash', amountFen: 100 }),
      'RULE',
      { reason: 'payment.status', params: { status: 'open' } },
    );
    expect(counts()).toEqual(before);
  });

  it('closes at delivery when the customer owes nothing (paid in advance, or warranty only)', async () => {
    let paid = await readyRo();
    paid = await advisor.client.repairOrders.recordPayment({
      id: paid.id,
      version: paid.version,
      method: 'alipay',
      amountFen: 71_100,
    });
    expect(paid.status).toBe('ready');
    paid = await advisor.client.repairOrders.deliver({ id: paid.id, version: paid.version, ...DELIVERY });
    expect(paid.status).toBe('closed');
    expect(paid.history.slice(-2).map((h) => [h.from, h.to])).toEqual([
      ['ready', 'delivered'],
      ['delivered', 'closed'],
    ]);

    let warranty = await twoJobRo();
    warranty = await advisor.client.repairOrders.updateJob({
      id: warranty.id,
      version: warranty.version,
      jobId: warranty.jobs[0]!.id,
      payer: 'internal',
    });
    warranty = await advisor.client.repairOrders.deliver({
      id: (warranty = await toReady(warranty)).id,
      version: warranty.version,
      ...DELIVERY,
    });
    expect(warranty.status).toBe('closed');
  });

  it('delivers only from ready, only with an explanation, and only through deliver', async () => {
    let ro = await twoJobRo();
    ro = await advisor.client.repairOrders.authorise({
      id: ro.id,
      version: ro.version,
      customerName: '张伟',
      channel: 'phone',
      decisions: ro.jobs.map((job) => ({ jobId: job.id, decision: 'approved' as const })),
    });
    ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
    const before = counts();
    await expectApiError(advisor.client.repairOrders.deliver({ id: ro.id, version: ro.version, ...DELIVERY }), 'RULE', {
      reason: 'status.transition',
      params: { from: 'in_progress', to: 'delivered' },
    });
    ro = await finishWork(ro);
    await expectApiError(
      advisor.client.repairOrders.deliver({ id: ro.id, version: ro.version, explanation: '  ', collectedBy: '张伟' }),
      'INVALID_INPUT',
      { field: 'explanation' },
    );
    // The status buttons cannot skip the handover record.
    await expectApiError(advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'delivered' }), 'RULE', {
      field: 'to',
      reason: 'delivery.notRecorded',
    });
    expect(counts()).toEqual({ ...before, repair_order_status_history: before.repair_order_status_history + 2 });
    expect((await advisor.client.repairOrders.get({ id: ro.id })).status).toBe('ready');
  });

  it('refuses a mileage out below the mileage in, and a stale version', async () => {
    const ro = await readyRo();
    t.core.deps.sqlite.prepare('update repair_orders set mileage_in_km = 45000 where id = ?').run(ro.id);
    const before = counts();
    await expectApiError(
      advisor.client.repairOrders.deliver({ id: ro.id, version: ro.version, ...DELIVERY, mileageOutKm: 44_999 }),
      'RULE',
      { field: 'mileageOutKm', reason: 'mileageOut.belowIn', params: { km: 45_000 } },
    );
    await expectApiError(
      advisor.client.repairOrders.recordPayment({ id: ro.id, version: ro.version - 1, method: 'cash', amountFen: 100 }),
      'CONFLICT',
      { reason: 'staleVersion' },
    );
    expect(counts()).toEqual(before);
  });
});

describe('roles', () => {
  it('lets the whole department read the statement; only advisors and the manager take payments and deliver', async () => {
    const ro = await readyRo();
    await expect(foreman.client.repairOrders.settlement({ id: ro.id })).resolves.toMatchObject({ repairOrderId: ro.id });
    const before = counts();
    await expectApiError(
      technician.client.repairOrders.recordPayment({ id: ro.id, version: ro.version, method: 'cash', amountFen: 100 }),
      'FORBIDDEN',
    );
    await expectApiError(foreman.client.repairOrders.deliver({ id: ro.id, version: ro.version, ...DELIVERY }), 'FORBIDDEN');
    expect(counts()).toEqual(before);
  });
});
