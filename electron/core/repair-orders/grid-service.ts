import type { z } from 'zod';
import { RO_PAYERS, type RoGridColumn, type RoGridRow, type roGridInput } from '../../../shared/contract/repair-orders';
import type { Page } from '../../../shared/contract/paging';
import { deskDay, deskDayStart, nextDay } from '../../../shared/domain/desk-time';
import { normalizePlate } from '../../../shared/domain/plate';
import { isOpenStatus, OPEN_STATUSES, RO_STATUSES, type RepairOrderStatus } from '../../../shared/domain/repair-order-status';
import { nameKey } from '../../../shared/domain/text';
import { normalizeVin, reversed } from '../../../shared/domain/vin';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import * as gridRepo from './grid-repository';

// --- the RO list (repairOrders.grid) ---

type RoGridRequest = z.output<typeof roGridInput>;

/** The order of a grid request: a status sort's groups (if any), then one column and the id, in one direction. */
export interface RoGridOrder {
  byStatus: gridRepo.RoSortDirection | null;
  column: gridRepo.RoSortColumn;
  direction: gridRepo.RoSortDirection;
}

/** One grid request as plain SQL conditions, order and position. */
export interface RoGridQuery {
  filter: gridRepo.RoGridFilter;
  order: RoGridOrder;
  /** Rows to walk past (no cursor), and rows asked for. */
  offset: number;
  limit: number;
  /** The last row of the block before (keyset paging), or null. */
  after: gridRepo.RoSortValues | null;
}

const GRID_COLUMNS: Record<Exclude<RoGridColumn, 'status'>, gridRepo.RoSortColumn> = {
  number: 'number',
  openedAt: 'opened_at',
  promisedAt: 'promised_at',
};

/**
 * The grid's first sort column decides (a status sort: its groups, ordered within by the second column, else newest
 * first); equal promised times go by opening time, then ties by id, all in the same direction, so every order is one
 * index walk (see repairOrderWalk).
 */
function gridOrder(sortModel: RoGridRequest['sortModel'], soonestPromised: boolean): RoGridOrder {
  const [first, second] = sortModel;
  if (first?.colId === 'status') {
    return second && second.colId !== 'status'
      ? { byStatus: first.sort, column: GRID_COLUMNS[second.colId], direction: second.sort }
      : { byStatus: first.sort, column: 'opened_at', direction: 'desc' };
  }
  if (first) return { byStatus: null, column: GRID_COLUMNS[first.colId], direction: first.sort };
  return soonestPromised
    ? { byStatus: null, column: 'promised_at', direction: 'asc' }
    : { byStatus: null, column: 'opened_at', direction: 'desc' };
}

/**
 * A form of the search text and the index that finds it: anywhere from 3 characters (trigram); in a name, one or two
 * characters anywhere too (a given name, a two-character name); in a number or plate, fewer at the start.
 */
function textTerm(value: string, short: 'gram' | 'prefix'): gridRepo.RoTextTerm | null {
  if (!value) return null;
  return { value, index: [...value].length >= 3 ? 'trigram' : short };
}

/**
 * The view and filters of one grid request as plain SQL conditions (null: nothing can match). Views and filters
 * narrow together: "late" with a status filter is the late ROs among those statuses.
 */
