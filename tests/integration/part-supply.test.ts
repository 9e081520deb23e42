import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RepairOrderDetail, RoLineDto } from '../../shared/contract/repair-orders';
import { availableMilli } from '../../electron/core/parts/ledger';
import { fillWaitingLines } from '../../electron/core/parts/part-supply/reservations';
import { countRows, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { makePart, stockIn } from '../fixtures/parts';
import { passQualityCheck } from '../fixtures/quality';
import { signIn, type SignedIn } from '../fixtures/users';

// FIXED_NOW is 2026-11-24T02:00Z (10:00 in Beijing). Parts made by makePart list at ¥100.00 (10,000 fen), prices
// include 13% VAT (the default setting).

let t: TestCore;
let advisor: SignedIn;
let clerk: SignedIn;
let foreman: SignedIn;
let ownerId: number;
beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  clerk = await signIn(t.core, 'parts_clerk');
  foreman = await signIn(t.core, 'foreman');
  ownerId = (await makeCustomer(advisor.client)).id;
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

const available = (partId: number) => availableMilli(t.core.deps.db, partId);
const onHand = async (partId: number) =>
  (await t.core.deps.db.selectFrom('parts').select('on_hand_milli').where('id', '=', partId).executeTakeFirstOrThrow())
    .on_hand_milli;
const movements = (lineId: number) =>
  t.core.deps.db.selectFrom('stock_movements').selectAll().where('line_id', '=', lineId).orderBy('id').execute();
const reservation = (lineId: number) =>
  t.core.deps.db.selectFrom('part_reservations').selectAll().where('line_id', '=', lineId).executeTakeFirst();

/** A part with `qty` units on the shelf. */
async function stockedPart(qty: number, overrides: Parameters<typeof makePart>[1] = {}) {
  const part = await makePart(t.core, overrides);
  if (qty > 0) await stockIn(t.core, part.id, qty * 1000, 6_000);
  return part;
}

async function newRo(promisedAt: string | null = null): Promise<RepairOrderDetail> {
  const vehicle = await makeVehicle(advisor.client, ownerId);
  return advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['刹车异响'], promisedAt });
}

async function addPart(ro: RepairOrderDetail, partNumber: string, qty: number, jobIndex = 0) {
  return advisor.client.repairOrders.addPartLine({
    id: ro.id,
    version: ro.version,
    jobId: ro.jobs[jobIndex]!.id,
    partNumber,
    qtyMilli: qty * 1000,
  });
}

function lastPartLine(ro: RepairOrderDetail, jobIndex = 0): RoLineDto {
  const lines = ro.jobs[jobIndex]!.partLines;
  return lines[lines.length - 1]!;
}

