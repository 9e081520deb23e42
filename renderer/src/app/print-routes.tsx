import type { ReactNode } from 'react';
import { Route } from 'react-router';
import { contract } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/roles';
import { canCall } from './access';
import { CsiReportPrintScreen, DailyClosingPrintScreen, LoanAgreementPrintScreen, PrintPreviewScreen } from './screen-chunks';
import { Welcome } from './Welcome';

/** A screen shown only to a role that may call what it reads; anyone else sees the welcome page. */
export function Guarded({ when, children }: { when: boolean; children: ReactNode }) {
  return when ? <>{children}</> : <Welcome />;
}

/** Print routes stand outside the shell: the page is the document alone, as it prints. */
export function printRoutes(role: Role) {
  return [
    <Route
      key="print/repair-orders/:id/work-order"
      path="print/repair-orders/:id/work-order"
      element={
        <Guarded when={canCall(role, contract.repairOrders.get)}>
          <PrintPreviewScreen kind="work-order" />
        </Guarded>
      }
    />,
    <Route
      key="print/repair-orders/:id/estimate"
      path="print/repair-orders/:id/estimate"
      element={
        <Guarded when={canCall(role, contract.repairOrders.get)}>
          <PrintPreviewScreen kind="estimate" />
        </Guarded>
      }
    />,
    <Route
      key="print/repair-orders/:id/settlement"
      path="print/repair-orders/:id/settlement"
      element={
        <Guarded when={canCall(role, contract.repairOrders.settlement)}>
          <PrintPreviewScreen kind="settlement" />
        </Guarded>
      }
    />,
    <Route
      key="print/repair-orders/:id/certificate"
      path="print/repair-orders/:id/certificate"
      element={
        <Guarded when={canCall(role, contract.workshop.certificate)}>
          <PrintPreviewScreen kind="certificate" />
        </Guarded>
      }
    />,
    <Route
      key="print/reports/daily-closing/:day"
      path="print/reports/daily-closing/:day"
      element={
        <Guarded when={canCall(role, contract.reports.dailyClosing)}>
          <DailyClosingPrintScreen />
        </Guarded>
      }
    />,
    <Route
      key="print/reports/csi/:month"
      path="print/reports/csi/:month"
      element={
        <Guarded when={canCall(role, contract.reports.monthlyCsi)}>
          <CsiReportPrintScreen />
        </Guarded>
      }
    />,
    <Route
      key="print/loans/:id/agreement"
      path="print/loans/:id/agreement"
      element={
        <Guarded when={canCall(role, contract.loaners.loan) && canCall(role, contract.repairOrders.get)}>
          <LoanAgreementPrintScreen />
        </Guarded>
      }
    />,
  ];
}
