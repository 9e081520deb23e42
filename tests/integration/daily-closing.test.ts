import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openTestCore } from '../fixtures/core';
import { at, beijing, handOver, lastPaymentId, pay, readyCustomerRo, type CashDesk } from '../fixtures/cash-desk';
import { signIn } from '../fixtures/users';

/**
 * The daily closing of 24 November 2026 on a fixture worked out by hand (desk time, UTC+8):
 *
 *   RO A ¥800.00: ready 22 Nov; 23 Nov 15:00 ¥300.00 cash, handed over 15:30 owing ¥500.00; 24 Nov 10:00 ¥500.00 card
 *                 (closed then).
 *   RO B ¥500.00: 24 Nov 09:00 ¥500.00 WeChat, handed over 09:10 (closed); a ¥50.00 WeChat refund asked for at 11:00 is
 *                 refused by the manager at 11:30.
 *   RO C ¥1,200.00: 24 Nov 14:00 ¥1,000.00 cash, handed over 14:10 owing ¥200.00; a ¥20.00 cash refund asked at 16:00,
 *                 still waiting at night; 25 Nov 09:00 ¥200.00 cash (closed then, the day after).
 *   RO D ¥300.00: 24 Nov 12:00 ¥300.00 cash, handed over 12:10 (closed); a ¥100.00 cash refund asked at 15:00, approved
 *                 at 15:20.
 *   RO E ¥900.00: 24 Nov 23:30 ¥900.00 card — no: 25 Nov 00:10 (Beijing), the next desk day: not on the 24th.
 *
 * 24 Nov: cash 2 payments ¥1,300.00, 1 refund ¥100.00, net ¥1,200.00; card 1 payment ¥500.00, net ¥500.00; WeChat 1
 * payment ¥500.00 (the refused refund counts nowhere), net ¥500.00. Total 4 payments ¥2,300.00, 1 refund ¥100.00,
 * net ¥2,200.00. Closed: A ¥800.00, B ¥500.00, D ¥300.00: 3, ¥1,600.00. Owed at the end of the day: C, owed ¥1,200.00,
 * paid ¥1,000.00 by then, balance ¥200.00 (it was paid the day after). One refund waiting.
 * 23 Nov: cash 1 payment ¥300.00; nothing closed; A owed ¥500.00 at the end of the day.
 */
let desk: CashDesk;
const ros: Record<'A' | 'B' | 'C' | 'D' | 'E', number> = { A: 0, B: 0, C: 0, D: 0, E: 0 };
beforeAll(async () => {
  const t = await openTestCore({ now: beijing('2026-11-22', '09:00') });
  desk = {
    t,
    advisor: await signIn(t.core, 'advisor'),
    manager: await signIn(t.core, 'manager'),
    foreman: await signIn(t.core, 'foreman'),
  };
  ros.A = (await readyCustomerRo(desk, 80_000, beijing('2026-11-22', '10:00'))).id;
  ros.B = (await readyCustomerRo(desk, 50_000, beijing('2026-11-22', '11:00'))).id;
  ros.C = (await readyCustomerRo(desk, 120_000, beijing('2026-11-22', '12:00'))).id;
  ros.D = (await readyCustomerRo(desk, 30_000, beijing('2026-11-22', '13:00'))).id;
  ros.E = (await readyCustomerRo(desk, 90_000, beijing('2026-11-22', '14:00'))).id;

  await pay(desk, ros.A, 'cash', 30_000, beijing('2026-11-23', '15:00'));
  await handOver(desk, ros.A, beijing('2026-11-23', '15:30'));
  await pay(desk, ros.A, 'card', 50_000, beijing('2026-11-24', '10:00'));

  await pay(desk, ros.B, 'wechat', 50_000, beijing('2026-11-24', '09:00'));
  await handOver(desk, ros.B, beijing('2026-11-24', '09:10'));
  await at(desk, beijing('2026-11-24', '11:00'));
  const refused = await desk.advisor.client.repairOrders.requestRefund({
    id: ros.B,
    paymentId: await lastPaymentId(desk, ros.B),
    amountFen: 5_000,
    method: 'wechat',
    reason: '客户称洗车未做',
  });
  await at(desk, beijing('2026-11-24', '11:30'));
  await desk.manager.client.repairOrders.decideRefund({
    refundId: refused.refunds[0]!.id,
    approved: false,
    note: '洗车已做，有照片',
  });

  await pay(desk, ros.D, 'cash', 30_000, beijing('2026-11-24', '12:00'));
  await handOver(desk, ros.D, beijing('2026-11-24', '12:10'));
  await at(desk, beijing('2026-11-24', '15:00'));
  const asked = await desk.advisor.client.repairOrders.requestRefund({
    id: ros.D,
    paymentId: await lastPaymentId(desk, ros.D),
    amountFen: 10_000,
    method: 'cash',
    reason: '机油按会员价重算',
  });
  await at(desk, beijing('2026-11-24', '15:20'));
  await desk.manager.client.repairOrders.decideRefund({ refundId: asked.refunds[0]!.id, approved: true });

  await pay(desk, ros.C, 'cash', 100_000, beijing('2026-11-24', '14:00'));
  await handOver(desk, ros.C, beijing('2026-11-24', '14:10'));
  await at(desk, beijing('2026-11-24', '16:00'));
  await desk.advisor.client.repairOrders.requestRefund({
    id: ros.C,
    paymentId: await lastPaymentId(desk, ros.C),
    amountFen: 2_000,
    method: 'cash',
    reason: '零钱找错',
  });
  await pay(desk, ros.E, 'card', 90_000, beijing('2026-11-25', '00:10'));
  await pay(desk, ros.C, 'cash', 20_000, beijing('2026-11-25', '09:00'));
  await at(desk, beijing('2026-11-25', '18:00'));
}, 60_000);
afterAll(async () => {
  await desk?.t.close();
});

