import type { z } from 'zod';
import type {
  KpiComplaintRowDto,
  KpiDrillDownDto,
  KpiFigureDto,
  KpiKey,
  KpiPointDto,
  KpiRoRowDto,
  KpisDto,
  KpiSeriesDto,
  KpiTrendDto,
  KpiUnit,
  kpiDrillDownInput,
  kpisInput,
  kpiTrendInput,
} from '../../../../shared/contract/reports/kpis';
import { CLOSURE_WINDOW_DAYS, closureRate } from '../../../../shared/domain/complaints';
import type { CsiFiguresDto } from '../../../../shared/contract/followup/surveys';
import { addDays, instantAt, wallClock } from '../../../../shared/domain/desk-time';
import {
  clockedMilliFromMs,
  comebackRate,
  efficiency as efficiencyOf,
  firstTimeFixRate,
  ratio,
  windowClosedBefore,
} from '../../../../shared/domain/first-time-fix';
import { LAPSED_MONTHS } from '../../../../shared/domain/followup';
import { monthDays, monthStart, monthsEndingWith, shiftMonth } from '../../../../shared/domain/kpi-months';
import type { Actor, CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import * as followupRepo from '../../followup/repository';
import { surveyResponses } from '../../followup/surveys/service';
import { comebackWindow } from '../../workshop/comebacks/service';
import { csiFigures } from '../csi-report/service';
import * as repo from './repository';
import * as drillDown from './drill-down-repository';

/** How each figure's value reads (the screen formats by it). */
const UNITS: Record<KpiKey, KpiUnit> = {
  csi: 'points',
  nps: 'nps',
  firstTimeFix: 'ratio',
  comebackRate: 'ratio',
  onTimeDelivery: 'ratio',
  aro: 'fen',
  hoursPerRo: 'hoursMilli',
  laborEfficiency: 'ratio',
  appointmentRate: 'ratio',
  showRate: 'ratio',
  lapsedRate: 'ratio',
  complaintsOpen: 'count',
  complaintsOverdue: 'count',
  closureRate: 'ratio',
};

/** Minutes the desk's wall clock is ahead of UTC (Asia/Shanghai: 480, no daylight saving since 1991). */
const DESK_OFFSET_MINUTES = (Date.parse('2000-01-01T00:00:00.000Z') - instantAt('2000-01-01', 0).getTime()) / 60_000;

/** Desk days from..to (both included) as UTC instants. */
function bounds(period: { from: string; to: string }): repo.Bounds {
  return { from: instantAt(period.from, 0).toISOString(), before: instantAt(addDays(period.to, 1), 0).toISOString() };
}

/** Point-in-time figures are reckoned at the end of the period, or now when the period has not ended. */
function asOfFor(deps: CoreDeps, before: string): string {
  const now = deps.clock.now().toISOString();
  return now < before ? now : before;
}

function quotient(numerator: number, denominator: number) {
  return { value: ratio(numerator, denominator), numerator, denominator };
}

type Figures = Record<KpiKey, Omit<KpiFigureDto, 'key' | 'unit'>>;
type PeriodFigures = Omit<Figures, 'complaintsOpen' | 'complaintsOverdue'> & {
  provisionalJobs: number;
  openUnderTwoWeeks: number;
};

/** A period of the dashboard (key '') or a month of the trend (key 'YYYY-MM'), with what its figures need. */
interface Bucket {
  k: string;
  /** The lapsed rate's month N. */
  lapsedMonth: string;
  /** The complaints created in the bucket, reckoned at asOf (closure rate). */
  closure: repo.ClosureWindow;
}

function bucketOf(deps: CoreDeps, k: string, days: { from: string; to: string }): Bucket {
  const { from, before } = bounds(days);
  const asOf = asOfFor(deps, before);
  return {
    k,
    lapsedMonth: days.to.slice(0, 7),
    closure: {
      k,
      createdFrom: from,
      createdBefore: before,
      asOf,
      twoWeeksBefore: new Date(Date.parse(asOf) - CLOSURE_WINDOW_DAYS * 86_400_000).toISOString(),
    },
  };
}

/** Reads a map's row for key `k`, or a row of zeros. */
function rowOf<T extends { k: string }>(rows: T[], k: string): Partial<T> {
  return rows.find((row) => row.k === k) ?? {};
}
const n = (value: number | null | undefined) => Number(value ?? 0);

/**
 * Every figure but complaints open/overdue for the desk days `days`, as one bucket or per month, from the summary rows
 * (migration 0025) in one read transaction: about a dozen statements whatever the number of months.
 */
async function figuresOf(
  deps: CoreDeps,
  days: { from: string; to: string },
  buckets: Bucket[],
  byMonth: boolean,
): Promise<Map<string, PeriodFigures>> {
  const now = deps.clock.now();
  const today = wallClock(now).day;
  return deps.db.transaction().execute(async (trx) => {
    const window = await comebackWindow(trx);
    // Jobs delivered on or after this desk day may still come back (first-time fix counts them as provisional).
    const recentFrom = wallClock(windowClosedBefore(now, window.days)).day;
    const ros = await repo.roFigures(trx, days, byMonth, recentFrom);
    const comebackJobs = await repo.comebackJobs(trx, days, byMonth, recentFrom, window);
    const comebackRos = await repo.comebackRos(trx, days, byMonth, window);
    const appointments = await appointmentsOf(trx, days, byMonth, today, now.toISOString());
    const clocked = await clockedOf(trx, days, byMonth);
    const lapsedMonths = buckets.map((b) => shiftMonth(b.lapsedMonth, -LAPSED_MONTHS)).sort();
    const lapsed = await repo.lapsedCounts(trx, { from: lapsedMonths[0]!, to: lapsedMonths.at(-1)! });
    const surveys = await csiFigures(trx, days, byMonth);
    const closure = await repo.closureCounts(
      trx,
      buckets.map((b) => b.closure),
    );

    const figures = new Map<string, PeriodFigures>();
    for (const { k, lapsedMonth } of buckets) {
      const ro = rowOf(ros, k);
      const ftf = rowOf(comebackJobs, k);
      const delivered = n(ro.delivered);
      const jobs = {
        jobs: n(ro.approved_jobs),
        withComeback: n(ftf.with_comeback),
        provisionalJobs: n(ro.recent_jobs) - n(ftf.recent_with_comeback),
      };
      const settledJobs = jobs.jobs - jobs.provisionalJobs;
      const backRos = n(rowOf(comebackRos, k).ros);
      const booked = appointments.get(k) ?? { booked: 0, arrived: 0 };
      const hours = { soldMilli: n(ro.technician_sold_milli), clockedMilli: clocked.get(k) ?? 0, attendanceMilli: 0 };
      const base = lapsed.find((row) => row.month === shiftMonth(lapsedMonth, -LAPSED_MONTHS));
      const survey: CsiFiguresDto = surveys.get(k) ?? {
        responses: 0,
        answers: 0,
        csi: null,
        nps: null,
        recommendAnswers: 0,
        promoters: 0,
        detractors: 0,
        dissatisfiedResponses: 0,
      };
      const closed = rowOf(closure, k);
      const closedCount = n(closed.closed);
      const openOver = n(closed.open_over);
      figures.set(k, {
        csi: { value: survey.csi, numerator: null, denominator: survey.responses },
        nps: { value: survey.nps, numerator: survey.promoters - survey.detractors, denominator: survey.recommendAnswers },
        firstTimeFix: { value: firstTimeFixRate(jobs), numerator: settledJobs - jobs.withComeback, denominator: settledJobs },
        comebackRate: { value: comebackRate(backRos, delivered), numerator: backRos, denominator: delivered },
        onTimeDelivery: quotient(n(ro.on_time), delivered),
        // Money and hours are shown rounded; the value keeps the exact quotient.
        aro: quotient(n(ro.total_fen), delivered),
        hoursPerRo: quotient(n(ro.sold_milli), delivered),
        laborEfficiency: { value: efficiencyOf(hours), numerator: hours.soldMilli, denominator: hours.clockedMilli },
        appointmentRate: quotient(n(ro.from_appointment), n(ro.opened)),
        showRate: quotient(booked.arrived, booked.booked),
        lapsedRate: quotient(n(base?.lapsed), n(base?.base)),
        closureRate: { value: closureRate(closedCount, openOver), numerator: closedCount, denominator: closedCount + openOver },
        provisionalJobs: jobs.provisionalJobs,
        openUnderTwoWeeks: n(closed.open_under),
      });
    }
    return figures;
  });
}

/**
 * Show rate: whole days before today from their summary rows; today and later from the appointments themselves, as
 * only a slot that has begun (or whose customer came) counts as booked.
 */
async function appointmentsOf(trx: Db, days: { from: string; to: string }, byMonth: boolean, today: string, now: string) {
  const totals = new Map<string, { booked: number; arrived: number }>();
  const add = (rows: repo.AppointmentFigures[]) => {
    for (const row of rows) {
      const sum = totals.get(row.k) ?? { booked: 0, arrived: 0 };
      totals.set(row.k, { booked: sum.booked + n(row.booked), arrived: sum.arrived + n(row.arrived) });
    }
  };
  const yesterday = addDays(today, -1);
  if (days.from <= yesterday)
    add(await repo.appointmentFigures(trx, { from: days.from, to: days.to < yesterday ? days.to : yesterday }, byMonth));
  if (days.to >= today) {
    const from = days.from > today ? days.from : today;
    add(await repo.appointmentFiguresFrom(trx, bounds({ from, to: days.to }), now, byMonth ? DESK_OFFSET_MINUTES : null));
  }
  return totals;
}

/** Clocked hours as reports.efficiency reckons them: each technician's time rounded to thousandths, then summed. */
async function clockedOf(trx: Db, days: { from: string; to: string }, byMonth: boolean) {
  const totals = new Map<string, number>();
  for (const row of await repo.clockedByTechnician(trx, days, byMonth)) {
    totals.set(row.k, (totals.get(row.k) ?? 0) + clockedMilliFromMs(n(row.clocked_ms)));
  }
  return totals;
}

/** reports.kpis: see the contract for every formula. */
export async function kpis(deps: CoreDeps, input: z.output<typeof kpisInput>): Promise<KpisDto> {
  const period = bounds(input);
  const asOf = asOfFor(deps, period.before);
  const figures = (await figuresOf(deps, input, [bucketOf(deps, '', input)], false)).get('')!;
  const complaints = await repo.complaintCounts(deps.db, asOf);
  const { provisionalJobs, openUnderTwoWeeks, ...rest } = figures;
  const all: Figures = {
    ...rest,
    complaintsOpen: { value: complaints.open, numerator: null, denominator: null },
    complaintsOverdue: { value: complaints.overdue, numerator: complaints.overdue, denominator: complaints.open },
  };
  return {
    from: input.from,
    to: input.to,
    asOf,
    lapsedMonth: input.to.slice(0, 7),
    figures: (Object.keys(UNITS) as KpiKey[]).map((key) => ({ key, unit: UNITS[key], ...all[key] })),
    provisionalJobs,
    openUnderTwoWeeks,
  };
}

/** reports.kpiTrend: every month's figures from the same summary rows grouped by month, in one pass. */
export async function kpiTrend(deps: CoreDeps, input: z.output<typeof kpiTrendInput>): Promise<KpiTrendDto> {
  const months = monthsEndingWith(input.to, input.months);
  const days = { from: monthDays(months[0]!).from, to: monthDays(input.to).to };
  const byMonth = await figuresOf(
    deps,
    days,
    months.map((month) => bucketOf(deps, month, monthDays(month))),
    true,
  );
  const keys = (Object.keys(UNITS) as KpiKey[]).filter((key) => key !== 'complaintsOpen' && key !== 'complaintsOverdue');
  const series: KpiSeriesDto[] = keys.map((key) => ({
    key,
    unit: UNITS[key],
    points: months.map((month): KpiPointDto => {
      const figures: Partial<Figures> = byMonth.get(month)!;
      return { month, ...figures[key]! };
    }),
  }));
  return { months, series };
}

function roRow(row: drillDown.RoPageRow, onTime: boolean | null): KpiRoRowDto {
  return {
    repairOrderId: row.ro_id,
    repairOrderNumber: row.number,
    plate: row.plate,
    customerName: row.customer_name,
    advisorName: row.advisor_name,
    openedAt: row.opened_at,
    deliveredAt: row.delivered_at,
    promisedAt: row.promised_at,
    readyAt: row.ready_at,
    totalFen: Number(row.total_fen),
    soldMilli: Number(row.sold_milli),
    onTime,
    fromAppointment: Number(row.from_appointment) === 1,
  };
}

function complaintRow(row: drillDown.ComplaintPageRow): KpiComplaintRowDto {
  return {
    id: row.id,
    number: row.number,
    level: row.level,
    status: row.status,
    customerName: row.customer_name,
    plate: row.plate,
    repairOrder:
      row.repair_order_id !== null && row.repair_order_number !== null
        ? { id: row.repair_order_id, number: row.repair_order_number }
        : null,
    createdAt: row.created_at,
    responseDueAt: row.response_due_at,
    firstResponseAt: row.first_response_at,
    closedAt: row.closed_at,
    overdue: Number(row.is_overdue) === 1,
  };
}

/**
 * On-time delivery's ROs, late ones first, then latest delivery first (one row more than asked): the late ones of the
 * period are counted from the day sums, so each part is read a page at a time in the order of its index.
 */
async function lateFirstPage(
  deps: CoreDeps,
  days: { from: string; to: string },
  period: repo.Bounds,
  page: { offset: number; limit: number },
): Promise<drillDown.RoPageRow[]> {
  return deps.db.transaction().execute(async (trx) => {
    const [sums] = await repo.roFigures(trx, days, false, days.to);
    const late = n(sums?.delivered) - n(sums?.on_time);
    const wanted = page.limit + 1;
    const rows =
      page.offset < late ? await drillDown.deliveredPageByOnTime(trx, period, 0, { offset: page.offset, limit: wanted }) : [];
    if (rows.length < wanted) {
      const offset = Math.max(0, page.offset - late);
      rows.push(...(await drillDown.deliveredPageByOnTime(trx, period, 1, { offset, limit: wanted - rows.length })));
    }
    return rows;
  });
}

/** reports.kpiDrillDown: the rows behind one figure, paged in SQL (one row more read to tell whether there is more). */
export async function kpiDrillDown(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof kpiDrillDownInput>,
): Promise<KpiDrillDownDto> {
  const period = bounds(input);
  const page = { offset: input.offset, limit: input.limit };
  switch (input.kpi) {
    case 'csi':
    case 'nps': {
      const surveys = await surveyResponses(deps, actor, { from: input.from, to: input.to, withVerbatim: false, ...page });
      return { kind: 'surveys', ...surveys };
    }
    case 'onTimeDelivery':
    case 'aro':
    case 'hoursPerRo': {
      const onTime = input.kpi === 'onTimeDelivery';
      const rows = onTime ? await lateFirstPage(deps, input, period, page) : await drillDown.deliveredPage(deps.db, period, page);
      return {
        kind: 'repairOrders',
        rows: rows.slice(0, input.limit).map((row) => roRow(row, onTime ? Number(row.on_time) === 1 : null)),
        hasMore: rows.length > input.limit,
      };
    }
    case 'appointmentRate':
    case 'lapsedRate': {
      return deps.db.transaction().execute(async (trx) => {
        let ids: { id: number }[];
        if (input.kpi === 'appointmentRate') {
          ids = (await drillDown.fromAppointmentPage(trx, period, page)).map((row) => ({ id: row.ro_id }));
        } else {
          const month = input.to.slice(0, 7);
          const baseMonth = shiftMonth(month, -LAPSED_MONTHS);
          ids = await followupRepo.lapsedLastOrders(
            trx,
            {
              baseFrom: monthStart(baseMonth),
              baseBefore: monthStart(shiftMonth(baseMonth, 1)),
              before: monthStart(shiftMonth(month, 1)),
            },
            page,
          );
        }
        const rows = await drillDown.rosByIds(
          trx,
          ids.slice(0, input.limit).map((row) => row.id),
        );
        return { kind: 'repairOrders' as const, rows: rows.map((row) => roRow(row, null)), hasMore: ids.length > input.limit };
      });
    }
    case 'complaintsOpen':
    case 'complaintsOverdue':
    case 'closureRate': {
      const asOf = asOfFor(deps, period.before);
      const which = input.kpi === 'complaintsOpen' ? 'open' : input.kpi === 'complaintsOverdue' ? 'overdue' : 'closureCounted';
      const rows = await deps.db.transaction().execute(async (trx) => {
        // Open and overdue ones are listed from the oldest open one on, not from the first complaint ever recorded.
        const openSince = which === 'closureCounted' ? undefined : await repo.oldestOpenAt(trx, asOf);
        if (openSince === null) return [];
        return drillDown.complaintPage(trx, {
          asOf,
          which,
          created: period,
          twoWeeksBefore: new Date(Date.parse(asOf) - CLOSURE_WINDOW_DAYS * 86_400_000).toISOString(),
          ...(openSince !== undefined ? { openSince } : {}),
          ...page,
        });
      });
      return { kind: 'complaints', rows: rows.slice(0, input.limit).map(complaintRow), hasMore: rows.length > input.limit };
    }
  }
}
