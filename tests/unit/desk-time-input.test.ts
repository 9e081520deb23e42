import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from '../../shared/domain/desk-time';

// The RO screens' date-and-time inputs are read and shown on the desk's clock (Asia/Shanghai), whatever zone the PC
// is set to: this test process runs in UTC on CI, so a PC-local reading would be 8 hours off.
describe('datetime inputs on the desk clock', () => {
  it('reads 17:00 typed at the desk as 09:00 UTC', () => {
    expect(fromLocalInput('2026-11-25T17:00')).toBe('2026-11-25T09:00:00.000Z');
  });

  it('shows a UTC instant as the desk sees it, across midnight', () => {
    expect(toLocalInput('2026-12-31T16:30:00.000Z')).toBe('2027-01-01T00:30');
  });

  it('gives back what the desk typed after a round trip, and null for an empty input', () => {
    expect(toLocalInput(fromLocalInput('2026-03-02T08:05'))).toBe('2026-03-02T08:05');
    expect(fromLocalInput('  ')).toBeNull();
    expect(toLocalInput(null)).toBe('');
  });

  it('returns text the browser could not have produced as typed, for the schema to refuse', () => {
    expect(fromLocalInput('tomorrow')).toBe('tomorrow');
  });
});
