import type { CampaignJobsTable, CampaignVehiclesTable, CampaignsTable } from './campaigns';
import type { UsersTable, SessionsTable, LoginFailuresTable } from './users';
import type { DmsImportMappingsTable, DmsImportRefusalsTable, DmsImportsTable } from './dms-import';
import type { SettingsTable } from './settings';
import type {
  CustomersTable,
  CustomerConsentsTable,
  CustomerPhonesTable,
  CustomerNotesTable,
  CustomerNameGramsTable,
  CustomerPinyinTable,
} from './customers';
import type { VehiclesTable, VehicleOwnershipsTable, VehicleMileageTable } from './vehicles';
import type {
  LaborOperationsTable,
  MaintenancePackagesTable,
  MaintenancePackageLaborTable,
  MaintenancePackagePartsTable,
} from './catalog';
import type {
  RepairOrderSequencesTable,
  RepairOrdersTable,
  RepairOrderJobsTable,
  RepairOrderLinesTable,
  RepairOrderStatusHistoryTable,
  RepairOrderCheckInsTable,
  CheckInDamageMarksTable,
  CheckInPhotosTable,
  RepairOrderAuthorisationsTable,
  RepairOrderAuthorisationJobsTable,
  DeclinedWorkTable,
  RepairOrderPaymentsTable,
  RepairOrderRefundsTable,
  RepairOrderDeliveriesTable,
} from './repair-orders';
import type {
  JobClockingsTable,
  JobClockingCorrectionsTable,
  TechnicianSkillsTable,
  TechnicianAttendanceTable,
  JobStateHistoryTable,
  ComebacksTable,
  QcInspectionsTable,
  CertificateSequencesTable,
  CompletionCertificatesTable,
} from './workshop';
import type { AppointmentsTable } from './appointments';
import type {
  DeliveredJobsTable,
  DeliveredJobOperationsTable,
  DeliveredJobDaysTable,
  DeliveredJobMonthsTable,
  ReportRoFactsTable,
  ReportComebackLinksTable,
  ReportRoDaysTable,
  ReportVehicleMonthsTable,
  ReportVisitMonthsTable,
  ReportAppointmentDaysTable,
  ReportClockingDaysTable,
  ReportClockingMonthsTable,
  ReportCsiDaysTable,
  ReportCsiFactorDaysTable,
} from './reports';
import type {
  PartsTable,
  PartStockTable,
  StockMovementsTable,
  PartReservationsTable,
  PartArrivalNoticesTable,
  DocumentSequencesTable,
  SuppliersTable,
  PurchaseOrdersTable,
  PurchaseOrderLinesTable,
  StocktakesTable,
  StocktakeLinesTable,
  WarrantyOldPartsTable,
  PriceImportMappingsTable,
  PriceImportsTable,
} from './parts';
import type {
  WarrantyClaimBatchesTable,
  WarrantyClaimEventsTable,
  WarrantyClaimPartsTable,
  WarrantyClaimsTable,
} from './warranty-claims';
import type {
  FollowupTasksTable,
  FollowupAttemptsTable,
  SurveyTemplatesTable,
  SurveyTemplateWeightsTable,
  SurveyQuestionsTable,
  SurveyResponsesTable,
  SurveyResponseTechniciansTable,
  SurveyAnswersTable,
} from './followup';
import type { ComplaintsTable, ComplaintStepsTable } from './complaints';
import type { WarrantyRiskSignalsTable } from './warranty-risk';
import type { AuditLogRareTable, AuditLogTable } from './audit';
import type { DesksTable, DeskPairingCodesTable, DeskPairingLockTable } from './desks';
import type { LoanerCarsTable, LoanerLoansTable, LoanerLoanMarksTable, LoanerOutOfServiceTable } from './loaners';

export type * from './users';
export type * from './settings';
export type * from './customers';
export type * from './vehicles';
export type * from './catalog';
export type * from './repair-orders';
export type * from './workshop';
export type * from './appointments';
export type * from './reports';
export type * from './parts';
export type * from './warranty-claims';
export type * from './followup';
export type * from './complaints';
export type * from './warranty-risk';
export type * from './audit';
export type * from './desks';
export type * from './campaigns';
export type * from './loaners';

