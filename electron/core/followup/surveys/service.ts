import type { z } from 'zod';
import type {
  CsiFiguresDto,
  CsiReportDto,
  CsiRowDto,
  DissatisfiedReasonDto,
  FactorScoreDto,
  RecordSurveyResultDto,
  SurveyAnswerDto,
  SurveyQuestionDto,
  SurveyResponseDto,
  SurveyResponseRowDto,
  SurveyTemplateDto,
  SurveyTemplateVersionDto,
  csiInput,
  recordSurveyInput,
  saveSurveyTemplateInput,
  surveyResponsesInput,
} from '../../../../shared/contract/followup/surveys';
import type { ApiIssue } from '../../../../shared/contract/errors';
import type { Page } from '../../../../shared/contract/paging';
import {
  CSI_FACTORS,
  DEFAULT_CSI_WEIGHTS,
  combineVersions,
  csiOf,
  factorScore,
  isDissatisfied,
  npsOf,
  round1,
  scaleRange,
  type CsiFactor,
  type CsiWeights,
  type SurveyScale,
  type SurveyValue,
} from '../../../../shared/domain/csi';
import { addDays, instantAt } from '../../../../shared/domain/desk-time';
import { isoNow } from '../../clock';
import type { Actor, CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import { AppError, fail, notFound } from '../../errors';
import * as repo from './repository';
import { draftFromSurvey } from '../../complaints/service';

/** ROs in these states can be surveyed: the car has been handed back. */
const SURVEYABLE = new Set(['delivered', 'closed']);
const TEXT_MAX = 2000;

function weightsFrom(rows: { factor: CsiFactor; weight_pct: number }[]): CsiWeights {
  const weights: CsiWeights = { ...DEFAULT_CSI_WEIGHTS };
  for (const factor of CSI_FACTORS) weights[factor] = 0;
  for (const row of rows) if ((CSI_FACTORS as readonly string[]).includes(row.factor)) weights[row.factor] = row.weight_pct;
  return weights;
}

function questionDto(row: repo.QuestionRow): SurveyQuestionDto {
  return {
    id: row.id,
    position: row.position,
    textZh: row.text_zh,
    textEn: row.text_en,
    scale: row.scale,
    factor: row.factor,
    required: row.required === 1,
  };
}

async function templateDto(db: Db, row: repo.TemplateRow): Promise<SurveyTemplateDto> {
  const [questions, weights] = await Promise.all([repo.questionsOf(db, row.id), repo.weightsOf(db, [row.id])]);
  return {
    id: row.id,
    version: row.version,
    questions: questions.map(questionDto),
    weights: weightsFrom(weights),
    createdBy: row.created_by !== null ? { id: row.created_by, displayName: row.creator_name ?? '' } : null,
    createdAt: row.created_at,
  };
}

async function current(db: Db): Promise<repo.TemplateRow> {
  const row = await repo.currentTemplate(db);
  // Migration 0015 writes version 1; a database without it is broken.
  if (!row) throw new Error('no survey template: migration 0015 did not run');
  return row;
}

export async function surveyTemplate(deps: CoreDeps): Promise<SurveyTemplateDto> {
  return deps.db.transaction().execute(async (trx) => templateDto(trx, await current(trx)));
}

export async function surveyTemplateVersions(deps: CoreDeps): Promise<SurveyTemplateVersionDto[]> {
  return deps.db.transaction().execute(async (trx) => {
    const rows = await repo.templateVersions(trx);
    const weights = await repo.weightsOf(trx);
    return rows.map((row) => ({
      id: row.id,
      version: row.version,
      questions: Number(row.questions ?? 0),
      weights: weightsFrom(weights.filter((w) => w.template_id === row.id)),
      createdBy: row.created_by !== null ? { id: row.created_by, displayName: row.creator_name ?? '' } : null,
      createdAt: row.created_at,
      responses: Number(row.responses ?? 0),
    }));
  });
}

/** The template rules are checked by the input schema (shared/domain/csi templateProblems); this writes the version. */
export async function saveSurveyTemplate(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof saveSurveyTemplateInput>,
): Promise<SurveyTemplateDto> {
  const dto = await deps.db.transaction().execute(async (trx) => {
    const latest = await current(trx);
    const templateId = await repo.insertTemplate(
      trx,
      { version: latest.version + 1, createdBy: actor.id, createdAt: isoNow(deps.clock) },
      input.questions.map((q, index) => ({
        position: index + 1,
        text_zh: q.textZh,
        text_en: q.textEn,
        scale: q.scale,
        factor: q.factor,
        required: q.required ? 1 : 0,
      })),
      CSI_FACTORS.map((factor) => ({ factor, weight_pct: input.weights[factor] })),
    );
    const row = await repo.templateById(trx, templateId);
    if (!row) throw new Error('survey template vanished');
    return templateDto(trx, row);
  });
  deps.events.publish({ area: 'followup', id: dto.id });
  return dto;
}

/** The stored form of one answer, or the reason it does not fit its question's scale. */
function storedValue(
  scale: SurveyScale,
  value: SurveyValue | null,
): { ok: true; int: number | null; text: string | null } | { ok: false; reason: string; params?: Record<string, number> } {
  if (value === null) return { ok: true, int: null, text: null };
  const range = scaleRange(scale);
  if (range) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
      return { ok: false, reason: 'survey.outOfScale', params: range };
    }
    return { ok: true, int: value, text: null };
  }
  if (scale === 'yes_no') {
    if (typeof value !== 'boolean') return { ok: false, reason: 'survey.yesNo' };
    return { ok: true, int: value ? 1 : 0, text: null };
  }
  if (typeof value !== 'string') return { ok: false, reason: 'survey.text' };
  const text = value.trim();
  if (text.length > TEXT_MAX) return { ok: false, reason: 'survey.text' };
  return { ok: true, int: null, text: text === '' ? null : text };
}

