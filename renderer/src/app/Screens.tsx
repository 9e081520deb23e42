import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { HashRouter, Route, Routes } from 'react-router';
import { contract } from '../../../shared/contract';
import { canCall } from './access';
import { LoginScreen } from './LoginScreen';
import { ScreenLoading } from './ScreenLoading';
import { useSession } from './session-context';
import { Shell } from './Shell';
import { Welcome } from './Welcome';

/**
 * A screen's code loads when it is first opened (issue 17 item 14): each area's screens are their own chunk, the login
 * and the shell stay in the first one. The shell shows its frame while a screen's chunk arrives (Suspense in Shell.tsx).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React's own bound for lazy(): any props.
function lazyScreen<C extends ComponentType<any>>(load: () => Promise<C>): LazyExoticComponent<C> {
  return lazy(async () => ({ default: await load() }));
}

const AppointmentsScreen = lazyScreen(() => import('../appointments/AppointmentsScreen').then((m) => m.AppointmentsScreen));
const LaborListScreen = lazyScreen(() => import('../catalog/LaborListScreen').then((m) => m.LaborListScreen));
const LaborScreen = lazyScreen(() => import('../catalog/LaborScreens').then((m) => m.LaborScreen));
const NewLaborScreen = lazyScreen(() => import('../catalog/LaborScreens').then((m) => m.NewLaborScreen));
const PackageListScreen = lazyScreen(() => import('../catalog/PackageListScreen').then((m) => m.PackageListScreen));
const NewPackageScreen = lazyScreen(() => import('../catalog/PackageScreens').then((m) => m.NewPackageScreen));
const PackageScreen = lazyScreen(() => import('../catalog/PackageScreens').then((m) => m.PackageScreen));
const CustomerPage = lazyScreen(() => import('../customers/CustomerPage').then((m) => m.CustomerPage));
const EditCustomerScreen = lazyScreen(() => import('../customers/CustomerEditScreens').then((m) => m.EditCustomerScreen));
const NewCustomerScreen = lazyScreen(() => import('../customers/CustomerEditScreens').then((m) => m.NewCustomerScreen));
const CustomerListScreen = lazyScreen(() => import('../customers/CustomerListScreen').then((m) => m.CustomerListScreen));
const LookupScreen = lazyScreen(() => import('../customers/LookupScreen').then((m) => m.LookupScreen));
const RepairOrderListScreen = lazyScreen(() =>
  import('../repair-orders/RepairOrderListScreen').then((m) => m.RepairOrderListScreen),
);
const PartListScreen = lazyScreen(() => import('../parts/PartListScreen').then((m) => m.PartListScreen));
const MovementsScreen = lazyScreen(() => import('../parts/MovementsScreen').then((m) => m.MovementsScreen));
const NewPartScreen = lazyScreen(() => import('../parts/PartScreen').then((m) => m.NewPartScreen));
const PartScreen = lazyScreen(() => import('../parts/PartScreen').then((m) => m.PartScreen));
const UsersScreen = lazyScreen(() => import('../users/UsersScreen').then((m) => m.UsersScreen));
const EditVehicleScreen = lazyScreen(() => import('../vehicles/VehicleEditScreens').then((m) => m.EditVehicleScreen));
const NewVehicleScreen = lazyScreen(() => import('../vehicles/VehicleEditScreens').then((m) => m.NewVehicleScreen));
const VehiclePage = lazyScreen(() => import('../vehicles/VehiclePage').then((m) => m.VehiclePage));
const NewRepairOrderScreen = lazyScreen(() =>
  import('../repair-orders/NewRepairOrderScreen').then((m) => m.NewRepairOrderScreen),
);
const RepairOrderPage = lazyScreen(() => import('../repair-orders/RepairOrderPage').then((m) => m.RepairOrderPage));
const PrintPreviewScreen = lazyScreen(() => import('../printing/PrintPreviewScreen').then((m) => m.PrintPreviewScreen));
const DealerSettingsScreen = lazyScreen(() => import('../settings/DealerSettingsScreen').then((m) => m.DealerSettingsScreen));
const BackupsScreen = lazyScreen(() => import('../backups/BackupsScreen').then((m) => m.BackupsScreen));
const DesksScreen = lazyScreen(() => import('../desks/DesksScreen').then((m) => m.DesksScreen));
const AuditListScreen = lazyScreen(() => import('../audit/AuditListScreen').then((m) => m.AuditListScreen));
const MyJobsScreen = lazyScreen(() => import('../workshop/MyJobsScreen').then((m) => m.MyJobsScreen));
const WorkshopBoardScreen = lazyScreen(() => import('../workshop/WorkshopBoardScreen').then((m) => m.WorkshopBoardScreen));
const WorkshopDashboard = lazyScreen(() => import('../reports/WorkshopDashboard').then((m) => m.WorkshopDashboard));
const KpiDashboard = lazyScreen(() => import('../reports/kpis/KpiDashboard').then((m) => m.KpiDashboard));
const ComebacksScreen = lazyScreen(() => import('../workshop/comebacks/ComebacksScreen').then((m) => m.ComebacksScreen));
const CsiReportScreen = lazyScreen(() => import('../reports/csi-report/CsiReportScreen').then((m) => m.CsiReportScreen));
const CsiReportPrintScreen = lazyScreen(() =>
  import('../reports/csi-report/CsiReportPrintScreen').then((m) => m.CsiReportPrintScreen),
);
const FollowupQueueScreen = lazyScreen(() => import('../followup/FollowupQueueScreen').then((m) => m.FollowupQueueScreen));
const FollowupCallScreen = lazyScreen(() => import('../followup/FollowupCallScreen').then((m) => m.FollowupCallScreen));
const SurveyTemplateScreen = lazyScreen(() =>
  import('../followup/surveys/SurveyTemplateScreen').then((m) => m.SurveyTemplateScreen),
);
const ComplaintListScreen = lazyScreen(() => import('../complaints/ComplaintListScreen').then((m) => m.ComplaintListScreen));
const NewComplaintScreen = lazyScreen(() => import('../complaints/NewComplaintScreen').then((m) => m.NewComplaintScreen));
const ComplaintPage = lazyScreen(() => import('../complaints/ComplaintPage').then((m) => m.ComplaintPage));
const PartsCounterScreen = lazyScreen(() => import('../parts/part-supply/PartsCounterScreen').then((m) => m.PartsCounterScreen));
const StocktakeListScreen = lazyScreen(() => import('../parts/stocktake/StocktakeListScreen').then((m) => m.StocktakeListScreen));
const StocktakeScreen = lazyScreen(() => import('../parts/stocktake/StocktakeScreen').then((m) => m.StocktakeScreen));
const OldPartsScreen = lazyScreen(() => import('../parts/old-parts/OldPartsScreen').then((m) => m.OldPartsScreen));
const PurchaseOrderPage = lazyScreen(() => import('../parts/purchasing/PurchaseOrderPage').then((m) => m.PurchaseOrderPage));
const PurchasingScreen = lazyScreen(() => import('../parts/purchasing/PurchasingScreen').then((m) => m.PurchasingScreen));
const PriceImportScreen = lazyScreen(() => import('../parts/price-import/PriceImportScreen').then((m) => m.PriceImportScreen));
const WarrantyRadarScreen = lazyScreen(() => import('../warranty-risk/WarrantyRadarScreen').then((m) => m.WarrantyRadarScreen));

function Guarded({ when, children }: { when: boolean; children: ReactNode }) {
  return when ? <>{children}</> : <Welcome />;
}

/** The route table: every screen at its path, each shown only to a role that may call what it reads (access.ts). */
export function Screens() {
  const session = useSession();
  if (!session) return <LoginScreen />;
  const role = session.user.role;
  const mayLookUp = canCall(role, contract.customers.lookup);
  // No transitions: the look-up box's text lives in the URL, and a deferred location update drops typed keys.
  return (
    <HashRouter useTransitions={false}>
      {/* The shell has its own boundary around the screen; this one covers the print routes, which stand alone. */}
      <Suspense fallback={<ScreenLoading />}>
        <Routes>
          <Route element={<Shell />}>
            <Route index element={mayLookUp ? <LookupScreen /> : <Welcome />} />
            <Route
              path="customers"
              element={
                <Guarded when={canCall(role, contract.customers.grid)}>
                  <CustomerListScreen />
                </Guarded>
              }
            />
            <Route
              path="customers/new"
              element={
                <Guarded when={canCall(role, contract.customers.create)}>
                  <NewCustomerScreen />
                </Guarded>
              }
            />
            <Route
              path="customers/:id"
              element={
                <Guarded when={canCall(role, contract.customers.get)}>
                  <CustomerPage />
                </Guarded>
              }
            />
            <Route
              path="customers/:id/edit"
              element={
                <Guarded when={canCall(role, contract.customers.update)}>
                  <EditCustomerScreen />
                </Guarded>
              }
            />
            <Route
              path="customers/:id/vehicles/new"
              element={
                <Guarded when={canCall(role, contract.vehicles.create)}>
                  <NewVehicleScreen />
                </Guarded>
              }
            />
            <Route
              path="vehicles/:id"
              element={
                <Guarded when={canCall(role, contract.vehicles.get)}>
                  <VehiclePage />
                </Guarded>
              }
            />
            <Route
              path="vehicles/:id/edit"
              element={
                <Guarded when={canCall(role, contract.vehicles.update)}>
                  <EditVehicleScreen />
                </Guarded>
              }
            />
            <Route
              path="catalog"
              element={
                <Guarded when={canCall(role, contract.catalog.laborGrid)}>
                  <LaborListScreen />
                </Guarded>
              }
            />
            <Route
              path="catalog/operations/new"
              element={
                <Guarded when={canCall(role, contract.catalog.createLabor)}>
                  <NewLaborScreen />
                </Guarded>
              }
            />
            <Route
              path="catalog/operations/:id"
              element={
                <Guarded when={canCall(role, contract.catalog.getLabor)}>
                  <LaborScreen />
                </Guarded>
              }
            />
            <Route
              path="catalog/packages"
              element={
                <Guarded when={canCall(role, contract.catalog.listPackages)}>
                  <PackageListScreen />
                </Guarded>
              }
            />
            <Route
              path="catalog/packages/new"
              element={
                <Guarded when={canCall(role, contract.catalog.createPackage)}>
                  <NewPackageScreen />
                </Guarded>
              }
            />
            <Route
              path="catalog/packages/:id"
              element={
                <Guarded when={canCall(role, contract.catalog.getPackage)}>
                  <PackageScreen />
                </Guarded>
              }
            />
            <Route
              path="appointments"
              element={
                <Guarded when={canCall(role, contract.appointments.board)}>
                  <AppointmentsScreen />
                </Guarded>
              }
            />
            <Route
              path="repair-orders/new"
              element={
                <Guarded when={canCall(role, contract.repairOrders.create)}>
                  <NewRepairOrderScreen />
                </Guarded>
              }
            />
            <Route
              path="repair-orders/:id"
              element={
                <Guarded when={canCall(role, contract.repairOrders.get)}>
                  <RepairOrderPage />
                </Guarded>
              }
            />
            <Route
              path="repair-orders"
              element={
                <Guarded when={canCall(role, contract.repairOrders.grid)}>
                  <RepairOrderListScreen />
                </Guarded>
              }
            />
            <Route
              path="parts"
              element={
                <Guarded when={canCall(role, contract.parts.grid)}>
                  <PartListScreen />
                </Guarded>
              }
            />
            <Route
              path="parts/movements"
              element={
                <Guarded when={canCall(role, contract.parts.movements)}>
                  <MovementsScreen />
                </Guarded>
              }
            />
            <Route
              path="parts/new"
              element={
                <Guarded when={canCall(role, contract.parts.create)}>
                  <NewPartScreen />
                </Guarded>
              }
            />
            <Route
              path="parts/:id"
              element={
                <Guarded when={canCall(role, contract.parts.get)}>
                  <PartScreen />
                </Guarded>
              }
            />
            <Route
              path="parts/counter"
              element={
                <Guarded when={canCall(role, contract.parts.counter)}>
                  <PartsCounterScreen />
                </Guarded>
              }
            />
            <Route
              path="parts/stocktakes"
              element={
                <Guarded when={canCall(role, contract.parts.stocktakes)}>
                  <StocktakeListScreen />
                </Guarded>
              }
            />
            <Route
              path="parts/stocktakes/:id"
              element={
                <Guarded when={canCall(role, contract.parts.stocktake)}>
                  <StocktakeScreen />
                </Guarded>
              }
            />
            <Route
              path="parts/old-parts"
              element={
                <Guarded when={canCall(role, contract.parts.oldParts)}>
                  <OldPartsScreen />
                </Guarded>
              }
            />
            <Route
              path="parts/purchasing"
              element={
                <Guarded when={canCall(role, contract.parts.suggestedOrder)}>
                  <PurchasingScreen />
                </Guarded>
              }
            />
            <Route
              path="parts/purchasing/:id"
              element={
                <Guarded when={canCall(role, contract.parts.purchaseOrder)}>
                  <PurchaseOrderPage />
                </Guarded>
              }
            />
            <Route
              path="parts/import"
              element={
                <Guarded when={canCall(role, contract.parts.importPrepare)}>
                  <PriceImportScreen />
                </Guarded>
              }
            />
            <Route
              path="workshop"
              element={
                <Guarded when={canCall(role, contract.workshop.board)}>
                  <WorkshopBoardScreen />
                </Guarded>
              }
            />
            <Route
              path="my-jobs"
              element={
                <Guarded when={canCall(role, contract.workshop.myJobs)}>
                  <MyJobsScreen />
                </Guarded>
              }
            />
            <Route
              path="users"
              element={
                <Guarded when={canCall(role, contract.users.list)}>
                  <UsersScreen />
                </Guarded>
              }
            />
            <Route
              path="settings"
              element={
                <Guarded when={canCall(role, contract.settings.setDealer)}>
                  <DealerSettingsScreen />
                </Guarded>
              }
            />
            <Route
              path="settings/backups"
              element={
                <Guarded when={canCall(role, contract.backups.list)}>
                  <BackupsScreen />
                </Guarded>
              }
            />
            <Route
              path="settings/desks"
              element={
                <Guarded when={canCall(role, contract.desks.list)}>
                  <DesksScreen />
                </Guarded>
              }
            />
            <Route
              path="settings/audit"
              element={
                <Guarded when={canCall(role, contract.audit.list)}>
                  <AuditListScreen />
                </Guarded>
              }
            />
            <Route
              path="reports/workshop"
              element={
                <Guarded when={canCall(role, contract.reports.firstTimeFix)}>
                  <WorkshopDashboard />
                </Guarded>
              }
            />
            <Route
              path="reports"
              element={
                <Guarded when={canCall(role, contract.reports.kpis)}>
                  <KpiDashboard />
                </Guarded>
              }
            />
            <Route
              path="reports/csi"
              element={
                <Guarded when={canCall(role, contract.reports.monthlyCsi)}>
                  <CsiReportScreen />
                </Guarded>
              }
            />
            <Route
              path="reports/warranty-risk"
              element={
                <Guarded when={canCall(role, contract.warrantyRisk.radar)}>
                  <WarrantyRadarScreen />
                </Guarded>
              }
            />
            <Route
              path="comebacks"
              element={
                <Guarded when={canCall(role, contract.workshop.comebacks)}>
                  <ComebacksScreen />
                </Guarded>
              }
            />
            <Route
              path="followup"
              element={
                <Guarded when={canCall(role, contract.followup.queue)}>
                  <FollowupQueueScreen />
                </Guarded>
              }
            />
            <Route
              path="followup/tasks/:id"
              element={
                <Guarded when={canCall(role, contract.followup.task)}>
                  <FollowupCallScreen />
                </Guarded>
              }
            />
            <Route
              path="followup/survey-template"
              element={
                <Guarded when={canCall(role, contract.followup.saveSurveyTemplate)}>
                  <SurveyTemplateScreen />
                </Guarded>
              }
            />
            <Route
              path="complaints"
              element={
                <Guarded when={canCall(role, contract.complaints.list)}>
                  <ComplaintListScreen />
                </Guarded>
              }
            />
            <Route
              path="complaints/new"
              element={
                <Guarded when={canCall(role, contract.complaints.create)}>
                  <NewComplaintScreen />
                </Guarded>
              }
            />
            <Route
              path="complaints/:id"
              element={
                <Guarded when={canCall(role, contract.complaints.get)}>
                  <ComplaintPage />
                </Guarded>
              }
            />
            <Route path="*" element={<Welcome />} />
          </Route>
          {/* Print routes stand outside the shell: the page is the document alone, as it prints. */}
          <Route
            path="print/repair-orders/:id/work-order"
            element={
              <Guarded when={canCall(role, contract.repairOrders.get)}>
                <PrintPreviewScreen kind="work-order" />
              </Guarded>
            }
          />
          <Route
            path="print/repair-orders/:id/estimate"
            element={
              <Guarded when={canCall(role, contract.repairOrders.get)}>
                <PrintPreviewScreen kind="estimate" />
              </Guarded>
            }
          />
          <Route
            path="print/repair-orders/:id/settlement"
            element={
              <Guarded when={canCall(role, contract.repairOrders.settlement)}>
                <PrintPreviewScreen kind="settlement" />
              </Guarded>
            }
          />
          <Route
            path="print/repair-orders/:id/certificate"
            element={
              <Guarded when={canCall(role, contract.workshop.certificate)}>
                <PrintPreviewScreen kind="certificate" />
              </Guarded>
            }
          />
          <Route
            path="print/reports/csi/:month"
            element={
              <Guarded when={canCall(role, contract.reports.monthlyCsi)}>
                <CsiReportPrintScreen />
              </Guarded>
            }
          />
        </Routes>
      </Suspense>
    </HashRouter>
  );
}
