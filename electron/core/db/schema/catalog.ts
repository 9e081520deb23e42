import type { Generated } from 'kysely';
import type { ConcernGroup } from '../../../../shared/domain/concern-groups';

export interface LaborOperationsTable {
  id: Generated<number>;
  /** Upper-case, unique. */
  code: string;
  name_zh: string;
  name_en: string;
  /** nameKey(name_en): what the English name search and sort read. */
  name_en_key: string;
  concern_group: ConcernGroup;
  /** Flat-rate hours in thousandths (0.5 h = 500). */
  flat_rate_hours_milli: number;
  /** Per flat-rate hour, in fen. */
  labor_rate_fen: number;
  /** 0 once retired: kept for the repair orders that point at it, offered for nothing new. */
  active: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface MaintenancePackagesTable {
  id: Generated<number>;
  code: string;
  name_zh: string;
  name_en: string;
  active: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface MaintenancePackageLaborTable {
  id: Generated<number>;
  package_id: number;
  operation_id: number;
  position: number;
}

/** Plain lines until the parts master exists (a later issue links them to it). */
export interface MaintenancePackagePartsTable {
  id: Generated<number>;
  package_id: number;
  position: number;
  part_number: string;
  name_zh: string;
  name_en: string;
  qty_milli: number;
  unit_price_fen: number;
}
