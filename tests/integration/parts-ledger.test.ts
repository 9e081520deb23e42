import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { postMovement } from '../../electron/core/parts/ledger';
import { countRows, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makePart, stockIn } from '../fixtures/parts';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

let t: TestCore;
let clerk: SignedIn;
let manager: SignedIn;
let advisor: SignedIn;

beforeAll(async () => {
  t = await openTestCore();
  clerk = await signIn(t.core, 'parts_clerk');
  manager = await signIn(t.core, 'manager');
  advisor = await signIn(t.core, 'advisor');
});
afterAll(() => t?.close());

const rows = <T>(sql: string, ...params: unknown[]) => t.core.deps.sqlite.prepare(sql).all(...params) as T[];

/** Every invariant of the ledger, read straight from the file. */
function checkLedger(): void {
  // Per bin: the ledger's sum is the running total.
  const binMismatch = rows(
    `SELECT s.part_id, s.bin, s.on_hand_milli, coalesce((SELECT sum(m.qty_milli) FROM stock_movements m
       WHERE m.part_id = s.part_id AND m.bin = s.bin), 0) AS ledger
     FROM part_stock s WHERE s.on_hand_milli <> ledger`,
  );
  expect(binMismatch).toEqual([]);
  const binsWithoutTotal = rows(
    `SELECT m.part_id, m.bin FROM stock_movements m
     LEFT JOIN part_stock s ON s.part_id = m.part_id AND s.bin = m.bin WHERE s.part_id IS NULL`,
  );
  expect(binsWithoutTotal).toEqual([]);
  // Per part: the bins add up to on hand, the ledger's values to the stock value, the last row's on-hand-after to on hand.
  const partMismatch = rows(
    `SELECT p.id, p.on_hand_milli, p.stock_value_fen,
       coalesce((SELECT sum(s.on_hand_milli) FROM part_stock s WHERE s.part_id = p.id), 0) AS bins,
       coalesce((SELECT sum(m.qty_milli) FROM stock_movements m WHERE m.part_id = p.id), 0) AS qty,
       coalesce((SELECT sum(m.value_fen) FROM stock_movements m WHERE m.part_id = p.id), 0) AS value,
       (SELECT m.on_hand_after_milli FROM stock_movements m WHERE m.part_id = p.id ORDER BY m.id DESC LIMIT 1) AS last_after
     FROM parts p
     WHERE p.on_hand_milli <> bins OR p.on_hand_milli <> qty OR p.stock_value_fen <> value
       OR (last_after IS NOT NULL AND last_after <> p.on_hand_milli)`,
  );
  expect(partMismatch).toEqual([]);
  // A bin below zero only ever with a manager's override on the movement that took it there.
  const unauthorised = rows(
    `SELECT id FROM (
       SELECT m.id, m.override_by,
         sum(m.qty_milli) OVER (PARTITION BY m.part_id, m.bin ORDER BY m.id) AS bin_after
       FROM stock_movements m)
     WHERE bin_after < 0 AND override_by IS NULL`,
  );
  expect(unauthorised).toEqual([]);
  const managers = new Set(rows<{ id: number }>("SELECT id FROM users WHERE role = 'manager'").map((u) => u.id));
  for (const o of rows<{ override_by: number }>('SELECT override_by FROM stock_movements WHERE override_by IS NOT NULL')) {
    expect(managers.has(o.override_by)).toBe(true);
  }
}

const BINS = ['A-01-01', 'A-01-02', 'B-02-01'] as const;

type Step =
  | { op: 'receipt'; part: number; bin: number; qty: number; cost: number }
  | { op: 'issue'; part: number; bin: number; qty: number }
  | { op: 'return'; part: number; bin: number; qty: number }
  | { op: 'adjust'; part: number; bin: number; qty: number; by: 'clerk' | 'manager'; allowNegative: boolean };

const part = fc.integer({ min: 0, max: 2 });
const bin = fc.integer({ min: 0, max: BINS.length - 1 });
const qty = fc.integer({ min: 1, max: 20_000 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('receipt' as const), part, bin, qty, cost: fc.integer({ min: 0, max: 200_000 }) }),
  fc.record({ op: fc.constant('issue' as const), part, bin, qty }),
  fc.record({ op: fc.constant('return' as const), part, bin, qty }),
  fc.record({
    op: fc.constant('adjust' as const),
    part,
    bin,
    qty: fc.integer({ min: -20_000, max: 20_000 }).filter((q) => q !== 0),
    by: fc.constantFrom('clerk' as const, 'manager' as const),
    allowNegative: fc.boolean(),
  }),
);