describe('part lines from the parts master', () => {
  it('copies the master part and reserves it: available drops by the quantity', async () => {
    const part = await stockedPart(5, {
      part_number: 'PAD-F-100',
      name_zh: '前刹车片',
      name_en: 'Front pads',
      list_price_fen: 19_050,
    });
    let ro = await newRo();
    // Typed in another spelling: case, spaces and dashes do not matter.
    ro = await addPart(ro, 'pad f100', 2);
    const line = lastPartLine(ro);
    expect(line).toMatchObject({
      code: 'PADF100',
      nameZh: '前刹车片',
      nameEn: 'Front pads',
      qtyMilli: 2000,
      unitPriceFen: 19_050,
      totalFen: 38_100,
    });
    expect(line.supply).toEqual({
      state: 'reserved',
      reservedMilli: 2000,
      toOrderMilli: 0,
      issuedMilli: 0,
      expectedAt: null,
      partId: part.id,
    });
    expect(await available(part.id)).toBe(3000);
    expect(await onHand(part.id)).toBe(5000);
  });

  it('reserves what the shelf has and marks the rest to order', async () => {
    const part = await stockedPart(1);
    let ro = await newRo();
    ro = await addPart(ro, part.partNumber, 3);
    expect(lastPartLine(ro).supply).toMatchObject({
      state: 'to_order',
      reservedMilli: 1000,
      toOrderMilli: 2000,
      issuedMilli: 0,
      expectedAt: null,
    });
    expect(await available(part.id)).toBe(0);
    // The next line finds nothing free: all of it is to order.
    ro = await addPart(ro, part.partNumber, 1);
    expect(lastPartLine(ro).supply).toMatchObject({ state: 'to_order', reservedMilli: 0, toOrderMilli: 1000 });
  });

  it('follows supersession: the old number puts the new part on the line, and says so', async () => {
    const newer = await stockedPart(4, { part_number: 'FLT-OIL-NEW', name_zh: '机油滤清器（新）' });
    await makePart(t.core, { part_number: 'FLT-OIL-OLD', superseded_by_id: newer.id });
    const ro = await newRo();
    const result = await addPart(ro, 'flt-oil-old', 1);
    expect(result.superseded).toEqual({ from: 'FLTOILOLD', to: 'FLTOILNEW' });
    expect(lastPartLine(result)).toMatchObject({ code: 'FLTOILNEW', nameZh: '机油滤清器（新）' });
    expect(lastPartLine(result).supply?.partId).toBe(newer.id);
    expect(await available(newer.id)).toBe(3000);
  });

  it('keeps a number not in the master as a non-stock free-text line, nothing reserved', async () => {
    let ro = await newRo();
    const before = countRows(t.core, 'part_reservations');
    ro = await advisor.client.repairOrders.addPartLine({
      id: ro.id,
      version: ro.version,
      jobId: ro.jobs[0]!.id,
      partNumber: 'sundry-01',
      nameZh: '辅料',
      qtyMilli: 1000,
      unitPriceFen: 1_500,
    });
    expect(lastPartLine(ro)).toMatchObject({ code: 'SUNDRY-01', nameZh: '辅料', unitPriceFen: 1_500, totalFen: 1_500 });
    expect(lastPartLine(ro).supply).toEqual({
      state: 'non_stock',
      reservedMilli: 0,
      toOrderMilli: 0,
      issuedMilli: 0,
      expectedAt: null,
      partId: null,
    });
    expect(countRows(t.core, 'part_reservations')).toBe(before);
  });

  it('reserves the master parts of a maintenance package added to an RO, at the package price', async () => {
    const manager = await signIn(t.core, 'manager');
    const part = await stockedPart(3, { part_number: 'OIL-0W20-4L' });
    const pkg = await manager.client.catalog.createPackage({
      code: 'PKG-SUPPLY',
      nameZh: '小保养（测试）',
      nameEn: 'Minor service (test)',
      laborLines: [],
      partLines: [{ partNumber: 'oil-0w20-4l', nameZh: '机油', nameEn: 'Engine oil', qtyMilli: 1000, unitPriceFen: 39_900 }],
    });
    let ro = await newRo();
    ro = await advisor.client.repairOrders.addPackage({ id: ro.id, version: ro.version, packageId: pkg.id });
    expect(lastPartLine(ro, 1)).toMatchObject({
      code: 'OIL-0W20-4L',
      unitPriceFen: 39_900,
      supply: expect.objectContaining({ state: 'reserved', reservedMilli: 1000, partId: part.id }),
    });
    expect(await available(part.id)).toBe(2000);
  });

  it('refuses names or a price for a master part, a free-text line without them, and a retired part, writing nothing', async () => {
    const part = await stockedPart(2);
    const retired = await stockedPart(2, { active: 0 });
    const ro = await newRo();
    const base = { id: ro.id, version: ro.version, jobId: ro.jobs[0]!.id, qtyMilli: 1000 };
    const lines = countRows(t.core, 'repair_order_lines');
    const reservations = countRows(t.core, 'part_reservations');
    await expectApiError(
      advisor.client.repairOrders.addPartLine({ ...base, partNumber: part.partNumber, unitPriceFen: 1 }),
      'INVALID_INPUT',
      {
        field: 'unitPriceFen',
        reason: 'line.fromMaster',
      },
    );
    await expectApiError(advisor.client.repairOrders.addPartLine({ ...base, partNumber: 'NOT-IN-MASTER' }), 'INVALID_INPUT', {
      field: 'nameZh',
      reason: 'required',
    });
    await expectApiError(advisor.client.repairOrders.addPartLine({ ...base, partNumber: retired.partNumber }), 'RULE', {
      field: 'partNumber',
      reason: 'parts.partRetired',
    });
    expect(countRows(t.core, 'repair_order_lines')).toBe(lines);
    expect(countRows(t.core, 'part_reservations')).toBe(reservations);
    expect(await available(part.id)).toBe(2000);
  });
});

