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
} from '../../../shared/contract/kpis';
import type { ComplaintLevel, ComplaintStatus } from '../../../shared/domain/complaints';
import { CLOSURE_WINDOW_DAYS } from '../../../shared/domain/complaints';
import { addDays, instantAt } from '../../../shared/domain/desk-time';
import { efficiency as efficiencyOf, ratio } from '../../../shared/domain/first-time-fix';
import { LAPSED_MONTHS } from '../../../shared/domain/followup';
import { monthDays, monthStart, monthsEndingWith, shiftMonth } from '../../../shared/domain/kpi-months';
import { closureRate } from '../complaints/service';
import type { Actor, CoreDeps } from '../context';
import * as followupRepo from '../followup/repository';
import { lapsedRate } from '../followup/service';
import { csi, surveyResponses } from '../followup/survey-service';
import * as repo from './kpi-repository';
import { efficiency, firstTimeFix } from './service';

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

/** Everything but complaints open/overdue for one period: the dashboard and each month of the trend. */
async function periodFigures(
  deps: CoreDeps,
  period: { from: string; to: string },
  own: { delivered?: repo.DeliveredFigures; opened?: repo.OpenedFigures; appointments?: repo.AppointmentFigures },
): Promise<Omit<Figures, 'complaintsOpen' | 'complaintsOverdue'> & { provisionalJobs: number; openUnderTwoWeeks: number }> {
  const { before } = bounds(period);
  const survey = (await csi(deps, { ...period, groupBy: 'none' })).totals;
  const ftf = await firstTimeFix(deps, { ...period, by: 'concernGroup' });
  const hours = (await efficiency(deps, period)).reduce(
    (sum, row) => ({ soldMilli: sum.soldMilli + row.soldMilli, clockedMilli: sum.clockedMilli + row.clockedMilli, attendanceMilli: 0 }),
    { soldMilli: 0, clockedMilli: 0, attendanceMilli: 0 },
  );
  const lapsed = await lapsedRate(deps, { month: period.to.slice(0, 7) });
  const closure = await closureRate(deps, { asOf: asOfFor(deps, before), from: period.from, to: period.to });
  const delivered = own.delivered ?? { k: '', ros: 0, on_time: 0, total_fen: 0, sold_milli: 0 };
  const opened = own.opened ?? { k: '', ros: 0, from_appointment: 0 };
  const appointments = own.appointments ?? { k: '', booked: 0, arrived: 0 };
  const ros = Number(delivered.ros);
  const settledJobs = ftf.totals.jobs - ftf.totals.provisionalJobs;
  const aro = ratio(Number(delivered.total_fen), ros);
  const perRo = ratio(Number(delivered.sold_milli), ros);
  return {
    csi: { value: survey.csi, numerator: null, denominator: survey.responses },
    nps: { value: survey.nps, numerator: survey.promoters - survey.detractors, denominator: survey.recommendAnswers },
    firstTimeFix: { value: ftf.totals.ftfRate, numerator: settledJobs - ftf.totals.withComeback, denominator: settledJobs },
    comebackRate: { value: ftf.comebackRate, numerator: ftf.comebackRos, denominator: ftf.deliveredRos },
    onTimeDelivery: quotient(Number(delivered.on_time), ros),
    // Money and hours are shown rounded; the value keeps the exact quotient.
    aro: { value: aro, numerator: Number(delivered.total_fen), denominator: ros },
    hoursPerRo: { value: perRo, numerator: Number(delivered.sold_milli), denominator: ros },
    laborEfficiency: { value: efficiencyOf(hours), numerator: hours.soldMilli, denominator: hours.clockedMilli },
    appointmentRate: quotient(Number(opened.from_appointment), Number(opened.ros)),
    showRate: quotient(Number(appointments.arrived), Number(appointments.booked)),
    lapsedRate: { value: lapsed.rate, numerator: lapsed.lapsedVehicles, denominator: lapsed.baseVehicles },
    closureRate: { value: closure.rate, numerator: closure.closed, denominator: closure.closed + closure.openOverTwoWeeks },
    provisionalJobs: ftf.totals.provisionalJobs,
    openUnderTwoWeeks: closure.openUnderTwoWeeks,
  };
}

