import { describe, expect, it } from 'vitest';
import { FIXED_NOW } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeVehicle } from '../fixtures/factories';
import {
  after,
  t,
  advisor,
  agent,
  manager,
  foreman,
  customerId,
  vehicleId,
  record,
  STEP,
  advance,
  walk,
  snapshot,
  useComplaintDesk,
} from '../fixtures/complaints';

// Complaints, the eight steps: recording one (step 1), walking all eight with who and when, refusals out of order or by
// the wrong role, and which complaints are overdue by level.
useComplaintDesk();

describe('recording a complaint (step 1)', () => {
  it('numbers it per year, dates the first-response target by level and writes step 1', async () => {
    const first = await record();
    const second = await record({ level: 'escalated', source: '12315' });
    expect(first.number).toMatch(/^TS2026-\d{6}$/);
    expect(Number(second.number.slice(-6))).toBe(Number(first.number.slice(-6)) + 1);
    expect(first).toMatchObject({
      status: 'open',
      nextStep: 'validity',
      level: 'ordinary',
      source: 'phone',
      customer: { id: customerId },
      vehicle: { id: vehicleId },
      surveyResponseId: null,
      createdAt: FIXED_NOW,
      createdBy: { id: agent.session.user.id },
      responseDueAt: after(FIXED_NOW, 24),
      firstResponseAt: null,
      overdue: false,
      customerSays: '保养后发动机还是有异响，白跑一趟',
    });
    expect(second.responseDueAt).toBe(after(FIXED_NOW, 8));
    expect(first.steps).toEqual([
      {
        id: expect.any(Number),
        number: 1,
        by: { id: agent.session.user.id, displayName: expect.any(String) },
        at: FIXED_NOW,
        data: { step: 'record' },
      },
    ]);
    expect(await agent.client.complaints.get({ id: first.id })).toEqual(first);
  });

  it('refuses a missing customer and a vehicle that is not the RO’s, writing nothing', async () => {
    const before = snapshot();
    await expectApiError(record({ customerId: 999_999 }), 'NOT_FOUND', { field: 'customerId' });
    await expectApiError(record({ customerSays: '   ' }), 'INVALID_INPUT', { field: 'customerSays' });
    const ro = await advisor.client.repairOrders.create({ vehicleId, concerns: ['发动机异响'] });
    const other = await makeVehicle(advisor.client, customerId);
    await expectApiError(record({ repairOrderId: ro.id, vehicleId: other.id }), 'RULE', {
      field: 'vehicleId',
      reason: 'complaint.vehicleNotOnOrder',
    });
    expect(snapshot()).toEqual(before);
    // The RO alone names the vehicle.
    const c = await record({ repairOrderId: ro.id, vehicleId: undefined });
    expect(c).toMatchObject({ repairOrder: { id: ro.id, number: ro.number }, vehicle: { id: vehicleId } });
  });
});

