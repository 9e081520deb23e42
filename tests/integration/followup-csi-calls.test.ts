import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { writeSetting } from '../../electron/core/settings/repository';
import { countRows, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { captureStatements, planOf, planProblems } from '../fixtures/query-plan';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { passQualityCheck } from '../fixtures/quality';
import { PASSWORD, signIn, type SignedIn } from '../fixtures/users';

// CSI calls of delivered ROs: when the call falls due, who may take it, consent, attempts and the move to the
// SMS/letter list after five failed ones. Lapsed customers, maintenance reminders and the lapsed rate are in
// followup-lapsed.test.ts.

// FIXED_NOW is 2026-11-24T02:00Z: 10:00 on Tuesday 24 November in Beijing. Desk midnight is 16:00Z the day before.
const DAY = (day: string) => `${day}T02:00:00.000Z`;
const DELIVERY = { explanation: '已更换前刹车片，试车正常', collectedBy: '车主本人' };

describe('csi calls of delivered ROs', () => {
  let t: TestCore;
  let advisor: SignedIn;
  let manager: SignedIn;
  let csi: SignedIn;
  let foreman: SignedIn;
  beforeAll(async () => {
    t = await openTestCore();
    advisor = await signIn(t.core, 'advisor');
    manager = await signIn(t.core, 'manager');
    csi = await signIn(t.core, 'csi_agent');
    foreman = await signIn(t.core, 'foreman');
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => {
    t.clock.set(FIXED_NOW);
  });

  /** Moves the clock days ahead; sessions last 12 hours, so everyone signs in again as they would. */
  async function at(iso: string) {
    t.clock.set(iso);
    for (const who of [advisor, manager, csi]) {
      const session = await t.core.client().users.login({ username: who.session.user.username, password: PASSWORD });
      Object.assign(who, { session, token: session.token, client: t.core.client(session.token) });
    }
  }

  /** An RO opened by `by` (its advisor), worked, checked and delivered now. */
  async function deliveredRo(consent = true, by: SignedIn = advisor): Promise<RepairOrderDetail> {
    const owner = await makeCustomer(advisor.client, { consentToContact: consent });
    const vehicle = await makeVehicle(advisor.client, owner.id);
    const c = by.client.repairOrders;
    let ro = await c.create({ vehicleId: vehicle.id, concerns: ['刹车异响'] });
    const job = ro.jobs[0]!;
    ro = await c.updateJob({
      id: ro.id,
      version: ro.version,
      jobId: job.id,
      cause: '刹车片磨损',
      correction: '更换前刹车片',
      workCategory: 'level1_minor_special',
    });
    ro = await c.addLaborLine({
      id: ro.id,
      version: ro.version,
      jobId: job.id,
      code: 'BRK-01',
      nameZh: '更换前刹车片',
      hoursMilli: 1000,
      laborRateFen: 20_000,
    });
    ro = await c.authorise({
      id: ro.id,
      version: ro.version,
      customerName: owner.name,
      channel: 'phone',
      decisions: [{ jobId: job.id, decision: 'approved' }],
    });
    ro = await c.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
    ro = await c.transition({ id: ro.id, version: ro.version, to: 'qc' });
    await passQualityCheck(foreman, ro.id);
    ro = await c.get({ id: ro.id });
    ro = await c.transition({ id: ro.id, version: ro.version, to: 'ready' });
    if ((await foreman.client.workshop.qcStatus({ repairOrderId: ro.id })).certificateNeeded) {
      await foreman.client.workshop.issueCertificate({ repairOrderId: ro.id });
      ro = await c.get({ id: ro.id });
    }
    return c.deliver({ id: ro.id, version: ro.version, ...DELIVERY });
  }

  async function queueIds(who: SignedIn, due: 'today' | 'overdue' | 'all') {
    const page = await who.client.followup.queue({ kind: 'csi_call', due, offset: 0, limit: 200 });
    return page.rows.map((row) => row.repairOrder?.id);
  }

  it('delivering an RO creates a csi call due on day 3, shown to a CSI agent from that day and not before', async () => {
    const ro = await deliveredRo();
    await at(DAY('2026-11-26'));
    expect(await queueIds(csi, 'all')).not.toContain(ro.id);
    await at('2026-11-26T15:59:00.000Z'); // 23:59 on the 26th in Beijing: still not due
    expect(await queueIds(csi, 'all')).not.toContain(ro.id);
    await at('2026-11-26T16:00:00.000Z'); // midnight of the 27th in Beijing: due today
    expect(await queueIds(csi, 'today')).toContain(ro.id);
    const row = (await csi.client.followup.queue({ kind: 'csi_call', due: 'today', offset: 0, limit: 200 })).rows.find(
      (r) => r.repairOrder?.id === ro.id,
    )!;
    expect(row).toMatchObject({
      kind: 'csi_call',
      dueDay: '2026-11-27',
      attempts: 0,
      channel: 'call',
      advisor: { id: ro.advisor.id },
      vehicle: { plate: ro.vehicle.plate },
      scriptKey: 'csiCall',
      scriptParams: { roNumber: ro.number, deliveredDay: '2026-11-24', declinedCount: 0 },
    });
    expect(row.phone).toMatch(/^139\d{8}$/);
    expect(await queueIds(csi, 'overdue')).not.toContain(ro.id);
    await at(DAY('2026-11-28'));
    expect(await queueIds(csi, 'overdue')).toContain(ro.id);
    expect(await queueIds(csi, 'today')).not.toContain(ro.id);

    const detail = await csi.client.followup.task({ id: row.id });
    expect(detail.repairOrderSummary).toMatchObject({
      number: ro.number,
      jobs: [{ concern: '刹车异响', correction: '更换前刹车片' }],
    });
  });

  it('the call day follows the followup.callDay setting (5: day 5)', async () => {
    await writeSetting(t.core.deps.db, 'followup.callDay', '5');
    try {
      const ro = await deliveredRo();
      await at(DAY('2026-11-28'));
      expect(await queueIds(csi, 'all')).not.toContain(ro.id);
      await at(DAY('2026-11-29'));
      expect(await queueIds(csi, 'today')).toContain(ro.id);
    } finally {
      await writeSetting(t.core.deps.db, 'followup.callDay', '3');
    }
  });

  it('never gives the RO’s own advisor its call, and refuses them on it without writing', async () => {
    // The rule is by user id, not by role: a manager who opened the RO is its advisor and may also take calls.
    const ro = await deliveredRo(true, manager);
    expect(ro.advisor.id).toBe(manager.session.user.id);
    await at(DAY('2026-11-27'));
    expect(await queueIds(manager, 'today')).not.toContain(ro.id);
    const row = (await csi.client.followup.queue({ kind: 'csi_call', due: 'today', offset: 0, limit: 200 })).rows.find(
      (r) => r.repairOrder?.id === ro.id,
    )!;
    expect(row).toBeDefined();
    await expectApiError(manager.client.followup.task({ id: row.id }), 'FORBIDDEN', { reason: 'followup.ownRo' });
    const attempts = countRows(t.core, 'followup_attempts');
    await expectApiError(
      manager.client.followup.recordAttempt({ taskId: row.id, version: row.version, outcome: 'done', note: '' }),
      'FORBIDDEN',
      { reason: 'followup.ownRo' },
    );
    expect(countRows(t.core, 'followup_attempts')).toBe(attempts);
    expect((await csi.client.followup.task({ id: row.id })).attempts).toBe(0);
  });

  it('queues no task for a customer without consent, and drops a task whose customer withdrew it', async () => {
    const tasks = countRows(t.core, 'followup_tasks');
    const ro = await deliveredRo(false);
    expect(countRows(t.core, 'followup_tasks')).toBe(tasks);

    const other = await deliveredRo(true);
    await at(DAY('2026-11-27'));
    const row = (await csi.client.followup.queue({ kind: 'csi_call', due: 'today', offset: 0, limit: 200 })).rows.find(
      (r) => r.repairOrder?.id === other.id,
    )!;
    const customer = await advisor.client.customers.get({ id: other.customer.id });
    await advisor.client.customers.update({
      ...customerFields(customer),
      id: customer.id,
      version: customer.version,
      consentToContact: false,
    });
    expect(await queueIds(csi, 'all')).not.toContain(other.id);
    expect(await queueIds(csi, 'all')).not.toContain(ro.id);
    const attempts = countRows(t.core, 'followup_attempts');
    await expectApiError(
      csi.client.followup.recordAttempt({ taskId: row.id, version: row.version, outcome: 'no_answer', note: '' }),
      'RULE',
      {
        reason: 'followup.noConsent',
      },
    );
    expect(countRows(t.core, 'followup_attempts')).toBe(attempts);
  });

  it('shows a task again once its customer consents again, and reads the page by an index that skips the others', async () => {
    const ro = await deliveredRo(true);
    await at(DAY('2026-11-27'));
    expect(await queueIds(csi, 'all')).toContain(ro.id);
    // Withdrawn by phone (the privacy screen), given back on the customer form.
    await csi.client.privacy.recordConsent({ customerId: ro.customer.id, granted: false, method: 'phone', note: '' });
    expect(await queueIds(csi, 'all')).not.toContain(ro.id);
    const customer = await advisor.client.customers.get({ id: ro.customer.id });
    await advisor.client.customers.update({
      ...customerFields(customer),
      id: customer.id,
      version: customer.version,
      consentToContact: true,
    });
    expect(await queueIds(csi, 'all')).toContain(ro.id);

    // Tasks of customers who withdrew consent pile up at the old end over the years: the page must not walk them.
    const statements = await captureStatements(() => csi.client.followup.queue({ due: 'overdue', offset: 0, limit: 50 }));
    const page = statements.find((s) => s.sql.includes('from "followup_tasks" as "t"'))!;
    const plan = planOf(t.core.deps.sqlite, page.sql, page.parameters);
    expect(plan[0]).toMatch(
      /^SEARCH t USING INDEX followup_tasks_queue_contactable \(status=\? AND channel=\? AND contactable=\? AND due_at<\?\)/,
    );
    expect(planProblems(plan)).toEqual([]);
  });

  it('after five failed attempts the task leaves the call queue for the SMS/letter list', async () => {
    const ro = await deliveredRo();
    await at(DAY('2026-11-27'));
    let task = await csi.client.followup.task({
      id: (await csi.client.followup.queue({ kind: 'csi_call', due: 'today', offset: 0, limit: 200 })).rows.find(
        (r) => r.repairOrder?.id === ro.id,
      )!.id,
    });
    // A stale version is refused and writes nothing.
    const attempts = countRows(t.core, 'followup_attempts');
    await expectApiError(
      csi.client.followup.recordAttempt({ taskId: task.id, version: task.version + 1, outcome: 'no_answer', note: '' }),
      'CONFLICT',
    );
    expect(countRows(t.core, 'followup_attempts')).toBe(attempts);
    expect((await csi.client.followup.task({ id: task.id })).attempts).toBe(0);
    // A call back is a conversation: it moves the due time but does not count as failed.
    task = await csi.client.followup.recordAttempt({
      taskId: task.id,
      version: task.version,
      outcome: 'call_back',
      note: '开会中，下午再打',
      callBackAt: '2026-11-27T07:00:00.000Z',
    });
    expect(task).toMatchObject({ attempts: 1, failedAttempts: 0, dueAt: '2026-11-27T07:00:00.000Z', channel: 'call' });
    await expectApiError(
      csi.client.followup.recordAttempt({
        taskId: task.id,
        version: task.version,
        outcome: 'call_back',
        note: '',
        callBackAt: '2026-11-26T07:00:00.000Z',
      }),
      'RULE',
      { reason: 'followup.callBackPast', field: 'callBackAt' },
    );
    for (const outcome of ['no_answer', 'no_answer', 'wrong_number', 'no_answer'] as const) {
      task = await csi.client.followup.recordAttempt({ taskId: task.id, version: task.version, outcome, note: '' });
    }
    expect(task).toMatchObject({ attempts: 5, failedAttempts: 4, channel: 'call' });
    expect(await queueIds(csi, 'all')).toContain(ro.id);
    task = await csi.client.followup.recordAttempt({ taskId: task.id, version: task.version, outcome: 'no_answer', note: '' });
    expect(task).toMatchObject({ attempts: 6, failedAttempts: 5, channel: 'sms_letter', status: 'open' });
    expect(task.attemptsHistory.map((a) => a.outcome)).toEqual([
      'call_back',
      'no_answer',
      'no_answer',
      'wrong_number',
      'no_answer',
      'no_answer',
    ]);
    expect(task.attemptsHistory[0]!.by.id).toBe(csi.session.user.id);
    expect(await queueIds(csi, 'all')).not.toContain(ro.id);
    const letters = await csi.client.followup.letters({ offset: 0, limit: 200 });
    expect(letters.rows.map((r) => r.id)).toContain(task.id);
    await expectApiError(
      csi.client.followup.recordAttempt({ taskId: task.id, version: task.version, outcome: 'done', note: '' }),
      'RULE',
      {
        reason: 'followup.notCall',
      },
    );
    expect((await csi.client.followup.task({ id: task.id })).attempts).toBe(6);
    task = await csi.client.followup.markSent({ taskId: task.id, version: task.version });
    expect(task).toMatchObject({ status: 'sent', closedBy: { id: csi.session.user.id } });
    expect((await csi.client.followup.letters({ offset: 0, limit: 200 })).rows.map((r) => r.id)).not.toContain(task.id);
  });

  it('done closes the task', async () => {
    const ro = await deliveredRo();
    await at(DAY('2026-11-27'));
    const row = (await csi.client.followup.queue({ kind: 'csi_call', due: 'today', offset: 0, limit: 200 })).rows.find(
      (r) => r.repairOrder?.id === ro.id,
    )!;
    const done = await csi.client.followup.recordAttempt({
      taskId: row.id,
      version: row.version,
      outcome: 'done',
      note: '很满意',
    });
    expect(done).toMatchObject({ status: 'done', attempts: 1 });
    expect(await queueIds(csi, 'all')).not.toContain(ro.id);
    await expectApiError(
      csi.client.followup.recordAttempt({ taskId: row.id, version: done.version, outcome: 'done', note: '' }),
      'RULE',
      {
        reason: 'followup.closed',
      },
    );
  });

  it('refuses an advisor the queue (role) and a call back without its time (schema), writing nothing', async () => {
    await expectApiError(advisor.client.followup.queue({ due: 'all', offset: 0, limit: 20 }), 'FORBIDDEN');
    const attempts = countRows(t.core, 'followup_attempts');
    await expectApiError(
      csi.client.followup.recordAttempt({ taskId: 1, version: 1, outcome: 'call_back', note: '' }),
      'INVALID_INPUT',
      {
        reason: 'followup.callBackAtRequired',
        field: 'callBackAt',
      },
    );
    expect(countRows(t.core, 'followup_attempts')).toBe(attempts);
  });
});

type CustomerDetail = Awaited<ReturnType<SignedIn['client']['customers']['get']>>;
function customerFields(c: CustomerDetail) {
  return {
    kind: c.kind,
    name: c.name,
    phones: c.phones.map((p) => ({ number: p.number, label: p.label })),
  };
}