export function roGridQuery(deps: CoreDeps, actor: Actor, input: RoGridRequest): RoGridQuery | null {
  const at = deps.clock.now();
  const view = input.view;
  let statuses: readonly RepairOrderStatus[] | null = input.status.length > 0 ? [...new Set(input.status)] : null;
  if (view !== 'all') statuses = (statuses ?? RO_STATUSES).filter((status) => OPEN_STATUSES.includes(status));
  if (statuses && statuses.length === 0) return null;

  const advisorIds = new Set([
    ...(view === 'mine_open' ? [actor.id] : []),
    ...(input.advisorId !== undefined ? [input.advisorId] : []),
  ]);
  // Two different advisors: no RO has both.
  if (advisorIds.size > 1) return null;
  const filter: gridRepo.RoGridFilter = { statuses, advisorId: advisorIds.size === 1 ? [...advisorIds][0]! : null };
  if (input.openedFrom) filter.openedFrom = deskDayStart(input.openedFrom);
  if (input.openedTo) filter.openedBefore = deskDayStart(nextDay(input.openedTo));
  if (view === 'due_today') {
    const today = deskDay(at);
    filter.promisedFrom = deskDayStart(today);
    filter.promisedBefore = deskDayStart(nextDay(today));
  } else if (view === 'late') {
    filter.promisedBefore = at.toISOString();
  }
  if (input.payer) filter.payerBit = 1 << RO_PAYERS.indexOf(input.payer);
  if (input.text) {
    const vin = normalizeVin(input.text);
    const number = input.text.toUpperCase();
    filter.text = {
      // Every RO number is RO<year>-<sequence> (formatRoNumber): text starting "RO" can only be found at their start.
      number: number.startsWith('RO') ? { value: number, index: 'prefix' } : textTerm(number, 'prefix'),
      plate: textTerm(normalizePlate(input.text), 'prefix'),
      name: textTerm(nameKey(input.text), 'gram'),
      // A VIN tail is typed as 4 or more of its last characters; fewer would match half the file.
      vinRev: vin.length >= 4 ? reversed(vin) : null,
      vehicles: 'row',
      customers: 'row',
    };
  }
  const after = input.after;
  return {
    filter,
    order: gridOrder(input.sortModel, view === 'due_today' || view === 'late'),
    offset: after ? 0 : input.startRow,
    limit: input.endRow - input.startRow,
    after: after
      ? { id: after.id, status: after.status, number: after.number, opened_at: after.openedAt, promised_at: after.promisedAt }
      : null,
  };
}

/**
 * A set of ROs this small is read whole and sorted (a few milliseconds at most); a larger one is walked in the order
 * of an index, checking each RO, where at least this many of the ten years' ROs match, so a page is found soon.
 */
export const GRID_SMALL_SET = 5000;
/**
 * An RO number prefix is read from (number, opened_at) alone, with no RO row: this many at about 0.15 µs a row at ten
 * years (40 ms for the whole list), less than walking past the years before a clustered prefix (RO2019…).
 */
export const GRID_COVERED_SET = 250_000;
/**
 * Cars or customers matching the search, read once per statement so each RO walked is checked in memory; and the ROs
 * of an RO number prefix read whole from its run of the number index when they must be sorted otherwise.
 */
export const GRID_MEMBERSHIP_SET = 50_000;

/**
 * The search's terms that match anything at all (a term nothing matches is not checked on every RO walked), and how
 * a walk checks the car and customer terms. Null: nothing matches.
 */
async function matchingTerms(db: Db, text: gridRepo.RoTextSearch): Promise<gridRepo.RoTextSearch | null> {
  const number = text.number && (await gridRepo.countTermMatches(db, text, 'number', 0)) > 0 ? text.number : null;
  const vehicles = await gridRepo.countTermMatches(db, text, 'vehicles', GRID_MEMBERSHIP_SET);
  const customers = await gridRepo.countTermMatches(db, text, 'customers', GRID_MEMBERSHIP_SET);
  if (!number && vehicles === 0 && customers === 0) return null;
  return {
    number,
    plate: vehicles > 0 ? text.plate : null,
    vinRev: vehicles > 0 ? text.vinRev : null,
    name: customers > 0 ? text.name : null,
    vehicles: vehicles <= GRID_MEMBERSHIP_SET ? 'set' : 'row',
    customers: customers <= GRID_MEMBERSHIP_SET ? 'set' : 'row',
  };
}

/** One index walk of a page: an RO status (or any) and, for a promised-time order, with or without a promise. */
interface GridSegment {
  status: RepairOrderStatus | null;
  promisedNull: boolean | null;
}

/** Segments read one after the other (a status sort's groups; the ROs without a promise before or after the rest). */
function gridSegments(order: RoGridOrder, statuses: readonly RepairOrderStatus[] | null, promisedRange: boolean): GridSegment[] {
  const groups = order.byStatus
    ? [...(statuses ?? RO_STATUSES)].sort((x, y) => (x < y ? -1 : 1) * (order.byStatus === 'asc' ? 1 : -1))
    : [statuses ? statuses[0]! : null];
  // SQLite puts NULL first ascending and last descending; a promised-time range has no ROs without a promise.
  const splits: (boolean | null)[] =
    order.column !== 'promised_at' ? [null] : promisedRange ? [false] : order.direction === 'asc' ? [true, false] : [false, true];
  return groups.flatMap((status) => splits.map((promisedNull) => ({ status, promisedNull })));
}

