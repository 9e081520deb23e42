import { describe, expect, it } from 'vitest';
import { deskDayStart } from '../../shared/domain/desk-time';
import { FIXED_NOW } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import {
  t,
  advisorA,
  advisorB,
  manager,
  ro,
  PLANS,
  NEWEST_FIRST,
  keyOf,
  keys,
  useGridCore,
} from '../fixtures/repair-orders-grid';

// repairOrders.grid on the shared fixture (tests/fixtures/repair-orders-grid.ts): saved views, rows, paging, sorting
// and filters. Query plans, keyset paging and what follows writes are in repair-orders-grid-paging.test.ts.

useGridCore();

describe('repairOrders.grid: saved views', () => {
  it('"all" lists every RO, newest opened first', async () => {
    expect(await keys({})).toEqual(NEWEST_FIRST);
    expect(await keys({ view: 'all' }, manager)).toEqual(NEWEST_FIRST);
  });

  it('"mine_open" is the acting advisor\'s ROs before delivered', async () => {
    expect(await keys({ view: 'mine_open' })).toEqual(['a2', 'a3', 'a1', 'a4']);
    expect(await keys({ view: 'mine_open' }, advisorB)).toEqual(['b1', 'b2']);
    expect(await keys({ view: 'mine_open' }, manager)).toEqual([]);
  });

  it('"due_today" is open ROs promised within today in Beijing, soonest promise first', async () => {
    expect(await keys({ view: 'due_today' })).toEqual(['a3', 'a2', 'b1']);
  });

  it('"late" is open ROs whose promised time has passed, by the core\'s clock', async () => {
    expect(await keys({ view: 'late' })).toEqual(['a1', 'a3']);
    // At 17:30 Beijing a2 (promised 17:00) has become late too; b1 (23:59) has not.
    t.clock.set('2026-11-24T09:30:00.000Z');
    try {
      expect(await keys({ view: 'late' })).toEqual(['a1', 'a3', 'a2']);
      const page = await advisorA.client.repairOrders.grid({ startRow: 0, endRow: 100 });
      expect(page.rows.filter((row) => row.late).map((row) => keyOf(row.id))).toEqual(['a2', 'a3', 'a1']);
    } finally {
      t.clock.set(FIXED_NOW);
    }
  });

  it('a view narrows together with the filters', async () => {
    expect(await keys({ view: 'late', status: ['open'] })).toEqual(['a1', 'a3']);
    expect(await keys({ view: 'late', status: ['delivered'] })).toEqual([]);
    expect(await keys({ view: 'due_today', advisorId: advisorB.session.user.id })).toEqual(['b1']);
    expect(await keys({ view: 'mine_open', advisorId: advisorB.session.user.id })).toEqual([]);
  });
});

