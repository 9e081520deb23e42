import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GUARANTEE_TIME_ZONE,
  GUARANTEE_CATEGORIES,
  guaranteeEnds,
  guaranteePeriod,
  isInsideGuarantee,
  localDate,
  type GuaranteeCategory,
} from '../../shared/domain/guarantee';

// 1 March 2025, 10:00 in Beijing (UTC+8, no daylight saving).
const MARCH_1_10AM_BEIJING = '2025-03-01T02:00:00.000Z';

describe('repair quality-guarantee period (机动车维修管理规定 art. 38)', () => {
  it.each([
    ['whole_vehicle_or_assembly', 20_000, 100],
    ['level2_maintenance', 5_000, 30],
    ['level1_minor_special', 2_000, 10],
  ] as const)('%s: %i km or %i days', (category, km, days) => {
    expect(guaranteePeriod(category)).toEqual({ km, days });
  });

  it('has the three categories, and guaranteePeriod hands out a copy', () => {
    expect(GUARANTEE_CATEGORIES).toEqual(['whole_vehicle_or_assembly', 'level2_maintenance', 'level1_minor_special']);
    const period = guaranteePeriod('level1_minor_special');
    period.days = 999;
    expect(guaranteePeriod('level1_minor_special').days).toBe(10);
  });

  it('the desk time zone defaults to Beijing time', () => {
    expect(DEFAULT_GUARANTEE_TIME_ZONE).toBe('Asia/Shanghai');
    expect(localDate(new Date('2025-02-28T16:00:00Z'))).toBe('2025-03-01'); // midnight in Beijing
    expect(localDate(new Date('2025-02-28T16:00:00Z'), 'UTC')).toBe('2025-02-28');
  });
});