describe('the eight steps', () => {
  it('walks all eight with who and when, the manager rejecting once (back to step 5) and then approving', async () => {
    let c = await record({ level: 'major' });
    t.clock.set(after(FIXED_NOW, 1));
    c = await advance(advisor, c, STEP.validity);
    expect(c).toMatchObject({ nextStep: 'assign', valid: true, firstResponseAt: after(FIXED_NOW, 1), lateResponse: false });
    c = await advance(agent, c, { step: 'assign', department: 'workshop', responsibleUserId: foreman.session.user.id });
    expect(c.responsible).toEqual({ id: foreman.session.user.id, displayName: expect.any(String) });
    c = await advance(agent, c, STEP.analyse);
    c = await advance(agent, c, { step: 'propose', resolutionKind: 'discount', amountFen: 20_000, resolution: '工时费八折' });
    expect(c).toMatchObject({ nextStep: 'approve', resolution: { kind: 'discount', amountFen: 20_000, text: '工时费八折' } });

    t.clock.set(after(FIXED_NOW, 2));
    c = await advance(manager, c, { step: 'approve', approved: false, reason: '折让不能解决问题，应先返工' });
    expect(c).toMatchObject({ status: 'open', nextStep: 'propose', approvedBy: null });

    c = await advance(agent, c, STEP.propose);
    t.clock.set(after(FIXED_NOW, 3));
    c = await advance(manager, c, STEP.approve);
    expect(c).toMatchObject({
      nextStep: 'carry_out',
      approvedBy: { id: manager.session.user.id },
      approvedAt: after(FIXED_NOW, 3),
      resolution: { kind: 'redo', amountFen: null },
    });
    c = await advance(agent, c, STEP.carry_out);
    c = await advance(agent, c, STEP.callback);
    t.clock.set(after(FIXED_NOW, 10));
    c = await advance(agent, c, STEP.summary);

    expect(c).toMatchObject({
      status: 'closed',
      nextStep: null,
      closedAt: after(FIXED_NOW, 10),
      satisfied: true,
      rootCause: 'workmanship',
      correctiveAction: '技师复训，增加终检项目',
      overdue: false,
    });
    expect(c.steps.map((s) => [s.number, s.data.step])).toEqual([
      [1, 'record'],
      [2, 'validity'],
      [3, 'assign'],
      [4, 'analyse'],
      [5, 'propose'],
      [6, 'approve'],
      [5, 'propose'],
      [6, 'approve'],
      [7, 'carry_out'],
      [7, 'callback'],
      [8, 'summary'],
    ]);
    const rejection = c.steps[5]!;
    expect(rejection).toMatchObject({
      by: { id: manager.session.user.id },
      at: after(FIXED_NOW, 2),
      data: { step: 'approve', approved: false, reason: '折让不能解决问题，应先返工' },
    });
    expect(c.steps[1]).toMatchObject({ by: { id: advisor.session.user.id }, at: after(FIXED_NOW, 1) });
    // Closed: no step is taken any more.
    await expectApiError(advance(agent, c, STEP.summary), 'RULE', { field: 'step', reason: 'complaint.closed' });
  });

  it('tells the other desks after each step commits, and not after a refusal', async () => {
    const seen: unknown[] = [];
    const stop = t.core.deps.events.subscribe((change) => seen.push(change));
    try {
      let c = await record();
      c = await advance(agent, c, STEP.validity);
      await expectApiError(advance(agent, c, STEP.analyse), 'RULE');
      expect(seen).toEqual([
        { area: 'complaints', id: c.id },
        { area: 'complaints', id: c.id },
      ]);
    } finally {
      stop();
    }
  });

  it('refuses a step out of order and writes nothing', async () => {
    const c = await record();
    const before = snapshot();
    await expectApiError(advance(agent, c, STEP.analyse), 'RULE', {
      field: 'step',
      reason: 'complaint.stepOrder',
      params: { expected: 'validity', step: 'analyse' },
    });
    await expectApiError(advance(manager, c, STEP.approve), 'RULE', { reason: 'complaint.stepOrder' });
    await expectApiError(
      agent.client.complaints.advance({ id: c.id, version: c.version, step: 'record' } as never),
      'INVALID_INPUT',
      { field: 'step' },
    );
    expect(snapshot()).toEqual(before);
    expect(await agent.client.complaints.get({ id: c.id })).toEqual(c);
  });

  it('lets only the manager take step 6, writing nothing for anyone else', async () => {
    const c = await walk(await record(), 'approve');
    const before = snapshot();
    for (const who of [agent, advisor]) {
      await expectApiError(advance(who, c, STEP.approve), 'FORBIDDEN', {
        field: 'step',
        reason: 'complaint.approveNeedsManager',
      });
    }
    expect(snapshot()).toEqual(before);
    expect((await agent.client.complaints.get({ id: c.id })).nextStep).toBe('approve');
  });

  it('closes an invalid complaint at step 2', async () => {
    let c = await record();
    c = await advance(agent, c, { step: 'validity', valid: false, reason: '客户要求超出三包范围，已解释' });
    expect(c).toMatchObject({ status: 'invalid', nextStep: null, valid: false, closedAt: FIXED_NOW, firstResponseAt: FIXED_NOW });
    await expectApiError(advance(agent, c, STEP.assign), 'RULE', { reason: 'complaint.closed' });
  });

  it('goes back to step 5 when the callback finds the customer not satisfied', async () => {
    let c = await walk(await record(), 'callback');
    await expectApiError(advance(agent, c, { step: 'callback', satisfied: false }), 'INVALID_INPUT', { field: 'note' });
    c = await advance(agent, c, { step: 'callback', satisfied: false, note: '异响仍在' });
    expect(c).toMatchObject({ status: 'open', nextStep: 'propose', satisfied: false });
    c = await advance(agent, c, {
      step: 'propose',
      resolutionKind: 'compensation',
      amountFen: 50_000,
      resolution: '更换气门室盖垫并补偿交通费',
    });
    // The new proposal needs the manager again; the old approval and callback no longer stand.
    expect(c).toMatchObject({ nextStep: 'approve', approvedBy: null, satisfied: null });
    c = await walk(c, null);
    expect(c.status).toBe('closed');
    expect(c.steps.filter((s) => s.data.step === 'callback')).toHaveLength(2);
  });

  it('checks each step’s own fields and the version', async () => {
    const c = await walk(await record(), 'propose');
    const before = snapshot();
    await expectApiError(advance(agent, c, { step: 'propose', resolutionKind: 'refund', resolution: '退款' }), 'INVALID_INPUT', {
      field: 'amountFen',
      reason: 'required',
    });
    await expectApiError(
      advance(agent, c, { step: 'propose', resolutionKind: 'explanation', amountFen: 100, resolution: '解释' }),
      'INVALID_INPUT',
      { field: 'amountFen', reason: 'complaint.amountNotAllowed' },
    );
    await expectApiError(agent.client.complaints.advance({ id: c.id, version: c.version - 1, ...STEP.propose }), 'CONFLICT', {
      reason: 'staleVersion',
    });
    expect(snapshot()).toEqual(before);
  });
});

