import type { z } from 'zod';
import type {
  DissatisfiedReasonDto,
  RecordSurveyResultDto,
  SurveyAnswerDto,
  SurveyQuestionDto,
  SurveyResponseDto,
  SurveyResponseRowDto,
  SurveyTemplateDto,
  SurveyTemplateVersionDto,
  recordSurveyInput,
  saveSurveyTemplateInput,
  surveyResponsesInput,
} from '../../../../shared/contract/followup/surveys';
import type { ApiIssue } from '../../../../shared/contract/errors';
import type { Page } from '../../../../shared/contract/paging';
import { CSI_FACTORS, isDissatisfied, scaleRange, type SurveyScale, type SurveyValue } from '../../../../shared/domain/csi';
import { isoNow } from '../../clock';
import type { Actor, CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import { AppError, fail, notFound } from '../../errors';
import * as repo from './repository';
import { draftFromSurvey } from '../../complaints/service';
import { weightsFrom, bounds } from './figures';

// The CSI figures of a period are figures.ts.
export { csi } from './figures';

/** ROs in these states can be surveyed: the car has been handed back. */
const SURVEYABLE = new Set(['delivered', 'closed']);
const TEXT_MAX = 2000;

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
