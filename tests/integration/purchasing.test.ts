import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveChange } from '../../shared/domain/live-areas';
import { countRows, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { makePart, stockIn } from '../fixtures/parts';
import { signIn, type SignedIn } from '../fixtures/users';

// FIXED_NOW is 2026-11-24T02:00Z: 10:00 on Tuesday 24 November in Beijing.
let t: TestCore;
let clerk: SignedIn;
let advisor: SignedIn;
let otherAdvisor: SignedIn;
let manager: SignedIn;
let ownerId: number;
let supplierSeq = 0;

beforeAll(async () => {
  t = await openTestCore();
  clerk = await signIn(t.core, 'parts_clerk');
  advisor = await signIn(t.core, 'advisor');
  otherAdvisor = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  ownerId = (await makeCustomer(advisor.client)).id;
});
afterAll(async () => {
  await t?.close();
});

function sqlRow<T>(query: string, ...params: unknown[]): T {
  return t.core.deps.sqlite.prepare(query).get(...params) as T;
}

async function supplier(leadDays = 3) {
  supplierSeq += 1;
  return clerk.client.parts.saveSupplier({ name: `供应商${supplierSeq}`, contact: '王经理', phone: '', leadDays });
}

/** An RO of `advisorOf` with one part line of a master part (the RO link reserves it, the rest to order). */
async function roWaitingFor(partNumber: string, qtyMilli: number, advisorOf: SignedIn = advisor) {
  const vehicle = await makeVehicle(advisorOf.client, ownerId);
  const ro = await advisorOf.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['刹车异响'] });
  const jobId = ro.jobs[0]!.id;
  const after = await advisorOf.client.repairOrders.addPartLine({ id: ro.id, version: ro.version, jobId, partNumber, qtyMilli });
  return { ro: after, lineId: after.jobs[0]!.partLines.at(-1)!.id };
}

function reservationOf(lineId: number) {
  return sqlRow<{ reserved_milli: number; to_order_milli: number; expected_at: string | null }>(
    'select reserved_milli, to_order_milli, expected_at from part_reservations where line_id = ?',
    lineId,
  );
}

async function suggestionFor(partNumber: string) {
  const page = await clerk.client.parts.suggestedOrderGrid({ text: partNumber, startRow: 0, endRow: 200 });
  return page.rows.find((row) => row.partNumber === partNumber);
}

describe('suppliers', () => {
  it('keeps names unique and lead days within two months, writing nothing for a refusal', async () => {
    const created = await clerk.client.parts.saveSupplier({
      name: '博世汽配',
      contact: '李强',
      phone: '13912345678',
      leadDays: 2,
    });
    expect(created).toMatchObject({ name: '博世汽配', leadDays: 2, active: true });
    const before = countRows(t.core, 'suppliers');
    await expectApiError(clerk.client.parts.saveSupplier({ name: '博世汽配', leadDays: 1 }), 'CONFLICT', {
      field: 'name',
      reason: 'supplier.duplicateName',
    });
    await expectApiError(clerk.client.parts.saveSupplier({ name: '慢供应商', leadDays: 61 }), 'INVALID_INPUT', {
      field: 'leadDays',
    });
    expect(countRows(t.core, 'suppliers')).toBe(before);

    const changed = await clerk.client.parts.saveSupplier({ id: created.id, name: '博世汽配', contact: '张伟', leadDays: 4 });
    expect(changed).toMatchObject({ id: created.id, contact: '张伟', leadDays: 4 });
    expect((await clerk.client.parts.suppliers({})).map((s) => s.name)).toContain('博世汽配');
  });

  it('is the parts desk’s: an advisor can neither list nor buy', async () => {
    await expectApiError(advisor.client.parts.suppliers({}), 'FORBIDDEN');
    await expectApiError(
      advisor.client.parts.createPurchaseOrder({ supplierId: 1, lines: [{ partId: 1, qtyMilli: 1000 }] }),
      'FORBIDDEN',
    );
  });
});

