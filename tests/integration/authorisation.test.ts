import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { openDeclinedWork } from '../../electron/core/repair-orders/authorisation/declined-work-repository';
import { writeSetting } from '../../electron/core/settings/repository';
import { PRICING_KEYS } from '../../electron/core/settings/service';
import { countRows, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

// FIXED_NOW is 2026-11-24T02:00Z, 10:00 in Beijing; the desk's today began at 2026-11-23T16:00Z.
const MINUTE = 60_000;
const TABLES = [
  'repair_orders',
  'repair_order_jobs',
  'repair_order_lines',
  'repair_order_authorisations',
  'repair_order_authorisation_jobs',
  'declined_work',
] as const;
/** A real (1×1, transparent) PNG as a canvas gives it. */
const SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let t: TestCore;
let advisor: SignedIn;
let manager: SignedIn;
let technician: SignedIn;
let csi: SignedIn;
let ownerId: number;
let ownerName: string;
beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  technician = await signIn(t.core, 'technician');
  csi = await signIn(t.core, 'csi_agent');
  const owner = await makeCustomer(advisor.client);
  ownerId = owner.id;
  ownerName = owner.name;
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

function counts(): Record<(typeof TABLES)[number], number> {
  return Object.fromEntries(TABLES.map((table) => [table, countRows(t.core, table)])) as Record<(typeof TABLES)[number], number>;
}

/**
 * An RO with two jobs: brakes (a catalogue-free labor line of 1.5 h × ¥220 with 10% off, and 2 pads × ¥190.50)
 * and A/C (one part of ¥300 for the warranty). VAT 13% included.
 */
async function twoJobRo(vehicleId?: number): Promise<RepairOrderDetail> {
  const vehicle = vehicleId ?? (await makeVehicle(advisor.client, ownerId)).id;
  let ro = await advisor.client.repairOrders.create({ vehicleId: vehicle, concerns: ['刹车异响', '空调不凉'] });
  const [brakes, ac] = ro.jobs;
  ro = await advisor.client.repairOrders.updateJob({ id: ro.id, version: ro.version, jobId: brakes!.id, concernGroup: 'brakes' });
  ro = await advisor.client.repairOrders.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId: brakes!.id,
    code: 'BRK-01',
    nameZh: '更换前刹车片',
    hoursMilli: 1500,
    laborRateFen: 22_000,
    discountBp: 1000,
    discountReason: '老客户',
  });
  ro = await advisor.client.repairOrders.addPartLine({
    id: ro.id,
    version: ro.version,
    jobId: brakes!.id,
    partNumber: 'PAD-F-01',
    nameZh: '前刹车片',
    qtyMilli: 2000,
    unitPriceFen: 19_050,
  });
  ro = await advisor.client.repairOrders.updateJob({
    id: ro.id,
    version: ro.version,
    jobId: ac!.id,
    concernGroup: 'ac_heating',
    payer: 'warranty',
  });
  return advisor.client.repairOrders.addPartLine({
    id: ro.id,
    version: ro.version,
    jobId: ac!.id,
    partNumber: 'AC-100',
    nameZh: '空调压缩机阀',
    qtyMilli: 1000,
    unitPriceFen: 30_000,
  });
}

function inPerson(ro: RepairOrderDetail, decisions: { jobId: number; decision: 'approved' | 'declined' }[]) {
  return {
    id: ro.id,
    version: ro.version,
    customerName: ownerName,
    channel: 'in_person' as const,
    signaturePng: SIGNATURE,
    decisions,
  };
}

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

    const cancelled = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'cancelled' });
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