function reasonOf(question: repo.QuestionRow, value: number | boolean): DissatisfiedReasonDto {
  return {
    questionId: question.id,
    position: question.position,
    textZh: question.text_zh,
    textEn: question.text_en,
    scale: question.scale,
    value,
  };
}

/** The answer as the screen sees it: numbers, true/false for yes/no, text. */
function answerValue(scale: string, int: number | null, text: string | null): number | boolean | string | null {
  if (scale === 'yes_no') return int === null ? null : int === 1;
  if (scale === 'text') return text;
  return int;
}

export async function recordSurvey(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof recordSurveyInput>,
): Promise<RecordSurveyResultDto> {
  const result = await deps.db.transaction().execute(async (trx) => {
    const ro = await repo.findOrder(trx, input.repairOrderId);
    if (!ro) notFound('repairOrder');
    if (!SURVEYABLE.has(ro.status)) fail('RULE', 'survey.notDelivered', 'repairOrderId');
    if (ro.advisor_id === actor.id) fail('FORBIDDEN', 'survey.ownRo', 'repairOrderId');
    if (await repo.responseIdOfOrder(trx, ro.id)) fail('CONFLICT', 'survey.alreadyAnswered', 'repairOrderId');
    if (input.followUpTaskId !== undefined) {
      const task = await repo.followUpTaskOrder(trx, input.followUpTaskId);
      if (!task || task.repair_order_id !== ro.id) fail('INVALID_INPUT', 'survey.taskMismatch', 'followUpTaskId');
    }

    const template = await current(trx);
    const questions = await repo.questionsOf(trx, template.id);
    const byId = new Map(questions.map((q) => [q.id, q]));
    const issues: ApiIssue[] = [];
    const given = new Map<number, { int: number | null; text: string | null }>();
    input.answers.forEach((answer, index) => {
      const question = byId.get(answer.questionId);
      if (!question) {
        issues.push({ field: `answers.${index}.questionId`, reason: 'survey.unknownQuestion' });
        return;
      }
      if (given.has(question.id)) {
        issues.push({ field: `answers.${index}.questionId`, reason: 'survey.duplicateAnswer' });
        return;
      }
      const stored = storedValue(question.scale, answer.value);
      if (!stored.ok) {
        issues.push({
          field: `answers.${index}.value`,
          reason: stored.reason,
          ...(stored.params ? { params: stored.params } : {}),
        });
        return;
      }
      given.set(question.id, { int: stored.int, text: stored.text });
    });
    for (const question of questions) {
      const answer = given.get(question.id);
      if (question.required === 1 && (!answer || (answer.int === null && answer.text === null))) {
        const index = input.answers.findIndex((a) => a.questionId === question.id);
        // Left out of the input altogether: no field to point at, the question's position says which.
        issues.push({
          ...(index >= 0 ? { field: `answers.${index}.value` } : {}),
          reason: 'survey.answerRequired',
          params: { position: question.position },
        });
      }
    }
    if (issues.length > 0) throw new AppError('INVALID_INPUT', issues);

    const answers = questions.flatMap((q) => {
      const answer = given.get(q.id);
      if (!answer || (answer.int === null && answer.text === null)) return [];
      return [{ question_id: q.id, scale: q.scale, factor: q.factor, value_int: answer.int, value_text: answer.text }];
    });
    const reasons = questions.flatMap((q) => {
      const answer = given.get(q.id);
      if (!answer || answer.int === null) return [];
      const value = answerValue(q.scale, answer.int, null) as number | boolean;
      return isDissatisfied(q.scale, value) ? [reasonOf(q, value)] : [];
    });
    const responseId = await repo.insertResponse(
      trx,
      {
        repair_order_id: ro.id,
        template_id: template.id,
        followup_task_id: input.followUpTaskId ?? null,
        customer_id: ro.customer_id,
        advisor_id: ro.advisor_id,
        agent_id: actor.id,
        answered_at: isoNow(deps.clock),
        dissatisfied: reasons.length > 0 ? 1 : 0,
      },
      await repo.orderTechnicians(trx, ro.id),
      answers,
    );
    // A dissatisfied survey opens a complaint draft for the manager, in this same transaction.
    const complaint = reasons.length > 0 ? await draftFromSurvey(trx, actor, responseId, isoNow(deps.clock)) : null;
    return { responseId, dissatisfied: reasons.length > 0, reasons, complaint };
  });
  deps.events.publish({ area: 'followup', id: result.responseId });
  if (result.complaint) deps.events.publish({ area: 'complaints', id: result.complaint.id });
  return result;
}

