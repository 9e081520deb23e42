import { migration as m0001 } from './0001-create-users';
import { migration as m0002 } from './0002-create-customers-vehicles';
import { migration as m0003 } from './0003-create-catalog';
import { migration as m0004 } from './0004-create-repair-orders';
import { migration as m0005 } from './0005-index-repair-order-list';
import { migration as m0006 } from './0006-create-appointments';
import { migration as m0007 } from './0007-create-check-ins';
import { migration as m0008 } from './0008-create-authorisations';
import { migration as m0009 } from './0009-add-job-category-technician';
import { migration as m0010 } from './0010-create-workshop';
import { migration as m0011 } from './0011-create-quality-checks';
import { migration as m0012 } from './0012-create-settlements';
import { migration as m0013 } from './0013-create-comebacks';
import { migration as m0014 } from './0014-create-parts';
import { migration as m0015 } from './0015-create-surveys';
import { migration as m0016 } from './0016-create-followup';
import { migration as m0017 } from './0017-create-complaints';
import { migration as m0018 } from './0018-add-warranty-risk';
import { migration as m0019 } from './0019-create-audit-log';
import { migration as m0020 } from './0020-create-consents';
import { migration as m0021 } from './0021-add-login-lockout';
import { migration as m0022 } from './0022-index-repair-order-search';
import { migration as m0023 } from './0023-index-deliveries-comebacks';
import { migration as m0024 } from './0024-index-grids';
import { migration as m0025 } from './0025-create-report-summaries';
import { migration as m0026 } from './0026-create-warranty-risk-signals';
import { migration as m0027 } from './0027-parts-fts-trigger-on-name-change';
import { migration as m0028 } from './0028-followup-contactable-fts-on-change';
import { migration as m0029 } from './0029-price-import-written';
import { migration as m0030 } from './0030-create-desks';
import { migration as m0031 } from './0031-desk-app-version';
import { migration as m0032 } from './0032-add-job-planned-start';
import { migration as m0033 } from './0033-index-parts-desk-grids';
import { migration as m0034 } from './0034-create-customer-pinyin';
import { migration as m0035 } from './0035-create-refunds';
import { migration as m0036 } from './0036-index-count-sheet-and-suggestion';
import { migration as m0037 } from './0037-add-legacy-ids';
import { migration as m0038 } from './0038-create-dms-imports';
import { migration as m0039 } from './0039-hold-facts-during-imports';
import { migration as m0040 } from './0040-create-campaigns';
import { migration as m0041 } from './0041-create-loaners';
import { migration as m0042 } from './0042-create-warranty-claims';
import type { Migration } from './types';

/**
 * Imported statically (a bundled main cannot read a folder of files). The database's `user_version` is the
 * number of migrations applied, so position N in this list is schema version N + 1.
 */
export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
  m0020,
  m0021,
  m0022,
  m0023,
  m0024,
  m0025,
  m0026,
  m0027,
  m0028,
  m0029,
  m0030,
  m0031,
  m0032,
  m0033,
  m0034,
  m0035,
  m0036,
  m0037,
  m0038,
  m0039,
  m0040,
  m0041,
  m0042,
];
export const SCHEMA_VERSION = MIGRATIONS.length;
