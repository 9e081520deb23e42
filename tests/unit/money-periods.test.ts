import { describe, expect, it } from 'vitest';
import { changeRate, daysIn, marginRate, previousPeriod, wholeMonths, yearEarlier } from '../../shared/domain/money-periods';

describe('the periods a money report compares with', () => {
  it('a month with the month before and the same month a year earlier', () => {
    const october = { from: '2026-10-01', to: '2026-10-31' };
    expect(previousPeriod(october)).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    expect(yearEarlier(october)).toEqual({ from: '2025-10-01', to: '2025-10-31' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-01-31' })).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('whole months with as many months before; February a year earlier ends on its own last day', () => {
    expect(wholeMonths({ from: '2026-07-01', to: '2026-09-30' })).toEqual({ first: '2026-07', last: '2026-09', count: 3 });
    expect(previousPeriod({ from: '2026-07-01', to: '2026-09-30' })).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(yearEarlier({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ from: '2023-02-01', to: '2023-02-28' });
  });

  it('any other period with as many days just before, and the same dates a year earlier', () => {
    const week = { from: '2026-10-05', to: '2026-10-11' };
    expect(daysIn(week)).toBe(7);
    expect(wholeMonths(week)).toBeNull();
    expect(previousPeriod(week)).toEqual({ from: '2026-09-28', to: '2026-10-04' });
    expect(previousPeriod({ from: '2026-10-05', to: '2026-10-05' })).toEqual({ from: '2026-10-04', to: '2026-10-04' });
    expect(yearEarlier({ from: '2024-02-29', to: '2024-03-02' })).toEqual({ from: '2023-02-28', to: '2023-03-02' });
  });
});

describe('margin and change rates', () => {
  it('margin = (sales − cost) ÷ sales; nothing sold has none', () => {
    expect(marginRate(20_000, 14_000)).toBe(0.3);
    expect(marginRate(10_000, 12_000)).toBe(-0.2);
    expect(marginRate(0, 0)).toBeNull();
  });

  it('change against a period with nothing is none', () => {
    expect(changeRate(145_000, 20_000)).toBe(6.25);
    expect(changeRate(0, 20_000)).toBe(-1);
    expect(changeRate(100, 0)).toBeNull();
  });
});