describe('the suggested order', () => {
  it('restocks a part below its minimum up to its maximum, and stops once it is on order', async () => {
    const low = await makePart(t.core, { part_number: 'SUG-MIN-1', min_qty_milli: 4000, max_qty_milli: 10_000, cost_fen: 3500 });
    const fine = await makePart(t.core, { part_number: 'SUG-MIN-2', min_qty_milli: 2000, max_qty_milli: 5000 });
    await stockIn(t.core, low.id, 1000, 3000);
    await stockIn(t.core, fine.id, 3000, 3000);

    const row = await suggestionFor('SUGMIN1');
    expect(row).toMatchObject({
      onHandMilli: 1000,
      availableMilli: 1000,
      onOrderMilli: 0,
      forMinimumMilli: 9000,
      forWaitingMilli: 0,
      qtyMilli: 9000,
      lastCostFen: 3500,
      waitingLines: [],
    });
    expect(await suggestionFor('SUGMIN2')).toBeUndefined();

    // Ordered in part: 1 + 2 on order = 3, still below 4: up to 10 is 7 more.
    const s = await supplier();
    const po = await clerk.client.parts.createPurchaseOrder({ supplierId: s.id, lines: [{ partId: low.id, qtyMilli: 2000 }] });
    expect(await suggestionFor('SUGMIN1')).toMatchObject({ onOrderMilli: 2000, qtyMilli: 7000, lastSupplierName: s.name });
    // The supplier filter finds the parts last bought from it.
    expect(
      (await clerk.client.parts.suggestedOrderGrid({ supplierId: s.id, startRow: 0, endRow: 100 })).rows.map((r) => r.partNumber),
    ).toEqual(['SUGMIN1']);

    await clerk.client.parts.updatePurchaseOrder({
      id: po.id,
      version: po.version,
      supplierId: s.id,
      lines: [{ partId: low.id, qtyMilli: 9000 }],
    });
    expect(await suggestionFor('SUGMIN1')).toBeUndefined();
  });

  it('adds what waiting RO lines need, naming the ROs, until an order covers them', async () => {
    const part = await makePart(t.core, { part_number: 'SUG-RO-1', name_zh: '刹车片' });
    const { ro } = await roWaitingFor('SUGRO1', 2000);
    const row = await suggestionFor('SUGRO1');
    expect(row).toMatchObject({ waitingMilli: 2000, forWaitingMilli: 2000, forMinimumMilli: 0, qtyMilli: 2000 });
    expect(row!.waitingLines).toEqual([{ repairOrderId: ro.id, roNumber: ro.number, toOrderMilli: 2000 }]);
    // The name finds it too.
    expect(
      (await clerk.client.parts.suggestedOrderGrid({ text: '刹车片', startRow: 0, endRow: 100 })).rows.map((r) => r.partId),
    ).toContain(part.id);

    const s = await supplier();
    await clerk.client.parts.createPurchaseOrder({ supplierId: s.id, lines: [{ partId: part.id, qtyMilli: 2000 }] });
    expect(await suggestionFor('SUGRO1')).toBeUndefined();
  });

  it('lets what is on order cover the waiting lines first, and only the rest count for the shelf', async () => {
    // min 2, max 6, 1 on the shelf, an RO waiting for 3.
    const part = await makePart(t.core, { part_number: 'SUG-MIX-1', min_qty_milli: 2000, max_qty_milli: 6000 });
    await stockIn(t.core, part.id, 1000, 5000);
    await roWaitingFor('SUGMIX1', 4000); // takes the 1 on the shelf, 3 to order
    expect(await suggestionFor('SUGMIX1')).toMatchObject({
      availableMilli: 0,
      waitingMilli: 3000,
      forWaitingMilli: 3000,
      forMinimumMilli: 6000,
      qtyMilli: 9000,
    });

    // 2 on order: 1 still for the RO; the shelf stays at 0, so up to 6: 7 in all.
    const s = await supplier();
    const po = await clerk.client.parts.createPurchaseOrder({ supplierId: s.id, lines: [{ partId: part.id, qtyMilli: 2000 }] });
    expect(await suggestionFor('SUGMIX1')).toMatchObject({
      onOrderMilli: 2000,
      forWaitingMilli: 1000,
      forMinimumMilli: 6000,
      qtyMilli: 7000,
    });

    // 5 on order: the RO's 3 and 2 for the shelf, its minimum: nothing more.
    await clerk.client.parts.updatePurchaseOrder({
      id: po.id,
      version: po.version,
      supplierId: s.id,
      lines: [{ partId: part.id, qtyMilli: 5000 }],
    });
    expect(await suggestionFor('SUGMIX1')).toBeUndefined();
  });
});

