import type { z } from 'zod';
import type { Page } from '../../../../shared/contract/paging';
import type {
  addStocktakeLineInput,
  cancelStocktakeInput,
  enterCountsInput,
  postStocktakeInput,
  startStocktakeInput,
  stocktakeInput,
  StocktakeLineDto,
  stocktakeLinesGridInput,
  stocktakesGridInput,
  StocktakeSummary,
} from '../../../../shared/contract/parts/stocktake';
import { averageUnitCost } from '../../../../shared/domain/stock';
import { isoNow } from '../../clock';
import type { Actor, CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import { fail, notFound, staleVersion } from '../../errors';
import { nextDocumentNumber, postMovement } from '../ledger';
import * as repo from './repository';

type StartInput = z.output<typeof startStocktakeInput>;
type DetailInput = z.output<typeof stocktakeInput>;
type ListInput = z.output<typeof stocktakesGridInput>;
type LinesInput = z.output<typeof stocktakeLinesGridInput>;
type CountsInput = z.output<typeof enterCountsInput>;
type AddLineInput = z.output<typeof addStocktakeLineInput>;
type PostInput = z.output<typeof postStocktakeInput>;
type CancelInput = z.output<typeof cancelStocktakeInput>;

function parseScope(scope: string): repo.BinScope {
  const empty = { binFrom: '', binTo: '', binPrefix: '' };
  try {
    return { ...empty, ...(JSON.parse(scope) as Partial<repo.BinScope>) };
  } catch {
    return empty;
  }
}

async function summaryOf(db: Db, id: number): Promise<StocktakeSummary> {
  const row = await repo.findStocktake(db, id);
  if (!row) notFound('stocktake');
  const sums = await repo.totals(db, id);
  const gainFen = Number(sums.gain_fen);
  const lossFen = Number(sums.loss_fen);
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    ...parseScope(row.scope),
    note: row.note,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    postedByName: row.posted_by_name ?? null,
    postedAt: row.posted_at,
    version: row.version,
    totals: {
      lines: Number(sums.lines),
      counted: Number(sums.counted),
      varianceLines: Number(sums.variance_lines),
      varianceMilli: Number(sums.variance_milli),
      gainFen,
      lossFen,
      netFen: gainFen + lossFen,
    },
  };
}

/** The stocktake to change, still counting, at the version the screen read. */
async function openForChange(trx: Db, id: number, version: number) {
  const row = await repo.findStocktake(trx, id);
  if (!row) notFound('stocktake');
  if (row.status !== 'counting') fail('RULE', `stocktake.${row.status}`, undefined, { number: row.number });
  if (row.version !== version) staleVersion();
  return row;
}

/** Freezes the count list (parts.startStocktake). */
export async function startStocktake(deps: CoreDeps, actor: Actor, input: StartInput): Promise<StocktakeSummary> {
  const at = isoNow(deps.clock);
  const scope: repo.BinScope = { binFrom: input.binFrom ?? '', binTo: input.binTo ?? '', binPrefix: input.binPrefix ?? '' };
  const summary = await deps.db.transaction().execute(async (trx) => {
    const overlap = await repo.findOverlappingOpen(trx, scope);
    if (overlap) fail('RULE', 'stocktake.overlap', 'binPrefix', { number: overlap.number, bin: overlap.bin });
    const rows = await repo.stockRowsInScope(trx, scope);
    if (rows.length === 0) fail('RULE', 'stocktake.emptyScope', 'binPrefix');
    const id = await repo.insertStocktake(trx, {
      number: await nextDocumentNumber(trx, 'ST', at),
      status: 'counting',
      scope: JSON.stringify(scope),
      note: input.note,
      created_by: actor.id,
      created_at: at,
      posted_by: null,
      posted_at: null,
      version: 1,
    });
    await repo.insertLines(
      trx,
      rows.map((row) => ({
        stocktake_id: id,
        part_id: row.part_id,
        bin: row.bin,
        frozen_milli: row.on_hand_milli,
        unit_cost_fen: averageUnitCost(row.part_on_hand_milli, row.stock_value_fen, row.cost_fen),
        counted_milli: null,
        counted_by: null,
        counted_at: null,
      })),
    );
    return summaryOf(trx, id);
  });
  deps.events.publish({ area: 'parts', id: summary.id });
  return summary;
}

function lineDto(row: Awaited<ReturnType<typeof repo.linePage>>[number]): StocktakeLineDto {
  return {
    id: row.id,
    partId: row.part_id,
    partNumber: row.part_number,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    unit: row.unit,
    bin: row.bin,
    frozenMilli: row.frozen_milli,
    unitCostFen: row.unit_cost_fen,
    countedMilli: row.counted_milli,
    varianceMilli: row.variance_milli === null ? null : Number(row.variance_milli),
    varianceFen: row.variance_fen === null ? null : Number(row.variance_fen),
    countedByName: row.counted_by_name ?? null,
    countedAt: row.counted_at,
  };
}

/** A stocktake with its totals (parts.stocktake). */
export async function stocktake(deps: CoreDeps, input: DetailInput): Promise<StocktakeSummary> {
  return summaryOf(deps.db, input.id);
}

/** One page of a stocktake's count sheet (parts.stocktakeLinesGrid); an unknown stocktake has no lines. */
export async function stocktakeLinesGrid(deps: CoreDeps, input: LinesInput): Promise<Page<StocktakeLineDto>> {
  const limit = input.endRow - input.startRow;
  const order = input.sortModel[0];
  const rows = await repo.linePage(deps.db, input.id, {
    filter: input.filter,
    text: input.text,
    sort: { by: order?.colId ?? 'bin', direction: order?.sort ?? 'asc' },
    offset: input.startRow,
    limit,
  });
  return { hasMore: rows.length > limit, rows: rows.slice(0, limit).map(lineDto) };
}

