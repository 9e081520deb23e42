import type { ConcernGroup } from './concern-groups';
import { addDays } from './desk-time';

/**
 * The 三包 risk radar (docs/domain.md "Statutory periods", SAMR Order 43 of 2021): for a household vehicle inside its
 * 三包 period, the signals that a refund or replacement case is coming, raised one step before the legal threshold so
 * the advisor acts first. Our definitions, stated in the UI as they are here:
 *
 * - Period: from the invoice date (vehicles.invoice_date) for 2 years or 50,000 km, whichever comes first. A vehicle
 *   without an invoice date is outside the radar (nothing says when its period started). A repair counts when its
 *   RO was opened on a desk day inside the period and its mileage in (when recorded) is at most 50,000 km.
 * - Repair RO: an RO not cancelled with at least one job not declined whose concern group is not maintenance.
 *   Delivered means delivered or closed; open means still in the dealership's hands.
 * - Same fault: delivered ROs with a (not declined) job in the same concern group, warranty or customer-paid alike.
 *   Maintenance, diagnostics and "other" name no fault and are left out. More than 4 repairs is the legal case, so
 *   the 4th raises a warning ("the 5th triggers a refund or replacement") and the 5th marks it reached.
 * - Serious safety fault: the groups of Order 43's serious safety faults that a concern group names — brakes (制动
 *   系统失效), suspension_steering (转向系统失效) and ev_high_voltage (动力蓄电池起火). Fuel leaks and body cracks have
 *   no group of their own (engine and body_paint are mostly not safety work) and are left out. "Without success" is
 *   the fault coming back: a later visit in the same group (a comeback is one, so is any later repair). Warning from
 *   the second visit (the fault came back once); reached when two repairs were delivered and it came back again.
 * - Same main part: delivered ROs with a part line whose part is marked as a main part (parts.main_part_kind, set on
 *   the part form) of the same kind. Replaced twice is the case: the first replacement warns, the second reaches it.
 * - Repair days: calendar days on the desk's clock from the RO's opening to its delivery (or today while open), both
 *   counted (a same-day repair is one day), summed over the period's repair ROs. Over 30 is the case; warning from 25.
 * - Long repair: a single repair over 5 days owes a loaner or travel compensation from day 6: an open RO warns from
 *   day 4 and reaches it on day 6; a delivered one that took 6 days or more is reached (compensation was owed).
 */
export const WARRANTY_PERIOD_YEARS = 2;
export const WARRANTY_PERIOD_KM = 50_000;

export const SAFETY_GROUPS = ['brakes', 'suspension_steering', 'ev_high_voltage'] as const satisfies readonly ConcernGroup[];
/** Groups that name no fault: never a "same fault". */
export const NOT_A_FAULT_GROUPS = ['maintenance', 'diagnostics', 'other'] as const satisfies readonly ConcernGroup[];

/** Main parts of Order 43 (主要总成和系统, and the traction battery and drive motor of new-energy vehicles). */
export const MAIN_PART_KINDS = [
  'engine',
  'transmission',
  'steering',
  'brakes',
  'suspension',
  'axle',
  'body',
  'traction_battery',
  'drive_motor',
] as const;
export type MainPartKind = (typeof MAIN_PART_KINDS)[number];

export function isMainPartKind(value: unknown): value is MainPartKind {
  return typeof value === 'string' && (MAIN_PART_KINDS as readonly string[]).includes(value);
}

/** Thresholds, one place: the SQL of the radar list reads the same numbers. */
export const THRESHOLDS = {
  sameFault: { warn: 4, reached: 5 },
  /** Visits (delivered + open) in a safety group to warn; delivered repairs and visits to reach. */
  safety: { warnVisits: 2, reachedRepairs: 2, reachedVisits: 3 },
  mainPart: { warn: 1, reached: 2 },
  repairDays: { warn: 25, reached: 31 },
  longRepair: { openWarn: 4, reached: 6 },
} as const;