describe('declined work at the next visit', () => {
  it('is offered on the vehicle’s next RO, added as a pending job with its lines priced again, and then no longer offered', async () => {
    const first = await twoJobRo();
    const [brakes, ac] = first.jobs;
    await advisor.client.repairOrders.authorise(
      inPerson(first, [
        { jobId: brakes!.id, decision: 'declined' },
        { jobId: ac!.id, decision: 'approved' },
      ]),
    );
    // Another car's declined work is never offered here.
    const elsewhere = await twoJobRo();
    await advisor.client.repairOrders.authorise(inPerson(elsewhere, [{ jobId: elsewhere.jobs[0]!.id, decision: 'declined' }]));

    t.clock.advance(60 * MINUTE);
    let next = await advisor.client.repairOrders.create({ vehicleId: first.vehicle.id, concerns: ['保养'] });
    const offered = await advisor.client.repairOrders.declinedWork({ vehicleId: first.vehicle.id });
    expect(
      offered.rows.map((item) => [item.concern, item.concernGroup, item.payer, item.totalFen, item.repairOrder.number]),
    ).toEqual([['刹车异响', 'brakes', 'customer', 67_800, first.number]]);
    const item = offered.rows[0]!;
    const otherItem = (await advisor.client.repairOrders.declinedWork({ vehicleId: elsewhere.vehicle.id })).rows[0]!;
    const before = counts();
    await expectApiError(
      advisor.client.repairOrders.addDeclinedWork({ id: next.id, version: next.version, declinedWorkId: otherItem.id }),
      'RULE',
      { field: 'declinedWorkId', reason: 'declinedWork.otherVehicle' },
    );
    await expectApiError(
      advisor.client.repairOrders.addDeclinedWork({ id: next.id, version: next.version, declinedWorkId: 999_999 }),
      'NOT_FOUND',
      { field: 'declinedWorkId' },
    );
    expect(counts()).toEqual(before);

    // Prices now exclude VAT: the same unit prices and discounts, priced again with today's setting.
    await writeSetting(t.core.deps.db, PRICING_KEYS.pricesIncludeTax, 'false');
    try {
      next = await advisor.client.repairOrders.addDeclinedWork({ id: next.id, version: next.version, declinedWorkId: item.id });
    } finally {
      await writeSetting(t.core.deps.db, PRICING_KEYS.pricesIncludeTax, 'true');
    }
    const added = next.jobs[1]!;
    expect(added).toMatchObject({ concern: '刹车异响', concernGroup: 'brakes', payer: 'customer', authorization: 'pending' });
    const copy = (lines: RepairOrderDetail['jobs'][number]['laborLines']) =>
      lines.map((line) => [
        line.kind,
        line.code,
        line.nameZh,
        line.qtyMilli,
        line.unitPriceFen,
        line.discountBp,
        line.discountReason,
      ]);
    expect(copy([...added.laborLines, ...added.partLines])).toEqual(copy([...brakes!.laborLines, ...brakes!.partLines]));
    // Labor 33000 - 3300 = 29700 + 13% = 3861 -> 33561; pads 38100 + 4953 = 43053.
    expect(
      [...added.laborLines, ...added.partLines].map((line) => [line.taxIncluded, line.netFen, line.taxFen, line.totalFen]),
    ).toEqual([
      [false, 29_700, 3_861, 33_561],
      [false, 38_100, 4_953, 43_053],
    ]);
    expect(next.totals.all.totalFen).toBe(76_614);
    expect((await advisor.client.repairOrders.declinedWork({ vehicleId: first.vehicle.id })).rows).toEqual([]);
    const again = await expectApiError(
      advisor.client.repairOrders.addDeclinedWork({ id: next.id, version: next.version, declinedWorkId: item.id }),
      'RULE',
      { field: 'declinedWorkId', reason: 'declinedWork.taken' },
    );
    expect(again.issues).toHaveLength(1);
    const taken = t.core.deps.sqlite
      .prepare('SELECT status, taken_job_id, taken_by FROM declined_work WHERE id = ?')
      .get(item.id);
    expect(taken).toEqual({ status: 'taken', taken_job_id: added.id, taken_by: advisor.session.user.id });

    // Taken back off the RO while it is still open: the item is offered again.
    next = await advisor.client.repairOrders.removeJob({ id: next.id, version: next.version, jobId: added.id });
    expect((await advisor.client.repairOrders.declinedWork({ vehicleId: first.vehicle.id })).rows.map((row) => row.id)).toEqual([
      item.id,
    ]);
  });

  it('is dismissed with a reason (done elsewhere) and then no longer offered', async () => {
    const ro = await twoJobRo();
    await advisor.client.repairOrders.authorise(inPerson(ro, [{ jobId: ro.jobs[1]!.id, decision: 'declined' }]));
    const [item] = (await advisor.client.repairOrders.declinedWork({ vehicleId: ro.vehicle.id })).rows;
    await expectApiError(
      advisor.client.repairOrders.dismissDeclinedWork({ declinedWorkId: item!.id, reason: ' ' }),
      'INVALID_INPUT',
      {
        field: 'reason',
        reason: 'required',
      },
    );
    const dismissed = await advisor.client.repairOrders.dismissDeclinedWork({ declinedWorkId: item!.id, reason: '已在外面修好' });
    expect(dismissed).toMatchObject({ id: item!.id, status: 'dismissed', dismissedReason: '已在外面修好' });
    expect((await advisor.client.repairOrders.declinedWork({ vehicleId: ro.vehicle.id })).rows).toEqual([]);
    await expectApiError(advisor.client.repairOrders.dismissDeclinedWork({ declinedWorkId: item!.id, reason: 'x' }), 'RULE', {
      reason: 'declinedWork.dismissed',
    });
  });
});

describe('roles', () => {
  it('the workshop and the call desk read; only advisors and managers write; nothing is written by a refused call', async () => {
    const ro = await twoJobRo();
    await advisor.client.repairOrders.authorise(inPerson(ro, [{ jobId: ro.jobs[1]!.id, decision: 'declined' }]));
    const fresh = await advisor.client.repairOrders.get({ id: ro.id });
    const [item] = (await advisor.client.repairOrders.declinedWork({ vehicleId: ro.vehicle.id })).rows;
    const before = counts();
    for (const who of [technician, csi]) {
      await expectApiError(
        who.client.repairOrders.authorise(inPerson(fresh, [{ jobId: ro.jobs[0]!.id, decision: 'approved' }])),
        'FORBIDDEN',
      );
      await expectApiError(
        who.client.repairOrders.addDeclinedWork({ id: fresh.id, version: fresh.version, declinedWorkId: item!.id }),
        'FORBIDDEN',
      );
      await expectApiError(who.client.repairOrders.dismissDeclinedWork({ declinedWorkId: item!.id, reason: 'x' }), 'FORBIDDEN');
      expect(await who.client.repairOrders.authorisations({ id: ro.id })).toHaveLength(1);
      expect((await who.client.repairOrders.declinedWork({ vehicleId: ro.vehicle.id })).rows).toHaveLength(1);
    }
    expect(counts()).toEqual(before);
    await expectApiError(advisor.client.repairOrders.authorisations({ id: 999_999 }), 'NOT_FOUND');
    await expectApiError(advisor.client.repairOrders.declinedWork({ vehicleId: 999_999 }), 'NOT_FOUND');
  });
});

describe('declined work: query plan', () => {
  it('a vehicle’s open declined work is read through the (vehicle_id, status, declined_at) index, without sorting', () => {
    const compiled = openDeclinedWork(t.core.deps.db, 1, { offset: 0, limit: 20 }).compile();
    const details = (
      t.core.deps.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as {
        detail: string;
      }[]
    ).map((row) => row.detail);
    expect(details.join('\n')).toMatch(/SEARCH d USING INDEX declined_work_vehicle \(vehicle_id=\? AND status=\?\)/);
    expect(details.join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});