describe('guaranteeEnds (the handover day is not counted: 民法典 art. 201)', () => {
  it.each([
    // 10 days: 1 March (handover) is not counted; 2 March is day 1, 11 March is day 10.
    ['level1_minor_special', '2025-03-11', 47_000],
    // 30 days: 2..31 March.
    ['level2_maintenance', '2025-03-31', 50_000],
    // 100 days: day 30 = 31 March, day 60 = 30 April, day 91 = 31 May, day 100 = 9 June.
    ['whole_vehicle_or_assembly', '2025-06-09', 65_000],
  ] as const)('%s handed over on 1 March at 45,000 km ends on %s / %i km', (category, untilDate, untilKm) => {
    expect(guaranteeEnds({ category, deliveredAt: MARCH_1_10AM_BEIJING, deliveredKm: 45_000 })).toEqual({ untilDate, untilKm });
  });

  it('takes the handover day from the desk’s calendar, not from UTC', () => {
    // 2025-02-28T16:30Z is 00:30 on 1 March in Beijing: the handover day is 1 March, days 1..10 are 2..11 March.
    expect(
      guaranteeEnds({ category: 'level1_minor_special', deliveredAt: '2025-02-28T16:30:00Z', deliveredKm: 0 }).untilDate,
    ).toBe('2025-03-11');
    // One second before Beijing midnight is still 28 February (2025 is not a leap year): days 1..10 are 1..10 March.
    expect(
      guaranteeEnds({ category: 'level1_minor_special', deliveredAt: '2025-02-28T15:59:59Z', deliveredKm: 0 }).untilDate,
    ).toBe('2025-03-10');
    // The same 16:30Z instant on a UTC desk is 28 February too.
    expect(
      guaranteeEnds({ category: 'level1_minor_special', deliveredAt: '2025-02-28T16:30:00Z', deliveredKm: 0 }, 'UTC').untilDate,
    ).toBe('2025-03-10');
  });

  it('accepts an explicit offset as the same instant', () => {
    const withOffset = guaranteeEnds({
      category: 'level2_maintenance',
      deliveredAt: '2025-03-01T10:00:00+08:00',
      deliveredKm: 12_345,
    });
    expect(withOffset).toEqual(
      guaranteeEnds({ category: 'level2_maintenance', deliveredAt: MARCH_1_10AM_BEIJING, deliveredKm: 12_345 }),
    );
    expect(withOffset).toEqual({ untilDate: '2025-03-31', untilKm: 17_345 });
  });

  it('runs across month ends, leap days and the year end', () => {
    // 2024 is a leap year: handed over 25 Feb, 26..29 Feb are days 1..4 and 1..6 March days 5..10.
    expect(
      guaranteeEnds({ category: 'level1_minor_special', deliveredAt: '2024-02-25T02:00:00Z', deliveredKm: 0 }).untilDate,
    ).toBe('2024-03-06');
    // 2025 is not: 26..28 Feb are days 1..3, so day 10 is 7 March.
    expect(
      guaranteeEnds({ category: 'level1_minor_special', deliveredAt: '2025-02-25T02:00:00Z', deliveredKm: 0 }).untilDate,
    ).toBe('2025-03-07');
    // Landing on the leap day: handed over 19 Feb 2024, 20..29 Feb are days 1..10.
    expect(
      guaranteeEnds({ category: 'level1_minor_special', deliveredAt: '2024-02-19T02:00:00Z', deliveredKm: 0 }).untilDate,
    ).toBe('2024-02-29');
    // The same in 2025: 20..28 Feb are days 1..9, day 10 is 1 March.
    expect(
      guaranteeEnds({ category: 'level1_minor_special', deliveredAt: '2025-02-19T02:00:00Z', deliveredKm: 0 }).untilDate,
    ).toBe('2025-03-01');
    // Handed over on the leap day itself: 1..10 March 2024 are days 1..10.
    expect(
      guaranteeEnds({ category: 'level1_minor_special', deliveredAt: '2024-02-29T02:00:00Z', deliveredKm: 0 }).untilDate,
    ).toBe('2024-03-10');
    // Handed over 31 Jan 2025: 1..28 Feb are days 1..28, so day 30 is 2 March.
    expect(guaranteeEnds({ category: 'level2_maintenance', deliveredAt: '2025-01-31T02:00:00Z', deliveredKm: 0 }).untilDate).toBe(
      '2025-03-02',
    );
    // Handed over 25 Dec: 26..31 Dec are days 1..6; day 30 is 24 January.
    expect(guaranteeEnds({ category: 'level2_maintenance', deliveredAt: '2025-12-25T02:00:00Z', deliveredKm: 0 }).untilDate).toBe(
      '2026-01-24',
    );
    // Handed over 31 Dec: 1 Jan is day 1, day 10 is 10 January.
    expect(
      guaranteeEnds({ category: 'level1_minor_special', deliveredAt: '2025-12-31T02:00:00Z', deliveredKm: 0 }).untilDate,
    ).toBe('2026-01-10');
  });

  it.each([
    ['no time-zone designator (would be read in the machine’s zone)', '2025-03-01T10:00:00'],
    ['a date only', '2025-03-01'],
    ['not a date', 'yesterday'],
    ['month 13', '2025-13-01T00:00:00Z'],
    ['30 February (Date would roll it into March)', '2025-02-30T02:00:00Z'],
    ['hour 25', '2025-03-01T25:00:00Z'],
    ['empty', ''],
  ])('refuses a deliveredAt with %s', (_label, deliveredAt) => {
    expect(() => guaranteeEnds({ category: 'level1_minor_special', deliveredAt, deliveredKm: 0 })).toThrow(RangeError);
  });

  it.each([-1, 1.5, Number.NaN])('refuses deliveredKm %s', (deliveredKm) => {
    expect(() => guaranteeEnds({ category: 'level1_minor_special', deliveredAt: MARCH_1_10AM_BEIJING, deliveredKm })).toThrow(
      RangeError,
    );
  });
});

