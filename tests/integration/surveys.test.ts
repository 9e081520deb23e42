import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import type { SaveSurveyTemplateInput, SurveyTemplateDto } from '../../shared/contract/followup/surveys';
import { FIXED_NOW, countRows, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { passQualityCheck } from '../fixtures/quality';
import { signIn, type SignedIn } from '../fixtures/users';

const BEIJING = 8 * 3600_000;
function beijing(day: string, time: string): string {
  return new Date(Date.parse(`${day}T${time}:00.000Z`) - BEIJING).toISOString();
}

let t: TestCore;
let advisorA: SignedIn;
let advisorB: SignedIn;
let foreman: SignedIn;
let techX: SignedIn;
let techY: SignedIn;
let agent: SignedIn;
let manager: SignedIn;

beforeAll(async () => {
  t = await openTestCore();
  advisorA = await signIn(t.core, 'advisor');
  advisorB = await signIn(t.core, 'advisor');
  foreman = await signIn(t.core, 'foreman');
  techX = await signIn(t.core, 'technician');
  techY = await signIn(t.core, 'technician');
  agent = await signIn(t.core, 'csi_agent');
  manager = await signIn(t.core, 'manager');
});

afterAll(async () => {
  await t.close();
});

beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

/**
 * An RO opened by `advisor` on a new vehicle, one job approved and dispatched to `technician`, walked through the
 * workshop and quality check and delivered at 17:00 on `day` (Beijing) through the API, as the comebacks tests do.
 * With `deliver: false` it stays open (in progress).
 */
async function roFor(advisor: SignedIn, technician: SignedIn, day: string, deliver = true): Promise<RepairOrderDetail> {
  const customer = await makeCustomer(advisor.client);
  const vehicleId = (await makeVehicle(advisor.client, customer.id)).id;
  const c = advisor.client.repairOrders;
  t.clock.set(beijing(day, '09:00'));
  let ro = await c.create({ vehicleId, concerns: ['保养'] });
  const jobId = ro.jobs[0]!.id;
  ro = await c.updateJob({
    id: ro.id,
    version: ro.version,
    jobId,
    concernGroup: 'maintenance',
    workCategory: 'level1_minor_special',
  });
  ro = await c.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: [{ jobId, decision: 'approved' }],
  });
  await foreman.client.workshop.assign({ jobId, technicianId: technician.session.user.id, overrideSkills: true });
  ro = await c.get({ id: ro.id });
  ro = await c.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
  if (!deliver) return ro;
  await passQualityCheck(foreman, ro.id);
  ro = await c.get({ id: ro.id });
  for (const to of ['qc', 'ready'] as const) ro = await c.transition({ id: ro.id, version: ro.version, to });
  t.clock.set(beijing(day, '17:00'));
  return c.deliver({ id: ro.id, version: ro.version, explanation: '已说明', collectedBy: '车主' });
}

type Value = number | boolean | string | null;

/** Answers by question position (1-based) of `template`; positions left out are not sent (unanswered). */
function answers(template: SurveyTemplateDto, byPosition: Record<number, Value>) {
  return Object.entries(byPosition).map(([position, value]) => {
    const question = template.questions.find((q) => q.position === Number(position));
    if (!question) throw new Error(`no question at ${position}`);
    return { questionId: question.id, value };
  });
}

/**
 * The shipped survey (version 1), by position:
 * 1 initiation (req), 2 initiation, 3 advisor courtesy (req), 4 advisor explanation, 5 facility (req),
 * 6 pick-up on time (req), 7 pick-up cleanliness, 8 quality (req), 9 recommend (req), 10 fixed first time (req), 11 text.
 */
const SATISFIED = { 1: 9, 3: 9, 5: 9, 6: 9, 8: 9, 9: 9, 10: true } as const;

