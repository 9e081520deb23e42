import { describe, expect, it } from 'vitest';
import { checkVin, normalizeVin, reversed, VIN_LENGTH, vinCheckCharacter } from '../../shared/domain/vin';
import { validVin, vinWithWrongCheck } from '../fixtures/factories';

describe('VIN check digit (ISO 3779 / GB 16735 position 9)', () => {
  it.each([
    ['1M8GDM9AXKP042788', 'X'], // the textbook example: remainder 10 is written X
    ['1HGCM82633A004352', '3'],
    ['11111111111111111', '1'],
  ])('a known valid VIN %s calls for check character %s and passes', (vin, check) => {
    expect(vinCheckCharacter(vin)).toBe(check);
    expect(checkVin(vin)).toEqual({ vin, problem: null, checkDigitOk: true });
  });

  it('computes the check digit of a mainland VIN (LSV...) from the weighted sum mod 11', () => {
    // L3 S2 V5 A1 U4 2 1 8 | 9 | N5 2 0 0 0 0 1 with weights 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2:
    // 24+14+30+5+16+6+2+80 + 0 + 45+16+0+0+0+0+0+2 = 240; 240 mod 11 = 9.
    expect(vinCheckCharacter('LSVAU2180N2000001')).toBe('9');
    expect(checkVin('LSVAU2189N2000001').checkDigitOk).toBe(true);
    // The check position itself carries weight 0, so whatever stands there does not change the answer.
    expect(vinCheckCharacter('LSVAU218XN2000001')).toBe('9');
  });

  it('the test factory VINs all pass, across many serials', () => {
    for (let n = 0; n < 200; n++) {
      const vin = validVin('LSGKB54H', `N${String(n).padStart(7, '0')}`);
      expect(vin).toHaveLength(VIN_LENGTH);
      expect(checkVin(vin).checkDigitOk, vin).toBe(true);
    }
  });

  it('a wrong check digit is only a warning: the VIN stays usable but checkDigitOk is false', () => {
    const wrong = vinWithWrongCheck('1M8GDM9AXKP042788');
    expect(wrong).toBe('1M8GDM9A1KP042788');
    expect(checkVin(wrong)).toEqual({ vin: wrong, problem: null, checkDigitOk: false });
  });

  it('a European VIN without a check digit (Z at position 9) fails the check but has no hard problem', () => {
    expect(checkVin('WVWZZZ1JZXW000001')).toMatchObject({ problem: null, checkDigitOk: false });
  });

  it.each(['I', 'O', 'Q'])('refuses the letter %s anywhere in a VIN', (letter) => {
    const vin = `1M8GDM9AXKP04278${letter}`;
    expect(checkVin(vin)).toMatchObject({ problem: 'characters', checkDigitOk: false });
    expect(checkVin(`${letter}M8GDM9AXKP042788`).problem).toBe('characters');
  });

  it('refuses other characters (punctuation, CJK)', () => {
    expect(checkVin('1M8GDM9AXKP04278*').problem).toBe('characters');
    expect(checkVin('1M8GDM9AXKP04278京').problem).toBe('characters');
  });

  it.each([
    ['16 characters', '1M8GDM9AXKP04278', 16],
    ['18 characters', '1M8GDM9AXKP0427881', 18],
    ['empty', '', 0],
  ])('refuses a VIN of the wrong length (%s)', (_label, vin, length) => {
    const result = checkVin(vin);
    expect(result.problem).toBe('length');
    expect(result.vin).toHaveLength(length);
    expect(result.checkDigitOk).toBe(false);
  });

  it('normalises the way people type a VIN: lower case, spaces and dashes', () => {
    expect(normalizeVin(' 1m8gdm9a xkp-042788 ')).toBe('1M8GDM9AXKP042788');
    expect(checkVin('1m8g dm9a-xkp0 42788')).toEqual({ vin: '1M8GDM9AXKP042788', problem: null, checkDigitOk: true });
  });

  it('reversed() turns "ends with" into "starts with" for the VIN-tail index', () => {
    expect(reversed('LSVAU2189N2000001')).toBe('1000002N9812UAVSL');
    expect(reversed('LSVAU2189N2000001').startsWith(reversed('000001'))).toBe(true);
    expect(reversed('')).toBe('');
  });
});
