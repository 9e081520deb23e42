import { describe, expect, it } from 'vitest';
import { deskDay, deskDayStart, deskYear, nextDay } from '../../shared/domain/desk-time';

// The desk's days (Asia/Shanghai) that RO numbers, the RO list, the dispatch board and the ledger filters count in.
describe('desk days', () => {
  it('numbers and groups by the wall clock in Beijing, not UTC', () => {
    const newYearInBeijing = new Date('2025-12-31T16:30:00.000Z'); // 00:30 on 1 January 2026 in Beijing
    expect(deskDay(newYearInBeijing)).toBe('2026-01-01');
    expect(deskYear(newYearInBeijing)).toBe(2026);
    expect(deskYear(new Date('2025-12-31T15:59:59.000Z'))).toBe(2025);
  });

  it('starts a desk day at 16:00 UTC the day before, and steps over month and leap days', () => {
    expect(deskDayStart('2026-11-24')).toBe('2026-11-23T16:00:00.000Z');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(deskDayStart(nextDay('2026-02-28'))).toBe('2026-02-28T16:00:00.000Z');
  });
});