describe('the daily closing on the hand-worked fixture', () => {
  it('24 November: payments, refunds and net by method, ROs closed, balances owed at the end of the day', async () => {
    const report = await desk.manager.client.reports.dailyClosing({ day: '2026-11-24' });
    expect(report.from).toBe('2026-11-23T16:00:00.000Z');
    expect(report.to).toBe('2026-11-24T16:00:00.000Z');
    expect(report.byMethod).toEqual([
      { method: 'cash', payments: 2, paymentsFen: 130_000, refunds: 1, refundsFen: 10_000, netFen: 120_000 },
      { method: 'card', payments: 1, paymentsFen: 50_000, refunds: 0, refundsFen: 0, netFen: 50_000 },
      { method: 'wechat', payments: 1, paymentsFen: 50_000, refunds: 0, refundsFen: 0, netFen: 50_000 },
    ]);
    expect(report.totals).toEqual({ payments: 4, paymentsFen: 230_000, refunds: 1, refundsFen: 10_000, netFen: 220_000 });
    // The drill-down: the payments in time order, each with its RO.
    expect(report.payments.map((p) => [p.repairOrderId, p.method, p.amountFen])).toEqual([
      [ros.B, 'wechat', 50_000],
      [ros.A, 'card', 50_000],
      [ros.D, 'cash', 30_000],
      [ros.C, 'cash', 100_000],
    ]);
    expect(report.refunds).toHaveLength(1);
    expect(report.refunds[0]).toMatchObject({
      repairOrderId: ros.D,
      method: 'cash',
      amountFen: 10_000,
      reason: '机油按会员价重算',
      at: beijing('2026-11-24', '15:20'),
    });
    expect(report.closed.count).toBe(3);
    expect(report.closed.totalFen).toBe(160_000);
    expect(report.closed.rows.map((r) => [r.repairOrderId, r.totalFen])).toEqual([
      [ros.B, 50_000],
      [ros.A, 80_000],
      [ros.D, 30_000],
    ]);
    expect(report.owing).toEqual({
      count: 1,
      balanceFen: 20_000,
      rows: [expect.objectContaining({ repairOrderId: ros.C, owedFen: 120_000, paidFen: 100_000, balanceFen: 20_000 })],
    });
    expect(report.pendingRefunds).toBe(1);
    // Net adds up per method and in total.
    for (const m of report.byMethod) expect(m.netFen).toBe(m.paymentsFen - m.refundsFen);
    expect(report.byMethod.reduce((sum, m) => sum + m.netFen, 0)).toBe(report.totals.netFen);
  });

  it('23 November: the cash taken on A, and A owing the rest at the end of that day', async () => {
    const report = await desk.advisor.client.reports.dailyClosing({ day: '2026-11-23' });
    expect(report.byMethod).toEqual([
      { method: 'cash', payments: 1, paymentsFen: 30_000, refunds: 0, refundsFen: 0, netFen: 30_000 },
    ]);
    expect(report.closed).toEqual({ count: 0, totalFen: 0, rows: [] });
    expect(report.owing.rows.map((r) => [r.repairOrderId, r.owedFen, r.paidFen, r.balanceFen])).toEqual([
      [ros.A, 80_000, 30_000, 50_000],
    ]);
  });

  it('25 November: E paid ten minutes after midnight and C settled are on the next day', async () => {
    const report = await desk.manager.client.reports.dailyClosing({ day: '2026-11-25' });
    expect(report.totals).toEqual({ payments: 2, paymentsFen: 110_000, refunds: 0, refundsFen: 0, netFen: 110_000 });
    expect(report.closed.rows.map((r) => r.repairOrderId)).toEqual([ros.C]);
    expect(report.owing.count).toBe(0);
  });

  it('the RO settlement: paid, refunded and the balance add up', async () => {
    const s = await desk.advisor.client.repairOrders.settlement({ id: ros.D });
    expect({ owed: s.owedFen, paid: s.paidFen, refunded: s.refundedFen, balance: s.balanceFen }).toEqual({
      owed: 30_000,
      paid: 30_000,
      refunded: 10_000,
      balance: 0,
    });
    expect(s.status).toBe('closed');
  });

  it('the Excel file holds the same figures, in yuan', async () => {
    const file = await desk.manager.client.reports.dailyClosingExport({ day: '2026-11-24' });
    expect(file.fileName).toBe('daily-closing-2026-11-24.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['汇总', '收款明细', '退款明细', '当日结清', '日终欠款']);
    const summary = workbook.getWorksheet('汇总')!;
    expect(summary.getRow(2).values).toEqual([undefined, '现金', 2, 1300, 1, 100, 1200]);
    expect(summary.getRow(5).values).toEqual([undefined, '合计', 4, 2300, 1, 100, 2200]);
    expect(workbook.getWorksheet('收款明细')!.rowCount).toBe(5);
    expect(workbook.getWorksheet('日终欠款')!.getRow(2).getCell(7).value).toBe(200);
  });
});
