import type { z } from 'zod';
import type { AuditAction, AuditDetails, AuditEntity, AuditEntryDto, auditListInput } from '../../../shared/contract/audit';
import { decodeCursor, encodeCursor, type KeysetPage } from '../../../shared/contract/keyset';
import type { Page } from '../../../shared/contract/paging';
import type { Role } from '../../../shared/domain/roles';
import type { CoreDeps } from '../context';
import { deskDayStart } from '../repair-orders/service';
import * as repo from './repository';

type Row = Awaited<ReturnType<typeof repo.findEntries>>[number];

function toDto(row: Row): AuditEntryDto {
  return {
    id: row.id,
    at: row.at,
    user: row.user_id === null ? null : { id: row.user_id, displayName: row.user_name },
    role: row.role as Role | '',
    entity: row.entity as AuditEntity,
    entityId: row.entity_id,
    repairOrderId: row.repair_order_id,
    action: row.action as AuditAction,
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

/** The day after `day` (YYYY-MM-DD), by the calendar. */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The order of the trail, named in its cursors. */
const TRAIL_ORDER = 'at:desc';

export async function list(deps: CoreDeps, input: z.output<typeof auditListInput>): Promise<KeysetPage<AuditEntryDto>> {
  const cursor = decodeCursor(input.after, TRAIL_ORDER, 2);
  const before =
    cursor && typeof cursor[0] === 'string' && typeof cursor[1] === 'number' ? { at: cursor[0], id: cursor[1] } : null;
  const rows = await repo.findEntries(deps.db, {
    entity: input.entity,
    entityId: input.entityId,
    userId: input.userId,
    atFrom: input.from ? deskDayStart(input.from) : undefined,
    atBefore: input.to ? deskDayStart(nextDay(input.to)) : undefined,
    offset: input.offset,
    limit: input.limit,
    before,
  });
  const result = page(rows, input.limit);
  const last = rows[input.limit - 1];
  return { ...result, next: result.hasMore && last ? encodeCursor(TRAIL_ORDER, [last.at, last.id]) : null };
}
