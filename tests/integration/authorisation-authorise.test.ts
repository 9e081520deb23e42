import { describe, expect, it } from 'vitest';
import { FIXED_NOW } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import {
  MINUTE,
  SIGNATURE,
  t,
  advisor,
  manager,
  technician,
  csi,
  ownerName,
  counts,
  twoJobRo,
  inPerson,
  useAuthorisationCore,
} from '../fixtures/authorisation';

// repairOrders.authorise, and starting work needing the customer's answer. Declined work, roles and its query plan
// are in authorisation-declined.test.ts; the shared core is tests/fixtures/authorisation.ts.

useAuthorisationCore();

describe('repairOrders.authorise', () => {
  it('records one approved and one declined job: states, the authorisation, declined work on the vehicle, totals without the declined job', async () => {
    const ro = await twoJobRo();
    const [brakes, ac] = ro.jobs;
    // Brakes: labor 33000 - 3300 = 29700, pads 38100: 67800; A/C 30000. Together 97800.
    expect(ro.totals.all.totalFen).toBe(97_800);
    expect(brakes!.totals.totalFen).toBe(67_800);
    const before = counts();

    t.clock.advance(5 * MINUTE);
    const done = await advisor.client.repairOrders.authorise({
      ...inPerson(ro, [
        { jobId: brakes!.id, decision: 'approved' },
        { jobId: ac!.id, decision: 'declined' },
      ]),
      note: '客户现场签字',
    });
    expect(done.version).toBe(ro.version + 1);
    expect(done.jobs.map((job) => job.authorization)).toEqual(['approved', 'declined']);
    // Each job keeps its own lines and totals; the RO owes only the approved one.
    expect(done.jobs.map((job) => job.totals)).toEqual(ro.jobs.map((job) => job.totals));
    expect(done.jobs.flatMap((job) => [...job.laborLines, ...job.partLines])).toEqual(
      ro.jobs.flatMap((job) => [...job.laborLines, ...job.partLines]),
    );
    expect(done.totals.all).toEqual(brakes!.totals);
    expect(done.totals.labor.totalFen).toBe(29_700);
    expect(done.totals.parts.totalFen).toBe(38_100);
    expect(done.totals.all.discountFen).toBe(3_300);
    expect(done.totals.byPayer.customer.totalFen).toBe(67_800);
    expect(done.totals.byPayer.warranty.totalFen).toBe(0);
    expect(counts()).toEqual({
      ...before,
      repair_order_authorisations: before.repair_order_authorisations + 1,
      repair_order_authorisation_jobs: before.repair_order_authorisation_jobs + 2,
      declined_work: before.declined_work + 1,
    });

    // The lists show the RO's owed total too.
    const grid = await advisor.client.repairOrders.grid({ startRow: 0, endRow: 50, text: ro.number });
    expect(grid.rows.map((row) => row.totalFen)).toEqual([67_800]);
    const forVehicle = await advisor.client.repairOrders.listForVehicle({ vehicleId: ro.vehicle.id });
    expect(forVehicle.rows.map((row) => row.totalFen)).toEqual([67_800]);

    const recorded = await technician.client.repairOrders.authorisations({ id: ro.id });
    expect(recorded).toEqual([
      {
        id: expect.any(Number),
        repairOrderId: ro.id,
        customerName: ownerName,
        channel: 'in_person',
        authorisedAt: '2026-11-24T02:05:00.000Z',
        signaturePng: SIGNATURE,
        signedOnPaper: false,
        note: '客户现场签字',
        approvedTotalFen: 67_800,
        recordedBy: { id: advisor.session.user.id, displayName: advisor.session.user.displayName },
        recordedAt: '2026-11-24T02:05:00.000Z',
        decisions: [
          { jobId: brakes!.id, concern: '刹车异响', decision: 'approved', jobTotalFen: 67_800 },
          { jobId: ac!.id, concern: '空调不凉', decision: 'declined', jobTotalFen: 30_000 },
        ],
      },
    ]);

    const declined = await csi.client.repairOrders.declinedWork({ vehicleId: ro.vehicle.id });
    expect(declined).toEqual({
      hasMore: false,
      rows: [
        {
          id: expect.any(Number),
          vehicleId: ro.vehicle.id,
          repairOrder: { id: ro.id, number: ro.number },
          jobId: ac!.id,
          concern: '空调不凉',
          concernGroup: 'ac_heating',
          payer: 'warranty',
          totalFen: 30_000,
          declinedAt: '2026-11-24T02:05:00.000Z',
          status: 'open',
          takenJobId: null,
          dismissedReason: '',
        },
      ],
    });
  });

  it('an answer by phone earlier today needs no signature; a second authorisation is listed first', async () => {
    // Written at 08:00 in Beijing; the customer is called at 08:30 and it is written down at 10:00.
    t.clock.set('2026-11-24T00:00:00.000Z');
    const ro = await twoJobRo();
    t.clock.set(FIXED_NOW);
    const [brakes, ac] = ro.jobs;
    let done = await advisor.client.repairOrders.authorise({
      id: ro.id,
      version: ro.version,
      customerName: '王先生（车主儿子）',
      channel: 'phone',
      // 08:30 in Beijing, same day.
      authorisedAt: '2026-11-24T08:30:00+08:00',
      decisions: [{ jobId: brakes!.id, decision: 'approved' }],
    });
    t.clock.advance(MINUTE);
    done = await manager.client.repairOrders.authorise({
      id: ro.id,
      version: done.version,
      customerName: ownerName,
      channel: 'paper',
      signedOnPaper: true,
      decisions: [{ jobId: ac!.id, decision: 'approved' }],
    });
    expect(done.totals.all.totalFen).toBe(97_800);
    const list = await advisor.client.repairOrders.authorisations({ id: ro.id });
    expect(
      list.map((a) => [a.channel, a.authorisedAt, a.signaturePng, a.signedOnPaper, a.approvedTotalFen, a.recordedBy.id]),
    ).toEqual([
      ['paper', '2026-11-24T02:01:00.000Z', null, true, 30_000, manager.session.user.id],
      ['phone', '2026-11-24T00:30:00.000Z', null, false, 67_800, advisor.session.user.id],
    ]);
    expect((await advisor.client.repairOrders.declinedWork({ vehicleId: ro.vehicle.id })).rows).toEqual([]);
  });

  it('refuses an answer without the signature its channel needs, naming the field, and writes nothing', async () => {
    const ro = await twoJobRo();
    const decisions = [{ jobId: ro.jobs[0]!.id, decision: 'approved' as const }];
    const base = { id: ro.id, version: ro.version, customerName: ownerName, decisions };
    const before = counts();
    await expectApiError(advisor.client.repairOrders.authorise({ ...base, channel: 'in_person' }), 'INVALID_INPUT', {
      field: 'signaturePng',
      reason: 'signature.required',
    });
    await expectApiError(advisor.client.repairOrders.authorise({ ...base, channel: 'paper' }), 'INVALID_INPUT', {
      field: 'signedOnPaper',
      reason: 'signature.paperRequired',
    });
    await expectApiError(
      advisor.client.repairOrders.authorise({ ...base, channel: 'wechat', signaturePng: SIGNATURE }),
      'INVALID_INPUT',
      {
        field: 'signaturePng',
        reason: 'signature.inPersonOnly',
      },
    );
    await expectApiError(
      advisor.client.repairOrders.authorise({ ...base, channel: 'in_person', signaturePng: 'data:image/jpeg;base64,/9j/4AAQ' }),
      'INVALID_INPUT',
      { field: 'signaturePng', reason: 'signature.notPng' },
    );
    await expectApiError(
      advisor.client.repairOrders.authorise({ ...base, channel: 'in_person', signaturePng: SIGNATURE + 'A'.repeat(200_000) }),
      'INVALID_INPUT',
      { field: 'signaturePng', reason: 'signature.tooLarge' },
    );
    await expectApiError(
      advisor.client.repairOrders.authorise({ ...base, customerName: '  ', channel: 'sms' }),
      'INVALID_INPUT',
      {
        field: 'customerName',
        reason: 'required',
      },
    );
    expect(counts()).toEqual(before);
    expect(await advisor.client.repairOrders.get({ id: ro.id })).toEqual(ro);
    // Signed on the printed estimate in person: enough.
    const done = await advisor.client.repairOrders.authorise({ ...base, channel: 'in_person', signedOnPaper: true });
    expect(done.jobs[0]!.authorization).toBe('approved');
  });

  it('refuses a job already answered, the same job twice, a job of another RO, and writes nothing', async () => {
    const ro = await twoJobRo();
    const other = await twoJobRo();
    const [brakes, ac] = ro.jobs;
    const done = await advisor.client.repairOrders.authorise(inPerson(ro, [{ jobId: brakes!.id, decision: 'approved' }]));
    const before = counts();
    await expectApiError(
      advisor.client.repairOrders.authorise(
        inPerson(done, [
          { jobId: ac!.id, decision: 'approved' },
          { jobId: brakes!.id, decision: 'declined' },
        ]),
      ),
      'RULE',
      { field: 'decisions.1.jobId', reason: 'decision.alreadyApproved' },
    );
    await expectApiError(
      advisor.client.repairOrders.authorise(
        inPerson(done, [
          { jobId: ac!.id, decision: 'approved' },
          { jobId: ac!.id, decision: 'declined' },
        ]),
      ),
      'INVALID_INPUT',
      { field: 'decisions.1.jobId', reason: 'decision.duplicate' },
    );
    await expectApiError(
      advisor.client.repairOrders.authorise(inPerson(done, [{ jobId: other.jobs[0]!.id, decision: 'approved' }])),
      'NOT_FOUND',
      { field: 'decisions.0.jobId', reason: 'notFound' },
    );
    await expectApiError(advisor.client.repairOrders.authorise(inPerson(done, [])), 'INVALID_INPUT', {
      field: 'decisions',
      reason: 'tooFewItems',
    });
    // Another desk saved first.
    await expectApiError(
      advisor.client.repairOrders.authorise(inPerson(ro, [{ jobId: ac!.id, decision: 'approved' }])),
      'CONFLICT',
      {
        reason: 'staleVersion',
      },
    );
    expect(counts()).toEqual(before);
    expect((await advisor.client.repairOrders.get({ id: other.id })).jobs.map((job) => job.authorization)).toEqual([
      'pending',
      'pending',
    ]);
    expect((await advisor.client.repairOrders.get({ id: ro.id })).jobs.map((job) => job.authorization)).toEqual([
      'approved',
      'pending',
    ]);
  });

  it('refuses a time still to come or of an earlier day, and an RO no longer in the dealership’s hands', async () => {
    const ro = await twoJobRo();
    const decisions = [{ jobId: ro.jobs[0]!.id, decision: 'approved' as const }];
    const phone = { id: ro.id, version: ro.version, customerName: ownerName, channel: 'phone' as const, decisions };
    const before = counts();
    await expectApiError(advisor.client.repairOrders.authorise({ ...phone, authorisedAt: '2026-11-24T02:01:00.000Z' }), 'RULE', {
      field: 'authorisedAt',
      reason: 'date.future',
    });
    // 23:59 yesterday in Beijing.
    await expectApiError(advisor.client.repairOrders.authorise({ ...phone, authorisedAt: '2026-11-23T23:59:00+08:00' }), 'RULE', {
      field: 'authorisedAt',
      reason: 'authorisedAt.notToday',
    });
    // Today, but before the RO was written.
    await expectApiError(advisor.client.repairOrders.authorise({ ...phone, authorisedAt: '2026-11-24T01:00:00.000Z' }), 'RULE', {
      field: 'authorisedAt',
      reason: 'authorisedAt.beforeOpened',
    });
    expect(counts()).toEqual(before);

    const cancelled = await advisor.client.repairOrders.transition({
      id: ro.id,
      version: ro.version,
      to: 'cancelled',
      note: '客户取消',
    });
    await expectApiError(advisor.client.repairOrders.authorise({ ...phone, version: cancelled.version }), 'RULE', {
      reason: 'status.locked',
      params: { status: 'cancelled' },
    });
    expect(counts()).toEqual(before);
  });
});