describe('the survey template', () => {
  it('ships version 1 with the J.D. Power China 2015 weights, every factor asked on 1-10 and one recommend question', async () => {
    const template = await agent.client.followup.surveyTemplate();
    expect(template.version).toBe(1);
    expect(template.weights).toEqual({
      service_initiation: 19,
      service_advisor: 19,
      service_facility: 20,
      vehicle_pickup: 20,
      service_quality: 22,
    });
    expect(template.questions).toHaveLength(11);
    expect(template.questions[2]).toMatchObject({
      position: 3,
      textZh: '服务顾问的礼貌',
      scale: 'scale_1_10',
      factor: 'service_advisor',
      required: true,
    });
    expect(template.questions.filter((q) => q.scale === 'recommend_0_10')).toHaveLength(1);
    expect(template.questions.map((q) => q.scale)).toContain('yes_no');
    expect(template.questions.map((q) => q.scale)).toContain('text');
    expect((await manager.client.followup.surveyTemplateVersions()).map((v) => v.version)).toEqual([1]);
  });

  it('refuses weights that do not add up to 100 %, a weighted factor without a question, no recommend question: nothing written', async () => {
    const before = {
      templates: countRows(t.core, 'survey_templates'),
      questions: countRows(t.core, 'survey_questions'),
      weights: countRows(t.core, 'survey_template_weights'),
    };
    const questions: SaveSurveyTemplateInput['questions'] = [
      { textZh: '接待', textEn: 'Reception', scale: 'scale_1_10', factor: 'service_initiation', required: true },
      { textZh: '顾问', textEn: 'Advisor', scale: 'scale_1_10', factor: 'service_advisor', required: true },
      { textZh: '设施', textEn: 'Facility', scale: 'scale_1_10', factor: 'service_facility', required: true },
      { textZh: '交车', textEn: 'Pick-up', scale: 'scale_1_10', factor: 'vehicle_pickup', required: true },
      { textZh: '质量', textEn: 'Quality', scale: 'scale_1_10', factor: 'service_quality', required: true },
      { textZh: '推荐', textEn: 'Recommend', scale: 'recommend_0_10', factor: null, required: true },
    ];
    // 19 + 19 + 20 + 20 + 21 = 99.
    const weights = {
      service_initiation: 19,
      service_advisor: 19,
      service_facility: 20,
      vehicle_pickup: 20,
      service_quality: 21,
    };
    await expectApiError(manager.client.followup.saveSurveyTemplate({ questions, weights }), 'INVALID_INPUT', {
      field: 'weights',
      reason: 'survey.weightsSum',
      params: { sum: 99 },
    });
    const full = { ...weights, service_quality: 22 };
    await expectApiError(
      manager.client.followup.saveSurveyTemplate({
        questions: questions.filter((q) => q.factor !== 'vehicle_pickup'),
        weights: full,
      }),
      'INVALID_INPUT',
      { field: 'weights.vehicle_pickup', reason: 'survey.factorWithoutQuestion' },
    );
    await expectApiError(
      manager.client.followup.saveSurveyTemplate({ questions: questions.slice(0, 5), weights: full }),
      'INVALID_INPUT',
      { field: 'questions', reason: 'survey.recommendMissing' },
    );
    await expectApiError(
      manager.client.followup.saveSurveyTemplate({
        questions: [
          ...questions,
          { textZh: '是否一次修好', textEn: 'Fixed first time', scale: 'yes_no', factor: 'service_quality', required: true },
        ],
        weights: full,
      }),
      'INVALID_INPUT',
      { field: 'questions.6.factor', reason: 'survey.factorNeedsScale' },
    );
    // The CSI agent records surveys but does not edit them.
    await expectApiError(agent.client.followup.saveSurveyTemplate({ questions, weights: full }), 'FORBIDDEN');
    expect({
      templates: countRows(t.core, 'survey_templates'),
      questions: countRows(t.core, 'survey_questions'),
      weights: countRows(t.core, 'survey_template_weights'),
    }).toEqual(before);
    expect((await agent.client.followup.surveyTemplate()).version).toBe(1);
  });
});

