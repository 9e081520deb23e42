import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import type { GuaranteeCategory } from '../../shared/domain/guarantee';
import { QC_COMMON_ITEMS, type QcAnswer } from '../../shared/domain/qc-checklists';
import { countRows, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

const MINUTE = 60_000;
const TABLES = ['qc_inspections', 'completion_certificates', 'repair_order_status_history', 'certificate_sequences'] as const;

let t: TestCore;
let advisor: SignedIn;
let foreman: SignedIn;
let technician: SignedIn;
let otherTechnician: SignedIn;
let manager: SignedIn;
let partsClerk: SignedIn;
let ownerId: number;
beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  foreman = await signIn(t.core, 'foreman');
  technician = await signIn(t.core, 'technician');
  otherTechnician = await signIn(t.core, 'technician');
  manager = await signIn(t.core, 'manager');
  partsClerk = await signIn(t.core, 'parts_clerk');
  ownerId = (await makeCustomer(advisor.client)).id;
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

/** The job is dispatched to `technicianId` (written straight to the row: dispatch is another area's). */
function dispatch(jobId: number, technicianId: number): void {
  t.core.deps.sqlite.prepare('UPDATE repair_order_jobs SET technician_id = ? WHERE id = ?').run(technicianId, jobId);
}

/**
 * An RO for a new car with a brakes job and a maintenance job of the given work categories, both approved by phone,
 * the brakes job dispatched to `technician`, moved to `status` through the status flow.
 */
async function workshopRo(
  categories: [GuaranteeCategory | null, GuaranteeCategory | null],
  status: 'open' | 'in_progress' | 'qc' = 'qc',
): Promise<RepairOrderDetail> {
  const vehicle = await makeVehicle(advisor.client, ownerId);
  const c = advisor.client.repairOrders;
  let ro = await c.create({ vehicleId: vehicle.id, concerns: ['刹车异响', '二级维护'] });
  const [brakes, service] = ro.jobs;
  ro = await c.updateJob({
    id: ro.id,
    version: ro.version,
    jobId: brakes!.id,
    concernGroup: 'brakes',
    workCategory: categories[0],
  });
  ro = await c.updateJob({
    id: ro.id,
    version: ro.version,
    jobId: service!.id,
    concernGroup: 'maintenance',
    workCategory: categories[1],
  });
  ro = await c.authorise({
    id: ro.id,
    version: ro.version,
    customerName: '张伟',
    channel: 'phone',
    decisions: ro.jobs.map((job) => ({ jobId: job.id, decision: 'approved' as const })),
  });
  dispatch(brakes!.id, technician.session.user.id);
  const steps = status === 'open' ? [] : status === 'in_progress' ? (['in_progress'] as const) : (['in_progress', 'qc'] as const);
  for (const to of steps) ro = await c.transition({ id: ro.id, version: ro.version, to });
  return ro;
}

async function allAnswers(jobId: number, answer: QcAnswer = 'ok'): Promise<Record<string, QcAnswer>> {
  const { items } = await foreman.client.workshop.qcChecklist({ jobId });
  return Object.fromEntries(items.map((key) => [key, answer]));
}

async function passAll(ro: RepairOrderDetail, by: SignedIn = foreman): Promise<void> {
  for (const job of ro.jobs)
    await by.client.workshop.recordQc({ jobId: job.id, result: 'passed', answers: await allAnswers(job.id) });
}

describe('checklists', () => {
  it("gives each job its concern group's items, then the common ones", async () => {
    const ro = await workshopRo([null, null], 'open');
    const brakes = await partsClerk.client.workshop.qcChecklist({ jobId: ro.jobs[0]!.id });
    expect(brakes.items.slice(0, 4)).toEqual([
      'brakes.pedalFeel',
      'brakes.noNoise',
      'brakes.fluidLevel',
      'brakes.wheelBoltsTorqued',
    ]);
    expect(brakes.items.slice(4)).toEqual([...QC_COMMON_ITEMS]);
    const service = await foreman.client.workshop.qcChecklist({ jobId: ro.jobs[1]!.id });
    expect(service.items).toContain('maintenance.serviceReminderReset');
    expect(service.items).not.toContain('brakes.pedalFeel');
    expect(service.items).toContain('common.roadTest');
    await expectApiError(foreman.client.workshop.qcChecklist({ jobId: 999_999 }), 'NOT_FOUND');
  });
});

describe('recording the final inspection', () => {
  it("refuses the job's own technician, and anyone who clocked on it, writing nothing", async () => {
    const ro = await workshopRo([null, null]);
    const brakes = ro.jobs[0]!;
    const before = counts();
    await expectApiError(
      technician.client.workshop.recordQc({ jobId: brakes.id, result: 'passed', answers: await allAnswers(brakes.id) }),
      'RULE',
      { field: 'jobId', reason: 'qc.ownWork' },
    );
    // A colleague who clocked on the job worked on it too, although it is dispatched to someone else.
    t.core.deps.sqlite
      .prepare(
        'INSERT INTO job_clockings (repair_order_id, job_id, technician_id, started_at, ended_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(ro.id, brakes.id, otherTechnician.session.user.id, FIXED_NOW, FIXED_NOW, FIXED_NOW);
    await expectApiError(
      otherTechnician.client.workshop.recordQc({ jobId: brakes.id, result: 'passed', answers: await allAnswers(brakes.id) }),
      'RULE',
      { field: 'jobId', reason: 'qc.ownWork' },
    );
    expect(counts()).toEqual(before);
    expect((await advisor.client.workshop.qcStatus({ repairOrderId: ro.id })).jobs[0]!.latest).toBeNull();

    // The technician may inspect another technician's job (the maintenance job is not theirs).
    const status = await technician.client.workshop.recordQc({
      jobId: ro.jobs[1]!.id,
      result: 'passed',
      answers: await allAnswers(ro.jobs[1]!.id),
    });
    expect(status.jobs[1]!.latest).toMatchObject({ result: 'passed', inspector: { id: technician.session.user.id } });
  });

  it('refuses a pass with an item not ok, a send-back without a note, and an incomplete checklist, writing nothing', async () => {
    const ro = await workshopRo([null, null]);
    const jobId = ro.jobs[0]!.id;
    const answers = { ...(await allAnswers(jobId)), 'brakes.noNoise': 'not_ok' as const };
    const before = counts();
    await expectApiError(foreman.client.workshop.recordQc({ jobId, result: 'passed', answers }), 'RULE', {
      field: 'result',
      reason: 'qc.notOkCannotPass',
    });
    await expectApiError(foreman.client.workshop.recordQc({ jobId, result: 'returned', answers, note: '  ' }), 'INVALID_INPUT', {
      field: 'note',
      reason: 'qc.noteRequired',
    });
    const { 'common.roadTest': _left, ...missing } = await allAnswers(jobId);
    await expectApiError(foreman.client.workshop.recordQc({ jobId, result: 'passed', answers: missing }), 'INVALID_INPUT', {
      field: 'answers',
      reason: 'qc.unanswered',
    });
    await expectApiError(
      foreman.client.workshop.recordQc({
        jobId,
        result: 'passed',
        answers: { ...(await allAnswers(jobId)), 'engine.idleSmooth': 'ok' },
      }),
      'INVALID_INPUT',
      { field: 'answers', reason: 'qc.unknownItem' },
    );
    await expectApiError(
      foreman.client.workshop.recordQc({ jobId, result: 'passed', answers: { x: 'maybe' as never } }),
      'INVALID_INPUT',
    );
    expect(counts()).toEqual(before);
  });

  it('inspects only while the work is under way or at QC', async () => {
    const ro = await workshopRo([null, null], 'open');
    const jobId = ro.jobs[1]!.id;
    const before = counts();
    await expectApiError(
      foreman.client.workshop.recordQc({ jobId, result: 'passed', answers: await allAnswers(jobId) }),
      'RULE',
      {
        reason: 'qc.status',
        params: { status: 'open' },
      },
    );
    expect(counts()).toEqual(before);
  });

  it('sends a job back (the RO returns to the workshop with the note), then passes it; the latest inspection counts', async () => {
    const ro = await workshopRo([null, null]);
    const [brakes, service] = ro.jobs;
    const answers = { ...(await allAnswers(brakes!.id)), 'brakes.noNoise': 'not_ok' as const };

    t.clock.advance(10 * MINUTE);
    let status = await foreman.client.workshop.recordQc({ jobId: brakes!.id, result: 'returned', answers, note: '试车仍有异响' });
    expect(status.jobs[0]!.latest).toMatchObject({
      result: 'returned',
      note: '试车仍有异响',
      answers: { 'brakes.noNoise': 'not_ok' },
    });
    let detail = await advisor.client.repairOrders.get({ id: ro.id });
    expect(detail.status).toBe('in_progress');
    expect(detail.version).toBe(ro.version + 1);
    expect(detail.history.at(-1)).toMatchObject({
      from: 'qc',
      to: 'in_progress',
      note: 'QC: 试车仍有异响',
      userId: foreman.session.user.id,
    });

    // Reworked and back at QC: the foreman passes it, and the manager the other job.
    detail = await advisor.client.repairOrders.transition({ id: ro.id, version: detail.version, to: 'qc' });
    t.clock.advance(10 * MINUTE);
    await foreman.client.workshop.recordQc({ jobId: brakes!.id, result: 'passed', answers: await allAnswers(brakes!.id) });
    status = await manager.client.workshop.recordQc({
      jobId: service!.id,
      result: 'passed',
      answers: await allAnswers(service!.id, 'na'),
      note: '正常',
    });
    expect(status.allPassed).toBe(true);
    expect(status.jobs[0]!.history.map((inspection) => inspection.result)).toEqual(['passed', 'returned']);
    expect(status.jobs[0]!.latest!.inspectedAt).toBe(new Date(Date.parse(FIXED_NOW) + 20 * MINUTE).toISOString());
    // A pass does not move the RO: the advisor makes it ready.
    detail = await advisor.client.repairOrders.get({ id: ro.id });
    expect(detail.status).toBe('qc');
    detail = await advisor.client.repairOrders.transition({ id: ro.id, version: detail.version, to: 'ready' });
    expect(detail.status).toBe('ready');
  });

  it('tells the other desks after the write', async () => {
    const ro = await workshopRo([null, null]);
    const seen: unknown[] = [];
    const stop = t.core.deps.events.subscribe((change) => seen.push(change));
    try {
      await foreman.client.workshop.recordQc({
        jobId: ro.jobs[1]!.id,
        result: 'passed',
        answers: await allAnswers(ro.jobs[1]!.id),
      });
    } finally {
      stop();
    }
    expect(seen).toContainEqual({ area: 'workshop', id: ro.id });
  });
});

describe('qc -> ready', () => {
  it('is refused until every approved job passed, naming the jobs that did not', async () => {
    const ro = await workshopRo([null, null]);
    await foreman.client.workshop.recordQc({
      jobId: ro.jobs[1]!.id,
      result: 'passed',
      answers: await allAnswers(ro.jobs[1]!.id),
    });
    const before = counts();
    await expectApiError(advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'ready' }), 'RULE', {
      field: 'to',
      reason: 'qc.notPassed',
      params: { jobs: '1' },
    });
    expect(counts()).toEqual(before);
    expect((await advisor.client.repairOrders.get({ id: ro.id })).status).toBe('qc');
  });

  it('leaves declined jobs out of the check', async () => {
    const vehicle = await makeVehicle(advisor.client, ownerId);
    const c = advisor.client.repairOrders;
    let ro = await c.create({ vehicleId: vehicle.id, concerns: ['刹车异响', '空调不凉'] });
    ro = await c.authorise({
      id: ro.id,
      version: ro.version,
      customerName: '张伟',
      channel: 'phone',
      decisions: [
        { jobId: ro.jobs[0]!.id, decision: 'approved' },
        { jobId: ro.jobs[1]!.id, decision: 'declined' },
      ],
    });
    ro = await c.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
    ro = await c.transition({ id: ro.id, version: ro.version, to: 'qc' });
    await expectApiError(foreman.client.workshop.recordQc({ jobId: ro.jobs[1]!.id, result: 'passed', answers: {} }), 'RULE', {
      reason: 'qc.jobNotApproved',
    });
    const status = await foreman.client.workshop.qcStatus({ repairOrderId: ro.id });
    expect(status.jobs.map((job) => job.jobId)).toEqual([ro.jobs[0]!.id]);
    await foreman.client.workshop.recordQc({
      jobId: ro.jobs[0]!.id,
      result: 'passed',
      answers: await allAnswers(ro.jobs[0]!.id),
    });
    expect((await c.transition({ id: ro.id, version: ro.version, to: 'ready' })).status).toBe('ready');
  });
});