/** The stocktakes, newest first or oldest first (parts.stocktakesGrid). */
export async function stocktakesGrid(deps: CoreDeps, input: ListInput): Promise<Page<StocktakeSummary>> {
  const limit = input.endRow - input.startRow;
  const rows = await repo.listStocktakes(deps.db, {
    offset: input.startRow,
    limit,
    direction: input.sortModel[0]?.sort ?? 'desc',
  });
  const page = rows.slice(0, limit);
  return { hasMore: rows.length > limit, rows: await Promise.all(page.map((row) => summaryOf(deps.db, row.id))) };
}

/** Counts typed down the sheet (parts.enterCounts). */
export async function enterCounts(deps: CoreDeps, actor: Actor, input: CountsInput): Promise<StocktakeSummary> {
  const at = isoNow(deps.clock);
  const lineIds = [...new Set(input.counts.map((count) => count.lineId))];
  if (lineIds.length !== input.counts.length) fail('INVALID_INPUT', 'stocktake.lineTwice', 'counts');
  const summary = await deps.db.transaction().execute(async (trx) => {
    await openForChange(trx, input.id, input.version);
    const found = new Set((await repo.findLines(trx, input.id, lineIds)).map((line) => line.id));
    input.counts.forEach((count, index) => {
      if (!found.has(count.lineId)) fail('NOT_FOUND', 'notFound', `counts.${index}.lineId`, { what: 'stocktakeLine' });
    });
    for (const count of input.counts) await repo.setCount(trx, count.lineId, count.countedMilli, actor.id, at);
    if (!(await repo.touchCounting(trx, input.id, input.version))) staleVersion();
    return summaryOf(trx, input.id);
  });
  deps.events.publish({ area: 'parts', id: input.id });
  return summary;
}

/** A part found in a bin that was not on the list (parts.addStocktakeLine). */
export async function addStocktakeLine(deps: CoreDeps, actor: Actor, input: AddLineInput): Promise<StocktakeSummary> {
  const at = isoNow(deps.clock);
  const summary = await deps.db.transaction().execute(async (trx) => {
    await openForChange(trx, input.id, input.version);
    const part = await repo.findPartByNumber(trx, input.partNumber);
    if (!part) fail('NOT_FOUND', 'notFound', 'partNumber', { what: 'part' });
    if (await repo.findLineByPartBin(trx, input.id, part.id, input.bin)) {
      fail('RULE', 'stocktake.lineExists', 'partNumber', { partNumber: part.part_number, bin: input.bin });
    }
    await repo.insertLines(trx, [
      {
        stocktake_id: input.id,
        part_id: part.id,
        bin: input.bin,
        frozen_milli: 0,
        unit_cost_fen: averageUnitCost(part.on_hand_milli, part.stock_value_fen, part.cost_fen),
        counted_milli: input.countedMilli,
        counted_by: actor.id,
        counted_at: at,
      },
    ]);
    if (!(await repo.touchCounting(trx, input.id, input.version))) staleVersion();
    return summaryOf(trx, input.id);
  });
  deps.events.publish({ area: 'parts', id: input.id });
  return summary;
}

/** Posts the variances to the ledger (parts.postStocktake, manager). */
export async function postStocktake(deps: CoreDeps, actor: Actor, input: PostInput): Promise<StocktakeSummary> {
  const at = isoNow(deps.clock);
  const result = await deps.db.transaction().execute(async (trx) => {
    const row = await openForChange(trx, input.id, input.version);
    const sums = await repo.totals(trx, input.id);
    const uncounted = Number(sums.lines) - Number(sums.counted);
    if (uncounted > 0) fail('RULE', 'stocktake.uncounted', undefined, { count: uncounted });
    const lines = await repo.varianceLines(trx, input.id);
    for (const line of lines) {
      const qtyMilli = (line.counted_milli ?? line.frozen_milli) - line.frozen_milli;
      await postMovement(trx, {
        partId: line.part_id,
        bin: line.bin,
        kind: 'stocktake',
        qtyMilli,
        // Found stock comes in at the cost frozen with the count; missing stock leaves at the moving average.
        unitCostFen: line.unit_cost_fen,
        refs: { stocktakeId: input.id },
        reason: row.number,
        // Only a manager posts: a bin the count takes below zero (stock issued after the freeze) is theirs to allow.
        overrideBy: actor.id,
        userId: actor.id,
        at,
      });
    }
    if (!(await repo.touchCounting(trx, input.id, input.version, { status: 'posted', posted_by: actor.id, posted_at: at }))) {
      staleVersion();
    }
    return summaryOf(trx, input.id);
  });
  deps.events.publish({ area: 'parts', id: input.id });
  return result;
}

/** Drops a stocktake still counting (parts.cancelStocktake). */
export async function cancelStocktake(deps: CoreDeps, input: CancelInput): Promise<StocktakeSummary> {
  const summary = await deps.db.transaction().execute(async (trx) => {
    await openForChange(trx, input.id, input.version);
    if (!(await repo.touchCounting(trx, input.id, input.version, { status: 'cancelled' }))) staleVersion();
    return summaryOf(trx, input.id);
  });
  deps.events.publish({ area: 'parts', id: summary.id });
  return summary;
}
