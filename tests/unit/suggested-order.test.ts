import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggestOrder } from '../../shared/domain/suggested-order';

const none = { availableMilli: 0, onOrderMilli: 0, waitingMilli: 0, minMilli: 0, maxMilli: 0 };

describe('the suggested order of one part', () => {
  it('orders nothing for a part kept at no level with nothing waiting', () => {
    expect(suggestOrder({ ...none, availableMilli: 3000 }).qtyMilli).toBe(0);
  });

  it('below its minimum, orders up to the maximum', () => {
    // min 4, max 10, 1 on the shelf: 10 − 1 = 9.
    expect(suggestOrder({ ...none, availableMilli: 1000, minMilli: 4000, maxMilli: 10_000 })).toEqual({
      forWaitingMilli: 0,
      forMinimumMilli: 9000,
      qtyMilli: 9000,
      projectedMilli: 1000,
    });
  });

  it('at its minimum orders nothing: only below it', () => {
    expect(suggestOrder({ ...none, availableMilli: 4000, minMilli: 4000, maxMilli: 10_000 }).qtyMilli).toBe(0);
  });

  it('counts what is on order: 1 on the shelf + 5 ordered is 6, not below a minimum of 4', () => {
    expect(suggestOrder({ ...none, availableMilli: 1000, onOrderMilli: 5000, minMilli: 4000, maxMilli: 10_000 }).qtyMilli).toBe(
      0,
    );
    // 1 + 2 = 3 < 4: up to 10 is 7 more.
    expect(suggestOrder({ ...none, availableMilli: 1000, onOrderMilli: 2000, minMilli: 4000, maxMilli: 10_000 }).qtyMilli).toBe(
      7000,
    );
  });

  it('orders at least the shortfall when the maximum was left below the minimum', () => {
    // min 5, max 0 (not set), 2 on the shelf: the shortfall 3.
    expect(suggestOrder({ ...none, availableMilli: 2000, minMilli: 5000 }).qtyMilli).toBe(3000);
  });

  it('adds what waiting RO lines need on top of the restocking', () => {
    // 2 waiting, nothing on order; min 2, max 6, shelf 1: 2 for the ROs + (6 − 1) = 7.
    expect(suggestOrder({ ...none, availableMilli: 1000, waitingMilli: 2000, minMilli: 2000, maxMilli: 6000 })).toEqual({
      forWaitingMilli: 2000,
      forMinimumMilli: 5000,
      qtyMilli: 7000,
      projectedMilli: 1000,
    });
  });

  it('a part kept at no level is ordered just for the waiting lines', () => {
    expect(suggestOrder({ ...none, waitingMilli: 2000 }).qtyMilli).toBe(2000);
  });

  it('what is on order covers the waiting lines first, and only the rest counts for the shelf', () => {
    // 3 waiting, 4 on order: the lines are covered, 1 goes to the shelf of 1 → 2, at the minimum of 2: nothing.
    expect(
      suggestOrder({ ...none, availableMilli: 1000, onOrderMilli: 4000, waitingMilli: 3000, minMilli: 2000, maxMilli: 6000 })
        .qtyMilli,
    ).toBe(0);
    // 3 waiting, 2 on order: 1 still for the lines; shelf 1 + 0 → up to 6 is 5 more; 6 in all.
    expect(
      suggestOrder({ ...none, availableMilli: 1000, onOrderMilli: 2000, waitingMilli: 3000, minMilli: 2000, maxMilli: 6000 }),
    ).toMatchObject({
      forWaitingMilli: 1000,
      forMinimumMilli: 5000,
      qtyMilli: 6000,
    });
  });

  it('once what is suggested came in and the waiting lines took theirs, the shelf is at least at its minimum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5000, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        (availableMilli, onOrderMilli, waitingMilli, minMilli, maxMilli) => {
          const s = suggestOrder({ availableMilli, onOrderMilli, waitingMilli, minMilli, maxMilli });
          const shelfAfter = availableMilli + onOrderMilli + s.qtyMilli - waitingMilli;
          expect(s.qtyMilli).toBeGreaterThanOrEqual(0);
          expect(shelfAfter).toBeGreaterThanOrEqual(minMilli);
          if (s.forMinimumMilli > 0) expect(shelfAfter).toBe(Math.max(minMilli, maxMilli));
        },
      ),
    );
  });
});
