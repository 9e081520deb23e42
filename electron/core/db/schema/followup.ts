import type { Generated } from 'kysely';
import type { CsiFactor, SurveyScale } from '../../../../shared/domain/csi';
import type {
  AttemptOutcome,
  FollowupChannel,
  FollowupKind,
  FollowupStatus,
  ReminderReason,
} from '../../../../shared/domain/followup';

/** A follow-up call task (migration 0016): csi_call per delivered RO, lapsed and maintenance_reminder per vehicle. */
export interface FollowupTasksTable {
  id: Generated<number>;
  kind: FollowupKind;
  customer_id: number;
  vehicle_id: number;
  repair_order_id: number | null;
  status: FollowupStatus;
  channel: FollowupChannel;
  due_at: string;
  due_reason: ReminderReason | '';
  attempts: number;
  failed_attempts: number;
  closed_at: string | null;
  closed_by: number | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  /** 1 while the task's customer consents to be contacted, else 0; kept by triggers (migration 0028). */
  contactable: Generated<number>;
}

/** One call attempt on a follow-up task (migration 0016). */
export interface FollowupAttemptsTable {
  id: Generated<number>;
  task_id: number;
  user_id: number;
  outcome: AttemptOutcome;
  note: string;
  call_back_at: string | null;
  attempted_at: string;
}

/** A version of the survey (migration 0015); never edited, the manager saves a new version. */
export interface SurveyTemplatesTable {
  id: Generated<number>;
  version: number;
  created_by: number | null;
  created_at: string;
}

/** A CSI factor's weight in whole percent under one template version (migration 0015). */
export interface SurveyTemplateWeightsTable {
  template_id: number;
  factor: CsiFactor;
  weight_pct: number;
}

/** A question of one template version (migration 0015). */
export interface SurveyQuestionsTable {
  id: Generated<number>;
  template_id: number;
  position: number;
  text_zh: string;
  text_en: string;
  scale: SurveyScale;
  factor: CsiFactor | null;
  required: Generated<number>;
}

/** A customer's survey of one RO (migration 0015), with the advisor and agent as they were when answered. */
export interface SurveyResponsesTable {
  id: Generated<number>;
  repair_order_id: number;
  template_id: number;
  followup_task_id: number | null;
  customer_id: number;
  advisor_id: number;
  agent_id: number;
  answered_at: string;
  dissatisfied: Generated<number>;
}

/** The technicians of a surveyed RO's jobs when the survey was answered (migration 0015). */
export interface SurveyResponseTechniciansTable {
  response_id: number;
  technician_id: number;
}

/** One answered question (migration 0015): numbers and yes/no (1/0) in value_int, free text in value_text. */
export interface SurveyAnswersTable {
  id: Generated<number>;
  response_id: number;
  question_id: number;
  scale: SurveyScale;
  factor: CsiFactor | null;
  value_int: number | null;
  value_text: string | null;
}
