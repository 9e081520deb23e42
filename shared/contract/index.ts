import { appointmentsContract } from './appointments';
import { comebacksContract } from './workshop/comebacks';
import { eventsContract } from './events';
import { qualityContract } from './workshop/quality';
import { reportsContract } from './reports';
import { dispatchContract } from './workshop';
import { catalogContract } from './catalog';
import { customersContract } from './customers';
import { repairOrdersContract } from './repair-orders';
import { settingsContract } from './settings';
import { usersContract } from './users';
import { sessionsContract } from './users/sessions';
import { surveysContract } from './followup/surveys';
import { followupContract } from './followup';
import { complaintsContract } from './complaints';
import { partsContract } from './parts';
import { partSupplyContract } from './parts/part-supply';
import { purchasingContract } from './parts/purchasing';
import { stocktakeContract } from './parts/stocktake';
import { oldPartsContract } from './parts/old-parts';
import { priceImportContract } from './parts/price-import';
import { vehiclesContract } from './vehicles';
import { kpisContract } from './reports/kpis';
import { csiReportContract } from './reports/csi-report';
import { moneyContract } from './reports/money';
import { dailyClosingContract } from './reports/daily-closing';
import { warrantyRiskContract } from './warranty-risk';
import { backupsContract } from './backups';
import { auditContract } from './audit';
import { privacyContract } from './privacy';
import { desksContract } from './desks';
import { dmsImportContract } from './dms-import';
import { campaignsContract } from './campaigns';
import { loanersContract } from './loaners';
import { warrantyClaimsContract } from './warranty-claims';

/** The whole API: what the renderer may call and what the core implements, one area per key. */
export const contract = {
  users: { ...usersContract, ...sessionsContract },
  customers: customersContract,
  vehicles: vehiclesContract,
  catalog: catalogContract,
  repairOrders: repairOrdersContract,
  appointments: appointmentsContract,
  settings: settingsContract,
  workshop: { ...dispatchContract, ...qualityContract, ...comebacksContract },
  reports: { ...reportsContract, ...kpisContract, ...csiReportContract, ...moneyContract, ...dailyClosingContract },
  parts: {
    ...partsContract,
    ...partSupplyContract,
    ...purchasingContract,
    ...stocktakeContract,
    ...oldPartsContract,
    ...priceImportContract,
  },
  followup: { ...followupContract, ...surveysContract },
  complaints: complaintsContract,
  warrantyRisk: warrantyRiskContract,
  backups: backupsContract,
  audit: auditContract,
  privacy: privacyContract,
  events: eventsContract,
  desks: desksContract,
  dmsImport: dmsImportContract,
  campaigns: campaignsContract,
  loaners: loanersContract,
  warrantyClaims: warrantyClaimsContract,
};
export type Contract = typeof contract;

export * from './errors';
export type { Page, GridInput } from './paging';