describe('starting work needs the customer’s answer', () => {
  it('open -> in progress is refused while a job is pending or when none is approved, allowed after; later work starts pending', async () => {
    let ro = await twoJobRo();
    const [brakes, ac] = ro.jobs;
    await expectApiError(advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' }), 'RULE', {
      field: 'to',
      reason: 'authorisation.pending',
    });
    ro = await advisor.client.repairOrders.authorise(inPerson(ro, [{ jobId: brakes!.id, decision: 'declined' }]));
    await expectApiError(advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' }), 'RULE', {
      reason: 'authorisation.pending',
    });
    ro = await advisor.client.repairOrders.authorise(inPerson(ro, [{ jobId: ac!.id, decision: 'declined' }]));
    expect(ro.totals.all.totalFen).toBe(0);
    await expectApiError(advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' }), 'RULE', {
      reason: 'authorisation.noneApproved',
    });
    expect(ro.status).toBe('open');
    ro = await advisor.client.repairOrders.addJob({ id: ro.id, version: ro.version, concern: '更换雨刮' });
    ro = await advisor.client.repairOrders.authorise(inPerson(ro, [{ jobId: ro.jobs[2]!.id, decision: 'approved' }]));
    ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
    expect(ro.status).toBe('in_progress');

    // Additional work found in the workshop waits for the customer like any other job.
    ro = await advisor.client.repairOrders.addJob({ id: ro.id, version: ro.version, concern: '右前减震器漏油' });
    expect(ro.jobs[3]!.authorization).toBe('pending');
    ro = await advisor.client.repairOrders.authorise({
      id: ro.id,
      version: ro.version,
      customerName: ownerName,
      channel: 'wechat',
      note: '微信语音确认',
      decisions: [{ jobId: ro.jobs[3]!.id, decision: 'approved' }],
    });
    expect(ro.jobs.map((job) => job.authorization)).toEqual(['declined', 'declined', 'approved', 'approved']);
  });
});