describe('removing lines, jobs and ROs', () => {
  it('releases what a removed line held', async () => {
    const part = await stockedPart(3);
    let ro = await newRo();
    ro = await addPart(ro, part.partNumber, 2);
    const line = lastPartLine(ro);
    expect(await available(part.id)).toBe(1000);
    ro = await advisor.client.repairOrders.removeLine({ id: ro.id, version: ro.version, lineId: line.id });
    expect(await available(part.id)).toBe(3000);
    expect(await reservation(line.id)).toMatchObject({ status: 'closed', reserved_milli: 0 });
  });

  it('refuses to remove a line whose parts were issued and not returned, writing nothing', async () => {
    const part = await stockedPart(3);
    let ro = await newRo();
    ro = await addPart(ro, part.partNumber, 2);
    const line = lastPartLine(ro);
    await clerk.client.parts.issueToLine({ lineId: line.id });
    ro = await advisor.client.repairOrders.get({ id: ro.id });
    const lines = countRows(t.core, 'repair_order_lines');
    const moves = countRows(t.core, 'stock_movements');
    const held = await reservation(line.id);
    await expectApiError(advisor.client.repairOrders.removeLine({ id: ro.id, version: ro.version, lineId: line.id }), 'RULE', {
      reason: 'parts.issuedNotReturned',
    });
    await expectApiError(
      advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'cancelled', note: '客户取消' }),
      'RULE',
      {
        reason: 'parts.issuedNotReturned',
      },
    );
    expect(countRows(t.core, 'repair_order_lines')).toBe(lines);
    expect(countRows(t.core, 'stock_movements')).toBe(moves);
    expect(await reservation(line.id)).toEqual(held);
    expect((await advisor.client.repairOrders.get({ id: ro.id })).status).toBe('open');
  });

  it('releases what the lines of a removed job held', async () => {
    const part = await stockedPart(2);
    let ro = await newRo();
    ro = await advisor.client.repairOrders.addJob({ id: ro.id, version: ro.version, concern: '更换雨刮' });
    ro = await addPart(ro, part.partNumber, 2, 1);
    expect(await available(part.id)).toBe(0);
    await advisor.client.repairOrders.removeJob({ id: ro.id, version: ro.version, jobId: ro.jobs[1]!.id });
    expect(await available(part.id)).toBe(2000);
  });

  it('releases every line when the RO is cancelled', async () => {
    const part = await stockedPart(2);
    let ro = await newRo();
    ro = await addPart(ro, part.partNumber, 2);
    expect(await available(part.id)).toBe(0);
    await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'cancelled', note: '客户取消' });
    expect(await available(part.id)).toBe(2000);
    expect(await reservation(lastPartLine(ro).id)).toMatchObject({ status: 'closed' });
  });
});