describe('recording a survey', () => {
  it('flags a 5 on advisor courtesy as dissatisfied and keeps the RO, customer, advisor and technician for a complaint', async () => {
    const ro = await roFor(advisorA, techX, '2026-11-18');
    const template = await agent.client.followup.surveyTemplate();
    t.clock.set(beijing('2026-11-21', '10:00'));
    const result = await agent.client.followup.recordSurvey({
      repairOrderId: ro.id,
      answers: answers(template, { ...SATISFIED, 3: 5, 11: '顾问态度不好' }),
    });
    expect(result.dissatisfied).toBe(true);
    expect(result.reasons).toEqual([
      expect.objectContaining({ position: 3, textZh: '服务顾问的礼貌', scale: 'scale_1_10', value: 5 }),
    ]);

    // A later change of the job's technician and the RO's advisor (written straight into the file: the API does not
    // reassign a delivered RO) does not change the survey's history.
    t.core.deps.sqlite
      .prepare('UPDATE repair_order_jobs SET technician_id = ? WHERE repair_order_id = ?')
      .run(techY.session.user.id, ro.id);
    t.core.deps.sqlite.prepare('UPDATE repair_orders SET advisor_id = ? WHERE id = ?').run(advisorB.session.user.id, ro.id);

    const response = await manager.client.followup.surveyResponse({ id: result.responseId });
    expect(response).toMatchObject({
      repairOrder: { id: ro.id, number: ro.number },
      customer: { id: ro.customer.id, name: ro.customer.name },
      advisor: { id: advisorA.session.user.id },
      technicians: [{ id: techX.session.user.id }],
      agent: { id: agent.session.user.id },
      templateVersion: 1,
      answeredAt: beijing('2026-11-21', '10:00'),
      dissatisfied: true,
    });
    expect(response.answers).toHaveLength(11);
    expect(response.answers.find((a) => a.position === 3)).toMatchObject({ value: 5, dissatisfied: true });
    expect(response.answers.find((a) => a.position === 2)).toMatchObject({ value: null, dissatisfied: false });
    expect(response.answers.find((a) => a.position === 10)).toMatchObject({ value: true });
    expect(response.answers.find((a) => a.position === 11)).toMatchObject({ value: '顾问态度不好' });
    expect(response.reasons.map((r) => r.position)).toEqual([3]);

    // The advisor of the survey reads it; another advisor does not see it at all.
    expect((await advisorA.client.followup.surveyResponseOfOrder({ repairOrderId: ro.id }))?.id).toBe(result.responseId);
    await expectApiError(advisorB.client.followup.surveyResponse({ id: result.responseId }), 'NOT_FOUND');
    t.core.deps.sqlite.prepare('UPDATE repair_orders SET advisor_id = ? WHERE id = ?').run(advisorA.session.user.id, ro.id);

    // One survey per RO.
    const rows = countRows(t.core, 'survey_responses');
    await expectApiError(
      agent.client.followup.recordSurvey({ repairOrderId: ro.id, answers: answers(template, SATISFIED) }),
      'CONFLICT',
      { field: 'repairOrderId', reason: 'survey.alreadyAnswered' },
    );
    expect(countRows(t.core, 'survey_responses')).toBe(rows);
  });

  it('a satisfied survey is not flagged; a "no" on fixed-first-time and a 6 on recommend are', async () => {
    const template = await agent.client.followup.surveyTemplate();
    const happy = await roFor(advisorA, techX, '2026-11-18');
    t.clock.set(beijing('2026-11-21', '11:00'));
    expect(
      await agent.client.followup.recordSurvey({ repairOrderId: happy.id, answers: answers(template, { ...SATISFIED, 9: 7 }) }),
    ).toEqual({
      responseId: expect.any(Number),
      dissatisfied: false,
      reasons: [],
      complaint: null,
    });
    const unhappy = await roFor(advisorA, techX, '2026-11-18');
    t.clock.set(beijing('2026-11-21', '12:00'));
    const result = await manager.client.followup.recordSurvey({
      repairOrderId: unhappy.id,
      answers: answers(template, { ...SATISFIED, 9: 6, 10: false }),
    });
    expect(result.reasons.map((r) => [r.position, r.value])).toEqual([
      [9, 6],
      [10, false],
    ]);
  });

  it('refuses answers off the scale, missing required answers, unknown questions and undelivered ROs: nothing written', async () => {
    const template = await agent.client.followup.surveyTemplate();
    const ro = await roFor(advisorB, techY, '2026-11-19');
    const open = await roFor(advisorB, techY, '2026-11-19', false);
    const before = [
      countRows(t.core, 'survey_responses'),
      countRows(t.core, 'survey_answers'),
      countRows(t.core, 'survey_response_technicians'),
    ];

    await expectApiError(
      agent.client.followup.recordSurvey({ repairOrderId: open.id, answers: answers(template, SATISFIED) }),
      'RULE',
      {
        field: 'repairOrderId',
        reason: 'survey.notDelivered',
      },
    );
    // Position 1 is 1-10: 11 is off the scale; position 9 (recommend) may be 0; yes/no must be a boolean.
    const bad = answers(template, { ...SATISFIED, 1: 11 });
    await expectApiError(agent.client.followup.recordSurvey({ repairOrderId: ro.id, answers: bad }), 'INVALID_INPUT', {
      field: `answers.${bad.findIndex((a) => a.questionId === template.questions[0]!.id)}.value`,
      reason: 'survey.outOfScale',
      params: { min: 1, max: 10 },
    });
    await expectApiError(
      agent.client.followup.recordSurvey({ repairOrderId: ro.id, answers: answers(template, { ...SATISFIED, 10: 'yes' }) }),
      'INVALID_INPUT',
      { reason: 'survey.yesNo' },
    );
    // Courtesy (position 3) is required: left out, and sent as null.
    const { 3: _courtesy, ...withoutCourtesy } = SATISFIED;
    await expectApiError(
      agent.client.followup.recordSurvey({ repairOrderId: ro.id, answers: answers(template, withoutCourtesy) }),
      'INVALID_INPUT',
      { reason: 'survey.answerRequired', params: { position: 3 } },
    );
    await expectApiError(
      agent.client.followup.recordSurvey({ repairOrderId: ro.id, answers: answers(template, { ...SATISFIED, 3: null }) }),
      'INVALID_INPUT',
      { field: 'answers.1.value', reason: 'survey.answerRequired' },
    );
    await expectApiError(
      agent.client.followup.recordSurvey({
        repairOrderId: ro.id,
        answers: [...answers(template, SATISFIED), { questionId: 999_999, value: 5 }],
      }),
      'INVALID_INPUT',
      { field: 'answers.7.questionId', reason: 'survey.unknownQuestion' },
    );
    // Roles: the advisor, the technician and the foreman do not record surveys; the advisor may not read the figures.
    for (const who of [advisorA, techX, foreman]) {
      await expectApiError(
        who.client.followup.recordSurvey({ repairOrderId: ro.id, answers: answers(template, SATISFIED) }),
        'FORBIDDEN',
      );
    }
    for (const who of [advisorA, techX, foreman]) {
      await expectApiError(who.client.followup.csi({ from: '2026-11-01', to: '2026-11-30', groupBy: 'none' }), 'FORBIDDEN');
    }
    expect([
      countRows(t.core, 'survey_responses'),
      countRows(t.core, 'survey_answers'),
      countRows(t.core, 'survey_response_technicians'),
    ]).toEqual(before);
    // The manager who was this RO's advisor may not call its customer; the CSI agent may.
    const managersOwn = await roFor(manager, techY, '2026-11-19');
    await expectApiError(
      manager.client.followup.recordSurvey({ repairOrderId: managersOwn.id, answers: answers(template, SATISFIED) }),
      'FORBIDDEN',
      { field: 'repairOrderId', reason: 'survey.ownRo' },
    );
    expect(countRows(t.core, 'survey_responses')).toBe(before[0]);
    await agent.client.followup.recordSurvey({ repairOrderId: managersOwn.id, answers: answers(template, SATISFIED) });
    // The valid survey then goes through.
    t.clock.set(beijing('2026-11-22', '10:00'));
    expect(
      (await agent.client.followup.recordSurvey({ repairOrderId: ro.id, answers: answers(template, SATISFIED) })).dissatisfied,
    ).toBe(false);
  });
});

