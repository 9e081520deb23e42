import type { z } from 'zod';
import {
  CSI_REPORT_LIST_CAP,
  CSI_TREND_MONTHS,
  type CsiComplaintDto,
  type CsiTrendPointDto,
  type CsiVerbatimDto,
  type MonthlyCsiDto,
  type monthlyCsiInput,
} from '../../../../shared/contract/reports/csi-report';
import type { CsiFiguresDto } from '../../../../shared/contract/followup/surveys';
import { isLateResponse, isOverdue } from '../../../../shared/domain/complaints';
import {
  CSI_FACTORS,
  DEFAULT_CSI_WEIGHTS,
  combineVersions,
  csiOf,
  factorScore,
  npsOf,
  round1,
  type CsiFactor,
  type CsiWeights,
} from '../../../../shared/domain/csi';
import { monthDays, monthOf, monthStart, monthsEndingWith, shiftMonth } from '../../../../shared/domain/kpi-months';
import { closureRate } from '../../complaints/service';
import type { Actor, CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import { fail } from '../../errors';
import { weightsOf, type PeriodBounds } from '../../followup/surveys/repository';
import { csi, surveyResponses } from '../../followup/surveys/service';
import * as repo from './repository';

type MonthInput = z.output<typeof monthlyCsiInput>;

/** The figures of a key with no survey. */
function noSurveys(): CsiFiguresDto {
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

/** A template version's weights as followup.csi reads them: a factor the version does not weigh counts 0. */
function weightsFrom(rows: { factor: CsiFactor; weight_pct: number }[]): CsiWeights {
  const weights: CsiWeights = { ...DEFAULT_CSI_WEIGHTS };
  for (const factor of CSI_FACTORS) weights[factor] = 0;
  for (const row of rows) if ((CSI_FACTORS as readonly string[]).includes(row.factor)) weights[row.factor] = row.weight_pct;
  return weights;
}

/**
 * CSI, NPS and the counts of the desk days, as one key ('') or per desk month, computed as followup.csi computes a
 * period (docs/domain.md "CSI, NPS and follow-up"): each template version's CSI from its own factor means and weights, the
 * versions weighed by their responses with a factor answer. Three statements whatever the number of months. Also
 * returns the surveys with a verbatim per key.
 */
export async function csiFigures(
  db: Db,
  days: { from: string; to: string },
  byMonth: boolean,
): Promise<Map<string, CsiFiguresDto & { verbatims: number }>> {
  const counts = await repo.csiCounts(db, days, byMonth);
  const factors = await repo.csiFactors(db, days, byMonth);
  const templateIds = [...new Set(counts.map((row) => row.template_id))];
  const weightRows = await weightsOf(db, templateIds);
  const scores = new Map<string, Partial<Record<CsiFactor, number | null>>>();
  for (const row of factors) {
    const key = `${row.k}\u0000${row.template_id}`;
    const entry = scores.get(key) ?? {};
    entry[row.factor] = factorScore(Number(row.value_sum) / Number(row.answers));
    scores.set(key, entry);
  }
  const figures = new Map<string, CsiFiguresDto & { verbatims: number }>();
  const versions = new Map<string, { responses: number; csi: number | null }[]>();
  for (const row of counts) {
    const weights = weightsFrom(weightRows.filter((w) => w.template_id === row.template_id));
    const parts = versions.get(row.k) ?? [];
    parts.push({
      responses: Number(row.csi_responses),
      csi: csiOf(scores.get(`${row.k}\u0000${row.template_id}`) ?? {}, weights),
    });
    versions.set(row.k, parts);
    const sum = figures.get(row.k) ?? { ...noSurveys(), verbatims: 0 };
    figures.set(row.k, {
      ...sum,
      responses: sum.responses + Number(row.responses),
      answers: sum.answers + Number(row.answers),
      recommendAnswers: sum.recommendAnswers + Number(row.recommend),
      promoters: sum.promoters + Number(row.promoters),
      detractors: sum.detractors + Number(row.detractors),
      dissatisfiedResponses: sum.dissatisfiedResponses + Number(row.dissatisfied),
      verbatims: sum.verbatims + Number(row.verbatims),
    });
  }
  for (const [k, entry] of figures) {
    entry.csi = round1(combineVersions(versions.get(k) ?? []));
    entry.nps = round1(npsOf({ answers: entry.recommendAnswers, promoters: entry.promoters, detractors: entry.detractors }));
  }
  return figures;
}

function bounds(month: string): PeriodBounds {
  return { from: monthStart(month), before: monthStart(shiftMonth(month, 1)) };
}

/** A month after the desk's current one has no surveys yet: refused rather than printed empty. */
function checkMonth(deps: CoreDeps, month: string): void {
  if (month > monthOf(deps.clock.now())) fail('RULE', 'csiReport.futureMonth', 'month');
}

/** The month's verbatims, newest first, through followup.surveyResponses: `limit` of them from `offset`. */
export async function verbatimPage(
  deps: CoreDeps,
  actor: Actor,
  month: string,
  offset: number,
  limit: number,
): Promise<{ rows: CsiVerbatimDto[]; hasMore: boolean }> {
  const page = await surveyResponses(deps, actor, { ...monthDays(month), withVerbatim: true, offset, limit });
  return {
    rows: page.rows.map((row) => ({
      responseId: row.id,
      answeredAt: row.answeredAt,
      repairOrder: row.repairOrder,
      advisor: row.advisor,
      customerName: row.customer.name,
      dissatisfied: row.dissatisfied,
      text: row.verbatim,
    })),
    hasMore: page.hasMore,
  };
}

async function complaintCount(db: Db, period: PeriodBounds): Promise<number> {
  const { first, others } = await repo.complaintCounts(db, period, await repo.othersSince(db, period));
  return first + others;
}

/**
 * The month's complaints (created in it, or open at some time in it): drafts and open ones first, then the others,
 * each newest first. The drafts and open ones are counted first, so each part is read a page at a time in the order
 * of an index.
 */
export async function complaintPage(
  deps: CoreDeps,
  month: string,
  offset: number,
  limit: number,
): Promise<{ rows: CsiComplaintDto[]; hasMore: boolean }> {
  const now = deps.clock.now();
  const period = bounds(month);
  const rows = await deps.db.transaction().execute(async (trx) => {
    const since = await repo.othersSince(trx, period);
    const { first } = await repo.complaintCounts(trx, period, since);
    const page = offset < first ? await repo.firstComplaintPage(trx, period, offset, limit + 1) : [];
    if (page.length <= limit && since !== null) {
      page.push(...(await repo.otherComplaintPage(trx, period, since, Math.max(0, offset - first), limit + 1 - page.length)));
    }
    return page;
  });
  return {
    rows: rows.slice(0, limit).map((row) => {
      const status = row.status;
      const due = { status, responseDueAt: row.response_due_at, firstResponseAt: row.first_response_at };
      return {
        id: row.id,
        number: row.number,
        level: row.level,
        status,
        customerName: row.customer_name,
        repairOrderNumber: row.repair_order_number,
        customerSays: row.customer_says,
        createdAt: row.created_at,
        overdue: isOverdue(due, now),
        lateResponse: isLateResponse(due),
        closedAt: row.closed_at,
      };
    }),
    hasMore: rows.length > limit,
  };
}

/**
 * The month's totals, factors, advisors and technicians come from followup.csi of the month, the 12-month trend from
 * the same summary rows grouped by month in one pass, the closure rate from complaints.closureRate; this only puts the
 * month together. The lists are capped with their full counts beside them; the Excel export pages through all of them.
 */
export async function monthlyCsi(deps: CoreDeps, actor: Actor, input: MonthInput): Promise<MonthlyCsiDto> {
  checkMonth(deps, input.month);
  const { from, to } = monthDays(input.month);
  const byAdvisor = await csi(deps, { from, to, groupBy: 'advisor' });
  const byTechnician = await csi(deps, { from, to, groupBy: 'technician' });
  const months = monthsEndingWith(input.month, CSI_TREND_MONTHS);
  const byMonth = await csiFigures(deps.db, { from: monthDays(months[0]!).from, to }, true);
  const trend: CsiTrendPointDto[] = months.map((month) => {
    const figures = byMonth.get(month) ?? { ...noSurveys(), verbatims: 0 };
    return {
      month,
      responses: figures.responses,
      csi: figures.csi,
      nps: figures.nps,
      dissatisfiedResponses: figures.dissatisfiedResponses,
    };
  });
  const period = bounds(input.month);
  const verbatims = await verbatimPage(deps, actor, input.month, 0, CSI_REPORT_LIST_CAP);
  const complaints = await complaintPage(deps, input.month, 0, CSI_REPORT_LIST_CAP);
  // As of the month's last instant, or now while the month is still running.
  const monthEnd = Date.parse(period.before) - 1;
  const asOf = new Date(Math.min(monthEnd, deps.clock.now().getTime())).toISOString();
  return {
    month: input.month,
    from,
    to,
    totals: byAdvisor.totals,
    factors: byAdvisor.factors,
    advisors: byAdvisor.rows,
    technicians: byTechnician.rows,
    trend,
    verbatims: verbatims.rows,
    verbatimCount: byMonth.get(input.month)?.verbatims ?? 0,
    complaints: complaints.rows,
    complaintCount: await complaintCount(deps.db, period),
    closureRate: await closureRate(deps, { asOf, from, to }),
  };
}