describe('issue and return at the parts counter', () => {
  it('issues reserved parts out of the bin with a ledger row, and the RO line shows them issued', async () => {
    const part = await stockedPart(5);
    let ro = await newRo();
    ro = await addPart(ro, part.partNumber, 3);
    const line = lastPartLine(ro);
    await expectApiError(advisor.client.parts.issueToLine({ lineId: line.id }), 'FORBIDDEN');
    await expectApiError(clerk.client.parts.issueToLine({ lineId: line.id, qtyMilli: 4000 }), 'RULE', {
      reason: 'parts.moreThanReserved',
    });
    const supply = await clerk.client.parts.issueToLine({ lineId: line.id, qtyMilli: 2000 });
    expect(supply).toMatchObject({ state: 'reserved', reservedMilli: 1000, issuedMilli: 2000 });
    expect(await onHand(part.id)).toBe(3000);
    // Issued stock is no longer on the shelf, and the rest is still held: available = 3 on hand - 1 reserved.
    expect(await available(part.id)).toBe(2000);
    const [issue] = await movements(line.id);
    expect(issue).toMatchObject({
      kind: 'issue',
      qty_milli: -2000,
      repair_order_id: ro.id,
      job_id: ro.jobs[0]!.id,
      bin: 'A-01-01',
      on_hand_after_milli: 3000,
    });
    await clerk.client.parts.issueToLine({ lineId: line.id });
    ro = await advisor.client.repairOrders.get({ id: ro.id });
    expect(lastPartLine(ro).supply).toMatchObject({ state: 'issued', reservedMilli: 0, issuedMilli: 3000 });
    await expectApiError(clerk.client.parts.issueToLine({ lineId: line.id }), 'RULE', { reason: 'parts.nothingReserved' });
  });

  it('takes unused parts back: stock returns and the line is priced for what was used', async () => {
    const part = await stockedPart(4);
    let ro = await newRo();
    ro = await addPart(ro, part.partNumber, 3);
    const line = lastPartLine(ro);
    // 3 × ¥100.00 = ¥300.00 including 13% VAT.
    expect(line.totalFen).toBe(30_000);
    await clerk.client.parts.issueToLine({ lineId: line.id });
    await expectApiError(clerk.client.parts.returnFromLine({ lineId: line.id, qtyMilli: 4000, reason: '多领' }), 'RULE', {
      field: 'qtyMilli',
      reason: 'parts.moreThanIssued',
    });
    const supply = await clerk.client.parts.returnFromLine({ lineId: line.id, qtyMilli: 1000, reason: '未使用' });
    expect(supply).toMatchObject({ state: 'issued', issuedMilli: 2000 });
    expect(await onHand(part.id)).toBe(2000);
    const [, back] = await movements(line.id);
    // Valued at the moving average: everything came in at ¥60.00.
    expect(back).toMatchObject({ kind: 'return', qty_milli: 1000, unit_cost_fen: 6_000, value_fen: 6_000, reason: '未使用' });
    ro = await advisor.client.repairOrders.get({ id: ro.id });
    // 2 × ¥100.00 = ¥200.00; its VAT 20,000 − 20,000 / 1.13 = 2,300.88 → 2,301 fen.
    expect(lastPartLine(ro)).toMatchObject({ qtyMilli: 2000, grossFen: 20_000, totalFen: 20_000, taxFen: 2_301 });
    expect(ro.totals.parts.totalFen).toBe(20_000);
  });
});

/** Approves the RO's jobs, sets their work category, and takes it through the workshop to ready. */
async function toReady(ro: RepairOrderDetail): Promise<RepairOrderDetail> {
  for (const job of ro.jobs) {
    ro = await advisor.client.repairOrders.updateJob({
      id: ro.id,
      version: ro.version,
      jobId: job.id,
      workCategory: 'level2_maintenance',
    });
  }
  ro = await advisor.client.repairOrders.authorise({
    id: ro.id,
    version: ro.version,
    customerName: '张伟',
    channel: 'phone',
    decisions: ro.jobs.map((job) => ({ jobId: job.id, decision: 'approved' as const })),
  });
  ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
  ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'qc' });
  await passQualityCheck(foreman, ro.id);
  ro = await advisor.client.repairOrders.get({ id: ro.id });
  ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'ready' });
  if ((await foreman.client.workshop.qcStatus({ repairOrderId: ro.id })).certificateNeeded) {
    await foreman.client.workshop.issueCertificate({ repairOrderId: ro.id });
  }
  return advisor.client.repairOrders.get({ id: ro.id });
}

const DELIVERY = { explanation: '更换了前刹车片，试车正常。', collectedBy: '张伟' };

describe('delivery', () => {
  it('is refused while a line still has parts to order, then issues what is reserved with the car', async () => {
    const pads = await stockedPart(4);
    const disc = await stockedPart(0);
    let ro = await newRo();
    ro = await addPart(ro, pads.partNumber, 2);
    const padLine = lastPartLine(ro);
    ro = await addPart(ro, disc.partNumber, 1);
    const discLine = lastPartLine(ro);
    ro = await toReady(ro);
    const deliveries = countRows(t.core, 'repair_order_deliveries');
    const moves = countRows(t.core, 'stock_movements');
    await expectApiError(advisor.client.repairOrders.deliver({ id: ro.id, version: ro.version, ...DELIVERY }), 'RULE', {
      field: 'to',
      reason: 'parts.stillToOrder',
      params: { parts: disc.partNumber },
    });
    expect(countRows(t.core, 'repair_order_deliveries')).toBe(deliveries);
    expect(countRows(t.core, 'stock_movements')).toBe(moves);

    // The disc comes in (a receipt fills waiting lines first, as purchasing does).
    await stockIn(t.core, disc.id, 1000, 30_000);
    await t.core.deps.db.transaction().execute((trx) => fillWaitingLines(trx, disc.id, FIXED_NOW));
    ro = await advisor.client.repairOrders.get({ id: ro.id });
    ro = await advisor.client.repairOrders.deliver({ id: ro.id, version: ro.version, ...DELIVERY });
    expect(ro.status).toBe('delivered');
    expect(await onHand(pads.id)).toBe(2000);
    expect(await onHand(disc.id)).toBe(0);
    expect(await movements(padLine.id)).toEqual([
      expect.objectContaining({ kind: 'issue', qty_milli: -2000, reason: 'issued at delivery' }),
    ]);
    expect(await movements(discLine.id)).toEqual([
      expect.objectContaining({ kind: 'issue', qty_milli: -1000, reason: 'issued at delivery' }),
    ]);
    expect(ro.jobs[0]!.partLines.map((line) => line.supply?.state)).toEqual(['issued', 'issued']);
    expect(await reservation(padLine.id)).toMatchObject({ status: 'closed', reserved_milli: 0, issued_milli: 2000 });
    expect(await available(pads.id)).toBe(2000);
  });
});

