import { sql, type Kysely } from 'kysely';
import { DEFAULT_SURVEY_QUESTIONS, DEFAULT_SURVEY_WEIGHTS } from './0015-default-survey';
import type { Migration } from './types';

/** The tables this migration seeds, as they are at this migration. */
type SurveyTablesV15 = {
  survey_templates: { id?: number; version: number; created_by: number | null; created_at: string };
  survey_template_weights: { template_id: number; factor: string; weight_pct: number };
  survey_questions: {
    template_id: number;
    position: number;
    text_zh: string;
    text_en: string;
    scale: string;
    factor: string | null;
    required: number;
  };
};

const SHIPPED_AT = '2026-11-01T00:00:00.000Z';

/**
 * Survey templates (versioned questions, factors and weights) and survey responses (issue 6). Frozen once landed.
 *
 * A template is never edited: the manager saves a new version, and each response keeps pointing at the version (and
 * the question rows) it was answered under. Each answer carries its question's scale and factor so the figures group
 * answers without joining the questions. A response keeps the RO's advisor and the technicians of its jobs as they
 * were when the customer answered, so later reassignments do not change history. Version 1 (the shipped survey of
 * electron/core/followup/survey-defaults.ts) is written here, so every database has a current template.
 */
export const migration: Migration = {
  name: '0015-create-surveys',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('survey_templates')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('version', 'integer', (c) =>
        c
          .notNull()
          .unique()
          .check(sql`version >= 1`),
      )
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('survey_template_weights')
      .addColumn('template_id', 'integer', (c) => c.notNull().references('survey_templates.id').onDelete('cascade'))
      // No CHECK on factor or scale: shared/domain/csi owns the lists.
      .addColumn('factor', 'text', (c) => c.notNull())
      .addColumn('weight_pct', 'integer', (c) => c.notNull().check(sql`weight_pct BETWEEN 0 AND 100`))
      .addPrimaryKeyConstraint('survey_template_weights_pk', ['template_id', 'factor'])
      .execute();
    await db.schema
      .createTable('survey_questions')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('template_id', 'integer', (c) => c.notNull().references('survey_templates.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('text_zh', 'text', (c) => c.notNull())
      .addColumn('text_en', 'text', (c) => c.notNull())
      .addColumn('scale', 'text', (c) => c.notNull())
      .addColumn('factor', 'text')
      .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('survey_questions_position', ['template_id', 'position'])
      .execute();
    await db.schema
      .createTable('survey_responses')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      // One survey per RO.
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().unique().references('repair_orders.id'))
      .addColumn('template_id', 'integer', (c) => c.notNull().references('survey_templates.id'))
      // The follow-up task the call was made from (migration 0016 comes later, so no reference here).
      .addColumn('followup_task_id', 'integer')
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('advisor_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('agent_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('answered_at', 'text', (c) => c.notNull())
      .addColumn('dissatisfied', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // The figures of a period, by advisor.
    await db.schema.createIndex('survey_responses_answered').on('survey_responses').column('answered_at').execute();
    await db.schema
      .createIndex('survey_responses_advisor')
      .on('survey_responses')
      .columns(['advisor_id', 'answered_at'])
      .execute();
    await db.schema
      .createTable('survey_response_technicians')
      .addColumn('response_id', 'integer', (c) => c.notNull().references('survey_responses.id').onDelete('cascade'))
      .addColumn('technician_id', 'integer', (c) => c.notNull().references('users.id'))
      .addPrimaryKeyConstraint('survey_response_technicians_pk', ['response_id', 'technician_id'])
      .execute();
    await db.schema
      .createIndex('survey_response_technicians_technician')
      .on('survey_response_technicians')
      .column('technician_id')
      .execute();
    await db.schema
      .createTable('survey_answers')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('response_id', 'integer', (c) => c.notNull().references('survey_responses.id').onDelete('cascade'))
      .addColumn('question_id', 'integer', (c) => c.notNull().references('survey_questions.id'))
      .addColumn('scale', 'text', (c) => c.notNull())
      .addColumn('factor', 'text')
      // 1-10 and 0-10 answers; yes/no as 1/0. Free text in value_text. Unanswered questions have no row.
      .addColumn('value_int', 'integer')
      .addColumn('value_text', 'text')
      .addUniqueConstraint('survey_answers_question', ['response_id', 'question_id'])
      .execute();
    await db.schema.createIndex('survey_answers_question_id').on('survey_answers').column('question_id').execute();
    // The figures read only these columns of a response's answers (covering: the rows themselves are not visited).
    await db.schema
      .createIndex('survey_answers_figures')
      .on('survey_answers')
      .columns(['response_id', 'scale', 'factor', 'value_int'])
      .execute();

    const seed = db as unknown as Kysely<SurveyTablesV15>;
    const template = await seed
      .insertInto('survey_templates')
      .values({ version: 1, created_by: null, created_at: SHIPPED_AT })
      .executeTakeFirstOrThrow();
    const templateId = Number(template.insertId);
    await seed
      .insertInto('survey_template_weights')
      .values(
        Object.entries(DEFAULT_SURVEY_WEIGHTS).map(([factor, weight]) => ({
          template_id: templateId,
          factor,
          weight_pct: weight,
        })),
      )
      .execute();
    await seed
      .insertInto('survey_questions')
      .values(
        DEFAULT_SURVEY_QUESTIONS.map((q, index) => ({
          template_id: templateId,
          position: index + 1,
          text_zh: q.textZh,
          text_en: q.textEn,
          scale: q.scale,
          factor: q.factor,
          required: q.required ? 1 : 0,
        })),
      )
      .execute();
  },
};
