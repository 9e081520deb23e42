import { beforeAll, describe, expect, it } from 'vitest';
import type { SurveyTemplateDto } from '../../shared/contract/followup/surveys';
import { expectApiError } from '../fixtures/errors';
import {
  beijing,
  t,
  advisorA,
  advisorB,
  techX,
  techY,
  agent,
  manager,
  roFor,
  answers,
  useSurveysCore,
} from '../fixtures/surveys';

// CSI and NPS of a period (October 2026) spanning a template change. The template and recording a survey are in
// surveys-recording.test.ts; the shared core is tests/fixtures/surveys.ts.

useSurveysCore();

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
