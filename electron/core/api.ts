import { appointmentsRouter } from './appointments/router';
import { eventsRouter } from './events/router';
import { reportsRouter } from './reports/router';
import { kpisRouter } from './reports/kpis/router';
import { csiReportRouter } from './reports/csi-report/router';
import { moneyRouter } from './reports/money/router';
import { dailyClosingRouter } from './reports/daily-closing/router';
import { warrantyRiskRouter } from './warranty-risk/router';
import { auditRouter } from './audit/router';
import { privacyRouter } from './privacy/router';
import { comebacksRouter } from './workshop/comebacks/router';
import { dispatchRouter } from './workshop/router';
import { qualityRouter } from './workshop/quality/router';
import { catalogRouter } from './catalog/router';
import { customersRouter } from './customers/router';
import { repairOrdersRouter } from './repair-orders/router';
import { partsMasterRouter } from './parts/router';
import { partSupplyRouter } from './parts/part-supply/router';
import { purchasingRouter } from './parts/purchasing/router';
import { stocktakeRouter } from './parts/stocktake/router';
import { oldPartsRouter } from './parts/old-parts/router';
import { priceImportRouter } from './parts/price-import/router';
import { surveysRouter } from './followup/surveys/router';
import { followupRouter } from './followup/router';
import { complaintsRouter } from './complaints/router';
import { rpc } from './rpc';
import { settingsRouter } from './settings/router';
import { usersRouter } from './users/router';
import { sessionsRouter } from './users/sessions/router';
import { vehiclesRouter } from './vehicles/router';
import { backupsRouter } from './backups/router';
import { desksRouter } from './desks/router';
import { dmsImportRouter } from './dms-import/router';
import { campaignsRouter } from './campaigns/router';
import { loanersRouter } from './loaners/router';
import { warrantyClaimsRouter } from './warranty-claims/router';

/** The whole API, checked against the shared contract: every transport serves exactly this. */
export const router = rpc.router({
  users: { ...usersRouter, ...sessionsRouter },
  customers: customersRouter,
  vehicles: vehiclesRouter,
  catalog: catalogRouter,
  repairOrders: repairOrdersRouter,
  appointments: appointmentsRouter,
  settings: settingsRouter,
  workshop: { ...dispatchRouter, ...qualityRouter, ...comebacksRouter },
  reports: { ...reportsRouter, ...kpisRouter, ...csiReportRouter, ...moneyRouter, ...dailyClosingRouter },
  parts: {
    ...partsMasterRouter,
    ...partSupplyRouter,
    ...purchasingRouter,
    ...stocktakeRouter,
    ...oldPartsRouter,
    ...priceImportRouter,
  },
  followup: { ...followupRouter, ...surveysRouter },
  complaints: complaintsRouter,
  warrantyRisk: warrantyRiskRouter,
  backups: backupsRouter,
  audit: auditRouter,
  privacy: privacyRouter,
  events: eventsRouter,
  desks: desksRouter,
  dmsImport: dmsImportRouter,
  campaigns: campaignsRouter,
  loaners: loanersRouter,
  warrantyClaims: warrantyClaimsRouter,
});
export type Router = typeof router;
