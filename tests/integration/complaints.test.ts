import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdvanceComplaintInput, ComplaintDetailDto, CreateComplaintInput } from '../../shared/contract/complaints';
import { FIXED_NOW, countRows, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

const HOUR = 3_600_000;
const BEIJING = 8 * HOUR;
/** A wall-clock time on the desk (Asia/Shanghai) as the UTC instant the core stores. */
function beijing(day: string, time: string): string {
  return new Date(Date.parse(`${day}T${time}:00.000Z`) - BEIJING).toISOString();
}
function after(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * HOUR).toISOString();
}

let t: TestCore;
let advisor: SignedIn;
let agent: SignedIn;
let manager: SignedIn;
let technician: SignedIn;
let foreman: SignedIn;
let customerId: number;
let vehicleId: number;

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  agent = await signIn(t.core, 'csi_agent');
  manager = await signIn(t.core, 'manager');
  technician = await signIn(t.core, 'technician');
  foreman = await signIn(t.core, 'foreman');
  const customer = await makeCustomer(advisor.client);
  customerId = customer.id;
  vehicleId = (await makeVehicle(advisor.client, customer.id)).id;
});

afterAll(async () => {
  await t.close();
});

beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

function record(overrides: Partial<CreateComplaintInput> = {}): Promise<ComplaintDetailDto> {
  return agent.client.complaints.create({
    source: 'phone',
    customerId,
    vehicleId,
    againstDepartment: 'workshop',
    customerSays: '保养后发动机还是有异响，白跑一趟',
    customerWants: '免费重新检查',
    ...overrides,
  });
}

type StepFields<S extends AdvanceComplaintInput['step']> = Omit<Extract<AdvanceComplaintInput, { step: S }>, 'id' | 'version'>;
const STEP: { [S in AdvanceComplaintInput['step']]: StepFields<S> } = {
  validity: { step: 'validity', valid: true, reason: '确属维修质量问题' },
  assign: { step: 'assign', department: 'workshop' },
  analyse: { step: 'analyse', cause: '气门间隙未按标准调整' },
  propose: { step: 'propose', resolutionKind: 'redo', resolution: '免费返工并赠送一次洗车' },
  approve: { step: 'approve', approved: true },
  carry_out: { step: 'carry_out', done: '已返工，电话告知客户' },
  callback: { step: 'callback', satisfied: true },
  summary: { step: 'summary', rootCause: 'workmanship', correctiveAction: '技师复训，增加终检项目' },
};

async function advance(
  who: SignedIn,
  c: ComplaintDetailDto,
  fields: AdvanceComplaintInput extends infer U ? (U extends unknown ? Omit<U, 'id' | 'version'> : never) : never,
): Promise<ComplaintDetailDto> {
  return who.client.complaints.advance({ id: c.id, version: c.version, ...fields } as AdvanceComplaintInput);
}

/** Records the steps awaited with the default answers (the manager approves) until `until` is the next one. */
async function walk(c: ComplaintDetailDto, until: AdvanceComplaintInput['step'] | null): Promise<ComplaintDetailDto> {
  let current = c;
  while (current.nextStep !== null && current.nextStep !== until) {
    current = await advance(current.nextStep === 'approve' ? manager : agent, current, STEP[current.nextStep]);
  }
  return current;
}

function snapshot() {
  return { complaints: countRows(t.core, 'complaints'), steps: countRows(t.core, 'complaint_steps') };
}

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

