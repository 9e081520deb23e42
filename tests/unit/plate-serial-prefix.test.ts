import { describe, expect, it } from 'vitest';
import { isPlateSerialPrefix, PLATE_SUFFIXES, plateKind, plateSerial } from '../../shared/domain/plate';

describe('a plate typed without its province character', () => {
  it.each([...PLATE_SUFFIXES])(
    'B1234%s is the start of a serial, and 粤B1234%s an ordinary plate whose serial it is',
    (suffix) => {
      expect(isPlateSerialPrefix(`B1234${suffix}`)).toBe(true);
      expect(plateKind(`粤B1234${suffix}`)).toBe('ordinary');
      expect(plateSerial(`粤B1234${suffix}`)).toBe(`B1234${suffix}`);
    },
  );

  it('letters and digits as before, 3 to 8 characters starting with a letter', () => {
    expect(isPlateSerialPrefix('A12')).toBe(true);
    expect(isPlateSerialPrefix('AD123456')).toBe(true);
    expect(isPlateSerialPrefix('A1')).toBe(false);
    expect(isPlateSerialPrefix('1A234')).toBe(false);
  });

  it('a suffix character only at the end, once, after at least one more character', () => {
    expect(isPlateSerialPrefix('B1学')).toBe(true);
    expect(isPlateSerialPrefix('B学')).toBe(false);
    expect(isPlateSerialPrefix('B12学3')).toBe(false);
    expect(isPlateSerialPrefix('B123学学')).toBe(false);
    expect(isPlateSerialPrefix('B123张')).toBe(false);
  });
});
