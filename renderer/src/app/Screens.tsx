import { Suspense } from 'react';
import { HashRouter, Route, Routes } from 'react-router';
import { contract } from '../../../shared/contract';
import { canCall } from './access';
import { LoginScreen } from './LoginScreen';
import { ScreenLoading } from './ScreenLoading';
import {
  AppointmentsScreen,
  LaborListScreen,
  LaborScreen,
  NewLaborScreen,
  PackageListScreen,
  NewPackageScreen,
  PackageScreen,
  CustomerPage,
  EditCustomerScreen,
  NewCustomerScreen,
  CustomerListScreen,
  LookupScreen,
  RepairOrderListScreen,
  PartListScreen,
  MovementsScreen,
  NewPartScreen,
  PartScreen,
  UsersScreen,
  EditVehicleScreen,
  NewVehicleScreen,
  VehiclePage,
  NewRepairOrderScreen,
  RepairOrderPage,
  MyJobsScreen,
  WorkshopBoardScreen,
  WorkshopDashboard,
  KpiDashboard,
  ComebacksScreen,
  CsiReportScreen,
  WarrantyClaimsScreen,
  DailyClosingScreen,
  FollowupQueueScreen,
  FollowupCallScreen,
  SurveyTemplateScreen,
  ComplaintListScreen,
  NewComplaintScreen,
  ComplaintPage,
  LoanersScreen,
  LendScreen,
  UtilisationScreen,
  PartsCounterScreen,
  StocktakeListScreen,
  StocktakeScreen,
  OldPartsScreen,
  PurchaseOrderPage,
  PurchasingScreen,
  PriceImportScreen,
  WarrantyRadarScreen,
  CampaignsScreen,
} from './screen-chunks';
import { moneyPrintRoutes, moneyRoutes } from '../reports/money/routes';
import { useSession } from './session-context';
import { Shell } from './Shell';
import { Welcome } from './Welcome';
import { Guarded, printRoutes } from './print-routes';
import { settingsRoutes } from './settings-routes';

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
                <Guarded when={canCall(role, contract.parts.counterGrid)}>
                  <PartsCounterScreen />
                </Guarded>
              }
            />
            <Route
              path="parts/stocktakes"
              element={
                <Guarded when={canCall(role, contract.parts.stocktakesGrid)}>
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
                <Guarded when={canCall(role, contract.parts.oldPartsGrid)}>
                  <OldPartsScreen />
                </Guarded>
              }
            />
            <Route
              path="parts/purchasing"
              element={
                <Guarded when={canCall(role, contract.parts.suggestedOrderGrid)}>
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
            {settingsRoutes(role)}
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
            {moneyRoutes(role)}
            <Route
              path="reports/daily-closing"
              element={
                <Guarded when={canCall(role, contract.reports.dailyClosing)}>
                  <DailyClosingScreen />
                </Guarded>
              }
            />
            <Route
              path="campaigns"
              element={
                <Guarded when={canCall(role, contract.campaigns.grid)}>
                  <CampaignsScreen />
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
              path="warranty-claims"
              element={
                <Guarded when={canCall(role, contract.warrantyClaims.grid)}>
                  <WarrantyClaimsScreen />
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
            <Route
              path="loaners"
              element={
                <Guarded when={canCall(role, contract.loaners.list)}>
                  <LoanersScreen />
                </Guarded>
              }
            />
            <Route
              path="loaners/lend/:id"
              element={
                <Guarded when={canCall(role, contract.loaners.lend)}>
                  <LendScreen />
                </Guarded>
              }
            />
            <Route
              path="loaners/utilisation"
              element={
                <Guarded when={canCall(role, contract.loaners.utilisation)}>
                  <UtilisationScreen />
                </Guarded>
              }
            />
            <Route path="*" element={<Welcome />} />
          </Route>
          {/* Print routes stand outside the shell: the page is the document alone, as it prints. */}
          {printRoutes(role)}
          {moneyPrintRoutes(role)}
        </Routes>
      </Suspense>
    </HashRouter>
  );
}
