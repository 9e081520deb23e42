/** 三包 figures of one vehicle's settled repairs in its period, kept by triggers (migration 0026); read by warranty-risk. */
export interface WarrantyRiskSignalsTable {
  vehicle_id: number;
  invoice_date: string;
  period_end: string;
  latest_km: number | null;
  open_repairs: number;
  repair_days: number;
  longest_repair: number;
  same_fault_max: number;
  safety_max: number;
  main_part_max: number;
  /** 2 reached, 1 warning, 0 none. */
  level: number;
}
