import { Route } from 'react-router';
import { contract } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/roles';
import { canCall } from './access';
import { Guarded } from './print-routes';
import { AuditListScreen, BackupsScreen, DealerSettingsScreen, DesksScreen, DmsImportScreen } from './screen-chunks';

/** The routes of Settings and the screens reached from it (backups, desks, audit, moving in from the previous DMS). */
export function settingsRoutes(role: Role) {
  return (
    <>
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
          <Guarded when={canCall(role, contract.audit.grid)}>
            <AuditListScreen />
          </Guarded>
        }
      />
      <Route
        path="settings/dms-import"
        element={
          <Guarded when={canCall(role, contract.dmsImport.prepare)}>
            <DmsImportScreen />
          </Guarded>
        }
      />
    </>
  );
}
