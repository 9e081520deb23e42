import type { z } from 'zod';
import type {
  AuditDetails,
  AuditEntryDto,
  auditGridInput,
  auditListInput,
  auditRepairOrderGridInput,
} from '../../../shared/contract/audit';
import { decodeCursor, encodeCursor, type KeysetPage } from '../../../shared/contract/keyset';
import type { Page } from '../../../shared/contract/paging';
import type { CoreDeps } from '../context';
import { deskDayStart, nextDay } from '../../../shared/domain/desk-time';
import * as repo from './repository';

type Row = Awaited<ReturnType<typeof repo.findEntries>>[number];

function toDto(row: Row): AuditEntryDto {
  return {
    id: row.id,
    at: row.at,
    user: row.user_id === null ? null : { id: row.user_id, displayName: row.user_name },
    role: row.role,
    entity: row.entity,
    entityId: row.entity_id,
    repairOrderId: row.repair_order_id,
    action: row.action,
    details: JSON.parse(row.details) as AuditDetails,
  };
}

function page(rows: Row[], limit: number): Page<AuditEntryDto> {
  return { rows: rows.slice(0, limit).map(toDto), hasMore: rows.length > limit };
}

export async function ofRepairOrder(
  deps: CoreDeps,
  input: { repairOrderId: number; offset: number; limit: number },
): Promise<Page<AuditEntryDto>> {
  return page(await repo.findForRepairOrder(deps.db, input.repairOrderId, input), input.limit);
}

/** The order of the trail, named in its cursors. */
const TRAIL_ORDER = 'at:desc';

/** The entry a cursor names: the page reads the entries older than it. */
function cursorEntry(after: string | undefined): { at: string; id: number } | null {
  const cursor = decodeCursor(after, TRAIL_ORDER, 2);
  return cursor && typeof cursor[0] === 'string' && typeof cursor[1] === 'number' ? { at: cursor[0], id: cursor[1] } : null;
}

/** A page of the trail with the cursor of its last entry. */
function keysetPage(rows: Row[], limit: number): KeysetPage<AuditEntryDto> {
  const result = page(rows, limit);
  const last = rows[limit - 1];
  return { ...result, next: result.hasMore && last ? encodeCursor(TRAIL_ORDER, [last.at, last.id]) : null };
}

type TrailFilters = Pick<z.output<typeof auditListInput>, 'entity' | 'entityId' | 'userId' | 'from' | 'to' | 'after'>;

async function trailPage(deps: CoreDeps, input: TrailFilters, offset: number, limit: number) {
  const rows = await repo.findEntries(deps.db, {
    entity: input.entity,
    entityId: input.entityId,
    userId: input.userId,
    atFrom: input.from ? deskDayStart(input.from) : undefined,
    atBefore: input.to ? deskDayStart(nextDay(input.to)) : undefined,
    offset,
    limit,
    before: cursorEntry(input.after),
  });
  return keysetPage(rows, limit);
}

export async function list(deps: CoreDeps, input: z.output<typeof auditListInput>): Promise<KeysetPage<AuditEntryDto>> {
  return trailPage(deps, input, input.offset, input.limit);
}

/** The trail screen's grid: AG Grid's block, newest first (the only order the trail is read in). */
export async function grid(deps: CoreDeps, input: z.output<typeof auditGridInput>): Promise<KeysetPage<AuditEntryDto>> {
  return trailPage(deps, input, input.startRow, input.endRow - input.startRow);
}

/** One RO's trail as a grid, newest first. */
export async function repairOrderGrid(
  deps: CoreDeps,
  input: z.output<typeof auditRepairOrderGridInput>,
): Promise<KeysetPage<AuditEntryDto>> {
  const limit = input.endRow - input.startRow;
  const rows = await repo.findForRepairOrder(deps.db, input.repairOrderId, {
    offset: input.startRow,
    limit,
    before: cursorEntry(input.after),
  });
  return keysetPage(rows, limit);
}
