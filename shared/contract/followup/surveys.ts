import { type } from '@orpc/contract';
import { z } from 'zod';
import {
  CSI_FACTORS,
  SURVEY_SCALES,
  templateProblems,
  type CsiFactor,
  type CsiWeights,
  type SurveyScale,
} from '../../domain/csi';
import { procedure } from '../base';
import { reasonIssue } from '../errors';
import { id, isoDate, refuseInvisible, singleLine } from '../fields';
import { pageInput, type Page } from '../paging';

/** Survey templates and answers, CSI and NPS (issue 6): followup.* */

/** The CSI agent makes the calls and records surveys; the manager edits the template and reads everything. */
const RECORD = ['csi_agent', 'manager'] as const;
const EDIT = ['manager'] as const;
/** Advisors read the survey results of their own ROs. */
const READ_RESPONSE = ['csi_agent', 'manager', 'advisor'] as const;

const weightPct = z.int().min(0).max(100);

export const surveyQuestionInput = z.strictObject({
  textZh: singleLine().min(1).max(200),
  textEn: singleLine().min(1).max(200),
  scale: z.enum(SURVEY_SCALES),
  /** The CSI factor a 1-10 question counts towards; null for a question outside the CSI. */
  factor: z.enum(CSI_FACTORS).nullable(),
  required: z.boolean(),
});

export const saveSurveyTemplateInput = z
  .strictObject({
    /** In the order they are asked; position = index + 1. */
    questions: z.array(surveyQuestionInput).min(1).max(50),
    /** Whole percent per factor; they must add up to 100. */
    weights: z.strictObject({
      service_initiation: weightPct,
      service_advisor: weightPct,
      service_facility: weightPct,
      vehicle_pickup: weightPct,
      service_quality: weightPct,
    }),
  })
  .superRefine((value, ctx) => {
    for (const problem of templateProblems(value.questions, value.weights)) {
      ctx.addIssue({
        ...reasonIssue(problem.reason, problem.params),
        path: problem.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      });
    }
  });
export type SaveSurveyTemplateInput = z.input<typeof saveSurveyTemplateInput>;

export interface SurveyQuestionDto {
  id: number;
  position: number;
  textZh: string;
  textEn: string;
  scale: SurveyScale;
  factor: CsiFactor | null;
  required: boolean;
}

export interface SurveyTemplateDto {
  id: number;
  version: number;
  questions: SurveyQuestionDto[];
  weights: CsiWeights;
  createdBy: { id: number; displayName: string } | null;
  createdAt: string;
}

/** A template version in the list of versions (newest first). */
export interface SurveyTemplateVersionDto {
  id: number;
  version: number;
  questions: number;
  weights: CsiWeights;
  createdBy: { id: number; displayName: string } | null;
  createdAt: string;
  /** Responses answered under this version. */
  responses: number;
}

export const surveyAnswerInput = z.strictObject({
  questionId: id,
  /** 1-10 or 0-10 for the numeric scales, true/false for yes/no, text for free text; null = not answered. */
  value: z.union([z.number(), z.boolean(), z.string().max(2000).superRefine(refuseInvisible(true)), z.null()]),
});

export const recordSurveyInput = z.strictObject({
  repairOrderId: id,
  /** The follow-up task the call was made from; it must be for the same RO. */
  followUpTaskId: id.optional(),
  answers: z.array(surveyAnswerInput).max(100),
});
export type RecordSurveyInput = z.input<typeof recordSurveyInput>;

/** A question whose answer flagged the survey dissatisfied. */
export interface DissatisfiedReasonDto {
  questionId: number;
  position: number;
  textZh: string;
  textEn: string;
  scale: SurveyScale;
  value: number | boolean;
}

export interface RecordSurveyResultDto {
  responseId: number;
  dissatisfied: boolean;
  reasons: DissatisfiedReasonDto[];
  /** The complaint draft a dissatisfied survey opened for the manager (null when satisfied). */
  complaint: { id: number; number: string } | null;
}

export interface SurveyAnswerDto extends SurveyQuestionDto {
  questionId: number;
  /** Null when the question was not answered. */
  value: number | boolean | string | null;
  /** This answer flags the survey dissatisfied. */
  dissatisfied: boolean;
}

export interface SurveyResponseDto {
  id: number;
  repairOrder: { id: number; number: string; status: string };
  customer: { id: number; name: string };
  vehicle: { id: number; plate: string };
  /** The RO's advisor and the technicians of its jobs when the survey was answered. */
  advisor: { id: number; displayName: string };
  technicians: { id: number; displayName: string }[];
  agent: { id: number; displayName: string };
  followUpTaskId: number | null;
  templateVersion: number;
  answeredAt: string;
  dissatisfied: boolean;
  reasons: DissatisfiedReasonDto[];
  /** Every question of the response's template version, in order; unanswered ones with value null. */
  answers: SurveyAnswerDto[];
}

export const CSI_GROUPINGS = ['none', 'advisor', 'technician', 'factor', 'question'] as const;
export type CsiGrouping = (typeof CSI_GROUPINGS)[number];

export const csiInput = z
  .strictObject({
    /** Desk days (Asia/Shanghai) the surveys were answered on, both included. */
    from: isoDate,
    to: isoDate,
    groupBy: z.enum(CSI_GROUPINGS).default('none'),
  })
  .superRefine((value, ctx) => {
    if (value.to < value.from) ctx.addIssue({ ...reasonIssue('dateRange.order'), path: ['to'] });
  });
export type CsiInput = z.input<typeof csiInput>;

export interface FactorScoreDto {
  factor: CsiFactor;
  /** Mean of the factor's 1-10 answers × 100 (100..1,000); null when nobody answered. */
  score: number | null;
  answers: number;
}

