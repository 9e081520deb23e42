import type { Generated } from 'kysely';
import type {
  ComplaintAdvanceStep,
  ComplaintDepartment,
  ComplaintLevel,
  ComplaintRootCause,
  ComplaintSource,
  ComplaintStatus,
  ComplaintStep,
  ResolutionKind,
} from '../../../../shared/domain/complaints';

export interface ComplaintsTable {
  id: Generated<number>;
  number: string;
  source: ComplaintSource;
  survey_response_id: number | null;
  customer_id: number;
  vehicle_id: number | null;
  repair_order_id: number | null;
  level: ComplaintLevel;
  against_department: ComplaintDepartment;
  against_user_id: number | null;
  customer_says: string;
  customer_wants: string;
  status: ComplaintStatus;
  next_step: ComplaintAdvanceStep | null;
  created_by: number;
  created_at: string;
  response_due_at: string;
  first_response_at: string | null;
  closed_at: string | null;
  valid: number | null;
  validity_reason: string;
  department: ComplaintDepartment | null;
  responsible_user_id: number | null;
  cause: string;
  resolution_kind: ResolutionKind | null;
  amount_fen: number | null;
  resolution: string;
  approved_by: number | null;
  approved_at: string | null;
  satisfied: number | null;
  root_cause: ComplaintRootCause | null;
  corrective_action: string;
  version: Generated<number>;
  updated_at: string;
}

export interface ComplaintStepsTable {
  id: Generated<number>;
  complaint_id: number;
  step: ComplaintStep | 'dismiss';
  /** JSON of the step's fields. */
  data: string;
  by_user_id: number;
  at: string;
}