/** Where a segment lies against the cursor's row: before it (< 0, skipped), its own (0), or after it (> 0). */
function segmentAgainst(segment: GridSegment, order: RoGridOrder, after: gridRepo.RoSortValues): number {
  if (order.byStatus && segment.status !== null && segment.status !== after.status) {
    return (segment.status < after.status ? -1 : 1) * (order.byStatus === 'asc' ? 1 : -1);
  }
  if (segment.promisedNull !== null && segment.promisedNull !== (after.promised_at === null)) {
    const nullFirst = order.direction === 'asc';
    return segment.promisedNull === nullFirst ? -1 : 1;
  }
  return 0;
}

/** The order of rows from different walks (a status filter with several statuses merges one walk per status). */
function compareRows(order: RoGridOrder, a: gridRepo.RoWalkedRow, b: gridRepo.RoWalkedRow): number {
  const sign = order.direction === 'asc' ? 1 : -1;
  const x = a.sort_value;
  const y = b.sort_value;
  if (x !== y) {
    if (x === null) return -sign;
    if (y === null) return sign;
    return (x < y ? -1 : 1) * sign;
  }
  // Promised times tie often: then by opening time (see repairOrderWalk's order).
  if (order.column === 'promised_at' && a.opened_at !== b.opened_at) return (a.opened_at < b.opened_at ? -1 : 1) * sign;
  return (a.id - b.id) * sign;
}

