import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import type { MoneyRosInput } from '../../shared/contract/reports/money';
import { FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { moneyRo, RATE_FEN } from '../fixtures/money';
import { makePart, stockIn } from '../fixtures/parts';
import { beijing } from '../fixtures/repair-orders';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * The hand-worked fixture of the money reports (docs/domain.md "Money reports"). Prices include 13 % VAT (the shipped
 * setting): labor at ¥226/h is ¥200/h without it; part P1 (brand 丰田) lists at ¥113 (¥100 without VAT), P2 (大众)
 * at ¥226 (¥200); NS-001 is not in the master (a non-stock line at ¥56.50, ¥50 without VAT).
 * Stock: P1 10 at ¥60 then 10 at ¥80 → moving average ¥70; P2 5 at ¥120. Parts are issued at the handover.
 *
 *  RO  delivered   advisor  job: payer, technician, labor, parts             (VAT out)
 *  A   5 Oct 2026  A1       customer, T1, 1.0 h ¥200; P1 × 2 ¥200 (cost 2 × ¥70 = ¥140)
 *  B   5 Oct 2026  A1       warranty, T2, 2.0 h ¥400; P2 × 1 ¥200 (cost ¥120); a declined job 1.0 h (not counted)
 *  C   20 Oct 2026 A2       insurance, T1, 0.5 h ¥100; NS-001 ¥50 (no cost: uncosted) + internal, T2, 1.5 h ¥300
 *  D   15 Sep 2026 A2       customer, T1, 1.0 h ¥200                         (previous period)
 *  E   10 Oct 2025 A1       customer, T1, 3.0 h ¥600                         (a year earlier)
 *  F   opened 21 Oct 2026, not delivered                                     (not counted)
 *
 *  October: labor 200+400+100+300 = ¥1,000; parts 200+200+50 = ¥450; total ¥1,450; 3 ROs; 5.0 h sold.
 *  Payers: customer ¥400 (A), warranty ¥600 (B), insurance ¥150 (C), internal ¥300 (C).
 *  Advisors: A1 ¥1,000 (A, B), A2 ¥450 (C). Technicians (labor): T2 ¥700 / 3.5 h (B, C), T1 ¥300 / 1.5 h (A, C).
 *  Days: 5 Oct ¥1,000 (2 ROs), 20 Oct ¥450 (1 RO), every other day 0. September ¥200 (1 RO); October 2025 ¥600.
 *  Margin: 丰田 ¥200 − ¥140 = ¥60 (30 %); 大众 ¥200 − ¥120 = ¥80 (40 %); total ¥400 − ¥260 = ¥140 (35 %);
 *  uncosted ¥50 on 1 line (group '').
 */

let t: TestCore;
let manager: SignedIn;
let a1: SignedIn;
let a2: SignedIn;
let t1: SignedIn;
let t2: SignedIn;
const ro: Record<string, RepairOrderDetail> = {};
const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };

