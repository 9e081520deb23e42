import { describe, expect, it } from 'vitest';
import type { SaveSurveyTemplateInput } from '../../shared/contract/followup/surveys';
import { countRows } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import {
  beijing,
  t,
  advisorA,
  advisorB,
  foreman,
  techX,
  techY,
  agent,
  manager,
  roFor,
  answers,
  SATISFIED,
  useSurveysCore,
} from '../fixtures/surveys';

// The survey template and recording a survey. CSI and NPS of a period are in surveys-csi-nps.test.ts; the shared
// core is tests/fixtures/surveys.ts.

useSurveysCore();

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
