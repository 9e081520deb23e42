import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StocktakeSummary } from '../../shared/contract/parts/stocktake';
import { postMovement } from '../../electron/core/parts/ledger';
import { countRows, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makePart, stockIn } from '../fixtures/parts';
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
afterAll(async () => {
  await t?.close();
});

const part = (id: number) =>
  t.core.deps.db.selectFrom('parts').select(['on_hand_milli', 'stock_value_fen']).where('id', '=', id).executeTakeFirstOrThrow();
const binStock = async (partId: number, bin: string) =>
  (
    await t.core.deps.db
      .selectFrom('part_stock')
      .select('on_hand_milli')
      .where('part_id', '=', partId)
      .where('bin', '=', bin)
      .executeTakeFirst()
  )?.on_hand_milli;

/** Stock moved straight through the ledger (an issue to a job, say), as another desk would while the count runs. */
async function move(partId: number, bin: string, qtyMilli: number) {
  await t.core.deps.db.transaction().execute((trx) =>
    postMovement(trx, {
      partId,
      bin,
      kind: qtyMilli < 0 ? 'issue' : 'receipt',
      qtyMilli,
      ...(qtyMilli > 0 ? { unitCostFen: 6_000 } : {}),
      userId: clerk.session.user.id,
      at: t.clock.now().toISOString(),
    }),
  );
}

/** One stocktake's count sheet, as the screen's grid reads it: the first 200 lines, by bin unless sorted by value. */
async function sheet(id: number, extra: { filter?: 'all' | 'uncounted' | 'variance'; sort?: 'bin' | 'value' } = {}) {
  const sortModel = extra.sort === 'value' ? [{ colId: 'value' as const, sort: 'asc' as const }] : [];
  return (await clerk.client.parts.stocktakeLinesGrid({ id, startRow: 0, endRow: 200, filter: extra.filter, sortModel })).rows;
}