beforeAll(async () => {
  t = await openTestCore();
  manager = await signIn(t.core, 'manager');
  a1 = await signIn(t.core, 'advisor');
  a2 = await signIn(t.core, 'advisor');
  t1 = await signIn(t.core, 'technician');
  t2 = await signIn(t.core, 'technician');
  const foreman = await signIn(t.core, 'foreman');
  const p1 = await makePart(t.core, { part_number: 'P1-0001', brand: '丰田', list_price_fen: 11_300 });
  const p2 = await makePart(t.core, { part_number: 'P2-0001', brand: '大众', list_price_fen: 22_600 });
  t.clock.set(beijing('2025-09-01', '09:00'));
  await stockIn(t.core, p1.id, 10_000, 6_000);
  await stockIn(t.core, p1.id, 10_000, 8_000);
  await stockIn(t.core, p2.id, 5_000, 12_000);

  const by = (advisor: SignedIn) => ({ advisor, foreman });
  ro.E = await moneyRo(t, by(a1), '2025-10-10', [{ payer: 'customer', technician: t1, laborMilli: 3000 }]);
  ro.D = await moneyRo(t, by(a2), '2026-09-15', [{ payer: 'customer', technician: t1, laborMilli: 1000 }]);
  ro.A = await moneyRo(t, by(a1), '2026-10-05', [
    { payer: 'customer', technician: t1, laborMilli: 1000, parts: [{ partNumber: 'P1-0001', qtyMilli: 2000 }] },
  ]);
  ro.B = await moneyRo(t, by(a1), '2026-10-05', [
    { payer: 'warranty', technician: t2, laborMilli: 2000, parts: [{ partNumber: 'P2-0001', qtyMilli: 1000 }] },
    { payer: 'customer', laborMilli: 1000, declined: true },
  ]);
  ro.C = await moneyRo(t, by(a2), '2026-10-20', [
    {
      payer: 'insurance',
      technician: t1,
      laborMilli: 500,
      parts: [{ partNumber: 'NS-001', qtyMilli: 1000, nameZh: '外购件', unitPriceFen: 5_650 }],
    },
    { payer: 'internal', technician: t2, laborMilli: 1500 },
  ]);
  // F: opened and priced in October, still in the workshop.
  t.clock.set(beijing('2026-10-21', '09:00'));
  const owner = await makeCustomer(a1.client);
  const f = await a1.client.repairOrders.create({ vehicleId: (await makeVehicle(a1.client, owner.id)).id, concerns: ['异响'] });
  await a1.client.repairOrders.addLaborLine({
    id: f.id,
    version: f.version,
    jobId: f.jobs[0]!.id,
    code: 'BRK-01',
    nameZh: '检修制动',
    hoursMilli: 1000,
    laborRateFen: RATE_FEN,
  });
  t.clock.set(FIXED_NOW);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const amounts = (laborFen: number, partsFen: number, soldMilli: number, ros: number) => ({
  laborFen,
  partsFen,
  otherFen: 0,
  totalFen: laborFen + partsFen,
  soldMilli,
  ros,
});

describe('revenue (产值) of October 2026', () => {
  it('totals, previous period and a year earlier, VAT taken out, declined jobs and undelivered ROs left out', async () => {
    const r = await manager.client.reports.revenue(OCTOBER);
    expect(r.totals).toEqual(amounts(100_000, 45_000, 5_000, 3));
    expect(r.previousPeriod).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    expect(r.previous).toEqual(amounts(20_000, 0, 1_000, 1));
    expect(r.yearAgoPeriod).toEqual({ from: '2025-10-01', to: '2025-10-31' });
    expect(r.yearAgo).toEqual(amounts(60_000, 0, 3_000, 1));
  });

  it('by day: every day of the month, the handover day counts', async () => {
    const r = await manager.client.reports.revenue(OCTOBER);
    expect(r.seriesBy).toBe('day');
    expect(r.series).toHaveLength(31);
    const nonZero = r.series.filter((row) => row.totalFen !== 0);
    expect(nonZero).toEqual([
      { key: '2026-10-05', label: '', ...amounts(60_000, 40_000, 3_000, 2) },
      { key: '2026-10-20', label: '', ...amounts(40_000, 5_000, 2_000, 1) },
    ]);
  });

  it('by month for a longer period', async () => {
    const r = await manager.client.reports.revenue({ from: '2026-09-01', to: '2026-10-31' });
    expect(r.seriesBy).toBe('day');
    const q = await manager.client.reports.revenue({ from: '2026-07-01', to: '2026-10-31' });
    expect(q.seriesBy).toBe('month');
    expect(q.series.map((row) => [row.key, row.totalFen, row.ros])).toEqual([
      ['2026-07', 0, 0],
      ['2026-08', 0, 0],
      ['2026-09', 20_000, 1],
      ['2026-10', 145_000, 3],
    ]);
    expect(q.previousPeriod).toEqual({ from: '2026-03-01', to: '2026-06-30' });
  });

  it('by payer, advisor and technician (sold hours × rate)', async () => {
    const r = await manager.client.reports.revenue(OCTOBER);
    expect(r.byPayer.map((row) => [row.key, row.laborFen, row.partsFen, row.totalFen, row.ros])).toEqual([
      ['customer', 20_000, 20_000, 40_000, 1],
      ['warranty', 40_000, 20_000, 60_000, 1],
      ['internal', 30_000, 0, 30_000, 1],
      ['insurance', 10_000, 5_000, 15_000, 1],
    ]);
    expect(r.byAdvisor.map((row) => [row.label, row.totalFen, row.ros])).toEqual([
      [a1.session.user.displayName, 100_000, 2],
      [a2.session.user.displayName, 45_000, 1],
    ]);
    expect(r.byTechnician.map((row) => [row.label, row.laborFen, row.partsFen, row.soldMilli, row.ros])).toEqual([
      [t2.session.user.displayName, 70_000, 0, 3_500, 2],
      [t1.session.user.displayName, 30_000, 0, 1_500, 2],
    ]);
  });

  it('refuses a period the wrong way round or over 400 days, and anyone but the manager', async () => {
    await expectApiError(manager.client.reports.revenue({ from: '2026-10-31', to: '2026-10-01' }), 'INVALID_INPUT', {
      field: 'to',
      reason: 'dateRange.order',
    });
    await expectApiError(manager.client.reports.revenue({ from: '2025-01-01', to: '2026-10-01' }), 'INVALID_INPUT', {
      field: 'to',
      reason: 'money.periodTooLong',
    });
    await expectApiError(a1.client.reports.revenue(OCTOBER), 'FORBIDDEN');
  });
});

describe('parts gross margin of October 2026', () => {
  it('issue price against the moving-average cost the ledger took out, by part group', async () => {
    const m = await manager.client.reports.partsMargin(OCTOBER);
    expect(m.totals).toEqual({
      salesFen: 40_000,
      costFen: 26_000,
      marginFen: 14_000,
      marginRate: 0.35,
      lines: 2,
      uncostedSalesFen: 5_000,
      uncostedLines: 1,
    });
    expect(m.byGroup.map((g) => [g.key, g.salesFen, g.costFen, g.marginFen, g.marginRate, g.uncostedSalesFen])).toEqual([
      ['丰田', 20_000, 14_000, 6_000, 0.3, 0],
      ['大众', 20_000, 12_000, 8_000, 0.4, 0],
      ['', 0, 0, 0, null, 5_000],
    ]);
  });
});

describe('the ROs behind a figure', () => {
  const page = (slice: Partial<MoneyRosInput>) =>
    manager.client.reports.moneyRos({ ...OCTOBER, startRow: 0, endRow: 50, ...slice });

  it('lists the ROs of the slice, latest delivery first, with the slice figures', async () => {
    const all = await page({});
    expect(all.rows.map((r) => [r.number, r.totalFen])).toEqual([
      [ro.C!.number, 45_000],
      [ro.B!.number, 60_000],
      [ro.A!.number, 40_000],
    ]);
    expect(all.hasMore).toBe(false);
    const warranty = await page({ payer: 'warranty' });
    expect(warranty.rows).toEqual([
      expect.objectContaining({
        number: ro.B!.number,
        laborFen: 40_000,
        partsFen: 20_000,
        totalFen: 60_000,
        partsCostFen: 12_000,
        partsMarginFen: 8_000,
        advisorName: a1.session.user.displayName,
      }),
    ]);
    const tech = await page({ technicianId: t1.session.user.id });
    expect(tech.rows.map((r) => [r.number, r.laborFen, r.partsFen, r.soldMilli])).toEqual([
      [ro.C!.number, 10_000, 0, 500],
      [ro.A!.number, 20_000, 0, 1_000],
    ]);
    const group = await page({ partGroup: '丰田' });
    expect(group.rows.map((r) => [r.number, r.partsFen, r.partsCostFen, r.partsMarginFen])).toEqual([
      [ro.A!.number, 20_000, 14_000, 6_000],
    ]);
    const advisor = await page({ advisorId: a2.session.user.id, sortModel: [{ colId: 'deliveredAt', sort: 'asc' }] });
    expect(advisor.rows.map((r) => [r.number, r.totalFen])).toEqual([[ro.C!.number, 45_000]]);
    const paged = await page({ startRow: 0, endRow: 2 });
    expect([paged.rows.length, paged.hasMore]).toEqual([2, true]);
  });
});

describe('the workbook', () => {
  it('holds the figures as numbers in yuan, sheet by sheet', async () => {
    const file = await manager.client.reports.moneyExport(OCTOBER);
    expect(file.fileName).toBe('money-2026-10-01-2026-10-31.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const summary = workbook.getWorksheet('产值汇总')!;
    expect(summary.getRow(2).values).toEqual([undefined, '本期', '2026-10-01 ~ 2026-10-31', 1000, 450, 0, 1450, 5, 3]);
    expect(summary.getRow(4).getCell(6).value).toBe(600);
    const payers = workbook.getWorksheet('按付费方')!;
    expect(payers.getRow(3).values).toEqual([undefined, '保修（索赔）', 400, 200, 0, 600, 2, 1]);
    const margin = workbook.getWorksheet('配件毛利')!;
    expect(margin.getRow(2).values).toEqual([undefined, '丰田', 200, 140, 60, 0.3, 1, 0, 0]);
    const ros = workbook.getWorksheet('委托书明细')!;
    expect(ros.rowCount).toBe(4);
    expect(ros.getRow(2).getCell(1).value).toBe(ro.C!.number);
  });
});
