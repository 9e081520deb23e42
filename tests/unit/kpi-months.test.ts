import { describe, expect, it } from 'vitest';
import { monthDays, monthOf, monthStart, monthsEndingWith, shiftMonth } from '../../shared/domain/kpi-months';

describe('desk months', () => {
  it('shifts across years both ways', () => {
    expect(shiftMonth('2026-11', -6)).toBe('2026-05');
    expect(shiftMonth('2026-03', -6)).toBe('2025-09');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(monthsEndingWith('2027-02', 3)).toEqual(['2026-12', '2027-01', '2027-02']);
  });

  it('starts a month at desk midnight (Beijing, UTC+8) and knows its last day', () => {
    expect(monthStart('2026-05')).toBe('2026-04-30T16:00:00.000Z');
    expect(monthOf(new Date('2026-04-30T16:30:00.000Z'))).toBe('2026-05');
    expect(monthOf(new Date('2026-04-30T15:59:00.000Z'))).toBe('2026-04');
    expect(monthDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});
