import type { z } from 'zod';
import {
  CSI_REPORT_LIST_CAP,
  CSI_TREND_MONTHS,
  type CsiComplaintDto,
  type CsiTrendPointDto,
  type CsiVerbatimDto,
  type MonthlyCsiDto,
  type monthlyCsiInput,
} from '../../../shared/contract/csi-report';
import { isLateResponse, isOverdue, type ComplaintLevel, type ComplaintStatus } from '../../../shared/domain/complaints';
import { monthDays, monthOf, monthStart, monthsEndingWith, shiftMonth } from '../../../shared/domain/kpi-months';
import { closureRate } from '../complaints/service';
import type { Actor, CoreDeps } from '../context';
import { fail } from '../errors';
import type { PeriodBounds } from '../followup/survey-repository';
import { csi, surveyResponses } from '../followup/survey-service';
import * as repo from './csi-report-repository';

type MonthInput = z.output<typeof monthlyCsiInput>;

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

/** The month's complaints (created in it, or open at some time in it), open first, then newest first. */
export async function complaintPage(
  deps: CoreDeps,
  month: string,
  offset: number,
  limit: number,
): Promise<{ rows: CsiComplaintDto[]; hasMore: boolean }> {
  const now = deps.clock.now();
  const rows = await repo.complaintPage(deps.db, bounds(month), offset, limit);
  return {
    rows: rows.slice(0, limit).map((row) => {
      const status = row.status as ComplaintStatus;
      const due = { status, responseDueAt: row.response_due_at, firstResponseAt: row.first_response_at };
      return {
        id: row.id,
        number: row.number,
        level: row.level as ComplaintLevel,
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
 * Every figure comes from followup.csi (per month for the trend) and complaints.closureRate; this only puts the month
 * together. The lists are capped with their full counts beside them; the Excel export pages through all of them.
 */
export async function monthlyCsi(deps: CoreDeps, actor: Actor, input: MonthInput): Promise<MonthlyCsiDto> {
  checkMonth(deps, input.month);
  const { from, to } = monthDays(input.month);
  const byAdvisor = await csi(deps, { from, to, groupBy: 'advisor' });
  const byTechnician = await csi(deps, { from, to, groupBy: 'technician' });
  const trend: CsiTrendPointDto[] = [];
  for (const month of monthsEndingWith(input.month, CSI_TREND_MONTHS)) {
    const figures = month === input.month ? byAdvisor : await csi(deps, { ...monthDays(month), groupBy: 'none' });
    trend.push({
      month,
      responses: figures.totals.responses,
      csi: figures.totals.csi,
      nps: figures.totals.nps,
      dissatisfiedResponses: figures.totals.dissatisfiedResponses,
    });
  }
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
    verbatimCount: await repo.verbatimCount(deps.db, period),
    complaints: complaints.rows,
    complaintCount: await repo.complaintCount(deps.db, period),
    closureRate: await closureRate(deps, { asOf, from, to }),
  };
}