export interface CsiFiguresDto {
  /** Surveys answered in the period (in this row). */
  responses: number;
  /** Questions answered (unanswered ones are not counted). */
  answers: number;
  /** On the 1,000-point scale, one decimal; null without a 1-10 answer. */
  csi: number | null;
  /** −100..+100, one decimal; null without a recommend answer. */
  nps: number | null;
  recommendAnswers: number;
  promoters: number;
  detractors: number;
  dissatisfiedResponses: number;
}

/**
 * A row of the breakdown. advisor/technician: key = user id, label = name, the figures of their surveys.
 * factor: key = factor, score = factor score. question: key = question id, label/labelEn = its text, score =
 * mean × 100 for 1-10, nps for recommend, yesPercent for yes/no (answers only for free text).
 */
export interface CsiRowDto extends CsiFiguresDto {
  key: string;
  label: string;
  labelEn: string;
  score: number | null;
  mean: number | null;
  yesPercent: number | null;
  scale: SurveyScale | null;
  templateVersion: number | null;
}

export interface CsiReportDto {
  from: string;
  to: string;
  groupBy: CsiGrouping;
  totals: CsiFiguresDto;
  /** Factor scores of the period, all versions pooled. */
  factors: FactorScoreDto[];
  rows: CsiRowDto[];
}

export const surveyResponsesInput = pageInput
  .extend({
    /** Desk days (Asia/Shanghai) the surveys were answered on, both included. */
    from: isoDate,
    to: isoDate,
    /** Only dissatisfied surveys (true) or only satisfied ones (false); all when left out. */
    dissatisfied: z.boolean().optional(),
    advisorId: id.optional(),
    /** Only surveys with a free-text answer (the verbatims of the monthly report). */
    withVerbatim: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (value.to < value.from) ctx.addIssue({ ...reasonIssue('dateRange.order'), path: ['to'] });
  });
export type SurveyResponsesInput = z.input<typeof surveyResponsesInput>;

export interface SurveyResponseRowDto {
  id: number;
  answeredAt: string;
  repairOrder: { id: number; number: string };
  customer: { id: number; name: string };
  plate: string;
  advisor: { id: number; displayName: string };
  agent: { id: number; displayName: string };
  templateVersion: number;
  dissatisfied: boolean;
  /** The free-text answers, in question order, joined by a blank line; '' when none. */
  verbatim: string;
}

export const surveysContract = {
  /** The survey in force (highest version): its questions in order and its factor weights. */
  surveyTemplate: procedure.meta({ access: 'signed-in' }).input(z.strictObject({}).optional()).output(type<SurveyTemplateDto>()),

  /** Every version of the survey, newest first, with how many responses each has. */
  surveyTemplateVersions: procedure
    .meta({ access: RECORD })
    .input(z.strictObject({}).optional())
    .output(type<SurveyTemplateVersionDto[]>()),

  /**
   * Writes a NEW version of the survey (the next version number); earlier answers keep pointing at their own
   * version. Refused field by field when the weights do not add up to 100 % ('survey.weightsSum'), a factor with a
   * weight has no 1-10 question ('survey.factorWithoutQuestion'), a factor is named on a question that is not 1-10
   * ('survey.factorNeedsScale'), or there is not exactly one recommend question ('survey.recommendMissing',
   * 'survey.recommendTwice').
   */
  saveSurveyTemplate: procedure.meta({ access: EDIT }).input(saveSurveyTemplateInput).output(type<SurveyTemplateDto>()),

  /**
   * Records the customer's answers for a delivered or closed RO under the current template version, with the RO's
   * advisor and its jobs' technicians as they are now. Each answer is checked against its question's scale;
   * required questions must be answered, the others may be null or left out. One survey per RO
   * ('survey.alreadyAnswered'). Any 1-6 on a 1-10 question, 0-6 on the recommend question or "no" flags the survey
   * dissatisfied; the questions that did are returned (a complaint draft is made from them).
   */
  recordSurvey: procedure.meta({ access: RECORD }).input(recordSurveyInput).output(type<RecordSurveyResultDto>()),

  /** One survey with every question of its version, the RO, customer, advisor and technicians (pre-fills a complaint). Advisors: their own ROs only. */
  surveyResponse: procedure.meta({ access: READ_RESPONSE }).input(z.strictObject({ id })).output(type<SurveyResponseDto>()),

  /** The survey of an RO, or null when it has none yet. Advisors: their own ROs only. */
  surveyResponseOfOrder: procedure
    .meta({ access: READ_RESPONSE })
    .input(z.strictObject({ repairOrderId: id }))
    .output(type<SurveyResponseDto | null>()),

  /**
   * The surveys answered in a period, newest first, with their verbatims: the agent's and manager's list, the
   * monthly report's verbatims, the dissatisfied surveys a complaint is drafted from. Advisors: their own ROs only.
   */
  surveyResponses: procedure
    .meta({ access: READ_RESPONSE })
    .input(surveyResponsesInput)
    .output(type<Page<SurveyResponseRowDto>>()),

  /**
   * CSI, NPS and counts of the surveys answered in a period, broken down by advisor, technician (a survey counts for
   * every technician of its RO; surveys without one are in the totals only), factor or question. Factor score = mean
   * of the factor's 1-10 answers × 100; CSI = Σ weight × factor score (1,000 points) with the weights of the version
   * the answers were given under: a period spanning versions takes each version's CSI (its own responses' factor
   * means, its own weights) and averages them by their numbers of responses. A factor nobody answered is left out
   * and the other weights count in proportion. NPS = % 9-10 − % 0-6 of the recommend answers.
   */
  csi: procedure.meta({ access: RECORD }).input(csiInput).output(type<CsiReportDto>()),
};