describe('the completion certificate (竣工出厂合格证)', () => {
  it('is needed only for 二级维护 and 整车/总成修理', async () => {
    for (const [categories, needed] of [
      [['level2_maintenance', null], true],
      [['level1_minor_special', 'whole_vehicle_or_assembly'], true],
      [['level1_minor_special', 'level1_minor_special'], false],
      [[null, null], false],
    ] as const) {
      const ro = await workshopRo([...categories], 'open');
      expect(
        (await advisor.client.workshop.qcStatus({ repairOrderId: ro.id })).certificateNeeded,
        JSON.stringify(categories),
      ).toBe(needed);
    }
    const ro = await workshopRo(['level1_minor_special', 'level1_minor_special']);
    await passAll(ro, manager);
    await expectApiError(foreman.client.workshop.issueCertificate({ repairOrderId: ro.id }), 'RULE', {
      reason: 'certificate.notNeeded',
    });
  });

  it('is issued only after every job passed, once, numbered per desk year, with the categories and the mileage', async () => {
    const ro = await workshopRo(['level1_minor_special', 'level2_maintenance']);
    const before = counts();
    await expectApiError(foreman.client.workshop.issueCertificate({ repairOrderId: ro.id }), 'RULE', {
      reason: 'qc.notPassed',
      params: { jobs: '1, 2' },
    });
    expect(counts()).toEqual(before);
    await passAll(ro);
    await expectApiError(advisor.client.workshop.issueCertificate({ repairOrderId: ro.id }), 'FORBIDDEN');
    t.clock.advance(5 * MINUTE);
    const certificate = await foreman.client.workshop.issueCertificate({ repairOrderId: ro.id });
    expect(certificate).toMatchObject({
      repairOrderId: ro.id,
      issuedBy: { id: foreman.session.user.id },
      issuedAt: new Date(Date.parse(FIXED_NOW) + 5 * MINUTE).toISOString(),
      categories: ['level1_minor_special', 'level2_maintenance'],
      inspector: { id: foreman.session.user.id },
    });
    expect(certificate.number).toMatch(/^HG2026-\d{6}$/);
    expect(await partsClerk.client.workshop.certificate({ repairOrderId: ro.id })).toEqual(certificate);
    await expectApiError(manager.client.workshop.issueCertificate({ repairOrderId: ro.id }), 'RULE', {
      reason: 'certificate.alreadyIssued',
    });

    const next = await workshopRo(['whole_vehicle_or_assembly', null]);
    await passAll(next);
    const second = await manager.client.workshop.issueCertificate({ repairOrderId: next.id });
    expect(Number(second.number.slice(-6))).toBe(Number(certificate.number.slice(-6)) + 1);
  });

  it('is required to deliver a car that needs one; a car that needs none is delivered without', async () => {
    const delivery = { explanation: '更换刹车片，完成二级维护，试车正常。', collectedBy: '张伟' };
    let ro = await workshopRo(['level1_minor_special', 'level2_maintenance']);
    await passAll(ro);
    ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'ready' });
    const before = counts();
    await expectApiError(advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'delivered' }), 'RULE', {
      field: 'to',
      reason: 'certificate.required',
    });
    await expectApiError(advisor.client.repairOrders.deliver({ id: ro.id, version: ro.version, ...delivery }), 'RULE', {
      reason: 'certificate.required',
    });
    expect(counts()).toEqual(before);
    expect((await advisor.client.repairOrders.get({ id: ro.id })).status).toBe('ready');
    await foreman.client.workshop.issueCertificate({ repairOrderId: ro.id });
    expect((await advisor.client.repairOrders.deliver({ id: ro.id, version: ro.version, ...delivery })).status).toMatch(
      /^(delivered|closed)$/,
    );

    let plain = await workshopRo(['level1_minor_special', 'level1_minor_special']);
    await passAll(plain);
    plain = await advisor.client.repairOrders.transition({ id: plain.id, version: plain.version, to: 'ready' });
    expect((await advisor.client.repairOrders.deliver({ id: plain.id, version: plain.version, ...delivery })).status).toMatch(
      /^(delivered|closed)$/,
    );
    expect(await advisor.client.workshop.certificate({ repairOrderId: plain.id })).toBeNull();
  });
});

describe('roles', () => {
  it('lets foremen, technicians and managers inspect, foremen and managers certify, and every RO reader read', async () => {
    const ro = await workshopRo(['level2_maintenance', null]);
    const jobId = ro.jobs[1]!.id;
    const answers = await allAnswers(jobId);
    const before = counts();
    for (const who of [advisor, partsClerk]) {
      await expectApiError(who.client.workshop.recordQc({ jobId, result: 'passed', answers }), 'FORBIDDEN');
    }
    await expectApiError(technician.client.workshop.issueCertificate({ repairOrderId: ro.id }), 'FORBIDDEN');
    expect(counts()).toEqual(before);
    for (const who of [advisor, technician, partsClerk, foreman, manager]) {
      expect((await who.client.workshop.qcStatus({ repairOrderId: ro.id })).jobs).toHaveLength(2);
    }
    await expectApiError(advisor.client.workshop.qcStatus({ repairOrderId: 999_999 }), 'NOT_FOUND');
  });
});