async function responseDto(db: Db, actor: Actor, responseId: number): Promise<SurveyResponseDto> {
  const row = await repo.responseById(db, responseId);
  // An advisor reads the surveys of their own ROs only; another's is as good as absent.
  if (!row || (actor.role === 'advisor' && row.advisor_id !== actor.id)) notFound('surveyResponse');
  const [questions, answers, technicians] = await Promise.all([
    repo.questionsOf(db, row.template_id),
    repo.responseAnswers(db, row.id),
    repo.responseTechnicians(db, row.id),
  ]);
  const byQuestion = new Map(answers.map((a) => [a.question_id, a]));
  const list: SurveyAnswerDto[] = questions.map((q) => {
    const answer = byQuestion.get(q.id);
    const value = answer ? answerValue(q.scale, answer.value_int, answer.value_text) : null;
    return { ...questionDto(q), questionId: q.id, value, dissatisfied: isDissatisfied(q.scale, value) };
  });
  return {
    id: row.id,
    repairOrder: { id: row.ro_id, number: row.ro_number, status: row.ro_status },
    customer: { id: row.customer_id, name: row.customer_name },
    vehicle: { id: row.vehicle_id, plate: row.plate },
    advisor: { id: row.advisor_id, displayName: row.advisor_name },
    technicians: technicians.map((t) => ({ id: t.id, displayName: t.display_name })),
    agent: { id: row.agent_id, displayName: row.agent_name },
    followUpTaskId: row.followup_task_id,
    templateVersion: row.template_version,
    answeredAt: row.answered_at,
    dissatisfied: row.dissatisfied === 1,
    reasons: questions.flatMap((q) => {
      const answer = list.find((a) => a.questionId === q.id);
      return answer && answer.dissatisfied && typeof answer.value !== 'string' && answer.value !== null
        ? [reasonOf(q, answer.value)]
        : [];
    }),
    answers: list,
  };
}

export async function surveyResponse(deps: CoreDeps, actor: Actor, input: { id: number }): Promise<SurveyResponseDto> {
  return deps.db.transaction().execute((trx) => responseDto(trx, actor, input.id));
}

