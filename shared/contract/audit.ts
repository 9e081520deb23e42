import { type } from '@orpc/contract';
import { z } from 'zod';
import type { Role } from '../domain/roles';
import { procedure } from './base';
import { reasonIssue } from './errors';
import { id, isoDate } from './fields';
import { gridCursor, type KeysetPage } from './keyset';
import { gridInput, pageInput, type Page } from './paging';

/** Only a manager reads the trail; nobody writes it through the API (the core writes it with each change). */
const READ = ['manager'] as const;

/** What an entry is about. An RO's lines, discounts, payments and clockings also carry the RO's id. */
export const AUDIT_ENTITIES = [
  'repair_order',
  'labor_operation',
  'part',
  'price_import',
  'payment',
  'refund',
  'clocking',
  'complaint',
  'user',
  'backup',
  'desk',
  'loaner',
  'warranty_claim',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** The closed catalogue of what the trail records; the renderer has one sentence per key. */
export const AUDIT_ACTIONS = [
  'ro.created',
  'ro.statusChanged',
  'ro.promisedTimeChanged',
  'ro.job.added',
  'ro.job.changed',
  'ro.job.removed',
  'ro.line.added',
  'ro.line.priceChanged',
  'ro.line.removed',
  'ro.payment.recorded',
  'ro.refund.requested',
  'ro.refund.approved',
  'ro.refund.refused',
  'ro.delivered',
  'clocking.started',
  'clocking.stopped',
  'clocking.corrected',
  'labor.created',
  'labor.changed',
  'labor.activeChanged',
  'part.created',
  'part.changed',
  'part.priceImported',
  'complaint.created',
  'complaint.advanced',
  'complaint.confirmed',
  'complaint.dismissed',
  'user.created',
  'user.passwordChanged',
  'user.passwordReset',
  'user.unlocked',
  'backup.restoredFromElsewhere',
  'desk.paired',
  'desk.pairingRefused',
  'desk.revoked',
  'loaner.created',
  'loaner.changed',
  'loaner.lent',
  'loaner.returned',
  'warrantyClaim.drafted',
  'warrantyClaim.changed',
  'warrantyClaim.statusChanged',
  'warrantyClaim.writeOffApproved',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A value as it was: text, a number (amounts in fen, quantities in thousandths, rates in basis points) or nothing. */
export type AuditValue = string | number | boolean | null;

export interface AuditDetails {
  /** What a reader calls the thing: a line's name, an RO or part number, a username. */
  label?: string;
  /** The fields the write changed, as they were and as they became. */
  changes?: Record<string, { from: AuditValue; to: AuditValue }>;
  /** What a new thing or an event holds (a payment's amount and method, a clocking's times). */
  values?: Record<string, AuditValue>;
}

export interface AuditEntryDto {
  id: number;
  /** ISO-8601 UTC. */
  at: string;
  /** Null for what the system did on its own (first setup, demo data). */
  user: { id: number; displayName: string } | null;
  role: Role | '';
  entity: AuditEntity;
  entityId: number | null;
  repairOrderId: number | null;
  action: AuditAction;
  details: AuditDetails;
}

export const auditOfRepairOrderInput = pageInput.extend({ repairOrderId: id });

/** The trail's filters: the screen's own controls above the grid, and the list's. */
const auditFilters = {
  entity: z.enum(AUDIT_ENTITIES).optional(),
  /** One thing's entries (an RO, a part, a user...): needs `entity`. */
  entityId: id.optional(),
  userId: id.optional(),
  /** Calendar days on the desk (Asia/Shanghai), both included. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** The previous page's `next`: this page continues right after it instead of skipping `offset` entries. */
  ...gridCursor,
};

function checkFilters(value: { from?: string; to?: string; entity?: AuditEntity; entityId?: number }, ctx: z.RefinementCtx) {
  if (value.from && value.to && value.to < value.from) ctx.addIssue({ ...reasonIssue('dateRange.order'), path: ['to'] });
  if (value.entityId !== undefined && value.entity === undefined) ctx.addIssue({ ...reasonIssue('required'), path: ['entity'] });
}

export const auditListInput = pageInput.extend(auditFilters).superRefine(checkFilters);
export type AuditListInput = z.input<typeof auditListInput>;

/**
 * The trail's grid columns. The trail is always read newest first (one backward walk of an index ending in (at, id),
 * whatever the filters): the grid offers no other order and no column filter, so any sort asked for is ignored and
 * any column filter refused.
 */
export const AUDIT_GRID_COLUMNS = ['at'] as const;
export type AuditGridColumn = (typeof AUDIT_GRID_COLUMNS)[number];

function refuseColumnFilters(value: { filterModel: object }, ctx: z.RefinementCtx): void {
  for (const column of Object.keys(value.filterModel)) {
    ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
  }
}

/** The whole trail as a grid: AG Grid's rows, the filters above it, and the cursor of the block before. */
export const auditGridInput = gridInput(AUDIT_GRID_COLUMNS)
  .safeExtend(auditFilters)
  .superRefine((value, ctx) => {
    refuseColumnFilters(value, ctx);
    checkFilters(value, ctx);
  });
export type AuditGridInput = z.input<typeof auditGridInput>;

/** One RO's trail as a grid, newest first (the index on (repair_order_id, at) serves it). */
export const auditRepairOrderGridInput = gridInput(AUDIT_GRID_COLUMNS)
  .safeExtend({ repairOrderId: id, ...gridCursor })
  .superRefine(refuseColumnFilters);
export type AuditRepairOrderGridInput = z.input<typeof auditRepairOrderGridInput>;

export const auditContract = {
  /** An RO's whole trail newest first: the RO itself and its jobs, lines, discounts, payments and clockings. */
  ofRepairOrder: procedure.meta({ access: READ }).input(auditOfRepairOrderInput).output(type<Page<AuditEntryDto>>()),

  /** Every entry newest first, by kind of thing, person and desk days; paged in SQL. */
  list: procedure.meta({ access: READ }).input(auditListInput).output(type<KeysetPage<AuditEntryDto>>()),

  /** The trail screen's grid: the same entries and filters as `list`, paged as AG Grid asks (by key after a block). */
  grid: procedure.meta({ access: READ }).input(auditGridInput).output(type<KeysetPage<AuditEntryDto>>()),

  /** The RO page's trail as a grid: the same entries as `ofRepairOrder`, paged by key after a block. */
  repairOrderGrid: procedure.meta({ access: READ }).input(auditRepairOrderGridInput).output(type<KeysetPage<AuditEntryDto>>()),
};