describe('CSI and NPS of a period (October 2026) spanning a template change', () => {
  /**
   * Four surveys answered in October (desk days), three under version 1 and one under version 2; one more answered
   * at 00:30 on 1 November (Beijing) is outside the period. Unanswered questions are simply not sent.
   *
   *        advisor  tech  v  init(1,2)  adv(3,4)  fac(5)  pick(6,7)  qual(8)  rec(9)  fixed(10)
   *   R1   A        X     1  9, –       10, 8     8       10, –      9        10      yes
   *   R2   A        Y     1  7, 9       8, –      6       8, 8       7        8       yes
   *   R3   B        X     1  10, –      5, –      9       9, –       10       6       no
   *   R4   B        Y     2  8          9         7       10         6        9       yes   (v2: one question per factor)
   *
   * Version 1 (weights 19/19/20/20/22), factor means over R1-R3:
   *   init (9+7+9+10)/4 = 8.75 → 875; adv (10+8+8+5)/4 = 7.75 → 775; fac (8+6+9)/3 → 766.67;
   *   pick (10+8+8+9)/4 = 8.75 → 875; qual (9+7+10)/3 → 866.67
   *   CSI v1 = 0.19×875 + 0.19×775 + 0.20×766.67 + 0.20×875 + 0.22×866.67 = 166.25 + 147.25 + 153.33 + 175 + 190.67 = 832.5
   * Version 2 (weights 10/30/10/10/40), R4: 0.1×800 + 0.3×900 + 0.1×700 + 0.1×1000 + 0.4×600 = 80+270+70+100+240 = 760
   * Period CSI = (3 × 832.5 + 1 × 760) ÷ 4 = 3257.5 ÷ 4 = 814.375 → 814.4
   * NPS: 10, 8, 6, 9 → promoters 2, detractors 1 of 4 → (2 − 1) ÷ 4 = +25
   * Answers: R1 9 (incl. the text), R2 9, R3 7, R4 7 = 32. Dissatisfied: R2 (fac 6), R3 (adv 5, rec 6, no), R4 (qual 6) = 3.
   */
  let v1: SurveyTemplateDto;
  let v2: SurveyTemplateDto;

  beforeAll(async () => {
    v1 = await agent.client.followup.surveyTemplate();
    const r1 = await roFor(advisorA, techX, '2026-10-02');
    const r2 = await roFor(advisorA, techY, '2026-10-02');
    const r3 = await roFor(advisorB, techX, '2026-10-03');
    const r4 = await roFor(advisorB, techY, '2026-10-20');
    const r5 = await roFor(advisorB, techY, '2026-10-28');
    t.clock.set(beijing('2026-10-05', '10:00'));
    await agent.client.followup.recordSurvey({
      repairOrderId: r1.id,
      answers: answers(v1, { 1: 9, 2: null, 3: 10, 4: 8, 5: 8, 6: 10, 8: 9, 9: 10, 10: true, 11: '很满意' }),
    });
    await agent.client.followup.recordSurvey({
      repairOrderId: r2.id,
      answers: answers(v1, { 1: 7, 2: 9, 3: 8, 4: null, 5: 6, 6: 8, 7: 8, 8: 7, 9: 8, 10: true, 11: '' }),
    });
    t.clock.set(beijing('2026-10-06', '10:00'));
    await agent.client.followup.recordSurvey({
      repairOrderId: r3.id,
      answers: answers(v1, { 1: 10, 3: 5, 5: 9, 6: 9, 8: 10, 9: 6, 10: false }),
    });

    t.clock.set(beijing('2026-10-10', '09:00'));
    v2 = await manager.client.followup.saveSurveyTemplate({
      questions: [
        { textZh: '接待是否及时', textEn: 'Prompt reception', scale: 'scale_1_10', factor: 'service_initiation', required: true },
        {
          textZh: '服务顾问的专业程度',
          textEn: 'Advisor’s expertise',
          scale: 'scale_1_10',
          factor: 'service_advisor',
          required: true,
        },
        { textZh: '休息区', textEn: 'Lounge', scale: 'scale_1_10', factor: 'service_facility', required: true },
        { textZh: '按时交车', textEn: 'On-time pick-up', scale: 'scale_1_10', factor: 'vehicle_pickup', required: true },
        { textZh: '维修质量', textEn: 'Quality of work', scale: 'scale_1_10', factor: 'service_quality', required: true },
        { textZh: '推荐意愿', textEn: 'Would recommend', scale: 'recommend_0_10', factor: null, required: true },
        { textZh: '是否一次修好', textEn: 'Fixed first time', scale: 'yes_no', factor: null, required: true },
      ],
      weights: { service_initiation: 10, service_advisor: 30, service_facility: 10, vehicle_pickup: 10, service_quality: 40 },
    });

    // 23:30 on 31 October in Beijing is still October on the desk.
    t.clock.set(beijing('2026-10-31', '23:30'));
    await agent.client.followup.recordSurvey({
      repairOrderId: r4.id,
      answers: answers(v2, { 1: 8, 2: 9, 3: 7, 4: 10, 5: 6, 6: 9, 7: true }),
    });
    // 00:30 on 1 November in Beijing (still 31 October in UTC) is outside the period: all 1s would show.
    t.clock.set(beijing('2026-11-01', '00:30'));
    await agent.client.followup.recordSurvey({
      repairOrderId: r5.id,
      answers: answers(v2, { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 0, 7: false }),
    });
  });

  const period = { from: '2026-10-01', to: '2026-10-31' } as const;

  it('the new version is current, the old answers keep theirs', async () => {
    expect(v2.version).toBe(2);
    expect((await agent.client.followup.surveyTemplate()).version).toBe(2);
    const versions = await manager.client.followup.surveyTemplateVersions();
    expect(versions.map((v) => [v.version, v.questions])).toEqual([
      [2, 7],
      [1, 11],
    ]);
    expect(versions[0]!.createdBy?.id).toBe(manager.session.user.id);
  });

  it('totals: CSI 814.4 (each version under its own weights), NPS +25, counts', async () => {
    const report = await manager.client.followup.csi({ ...period, groupBy: 'none' });
    expect(report.totals).toEqual({
      responses: 4,
      answers: 32,
      csi: 814.4,
      nps: 25,
      recommendAnswers: 4,
      promoters: 2,
      detractors: 1,
      dissatisfiedResponses: 3,
    });
    expect(report.rows).toEqual([]);
    // The CSI agent reads the figures too.
    expect((await agent.client.followup.csi({ ...period, groupBy: 'none' })).totals.csi).toBe(814.4);
  });

  it('by advisor', async () => {
    /*
     * A = R1, R2 (v1): init (9+7+9)/3 → 833.33; adv (10+8+8)/3 → 866.67; fac (8+6)/2 → 700; pick (10+8+8)/3 → 866.67;
     *   qual (9+7)/2 → 800. CSI = 0.19×(833.33+866.67) + 0.2×700 + 0.2×866.67 + 0.22×800 = 323 + 140 + 173.33 + 176 = 812.3
     *   NPS: 10, 8 → (1 − 0) ÷ 2 = +50
     * B = R3 (v1): 0.19×1000 + 0.19×500 + 0.2×900 + 0.2×900 + 0.22×1000 = 190+95+180+180+220 = 865; R4 (v2) 760
     *   CSI = (865 + 760) ÷ 2 = 812.5. NPS: 6, 9 → (1 − 1) ÷ 2 = 0
     */
    const { rows } = await manager.client.followup.csi({ ...period, groupBy: 'advisor' });
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(rows).toHaveLength(2);
    expect(byKey[String(advisorA.session.user.id)]).toMatchObject({
      label: advisorA.session.user.displayName,
      responses: 2,
      csi: 812.3,
      nps: 50,
      answers: 18,
    });
    expect(byKey[String(advisorB.session.user.id)]).toMatchObject({ responses: 2, csi: 812.5, nps: 0, answers: 14 });
  });

  it('by technician (as dispatched when the survey was answered)', async () => {
    /*
     * X = R1, R3 (v1): init (9+10)/2 → 950; adv (10+8+5)/3 → 766.67; fac (8+9)/2 → 850; pick (10+9)/2 → 950; qual (9+10)/2 → 950
     *   CSI = 180.5 + 145.67 + 170 + 190 + 209 = 895.17 → 895.2. NPS: 10, 6 → 0
     * Y = R2 (v1): 0.19×800 + 0.19×800 + 0.2×600 + 0.2×800 + 0.22×700 = 152+152+120+160+154 = 738; R4 (v2) 760
     *   CSI = (738 + 760) ÷ 2 = 749. NPS: 8, 9 → +50
     */
    const { rows } = await manager.client.followup.csi({ ...period, groupBy: 'technician' });
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byKey[String(techX.session.user.id)]).toMatchObject({ responses: 2, csi: 895.2, nps: 0 });
    expect(byKey[String(techY.session.user.id)]).toMatchObject({ responses: 2, csi: 749, nps: 50 });
  });

  it('by factor: the period’s answers pooled over both versions, unanswered questions left out', async () => {
    /*
     * init 9,7,9,10,8 → 43/5 = 8.6 → 860; adv 10,8,8,5,9 → 40/5 = 8 → 800; fac 8,6,9,7 → 30/4 = 7.5 → 750;
     * pick 10,8,8,9,10 → 45/5 = 9 → 900; qual 9,7,10,6 → 32/4 = 8 → 800
     */
    const report = await manager.client.followup.csi({ ...period, groupBy: 'factor' });
    expect(report.rows.map((r) => [r.key, r.score, r.answers])).toEqual([
      ['service_initiation', 860, 5],
      ['service_advisor', 800, 5],
      ['service_facility', 750, 4],
      ['vehicle_pickup', 900, 5],
      ['service_quality', 800, 4],
    ]);
    expect(report.factors.map((f) => f.score)).toEqual([860, 800, 750, 900, 800]);
  });

  it('by question', async () => {
    const { rows } = await manager.client.followup.csi({ ...period, groupBy: 'question' });
    const courtesy = rows.find((r) => r.key === String(v1.questions[2]!.id));
    // 10, 8, 5 → 23/3 = 7.67 → 766.7
    expect(courtesy).toMatchObject({ templateVersion: 1, answers: 3, mean: 7.67, score: 766.7, detractors: 1 });
    // Position 2 (initiation, optional) was answered once (R2: 9); sent as null in R1, not counted.
    expect(rows.find((r) => r.key === String(v1.questions[1]!.id))).toMatchObject({ answers: 1, score: 900 });
    // v1 yes/no: yes, yes, no → 66.7 %
    expect(rows.find((r) => r.key === String(v1.questions[9]!.id))).toMatchObject({ yesPercent: 66.7, answers: 3 });
    // v1 recommend: 10, 8, 6 → (1 − 1) ÷ 3 = 0
    expect(rows.find((r) => r.key === String(v1.questions[8]!.id))).toMatchObject({ nps: 0, answers: 3 });
    // Free text: R1 only (R2's empty text is not an answer).
    expect(rows.find((r) => r.key === String(v1.questions[10]!.id))).toMatchObject({ answers: 1, scale: 'text' });
    expect(rows.find((r) => r.key === String(v2.questions[4]!.id))).toMatchObject({ templateVersion: 2, answers: 1, score: 600 });
  });

  it('lists the period’s surveys with their verbatims, the dissatisfied ones, and an advisor’s own only', async () => {
    const all = await manager.client.followup.surveyResponses({ ...period });
    // R4 (31 Oct 23:30), R3 (6 Oct), R2 and R1 (5 Oct, R2 recorded later): newest first.
    expect(all.rows.map((r) => [r.templateVersion, r.dissatisfied, r.verbatim])).toEqual([
      [2, true, ''],
      [1, true, ''],
      [1, true, ''],
      [1, false, '很满意'],
    ]);
    const verbatims = await agent.client.followup.surveyResponses({ ...period, withVerbatim: true });
    expect(verbatims.rows.map((r) => r.verbatim)).toEqual(['很满意']);
    expect((await manager.client.followup.surveyResponses({ ...period, dissatisfied: false })).rows).toHaveLength(1);
    // Advisor A asks for B's surveys and still gets only their own two.
    const own = await advisorA.client.followup.surveyResponses({ ...period, advisorId: advisorB.session.user.id });
    expect(own.rows.map((r) => r.advisor.id)).toEqual([advisorA.session.user.id, advisorA.session.user.id]);
    const page = await manager.client.followup.surveyResponses({ ...period, limit: 3 });
    expect([page.rows.length, page.hasMore]).toEqual([3, true]);
  });

  it('the survey answered on 1 November counts in November only', async () => {
    const day = await manager.client.followup.csi({ from: '2026-11-01', to: '2026-11-01', groupBy: 'none' });
    // All 1s under v2 → every factor 100 → CSI 100; recommend 0 → NPS −100.
    expect(day.totals).toMatchObject({ responses: 1, csi: 100, nps: -100 });
    await expectApiError(
      manager.client.followup.csi({ from: '2026-10-31', to: '2026-10-01', groupBy: 'none' }),
      'INVALID_INPUT',
      {
        field: 'to',
        reason: 'dateRange.order',
      },
    );
  });
});