/** The ids of the page's rows plus one (whether there is more), in the page's order, each read from an index. */
async function gridPage(db: Db, q: RoGridQuery): Promise<{ id: number }[]> {
  const need = q.limit + 1;
  const { order, after } = q;
  let filter = q.filter;
  const candidates = async (source: 'text' | 'opened') => {
    const terms: gridRepo.RoOrderTerm[] = [
      ...(order.byStatus ? [{ column: 'status' as const, direction: order.byStatus }] : []),
      { column: order.column, direction: order.direction },
      // Tied promised times by opening time, as the walks order them.
      ...(order.column === 'promised_at' ? [{ column: 'opened_at' as const, direction: order.direction }] : []),
      { column: 'id', direction: order.direction },
    ];
    return gridRepo.repairOrderCandidates(db, { filter, source, order: terms, after, limit: need, offset: q.offset });
  };
  // Conditions that make a set read whole touch each RO's row (no covering index).
  const checksRows = Boolean(
    filter.statuses || filter.advisorId !== null || filter.payerBit || filter.promisedFrom || filter.promisedBefore,
  );
  if (filter.text) {
    const text = await matchingTerms(db, filter.text);
    if (!text) return [];
    filter = { ...filter, text };
    // No index holds the text's matches in the list's order: a few are read and sorted, many are met soon by a walk.
    // An RO number prefix is a range of the number index: walked when sorted by number, else read from it whole.
    const numberPrefix = gridRepo.numberPrefixOnly(text);
    const numbersWalked = numberPrefix && order.column === 'number' && !order.byStatus;
    // A prefix's numbers are one run of the index (RO2019… is a year): read whole, not walked past the other years.
    const covered =
      numberPrefix &&
      order.column === 'opened_at' &&
      !order.byStatus &&
      !checksRows &&
      !filter.openedFrom &&
      !filter.openedBefore;
    const cap = covered ? GRID_COVERED_SET : numberPrefix ? GRID_MEMBERSHIP_SET : GRID_SMALL_SET;
    if (!numbersWalked && (await gridRepo.countTextMatches(db, text, cap)) <= cap) return candidates('text');
  }
  // A date range ordered by another column: a small one is read whole (one day: a walk would go on past it to the
  // end of the index looking for more); a large one is walked, numbers and promised times along (number, opened_at)
  // and (promised_at, opened_at), the range checked in the index.
  if ((filter.openedFrom || filter.openedBefore) && order.column !== 'opened_at') {
    const range = {
      ...(filter.openedFrom ? { openedFrom: filter.openedFrom } : {}),
      ...(filter.openedBefore ? { openedBefore: filter.openedBefore } : {}),
    };
    if ((await gridRepo.countCapped(db, range, GRID_SMALL_SET)) <= GRID_SMALL_SET) return candidates('opened');
  }

  // With an advisor and a status, the walk starts from the status if it has few ROs (the open ones), else from the
  // advisor's index and checks the status of each RO.
  const drives = new Map<RepairOrderStatus | null, 'status' | 'advisor' | null>();
  const driveOf = async (status: RepairOrderStatus | null) => {
    if (status === null) return filter.advisorId !== null ? 'advisor' : null;
    if (filter.advisorId === null) return 'status';
    let drive = drives.get(status);
    if (drive === undefined) {
      drive = (await gridRepo.countCapped(db, { status }, GRID_SMALL_SET)) <= GRID_SMALL_SET ? 'status' : 'advisor';
      drives.set(status, drive);
    }
    return drive;
  };
  const promisedRange = Boolean(filter.promisedFrom || filter.promisedBefore);
  const take = async (segments: GridSegment[], count: number, skip: number) => {
    const rows: gridRepo.RoWalkedRow[] = [];
    // One segment pages in SQL; several are read in turn, the skipped rows counted off here.
    const single = segments.length === 1;
    for (const segment of segments) {
      const position = after ? segmentAgainst(segment, order, after) : 1;
      if (position < 0) continue;
      const found = await gridRepo.repairOrderWalk(db, {
        filter,
        status: segment.status,
        drive: await driveOf(segment.status),
        column: order.column,
        direction: order.direction,
        promisedNull: segment.promisedNull,
        after: after && position === 0 ? { value: after[order.column], opened_at: after.opened_at, id: after.id } : null,
        limit: single ? count : skip + count - rows.length,
        offset: single ? skip : 0,
      });
      const skipped = single ? 0 : Math.min(skip, found.length);
      skip -= skipped;
      rows.push(...found.slice(skipped));
      if (rows.length >= count) break;
    }
    return rows.slice(0, count);
  };
  if (order.byStatus || !filter.statuses || filter.statuses.length === 1) {
    return take(gridSegments(order, filter.statuses, promisedRange), need, q.offset);
  }
  // Several statuses in another order: one walk per status, merged (each walk's first rows are enough).
  const walks: gridRepo.RoWalkedRow[] = [];
  for (const status of filter.statuses)
    walks.push(...(await take(gridSegments(order, [status], promisedRange), q.offset + need, 0)));
  return walks.sort((a, b) => compareRows(order, a, b)).slice(q.offset, q.offset + need);
}

/** One page of the RO list (repairOrders.grid): the rows' ids from an index first, then what they show. */
export async function grid(deps: CoreDeps, actor: Actor, input: RoGridRequest): Promise<Page<RoGridRow>> {
  const query = roGridQuery(deps, actor, input);
  if (!query) return { rows: [], hasMore: false };
  const now = deps.clock.now().toISOString();
  const page = await gridPage(deps.db, query);
  const shown = page.slice(0, query.limit);
  const details = new Map(
    (shown.length > 0
      ? await gridRepo.repairOrderRows(
          deps.db,
          shown.map((row) => row.id),
        )
      : []
    ).map((row) => [row.id, row]),
  );
  return {
    hasMore: page.length > query.limit,
    rows: shown.flatMap(({ id }) => {
      const row = details.get(id);
      if (!row) return [];
      const status = row.status;
      return [
        {
          id: row.id,
          number: row.number,
          status,
          customerName: row.customer_name,
          plate: row.plate,
          advisorId: row.advisor_id,
          advisorName: row.advisor_name,
          openedAt: row.opened_at,
          promisedAt: row.promised_at,
          late: isOpenStatus(status) && row.promised_at !== null && row.promised_at < now,
          totalFen: Number(row.total_fen ?? 0),
          payers: RO_PAYERS.filter((_, bit) => (row.payer_mask & (1 << bit)) !== 0),
          source: row.source,
        },
      ];
    }),
  };
}