describe('overdue by level', () => {
  // The day before FIXED_NOW: the test sessions (12 h from sign-in) stay valid through the whole day and a half.
  it('counts the first response against 24 h, 8 h and 4 h from the clock’s now', async () => {
    t.clock.set('2026-11-23T00:00:00.000Z');
    const ordinary = await record({ level: 'ordinary' });
    const escalated = await record({ level: 'escalated' });
    const major = await record({ level: 'major' });
    const urgent = await record({ level: 'major_urgent' });
    const ids = [ordinary.id, escalated.id, major.id, urgent.id];
    const overdueIds = async () =>
      (await manager.client.complaints.list({ overdue: true, from: '2026-11-23', to: '2026-11-23', limit: 200 })).rows
        .map((r) => r.id)
        .filter((id) => ids.includes(id))
        .sort((a, b) => a - b);

    t.clock.set('2026-11-23T04:00:00.000Z');
    expect(await overdueIds()).toEqual([]);
    t.clock.set('2026-11-23T04:00:01.000Z');
    expect(await overdueIds()).toEqual([major.id, urgent.id]);
    t.clock.set('2026-11-23T08:00:01.000Z');
    expect(await overdueIds()).toEqual([escalated.id, major.id, urgent.id]);

    // The escalated one is answered late: no longer overdue, but marked late.
    const answered = await advance(agent, escalated, STEP.validity);
    expect(answered).toMatchObject({ overdue: false, lateResponse: true, firstResponseAt: '2026-11-23T08:00:01.000Z' });
    t.clock.set('2026-11-24T00:00:01.000Z');
    expect(await overdueIds()).toEqual([ordinary.id, major.id, urgent.id]);

    const page = await manager.client.complaints.list({ from: '2026-11-23', to: '2026-11-23', limit: 200 });
    const mine = page.rows.filter((r) => ids.includes(r.id));
    // Overdue first, then newest first.
    expect(mine.map((r) => r.id)).toEqual([urgent.id, major.id, ordinary.id, escalated.id]);
    expect(mine.find((r) => r.id === escalated.id)).toMatchObject({ overdue: false, lateResponse: true });
    const notOverdue = await manager.client.complaints.list({
      overdue: false,
      level: 'escalated',
      from: '2026-11-23',
      to: '2026-11-23',
      limit: 200,
    });
    expect(notOverdue.rows.map((r) => r.id)).toContain(escalated.id);
    expect(notOverdue.rows.every((r) => !r.overdue && r.level === 'escalated')).toBe(true);
  });

  it('pages the list in SQL', async () => {
    const first = await manager.client.complaints.list({ limit: 2 });
    const second = await manager.client.complaints.list({ limit: 2, offset: 2 });
    expect(first.rows).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    expect(second.rows.map((r) => r.id)).not.toContain(first.rows[0]!.id);
  });
});
