import { describe, expect, it } from 'vitest';
import {
  COMEBACK_WINDOW_DEFAULTS,
  clockedMilliFromMs,
  comebackRate,
  countsAsComeback,
  deskDaysBetween,
  efficiency,
  firstTimeFixRate,
  insideComebackWindow,
  productivity,
  proficiency,
  windowClosedBefore,
} from '../../shared/domain/first-time-fix';

// Delivered 1 March 2026 at 17:30 in Beijing (09:30 UTC).
const DELIVERED = new Date('2026-03-01T09:30:00.000Z');

describe('comeback window (docs/domain.md: 30 days or 3,000 km, whichever comes first)', () => {
  it('ships 30 days and 3,000 km', () => {
    expect(COMEBACK_WINDOW_DEFAULTS).toEqual({ days: 30, km: 3000 });
  });

  it('counts days on the desk calendar, the delivery day not counted', () => {
    // 31 March 08:00 Beijing is day 30; it is still 30 March in UTC, which would wrongly make it day 29.
    expect(deskDaysBetween(DELIVERED, new Date('2026-03-31T00:00:00.000Z'))).toBe(30);
    // 23:59 on the delivery day is day 0, the next morning in Beijing (still the delivery day in UTC) day 1.
    expect(deskDaysBetween(DELIVERED, new Date('2026-03-01T15:59:00.000Z'))).toBe(0);
    expect(deskDaysBetween(DELIVERED, new Date('2026-03-01T16:01:00.000Z'))).toBe(1);
    expect(deskDaysBetween(DELIVERED, new Date('2026-04-01T02:00:00.000Z'))).toBe(31);
  });

  it('day 30 is inside, day 31 is not', () => {
    expect(insideComebackWindow({ days: 30, km: null })).toBe(true);
    expect(insideComebackWindow({ days: 31, km: null })).toBe(false);
    expect(insideComebackWindow({ days: 0, km: 0 })).toBe(true);
    expect(insideComebackWindow({ days: -1, km: null })).toBe(false);
  });

  it('3,000 km is inside, 3,001 is not, even on day 1; unknown km leaves the days to decide', () => {
    expect(insideComebackWindow({ days: 1, km: 3000 })).toBe(true);
    expect(insideComebackWindow({ days: 1, km: 3001 })).toBe(false);
    expect(insideComebackWindow({ days: 31, km: 10 })).toBe(false);
    expect(insideComebackWindow({ days: 10, km: 3001 }, { days: 30, km: 5000 })).toBe(true);
  });

  it('a delivery more than the window days before today is settled', () => {
    // Today 24 Nov 2026 10:00 Beijing: deliveries from 25 Oct (day 30 is today) are still open.
    const closedBefore = windowClosedBefore(new Date('2026-11-24T02:00:00.000Z'), 30);
    expect(closedBefore.toISOString()).toBe('2026-10-24T16:00:00.000Z'); // 25 Oct 00:00 Beijing
  });

  it('only "not a quality issue" takes a link out of the figures', () => {
    expect(countsAsComeback('suspected')).toBe(true);
    expect(countsAsComeback('confirmed')).toBe(true);
    expect(countsAsComeback('not_quality')).toBe(false);
  });
});

describe('first-time fix and comeback rate', () => {
  it('rates the settled jobs: 10 jobs, 2 came back, 3 still open -> 5 of 7', () => {
    expect(firstTimeFixRate({ jobs: 10, withComeback: 2, provisionalJobs: 3 })).toBeCloseTo(5 / 7, 12);
  });

  it('a job that came back counts even inside its window; nothing settled gives no rate', () => {
    expect(firstTimeFixRate({ jobs: 2, withComeback: 1, provisionalJobs: 1 })).toBe(0);
    expect(firstTimeFixRate({ jobs: 3, withComeback: 0, provisionalJobs: 3 })).toBeNull();
    expect(firstTimeFixRate({ jobs: 0, withComeback: 0, provisionalJobs: 0 })).toBeNull();
  });

  it('comeback rate = comeback ROs / ROs', () => {
    expect(comebackRate(1, 8)).toBe(0.125);
    expect(comebackRate(0, 0)).toBeNull();
  });
});

describe('technician KPIs (docs/domain.md "KPIs")', () => {
  const hours = { soldMilli: 6000, clockedMilli: 5000, attendanceMilli: 8000 };
  it('efficiency = sold / clocked, productivity = clocked / attendance, proficiency = sold / attendance', () => {
    expect(efficiency(hours)).toBe(1.2);
    expect(productivity(hours)).toBe(0.625);
    expect(proficiency(hours)).toBe(0.75);
  });

  it('no clocked or attendance hours gives no ratio, not a division by zero', () => {
    const none = { soldMilli: 1000, clockedMilli: 0, attendanceMilli: 0 };
    expect([efficiency(none), productivity(none), proficiency(none)]).toEqual([null, null, null]);
  });

  it('turns clocked milliseconds into thousandths of an hour, rounded once', () => {
    expect(clockedMilliFromMs(2.5 * 3_600_000)).toBe(2500);
    expect(clockedMilliFromMs(1800)).toBe(1); // half a thousandth rounds up
    expect(clockedMilliFromMs(1799)).toBe(0);
  });
});
