import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import { contract } from '../../../../shared/contract';
import type { Role } from '../../../../shared/domain/roles';
import { canCall } from '../../app/access';
import { Welcome } from '../../app/Welcome';

function Guarded({ when, children }: { when: boolean; children: ReactNode }) {
  return when ? <>{children}</> : <Welcome />;
}

// The money reports' screens, each its own chunk (fetched when first opened).
const RevenueScreen = lazy(() => import('./RevenueScreen').then((m) => ({ default: m.RevenueScreen })));
const PartsMarginScreen = lazy(() => import('./PartsMarginScreen').then((m) => ({ default: m.PartsMarginScreen })));
const MoneyPrintScreen = lazy(() => import('./MoneyPrintScreen').then((m) => ({ default: m.MoneyPrintScreen })));

/** The routes inside the shell: the revenue and parts margin reports. */
export function moneyRoutes(role: Role) {
  return (
    <>
      <Route
        path="reports/revenue"
        element={
          <Guarded when={canCall(role, contract.reports.revenue)}>
            <RevenueScreen />
          </Guarded>
        }
      />
      <Route
        path="reports/parts-margin"
        element={
          <Guarded when={canCall(role, contract.reports.partsMargin)}>
            <PartsMarginScreen />
          </Guarded>
        }
      />
    </>
  );
}

/** The print route of both reports (outside the shell, as every document). */
export function moneyPrintRoutes(role: Role) {
  return (
    <Route
      path="print/reports/money"
      element={
        <Guarded when={canCall(role, contract.reports.revenue)}>
          <MoneyPrintScreen />
        </Guarded>
      }
    />
  );
}