export async function surveyResponseOfOrder(
  deps: CoreDeps,
  actor: Actor,
  input: { repairOrderId: number },
): Promise<SurveyResponseDto | null> {
  return deps.db.transaction().execute(async (trx) => {
    const found = await repo.responseIdOfOrder(trx, input.repairOrderId);
    if (!found) return null;
    return responseDto(trx, actor, found.id);
  });
}

/** Advisors see their own ROs' surveys only, whatever advisor they ask for. */
export async function surveyResponses(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof surveyResponsesInput>,
): Promise<Page<SurveyResponseRowDto>> {
  const advisorId = actor.role === 'advisor' ? actor.id : input.advisorId;
  const rows = await repo.responsePage(deps.db, bounds(input), {
    ...(input.dissatisfied !== undefined ? { dissatisfied: input.dissatisfied } : {}),
    ...(advisorId !== undefined ? { advisorId } : {}),
    withVerbatim: input.withVerbatim,
    offset: input.offset,
    limit: input.limit,
  });
  return {
    rows: rows.slice(0, input.limit).map((row) => ({
      id: row.id,
      answeredAt: row.answered_at,
      repairOrder: { id: row.ro_id, number: row.ro_number },
      customer: { id: row.customer_id, name: row.customer_name },
      plate: row.plate,
      advisor: { id: row.advisor_id, displayName: row.advisor_name },
      agent: { id: row.agent_id, displayName: row.agent_name },
      templateVersion: row.template_version,
      dissatisfied: row.dissatisfied === 1,
      verbatim: row.verbatim ?? '',
    })),
    hasMore: rows.length > input.limit,
  };
}

// ---- figures ----

function emptyFigures(): CsiFiguresDto {
  return {
    responses: 0,
    answers: 0,
    csi: null,
    nps: null,
    recommendAnswers: 0,
    promoters: 0,
    detractors: 0,
    dissatisfiedResponses: 0,
  };
}

/**
 * CSI per row key: each template version's CSI from its own responses' factor means and its own weights, then the
 * versions averaged by their numbers of responses (shared/domain/csi combineVersions).
 */
function csiByKey(
  means: repo.FactorMeanRow[],
  responses: { k: string; template_id: number; responses: number }[],
  weights: Map<number, CsiWeights>,
): Map<string, number | null> {
  const scores = new Map<string, Partial<Record<CsiFactor, number | null>>>();
  for (const row of means) {
    const key = `${row.k}\u0000${row.template_id}`;
    const entry = scores.get(key) ?? {};
    entry[row.factor] = factorScore(Number(row.mean));
    scores.set(key, entry);
  }
  const parts = new Map<string, { responses: number; csi: number | null }[]>();
  for (const row of responses) {
    const versionWeights = weights.get(row.template_id) ?? DEFAULT_CSI_WEIGHTS;
    const csi = csiOf(scores.get(`${row.k}\u0000${row.template_id}`) ?? {}, versionWeights);
    const list = parts.get(row.k) ?? [];
    list.push({ responses: Number(row.responses), csi });
    parts.set(row.k, list);
  }
  return new Map([...parts].map(([k, list]) => [k, combineVersions(list)]));
}

async function figuresByKey(
  db: Db,
  period: repo.PeriodBounds,
  by: 'none' | 'advisor' | 'technician',
): Promise<Map<string, CsiFiguresDto>> {
  const [means, responses, counts] = await Promise.all([
    repo.factorMeans(db, period, by),
    repo.csiResponses(db, period, by),
    repo.counts(db, period, by),
  ]);
  const templateIds = [...new Set(responses.map((r) => r.template_id))];
  const weightRows = await repo.weightsOf(db, templateIds);
  const weights = new Map(templateIds.map((tid) => [tid, weightsFrom(weightRows.filter((w) => w.template_id === tid))]));
  const csi = csiByKey(means, responses, weights);
  const figures = new Map<string, CsiFiguresDto>();
  for (const row of counts) {
    const recommendAnswers = Number(row.recommend);
    const promoters = Number(row.promoters);
    const detractors = Number(row.detractors);
    figures.set(row.k, {
      responses: Number(row.responses),
      answers: Number(row.answers),
      csi: round1(csi.get(row.k) ?? null),
      nps: round1(npsOf({ answers: recommendAnswers, promoters, detractors })),
      recommendAnswers,
      promoters,
      detractors,
      dissatisfiedResponses: Number(row.dissatisfied),
    });
  }
  return figures;
}

