import { sql } from 'kysely';
import { type Sql, deskDay, ONE, MINUS_ONE, body, changed } from './sql';

// Part of migration 0025 (../0025-create-report-summaries.ts), frozen once landed.

// ---- surveys ----

export const CSI_SUMS = sql`responses = responses + excluded.responses, csi_responses = csi_responses + excluded.csi_responses,
  dissatisfied = dissatisfied + excluded.dissatisfied, answers = answers + excluded.answers,
  recommend = recommend + excluded.recommend, promoters = promoters + excluded.promoters,
  detractors = detractors + excluded.detractors, verbatims = verbatims + excluded.verbatims`;
export const CSI_COLUMNS = sql`kind, day, person_id, template_id, responses, csi_responses, dissatisfied, answers, recommend,
  promoters, detractors, verbatims`;
export const FACTOR_SUMS = sql`answers = answers + excluded.answers, value_sum = value_sum + excluded.value_sum,
  responses = responses + excluded.responses`;

/**
 * Whom a response counts for: everyone (kind 'all', person 0: the totals, read by trends), its advisor, and every
 * technician of its RO (followup.csi by technician).
 */
function keysOf(responseId: Sql, advisorId: Sql): Sql {
  return sql`SELECT 'all' AS kind, 0 AS person_id
    UNION ALL SELECT 'advisor', ${advisorId}
    UNION ALL SELECT 'technician', rt.technician_id FROM survey_response_technicians rt WHERE rt.response_id = ${responseId}`;
}

/** An answer that counts for CSI: a 1-10 question with a factor (an unanswered question has no row). */
export const isFactor = (a: Sql): Sql => sql`(${a}.scale = 'scale_1_10' AND ${a}.factor IS NOT NULL)`;

/**
 * One answer `a` (NEW or OLD) added or taken out for every key of its response. A response counts once for CSI when
 * it has a factor answer, once per factor, and once as a verbatim when it has a free-text answer: the other answers
 * of the response (any but `a`'s row) say whether `a` makes or ends that.
 */
