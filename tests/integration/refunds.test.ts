import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, FIXED_NOW, openTestCore } from '../fixtures/core';
import { handOver, lastPaymentId, pay, readyCustomerRo, type CashDesk } from '../fixtures/cash-desk';
import { expectApiError } from '../fixtures/errors';
import { signIn, type SignedIn } from '../fixtures/users';

// All at FIXED_NOW (10:00 on 24 November in Beijing): these are the rules, not the days.
let desk: CashDesk;
let technician: SignedIn;
let roId: number;
let paymentId: number;
let otherId: number;
beforeAll(async () => {
  const t = await openTestCore();
  desk = {
    t,
    advisor: await signIn(t.core, 'advisor'),
    manager: await signIn(t.core, 'manager'),
    foreman: await signIn(t.core, 'foreman'),
  };
  technician = await signIn(t.core, 'technician');
  // ¥600.00, paid ¥400.00 by card, handed over owing ¥200.00.
  roId = (await readyCustomerRo(desk, 60_000, FIXED_NOW)).id;
  otherId = (await readyCustomerRo(desk, 60_000, FIXED_NOW)).id;
  await pay(desk, roId, 'card', 40_000, FIXED_NOW);
  await handOver(desk, roId, FIXED_NOW);
  paymentId = await lastPaymentId(desk, roId);
}, 60_000);
afterAll(async () => {
  await desk?.t.close();
});

const ask = (amountFen: number, extra: { method?: 'card' | 'cash' | 'wechat'; reason?: string } = {}) =>
  desk.advisor.client.repairOrders.requestRefund({
    id: roId,
    paymentId,
    amountFen,
    method: extra.method ?? 'card',
    reason: extra.reason ?? '多收了检测费',
  });

describe('refund rules', () => {
  it('a reason is required and the method is the payment’s own or cash', async () => {
    await expectApiError(ask(1_000, { reason: '' }), 'INVALID_INPUT', { field: 'reason' });
    await expectApiError(ask(1_000, { method: 'wechat' }), 'RULE', { field: 'method', reason: 'refund.method' });
    expect(countRows(desk.t.core, 'repair_order_refunds')).toBe(0);
  });

  it('an advisor asks; nothing is refunded until the manager approves; the amount is bound by what is left', async () => {
    const asked = await ask(15_000);
    expect(asked.refunds.map((r) => [r.state, r.amountFen])).toEqual([['requested', 15_000]]);
    expect(asked.refundedFen).toBe(0);
    // ¥400.00 paid, ¥150.00 held by the request: ¥250.01 is too much, even before the first is approved.
    await expectApiError(ask(25_001), 'RULE', { field: 'amountFen', reason: 'refund.tooMuch', params: { left: '250.00' } });
    // The advisor may not decide; the technician may not even ask.
    await expectApiError(
      desk.advisor.client.repairOrders.decideRefund({ refundId: asked.refunds[0]!.id, approved: true }),
      'FORBIDDEN',
    );
    await expectApiError(
      technician.client.repairOrders.requestRefund({ id: roId, paymentId, amountFen: 100, method: 'cash', reason: 'x' }),
      'FORBIDDEN',
    );
    const approved = await desk.manager.client.repairOrders.decideRefund({ refundId: asked.refunds[0]!.id, approved: true });
    expect(approved.refunds[0]).toMatchObject({ state: 'approved', decidedBy: { id: desk.manager.session.user.id } });
    // Paid, refunded and owed add up: the refund comes off the charge and what was paid; the balance stays.
    expect({
      owed: approved.owedFen,
      paid: approved.paidFen,
      refunded: approved.refundedFen,
      balance: approved.balanceFen,
    }).toEqual({ owed: 60_000, paid: 40_000, refunded: 15_000, balance: 20_000 });
    // Decided once.
    await expectApiError(
      desk.manager.client.repairOrders.decideRefund({ refundId: asked.refunds[0]!.id, approved: false, note: '晚了' }),
      'RULE',
      { reason: 'refund.decided' },
    );
  });

  it('refusing needs a reason, and a refused refund frees its amount again', async () => {
    const asked = await ask(25_000, { method: 'cash' });
    const id = asked.refunds.at(-1)!.id;
    await expectApiError(desk.manager.client.repairOrders.decideRefund({ refundId: id, approved: false }), 'INVALID_INPUT', {
      field: 'note',
    });
    const refused = await desk.manager.client.repairOrders.decideRefund({ refundId: id, approved: false, note: '未核实' });
    expect(refused.refunds.at(-1)).toMatchObject({ state: 'refused', decisionNote: '未核实' });
    expect(refused.refundedFen).toBe(15_000);
    // ¥400.00 − ¥150.00 approved: ¥250.00 is left again.
    await expectApiError(ask(25_001), 'RULE', { reason: 'refund.tooMuch', params: { left: '250.00' } });
  });

  it('a manager’s own refund is approved as it is recorded, up to what is left', async () => {
    const s = await desk.manager.client.repairOrders.requestRefund({
      id: roId,
      paymentId,
      amountFen: 25_000,
      method: 'cash',
      reason: '客户投诉，退还工时费',
    });
    expect(s.refunds.at(-1)).toMatchObject({ state: 'approved', amountFen: 25_000, method: 'cash' });
    expect(s.refundedFen).toBe(40_000);
    await expectApiError(ask(1), 'RULE', { reason: 'refund.tooMuch', params: { left: '0.00' } });
  });

  it('a payment of another RO is not found', async () => {
    await expectApiError(
      desk.advisor.client.repairOrders.requestRefund({ id: otherId, paymentId, amountFen: 100, method: 'card', reason: 'x' }),
      'NOT_FOUND',
    );
  });

  it('every step is in the audit trail with the amount, the method and the reason', async () => {
    const trail = await desk.manager.client.audit.ofRepairOrder({ repairOrderId: roId, offset: 0, limit: 50 });
    const refunds = trail.rows
      .filter((e) => e.entity === 'refund')
      .map((e) => [e.action, e.user?.id, e.details.values?.amountFen, e.details.values?.method])
      .reverse();
    const advisorId = desk.advisor.session.user.id;
    const managerId = desk.manager.session.user.id;
    expect(refunds).toEqual([
      ['ro.refund.requested', advisorId, 15_000, 'card'],
      ['ro.refund.approved', managerId, 15_000, 'card'],
      ['ro.refund.requested', advisorId, 25_000, 'cash'],
      ['ro.refund.refused', managerId, 25_000, 'cash'],
      ['ro.refund.requested', managerId, 25_000, 'cash'],
      ['ro.refund.approved', managerId, 25_000, 'cash'],
    ]);
    const first = trail.rows.filter((e) => e.action === 'ro.refund.requested').at(-1)!;
    expect(first.details.values?.reason).toBe('多收了检测费');
  });

  it('the daily closing is the cash desk’s and the manager’s', async () => {
    await expectApiError(technician.client.reports.dailyClosing({ day: '2026-11-24' }), 'FORBIDDEN');
    const report = await desk.advisor.client.reports.dailyClosing({ day: '2026-11-24' });
    expect(report.totals).toMatchObject({ paymentsFen: 40_000, refundsFen: 40_000, netFen: 0 });
  });
});
