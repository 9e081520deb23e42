import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A screen's code loads when it is first opened (issue 17 item 14): each area's screens are their own chunk, the login
 * and the shell stay in the first one. The shell shows its frame while a screen's chunk arrives (Suspense in Shell.tsx).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React's own bound for lazy(): any props.
function lazyScreen<C extends ComponentType<any>>(load: () => Promise<C>): LazyExoticComponent<C> {
  return lazy(async () => ({ default: await load() }));
}

export const AppointmentsScreen = lazyScreen(() =>
  import('../appointments/AppointmentsScreen').then((m) => m.AppointmentsScreen),
);
export const LaborListScreen = lazyScreen(() => import('../catalog/LaborListScreen').then((m) => m.LaborListScreen));
export const LaborScreen = lazyScreen(() => import('../catalog/LaborScreens').then((m) => m.LaborScreen));
export const NewLaborScreen = lazyScreen(() => import('../catalog/LaborScreens').then((m) => m.NewLaborScreen));
export const PackageListScreen = lazyScreen(() => import('../catalog/PackageListScreen').then((m) => m.PackageListScreen));
export const NewPackageScreen = lazyScreen(() => import('../catalog/PackageScreens').then((m) => m.NewPackageScreen));
export const PackageScreen = lazyScreen(() => import('../catalog/PackageScreens').then((m) => m.PackageScreen));
export const CustomerPage = lazyScreen(() => import('../customers/CustomerPage').then((m) => m.CustomerPage));
export const EditCustomerScreen = lazyScreen(() => import('../customers/CustomerEditScreens').then((m) => m.EditCustomerScreen));
export const NewCustomerScreen = lazyScreen(() => import('../customers/CustomerEditScreens').then((m) => m.NewCustomerScreen));
export const CustomerListScreen = lazyScreen(() => import('../customers/CustomerListScreen').then((m) => m.CustomerListScreen));
export const LookupScreen = lazyScreen(() => import('../customers/LookupScreen').then((m) => m.LookupScreen));
export const RepairOrderListScreen = lazyScreen(() =>
  import('../repair-orders/RepairOrderListScreen').then((m) => m.RepairOrderListScreen),
);
export const PartListScreen = lazyScreen(() => import('../parts/PartListScreen').then((m) => m.PartListScreen));
export const MovementsScreen = lazyScreen(() => import('../parts/MovementsScreen').then((m) => m.MovementsScreen));
export const NewPartScreen = lazyScreen(() => import('../parts/PartScreen').then((m) => m.NewPartScreen));
export const PartScreen = lazyScreen(() => import('../parts/PartScreen').then((m) => m.PartScreen));
export const UsersScreen = lazyScreen(() => import('../users/UsersScreen').then((m) => m.UsersScreen));
export const EditVehicleScreen = lazyScreen(() => import('../vehicles/VehicleEditScreens').then((m) => m.EditVehicleScreen));
export const NewVehicleScreen = lazyScreen(() => import('../vehicles/VehicleEditScreens').then((m) => m.NewVehicleScreen));
export const VehiclePage = lazyScreen(() => import('../vehicles/VehiclePage').then((m) => m.VehiclePage));
export const NewRepairOrderScreen = lazyScreen(() =>
  import('../repair-orders/NewRepairOrderScreen').then((m) => m.NewRepairOrderScreen),
);
export const RepairOrderPage = lazyScreen(() => import('../repair-orders/RepairOrderPage').then((m) => m.RepairOrderPage));
export const PrintPreviewScreen = lazyScreen(() => import('../printing/PrintPreviewScreen').then((m) => m.PrintPreviewScreen));
export const DealerSettingsScreen = lazyScreen(() =>
  import('../settings/DealerSettingsScreen').then((m) => m.DealerSettingsScreen),
);
export const BackupsScreen = lazyScreen(() => import('../backups/BackupsScreen').then((m) => m.BackupsScreen));
export const DesksScreen = lazyScreen(() => import('../desks/DesksScreen').then((m) => m.DesksScreen));
export const DmsImportScreen = lazyScreen(() => import('../dms-import/DmsImportScreen').then((m) => m.DmsImportScreen));
export const AuditListScreen = lazyScreen(() => import('../audit/AuditListScreen').then((m) => m.AuditListScreen));
export const MyJobsScreen = lazyScreen(() => import('../workshop/MyJobsScreen').then((m) => m.MyJobsScreen));
export const WorkshopBoardScreen = lazyScreen(() => import('../workshop/WorkshopBoardScreen').then((m) => m.WorkshopBoardScreen));
export const WorkshopDashboard = lazyScreen(() => import('../reports/WorkshopDashboard').then((m) => m.WorkshopDashboard));
export const KpiDashboard = lazyScreen(() => import('../reports/kpis/KpiDashboard').then((m) => m.KpiDashboard));
export const ComebacksScreen = lazyScreen(() => import('../workshop/comebacks/ComebacksScreen').then((m) => m.ComebacksScreen));
export const CsiReportScreen = lazyScreen(() => import('../reports/csi-report/CsiReportScreen').then((m) => m.CsiReportScreen));
export const CsiReportPrintScreen = lazyScreen(() =>
  import('../reports/csi-report/CsiReportPrintScreen').then((m) => m.CsiReportPrintScreen),
);
export const DailyClosingScreen = lazyScreen(() =>
  import('../reports/daily-closing/DailyClosingScreen').then((m) => m.DailyClosingScreen),
);
export const DailyClosingPrintScreen = lazyScreen(() =>
  import('../reports/daily-closing/DailyClosingPrintScreen').then((m) => m.DailyClosingPrintScreen),
);
export const FollowupQueueScreen = lazyScreen(() => import('../followup/FollowupQueueScreen').then((m) => m.FollowupQueueScreen));
export const FollowupCallScreen = lazyScreen(() => import('../followup/FollowupCallScreen').then((m) => m.FollowupCallScreen));
export const SurveyTemplateScreen = lazyScreen(() =>
  import('../followup/surveys/SurveyTemplateScreen').then((m) => m.SurveyTemplateScreen),
);
export const ComplaintListScreen = lazyScreen(() =>
  import('../complaints/ComplaintListScreen').then((m) => m.ComplaintListScreen),
);
export const NewComplaintScreen = lazyScreen(() => import('../complaints/NewComplaintScreen').then((m) => m.NewComplaintScreen));
export const ComplaintPage = lazyScreen(() => import('../complaints/ComplaintPage').then((m) => m.ComplaintPage));
export const PartsCounterScreen = lazyScreen(() =>
  import('../parts/part-supply/PartsCounterScreen').then((m) => m.PartsCounterScreen),
);
export const StocktakeListScreen = lazyScreen(() =>
  import('../parts/stocktake/StocktakeListScreen').then((m) => m.StocktakeListScreen),
);
export const StocktakeScreen = lazyScreen(() => import('../parts/stocktake/StocktakeScreen').then((m) => m.StocktakeScreen));
export const OldPartsScreen = lazyScreen(() => import('../parts/old-parts/OldPartsScreen').then((m) => m.OldPartsScreen));
export const PurchaseOrderPage = lazyScreen(() =>
  import('../parts/purchasing/PurchaseOrderPage').then((m) => m.PurchaseOrderPage),
);
export const PurchasingScreen = lazyScreen(() => import('../parts/purchasing/PurchasingScreen').then((m) => m.PurchasingScreen));
export const PriceImportScreen = lazyScreen(() =>
  import('../parts/price-import/PriceImportScreen').then((m) => m.PriceImportScreen),
);
export const CampaignsScreen = lazyScreen(() => import('../campaigns/CampaignsScreen').then((m) => m.CampaignsScreen));
export const WarrantyClaimsScreen = lazyScreen(() =>
  import('../warranty-claims/WarrantyClaimsScreen').then((m) => m.WarrantyClaimsScreen),
);
export const WarrantyRadarScreen = lazyScreen(() =>
  import('../warranty-risk/WarrantyRadarScreen').then((m) => m.WarrantyRadarScreen),
);
export const LoanersScreen = lazyScreen(() => import('../loaners/LoanersScreen').then((m) => m.LoanersScreen));
export const LendScreen = lazyScreen(() => import('../loaners/LendScreen').then((m) => m.LendScreen));
export const UtilisationScreen = lazyScreen(() => import('../loaners/UtilisationScreen').then((m) => m.UtilisationScreen));
export const LoanAgreementPrintScreen = lazyScreen(() =>
  import('../loaners/LoanAgreementPrintScreen').then((m) => m.LoanAgreementPrintScreen),
);
