import { describe, expect, it } from 'vitest';
import { normalizePlate, plateKind, plateSerial } from '../../shared/domain/plate';

describe('licence plates (GA 36-2018)', () => {
  it.each(['京A12345', '沪B8C9D7', '粤BX1234', '川A1234学', '浙A1234挂'])('%s is an ordinary 7-character plate', (plate) => {
    expect(plateKind(plate)).toBe('ordinary');
  });

  it.each([
    ['D first', '京AD12345'],
    ['F first', '粤BF1A234'],
    ['D last', '沪A12345D'],
    ['F last', '苏E2345AF'],
  ])('a new-energy 8-character plate with %s is recognised (%s)', (_label, plate) => {
    expect(plateKind(plate)).toBe('new_energy');
  });

  it.each([
    ['8 characters without D/F at either end', '京A123456'],
    ['D in the middle of the serial', '京A12D345'],
    ['the letter I in the serial', '京AI2345'],
    ['the letter O in the serial', '京A1234O'],
    ['no province character', 'AA12345'],
    ['too short', '京A1234'],
    ['a foreign plate', 'AB-123-CD'],
    ['a temporary paper plate', '临京A12345'],
    ['empty', ''],
  ])('%s is an unknown format (allowed with a warning): %s', (_label, plate) => {
    expect(plateKind(plate)).toBe('unknown');
  });

  it('normalises spacing, the middle dot, dashes and case: "京a·123 45" is 京A12345', () => {
    expect(normalizePlate('京a·123 45')).toBe('京A12345');
    expect(normalizePlate(' 京 A-12.345 ')).toBe('京A12345');
    expect(plateKind('京a·123 45')).toBe('ordinary');
    expect(plateKind('粤b d1 2345')).toBe('new_energy');
  });

  it('the serial is the plate without its province character, so "A12345" finds 京A12345', () => {
    expect(plateSerial('京A12345')).toBe('A12345');
    expect(plateSerial('粤BD12345')).toBe('BD12345');
    // Nothing to drop from a foreign plate or an empty one.
    expect(plateSerial('AB123CD')).toBe('AB123CD');
    expect(plateSerial('')).toBe('');
  });
});