describe('repairOrders.grid: rows, paging and sorting', () => {
  it('a row carries names, plate, the sum of the stored line totals, payers and the late mark', async () => {
    const page = await advisorA.client.repairOrders.grid({ startRow: 0, endRow: 100 });
    const a3 = page.rows.find((row) => row.id === ro.a3!.id)!;
    expect(a3).toMatchObject({
      number: ro.a3!.number,
      status: 'open',
      customerName: ro.a3!.customer.name,
      plate: ro.a3!.vehicle.plate,
      advisorId: advisorA.session.user.id,
      advisorName: advisorA.session.user.displayName,
      openedAt: PLANS.a3!.openedAt,
      promisedAt: PLANS.a3!.promisedAt,
      late: true,
      totalFen: ro.a3!.totals.all.totalFen,
      payers: ['customer', 'warranty'],
    });
    expect(a3.totalFen).toBeGreaterThan(0);
    const a1 = page.rows.find((row) => row.id === ro.a1!.id)!;
    expect(a1.totalFen).toBe(ro.a1!.totals.all.totalFen);
    expect(page.rows.find((row) => row.id === ro.a2!.id)).toMatchObject({ totalFen: 0, late: false, payers: ['customer'] });
    // Handed over with a past promise (nothing owed, so closed at once): not marked late.
    expect(page.rows.find((row) => row.id === ro.a5!.id)).toMatchObject({ status: 'closed', late: false });
  });

  it('pages in SQL: one extra row tells whether there is more', async () => {
    const first = await advisorA.client.repairOrders.grid({ startRow: 0, endRow: 3 });
    expect(first.rows.map((row) => keyOf(row.id))).toEqual(NEWEST_FIRST.slice(0, 3));
    expect(first.hasMore).toBe(true);
    const middle = await advisorA.client.repairOrders.grid({ startRow: 3, endRow: 6 });
    expect(middle.rows.map((row) => keyOf(row.id))).toEqual(NEWEST_FIRST.slice(3, 6));
    expect(middle.hasMore).toBe(true);
    const last = await advisorA.client.repairOrders.grid({ startRow: 6, endRow: 9 });
    expect(last.rows.map((row) => keyOf(row.id))).toEqual(NEWEST_FIRST.slice(6));
    expect(last.hasMore).toBe(false);
    const exact = await advisorA.client.repairOrders.grid({ startRow: 5, endRow: 8 });
    expect(exact.rows).toHaveLength(3);
    expect(exact.hasMore).toBe(false);
  });

  it('sorts by number, opened, promised and status', async () => {
    const byNumber = Object.keys(ro).sort((x, y) => ro[x]!.number.localeCompare(ro[y]!.number));
    expect(await keys({ sortModel: [{ colId: 'number', sort: 'asc' }] })).toEqual(byNumber);
    expect(await keys({ sortModel: [{ colId: 'number', sort: 'desc' }] })).toEqual([...byNumber].reverse());
    expect(await keys({ sortModel: [{ colId: 'openedAt', sort: 'asc' }] })).toEqual([...NEWEST_FIRST].reverse());
    // SQLite puts NULL first ascending: a4 has no promise.
    expect(await keys({ sortModel: [{ colId: 'promisedAt', sort: 'asc' }] })).toEqual([
      'a4',
      'a5',
      'b3',
      'a1',
      'a3',
      'a2',
      'b1',
      'b2',
    ]);
    const byStatus = await advisorA.client.repairOrders.grid({
      startRow: 0,
      endRow: 100,
      sortModel: [{ colId: 'status', sort: 'asc' }],
    });
    const statuses = byStatus.rows.map((row) => row.status);
    expect(statuses).toEqual([...statuses].sort());
  });

  it('refuses unknown sort columns and grid column filters by schema', async () => {
    await expectApiError(
      advisorA.client.repairOrders.grid({
        startRow: 0,
        endRow: 10,
        sortModel: [{ colId: 'customerName' as never, sort: 'asc' }],
      }),
      'INVALID_INPUT',
      { field: 'sortModel.0.colId' },
    );
    await expectApiError(
      advisorA.client.repairOrders.grid({
        startRow: 0,
        endRow: 10,
        filterModel: { number: { filterType: 'text', type: 'contains', filter: '1' } },
      }),
      'INVALID_INPUT',
      { field: 'filterModel.number', reason: 'filter.unsupported' },
    );
    await expectApiError(advisorA.client.repairOrders.grid({ startRow: 0, endRow: 500 }), 'INVALID_INPUT', { field: 'endRow' });
    await expectApiError(
      advisorA.client.repairOrders.grid({ startRow: 0, endRow: 10, view: 'everything' as never }),
      'INVALID_INPUT',
      {
        field: 'view',
      },
    );
    await expectApiError(
      advisorA.client.repairOrders.grid({ startRow: 0, endRow: 10, openedFrom: '2026-11-24', openedTo: '2026-11-23' }),
      'INVALID_INPUT',
      { field: 'openedTo', reason: 'dateRange.order' },
    );
  });

  it('needs a signed-in user', async () => {
    await expectApiError(t.core.client().repairOrders.grid({ startRow: 0, endRow: 10 }), 'UNAUTHENTICATED');
  });
});

describe('repairOrders.grid: filters', () => {
  it('by status (any of several)', async () => {
    expect(await keys({ status: ['in_progress', 'on_hold'] })).toEqual(['b2', 'a4']);
    expect(await keys({ status: ['cancelled'] })).toEqual(['b3']);
  });

  it('by advisor', async () => {
    expect(await keys({ advisorId: advisorB.session.user.id })).toEqual(['b1', 'b3', 'b2']);
    expect(await keys({ advisorId: manager.session.user.id })).toEqual([]);
  });

  it('by opening date, on Beijing day boundaries (both days included)', async () => {
    expect(deskDayStart('2026-11-24')).toBe('2026-11-23T16:00:00.000Z');
    // Tuesday in Beijing: a2 (00:30 Tuesday, Monday in UTC) and b1; not a3 (23:30 Monday).
    expect(await keys({ openedFrom: '2026-11-24', openedTo: '2026-11-24' })).toEqual(['b1', 'a2']);
    expect(await keys({ openedFrom: '2026-11-23', openedTo: '2026-11-23' })).toEqual(['a3']);
    expect(await keys({ openedFrom: '2026-11-21', openedTo: '2026-11-22' })).toEqual(['a1', 'b3', 'b2']);
    expect(await keys({ openedTo: '2026-11-20' })).toEqual(['a4', 'a5']);
    expect(await keys({ openedFrom: '2026-11-23' })).toEqual(['b1', 'a2', 'a3']);
  });

  it('by payer: ROs with at least one job for that payer', async () => {
    expect(await keys({ payer: 'warranty' })).toEqual(['a3']);
    expect(await keys({ payer: 'insurance' })).toEqual(['b3']);
    expect(await keys({ payer: 'customer' })).toEqual(NEWEST_FIRST);
  });

  it('by text: RO number, plate (any spacing or case), customer name, VIN tail', async () => {
    expect(await keys({ text: ro.a4!.number })).toEqual(['a4']);
    expect(await keys({ text: ro.a4!.number.slice(-3).toLowerCase() })).toEqual(['a4']);
    expect(await keys({ text: '沪b7k 9q2' })).toEqual(['a2']);
    expect(await keys({ text: '7K9' })).toEqual(['a2']);
    expect(await keys({ text: '欧阳' })).toEqual(['a1']);
    expect(await keys({ text: '654321' })).toEqual(['b2']);
    // Ends the VIN, so a tail; the same characters inside another VIN are not a tail.
    expect(await keys({ text: 'a654321' })).toEqual(['b2']);
    expect(await keys({ text: '100%_' })).toEqual([]);
  });
});