function answerPart(a: Sql, sign: Sql): Sql[] {
  const others = (condition: Sql) =>
    sql`NOT EXISTS (SELECT 1 FROM survey_answers o WHERE o.response_id = ${a}.response_id AND o.id <> ${a}.id AND ${condition})`;
  const flag = (condition: Sql) => sql`(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const recommend = sql`${a}.scale = 'recommend_0_10'`;
  return [
    sql`INSERT INTO report_csi_days (${CSI_COLUMNS})
      SELECT k.kind, ${deskDay(sql`s.answered_at`)}, k.person_id, s.template_id, 0,
        ${sign} * ${flag(sql`${isFactor(a)} AND ${others(isFactor(sql`o`))}`)}, 0, ${sign},
        ${sign} * ${flag(recommend)}, ${sign} * ${flag(sql`${recommend} AND ${a}.value_int >= 9`)},
        ${sign} * ${flag(sql`${recommend} AND ${a}.value_int <= 6`)},
        ${sign} * ${flag(sql`${a}.value_text IS NOT NULL AND ${others(sql`o.value_text IS NOT NULL`)}`)}
      FROM survey_responses s, (${keysOf(sql`${a}.response_id`, sql`(SELECT s2.advisor_id FROM survey_responses s2 WHERE s2.id = ${a}.response_id)`)}) k
      WHERE s.id = ${a}.response_id
      ON CONFLICT (kind, day, person_id, template_id) DO UPDATE SET ${CSI_SUMS}`,
    sql`INSERT INTO report_csi_factor_days (kind, day, person_id, template_id, factor, answers, value_sum, responses)
      SELECT k.kind, ${deskDay(sql`s.answered_at`)}, k.person_id, s.template_id, ${a}.factor, ${sign}, ${sign} * coalesce(${a}.value_int, 0),
        ${sign} * ${flag(others(sql`${isFactor(sql`o`)} AND o.factor = ${a}.factor`))}
      FROM survey_responses s, (${keysOf(sql`${a}.response_id`, sql`(SELECT s2.advisor_id FROM survey_responses s2 WHERE s2.id = ${a}.response_id)`)}) k
      WHERE s.id = ${a}.response_id AND ${isFactor(a)}
      ON CONFLICT (kind, day, person_id, template_id, factor) DO UPDATE SET ${FACTOR_SUMS}`,
  ];
}

/** A whole response (all its answers) added or taken out for `keys`, the response's columns given by `r`. */
function responsePart(
  r: { id: Sql; day: Sql; template: Sql; dissatisfied: Sql; from: Sql; where: Sql },
  keys: Sql,
  sign: Sql,
): Sql[] {
  return [
    sql`INSERT INTO report_csi_days (${CSI_COLUMNS})
      SELECT k.kind, ${r.day}, k.person_id, ${r.template}, ${sign}, ${sign} * agg.has_factor, ${sign} * ${r.dissatisfied},
        ${sign} * agg.answers, ${sign} * agg.recommend, ${sign} * agg.promoters, ${sign} * agg.detractors, ${sign} * agg.has_text
      FROM ${r.from} (${keys}) k,
        (SELECT count(*) AS answers,
            coalesce(sum(a.scale = 'recommend_0_10'), 0) AS recommend,
            coalesce(sum(a.scale = 'recommend_0_10' AND a.value_int >= 9), 0) AS promoters,
            coalesce(sum(a.scale = 'recommend_0_10' AND a.value_int <= 6), 0) AS detractors,
            coalesce(max(${isFactor(sql`a`)}), 0) AS has_factor,
            coalesce(max(a.value_text IS NOT NULL), 0) AS has_text
          FROM survey_answers a WHERE a.response_id = ${r.id}) agg
      WHERE ${r.where}
      ON CONFLICT (kind, day, person_id, template_id) DO UPDATE SET ${CSI_SUMS}`,
    sql`INSERT INTO report_csi_factor_days (kind, day, person_id, template_id, factor, answers, value_sum, responses)
      SELECT k.kind, ${r.day}, k.person_id, ${r.template}, f.factor, ${sign} * f.answers, ${sign} * f.value_sum, ${sign}
      FROM ${r.from} (${keys}) k,
        (SELECT a.factor, count(*) AS answers, coalesce(sum(a.value_int), 0) AS value_sum FROM survey_answers a
          WHERE a.response_id = ${r.id} AND ${isFactor(sql`a`)} GROUP BY a.factor) f
      WHERE ${r.where}
      ON CONFLICT (kind, day, person_id, template_id, factor) DO UPDATE SET ${FACTOR_SUMS}`,
  ];
}

/**
 * Survey writes queue their deltas (report_csi_answer_queue: an answer in or out; report_csi_response_queue: a whole
 * response in or out, for all its people or for one technician), and one trigger on each queue applies them and
 * empties it: the long statements are kept once in the schema (see report_queue).
 */
const ANSWER_COLUMNS = sql`sign, id, response_id, scale, factor, value_int, value_text`;
const RESPONSE_COLUMNS = sql`sign, id, answered_at, template_id, dissatisfied, advisor_id, technician_id`;

/** Whom a queued response counts for: everyone of it, or the one technician the row names. */
const queuedKeys = sql`SELECT 'all' AS kind, 0 AS person_id WHERE NEW.technician_id IS NULL
  UNION ALL SELECT 'advisor', NEW.advisor_id WHERE NEW.technician_id IS NULL
  UNION ALL SELECT 'technician', rt.technician_id FROM survey_response_technicians rt
    WHERE rt.response_id = NEW.id AND NEW.technician_id IS NULL
  UNION ALL SELECT 'technician', NEW.technician_id WHERE NEW.technician_id IS NOT NULL`;

const queueAnswer = (sign: Sql, a: Sql): Sql =>
  sql`INSERT INTO report_csi_answer_queue (${ANSWER_COLUMNS})
    VALUES (${sign}, ${a}.id, ${a}.response_id, ${a}.scale, ${a}.factor, ${a}.value_int, ${a}.value_text)`;
const queueResponse = (sign: Sql, r: Sql): Sql =>
  sql`INSERT INTO report_csi_response_queue (${RESPONSE_COLUMNS})
    VALUES (${sign}, ${r}.id, ${r}.answered_at, ${r}.template_id, ${r}.dissatisfied, ${r}.advisor_id, NULL)`;
/** A technician link in or out: its response for that technician (nothing once the response is gone). */
const queueTechnician = (sign: Sql, x: Sql): Sql =>
  sql`INSERT INTO report_csi_response_queue (${RESPONSE_COLUMNS})
    SELECT ${sign}, s.id, s.answered_at, s.template_id, s.dissatisfied, s.advisor_id, ${x}.technician_id
    FROM survey_responses s WHERE s.id = ${x}.response_id`;

export function surveyTriggers(): Sql[] {
  const queued = {
    id: sql`NEW.id`,
    day: deskDay(sql`NEW.answered_at`),
    template: sql`NEW.template_id`,
    dissatisfied: sql`NEW.dissatisfied`,
    from: sql``,
    where: sql`1`,
  };
  return [
    // An answer whose response is gone (deleted with it) finds no response row and counts for no one.
    sql`CREATE TRIGGER report_csi_answer_queue_run AFTER INSERT ON report_csi_answer_queue BEGIN
      ${body(answerPart(sql`NEW`, sql`NEW.sign`))}
      DELETE FROM report_csi_answer_queue;
    END`,
    sql`CREATE TRIGGER report_csi_response_queue_run AFTER INSERT ON report_csi_response_queue BEGIN
      ${body(responsePart(queued, queuedKeys, sql`NEW.sign`))}
      DELETE FROM report_csi_response_queue;
    END`,
    sql`CREATE TRIGGER report_csi_response_added AFTER INSERT ON survey_responses BEGIN ${queueResponse(ONE, sql`NEW`)}; END`,
    // BEFORE: the answers and technicians are still there to be taken out; once the response is gone, the cascade's
    // own deltas find no response and change nothing.
    sql`CREATE TRIGGER report_csi_response_removed BEFORE DELETE ON survey_responses BEGIN ${queueResponse(MINUS_ONE, sql`OLD`)}; END`,
    sql`CREATE TRIGGER report_csi_response_changed AFTER UPDATE OF answered_at, advisor_id, template_id, dissatisfied ON survey_responses
      WHEN ${changed(['answered_at', 'advisor_id', 'template_id', 'dissatisfied'])} BEGIN
      ${queueResponse(MINUS_ONE, sql`OLD`)}; ${queueResponse(ONE, sql`NEW`)};
    END`,
    sql`CREATE TRIGGER report_csi_answer_added AFTER INSERT ON survey_answers BEGIN ${queueAnswer(ONE, sql`NEW`)}; END`,
    sql`CREATE TRIGGER report_csi_answer_removed AFTER DELETE ON survey_answers BEGIN ${queueAnswer(MINUS_ONE, sql`OLD`)}; END`,
    // The privacy tools rewrite verbatims (value_text): taken out as it was, added as it is.
    sql`CREATE TRIGGER report_csi_answer_changed AFTER UPDATE OF response_id, scale, factor, value_int, value_text ON survey_answers BEGIN
      ${queueAnswer(MINUS_ONE, sql`OLD`)}; ${queueAnswer(ONE, sql`NEW`)};
    END`,
    sql`CREATE TRIGGER report_csi_technician_added AFTER INSERT ON survey_response_technicians BEGIN
      ${queueTechnician(ONE, sql`NEW`)};
    END`,
    sql`CREATE TRIGGER report_csi_technician_removed AFTER DELETE ON survey_response_technicians BEGIN
      ${queueTechnician(MINUS_ONE, sql`OLD`)};
    END`,
  ];
}
