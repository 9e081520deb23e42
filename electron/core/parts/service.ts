import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { decodeCursor, encodeCursor, type KeysetPage } from '../../../shared/contract/keyset';
import type { GridInput } from '../../../shared/contract/paging';
import type {
  PartDetail,
  PartGridColumn,
  PartLookup,
  PartRef,
  PartRow,
  partCreateInput,
  partFilterInput,
  partUpdateInput,
} from '../../../shared/contract/parts';
import { isValidPartNumber, normalisePartNumber } from '../../../shared/domain/part-number';
import { averageUnitCost } from '../../../shared/domain/stock';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import type { PartsTable } from '../db/schema';
import { partEditValues, staleCurrent } from '../../../shared/contract/concurrent-edits';
import { fail, notFound, staleVersion } from '../errors';
import { availableMilli } from './ledger';
import { findCurrentPart, MAX_SUPERSESSION_HOPS } from './lookup';
import * as repo from './repository';
import { changedFields, recordAudit } from '../audit/record';

type CreateInput = z.output<typeof partCreateInput>;
type UpdateInput = z.output<typeof partUpdateInput>;
type FilterInput = z.output<typeof partFilterInput>;

function ref(row: { id: number; part_number: string; name_zh: string; name_en: string }): PartRef {
  return { id: row.id, partNumber: row.part_number, nameZh: row.name_zh, nameEn: row.name_en };
}

/** A grid row's figures from the part's columns and what open reservations hold. */
export function partRow(row: repo.PartGridRowData): PartRow {
  const reserved = row.reserved_milli;
  const available = row.on_hand_milli - reserved;
  return {
    id: row.id,
    partNumber: row.part_number,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    brand: row.brand,
    unit: row.unit,
    defaultBin: row.default_bin,
    listPriceFen: row.list_price_fen,
    minQtyMilli: row.min_qty_milli,
    maxQtyMilli: row.max_qty_milli,
    onHandMilli: row.on_hand_milli,
    reservedMilli: reserved,
    availableMilli: available,
    avgUnitCostFen: averageUnitCost(row.on_hand_milli, row.stock_value_fen, row.cost_fen),
    stockValueFen: row.stock_value_fen,
    belowMin: row.min_qty_milli > 0 && available < row.min_qty_milli,
    active: row.active === 1,
    supersededBy: row.superseded_by ?? null,
  };
}

/** The grid's filters as SQL conditions: the text is tried as a number's start in any spelling and as a name word. */
export function filterQuery(input: FilterInput): repo.PartFilterQuery {
  const text = input.text.trim();
  const normalised = normalisePartNumber(text);
  return {
    numberPrefix: normalised && isValidPartNumber(normalised) ? normalised : '',
    nameText: text,
    brand: input.brand,
    binPrefix: input.bin,
    belowMin: input.belowMin,
    active: input.active,
  };
}

export async function loadPartDetail(db: Db, id: number): Promise<PartDetail> {
  const part = await repo.findPart(db, id);
  if (!part) notFound('part');
  const [totals, bins, replaced, found, successor] = await Promise.all([
    repo.reservationTotals(db, id),
    repo.findBins(db, id),
    repo.findReplaced(db, id),
    findCurrentPart(db, part.part_number),
    part.superseded_by_id !== null ? repo.findPart(db, part.superseded_by_id) : undefined,
  ]);
  const available = part.on_hand_milli - totals.reserved;
  return {
    id: part.id,
    partNumber: part.part_number,
    nameZh: part.name_zh,
    nameEn: part.name_en,
    brand: part.brand,
    unit: part.unit,
    defaultBin: part.default_bin,
    listPriceFen: part.list_price_fen,
    costFen: part.cost_fen,
    taxClass: part.tax_class,
    minQtyMilli: part.min_qty_milli,
    maxQtyMilli: part.max_qty_milli,
    onHandMilli: part.on_hand_milli,
    reservedMilli: totals.reserved,
    toOrderMilli: totals.toOrder,
    availableMilli: available,
    avgUnitCostFen: averageUnitCost(part.on_hand_milli, part.stock_value_fen, part.cost_fen),
    stockValueFen: part.stock_value_fen,
    belowMin: part.min_qty_milli > 0 && available < part.min_qty_milli,
    active: part.active === 1,
    supersededBy: successor?.part_number ?? null,
    version: part.version,
    createdAt: part.created_at,
    updatedAt: part.updated_at,
    bins: bins
      .filter((b) => b.on_hand_milli !== 0 || b.bin === part.default_bin)
      .map((b) => ({ bin: b.bin, onHandMilli: b.on_hand_milli })),
    replaces: replaced.map(ref),
    chain: found?.chain ?? [part.part_number],
    current: ref(found?.current ?? part),
  };
}

function partWrite(input: CreateInput, now: string): repo.PartWrite {
  return {
    part_number: input.partNumber,
    name_zh: input.nameZh,
    name_en: input.nameEn,
    brand: input.brand,
    unit: input.unit,
    list_price_fen: input.listPriceFen,
    cost_fen: input.costFen,
    tax_class: input.taxClass,
    default_bin: input.defaultBin,
    min_qty_milli: input.minQtyMilli,
    max_qty_milli: input.maxQtyMilli,
    updated_at: now,
  };
}

export async function get(deps: CoreDeps, id: number): Promise<PartDetail> {
  return loadPartDetail(deps.db, id);
}

/** What the trail keeps of a part: its prices and what a reader names it by. */
function partAudited(p: { partNumber: string; nameZh: string; listPriceFen: number; costFen: number }) {
  return { partNumber: p.partNumber, nameZh: p.nameZh, listPriceFen: p.listPriceFen, costFen: p.costFen };
}