/** reports.kpis: see the contract for every formula. */
export async function kpis(deps: CoreDeps, input: z.output<typeof kpisInput>): Promise<KpisDto> {
  const period = bounds(input);
  const asOf = asOfFor(deps, period.before);
  const now = deps.clock.now().toISOString();
  const own = await deps.db.transaction().execute(async (trx) => ({
    delivered: (await repo.deliveredFigures(trx, period, null))[0],
    opened: (await repo.openedFigures(trx, period, null))[0],
    appointments: (await repo.appointmentFigures(trx, period, now, null))[0],
    complaints: await repo.complaintCounts(trx, asOf),
  }));
  const { provisionalJobs, openUnderTwoWeeks, ...figures } = await periodFigures(deps, input, own);
  const all: Figures = {
    ...figures,
    complaintsOpen: { value: own.complaints.open, numerator: null, denominator: null },
    complaintsOverdue: { value: own.complaints.overdue, numerator: own.complaints.overdue, denominator: own.complaints.open },
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

/** reports.kpiTrend: the figures of whole months; the per-RO figures grouped by month in SQL, the others per month. */
export async function kpiTrend(deps: CoreDeps, input: z.output<typeof kpiTrendInput>): Promise<KpiTrendDto> {
  const months = monthsEndingWith(input.to, input.months);
  const span = { from: monthStart(months[0]!), before: monthStart(shiftMonth(input.to, 1)) };
  const now = deps.clock.now().toISOString();
  const grouped = await deps.db.transaction().execute(async (trx) => ({
    delivered: new Map((await repo.deliveredFigures(trx, span, DESK_OFFSET_MINUTES)).map((row) => [row.k, row])),
    opened: new Map((await repo.openedFigures(trx, span, DESK_OFFSET_MINUTES)).map((row) => [row.k, row])),
    appointments: new Map((await repo.appointmentFigures(trx, span, now, DESK_OFFSET_MINUTES)).map((row) => [row.k, row])),
  }));
  const keys = (Object.keys(UNITS) as KpiKey[]).filter((key) => key !== 'complaintsOpen' && key !== 'complaintsOverdue');
  const points = new Map<KpiKey, KpiPointDto[]>(keys.map((key) => [key, []]));
  // One month after the other: each per-period function runs its own transaction on the one connection.
  for (const month of months) {
    const own = {
      ...(grouped.delivered.has(month) ? { delivered: grouped.delivered.get(month)! } : {}),
      ...(grouped.opened.has(month) ? { opened: grouped.opened.get(month)! } : {}),
      ...(grouped.appointments.has(month) ? { appointments: grouped.appointments.get(month)! } : {}),
    };
    const { provisionalJobs: _jobs, openUnderTwoWeeks: _open, ...figures } = await periodFigures(deps, monthDays(month), own);
    const byKey: Partial<Figures> = figures;
    for (const key of keys) points.get(key)!.push({ month, ...byKey[key]! });
  }
  const series: KpiSeriesDto[] = keys.map((key) => ({ key, unit: UNITS[key], points: points.get(key)! }));
  return { months, series };
}

function roRow(row: repo.RoPageRow, onTime: boolean | null): KpiRoRowDto {
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

function complaintRow(row: repo.ComplaintPageRow): KpiComplaintRowDto {
  return {
    id: row.id,
    number: row.number,
    level: row.level as ComplaintLevel,
    status: row.status as ComplaintStatus,
    customerName: row.customer_name,
    plate: row.plate,
    repairOrder:
      row.repair_order_id !== null && row.repair_order_number !== null ? { id: row.repair_order_id, number: row.repair_order_number } : null,
    createdAt: row.created_at,
    responseDueAt: row.response_due_at,
    firstResponseAt: row.first_response_at,
    closedAt: row.closed_at,
    overdue: Number(row.is_overdue) === 1,
  };
}

/** reports.kpiDrillDown: the rows behind one figure, paged in SQL (one row more read to tell whether there is more). */
export async function kpiDrillDown(deps: CoreDeps, actor: Actor, input: z.output<typeof kpiDrillDownInput>): Promise<KpiDrillDownDto> {
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
      const rows = await repo.deliveredPage(deps.db, period, { lateFirst: onTime, ...page });
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
          ids = (await repo.fromAppointmentPage(trx, period, page)).map((row) => ({ id: row.ro_id }));
        } else {
          const month = input.to.slice(0, 7);
          const baseMonth = shiftMonth(month, -LAPSED_MONTHS);
          ids = await followupRepo.lapsedLastOrders(
            trx,
            { baseFrom: monthStart(baseMonth), baseBefore: monthStart(shiftMonth(baseMonth, 1)), before: monthStart(shiftMonth(month, 1)) },
            page,
          );
        }
        const rows = await repo.rosByIds(
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
      const rows = await repo.complaintPage(deps.db, {
        asOf,
        which,
        created: period,
        twoWeeksBefore: new Date(Date.parse(asOf) - CLOSURE_WINDOW_DAYS * 86_400_000).toISOString(),
        ...page,
      });
      return { kind: 'complaints', rows: rows.slice(0, input.limit).map(complaintRow), hasMore: rows.length > input.limit };
    }
  }
}
