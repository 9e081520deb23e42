import type { z } from 'zod';
import type { Page } from '../../../shared/contract/paging';
import type {
  DrillDownRowDto,
  EfficiencyRowDto,
  FirstTimeFixDto,
  FtfCountsDto,
  drillDownInput,
  firstTimeFixInput,
  FtfDimension,
  periodInput,
} from '../../../shared/contract/reports';
import { addDays, instantAt, wallClock } from '../../../shared/domain/desk-time';
import {
  clockedMilliFromMs,
  comebackRate,
  efficiency as efficiencyOf,
  firstTimeFixRate,
  productivity,
  proficiency,
  windowClosedBefore,
} from '../../../shared/domain/first-time-fix';
import type { CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { comebackWindow } from '../workshop/comebacks/service';
import * as repo from './repository';

/** A period of desk days (both included) as UTC instants. */
function bounds(period: { from: string; to: string }): repo.PeriodBounds {
  return { from: instantAt(period.from, 0).toISOString(), before: instantAt(addDays(period.to, 1), 0).toISOString() };
}

/** 'YYYY-MM' moved by `months`. */
function addMonths(month: string, months: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The desk days `from`..`to` (both included) as the summary rows read them: the months wholly inside the period from
 * the month rows, the days at either end from the day rows. Months from the one holding `dayRowsFrom` on are read by
 * day (the days whose jobs are still inside their comeback window are told apart per day).
 */
export function summarySpans(from: string, to: string, dayRowsFrom: string | null = null): repo.SummarySpans {
  const firstMonth = from.endsWith('-01') ? from.slice(0, 7) : addMonths(from.slice(0, 7), 1);
  let lastMonth = addDays(to, 1).endsWith('-01') ? to.slice(0, 7) : addMonths(to.slice(0, 7), -1);
  if (dayRowsFrom !== null && lastMonth >= dayRowsFrom.slice(0, 7)) lastMonth = addMonths(dayRowsFrom.slice(0, 7), -1);
  if (firstMonth > lastMonth) return { days: [{ from, to }], months: null };
  const monthsFrom = `${firstMonth}-01`;
  const afterMonths = `${addMonths(lastMonth, 1)}-01`;
  return {
    days: [
      ...(from < monthsFrom ? [{ from, to: addDays(monthsFrom, -1) }] : []),
      ...(afterMonths <= to ? [{ from: afterMonths, to }] : []),
    ],
    months: { from: firstMonth, to: lastMonth },
  };
}

async function ftfScope(deps: CoreDeps, db: Db, period: { from: string; to: string }): Promise<repo.FtfScope> {
  const window = await comebackWindow(db);
  const closedBefore = windowClosedBefore(deps.clock.now(), window.days);
  const closedDay = wallClock(closedBefore).day;
  return {
    ...bounds(period),
    fromDay: period.from,
    toDay: period.to,
    spans: summarySpans(period.from, period.to, closedDay),
    window,
    closedBefore: closedBefore.toISOString(),
    closedDay,
  };
}

function counts(row: { jobs: number; with_comeback: number; provisional: number }): FtfCountsDto {
  const jobs = Number(row.jobs);
  const withComeback = Number(row.with_comeback ?? 0);
  const provisionalJobs = Number(row.provisional ?? 0);
  return { jobs, withComeback, provisionalJobs, ftfRate: firstTimeFixRate({ jobs, withComeback, provisionalJobs }) };
}

/**
 * The jobs of each row and those that came back, read apart (the jobs from the period's delivered jobs, the comebacks
 * from the period's links) and put together here. Provisional = jobs still in their window that have not come back.
 */
async function ftfRows(db: Db, scope: repo.FtfScope, by: FtfDimension | 'all') {
  const jobs = await repo.summaryRows(db, by, scope.spans, scope.closedDay);
  const back = new Map((await repo.comebackJobCounts(db, scope, by)).map((row) => [row.key, row]));
  return jobs.map((row) => {
    const came = back.get(row.key);
    const withComeback = Number(came?.with_comeback ?? 0);
    return {
      row,
      key: row.key,
      counts: counts({
        jobs: Number(row.jobs),
        with_comeback: withComeback,
        provisional: Number(row.recent ?? 0) - Number(came?.recent_with_comeback ?? 0),
      }),
    };
  });
}

/** The rows of a dimension that puts each job in one row, added up into the totals' row. */
function sumOf(groups: Awaited<ReturnType<typeof ftfRows>>): Awaited<ReturnType<typeof ftfRows>>[number] {
  const total = { jobs: 0, with_comeback: 0, provisional: 0 };
  for (const g of groups) {
    total.jobs += g.counts.jobs;
    total.with_comeback += g.counts.withComeback;
    total.provisional += g.counts.provisionalJobs;
  }
  return {
    row: { key: '', jobs: total.jobs, recent: 0, ros: 0, labor_milli: 0, label_zh: null, label_en: null },
    key: '',
    counts: counts(total),
  };
}

/** Most jobs first, then by name (people) or key (operations, groups), as the table lists them. */
function byJobsThenLabel(
  a: { label: string; key: string; jobs: number },
  b: { label: string; key: string; jobs: number },
  byLabel: boolean,
): number {
  if (a.jobs !== b.jobs) return b.jobs - a.jobs;
  const [x, y] = byLabel ? [a.label, b.label] : [a.key, b.key];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Reads run in one transaction so that the rows, the totals and the RO counts are of the same moment. */
export async function firstTimeFix(deps: CoreDeps, input: z.output<typeof firstTimeFixInput>): Promise<FirstTimeFixDto> {
  return deps.db.transaction().execute(async (trx) => {
    const scope = await ftfScope(deps, trx, input);
    const groups = await ftfRows(trx, scope, input.by);
    const people = input.by === 'technician' || input.by === 'advisor';
    const names = new Map(
      people
        ? (
            await repo.userNames(
              trx,
              groups.flatMap((g) => (g.key === '' ? [] : [Number(g.key)])),
            )
          ).map((u) => [String(u.id), u.display_name])
        : [],
    );
    // Technicians, advisors and groups each put a job in one row: their rows add up to the totals. A job with several
    // operations is in several rows, so by operation the totals are read apart.
    const [totals] = people || input.by === 'concernGroup' ? [sumOf(groups)] : await ftfRows(trx, scope, 'all');
    // The ROs handed over are on the 'all' rows only (a few dozen for a year).
    const [all] = await repo.summaryRows(trx, 'all', scope.spans, null);
    const ros = { ros: all?.ros ?? 0, comeback_ros: await repo.comebackOrderCount(trx, scope) };
    const rows = groups.map((g) => {
      const label = people ? (names.get(g.key) ?? '') : input.by === 'operation' ? (g.row.label_zh ?? '') : '';
      const labelEn = input.by === 'operation' ? (g.row.label_en ?? '') : '';
      return { key: g.key, label, labelEn: labelEn || label, ...g.counts };
    });
    rows.sort((a, b) => byJobsThenLabel(a, b, people));
    return {
      rows,
      totals: totals?.counts ?? counts({ jobs: 0, with_comeback: 0, provisional: 0 }),
      deliveredRos: ros.ros,
      comebackRos: ros.comeback_ros,
      comebackRate: comebackRate(ros.comeback_ros, ros.ros),
      window: scope.window,
    };
  });
}

export async function drillDown(deps: CoreDeps, input: z.output<typeof drillDownInput>): Promise<Page<DrillDownRowDto>> {
  return deps.db.transaction().execute(async (trx) => {
    const scope = await ftfScope(deps, trx, input);
    const ids = await repo.drillDownJobIds(trx, scope, {
      by: input.by,
      ...(input.key !== undefined ? { key: input.key } : {}),
      figure: input.figure,
      offset: input.offset,
      limit: input.limit,
    });
    // The page's rows only: names, plate and the first comeback are read for these jobs and no others.
    const found = new Map(
      (await repo.drillDownRows(trx, scope.window, ids.slice(0, input.limit))).map((row) => [row.job_id, row]),
    );
    const page = ids.slice(0, input.limit).flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
    const links = new Map(
      (
        await repo.comebacksByIds(
          trx,
          page.flatMap((row) => (row.comeback_id !== null ? [row.comeback_id] : [])),
        )
      ).map((link) => [link.id, link]),
    );
    return {
      rows: page.map((row) => {
        const link = row.comeback_id !== null ? links.get(row.comeback_id) : undefined;
        return {
          repairOrderId: row.ro_id,
          repairOrderNumber: row.number,
          deliveredAt: row.delivered_at,
          plate: row.plate,
          jobId: row.job_id,
          concern: row.concern,
          concernGroup: row.concern_group,
          technicianName: row.technician_name,
          advisorName: row.advisor_name,
          provisional: row.comeback_id === null && row.delivered_at >= scope.closedBefore,
          comeback: link ? { id: link.id, repairOrderId: link.ro_id, repairOrderNumber: link.number, status: link.status } : null,
        };
      }),
      hasMore: ids.length > input.limit,
    };
  });
}

export async function efficiency(deps: CoreDeps, input: z.output<typeof periodInput>): Promise<EfficiencyRowDto[]> {
  const rows = await repo.technicianHours(deps.db, {
    fromDay: input.from,
    toDay: input.to,
    spans: summarySpans(input.from, input.to),
  });
  return rows.map((row) => {
    const hours = {
      soldMilli: Number(row.sold_milli),
      clockedMilli: clockedMilliFromMs(Number(row.clocked_ms)),
      attendanceMilli: Number(row.attendance_milli),
    };
    return {
      technicianId: row.technician_id,
      technicianName: row.display_name,
      ...hours,
      efficiency: efficiencyOf(hours),
      productivity: productivity(hours),
      proficiency: proficiency(hours),
    };
  });
}
