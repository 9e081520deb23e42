import { describe, expect, test } from 'vitest';
import {
  DEFAULT_CSI_WEIGHTS,
  combineVersions,
  csiOf,
  factorScore,
  isDissatisfied,
  npsOf,
  round1,
  templateProblems,
  type TemplateQuestionShape,
} from '../../shared/domain/csi';

describe('factor score and CSI', () => {
  test('factor score is the mean × 100', () => {
    // Answers 8 and 9: mean 8.5 → 850.
    expect(factorScore(8.5)).toBe(850);
    expect(factorScore(null)).toBeNull();
  });

  test('CSI is the weighted sum of the factor scores on the 1,000-point scale', () => {
    // Default weights 19/19/20/20/22:
    // 0.19×900 + 0.19×800 + 0.20×700 + 0.20×1000 + 0.22×600 = 171 + 152 + 140 + 200 + 132 = 795
    const csi = csiOf(
      { service_initiation: 900, service_advisor: 800, service_facility: 700, vehicle_pickup: 1000, service_quality: 600 },
      DEFAULT_CSI_WEIGHTS,
    );
    expect(csi).toBeCloseTo(795, 9);
  });

  test('a factor nobody answered is left out, the other weights count in proportion (not zero)', () => {
    // Only service_advisor (19, score 800) and service_quality (22, score 600) answered:
    // (19×800 + 22×600) ÷ (19 + 22) = (15200 + 13200) ÷ 41 = 28400 ÷ 41 = 692.68…
    const csi = csiOf({ service_advisor: 800, service_quality: 600, service_facility: null }, DEFAULT_CSI_WEIGHTS);
    expect(csi).toBeCloseTo(28400 / 41, 9);
    expect(round1(csi)).toBe(692.7);
    // Counting the missing factors as zero would give 284: the rule must not.
    expect(csi).not.toBeCloseTo(284, 0);
    expect(csiOf({}, DEFAULT_CSI_WEIGHTS)).toBeNull();
  });

  test('a factor with weight 0 does not count even when answered', () => {
    const weights = { service_initiation: 0, service_advisor: 50, service_facility: 0, vehicle_pickup: 0, service_quality: 50 };
    // (50×1000 + 50×500) ÷ 100 = 750; the initiation answers (100) are ignored.
    expect(csiOf({ service_initiation: 100, service_advisor: 1000, service_quality: 500 }, weights)).toBe(750);
  });

  test('versions are averaged by their responses', () => {
    // 3 responses at 800 and 1 at 600: (2400 + 600) ÷ 4 = 750; a version without CSI is left out.
    expect(
      combineVersions([
        { responses: 3, csi: 800 },
        { responses: 1, csi: 600 },
        { responses: 5, csi: null },
      ]),
    ).toBe(750);
    expect(combineVersions([])).toBeNull();
  });
});

describe('NPS', () => {
  test('% promoters − % detractors', () => {
    // 10 answers: 5 promoters (9-10), 3 passives (7-8), 2 detractors (0-6): 50 % − 20 % = +30.
    expect(npsOf({ answers: 10, promoters: 5, detractors: 2 })).toBe(30);
    // 3 answers, 1 promoter, 2 detractors: (1 − 2) ÷ 3 × 100 = −33.33… → −33.3
    expect(round1(npsOf({ answers: 3, promoters: 1, detractors: 2 }))).toBe(-33.3);
    expect(npsOf({ answers: 4, promoters: 0, detractors: 4 })).toBe(-100);
    expect(npsOf({ answers: 0, promoters: 0, detractors: 0 })).toBeNull();
  });
});

describe('dissatisfied', () => {
  test.each([
    ['scale_1_10', 6, true],
    ['scale_1_10', 1, true],
    ['scale_1_10', 7, false],
    ['recommend_0_10', 0, true],
    ['recommend_0_10', 6, true],
    ['recommend_0_10', 7, false],
    ['yes_no', false, true],
    ['yes_no', true, false],
    ['text', 'terrible', false],
    ['scale_1_10', null, false],
  ] as const)('%s answered %s → %s', (scale, value, expected) => {
    expect(isDissatisfied(scale, value)).toBe(expected);
  });
});

describe('template rules', () => {
  const full: TemplateQuestionShape[] = [
    { scale: 'scale_1_10', factor: 'service_initiation' },
    { scale: 'scale_1_10', factor: 'service_advisor' },
    { scale: 'scale_1_10', factor: 'service_facility' },
    { scale: 'scale_1_10', factor: 'vehicle_pickup' },
    { scale: 'scale_1_10', factor: 'service_quality' },
    { scale: 'recommend_0_10', factor: null },
    { scale: 'yes_no', factor: null },
  ];

  test('the default weights with one question per factor and a recommend question pass', () => {
    expect(templateProblems(full, DEFAULT_CSI_WEIGHTS)).toEqual([]);
  });

  test('weights must add up to 100', () => {
    expect(templateProblems(full, { ...DEFAULT_CSI_WEIGHTS, service_quality: 21 })).toEqual([
      { field: 'weights', reason: 'survey.weightsSum', params: { sum: 99 } },
    ]);
  });

  test('a weighted factor needs a 1-10 question; a factor only on 1-10 questions; exactly one recommend', () => {
    const questions: TemplateQuestionShape[] = [
      { scale: 'scale_1_10', factor: 'service_initiation' },
      { scale: 'scale_1_10', factor: 'service_advisor' },
      { scale: 'scale_1_10', factor: 'service_facility' },
      { scale: 'yes_no', factor: 'vehicle_pickup' },
      { scale: 'scale_1_10', factor: 'service_quality' },
    ];
    expect(templateProblems(questions, DEFAULT_CSI_WEIGHTS)).toEqual([
      { field: 'questions.3.factor', reason: 'survey.factorNeedsScale' },
      { field: 'weights.vehicle_pickup', reason: 'survey.factorWithoutQuestion' },
      { field: 'questions', reason: 'survey.recommendMissing' },
    ]);
    // A factor with weight 0 needs no question.
    const noPickup = { ...DEFAULT_CSI_WEIGHTS, vehicle_pickup: 0, service_quality: 42 };
    const fixed = [...questions.slice(0, 3), questions[4]!, { scale: 'recommend_0_10' as const, factor: null }];
    expect(templateProblems(fixed, noPickup)).toEqual([]);
    expect(templateProblems([...fixed, { scale: 'recommend_0_10', factor: null }], noPickup)).toEqual([
      { field: 'questions.5.scale', reason: 'survey.recommendTwice' },
    ]);
  });
});
