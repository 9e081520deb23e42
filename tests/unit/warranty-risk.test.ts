import { describe, expect, it } from 'vitest';
import type { ConcernGroup } from '../../shared/domain/concern-groups';
import {
  outsideReason,
  repairDays,
  warrantyPeriod,
  warrantyRiskSignals,
  type MainPartKind,
  type RiskRepair,
} from '../../shared/domain/warranty-risk';

const TODAY = '2026-11-24';
let seq = 0;

/** A delivered one-day repair on `day` in `groups`. */
function ro(day: string, groups: ConcernGroup[], extra: Partial<RiskRepair> = {}): RiskRepair {
  seq += 1;
  return {
    repairOrderId: seq,
    number: `RO${seq}`,
    delivered: true,
    openedDay: day,
    deliveredDay: day,
    groups,
    mainParts: [],
    ...extra,
  };
}
const repeat = (n: number, groups: ConcernGroup[], extra: Partial<RiskRepair> = {}) =>
  Array.from({ length: n }, (_, i) => ro(`2026-0${i + 1}-10`, groups, extra));

describe('三包 period', () => {
  it('runs two years from the invoice date, the last day being the day before the anniversary', () => {
    expect(warrantyPeriod('2025-03-15')).toEqual({ start: '2025-03-15', end: '2027-03-14', km: 50_000 });
    expect(warrantyPeriod('2024-02-29')!.end).toBe('2026-02-28');
    expect(warrantyPeriod(null)).toBeNull();
  });

  it('says why a vehicle is outside: no invoice date, not started, over two years, over 50,000 km', () => {
    const period = warrantyPeriod('2024-11-25');
    expect(outsideReason(null, TODAY, 100)).toBe('noInvoiceDate');
    expect(outsideReason(warrantyPeriod('2026-11-25'), TODAY, null)).toBe('notStarted');
    expect(outsideReason(period, TODAY, 50_000)).toBeNull();
    expect(outsideReason(period, TODAY, 50_001)).toBe('expiredByKm');
    expect(outsideReason(warrantyPeriod('2024-11-24'), TODAY, 10)).toBe('expiredByDate');
  });

  it('counts repair days with both ends: the same day is one day', () => {
    expect(repairDays('2026-11-24', '2026-11-24')).toBe(1);
    expect(repairDays('2026-11-20', '2026-11-24')).toBe(5);
    expect(repairDays('2026-02-27', '2026-03-01')).toBe(3);
  });
});

describe('signals at their thresholds', () => {
  it('same fault: nothing at 3 repairs, a warning at the 4th, reached at the 5th; maintenance is never a fault', () => {
    expect(warrantyRiskSignals(repeat(3, ['engine']), TODAY)).toEqual([]);
    expect(warrantyRiskSignals(repeat(4, ['engine']), TODAY)).toMatchObject([
      { kind: 'sameFault', level: 'warning', group: 'engine', repairs: 4 },
    ]);
    expect(warrantyRiskSignals(repeat(5, ['engine']), TODAY)).toMatchObject([
      { kind: 'sameFault', level: 'reached', repairs: 5 },
    ]);
    expect(warrantyRiskSignals(repeat(5, ['maintenance']), TODAY)).toEqual([]);
    expect(warrantyRiskSignals(repeat(5, ['other']), TODAY)).toEqual([]);
    // An open RO is not a repair yet.
    expect(
      warrantyRiskSignals([...repeat(3, ['engine']), ro(TODAY, ['engine'], { delivered: false, deliveredDay: null })], TODAY),
    ).toEqual([]);
  });

  it('safety: one repair is nothing, the fault coming back warns, two repairs and back again is reached', () => {
    expect(warrantyRiskSignals(repeat(1, ['brakes']), TODAY)).toEqual([]);
    const back = ro(TODAY, ['brakes'], { delivered: false, deliveredDay: null });
    expect(warrantyRiskSignals([...repeat(1, ['brakes']), back], TODAY)).toMatchObject([
      { kind: 'safety', level: 'warning', group: 'brakes', repairs: 1, visits: 2 },
    ]);
    expect(warrantyRiskSignals(repeat(2, ['suspension_steering']), TODAY)).toMatchObject([
      { kind: 'safety', level: 'warning', repairs: 2 },
    ]);
    const evBack = ro(TODAY, ['ev_high_voltage'], { delivered: false, deliveredDay: null });
    expect(warrantyRiskSignals([...repeat(2, ['ev_high_voltage']), evBack], TODAY)).toMatchObject([
      { kind: 'safety', level: 'reached', group: 'ev_high_voltage', repairs: 2, visits: 3 },
    ]);
    // Not a safety group: two engine repairs are nothing.
    expect(warrantyRiskSignals(repeat(2, ['engine']), TODAY)).toEqual([]);
  });

  it('main part: the first replacement warns, the second reaches', () => {
    const parts = (kinds: MainPartKind[]) => ({ mainParts: kinds });
    expect(warrantyRiskSignals(repeat(1, ['engine'], parts([])), TODAY)).toEqual([]);
    expect(warrantyRiskSignals(repeat(1, ['engine'], parts(['transmission'])), TODAY)).toMatchObject([
      { kind: 'mainPart', level: 'warning', part: 'transmission', replacements: 1 },
    ]);
    expect(warrantyRiskSignals(repeat(2, ['engine'], parts(['transmission'])), TODAY)).toMatchObject([
      { kind: 'mainPart', level: 'reached', replacements: 2 },
    ]);
  });

  it('repair days: 24 is nothing, 25 warns, 30 still warns, 31 is reached', () => {
    const days = (n: number) => ro('2026-01-01', ['diagnostics'], { deliveredDay: `2026-01-${String(n).padStart(2, '0')}` });
    // Five-day repairs (no long-repair signal) adding up.
    const five = (count: number) => Array.from({ length: count }, () => days(5));
    expect(warrantyRiskSignals([...five(4), days(4)], TODAY)).toEqual([]);
    expect(warrantyRiskSignals(five(5), TODAY)).toMatchObject([{ kind: 'repairDays', level: 'warning', days: 25 }]);
    expect(warrantyRiskSignals(five(6), TODAY)).toMatchObject([{ kind: 'repairDays', level: 'warning', days: 30 }]);
    expect(warrantyRiskSignals([...five(6), days(1)], TODAY)).toMatchObject([{ kind: 'repairDays', level: 'reached', days: 31 }]);
  });

  it('long repair: open on day 3 nothing, day 4 warns, day 6 reached; delivered after 5 days nothing, 6 reached', () => {
    const open = (from: string) => ro(from, ['electrical'], { delivered: false, deliveredDay: null });
    expect(warrantyRiskSignals([open('2026-11-22')], TODAY)).toEqual([]);
    expect(warrantyRiskSignals([open('2026-11-21')], TODAY)).toMatchObject([
      { kind: 'longRepair', level: 'warning', days: 4, open: true },
    ]);
    expect(warrantyRiskSignals([open('2026-11-19')], TODAY)).toMatchObject([{ kind: 'longRepair', level: 'reached', days: 6 }]);
    expect(warrantyRiskSignals([ro('2026-11-01', ['engine'], { deliveredDay: '2026-11-05' })], TODAY)).toEqual([]);
    expect(warrantyRiskSignals([ro('2026-11-01', ['engine'], { deliveredDay: '2026-11-06' })], TODAY)).toMatchObject([
      { kind: 'longRepair', level: 'reached', days: 6, open: false },
    ]);
  });
});