describe('purchase orders and receipts', () => {
  it('places an order, receives it in two goes at its price (moving average) and closes it', async () => {
    const part = await makePart(t.core, { part_number: 'PO-RCV-1', cost_fen: 6000, default_bin: 'B-02-01' });
    await stockIn(t.core, part.id, 2000, 5000); // 2 at ¥50: value ¥100
    const s = await supplier(3);
    const draft = await clerk.client.parts.createPurchaseOrder({
      supplierId: s.id,
      lines: [{ partId: part.id, qtyMilli: 10_000, unitCostFen: 7000 }],
      note: '月度补货',
    });
    expect(draft).toMatchObject({ status: 'draft', supplierName: s.name, totalFen: 70_000, expectedAt: null });
    expect(draft.number).toMatch(/^PO2026-\d{6}$/);
    // Not ordered yet: nothing can be received.
    await expectApiError(
      clerk.client.parts.receive({
        id: draft.id,
        version: draft.version,
        lines: [{ lineId: draft.lines[0]!.id, qtyMilli: 1000 }],
      }),
      'RULE',
      { reason: 'purchase.notOrdered' },
    );

    const placed = await clerk.client.parts.placePurchaseOrder({ id: draft.id, version: draft.version });
    // Three days after Tuesday 24 Nov on the desk's calendar: Friday 27 Nov 00:00 Beijing.
    expect(placed).toMatchObject({
      status: 'ordered',
      orderedAt: '2026-11-24T02:00:00.000Z',
      expectedAt: '2026-11-26T16:00:00.000Z',
    });
    await expectApiError(
      clerk.client.parts.updatePurchaseOrder({
        id: placed.id,
        version: placed.version,
        supplierId: s.id,
        lines: [{ partId: part.id, qtyMilli: 1000 }],
      }),
      'RULE',
      { reason: 'purchase.notDraft' },
    );

    const first = await clerk.client.parts.receive({
      id: placed.id,
      version: placed.version,
      lines: [{ lineId: placed.lines[0]!.id, qtyMilli: 4000 }],
    });
    expect(first.order).toMatchObject({ status: 'partly_received' });
    expect(first.order.lines[0]).toMatchObject({ receivedMilli: 4000 });
    // 2 at ¥50 + 4 at ¥70 = ¥380 for 6: an average of ¥63.33.
    expect(sqlRow('select on_hand_milli, stock_value_fen, cost_fen from parts where id = ?', part.id)).toEqual({
      on_hand_milli: 6000,
      stock_value_fen: 38_000,
      cost_fen: 7000,
    });
    expect(
      sqlRow(
        'select kind, bin, qty_milli, unit_cost_fen, value_fen, purchase_order_id from stock_movements where part_id = ? order by id desc',
        part.id,
      ),
    ).toEqual({
      kind: 'receipt',
      bin: 'B-02-01',
      qty_milli: 4000,
      unit_cost_fen: 7000,
      value_fen: 28_000,
      purchase_order_id: placed.id,
    });
    // Received in part: it can no longer be called off.
    await expectApiError(
      clerk.client.parts.cancelPurchaseOrder({ id: placed.id, version: first.order.version, reason: '不要了' }),
      'RULE',
      {
        reason: 'purchase.notCancellable',
      },
    );

    const rest = await clerk.client.parts.receive({
      id: placed.id,
      version: first.order.version,
      lines: [{ lineId: placed.lines[0]!.id, qtyMilli: 6000, bin: 'b-09-09' }],
    });
    expect(rest.order.status).toBe('received');
    // + 6 at ¥70 = ¥800 for 12.
    expect(sqlRow('select on_hand_milli, stock_value_fen from parts where id = ?', part.id)).toEqual({
      on_hand_milli: 12_000,
      stock_value_fen: 80_000,
    });
    expect(sqlRow('select on_hand_milli from part_stock where part_id = ? and bin = ?', part.id, 'B-09-09')).toEqual({
      on_hand_milli: 6000,
    });
    expect(
      sqlRow<{ n: number }>(
        "select count(*) as n from stock_movements where purchase_order_id = ? and kind = 'receipt'",
        placed.id,
      ).n,
    ).toBe(2);

    const page = await clerk.client.parts.purchaseOrders({
      startRow: 0,
      endRow: 50,
      filterModel: { status: { filterType: 'text', type: 'equals', filter: 'received' } },
    });
    expect(page.rows.map((r) => r.number)).toContain(placed.number);
    expect(page.rows.every((r) => r.status === 'received')).toBe(true);
  });

  it('refuses more than is still due on a line, naming the line, and receives nothing of the rest', async () => {
    const a = await makePart(t.core, { part_number: 'PO-OVER-1' });
    const b = await makePart(t.core, { part_number: 'PO-OVER-2' });
    const s = await supplier();
    const draft = await clerk.client.parts.createPurchaseOrder({
      supplierId: s.id,
      lines: [
        { partId: a.id, qtyMilli: 3000 },
        { partId: b.id, qtyMilli: 2000 },
      ],
    });
    const placed = await clerk.client.parts.placePurchaseOrder({ id: draft.id, version: draft.version });
    const movements = countRows(t.core, 'stock_movements');
    await expectApiError(
      clerk.client.parts.receive({
        id: placed.id,
        version: placed.version,
        lines: [
          { lineId: placed.lines[0]!.id, qtyMilli: 3000 },
          { lineId: placed.lines[1]!.id, qtyMilli: 2500 },
        ],
      }),
      'RULE',
      { field: 'lines.1.qtyMilli', reason: 'purchase.overReceipt' },
    );
    expect(countRows(t.core, 'stock_movements')).toBe(movements);
    expect(await clerk.client.parts.purchaseOrder({ id: placed.id })).toMatchObject({
      status: 'ordered',
      version: placed.version,
      lines: [{ receivedMilli: 0 }, { receivedMilli: 0 }],
    });
    expect(sqlRow('select on_hand_milli from parts where id = ?', a.id)).toEqual({ on_hand_milli: 0 });
    // A stale version is refused too.
    await expectApiError(
      clerk.client.parts.receive({
        id: placed.id,
        version: placed.version - 1,
        lines: [{ lineId: placed.lines[0]!.id, qtyMilli: 1000 }],
      }),
      'CONFLICT',
      { field: 'version' },
    );
  });

  it('fills the waiting RO line first, dates it when ordered, and tells its advisor', async () => {
    const part = await makePart(t.core, { part_number: 'PO-FILL-1', name_zh: '刹车片', cost_fen: 12_000 });
    const older = await roWaitingFor('POFILL1', 2000);
    const newer = await roWaitingFor('POFILL1', 3000, otherAdvisor);
    expect(reservationOf(older.lineId)).toEqual({ reserved_milli: 0, to_order_milli: 2000, expected_at: null });

    const s = await supplier(1);
    const draft = await clerk.client.parts.createPurchaseOrder({
      supplierId: s.id,
      lines: [{ partId: part.id, qtyMilli: 4000 }],
    });
    const placed = await clerk.client.parts.placePurchaseOrder({ id: draft.id, version: draft.version });
    // Both waiting lines now expect the parts when the order does (the promise-time warning reads it).
    expect(reservationOf(older.lineId).expected_at).toBe(placed.expectedAt);
    expect(reservationOf(newer.lineId).expected_at).toBe(placed.expectedAt);

    const told: LiveChange[] = [];
    const stop = t.core.deps.events.subscribe((change) => told.push(change));
    const result = await clerk.client.parts.receive({
      id: placed.id,
      version: placed.version,
      lines: [{ lineId: placed.lines[0]!.id, qtyMilli: 4000 }],
    });
    stop();
    // The other desks are told: the part's stock and both ROs' lines changed.
    expect(told).toEqual(
      expect.arrayContaining([
        { area: 'parts', id: part.id },
        { area: 'repairOrders', id: older.ro.id },
        { area: 'repairOrders', id: newer.ro.id },
      ]),
    );
    // Oldest first: the older RO gets its 2, the newer the 2 left of its 3.
    expect(result.filled).toEqual([
      expect.objectContaining({
        repairOrderId: older.ro.id,
        roNumber: older.ro.number,
        partNumber: 'POFILL1',
        nameZh: '刹车片',
        qtyMilli: 2000,
      }),
      expect.objectContaining({ repairOrderId: newer.ro.id, roNumber: newer.ro.number, qtyMilli: 2000 }),
    ]);
    expect(reservationOf(older.lineId)).toEqual({ reserved_milli: 2000, to_order_milli: 0, expected_at: null });
    expect(reservationOf(newer.lineId)).toMatchObject({ reserved_milli: 2000, to_order_milli: 1000 });

    const mine = await advisor.client.parts.arrivalNotices({});
    expect(mine.filter((n) => n.repairOrderId === older.ro.id)).toEqual([
      expect.objectContaining({ roNumber: older.ro.number, partNumber: 'POFILL1', nameZh: '刹车片', qtyMilli: 2000 }),
    ]);
    expect(mine.some((n) => n.repairOrderId === newer.ro.id)).toBe(false);
    const all = await manager.client.parts.arrivalNotices({});
    expect(all.map((n) => n.repairOrderId)).toEqual(expect.arrayContaining([older.ro.id, newer.ro.id]));

    // An advisor cannot clear another's notice; their own goes away once seen.
    const theirs = all.find((n) => n.repairOrderId === newer.ro.id)!;
    expect(await advisor.client.parts.markNoticesSeen({ ids: [theirs.id] })).toEqual({ marked: 0 });
    const own = mine.find((n) => n.repairOrderId === older.ro.id)!;
    expect(await advisor.client.parts.markNoticesSeen({ ids: [own.id] })).toEqual({ marked: 1 });
    expect((await advisor.client.parts.arrivalNotices({})).some((n) => n.id === own.id)).toBe(false);
    await expectApiError(clerk.client.parts.arrivalNotices({}), 'FORBIDDEN');
  });

  it('calls off a draft or an order of which nothing came in, with the reason', async () => {
    const part = await makePart(t.core, { part_number: 'PO-CXL-1' });
    const s = await supplier();
    const draft = await clerk.client.parts.createPurchaseOrder({
      supplierId: s.id,
      lines: [{ partId: part.id, qtyMilli: 1000 }],
    });
    const cancelled = await clerk.client.parts.cancelPurchaseOrder({ id: draft.id, version: draft.version, reason: '重复下单' });
    expect(cancelled).toMatchObject({ status: 'cancelled', note: '重复下单' });
    await expectApiError(clerk.client.parts.placePurchaseOrder({ id: draft.id, version: cancelled.version }), 'RULE', {
      reason: 'purchase.notDraft',
    });

    const second = await clerk.client.parts.createPurchaseOrder({
      supplierId: s.id,
      lines: [{ partId: part.id, qtyMilli: 1000 }],
    });
    expect(second.number > draft.number).toBe(true);
    const placed = await clerk.client.parts.placePurchaseOrder({ id: second.id, version: second.version });
    expect(
      (await clerk.client.parts.cancelPurchaseOrder({ id: placed.id, version: placed.version, reason: '供应商缺货' })).status,
    ).toBe('cancelled');
    // A cancelled order no longer counts as on order.
    expect(
      sqlRow<{ n: number }>(
        "select count(*) as n from purchase_orders where id in (?, ?) and status = 'cancelled'",
        draft.id,
        second.id,
      ).n,
    ).toBe(2);
  });

  it('refuses a retired part or a part twice on one order, writing nothing', async () => {
    const retired = await makePart(t.core, { part_number: 'PO-OLD-1', active: 0 });
    const part = await makePart(t.core, { part_number: 'PO-TWICE-1' });
    const s = await supplier();
    const orders = countRows(t.core, 'purchase_orders');
    await expectApiError(
      clerk.client.parts.createPurchaseOrder({ supplierId: s.id, lines: [{ partId: retired.id, qtyMilli: 1000 }] }),
      'RULE',
      {
        field: 'lines.0.partId',
        reason: 'purchase.partRetired',
      },
    );
    await expectApiError(
      clerk.client.parts.createPurchaseOrder({
        supplierId: s.id,
        lines: [
          { partId: part.id, qtyMilli: 1000 },
          { partId: part.id, qtyMilli: 2000 },
        ],
      }),
      'INVALID_INPUT',
      { field: 'lines.1.partId', reason: 'purchase.duplicatePart' },
    );
    expect(countRows(t.core, 'purchase_orders')).toBe(orders);
  });
});
