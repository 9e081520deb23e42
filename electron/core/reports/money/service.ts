import type { z } from 'zod';
import type { Page } from '../../../../shared/contract/paging';
import {
  RO_PAYERS,
  type MarginAmountsDto,
  type MoneyPeriodInput,
  type MoneyRoRowDto,
  type PartsMarginDto,
  type RevenueAmountsDto,
  type RevenueDto,
  type RevenueRowDto,
  type moneyPeriodInput,
  type moneyRosInput,
} from '../../../../shared/contract/reports/money';
import { addDays, instantAt } from '../../../../shared/domain/desk-time';
import { shiftMonth } from '../../../../shared/domain/kpi-months';
import { daysIn, marginRate, previousPeriod, yearEarlier, type DayPeriod } from '../../../../shared/domain/money-periods';
import type { CoreDeps } from '../../context';
import * as repo from './repository';

/** A period longer than this is shown by month. */
const DAY_SERIES_MAX = 62;

function bounds(period: DayPeriod): repo.Bounds {
  return { from: instantAt(period.from, 0).toISOString(), before: instantAt(addDays(period.to, 1), 0).toISOString() };
}

function zero(): RevenueAmountsDto {
  return { laborFen: 0, partsFen: 0, otherFen: 0, totalFen: 0, soldMilli: 0, ros: 0 };
}

/** Adds up the rows of each key of a dimension, counting each RO once per key. */
class Tally {
  private readonly amounts = new Map<string, RevenueAmountsDto>();
  private readonly ros = new Map<string, Set<number>>();

  add(key: string, row: repo.RevenueRow): void {
    const a = this.amounts.get(key) ?? zero();
    const ex = Number(row.ex_fen);
    if (row.kind === 'labor') a.laborFen += ex;
    else if (row.kind === 'part') a.partsFen += ex;
    else a.otherFen += ex;
    a.totalFen += ex;
    a.soldMilli += Number(row.sold_milli);
    this.amounts.set(key, a);
    const ros = this.ros.get(key) ?? new Set<number>();
    ros.add(row.ro_id);
    this.ros.set(key, ros);
  }

  get(key: string): RevenueAmountsDto {
    return { ...(this.amounts.get(key) ?? zero()), ros: this.ros.get(key)?.size ?? 0 };
  }

  keys(): string[] {
    return [...this.amounts.keys()];
  }
}

function totalsOf(row: repo.RevenueTotalsRow): RevenueAmountsDto {
  const laborFen = Number(row.labor_fen);
  const partsFen = Number(row.parts_fen);
  const otherFen = Number(row.other_fen);
  return {
    laborFen,
    partsFen,
    otherFen,
    totalFen: laborFen + partsFen + otherFen,
    soldMilli: Number(row.sold_milli),
    ros: Number(row.ros),
  };
}

/** Every day (or month) of the period, oldest first. */
function seriesKeys(period: DayPeriod, by: 'day' | 'month'): string[] {
  const keys: string[] = [];
  if (by === 'day') {
    for (let day = period.from; day <= period.to; day = addDays(day, 1)) keys.push(day);
  } else {
    for (let month = period.from.slice(0, 7); month <= period.to.slice(0, 7); month = shiftMonth(month, 1)) keys.push(month);
  }
  return keys;
}