describe('stock ledger', () => {
  it('keeps ledger, bins and part totals in agreement after random sequences, and refused movements leave nothing', async () => {
    const clerkId = clerk.session.user.id;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const parts = await Promise.all([0, 1, 2].map((i) => makePart(t.core, { cost_fen: 1_000 * (i + 1) })));
        for (const s of steps) {
          const partId = parts[s.part]!.id;
          const before = countRows(t.core, 'stock_movements');
          const binBefore =
            (
              t.core.deps.sqlite
                .prepare('SELECT on_hand_milli FROM part_stock WHERE part_id = ? AND bin = ?')
                .get(partId, BINS[s.bin]) as { on_hand_milli: number } | undefined
            )?.on_hand_milli ?? 0;
          let refused = false;
          if (s.op === 'adjust') {
            const caller = s.by === 'clerk' ? clerk : manager;
            try {
              await caller.client.parts.adjust({
                partId,
                bin: BINS[s.bin]!,
                qtyMilli: s.qty,
                reason: 'property test',
                allowNegative: s.allowNegative,
              });
            } catch (error) {
              refused = true;
              const code = (error as { code?: string }).code;
              // Refused only for a reason the rules give: a clerk asking for an override, or a bin going below zero.
              if (s.by === 'clerk' && s.allowNegative) expect(code).toBe('FORBIDDEN');
              else expect({ code, below: binBefore + s.qty < 0 }).toEqual({ code: 'RULE', below: true });
            }
          } else {
            const signed = s.op === 'issue' ? -s.qty : s.qty;
            try {
              await t.core.deps.db.transaction().execute((trx) =>
                postMovement(trx, {
                  partId,
                  bin: BINS[s.bin]!,
                  kind: s.op,
                  qtyMilli: signed,
                  ...(s.op === 'receipt' ? { unitCostFen: s.cost } : {}),
                  userId: clerkId,
                  at: t.clock.now().toISOString(),
                }),
              );
            } catch (error) {
              refused = true;
              expect(error).toBeInstanceOf(AppError);
              expect(binBefore + signed).toBeLessThan(0);
            }
          }
          if (refused) expect(countRows(t.core, 'stock_movements')).toBe(before);
          else expect(countRows(t.core, 'stock_movements')).toBe(before + 1);
          t.clock.advance(1_000);
        }
        checkLedger();
      }),
      { numRuns: 40 },
    );
  });

  it('refuses an adjustment below zero for the parts clerk, and lets the manager override it on record', async () => {
    const p = await makePart(t.core, { part_number: 'NEG-1', default_bin: 'C-01-01' });
    await stockIn(t.core, p.id, 2_000, 3_000);
    const before = countRows(t.core, 'stock_movements');
    await expectApiError(clerk.client.parts.adjust({ partId: p.id, bin: 'C-01-01', qtyMilli: -3_000, reason: '损坏' }), 'RULE', {
      field: 'qtyMilli',
      reason: 'stock.negative',
    });
    await expectApiError(
      clerk.client.parts.adjust({ partId: p.id, bin: 'C-01-01', qtyMilli: -3_000, reason: '损坏', allowNegative: true }),
      'FORBIDDEN',
      { field: 'allowNegative', reason: 'stock.overrideNeedsManager' },
    );
    await expectApiError(
      advisor.client.parts.adjust({ partId: p.id, bin: 'C-01-01', qtyMilli: 1_000, reason: 'x' }),
      'FORBIDDEN',
    );
    await expectApiError(
      clerk.client.parts.adjust({ partId: p.id, bin: 'C-01-01', qtyMilli: 1_000, reason: '  ' }),
      'INVALID_INPUT',
      {
        field: 'reason',
        reason: 'required',
      },
    );
    expect(countRows(t.core, 'stock_movements')).toBe(before);
    expect(await clerk.client.parts.get({ id: p.id })).toMatchObject({ onHandMilli: 2_000, stockValueFen: 6_000 });

    const after = await manager.client.parts.adjust({
      partId: p.id,
      bin: 'c-01-01',
      qtyMilli: -3_000,
      reason: '发料未登记',
      allowNegative: true,
    });
    expect(after).toMatchObject({ onHandMilli: -1_000, stockValueFen: 0, bins: [{ bin: 'C-01-01', onHandMilli: -1_000 }] });
    const page = await clerk.client.parts.movements({ startRow: 0, endRow: 10, partId: p.id });
    expect(page.rows[0]).toMatchObject({
      kind: 'adjustment',
      qtyMilli: -3_000,
      onHandAfterMilli: -1_000,
      reason: '发料未登记',
      overrideByName: manager.session.user.displayName,
      userName: manager.session.user.displayName,
    });
    expect(page.rows[1]).toMatchObject({ kind: 'receipt', qtyMilli: 2_000, overrideByName: null });
    checkLedger();
  });

  it('moves stock between bins at the value it had, in one transaction', async () => {
    const p = await makePart(t.core, { part_number: 'MOVE-1', default_bin: 'D-01-01' });
    await stockIn(t.core, p.id, 4_000, 2_500);
    const moved = await clerk.client.parts.transferBin({ partId: p.id, fromBin: 'D-01-01', toBin: 'D-02-02', qtyMilli: 1_500 });
    expect(moved).toMatchObject({
      onHandMilli: 4_000,
      stockValueFen: 10_000,
      bins: [
        { bin: 'D-01-01', onHandMilli: 2_500 },
        { bin: 'D-02-02', onHandMilli: 1_500 },
      ],
    });
    const before = countRows(t.core, 'stock_movements');
    await expectApiError(
      clerk.client.parts.transferBin({ partId: p.id, fromBin: 'D-02-02', toBin: 'D-03-03', qtyMilli: 9_000 }),
      'RULE',
      {
        reason: 'stock.negative',
      },
    );
    expect(countRows(t.core, 'stock_movements')).toBe(before);
    checkLedger();
  });

  it('lists movements newest first, by kind, desk days and RO number', async () => {
    // 23:00 on the desk's clock: the next movements fall on the next desk day.
    const fresh = await openTestCore({ now: '2026-11-24T15:00:00.000Z' });
    try {
      const me = await signIn(fresh.core, 'parts_clerk');
      const adv = await signIn(fresh.core, 'advisor');
      const customer = await makeCustomer(adv.client);
      const vehicle = await makeVehicle(adv.client, customer.id);
      const ro = await adv.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['保养'] });
      const p = await makePart(fresh.core, { part_number: 'MOV-1' });
      await stockIn(fresh.core, p.id, 10_000, 1_000);
      // The next desk day (Asia/Shanghai): 2026-11-25 from 16:00 UTC on the 24th.
      fresh.clock.set('2026-11-24T17:00:00.000Z');
      await fresh.core.deps.db.transaction().execute((trx) =>
        postMovement(trx, {
          partId: p.id,
          kind: 'issue',
          qtyMilli: -2_000,
          refs: { repairOrderId: ro.id },
          userId: me.session.user.id,
          at: fresh.clock.now().toISOString(),
        }),
      );
      await me.client.parts.adjust({ partId: p.id, bin: 'A-01-01', qtyMilli: 500, reason: '盘点找到' });

      const all = await me.client.parts.movements({ startRow: 0, endRow: 10 });
      expect(all.rows.map((r) => r.kind)).toEqual(['adjustment', 'issue', 'receipt']);
      expect(all.rows[1]).toMatchObject({ roNumber: ro.number, repairOrderId: ro.id, valueFen: -2_000, unitCostFen: 1_000 });
      const issues = await me.client.parts.movements({ startRow: 0, endRow: 10, kind: 'issue' });
      expect(issues.rows.map((r) => r.kind)).toEqual(['issue']);
      const firstDay = await me.client.parts.movements({ startRow: 0, endRow: 10, from: '2026-11-24', to: '2026-11-24' });
      expect(firstDay.rows.map((r) => r.kind)).toEqual(['receipt']);
      const secondDay = await me.client.parts.movements({ startRow: 0, endRow: 10, from: '2026-11-25' });
      expect(secondDay.rows).toHaveLength(2);
      const byRo = await me.client.parts.movements({ startRow: 0, endRow: 10, roNumber: ro.number.slice(-6).toLowerCase() });
      expect(byRo.rows.map((r) => r.kind)).toEqual(['issue']);
      await expectApiError(
        me.client.parts.movements({ startRow: 0, endRow: 10, from: '2026-11-25', to: '2026-11-24' }),
        'INVALID_INPUT',
        {
          field: 'to',
          reason: 'dateRange.order',
        },
      );
    } finally {
      await fresh.close();
    }
  });
});