describe('stocktake: freeze, count, post', () => {
  let brakePads: { id: number; partNumber: string };
  let filter: { id: number; partNumber: string };
  let emptied: { id: number; partNumber: string };
  let elsewhere: { id: number; partNumber: string };
  let started: StocktakeSummary;

  it('freezes the bins in scope with their on hand and moving-average cost, bins at zero too', async () => {
    brakePads = await makePart(t.core, { part_number: 'ST-PAD-1', default_bin: 'S-01-01' });
    filter = await makePart(t.core, { part_number: 'ST-FLT-1', default_bin: 'S-01-02' });
    // Nothing on hand: valued at the part's last known cost.
    emptied = await makePart(t.core, { part_number: 'ST-EMP-1', default_bin: 'S-02-01', cost_fen: 3_000 });
    elsewhere = await makePart(t.core, { part_number: 'ST-OUT-1', default_bin: 'T-01-01' });
    // 10 at ¥40.00 and 10 at ¥51.00: average ¥45.50.
    await stockIn(t.core, brakePads.id, 10_000, 4_000);
    await stockIn(t.core, brakePads.id, 10_000, 5_100);
    await stockIn(t.core, filter.id, 5_000, 2_000);
    await stockIn(t.core, emptied.id, 2_000, 3_000);
    await move(emptied.id, 'S-02-01', -2_000);
    await stockIn(t.core, elsewhere.id, 7_000, 1_000);

    started = await clerk.client.parts.startStocktake({ binPrefix: 's-', note: '11月 S 区盘点' });
    expect(started.number).toBe('ST2026-000001');
    expect(started.status).toBe('counting');
    expect(started.binPrefix).toBe('S-');
    expect(started.totals).toMatchObject({ lines: 3, counted: 0, gainFen: 0, lossFen: 0, netFen: 0 });

    const lines = await sheet(started.id);
    expect(lines.map((line) => [line.bin, line.partNumber, line.frozenMilli, line.unitCostFen, line.countedMilli])).toEqual([
      ['S-01-01', 'STPAD1', 20_000, 4_550, null],
      ['S-01-02', 'STFLT1', 5_000, 2_000, null],
      ['S-02-01', 'STEMP1', 0, 3_000, null],
    ]);
  });

  it('refuses a second stocktake over the same bins, and a scope with no stock rows; nothing is written', async () => {
    const before = countRows(t.core, 'stocktakes');
    await expectApiError(clerk.client.parts.startStocktake({ binFrom: 'S-01-02', binTo: 'S-01-09' }), 'RULE', {
      reason: 'stocktake.overlap',
    });
    await expectApiError(clerk.client.parts.startStocktake({ binPrefix: 'Z-' }), 'RULE', { reason: 'stocktake.emptyScope' });
    await expectApiError(clerk.client.parts.startStocktake({ binFrom: 'B', binTo: 'A' }), 'INVALID_INPUT', {
      field: 'binTo',
      reason: 'stocktake.rangeReversed',
    });
    expect(countRows(t.core, 'stocktakes')).toBe(before);
    expect(countRows(t.core, 'stocktake_lines')).toBe(3);
  });

  it('shows the variance and its value once counted; 盘盈 and 盘亏 apart and net', async () => {
    // After the freeze, 3 pads go to a job: the count is of the shelf as frozen, so this must survive the posting.
    await move(brakePads.id, 'S-01-01', -3_000);
    const lines = await sheet(started.id);
    const lineOf = (partId: number) => lines.find((line) => line.partId === partId)!.id;
    const counted = await clerk.client.parts.enterCounts({
      id: started.id,
      version: started.version,
      counts: [
        { lineId: lineOf(brakePads.id), countedMilli: 18_000 },
        { lineId: lineOf(filter.id), countedMilli: 6_000 },
      ],
    });
    // 盘亏 2 × ¥45.50 = ¥91.00; 盘盈 1 × ¥20.00 = ¥20.00; net −¥71.00.
    expect(counted.totals).toEqual({
      lines: 3,
      counted: 2,
      varianceLines: 2,
      varianceMilli: -1_000,
      gainFen: 2_000,
      lossFen: -9_100,
      netFen: -7_100,
    });
    const variance = await sheet(started.id, { filter: 'variance', sort: 'value' });
    expect(variance.map((line) => [line.partNumber, line.varianceMilli, line.varianceFen])).toEqual([
      ['STPAD1', -2_000, -9_100],
      ['STFLT1', 1_000, 2_000],
    ]);
    const uncounted = await sheet(started.id, { filter: 'uncounted' });
    expect(uncounted.map((line) => line.partNumber)).toEqual(['STEMP1']);
    started = counted;
  });

  it('refuses posting while a line is uncounted, and by a parts clerk; nothing is written', async () => {
    const movementsBefore = countRows(t.core, 'stock_movements');
    await expectApiError(manager.client.parts.postStocktake({ id: started.id, version: started.version }), 'RULE', {
      reason: 'stocktake.uncounted',
      params: { count: 1 },
    });
    const lineId = (await sheet(started.id, { filter: 'uncounted' }))[0]!.id;
    started = await clerk.client.parts.enterCounts({
      id: started.id,
      version: started.version,
      counts: [{ lineId, countedMilli: 0 }],
    });
    await expectApiError(clerk.client.parts.postStocktake({ id: started.id, version: started.version }), 'FORBIDDEN');
    await expectApiError(advisor.client.parts.stocktake({ id: started.id }), 'FORBIDDEN');
    expect(countRows(t.core, 'stock_movements')).toBe(movementsBefore);
    expect((await clerk.client.parts.stocktake({ id: started.id })).status).toBe('counting');
  });

  it('posts counted − frozen per line: the later issue stays, on hand ends at the count plus what moved since', async () => {
    const posted = await manager.client.parts.postStocktake({ id: started.id, version: started.version });
    expect(posted.status).toBe('posted');
    expect(posted.postedByName).toBe(manager.session.user.displayName);
    const rows = await t.core.deps.db
      .selectFrom('stock_movements')
      .select(['part_id', 'kind', 'qty_milli', 'value_fen', 'reason'])
      .where('stocktake_id', '=', started.id)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { part_id: brakePads.id, kind: 'stocktake', qty_milli: -2_000, value_fen: -9_100, reason: 'ST2026-000001' },
      { part_id: filter.id, kind: 'stocktake', qty_milli: 1_000, value_fen: 2_000, reason: 'ST2026-000001' },
    ]);
    // Counted 18 when frozen at 20; 3 were issued after the freeze: 18 − 3 = 15 on the shelf now.
    expect(await binStock(brakePads.id, 'S-01-01')).toBe(15_000);
    expect((await part(brakePads.id)).on_hand_milli).toBe(15_000);
    expect((await part(filter.id)).on_hand_milli).toBe(6_000);
    expect((await part(emptied.id)).on_hand_milli).toBe(0);
    expect((await part(elsewhere.id)).on_hand_milli).toBe(7_000);
  });

  it('refuses posting twice, and counting after posting', async () => {
    const movementsBefore = countRows(t.core, 'stock_movements');
    const now = await clerk.client.parts.stocktake({ id: started.id });
    const line = (await sheet(started.id))[0]!;
    await expectApiError(manager.client.parts.postStocktake({ id: started.id, version: now.version }), 'RULE', {
      reason: 'stocktake.posted',
    });
    await expectApiError(
      clerk.client.parts.enterCounts({
        id: started.id,
        version: now.version,
        counts: [{ lineId: line.id, countedMilli: 1 }],
      }),
      'RULE',
      { reason: 'stocktake.posted' },
    );
    expect(countRows(t.core, 'stock_movements')).toBe(movementsBefore);
  });
});

