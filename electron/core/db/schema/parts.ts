import type { Generated } from 'kysely';
import type { OldPartStatus } from '../../../../shared/contract/parts/old-parts';
import type { PriceFileFormat } from '../../../../shared/contract/parts/price-import';
import type { PurchaseOrderStatus } from '../../../../shared/contract/parts/purchasing';
import type { StocktakeStatus } from '../../../../shared/contract/parts/stocktake';
import type { ReservationStatus, StockMovementKind } from '../../../../shared/domain/stock';
import type { MainPartKind } from '../../../../shared/domain/warranty-risk';

/** Parts master (issue 5). part_number is normalised (shared/domain/part-number.ts). */
export interface PartsTable {
  id: Generated<number>;
  part_number: string;
  name_zh: string;
  name_en: string;
  brand: string;
  unit: string;
  list_price_fen: number;
  cost_fen: number;
  tax_class: string;
  superseded_by_id: number | null;
  default_bin: string;
  min_qty_milli: number;
  max_qty_milli: number;
  /** Running total of the ledger over all bins, written with each movement. */
  on_hand_milli: number;
  /** Moving-average valuation of what is on hand. */
  stock_value_fen: number;
  /** What open reservations hold on the shelf, kept by triggers on part_reservations (migration 0024). */
  reserved_milli: Generated<number>;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
  /** A main part of 三包 (shared/domain/warranty-risk MAIN_PART_KINDS), null for any other part (migration 0018). */
  main_part_kind: Generated<MainPartKind | null>;
}

export interface PartStockTable {
  part_id: number;
  bin: string;
  on_hand_milli: number;
}

/** The stock ledger: every movement of every part, signed (in > 0). */
export interface StockMovementsTable {
  id: Generated<number>;
  part_id: number;
  bin: string;
  kind: StockMovementKind;
  qty_milli: number;
  unit_cost_fen: number;
  value_fen: number;
  on_hand_after_milli: number;
  repair_order_id: number | null;
  job_id: number | null;
  line_id: number | null;
  purchase_order_id: number | null;
  purchase_order_line_id: number | null;
  stocktake_id: number | null;
  reason: string;
  override_by: number | null;
  created_by: number;
  created_at: string;
}

/** One per RO part line of a part in the master: qty = reserved + to order + issued while open. */
export interface PartReservationsTable {
  id: Generated<number>;
  line_id: number;
  part_id: number;
  repair_order_id: number;
  job_id: number;
  qty_milli: number;
  reserved_milli: number;
  to_order_milli: number;
  issued_milli: number;
  expected_at: string | null;
  status: ReservationStatus;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PartArrivalNoticesTable {
  id: Generated<number>;
  advisor_id: number;
  repair_order_id: number;
  line_id: number;
  part_id: number;
  qty_milli: number;
  created_at: string;
  seen_at: string | null;
}

export interface DocumentSequencesTable {
  kind: string;
  year: number;
  last_number: number;
}

export interface SuppliersTable {
  id: Generated<number>;
  name: string;
  contact: string;
  phone: string;
  lead_days: number;
  active: number;
  created_at: string;
}

export interface PurchaseOrdersTable {
  id: Generated<number>;
  number: string;
  supplier_id: number;
  status: PurchaseOrderStatus;
  expected_at: string | null;
  note: string;
  ordered_at: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PurchaseOrderLinesTable {
  id: Generated<number>;
  purchase_order_id: number;
  position: number;
  part_id: number;
  qty_milli: number;
  received_milli: number;
  unit_cost_fen: number;
}

export interface StocktakesTable {
  id: Generated<number>;
  number: string;
  status: StocktakeStatus;
  scope: string;
  note: string;
  created_by: number;
  created_at: string;
  posted_by: number | null;
  posted_at: string | null;
  version: number;
}

export interface StocktakeLinesTable {
  id: Generated<number>;
  stocktake_id: number;
  part_id: number;
  bin: string;
  frozen_milli: number;
  unit_cost_fen: number;
  counted_milli: number | null;
  counted_by: number | null;
  counted_at: string | null;
}

/** 旧件: parts removed under warranty, held until the claim is settled. */
export interface WarrantyOldPartsTable {
  id: Generated<number>;
  tag_number: string;
  repair_order_id: number;
  job_id: number;
  line_id: number | null;
  part_id: number | null;
  part_number: string;
  name_zh: string;
  qty_milli: number;
  claim_number: string;
  location: string;
  status: OldPartStatus;
  claim_settled_at: string | null;
  disposed_at: string | null;
  disposed_by: number | null;
  note: string;
  created_by: number;
  created_at: string;
  version: number;
}

export interface PriceImportMappingsTable {
  header_signature: string;
  mapping_json: string;
  updated_by: number;
  updated_at: string;
}

export interface PriceImportsTable {
  id: Generated<number>;
  file_name: string;
  format: PriceFileFormat;
  stored_path: string;
  status: string;
  line_count: number | null;
  added: number | null;
  changed: number | null;
  unchanged: number | null;
  rejected: number | null;
  created_by: number;
  created_at: string;
  committed_at: string | null;
  /** Good lines written so far while status is writing or interrupted (migration 0029). */
  written: number | null;
}
