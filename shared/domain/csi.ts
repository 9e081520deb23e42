/**
 * Customer satisfaction (docs/domain.md "CSI, NPS and follow-up"): the survey's scales and factors, the figures and the
 * dissatisfied rule. Pure: the core aggregates the answers in SQL and hands the sums to these functions.
 *
 * Our convention, stated in every report: factor score = mean of that factor's 1-10 answers × 100 (100..1,000);
 * CSI = Σ weight × factor score with the weights as fractions of 100 %, on a 1,000-point scale; questions not
 * answered are left out (not counted as zero). NPS = % of 9-10 answers − % of 0-6 answers to the recommend question.
 */

/** How a question is answered. */
export const SURVEY_SCALES = ['scale_1_10', 'recommend_0_10', 'yes_no', 'text'] as const;
export type SurveyScale = (typeof SURVEY_SCALES)[number];

/** The CSI factors (J.D. Power China CSI 2015), in the order of the customer's visit. */
export const CSI_FACTORS = [
  'service_initiation',
  'service_advisor',
  'service_facility',
  'vehicle_pickup',
  'service_quality',
] as const;
export type CsiFactor = (typeof CSI_FACTORS)[number];

/** Factor weights in whole percent; they must add up to 100. */
export type CsiWeights = Record<CsiFactor, number>;

/** J.D. Power China CSI 2015. */
export const DEFAULT_CSI_WEIGHTS: CsiWeights = {
  service_initiation: 19,
  service_advisor: 19,
  service_facility: 20,
  vehicle_pickup: 20,
  service_quality: 22,
};

export const WEIGHTS_TOTAL = 100;

/** The range of a numeric scale; null for yes/no and free text. */
export function scaleRange(scale: SurveyScale): { min: number; max: number } | null {
  if (scale === 'scale_1_10') return { min: 1, max: 10 };
  if (scale === 'recommend_0_10') return { min: 0, max: 10 };
  return null;
}

/** An answer as stored: numbers for the numeric scales, true/false for yes/no, text for free text. */
export type SurveyValue = number | boolean | string;

/** Any 1-6 on a 1-10 scale, 0-6 on the recommend question, or "no" on a yes/no question. */
export function isDissatisfied(scale: SurveyScale, value: SurveyValue | null): boolean {
  if (value === null) return false;
  if (scale === 'scale_1_10' || scale === 'recommend_0_10') return typeof value === 'number' && value <= 6;
  if (scale === 'yes_no') return value === false;
  return false;
}

/** Factor score from the mean of the factor's 1-10 answers: mean × 100 (a mean of 8.5 scores 850). */
export function factorScore(mean: number | null): number | null {
  return mean === null ? null : mean * 100;
}

/**
 * CSI = Σ weight × factor score, weights as fractions of 100 %. A factor nobody answered is left out and the
 * remaining weights count in proportion (Σ weight × score ÷ Σ weight of the answered factors), so an unanswered
 * factor does not drag the figure to zero. Null when no factor has an answer.
 */
export function csiOf(scores: Partial<Record<CsiFactor, number | null>>, weights: CsiWeights): number | null {
  let weighted = 0;
  let weightSum = 0;
  for (const factor of CSI_FACTORS) {
    const score = scores[factor];
    const weight = weights[factor];
    if (score === null || score === undefined || weight <= 0) continue;
    weighted += weight * score;
    weightSum += weight;
  }
  return weightSum === 0 ? null : weighted / weightSum;
}

/**
 * A period that spans template versions: each version's CSI (its own weights, its own responses' factor means)
 * counts in proportion to the responses given under it. Parts without a CSI are left out.
 */
export function combineVersions(parts: readonly { responses: number; csi: number | null }[]): number | null {
  let weighted = 0;
  let responses = 0;
  for (const part of parts) {
    if (part.csi === null || part.responses <= 0) continue;
    weighted += part.csi * part.responses;
    responses += part.responses;
  }
  return responses === 0 ? null : weighted / responses;
}

/** NPS = (promoters − detractors) ÷ answers × 100, from −100 to +100; null without recommend answers. */
export function npsOf(counts: { answers: number; promoters: number; detractors: number }): number | null {
  if (counts.answers <= 0) return null;
  return ((counts.promoters - counts.detractors) / counts.answers) * 100;
}

/** Figures are shown with one decimal. */
export function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

/** A question of a template as the template rules see it. */
export interface TemplateQuestionShape {
  scale: SurveyScale;
  factor: CsiFactor | null;
}

/** One thing wrong with a template: the field (dotted path into the save input) and the reason key. */
export interface TemplateProblem {
  field: string;
  reason: string;
  params?: Record<string, number | string>;
}

/**
 * The rules a template must keep: the weights add up to 100 %; a factor is only named on 1-10 questions; every
 * factor with a weight has at least one 1-10 question (else its weight would never count); exactly one recommend
 * question (NPS needs it).
 */
export function templateProblems(questions: readonly TemplateQuestionShape[], weights: CsiWeights): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const sum = CSI_FACTORS.reduce((total, factor) => total + weights[factor], 0);
  if (sum !== WEIGHTS_TOTAL) problems.push({ field: 'weights', reason: 'survey.weightsSum', params: { sum } });
  questions.forEach((question, index) => {
    if (question.factor !== null && question.scale !== 'scale_1_10') {
      problems.push({ field: `questions.${index}.factor`, reason: 'survey.factorNeedsScale' });
    }
  });
  for (const factor of CSI_FACTORS) {
    if (weights[factor] > 0 && !questions.some((q) => q.scale === 'scale_1_10' && q.factor === factor)) {
      problems.push({ field: `weights.${factor}`, reason: 'survey.factorWithoutQuestion' });
    }
  }
  const recommend = questions.flatMap((q, index) => (q.scale === 'recommend_0_10' ? [index] : []));
  if (recommend.length === 0) problems.push({ field: 'questions', reason: 'survey.recommendMissing' });
  for (const index of recommend.slice(1)) problems.push({ field: `questions.${index}.scale`, reason: 'survey.recommendTwice' });
  return problems;
}