function row(key: string, label: string, labelEn: string, figures: CsiFiguresDto, extra: Partial<CsiRowDto> = {}): CsiRowDto {
  return {
    key,
    label,
    labelEn,
    ...figures,
    score: null,
    mean: null,
    yesPercent: null,
    scale: null,
    templateVersion: null,
    ...extra,
  };
}

/** The period of desk days (both included) as UTC instants. */
function bounds(input: { from: string; to: string }): repo.PeriodBounds {
  return { from: instantAt(input.from, 0).toISOString(), before: instantAt(addDays(input.to, 1), 0).toISOString() };
}

export async function csi(deps: CoreDeps, input: z.output<typeof csiInput>): Promise<CsiReportDto> {
  return deps.db.transaction().execute(async (trx) => {
    const period = bounds(input);
    const totals = (await figuresByKey(trx, period, 'none')).get('') ?? emptyFigures();
    const pooled = await repo.pooledFactors(trx, period);
    const factors: FactorScoreDto[] = CSI_FACTORS.map((factor) => {
      const found = pooled.find((p) => p.factor === factor);
      return {
        factor,
        score: round1(found ? factorScore(Number(found.mean)) : null),
        answers: found ? Number(found.answers) : 0,
      };
    });
    let rows: CsiRowDto[] = [];
    if (input.groupBy === 'advisor' || input.groupBy === 'technician') {
      const byKey = await figuresByKey(trx, period, input.groupBy);
      const names = new Map(
        (await repo.userNames(trx, [...byKey.keys()].map(Number))).map((u) => [String(u.id), u.display_name]),
      );
      rows = [...byKey]
        .map(([key, figures]) => row(key, names.get(key) ?? '', names.get(key) ?? '', figures))
        .sort((a, b) => b.responses - a.responses || a.label.localeCompare(b.label));
    } else if (input.groupBy === 'factor') {
      rows = CSI_FACTORS.map((factor) => {
        const found = pooled.find((p) => p.factor === factor);
        const mean = found ? Number(found.mean) : null;
        return row(
          factor,
          '',
          '',
          { ...emptyFigures(), responses: found ? Number(found.responses) : 0, answers: found ? Number(found.answers) : 0 },
          {
            score: round1(factorScore(mean)),
            mean: mean === null ? null : Math.round(mean * 100) / 100,
          },
        );
      });
    } else if (input.groupBy === 'question') {
      rows = (await repo.questionFigures(trx, period)).map((q) => {
        const answers = Number(q.answers);
        const mean = q.mean === null ? null : Number(q.mean);
        const scale = q.scale;
        const promoters = scale === 'recommend_0_10' ? Number(q.promoters) : 0;
        const detractors = scale === 'recommend_0_10' || scale === 'scale_1_10' ? Number(q.detractors) : 0;
        return row(
          String(q.id),
          q.text_zh,
          q.text_en,
          {
            ...emptyFigures(),
            responses: Number(q.responses),
            answers,
            nps: scale === 'recommend_0_10' ? round1(npsOf({ answers, promoters, detractors })) : null,
            recommendAnswers: scale === 'recommend_0_10' ? answers : 0,
            promoters,
            detractors,
            // Answers of this question that flag a survey dissatisfied.
            dissatisfiedResponses: scale === 'yes_no' ? answers - Math.round((mean ?? 0) * answers) : detractors,
          },
          {
            score: scale === 'scale_1_10' ? round1(factorScore(mean)) : null,
            mean:
              scale === 'scale_1_10' || scale === 'recommend_0_10' ? (mean === null ? null : Math.round(mean * 100) / 100) : null,
            yesPercent: scale === 'yes_no' ? round1(mean === null ? null : mean * 100) : null,
            scale,
            templateVersion: q.version,
          },
        );
      });
    }
    return { from: input.from, to: input.to, groupBy: input.groupBy, totals, factors, rows };
  });
}