export async function create(deps: CoreDeps, actor: Actor | null, input: CreateInput): Promise<PartDetail> {
  const now = isoNow(deps.clock);
  const detail = await deps.db.transaction().execute(async (trx) => {
    if (await repo.findPartHoldingNumber(trx, input.partNumber, 0)) fail('CONFLICT', 'part.numberTaken', 'partNumber');
    const id = await repo.insertPart(trx, { ...partWrite(input, now), created_at: now });
    await recordAudit(trx, actor, {
      entity: 'part',
      entityId: id,
      action: 'part.created',
      at: now,
      details: { label: input.partNumber, values: partAudited(input) },
    });
    return loadPartDetail(trx, id);
  });
  deps.events.publish({ area: 'parts', id: detail.id });
  return detail;
}

export async function update(deps: CoreDeps, actor: Actor | null, input: UpdateInput): Promise<PartDetail> {
  const now = isoNow(deps.clock);
  const detail = await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findPart(trx, input.id);
    if (!before) notFound('part');
    if (await repo.findPartHoldingNumber(trx, input.partNumber, input.id)) fail('CONFLICT', 'part.numberTaken', 'partNumber');
    if (!(await repo.updatePart(trx, input.id, input.version, { ...partWrite(input, now), active: input.active ? 1 : 0 }))) {
      const stored = await loadPartDetail(trx, input.id);
      staleVersion(staleCurrent(stored, partEditValues(stored)));
    }
    const was = {
      partNumber: before.part_number,
      nameZh: before.name_zh,
      listPriceFen: before.list_price_fen,
      costFen: before.cost_fen,
    };
    const changes = changedFields(
      { ...partAudited(was), active: before.active === 1 },
      { ...partAudited(input), active: input.active },
    );
    if (changes)
      await recordAudit(trx, actor, {
        entity: 'part',
        entityId: input.id,
        action: 'part.changed',
        at: now,
        details: { label: input.partNumber, changes },
      });
    return loadPartDetail(trx, input.id);
  });
  deps.events.publish({ area: 'parts', id: detail.id });
  return detail;
}

/**
 * Points a part at its replacement. Walking on from the replacement must never come back to the part (that would be
 * a loop look-ups could not end), and a part cannot replace itself.
 */
export async function setSupersession(
  deps: CoreDeps,
  input: { id: number; version: number; supersededBy: string | null },
): Promise<PartDetail> {
  const now = isoNow(deps.clock);
  const detail = await deps.db.transaction().execute(async (trx) => {
    const part = await repo.findPart(trx, input.id);
    if (!part) notFound('part');
    let targetId: number | null = null;
    if (input.supersededBy !== null) {
      const target = await repo.findPartByNumber(trx, input.supersededBy);
      if (!target) fail('RULE', 'part.supersededByUnknown', 'supersededBy', { partNumber: input.supersededBy });
      if (target.id === part.id) fail('RULE', 'part.supersessionLoop', 'supersededBy', { partNumber: part.part_number });
      let next: number | null = target.superseded_by_id;
      for (let hop = 0; next !== null; hop += 1) {
        if (next === part.id || hop > MAX_SUPERSESSION_HOPS) {
          fail('RULE', 'part.supersessionLoop', 'supersededBy', { partNumber: part.part_number });
        }
        next = (await repo.findSupersededPointer(trx, next))?.superseded_by_id ?? null;
      }
      targetId = target.id;
    }
    if (!(await repo.setSupersededBy(trx, part.id, input.version, targetId, now))) staleVersion();
    return loadPartDetail(trx, part.id);
  });
  deps.events.publish({ area: 'parts', id: detail.id });
  return detail;
}

export async function lookup(deps: CoreDeps, input: { partNumber: string }): Promise<PartLookup | null> {
  const found = await findCurrentPart(deps.db, input.partNumber);
  if (!found) return null;
  const current: Selectable<PartsTable> = found.current;
  return {
    requested: ref(found.requested),
    current: {
      ...ref(current),
      listPriceFen: current.list_price_fen,
      unit: current.unit,
      onHandMilli: current.on_hand_milli,
      availableMilli: await availableMilli(deps.db, current.id),
      active: current.active === 1,
    },
    chain: found.chain,
    superseded: found.current.id !== found.requested.id,
  };
}

/** The sort a cursor belongs to: the first sort column and its direction ('' for part-number order). */
function sortSignature(sort: repo.PartPage['sort']): string {
  return sort[0] ? `${sort[0].column}:${sort[0].direction}` : '';
}

export async function grid(
  deps: CoreDeps,
  input: GridInput<PartGridColumn> & FilterInput & { after?: string },
): Promise<KeysetPage<PartRow>> {
  const limit = input.endRow - input.startRow;
  const sort = input.sortModel.map((s) => ({ column: s.colId, direction: s.sort }));
  // Keyset paging for one sort column (and the tie-breaker); several sort columns page by offset.
  const signature = sortSignature(sort);
  const keyed = sort.length <= 1;
  const cursor = keyed ? decodeCursor(input.after, signature, 2) : null;
  const after = cursor && typeof cursor[1] === 'string' ? { key: cursor[0]!, partNumber: cursor[1] } : null;
  const rows = await repo.partGrid(deps.db, filterQuery(input), { offset: input.startRow, limit, sort, after });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const hasMore = rows.length > limit;
  return {
    hasMore,
    rows: page.map(partRow),
    next: hasMore && keyed && last ? encodeCursor(signature, [last.sort_key as string | number, last.part_number]) : null,
  };
}
