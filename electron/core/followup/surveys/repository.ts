import { sql } from 'kysely';
import type { CsiGrouping } from '../../../../shared/contract/followup/surveys';
import type { CsiFactor, SurveyScale } from '../../../../shared/domain/csi';
import { wallClock } from '../../../../shared/domain/desk-time';
import type { Db } from '../../db/connection';

/** The period as UTC instants: surveys answered at or after `from` and before `before`. */
export interface PeriodBounds {
  from: string;
  before: string;
}

export interface TemplateRow {
  id: number;
  version: number;
  created_by: number | null;
  created_at: string;
  creator_name: string | null;
}

const templateColumns = ['t.id', 't.version', 't.created_by', 't.created_at', 'u.display_name as creator_name'] as const;

/** The template in force: the highest version. */
export function currentTemplate(db: Db): Promise<TemplateRow | undefined> {
  return db
    .selectFrom('survey_templates as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .select(templateColumns)
    .orderBy('t.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function templateById(db: Db, templateId: number): Promise<TemplateRow | undefined> {
  return db
    .selectFrom('survey_templates as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .select(templateColumns)
    .where('t.id', '=', templateId)
    .executeTakeFirst();
}

/** Every version, newest first, with its question and response counts. */
export function templateVersions(db: Db) {
  return db
    .selectFrom('survey_templates as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .select([
      ...templateColumns,
      (eb) =>
        eb
          .selectFrom('survey_questions as q')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('q.template_id', '=', 't.id')
          .as('questions'),
      (eb) =>
        eb
          .selectFrom('survey_responses as r')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('r.template_id', '=', 't.id')
          .as('responses'),
    ])
    .orderBy('t.version', 'desc')
    .execute();
}

export interface QuestionRow {
  id: number;
  template_id: number;
  position: number;
  text_zh: string;
  text_en: string;
  scale: SurveyScale;
  factor: CsiFactor | null;
  required: number;
}

export function questionsOf(db: Db, templateId: number): Promise<QuestionRow[]> {
  return db.selectFrom('survey_questions').selectAll().where('template_id', '=', templateId).orderBy('position').execute();
}

/** Weights of the given templates (all of them when left out). */
export function weightsOf(db: Db, templateIds?: number[]) {
  let query = db.selectFrom('survey_template_weights').select(['template_id', 'factor', 'weight_pct']);
  if (templateIds) {
    if (templateIds.length === 0) return Promise.resolve([]);
    query = query.where('template_id', 'in', templateIds);
  }
  return query.execute();
}

export async function insertTemplate(
  db: Db,
  template: { version: number; createdBy: number; createdAt: string },
  questions: Omit<QuestionRow, 'id' | 'template_id'>[],
  weights: { factor: CsiFactor; weight_pct: number }[],
): Promise<number> {
  const inserted = await db
    .insertInto('survey_templates')
    .values({ version: template.version, created_by: template.createdBy, created_at: template.createdAt })
    .executeTakeFirstOrThrow();
  const templateId = Number(inserted.insertId);
  await db
    .insertInto('survey_template_weights')
    .values(weights.map((w) => ({ template_id: templateId, ...w })))
    .execute();
  await db
    .insertInto('survey_questions')
    .values(questions.map((q) => ({ template_id: templateId, ...q })))
    .execute();
  return templateId;
}

/** What recording a survey needs of the RO. */
export function findOrder(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_orders')
    .select(['id', 'status', 'advisor_id', 'customer_id'])
    .where('id', '=', repairOrderId)
    .executeTakeFirst();
}

/** The technicians of the RO's approved jobs, each once. */
export async function orderTechnicians(db: Db, repairOrderId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('repair_order_jobs')
    .select('technician_id')
    .distinct()
    .where('repair_order_id', '=', repairOrderId)
    .where('authorization_state', '=', 'approved')
    .where('technician_id', 'is not', null)
    .execute();
  return rows.flatMap((row) => (row.technician_id === null ? [] : [row.technician_id]));
}

export function followUpTaskOrder(db: Db, taskId: number) {
  return db.selectFrom('followup_tasks').select(['id', 'repair_order_id']).where('id', '=', taskId).executeTakeFirst();
}

export function responseIdOfOrder(db: Db, repairOrderId: number) {
  return db.selectFrom('survey_responses').select('id').where('repair_order_id', '=', repairOrderId).executeTakeFirst();
}

export async function insertResponse(
  db: Db,
  response: {
    repair_order_id: number;
    template_id: number;
    followup_task_id: number | null;
    customer_id: number;
    advisor_id: number;
    agent_id: number;
    answered_at: string;
    dissatisfied: number;
  },
  technicianIds: number[],
  answers: {
    question_id: number;
    scale: SurveyScale;
    factor: CsiFactor | null;
    value_int: number | null;
    value_text: string | null;
  }[],
): Promise<number> {
  const inserted = await db.insertInto('survey_responses').values(response).executeTakeFirstOrThrow();
  const responseId = Number(inserted.insertId);
  if (technicianIds.length > 0) {
    await db
      .insertInto('survey_response_technicians')
      .values(technicianIds.map((technician_id) => ({ response_id: responseId, technician_id })))
      .execute();
  }
  if (answers.length > 0) {
    await db
      .insertInto('survey_answers')
      .values(answers.map((a) => ({ response_id: responseId, ...a })))
      .execute();
  }
  return responseId;
}

export function responseById(db: Db, responseId: number) {
  return db
    .selectFrom('survey_responses as s')
    .innerJoin('repair_orders as r', 'r.id', 's.repair_order_id')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .innerJoin('users as adv', 'adv.id', 's.advisor_id')
    .innerJoin('users as ag', 'ag.id', 's.agent_id')
    .innerJoin('survey_templates as t', 't.id', 's.template_id')
    .select([
      's.id',
      's.template_id',
      's.followup_task_id',
      's.answered_at',
      's.dissatisfied',
      's.advisor_id',
      'adv.display_name as advisor_name',
      's.agent_id',
      'ag.display_name as agent_name',
      'r.id as ro_id',
      'r.number as ro_number',
      'r.status as ro_status',
      'c.id as customer_id',
      'c.name as customer_name',
      'v.id as vehicle_id',
      'v.plate',
      't.version as template_version',
    ])
    .where('s.id', '=', responseId)
    .executeTakeFirst();
}

export function responseTechnicians(db: Db, responseId: number) {
  return db
    .selectFrom('survey_response_technicians as rt')
    .innerJoin('users as u', 'u.id', 'rt.technician_id')
    .select(['u.id', 'u.display_name'])
    .where('rt.response_id', '=', responseId)
    .orderBy('u.display_name')
    .execute();
}

export function responseAnswers(db: Db, responseId: number) {
  return db
    .selectFrom('survey_answers')
    .select(['question_id', 'value_int', 'value_text'])
    .where('response_id', '=', responseId)
    .execute();
}

// ---- figures (aggregated in SQL; the JS side only combines a few rows per group, version and factor) ----

/** The responses of the period, each with the key of the row it counts in (a response may count in several). */
function keyed(db: Db, period: PeriodBounds, by: CsiGrouping) {
  const base = db
    .selectFrom('survey_responses as r')
    .where('r.answered_at', '>=', period.from)
    .where('r.answered_at', '<', period.before);
  if (by === 'technician') {
    return base
      .innerJoin('survey_response_technicians as rt', 'rt.response_id', 'r.id')
      .select([sql<string>`CAST(rt.technician_id AS TEXT)`.as('k'), 'r.id as response_id', 'r.template_id', 'r.dissatisfied']);
  }
  const key = by === 'advisor' ? sql<string>`CAST(r.advisor_id AS TEXT)` : sql<string>`''`;
  return base.select([key.as('k'), 'r.id as response_id', 'r.template_id', 'r.dissatisfied']);
}

/**
 * The CSI figures below read the summary rows of migration 0025 (report_csi_days, report_csi_factor_days: per desk
 * day, template version and the totals, each advisor or each technician), kept by triggers as surveys are recorded,
 * so a month or a year is a range of a few thousand small rows. A period here is always whole desk days
 * (surveys/figures's bounds).
 */
function summaryScope(period: PeriodBounds, by: CsiGrouping) {
  const from = wallClock(new Date(period.from));
  const last = wallClock(new Date(Date.parse(period.before) - 1));
  if (from.minutes !== 0 || wallClock(new Date(period.before)).minutes !== 0)
    throw new Error('CSI figures: a period is whole desk days');
  return {
    kind: by === 'technician' || by === 'advisor' ? by : 'all',
    from: from.day,
    to: last.day,
    key: by === 'advisor' || by === 'technician' ? sql<string>`CAST(s.person_id AS TEXT)` : sql<string>`''`,
  };
}

export interface FactorMeanRow {
  k: string;
  template_id: number;
  factor: CsiFactor;
  mean: number;
  answers: number;
}

/** Mean of the 1-10 answers per row key, template version and factor. */
export function factorMeans(db: Db, period: PeriodBounds, by: CsiGrouping): Promise<FactorMeanRow[]> {
  const scope = summaryScope(period, by);
  return db
    .selectFrom('report_csi_factor_days as s')
    .where('s.kind', '=', scope.kind)
    .where('s.day', '>=', scope.from)
    .where('s.day', '<=', scope.to)
    .select([
      scope.key.as('k'),
      's.template_id',
      's.factor',
      sql<number>`CAST(sum(s.value_sum) AS REAL) / sum(s.answers)`.as('mean'),
      sql<number>`sum(s.answers)`.as('answers'),
    ])
    .groupBy(['k', 's.template_id', 's.factor'])
    .having(sql`sum(s.answers)`, '>', 0)
    .execute();
}

/** Responses with at least one factor answer, per row key and template version (what a version's CSI counts for). */
export function csiResponses(db: Db, period: PeriodBounds, by: CsiGrouping) {
  const scope = summaryScope(period, by);
  return db
    .selectFrom('report_csi_days as s')
    .where('s.kind', '=', scope.kind)
    .where('s.day', '>=', scope.from)
    .where('s.day', '<=', scope.to)
    .select([scope.key.as('k'), 's.template_id', sql<number>`sum(s.csi_responses)`.as('responses')])
    .groupBy(['k', 's.template_id'])
    .having(sql`sum(s.csi_responses)`, '>', 0)
    .execute();
}

export interface CountsRow {
  k: string;
  responses: number;
  dissatisfied: number;
  answers: number;
  recommend: number;
  promoters: number;
  detractors: number;
}

/** Responses, answers and the recommend counts per row key. */
export function counts(db: Db, period: PeriodBounds, by: CsiGrouping): Promise<CountsRow[]> {
  const scope = summaryScope(period, by);
  return db
    .selectFrom('report_csi_days as s')
    .where('s.kind', '=', scope.kind)
    .where('s.day', '>=', scope.from)
    .where('s.day', '<=', scope.to)
    .select([
      scope.key.as('k'),
      sql<number>`sum(s.responses)`.as('responses'),
      sql<number>`sum(s.dissatisfied)`.as('dissatisfied'),
      sql<number>`sum(s.answers)`.as('answers'),
      sql<number>`sum(s.recommend)`.as('recommend'),
      sql<number>`sum(s.promoters)`.as('promoters'),
      sql<number>`sum(s.detractors)`.as('detractors'),
    ])
    .groupBy('k')
    .having(sql`sum(s.responses)`, '>', 0)
    .execute();
}

/** Factor means of the period, all versions pooled. */
export function pooledFactors(db: Db, period: PeriodBounds) {
  const scope = summaryScope(period, 'none');
  return db
    .selectFrom('report_csi_factor_days as s')
    .where('s.kind', '=', scope.kind)
    .where('s.day', '>=', scope.from)
    .where('s.day', '<=', scope.to)
    .select([
      's.factor',
      sql<number>`CAST(sum(s.value_sum) AS REAL) / sum(s.answers)`.as('mean'),
      sql<number>`sum(s.answers)`.as('answers'),
      sql<number>`sum(s.responses)`.as('responses'),
    ])
    .groupBy('s.factor')
    .having(sql`sum(s.answers)`, '>', 0)
    .execute();
}

/** Per question of any version answered in the period: the answer counts and means. */
export function questionFigures(db: Db, period: PeriodBounds) {
  return db
    .with('b', () => keyed(db, period, 'none'))
    .selectFrom('b')
    .innerJoin('survey_answers as a', 'a.response_id', 'b.response_id')
    .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
    .innerJoin('survey_templates as t', 't.id', 'q.template_id')
    .select((eb) => [
      'q.id',
      'q.text_zh',
      'q.text_en',
      'q.scale',
      'q.position',
      't.version',
      eb.fn.count<number>('a.id').as('answers'),
      eb.fn.count<number>('b.response_id').distinct().as('responses'),
      sql<number | null>`avg(a.value_int)`.as('mean'),
      sql<number>`count(CASE WHEN a.value_int >= 9 THEN a.id END)`.as('promoters'),
      sql<number>`count(CASE WHEN a.value_int <= 6 THEN a.id END)`.as('detractors'),
    ])
    .groupBy('q.id')
    .orderBy('t.version', 'desc')
    .orderBy('q.position')
    .execute();
}

export function userNames(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
}

/** A page of the period's responses, newest first (one row more than asked), with their free-text answers joined. */
export function responsePage(
  db: Db,
  period: PeriodBounds,
  filter: { dissatisfied?: boolean; advisorId?: number; withVerbatim: boolean; offset: number; limit: number },
) {
  let query = db
    .selectFrom('survey_responses as s')
    .innerJoin('repair_orders as r', 'r.id', 's.repair_order_id')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .innerJoin('users as adv', 'adv.id', 's.advisor_id')
    .innerJoin('users as ag', 'ag.id', 's.agent_id')
    .innerJoin('survey_templates as t', 't.id', 's.template_id')
    .select([
      's.id',
      's.answered_at',
      's.dissatisfied',
      'r.id as ro_id',
      'r.number as ro_number',
      'c.id as customer_id',
      'c.name as customer_name',
      'v.plate',
      's.advisor_id',
      'adv.display_name as advisor_name',
      's.agent_id',
      'ag.display_name as agent_name',
      't.version as template_version',
      (eb) =>
        eb
          .selectFrom('survey_answers as a')
          .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
          .select(sql<string>`group_concat(a.value_text, char(10) || char(10) ORDER BY q.position)`.as('v'))
          .whereRef('a.response_id', '=', 's.id')
          .where('a.value_text', 'is not', null)
          .as('verbatim'),
    ])
    .where('s.answered_at', '>=', period.from)
    .where('s.answered_at', '<', period.before);
  if (filter.dissatisfied !== undefined) query = query.where('s.dissatisfied', '=', filter.dissatisfied ? 1 : 0);
  if (filter.advisorId !== undefined) query = query.where('s.advisor_id', '=', filter.advisorId);
  if (filter.withVerbatim) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('survey_answers as a')
          .select(sql`1`.as('one'))
          .whereRef('a.response_id', '=', 's.id')
          .where('a.value_text', 'is not', null),
      ),
    );
  }
  return query
    .orderBy('s.answered_at', 'desc')
    .orderBy('s.id', 'desc')
    .offset(filter.offset)
    .limit(filter.limit + 1)
    .execute();
}
