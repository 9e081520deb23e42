import { describe, expect, it } from 'vitest';
import { partNumber } from '../../shared/contract/parts';
import { isValidPartNumber, normalisePartNumber } from '../../shared/domain/part-number';

describe('part numbers', () => {
  it('drops case, spaces and dashes: every spelling of a number is the same number', () => {
    const spellings = ['04152-yzza1', '04152 YZZA1', '04152YZZA1', ' 04152 - yzza1 ', '04152－YZZA1', '04152\tyzza1'];
    for (const spelling of spellings) expect(normalisePartNumber(spelling)).toBe('04152YZZA1');
    expect(normalisePartNumber('5Q0 615 301 F')).toBe('5Q0615301F');
    expect(normalisePartNumber('15400-RTA-003')).toBe('15400RTA003');
  });

  it('accepts letters, digits, dots and slashes, at most 40 characters once normalised', () => {
    expect(isValidPartNumber('04152YZZA1')).toBe(true);
    expect(isValidPartNumber('A.B/12')).toBe(true);
    expect(isValidPartNumber('')).toBe(false);
    expect(isValidPartNumber('04152#YZZA1')).toBe(false);
    expect(isValidPartNumber('机油滤清器')).toBe(false);
    expect(isValidPartNumber('X'.repeat(40))).toBe(true);
    expect(isValidPartNumber('X'.repeat(41))).toBe(false);
  });

  it('the contract stores the normalised form and names the reason for a bad one', () => {
    expect(partNumber.parse('04152-yzza1')).toBe('04152YZZA1');
    const bad = partNumber.safeParse('04152#1');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('part.numberInvalid');
    const empty = partNumber.safeParse(' - ');
    expect(empty.error?.issues[0]?.message).toBe('required');
  });
});