describe('parts to order and the promised time', () => {
  // Promised 16:00 on 25 November in Beijing.
  const PROMISED = '2026-11-25T08:00:00.000Z';

  const riskOf = async (id: number) => (await advisor.client.repairOrders.promiseRisks({})).find((row) => row.id === id);

  it('puts the RO at risk for parts while the missing quantity has no date or comes after the promise', async () => {
    const part = await stockedPart(0);
    let ro = await newRo(PROMISED);
    expect((await riskOf(ro.id))?.reasons).not.toContain('parts');
    ro = await addPart(ro, part.partNumber, 1);
    const line = lastPartLine(ro);
    expect(await riskOf(ro.id)).toMatchObject({ level: 'at_risk', reasons: expect.arrayContaining(['parts']) });
    // Expected on the 26th: after the promise.
    const supply = await clerk.client.parts.setExpected({ lineId: line.id, expectedAt: '2026-11-26' });
    expect(supply.expectedAt).toBe('2026-11-25T16:00:00.000Z');
    expect((await riskOf(ro.id))?.reasons).toContain('parts');
    ro = await advisor.client.repairOrders.get({ id: ro.id });
    expect(lastPartLine(ro).supply).toMatchObject({
      state: 'to_order',
      toOrderMilli: 1000,
      expectedAt: '2026-11-25T16:00:00.000Z',
    });
  });

  it('does not flag parts expected before the promise', async () => {
    const part = await stockedPart(0);
    let ro = await newRo(PROMISED);
    ro = await addPart(ro, part.partNumber, 1);
    // The morning of the 25th (00:00 Beijing = 24th 16:00 UTC), before the 16:00 promise.
    await clerk.client.parts.setExpected({ lineId: lastPartLine(ro).id, expectedAt: '2026-11-25' });
    expect((await riskOf(ro.id))?.reasons).not.toContain('parts');
  });
});

const FIRST_PAGE = { startRow: 0, endRow: 50 };

describe('the parts counter', () => {
  it('lists open lines by RO with what is to issue or to order, filtered by plate or RO number and state', async () => {
    const part = await stockedPart(1);
    let ro = await newRo(null);
    ro = await addPart(ro, part.partNumber, 2);
    const line = lastPartLine(ro);
    const page = await clerk.client.parts.counterGrid({ ...FIRST_PAGE, text: ro.vehicle.plate });
    expect(page.rows).toEqual([
      expect.objectContaining({
        lineId: line.id,
        roNumber: ro.number,
        plate: ro.vehicle.plate,
        partNumber: part.partNumber,
        reservedMilli: 1000,
        toOrderMilli: 1000,
      }),
    ]);
    expect(
      (await clerk.client.parts.counterGrid({ ...FIRST_PAGE, text: ro.number, state: 'to_order' })).rows.map((row) => row.lineId),
    ).toEqual([line.id]);
    expect((await clerk.client.parts.counterGrid({ ...FIRST_PAGE, text: ro.number, state: 'issued' })).rows).toEqual([]);
    await clerk.client.parts.issueToLine({ lineId: line.id });
    expect((await clerk.client.parts.counterGrid({ ...FIRST_PAGE, text: ro.number, state: 'to_issue' })).rows).toEqual([]);
    expect(
      (await clerk.client.parts.counterGrid({ ...FIRST_PAGE, text: ro.number, state: 'issued' })).rows.map(
        (row) => row.issuedMilli,
      ),
    ).toEqual([1000]);
  });
});
