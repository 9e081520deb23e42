import type { z } from 'zod';
import type { Page } from '../../../shared/contract/paging';
import type {
  DrillDownRowDto,
  EfficiencyRowDto,
  FirstTimeFixDto,
  FtfCountsDto,
  drillDownInput,
  firstTimeFixInput,
  periodInput,
} from '../../../shared/contract/reports';
import type { ConcernGroup } from '../../../shared/domain/concern-groups';
import { addDays, instantAt } from '../../../shared/domain/desk-time';
import {
  clockedMilliFromMs,
  comebackRate,
  efficiency as efficiencyOf,
  firstTimeFixRate,
  productivity,
  proficiency,
  windowClosedBefore,
  type ComebackStatus,
} from '../../../shared/domain/first-time-fix';
import type { CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { comebackWindow } from '../workshop/comebacks-service';
import * as repo from './repository';

/** A period of desk days (both included) as UTC instants. */
function bounds(period: { from: string; to: string }): repo.PeriodBounds {
  return { from: instantAt(period.from, 0).toISOString(), before: instantAt(addDays(period.to, 1), 0).toISOString() };
}

async function ftfScope(deps: CoreDeps, db: Db, period: { from: string; to: string }): Promise<repo.FtfScope> {
  const window = await comebackWindow(db);
  return { ...bounds(period), window, closedBefore: windowClosedBefore(deps.clock.now(), window.days).toISOString() };
}

function counts(row: { jobs: number; with_comeback: number; provisional: number }): FtfCountsDto {
  const jobs = Number(row.jobs);
  const withComeback = Number(row.with_comeback ?? 0);
  const provisionalJobs = Number(row.provisional ?? 0);
  return { jobs, withComeback, provisionalJobs, ftfRate: firstTimeFixRate({ jobs, withComeback, provisionalJobs }) };
}

/** Reads run in one transaction so that the rows, the totals and the RO counts are of the same moment. */
export async function firstTimeFix(deps: CoreDeps, input: z.output<typeof firstTimeFixInput>): Promise<FirstTimeFixDto> {
  return deps.db.transaction().execute(async (trx) => {
    const scope = await ftfScope(deps, trx, input);
    const groups = await repo.firstTimeFixGroups(trx, scope, input.by);
    const totals = await repo.firstTimeFixTotals(trx, scope);
    const ros = await repo.deliveredOrderCounts(trx, scope);
    return {
      rows: groups.map((row) => ({ key: row.key, label: row.label, labelEn: row.label_en || row.label, ...counts(row) })),
      totals: counts(totals),
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
    const rows = await repo.drillDown(trx, scope, {
      by: input.by,
      ...(input.key !== undefined ? { key: input.key } : {}),
      figure: input.figure,
      offset: input.offset,
      limit: input.limit,
    });
    const page = rows.slice(0, input.limit);
    const links = new Map(
      (await repo.comebacksByIds(trx, page.flatMap((row) => (row.comeback_id !== null ? [row.comeback_id] : [])))).map((link) => [
        link.id,
        link,
      ]),
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
          concernGroup: row.concern_group as ConcernGroup,
          technicianName: row.technician_name,
          advisorName: row.advisor_name,
          provisional: !row.has_comeback && row.delivered_at >= scope.closedBefore,
          comeback: link
            ? { id: link.id, repairOrderId: link.ro_id, repairOrderNumber: link.number, status: link.status as ComebackStatus }
            : null,
        };
      }),
      hasMore: rows.length > input.limit,
    };
  });
}

export async function efficiency(deps: CoreDeps, input: z.output<typeof periodInput>): Promise<EfficiencyRowDto[]> {
  const rows = await repo.technicianHours(deps.db, { ...bounds(input), fromDay: input.from, toDay: input.to });
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