export const RISK_LEVELS = ['warning', 'reached'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const SIGNAL_KINDS = ['sameFault', 'safety', 'mainPart', 'repairDays', 'longRepair'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** One repair RO of the period, as the rules read it. */
export interface RiskRepair {
  repairOrderId: number;
  number: string;
  /** delivered or closed */
  delivered: boolean;
  /** Desk day the RO was opened. */
  openedDay: string;
  /** Desk day it was delivered; null while open. */
  deliveredDay: string | null;
  /** Fault groups of its not-declined jobs (maintenance included; the rules leave out what they must). */
  groups: readonly ConcernGroup[];
  /** Main-part kinds of its part lines. */
  mainParts: readonly MainPartKind[];
}

export type RiskSignal =
  | { kind: 'sameFault'; level: RiskLevel; group: ConcernGroup; repairs: number; repairOrderIds: number[] }
  | { kind: 'safety'; level: RiskLevel; group: ConcernGroup; repairs: number; visits: number; repairOrderIds: number[] }
  | { kind: 'mainPart'; level: RiskLevel; part: MainPartKind; replacements: number; repairOrderIds: number[] }
  | { kind: 'repairDays'; level: RiskLevel; days: number; repairOrderIds: number[] }
  | { kind: 'longRepair'; level: RiskLevel; days: number; open: boolean; repairOrderIds: number[] };

export interface WarrantyPeriod {
  /** First desk day of the period (the invoice date). */
  start: string;
  /** Last desk day of the period (the day before the second anniversary of the invoice). */
  end: string;
  km: number;
}

/** The 三包 period of a vehicle invoiced on `invoiceDate`; null without an invoice date. */
export function warrantyPeriod(invoiceDate: string | null): WarrantyPeriod | null {
  if (!invoiceDate) return null;
  // The calendar rolls over as SQLite's date(invoice, '+2 years') does (29 Feb -> 1 Mar), so the radar's SQL agrees.
  const anniversary = new Date(`${invoiceDate}T00:00:00Z`);
  anniversary.setUTCFullYear(anniversary.getUTCFullYear() + WARRANTY_PERIOD_YEARS);
  return { start: invoiceDate, end: addDays(anniversary.toISOString().slice(0, 10), -1), km: WARRANTY_PERIOD_KM };
}

/** Why a vehicle is not on the radar today, or null when it is inside its period. */
export type OutsideReason = 'noInvoiceDate' | 'notStarted' | 'expiredByDate' | 'expiredByKm';

export function outsideReason(period: WarrantyPeriod | null, today: string, mileageKm: number | null): OutsideReason | null {
  if (!period) return 'noInvoiceDate';
  if (today < period.start) return 'notStarted';
  if (today > period.end) return 'expiredByDate';
  if (mileageKm !== null && mileageKm > period.km) return 'expiredByKm';
  return null;
}

/** Calendar days a repair took, both ends counted: opened and delivered the same day is 1. */
export function repairDays(openedDay: string, endDay: string): number {
  const ms = Date.parse(`${endDay}T00:00:00Z`) - Date.parse(`${openedDay}T00:00:00Z`);
  return Math.max(0, Math.round(ms / 86_400_000)) + 1;
}

function level(value: number, warn: number, reached: number): RiskLevel | null {
  if (value >= reached) return 'reached';
  if (value >= warn) return 'warning';
  return null;
}

const isSafety = (group: ConcernGroup) => (SAFETY_GROUPS as readonly ConcernGroup[]).includes(group);
const namesAFault = (group: ConcernGroup) => !(NOT_A_FAULT_GROUPS as readonly ConcernGroup[]).includes(group);

/**
 * The signals of one vehicle from its repair ROs inside the period (the caller selects them), on desk day `today`.
 * Worst first: reached before warning, then in the order of SIGNAL_KINDS.
 */
export function warrantyRiskSignals(repairs: readonly RiskRepair[], today: string): RiskSignal[] {
  const signals: RiskSignal[] = [];
  const byGroup = new Map<ConcernGroup, { delivered: number[]; open: number[] }>();
  const byPart = new Map<MainPartKind, number[]>();
  for (const ro of repairs) {
    for (const group of new Set(ro.groups)) {
      const entry = byGroup.get(group) ?? { delivered: [], open: [] };
      (ro.delivered ? entry.delivered : entry.open).push(ro.repairOrderId);
      byGroup.set(group, entry);
    }
    if (ro.delivered) {
      for (const part of new Set(ro.mainParts)) byPart.set(part, [...(byPart.get(part) ?? []), ro.repairOrderId]);
    }
  }
  for (const [group, { delivered, open }] of byGroup) {
    if (namesAFault(group)) {
      const found = level(delivered.length, THRESHOLDS.sameFault.warn, THRESHOLDS.sameFault.reached);
      if (found) signals.push({ kind: 'sameFault', level: found, group, repairs: delivered.length, repairOrderIds: delivered });
    }
    if (isSafety(group)) {
      const visits = delivered.length + open.length;
      const s = THRESHOLDS.safety;
      const found: RiskLevel | null =
        delivered.length >= s.reachedRepairs && visits >= s.reachedVisits ? 'reached' : visits >= s.warnVisits ? 'warning' : null;
      if (found) {
        signals.push({
          kind: 'safety',
          level: found,
          group,
          repairs: delivered.length,
          visits,
          repairOrderIds: [...delivered, ...open],
        });
      }
    }
  }
  for (const [part, ids] of byPart) {
    const found = level(ids.length, THRESHOLDS.mainPart.warn, THRESHOLDS.mainPart.reached);
    if (found) signals.push({ kind: 'mainPart', level: found, part, replacements: ids.length, repairOrderIds: ids });
  }
  const withDays = repairs.map((ro) => ({ ro, days: repairDays(ro.openedDay, ro.deliveredDay ?? today) }));
  const total = withDays.reduce((sum, { days }) => sum + days, 0);
  const totalLevel = level(total, THRESHOLDS.repairDays.warn, THRESHOLDS.repairDays.reached);
  if (totalLevel) {
    signals.push({ kind: 'repairDays', level: totalLevel, days: total, repairOrderIds: repairs.map((ro) => ro.repairOrderId) });
  }
  for (const { ro, days } of withDays) {
    const found = ro.delivered
      ? days >= THRESHOLDS.longRepair.reached
        ? 'reached'
        : null
      : level(days, THRESHOLDS.longRepair.openWarn, THRESHOLDS.longRepair.reached);
    if (found) signals.push({ kind: 'longRepair', level: found, days, open: !ro.delivered, repairOrderIds: [ro.repairOrderId] });
  }
  const rank = (s: RiskSignal) => (s.level === 'reached' ? 0 : 10) + SIGNAL_KINDS.indexOf(s.kind);
  return signals.sort((a, b) => rank(a) - rank(b));
}
