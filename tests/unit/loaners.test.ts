import { describe, expect, it } from 'vitest';
import { carMonth, daysLent, monthDays } from '../../shared/domain/loaners';

describe('loaner days', () => {
  it('counts days lent on the Beijing calendar, both ends included', () => {
    // 23:30 and 00:30 in Beijing: 15:30 and 16:30 UTC of the same UTC day.
    expect(daysLent('2026-11-03T15:30:00.000Z', '2026-11-03T16:30:00.000Z')).toBe(2);
    expect(daysLent('2026-11-03T01:00:00.000Z', '2026-11-03T09:00:00.000Z')).toBe(1);
  });

  it('knows the last day of each month', () => {
    expect(monthDays('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthDays('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
  });

  it('a month: a day back and out again counts once; out-of-service days are not available; days after today are not counted', () => {
    const month = carMonth(
      {
        inFleetFrom: '2026-10-01',
        loans: [
          { from: '2026-10-30', to: '2026-11-02' },
          { from: '2026-11-02', to: '2026-11-04' },
          { from: '2026-11-20', to: null },
        ],
        outOfService: [{ from: '2026-11-10', to: '2026-11-14' }],
      },
      '2026-11',
      '2026-11-21',
    );
    // Lent 1-4 and 20-21 (6 days); available 21 days less 10-14 (5 days) = 16.
    expect(month).toEqual({ daysLent: 6, daysAvailable: 16 });
  });

  it('a car added mid-month is available from the day it joined', () => {
    expect(carMonth({ inFleetFrom: '2026-11-25', loans: [], outOfService: [] }, '2026-11', '2026-12-05')).toEqual({
      daysLent: 0,
      daysAvailable: 6,
    });
  });
});