describe('isInsideGuarantee (whichever limit comes first)', () => {
  // Minor repair handed over 1 March 10:00 Beijing at 45,000 km: covered to the end of 11 March and up to 47,000 km.
  const ends = guaranteeEnds({ category: 'level1_minor_special', deliveredAt: MARCH_1_10AM_BEIJING, deliveredKm: 45_000 });

  it('covers the rest of the handover day itself (it is not counted, but the car is covered from handover)', () => {
    expect(isInsideGuarantee(ends, { at: '2025-03-01T08:00:00Z', km: 45_010 })).toBe(true); // 16:00 on 1 March
  });

  it('covers the whole of the last day, and not one second after it (desk calendar)', () => {
    expect(ends.untilDate).toBe('2025-03-11');
    // 10 March is only day 9 now, and 11 March (day 10) is inside.
    expect(isInsideGuarantee(ends, { at: '2025-03-10T16:00:00Z', km: 46_000 })).toBe(true); // 00:00 on 11 March
    expect(isInsideGuarantee(ends, { at: '2025-03-11T10:00:00+08:00', km: 45_001 })).toBe(true);
    expect(isInsideGuarantee(ends, { at: '2025-03-11T15:59:59.999Z', km: 46_000 })).toBe(true); // 23:59:59.999 on 11 March
    expect(isInsideGuarantee(ends, { at: '2025-03-11T16:00:00Z', km: 46_000 })).toBe(false); // 00:00 on 12 March
    expect(isInsideGuarantee(ends, { at: '2025-03-12T10:00:00+08:00', km: 45_001 })).toBe(false);
  });

  it('covers up to and including exactly the km limit, not one km more', () => {
    expect(ends.untilKm).toBe(47_000);
    expect(isInsideGuarantee(ends, { at: '2025-03-05T02:00:00Z', km: 47_000 })).toBe(true);
    expect(isInsideGuarantee(ends, { at: '2025-03-05T02:00:00Z', km: 47_001 })).toBe(false);
  });

  it('ends at whichever limit is reached first', () => {
    // Distance first: 2,500 km driven in 3 days.
    expect(isInsideGuarantee(ends, { at: '2025-03-04T02:00:00Z', km: 47_500 })).toBe(false);
    // Time first: 12 March (day 11) with only 100 km driven.
    expect(isInsideGuarantee(ends, { at: '2025-03-12T02:00:00Z', km: 45_100 })).toBe(false);
    // Both at their limit (23:00 on 11 March, 47,000 km): still inside.
    expect(isInsideGuarantee(ends, { at: '2025-03-11T15:00:00Z', km: 47_000 })).toBe(true);
  });

  it('is not ended by an odometer reading below the handover reading', () => {
    expect(isInsideGuarantee(ends, { at: '2025-03-05T02:00:00Z', km: 1_200 })).toBe(true);
  });

  it.each([
    // Handed over 1 June 2025 (not counted). 10 days: 2..11 June.
    ['level1_minor_special', '2025-06-11'],
    // 30 days: 2..30 June are days 1..29, 1 July is day 30.
    ['level2_maintenance', '2025-07-01'],
    // 100 days: day 29 = 30 June, day 60 = 31 July, day 91 = 31 August, day 100 = 9 September.
    ['whole_vehicle_or_assembly', '2025-09-09'],
  ] as const)(
    '%s handed over 1 June: ends on %s; day N (period) is inside, day N + 1 is not; limit km is inside, one more is not',
    (category: GuaranteeCategory, untilDate) => {
      const { km, days } = guaranteePeriod(category);
      const start = { category, deliveredAt: '2025-06-01T23:00:00+08:00', deliveredKm: 10_000 };
      const until = guaranteeEnds(start);
      expect(until.untilDate).toBe(untilDate);
      // 12:00 Beijing on day n, counted from the day after handover (2 June = day 1).
      const noonOfDay = (n: number) => new Date(Date.UTC(2025, 5, 1 + n, 4)).toISOString();
      expect(noonOfDay(days).slice(0, 10)).toBe(untilDate);
      expect(isInsideGuarantee(until, { at: noonOfDay(days), km: 10_000 })).toBe(true);
      expect(isInsideGuarantee(until, { at: noonOfDay(days + 1), km: 10_000 })).toBe(false);
      expect(isInsideGuarantee(until, { at: noonOfDay(1), km: 10_000 + km })).toBe(true);
      expect(isInsideGuarantee(until, { at: noonOfDay(1), km: 10_000 + km + 1 })).toBe(false);
    },
  );

  it('uses the time zone it is given', () => {
    const utcEnds = guaranteeEnds({ category: 'level1_minor_special', deliveredAt: MARCH_1_10AM_BEIJING, deliveredKm: 0 }, 'UTC');
    expect(utcEnds.untilDate).toBe('2025-03-11');
    // 20:00 UTC on 11 March is already 12 March in Beijing, but still 11 March on a UTC desk.
    expect(isInsideGuarantee(utcEnds, { at: '2025-03-11T20:00:00Z', km: 0 }, 'UTC')).toBe(true);
    expect(isInsideGuarantee(utcEnds, { at: '2025-03-11T20:00:00Z', km: 0 })).toBe(false);
  });

  it('refuses a check without an offset or with a bad km', () => {
    expect(() => isInsideGuarantee(ends, { at: '2025-03-05 10:00', km: 45_100 })).toThrow(RangeError);
    expect(() => isInsideGuarantee(ends, { at: '2025-03-05T02:00:00Z', km: -5 })).toThrow(RangeError);
  });
});
