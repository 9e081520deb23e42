import type { Generated } from 'kysely';
import type { AppointmentReason, AppointmentStatus } from '../../../../shared/domain/appointment-slots';

export interface AppointmentsTable {
  id: Generated<number>;
  customer_id: number;
  vehicle_id: number;
  advisor_id: number;
  /** UTC ISO of the slot's start. */
  starts_at: string;
  reason: AppointmentReason;
  /** JSON array of the customer's concerns. */
  concerns: string;
  estimated_hours_milli: number;
  note: string;
  status: AppointmentStatus;
  cancel_reason: string;
  arrived_at: string | null;
  repair_order_id: number | null;
  reminded_at: string | null;
  reminded_by: number | null;
  version: Generated<number>;
  created_by: number;
  created_at: string;
  updated_at: string;
}
