import type { Selectable } from 'kysely';
import type { RepairOrderStatus } from '../../../shared/domain/repair-order-status';
import type { Db } from '../db/connection';
import type { RepairOrdersTable } from '../db/schema';

/**
 * What must be true before an RO may take a step of its status flow, beyond the flow itself (canTransition). Each
 * area that owns such a rule (the workshop, the parts room, settlement) writes its guard against this type, and
 * repair-orders/transition-guards.ts lists them; the type lives below the areas so that a guard's area need not
 * import the repair-orders area back. A guard refuses with fail(); it runs inside the transition's transaction, so
 * what it reads is what the step commits with.
 */
export type TransitionGuard = (
  trx: Db,
  ro: Selectable<RepairOrdersTable>,
  from: RepairOrderStatus,
  to: RepairOrderStatus,
) => Promise<void>;
