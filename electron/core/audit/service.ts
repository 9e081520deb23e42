import type { z } from 'zod';
import type { AuditDetails, AuditEntryDto, auditListInput } from '../../../shared/contract/audit';
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
