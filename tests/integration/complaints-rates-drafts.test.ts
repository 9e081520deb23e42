import { describe, expect, it } from 'vitest';
import { FIXED_NOW, countRows } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { beijing, deliveredRo as deliveredOn } from '../fixtures/delivered';
import {
  t,
  advisor,
  agent,
  manager,
  technician,
  foreman,
  customerId,
  record,
  STEP,
  advance,
  walk,
  snapshot,
  useComplaintDesk,
} from '../fixtures/complaints';

// Complaints, around the steps: the two-week closure rate, the roles that may not handle complaints, and the drafts a
// dissatisfied survey opens (confirming and dismissing them).
useComplaintDesk();

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

describe('drafts from a dissatisfied survey', () => {
  /** An RO by `advisor` on a new car of a new customer, one job done by `technician`, delivered on `day` at 17:00. */
  const deliveredRo = (day: string) => deliveredOn(t, { advisor, foreman, technician }, day);

  /**
   * The shipped survey (version 1) by position: 1 initiation, 3 advisor courtesy, 5 facility, 6 pick-up on time,
   * 8 quality, 9 recommend, 10 fixed first time (yes/no), 11 free text.
   */
  const SATISFIED: Record<number, number | boolean | string> = { 1: 9, 3: 9, 5: 9, 6: 9, 8: 9, 9: 9, 10: true };
  async function survey(roId: number, byPosition: Record<number, number | boolean | string>) {
    const template = await agent.client.followup.surveyTemplate();
    const answers = Object.entries({ ...SATISFIED, ...byPosition }).map(([position, value]) => ({
      questionId: template.questions.find((q) => q.position === Number(position))!.id,
      value,
    }));
    return agent.client.followup.recordSurvey({ repairOrderId: roId, answers });
  }
  const surveyDrafts = (responseId: number) =>
    (
      t.core.deps.sqlite.prepare('select count(*) as n from complaints where survey_response_id = ?').get(responseId) as {
        n: number;
      }
    ).n;

  it('a 5 on advisor courtesy opens exactly one draft, pre-filled, against the RO’s advisor; no step, no clock', async () => {
    const ro = await deliveredRo('2026-11-18');
    t.clock.set(beijing('2026-11-21', '10:00'));
    const before = snapshot();
    const result = await survey(ro.id, { 3: 5, 9: 6, 11: '顾问态度不好，解释也不清楚' });
    expect(result.dissatisfied).toBe(true);
    expect(result.complaint).toEqual({ id: expect.any(Number), number: expect.stringMatching(/^TS2026-\d{6}$/) });
    expect(snapshot()).toEqual({ complaints: before.complaints + 1, steps: before.steps });
    expect(surveyDrafts(result.responseId)).toBe(1);

    const draft = await manager.client.complaints.get({ id: result.complaint!.id });
    expect(draft).toMatchObject({
      number: result.complaint!.number,
      status: 'draft',
      nextStep: null,
      source: 'survey',
      surveyResponseId: result.responseId,
      customer: { id: ro.customer.id },
      vehicle: { id: ro.vehicle.id },
      repairOrder: { id: ro.id, number: ro.number },
      againstDepartment: 'service',
      againstPerson: { id: advisor.session.user.id },
      customerWants: '',
      createdAt: beijing('2026-11-21', '10:00'),
      createdBy: { id: agent.session.user.id },
      firstResponseAt: null,
      overdue: false,
      steps: [],
    });
    // The low answers with their scores, in question order, then the customer's own words.
    expect(draft.customerSays).toBe('服务顾问的礼貌：5/10\n您向亲友推荐本店的可能性有多大？：6/10\n“顾问态度不好，解释也不清楚”');

    // Days later it is still a draft, never overdue, and listed before every open complaint.
    t.clock.set(beijing('2026-11-24', '13:00'));
    const list = await manager.client.complaints.list({ limit: 100 });
    expect(list.rows[0]).toMatchObject({ id: draft.id, status: 'draft', overdue: false });
    expect(
      (await manager.client.complaints.list({ source: 'survey', status: 'draft', limit: 100 })).rows.map((r) => r.id),
    ).toContain(draft.id);
    expect((await manager.client.complaints.list({ source: 'phone', limit: 100 })).rows.map((r) => r.id)).not.toContain(draft.id);
    // Steps wait for the confirmation.
    await expectApiError(advance(agent, draft, STEP.validity), 'RULE', { reason: 'complaint.draftNotConfirmed' });
  });

  it('a low service-quality score points at the workshop and the RO’s technician; a "no" alone at the reception', async () => {
    const quality = await survey((await deliveredRo('2026-11-18')).id, { 8: 3, 1: 6 });
    expect(await manager.client.complaints.get({ id: quality.complaint!.id })).toMatchObject({
      againstDepartment: 'workshop',
      againstPerson: { id: technician.session.user.id },
      customerSays: '预约和接待是否方便及时？：6/10\n维修保养的质量：3/10',
    });
    const no = await survey((await deliveredRo('2026-11-18')).id, { 10: false });
    expect(await manager.client.complaints.get({ id: no.complaint!.id })).toMatchObject({
      againstDepartment: 'service',
      againstPerson: null,
      customerSays: '车辆问题是否一次修好？：否',
    });
  });

  it('a satisfied survey opens none; a refused survey writes neither the survey nor a draft', async () => {
    const before = snapshot();
    const happy = await survey((await deliveredRo('2026-11-18')).id, { 9: 7, 11: '挺好' });
    expect(happy).toMatchObject({ dissatisfied: false, complaint: null });
    expect(snapshot()).toEqual(before);

    const ro = await deliveredRo('2026-11-18');
    const responses = countRows(t.core, 'survey_responses');
    // A low answer next to one off the scale: the whole survey is refused, so no draft either.
    await expectApiError(survey(ro.id, { 3: 2, 1: 11 }), 'INVALID_INPUT', { reason: 'survey.outOfScale' });
    expect(countRows(t.core, 'survey_responses')).toBe(responses);
    expect(snapshot()).toEqual(before);
  });

  it('confirming makes it step 1 now, with the level chosen and the first-response clock starting then', async () => {
    const ro = await deliveredRo('2026-11-18');
    t.clock.set(beijing('2026-11-21', '10:00'));
    const { complaint } = await survey(ro.id, { 3: 4 });
    const draft = await manager.client.complaints.get({ id: complaint!.id });
    t.clock.set(beijing('2026-11-23', '09:00'));
    const before = snapshot();
    // Bad input writes nothing: the words may not be blank.
    await expectApiError(
      manager.client.complaints.confirm({
        id: draft.id,
        version: draft.version,
        level: 'escalated',
        againstDepartment: 'service',
        customerSays: '  ',
        customerWants: '',
      }),
      'INVALID_INPUT',
      { field: 'customerSays' },
    );
    expect(snapshot()).toEqual(before);

    const confirmed = await manager.client.complaints.confirm({
      id: draft.id,
      version: draft.version,
      level: 'escalated',
      againstDepartment: draft.againstDepartment,
      againstUserId: draft.againstPerson!.id,
      customerSays: draft.customerSays,
      customerWants: '希望顾问道歉',
    });
    expect(confirmed).toMatchObject({
      status: 'open',
      nextStep: 'validity',
      level: 'escalated',
      customerWants: '希望顾问道歉',
      createdAt: beijing('2026-11-21', '10:00'),
      responseDueAt: beijing('2026-11-23', '17:00'),
      overdue: false,
      steps: [{ number: 1, by: { id: manager.session.user.id }, at: beijing('2026-11-23', '09:00'), data: { step: 'record' } }],
    });
    expect(snapshot()).toEqual({ complaints: before.complaints, steps: before.steps + 1 });
    // Once confirmed it is no draft: neither confirmed nor dismissed again.
    await expectApiError(
      manager.client.complaints.dismiss({ id: confirmed.id, version: confirmed.version, reason: '重复' }),
      'RULE',
      { reason: 'complaint.notDraft' },
    );
    // Overdue 8 h after the confirmation, not after the survey.
    t.clock.set(beijing('2026-11-23', '17:01'));
    expect(await manager.client.complaints.get({ id: confirmed.id })).toMatchObject({ overdue: true });
    // And it walks the eight steps like any other.
    const closed = await walk(await manager.client.complaints.get({ id: confirmed.id }), null);
    expect(closed.status).toBe('closed');
  });

  it('dismissing needs a reason, is refused to the person it is against, and leaves the closure rate alone', async () => {
    const ro = await deliveredRo('2026-11-18');
    t.clock.set(beijing('2026-11-22', '10:00'));
    const { complaint } = await survey(ro.id, { 3: 5 });
    const draft = await manager.client.complaints.get({ id: complaint!.id });
    const rateBefore = await manager.client.complaints.closureRate({ from: '2026-11-22', to: '2026-11-22' });
    expect(rateBefore).toMatchObject({ closed: 0, openOverTwoWeeks: 0, openUnderTwoWeeks: 0 });
    const before = snapshot();
    await expectApiError(
      manager.client.complaints.dismiss({ id: draft.id, version: draft.version, reason: '' }),
      'INVALID_INPUT',
      { field: 'reason' },
    );
    // The advisor the draft is against may not wave it away: only the manager decides a draft (issue 14).
    await expectApiError(
      advisor.client.complaints.dismiss({ id: draft.id, version: draft.version, reason: '客户误解' }),
      'FORBIDDEN',
      { reason: 'role.forbidden' },
    );
    await expectApiError(
      technician.client.complaints.dismiss({ id: draft.id, version: draft.version, reason: 'x' }),
      'FORBIDDEN',
    );
    expect(snapshot()).toEqual(before);

    t.clock.set(beijing('2026-11-22', '11:00'));
    const dismissed = await manager.client.complaints.dismiss({
      id: draft.id,
      version: draft.version,
      reason: '客户回电说明是误按，对服务满意',
    });
    expect(dismissed).toMatchObject({
      status: 'dismissed',
      nextStep: null,
      closedAt: beijing('2026-11-22', '11:00'),
      steps: [
        {
          number: 1,
          by: { id: manager.session.user.id },
          at: beijing('2026-11-22', '11:00'),
          data: { step: 'dismiss', reason: '客户回电说明是误按，对服务满意' },
        },
      ],
    });
    await expectApiError(
      manager.client.complaints.confirm({
        id: dismissed.id,
        version: dismissed.version,
        level: 'ordinary',
        againstDepartment: 'service',
        customerSays: 'x',
        customerWants: '',
      }),
      'RULE',
      { reason: 'complaint.notDraft' },
    );
    // Neither a draft nor a dismissed one counts, however old.
    expect(
      await manager.client.complaints.closureRate({ asOf: beijing('2026-12-31', '10:00'), from: '2026-11-22', to: '2026-11-22' }),
    ).toMatchObject({
      closed: 0,
      openOverTwoWeeks: 0,
      rate: null,
    });
    expect((await manager.client.complaints.list({ status: 'dismissed', limit: 100 })).rows.map((r) => r.id)).toContain(draft.id);
  });

  it('names the active users a complaint may be against', async () => {
    const people = await agent.client.complaints.people();
    expect(people.map((p) => p.id)).toEqual(expect.arrayContaining([advisor.session.user.id, technician.session.user.id]));
    expect(people.find((p) => p.id === advisor.session.user.id)).toMatchObject({ role: 'advisor' });
    await expectApiError(technician.client.complaints.people(), 'FORBIDDEN');
  });
});