function byRevenue(a: RevenueRowDto, b: RevenueRowDto): number {
  return b.totalFen - a.totalFen || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

/** 产值 of the period (docs/domain.md "Money reports"), read in one transaction so all its parts are of one moment. */
export async function revenue(deps: CoreDeps, input: z.output<typeof moneyPeriodInput>): Promise<RevenueDto> {
  const period = { from: input.from, to: input.to };
  const previous = previousPeriod(period);
  const yearAgo = yearEarlier(period);
  return deps.db.transaction().execute(async (trx) => {
    const rows = await repo.revenueRows(trx, bounds(period));
    const seriesBy = daysIn(period) <= DAY_SERIES_MAX ? 'day' : 'month';
    const all = new Tally();
    const series = new Tally();
    const payers = new Tally();
    const advisors = new Tally();
    const technicians = new Tally();
    for (const row of rows) {
      all.add('', row);
      series.add(seriesBy === 'day' ? row.day : row.day.slice(0, 7), row);
      payers.add(row.payer, row);
      advisors.add(String(row.advisor_id), row);
      // A technician is credited with the labor of the jobs dispatched to them.
      if (row.kind === 'labor') technicians.add(String(row.technician_id), row);
    }
    const people = [...advisors.keys(), ...technicians.keys()].map(Number).filter((id) => id > 0);
    const names = await repo.userNames(trx, [...new Set(people)]);
    const named = (tally: Tally) =>
      tally
        .keys()
        .map((key) => ({ key, label: names.get(Number(key)) ?? '', ...tally.get(key) }))
        .sort(byRevenue);
    return {
      period,
      previousPeriod: previous,
      yearAgoPeriod: yearAgo,
      totals: all.get(''),
      previous: totalsOf(await repo.revenueTotals(trx, bounds(previous))),
      yearAgo: totalsOf(await repo.revenueTotals(trx, bounds(yearAgo))),
      seriesBy,
      series: seriesKeys(period, seriesBy).map((key) => ({ key, label: '', ...series.get(key) })),
      byPayer: RO_PAYERS.map((payer) => ({ key: payer, label: '', ...payers.get(payer) })),
      byAdvisor: named(advisors),
      byTechnician: named(technicians),
    };
  });
}

function marginOf(row: Omit<repo.MarginGroupRow, 'grp'>): MarginAmountsDto {
  const salesFen = Number(row.sales_fen);
  const costFen = Number(row.cost_fen);
  return {
    salesFen,
    costFen,
    marginFen: salesFen - costFen,
    marginRate: marginRate(salesFen, costFen),
    lines: Number(row.lines),
    uncostedSalesFen: Number(row.uncosted_sales_fen),
    uncostedLines: Number(row.uncosted_lines),
  };
}

/** Parts gross margin of the period by part group (the master's brand) and in total. */
export async function partsMargin(deps: CoreDeps, input: MoneyPeriodInput): Promise<PartsMarginDto> {
  const period = { from: input.from, to: input.to };
  const groups = await repo.marginGroups(deps.db, bounds(period));
  const sum = { sales_fen: 0, cost_fen: 0, lines: 0, uncosted_sales_fen: 0, uncosted_lines: 0 };
  for (const g of groups) {
    sum.sales_fen += Number(g.sales_fen);
    sum.cost_fen += Number(g.cost_fen);
    sum.lines += Number(g.lines);
    sum.uncosted_sales_fen += Number(g.uncosted_sales_fen);
    sum.uncosted_lines += Number(g.uncosted_lines);
  }
  return {
    period,
    totals: marginOf(sum),
    byGroup: groups
      .map((g) => ({ key: g.grp, ...marginOf(g) }))
      .sort((a, b) => b.salesFen - a.salesFen || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

/** The ROs behind a figure, a page at a time, each with the slice's figures. */
export async function moneyRos(deps: CoreDeps, input: z.output<typeof moneyRosInput>): Promise<Page<MoneyRoRowDto>> {
  const slice: repo.Slice = {
    ...(input.payer !== undefined ? { payer: input.payer } : {}),
    ...(input.advisorId !== undefined ? { advisorId: input.advisorId } : {}),
    ...(input.technicianId !== undefined ? { technicianId: input.technicianId } : {}),
    ...(input.partGroup !== undefined ? { partGroup: input.partGroup } : {}),
  };
  const limit = input.endRow - input.startRow;
  const ascending = input.sortModel[0]?.sort === 'asc';
  return deps.db.transaction().execute(async (trx) => {
    const page = await repo.roPage(trx, bounds(input), slice, { offset: input.startRow, limit: limit + 1, ascending });
    const rows = page.slice(0, limit);
    const figures = new Map(
      (
        await repo.roFigures(
          trx,
          rows.map((r) => r.ro_id),
          slice,
        )
      ).map((f) => [f.ro_id, f]),
    );
    return {
      hasMore: page.length > limit,
      rows: rows.map((r) => {
        const f = figures.get(r.ro_id);
        const laborFen = Number(f?.labor_fen ?? 0);
        const partsFen = Number(f?.parts_fen ?? 0);
        const otherFen = Number(f?.other_fen ?? 0);
        const partsCostFen = Number(f?.parts_cost_fen ?? 0);
        return {
          repairOrderId: r.ro_id,
          number: r.number,
          plate: r.plate,
          advisorName: r.advisor_name,
          deliveredAt: r.delivered_at,
          laborFen,
          partsFen,
          otherFen,
          totalFen: laborFen + partsFen + otherFen,
          soldMilli: Number(f?.sold_milli ?? 0),
          partsCostFen,
          partsMarginFen: Number(f?.parts_issued_sales_fen ?? 0) - partsCostFen,
        };
      }),
    };
  });
}