describe('two-week closure rate', () => {
  /** Records a complaint at `createdAt` and, when given, closes it (all eight steps) at `closedAt`. */
  async function fixture(createdAt: string, end: { closedAt?: string; invalid?: boolean } = {}) {
    t.clock.set(createdAt);
    let c = await record();
    if (end.invalid) return advance(agent, c, { step: 'validity', valid: false, reason: '非本店责任' });
    if (!end.closedAt) return c;
    t.clock.set(end.closedAt);
    c = await walk(c, null);
    return c;
  }

  it('is closed ÷ (closed + open over 14 days) on a fixture worked out by hand', async () => {
    // January 2026 on the desk; nothing else in this file is created then.
    await fixture(beijing('2026-01-05', '10:00'), { closedAt: beijing('2026-01-10', '10:00') }); // A closed in 5 days
    await fixture(beijing('2026-01-06', '10:00'), { closedAt: beijing('2026-01-28', '10:00') }); // B closed in 22 days
    await fixture(beijing('2026-01-07', '10:00'), { invalid: true }); // E judged not valid: never counted
    await fixture(beijing('2026-01-08', '10:00')); // C still open
    await fixture(beijing('2026-01-10', '10:00'), { closedAt: beijing('2026-02-05', '10:00') }); // F closed after the reckoning
    await fixture(beijing('2026-01-25', '10:00')); // D still open, young
    await fixture(beijing('2026-02-03', '10:00')); // G created after the reckoning
    t.clock.set(FIXED_NOW);
    const rate = (asOf: string, from = '2026-01-01', to = '2026-02-28') =>
      manager.client.complaints.closureRate({ asOf, from, to });

    // As of 31 Jan 12:00: closed A, B (2); open over 14 days C (23 d), F (21 d, closed only on 5 Feb) (2);
    // open under: D (6 d) (1); E and G not counted. 2 ÷ (2 + 2) = 0.5.
    expect(await rate(beijing('2026-01-31', '12:00'))).toEqual({
      asOf: beijing('2026-01-31', '12:00'),
      closed: 2,
      openOverTwoWeeks: 2,
      openUnderTwoWeeks: 1,
      rate: 0.5,
    });
    // As of 20 Jan 12:00: closed A (1); B open 14 d 2 h: over (1); C (12 d 2 h) and F (10 d 2 h) under (2); D, G not
    // yet created. 1 ÷ (1 + 1) = 0.5.
    expect(await rate(beijing('2026-01-20', '12:00'))).toMatchObject({
      closed: 1,
      openOverTwoWeeks: 1,
      openUnderTwoWeeks: 2,
      rate: 0.5,
    });
    // As of 20 Jan 10:00 exactly 14 days after B: not more than 14 days, so under. 1 ÷ 1 = 1.
    expect(await rate(beijing('2026-01-20', '10:00'))).toMatchObject({
      closed: 1,
      openOverTwoWeeks: 0,
      openUnderTwoWeeks: 3,
      rate: 1,
    });
    // As of 10 Feb, only those created 8-25 Jan: C open 33 d (over), F closed, D open 16 d (over). 1 ÷ 3.
    expect(await rate(beijing('2026-02-10', '12:00'), '2026-01-08', '2026-01-25')).toMatchObject({
      closed: 1,
      openOverTwoWeeks: 2,
      openUnderTwoWeeks: 0,
      rate: 1 / 3,
    });
    // Nothing created in the range: no rate.
    expect(await rate(beijing('2026-01-31', '12:00'), '2026-01-01', '2026-01-04')).toMatchObject({ closed: 0, rate: null });
  });

  it('is reckoned as of the clock’s now when asOf is left out', async () => {
    t.clock.set('2026-01-15T00:00:00.000Z');
    expect(await manager.client.complaints.closureRate({ to: '2026-01-31' })).toMatchObject({
      asOf: '2026-01-15T00:00:00.000Z',
    });
  });
});

describe('roles', () => {
  it('refuses the roles that do not handle complaints, writing nothing', async () => {
    const c = await record();
    const before = snapshot();
    for (const who of [technician, foreman]) {
      await expectApiError(
        who.client.complaints.create({ source: 'phone', customerId, againstDepartment: 'service', customerSays: '等太久' }),
        'FORBIDDEN',
        { reason: 'role.forbidden' },
      );
      await expectApiError(who.client.complaints.advance({ id: c.id, version: c.version, ...STEP.validity }), 'FORBIDDEN');
      await expectApiError(who.client.complaints.list({}), 'FORBIDDEN');
      await expectApiError(who.client.complaints.get({ id: c.id }), 'FORBIDDEN');
    }
    await expectApiError(advisor.client.complaints.closureRate({}), 'FORBIDDEN', { reason: 'role.forbidden' });
    expect(snapshot()).toEqual(before);
  });
});