/**
 * Table row types: they stay inside repositories; services hand out DTOs. Columns are snake_case. Written by hand and
 * checked against the migrated database by tests/integration/schema-matches-migrations.test.ts (tables, columns,
 * types, nullability, defaults). A column that holds one of the shared domain unions is typed with it; the database
 * does not enforce most of them (few CHECKs), the contract's zod schemas do on the way in.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  desks: DesksTable;
  desk_pairing_codes: DeskPairingCodesTable;
  desk_pairing_lock: DeskPairingLockTable;
  settings: SettingsTable;
  customers: CustomersTable;
  customer_phones: CustomerPhonesTable;
  customer_consents: CustomerConsentsTable;
  customer_notes: CustomerNotesTable;
  customer_name_grams: CustomerNameGramsTable;
  customer_pinyin: CustomerPinyinTable;
  vehicles: VehiclesTable;
  vehicle_ownerships: VehicleOwnershipsTable;
  vehicle_mileage: VehicleMileageTable;
  labor_operations: LaborOperationsTable;
  maintenance_packages: MaintenancePackagesTable;
  maintenance_package_labor: MaintenancePackageLaborTable;
  maintenance_package_parts: MaintenancePackagePartsTable;
  repair_order_sequences: RepairOrderSequencesTable;
  repair_orders: RepairOrdersTable;
  repair_order_jobs: RepairOrderJobsTable;
  repair_order_lines: RepairOrderLinesTable;
  repair_order_status_history: RepairOrderStatusHistoryTable;
  repair_order_authorisations: RepairOrderAuthorisationsTable;
  repair_order_authorisation_jobs: RepairOrderAuthorisationJobsTable;
  declined_work: DeclinedWorkTable;
  repair_order_payments: RepairOrderPaymentsTable;
  repair_order_refunds: RepairOrderRefundsTable;
  repair_order_deliveries: RepairOrderDeliveriesTable;
  appointments: AppointmentsTable;
  repair_order_check_ins: RepairOrderCheckInsTable;
  check_in_damage_marks: CheckInDamageMarksTable;
  check_in_photos: CheckInPhotosTable;
  comebacks: ComebacksTable;
  delivered_jobs: DeliveredJobsTable;
  delivered_job_operations: DeliveredJobOperationsTable;
  delivered_job_days: DeliveredJobDaysTable;
  delivered_job_months: DeliveredJobMonthsTable;
  qc_inspections: QcInspectionsTable;
  certificate_sequences: CertificateSequencesTable;
  completion_certificates: CompletionCertificatesTable;
  job_clockings: JobClockingsTable;
  job_clocking_corrections: JobClockingCorrectionsTable;
  technician_skills: TechnicianSkillsTable;
  technician_attendance: TechnicianAttendanceTable;
  job_state_history: JobStateHistoryTable;
  parts: PartsTable;
  part_stock: PartStockTable;
  stock_movements: StockMovementsTable;
  part_reservations: PartReservationsTable;
  part_arrival_notices: PartArrivalNoticesTable;
  document_sequences: DocumentSequencesTable;
  suppliers: SuppliersTable;
  purchase_orders: PurchaseOrdersTable;
  purchase_order_lines: PurchaseOrderLinesTable;
  stocktakes: StocktakesTable;
  stocktake_lines: StocktakeLinesTable;
  warranty_old_parts: WarrantyOldPartsTable;
  warranty_claims: WarrantyClaimsTable;
  warranty_claim_parts: WarrantyClaimPartsTable;
  warranty_claim_batches: WarrantyClaimBatchesTable;
  warranty_claim_events: WarrantyClaimEventsTable;
  price_import_mappings: PriceImportMappingsTable;
  price_imports: PriceImportsTable;
  dms_imports: DmsImportsTable;
  dms_import_refusals: DmsImportRefusalsTable;
  dms_import_mappings: DmsImportMappingsTable;
  campaigns: CampaignsTable;
  campaign_vehicles: CampaignVehiclesTable;
  campaign_jobs: CampaignJobsTable;
  complaints: ComplaintsTable;
  complaint_steps: ComplaintStepsTable;
  followup_tasks: FollowupTasksTable;
  followup_attempts: FollowupAttemptsTable;
  survey_templates: SurveyTemplatesTable;
  survey_template_weights: SurveyTemplateWeightsTable;
  survey_questions: SurveyQuestionsTable;
  survey_responses: SurveyResponsesTable;
  survey_response_technicians: SurveyResponseTechniciansTable;
  survey_answers: SurveyAnswersTable;
  audit_log: AuditLogTable;
  audit_log_rare: AuditLogRareTable;
  warranty_risk_signals: WarrantyRiskSignalsTable;
  loaner_cars: LoanerCarsTable;
  loaner_loans: LoanerLoansTable;
  loaner_loan_marks: LoanerLoanMarksTable;
  loaner_out_of_service: LoanerOutOfServiceTable;
  report_ro_facts: ReportRoFactsTable;
  report_ro_days: ReportRoDaysTable;
  report_comeback_links: ReportComebackLinksTable;
  report_vehicle_months: ReportVehicleMonthsTable;
  report_visit_months: ReportVisitMonthsTable;
  report_appointment_days: ReportAppointmentDaysTable;
  report_clocking_days: ReportClockingDaysTable;
  report_clocking_months: ReportClockingMonthsTable;
  report_csi_days: ReportCsiDaysTable;
  report_csi_factor_days: ReportCsiFactorDaysTable;
}