describe('stocktake: lines found, stale saves, cancelling', () => {
  it('adds a part found in a bin off the list (frozen 0) and posts it in at the frozen cost', async () => {
    const found = await makePart(t.core, { part_number: 'ST-FND-1', default_bin: 'U-01-01', cost_fen: 1_250 });
    const onList = await makePart(t.core, { part_number: 'ST-LST-1', default_bin: 'U-01-01' });
    await stockIn(t.core, onList.id, 4_000, 1_000);
    let take = await clerk.client.parts.startStocktake({ binFrom: 'U-01-01', binTo: 'U-01-01' });
    expect(take.totals.lines).toBe(1);
    take = await clerk.client.parts.addStocktakeLine({
      id: take.id,
      version: take.version,
      partNumber: 'st fnd 1',
      bin: 'u-01-01',
      countedMilli: 2_000,
    });
    expect(take.totals).toMatchObject({ lines: 2, counted: 1, gainFen: 2_500 });
    await expectApiError(
      clerk.client.parts.addStocktakeLine({
        id: take.id,
        version: take.version,
        partNumber: 'ST-FND-1',
        bin: 'U-01-01',
        countedMilli: 1_000,
      }),
      'RULE',
      { reason: 'stocktake.lineExists' },
    );
    const lineId = (await sheet(take.id, { filter: 'uncounted' }))[0]!.id;
    take = await clerk.client.parts.enterCounts({
      id: take.id,
      version: take.version,
      counts: [{ lineId, countedMilli: 4_000 }],
    });
    await manager.client.parts.postStocktake({ id: take.id, version: take.version });
    expect(await part(found.id)).toEqual({ on_hand_milli: 2_000, stock_value_fen: 2_500 });
    expect(await binStock(found.id, 'U-01-01')).toBe(2_000);
  });

  it('refuses an old version and a line of another stocktake, writing no count', async () => {
    const p = await makePart(t.core, { part_number: 'ST-VER-1', default_bin: 'V-01-01' });
    await stockIn(t.core, p.id, 1_000, 1_000);
    const take = await clerk.client.parts.startStocktake({ binPrefix: 'V-' });
    const lineId = (await sheet(take.id))[0]!.id;
    const after = await clerk.client.parts.enterCounts({
      id: take.id,
      version: take.version,
      counts: [{ lineId, countedMilli: 1_000 }],
    });
    await expectApiError(
      clerk.client.parts.enterCounts({ id: take.id, version: take.version, counts: [{ lineId, countedMilli: 5_000 }] }),
      'CONFLICT',
      { reason: 'staleVersion' },
    );
    const otherLine = (
      await t.core.deps.db
        .selectFrom('stocktake_lines')
        .select('id')
        .where('stocktake_id', '<>', take.id)
        .executeTakeFirstOrThrow()
    ).id;
    await expectApiError(
      clerk.client.parts.enterCounts({
        id: take.id,
        version: after.version,
        counts: [
          { lineId, countedMilli: 7_000 },
          { lineId: otherLine, countedMilli: 1 },
        ],
      }),
      'NOT_FOUND',
      { field: 'counts.1.lineId' },
    );
    const line = (await sheet(take.id))[0]!;
    expect(line.countedMilli).toBe(1_000);

    const cancelled = await clerk.client.parts.cancelStocktake({ id: take.id, version: after.version });
    expect(cancelled.status).toBe('cancelled');
    // Cancelled, its bins are free to count again.
    const again = await clerk.client.parts.startStocktake({ binPrefix: 'V-' });
    expect(again.totals.lines).toBe(1);
    const list = await manager.client.parts.stocktakesGrid({ startRow: 0, endRow: 50 });
    expect(list.rows[0]!.id).toBe(again.id);
    expect(list.rows.map((row) => row.status)).toContain('cancelled');
  });

  it('lets the manager post a count that takes a bin below zero after later issues, recording the override', async () => {
    const p = await makePart(t.core, { part_number: 'ST-NEG-1', default_bin: 'W-01-01' });
    await stockIn(t.core, p.id, 5_000, 1_000);
    let take = await clerk.client.parts.startStocktake({ binPrefix: 'W-' });
    await move(p.id, 'W-01-01', -5_000);
    const lineId = (await sheet(take.id))[0]!.id;
    take = await clerk.client.parts.enterCounts({
      id: take.id,
      version: take.version,
      counts: [{ lineId, countedMilli: 3_000 }],
    });
    await manager.client.parts.postStocktake({ id: take.id, version: take.version });
    const row = await t.core.deps.db
      .selectFrom('stock_movements')
      .select(['qty_milli', 'override_by'])
      .where('stocktake_id', '=', take.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ qty_milli: -2_000, override_by: manager.session.user.id });
    expect(await binStock(p.id, 'W-01-01')).toBe(-2_000);
  });
});
