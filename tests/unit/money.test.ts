import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  discountNeedsApproval,
  discountPercentBp,
  formatQuantity,
  formatYuan,
  maxDiscountFen,
  mulDivRoundHalfUp,
  paperSum,
  parseQuantity,
  parseYuan,
  priceLine,
  roundHalfUp,
  sumLines,
  VAT_BP,
  type LinePriceInput,
} from '../../shared/domain/money';

const line = (input: Partial<LinePriceInput> & Pick<LinePriceInput, 'unitPriceFen' | 'qtyMilli'>): LinePriceInput => ({
  discountBp: 0,
  taxRateBp: 0,
  taxIncluded: false,
  ...input,
});

/** Half-up as a definition rather than an algorithm: x = round(n / d) iff 2xd − d <= 2n < 2xd + d. */
function isHalfUpOf(x: bigint, n: bigint, d: bigint): boolean {
  return 2n * x * d - d <= 2n * n && 2n * n < 2n * x * d + d;
}

describe('roundHalfUp (integer division, .5 goes up)', () => {
  it.each([
    [0, 1, 0],
    [10, 5, 2],
    [1, 2, 1], // 0.5 -> 1
    [3, 2, 2], // 1.5 -> 2
    [5, 2, 3], // 2.5 -> 3 (not banker's rounding, which would give 2)
    [4999, 10_000, 0], // 0.4999 -> 0
    [5000, 10_000, 1], // 0.5 -> 1
    [14_999, 10_000, 1],
    [15_000, 10_000, 2],
    [2, 3, 1], // 0.667 -> 1
    [1, 3, 0], // 0.333 -> 0
  ])('%i / %i = %i', (numerator, denominator, expected) => {
    expect(roundHalfUp(numerator, denominator)).toBe(expected);
    expect(roundHalfUp(BigInt(numerator), BigInt(denominator))).toBe(expected);
  });

  it('takes a product beyond 2^53 as a bigint and stays exact', () => {
    // 9_414_741_390_694_999 / 10_000 = 941_474_139_069.4999 -> ...069. As a double the numerator is not representable
    // (it becomes ...695_000) and Math.round would give ...070.
    expect(roundHalfUp(9_414_741_390_694_999n, 10_000n)).toBe(941_474_139_069);
    expect(Math.round(Number(9_414_741_390_694_999n) / 10_000)).toBe(941_474_139_070); // the float answer, off by one fen
    expect(mulDivRoundHalfUp(976_329_087_493, 9643, 10_000)).toBe(941_474_139_069);
  });

  it('refuses negative numerators, non-positive denominators, fractions and unsafe numbers with RangeError', () => {
    expect(() => roundHalfUp(-1, 2)).toThrow(RangeError);
    expect(() => roundHalfUp(-1n, 2n)).toThrow(RangeError);
    expect(() => roundHalfUp(1, 0)).toThrow(RangeError);
    expect(() => roundHalfUp(1, -2)).toThrow(RangeError);
    expect(() => roundHalfUp(1.5, 2)).toThrow(RangeError);
    expect(() => roundHalfUp(Number.NaN, 2)).toThrow(RangeError);
    expect(() => roundHalfUp(2 ** 60, 2)).toThrow(RangeError); // a double this large may already be inexact
    expect(() => roundHalfUp(2n ** 60n, 1n)).toThrow(RangeError); // the result would not fit a safe integer
  });

  it('matches the definition of half-up for any non-negative bigint numerator and positive denominator', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (n, d) => {
        fc.pre(n / d <= BigInt(Number.MAX_SAFE_INTEGER) - 1n);
        return isHalfUpOf(BigInt(roundHalfUp(n, d)), n, d);
      }),
    );
  });
});

describe('priceLine (per-line discount and VAT, each rounded half-up once)', () => {
  it('1.5 labor hours at ¥180.00 is ¥270.00; with 13% VAT on top ¥305.10', () => {
    expect(priceLine(line({ unitPriceFen: 18_000, qtyMilli: 1500 }))).toEqual({
      grossFen: 27_000,
      discountFen: 0,
      netFen: 27_000,
      taxFen: 0,
      totalFen: 27_000,
    });
    // 27_000 × 13% = 3_510 exactly.
    expect(priceLine(line({ unitPriceFen: 18_000, qtyMilli: 1500, taxRateBp: VAT_BP.standard }))).toEqual({
      grossFen: 27_000,
      discountFen: 0,
      netFen: 27_000,
      taxFen: 3_510,
      totalFen: 30_510,
    });
  });

  it('3 × ¥33.33 with 10% discount and 13% VAT added: 9999, 1000, 8999, 1170, 10169', () => {
    // gross 3 × 3333 = 9999; discount 9999 × 10% = 999.9 -> 1000; net 8999;
    // tax 8999 × 13% = 1169.87 -> 1170; total 8999 + 1170 = 10169.
    expect(priceLine({ unitPriceFen: 3333, qtyMilli: 3000, discountBp: 1000, taxRateBp: 1300, taxIncluded: false })).toEqual({
      grossFen: 9999,
      discountFen: 1000,
      netFen: 8999,
      taxFen: 1170,
      totalFen: 10_169,
    });
  });

  it('a VAT-inclusive price: total is the net, tax is the VAT contained in it', () => {
    // ¥113.00 including 13% VAT is ¥100.00 + ¥13.00: 11300 × 1300 / 11300 = 1300 exactly.
    expect(priceLine(line({ unitPriceFen: 11_300, qtyMilli: 1000, taxRateBp: 1300, taxIncluded: true }))).toEqual({
      grossFen: 11_300,
      discountFen: 0,
      netFen: 11_300,
      taxFen: 1300,
      totalFen: 11_300,
    });
    // 4.5 L of oil at ¥88.00/L incl. 13% VAT: gross 39600; tax = 39600 × 13 / 113 = 514800 / 113 = 4555.75 -> 4556;
    // so the amount before VAT is 39600 − 4556 = 35044.
    const oil = priceLine(line({ unitPriceFen: 8800, qtyMilli: 4500, taxRateBp: 1300, taxIncluded: true }));
    expect(oil).toEqual({ grossFen: 39_600, discountFen: 0, netFen: 39_600, taxFen: 4556, totalFen: 39_600 });
    expect(oil.totalFen - oil.taxFen).toBe(35_044);
  });

  it('a VAT-inclusive price with a discount takes the VAT from the discounted amount', () => {
    // 2 pieces at ¥59.90 incl. 6%: gross 11980; 5% discount = 599; net 11381; tax = 11381 × 600 / 10600 = 644.2 -> 644.
    expect(
      priceLine({ unitPriceFen: 5990, qtyMilli: 2000, discountBp: 500, taxRateBp: VAT_BP.services, taxIncluded: true }),
    ).toEqual({
      grossFen: 11_980,
      discountFen: 599,
      netFen: 11_381,
      taxFen: 644,
      totalFen: 11_381,
    });
  });

  it('rounds exactly .5 up at every step (gross, discount, tax) and .499 down', () => {
    // gross: 1 fen × 0.5 = 0.5 -> 1; 3 fen × 0.5 = 1.5 -> 2; 1 fen × 0.499 -> 0.
    expect(priceLine(line({ unitPriceFen: 1, qtyMilli: 500 })).grossFen).toBe(1);
    expect(priceLine(line({ unitPriceFen: 3, qtyMilli: 500 })).grossFen).toBe(2);
    expect(priceLine(line({ unitPriceFen: 1, qtyMilli: 499 })).grossFen).toBe(0);
    // discount: 15 fen × 10% = 1.5 -> 2, net 13; 5 fen × 10% = 0.5 -> 1.
    expect(priceLine(line({ unitPriceFen: 15, qtyMilli: 1000, discountBp: 1000 }))).toMatchObject({ discountFen: 2, netFen: 13 });
    expect(priceLine(line({ unitPriceFen: 5, qtyMilli: 1000, discountBp: 1000 })).discountFen).toBe(1);
    // tax on top: 50 fen × 13% = 6.5 -> 7; 150 fen × 13% = 19.5 -> 20; 250 fen × 6% = 15 exactly.
    expect(priceLine(line({ unitPriceFen: 50, qtyMilli: 1000, taxRateBp: 1300 }))).toMatchObject({ taxFen: 7, totalFen: 57 });
    expect(priceLine(line({ unitPriceFen: 150, qtyMilli: 1000, taxRateBp: 1300 })).taxFen).toBe(20);
    // Tax contained: at 13% and 6% the quotient net × 13 / 113 (or × 6 / 106) is never exactly k.5 (2·net·13 is even,
    // 113 is odd), so the tie is shown at a 100% rate: 1 fen contains 0.5 fen -> 1; 3 fen contain 1.5 -> 2.
    expect(priceLine(line({ unitPriceFen: 1, qtyMilli: 1000, taxRateBp: 10_000, taxIncluded: true })).taxFen).toBe(1);
    expect(priceLine(line({ unitPriceFen: 3, qtyMilli: 1000, taxRateBp: 10_000, taxIncluded: true })).taxFen).toBe(2);
  });

  it('zero quantity, zero price and a 100% discount (free of charge) give all zeros after the discount', () => {
    const zeros = { grossFen: 0, discountFen: 0, netFen: 0, taxFen: 0, totalFen: 0 };
    expect(priceLine(line({ unitPriceFen: 18_000, qtyMilli: 0, taxRateBp: 1300 }))).toEqual(zeros);
    expect(priceLine(line({ unitPriceFen: 0, qtyMilli: 1500, taxRateBp: 1300 }))).toEqual(zeros);
    expect(priceLine(line({ unitPriceFen: 18_000, qtyMilli: 1500, discountBp: 10_000, taxRateBp: 1300 }))).toEqual({
      ...zeros,
      grossFen: 27_000,
      discountFen: 27_000,
    });
  });

  it('stays exact for ¥10,000,000 × 1000 units', () => {
    // 1_000_000_000 fen × 1_000_000 thousandths / 1000 = 10^12 fen (¥10 billion); 10% off = 10^11; net 9 × 10^11;
    // VAT on top 13% = 1.17 × 10^11.
    expect(
      priceLine({ unitPriceFen: 1_000_000_000, qtyMilli: 1_000_000, discountBp: 1000, taxRateBp: 1300, taxIncluded: false }),
    ).toEqual({
      grossFen: 1_000_000_000_000,
      discountFen: 100_000_000_000,
      netFen: 900_000_000_000,
      taxFen: 117_000_000_000,
      totalFen: 1_017_000_000_000,
    });
    // VAT contained in 9 × 10^11: 9 × 10^11 × 13 / 113 = 103_539_823_008.849... -> 103_539_823_009.
    expect(
      priceLine({ unitPriceFen: 1_000_000_000, qtyMilli: 1_000_000, discountBp: 1000, taxRateBp: 1300, taxIncluded: true }),
    ).toMatchObject({
      netFen: 900_000_000_000,
      taxFen: 103_539_823_009,
      totalFen: 900_000_000_000,
    });
  });

  it('stays exact where float arithmetic would be one fen off', () => {
    // unit ¥9,999,165.94 × 999.988: 999_916_594 × 999_988 = 999_904_595_000_872 thousandths -> gross 999_904_595_001.
    // 99.99% off: 999_904_595_001 × 9999 = 9_998_046_045_414_999 (> 2^53) / 10000 = ...541.4999 -> 999_804_604_541.
    // (In doubles that product rounds to ...415_000 and the discount would come out at ...542.)
    // net 999_904_595_001 − 999_804_604_541 = 99_990_460; VAT 13% = 12_998_759.8 -> 12_998_760; total 112_989_220.
    expect(
      priceLine({ unitPriceFen: 999_916_594, qtyMilli: 999_988, discountBp: 9999, taxRateBp: 1300, taxIncluded: false }),
    ).toEqual({
      grossFen: 999_904_595_001,
      discountFen: 999_804_604_541,
      netFen: 99_990_460,
      taxFen: 12_998_760,
      totalFen: 112_989_220,
    });
    expect(Math.round((999_904_595_001 * 9999) / 10_000)).toBe(999_804_604_542);
  });

  it('refuses a line it could not hold exactly', () => {
    expect(() => priceLine(line({ unitPriceFen: Number.MAX_SAFE_INTEGER, qtyMilli: 2000 }))).toThrow(RangeError);
  });

  it.each<[string, Partial<LinePriceInput>]>([
    ['negative unit price', { unitPriceFen: -1 }],
    ['fractional unit price (a float yuan amount passed by mistake)', { unitPriceFen: 12.34 }],
    ['negative quantity', { qtyMilli: -1500 }],
    ['fractional quantity (hours passed instead of thousandths)', { qtyMilli: 1.5 }],
    ['NaN quantity', { qtyMilli: Number.NaN }],
    ['discount over 100%', { discountBp: 10_001 }],
    ['negative discount', { discountBp: -100 }],
    ['fractional discount', { discountBp: 12.5 }],
    ['negative tax rate', { taxRateBp: -1300 }],
    ['tax rate over 100%', { taxRateBp: 10_001 }],
  ])('throws RangeError for a %s', (_label, bad) => {
    expect(() => priceLine({ ...line({ unitPriceFen: 18_000, qtyMilli: 1500, taxRateBp: 1300 }), ...bad })).toThrow(RangeError);
  });

  it('holds its invariants for any line: integers, net = gross − discount, each amount within half a fen', () => {
    const input = fc.record({
      unitPriceFen: fc.integer({ min: 0, max: 1_000_000_000 }),
      qtyMilli: fc.integer({ min: 0, max: 1_000_000 }),
      discountBp: fc.integer({ min: 0, max: 10_000 }),
      taxRateBp: fc.constantFrom(0, 300, 600, 900, 1300, 1700),
      taxIncluded: fc.boolean(),
    });
    fc.assert(
      fc.property(input, (i) => {
        const p = priceLine(i);
        for (const value of Object.values(p)) expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
        expect(p.netFen).toBe(p.grossFen - p.discountFen);
        expect(isHalfUpOf(BigInt(p.grossFen), BigInt(i.unitPriceFen) * BigInt(i.qtyMilli), 1000n)).toBe(true);
        expect(isHalfUpOf(BigInt(p.discountFen), BigInt(p.grossFen) * BigInt(i.discountBp), 10_000n)).toBe(true);
        if (i.taxIncluded) {
          expect(p.totalFen).toBe(p.netFen);
          expect(isHalfUpOf(BigInt(p.taxFen), BigInt(p.netFen) * BigInt(i.taxRateBp), BigInt(10_000 + i.taxRateBp))).toBe(true);
        } else {
          expect(p.totalFen).toBe(p.netFen + p.taxFen);
          expect(isHalfUpOf(BigInt(p.taxFen), BigInt(p.netFen) * BigInt(i.taxRateBp), 10_000n)).toBe(true);
        }
        // A line discounted by priceLine at rate r never counts as beyond a limit of r.
        expect(discountNeedsApproval(p.discountFen, p.grossFen, i.discountBp)).toBe(false);
      }),
    );
  });
});

describe('sumLines (the RO total is the sum of its rounded lines)', () => {
  it('an empty RO sums to zero', () => {
    expect(sumLines([])).toEqual({ grossFen: 0, discountFen: 0, netFen: 0, taxFen: 0, totalFen: 0 });
  });

  it('adds each field of the lines', () => {
    const labor = priceLine(line({ unitPriceFen: 18_000, qtyMilli: 1500, taxRateBp: 1300 })); // 27000, 3510, 30510
    const parts = priceLine({ unitPriceFen: 3333, qtyMilli: 3000, discountBp: 1000, taxRateBp: 1300, taxIncluded: false }); // 9999, 1000, 8999, 1170, 10169
    expect(sumLines([labor, parts])).toEqual({
      grossFen: 36_999,
      discountFen: 1000,
      netFen: 35_999,
      taxFen: 4680,
      totalFen: 40_679,
    });
  });

  it('differs from re-rounding the summed amount, and the sum of the lines is the one that counts', () => {
    // Three lines of ¥0.50 with 13% VAT on top: each tax 6.5 -> 7 fen, so the statement shows 3 × 7 = 21 fen.
    // Taxing the summed net (150 × 13% = 19.5 -> 20) would give 20 and the printed lines would not add up.
    const small = priceLine(line({ unitPriceFen: 50, qtyMilli: 1000, taxRateBp: 1300 }));
    const total = sumLines([small, small, small]);
    expect(total).toEqual({ grossFen: 150, discountFen: 0, netFen: 150, taxFen: 21, totalFen: 171 });
    expect(priceLine(line({ unitPriceFen: 150, qtyMilli: 1000, taxRateBp: 1300 })).taxFen).toBe(20);
  });

  it('equals the field-by-field sum of the rounded lines for many random lines', () => {
    const input = fc.record({
      unitPriceFen: fc.integer({ min: 0, max: 10_000_000 }),
      qtyMilli: fc.integer({ min: 0, max: 100_000 }),
      discountBp: fc.integer({ min: 0, max: 10_000 }),
      taxRateBp: fc.constantFrom(0, 600, 1300),
      taxIncluded: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(input, { maxLength: 200 }), (inputs) => {
        const lines = inputs.map(priceLine);
        const total = sumLines(lines);
        const add = (field: keyof typeof total) => lines.reduce((sum, l) => sum + l[field], 0);
        expect(total).toEqual({
          grossFen: add('grossFen'),
          discountFen: add('discountFen'),
          netFen: add('netFen'),
          taxFen: add('taxFen'),
          totalFen: add('totalFen'),
        });
        expect(total.netFen).toBe(total.grossFen - total.discountFen);
      }),
    );
  });

  it('refuses a total it could not hold exactly', () => {
    const huge = { grossFen: 2 ** 52, discountFen: 0, netFen: 2 ** 52, taxFen: 0, totalFen: 2 ** 52 };
    expect(() => sumLines([huge, huge])).toThrow(RangeError);
  });
});

describe('quantities in thousandths', () => {
  it.each([
    ['1.5', 1500],
    ['4.5', 4500],
    ['2', 2000],
    ['0', 0],
    ['0.001', 1],
    ['1.25', 1250],
    ['.25', 250],
    ['1.', 1000],
    ['007.5', 7500],
    [' 1.5 ', 1500],
    ['１．５', 1500], // full-width digits and point from a Chinese IME
    ['9007199254740.991', Number.MAX_SAFE_INTEGER],
  ])('parseQuantity(%j) = %i', (text, expected) => {
    expect(parseQuantity(text)).toBe(expected);
  });

  it.each([
    '',
    ' ',
    '.',
    '-1',
    '-0.5',
    '+1',
    '1.2345', // more than 3 decimals is refused, not rounded
    '0.0001',
    '1e3',
    'NaN',
    'Infinity',
    '1,5', // 1.5 in much of Europe, 15 elsewhere: refused rather than guessed
    '1,000',
    '1 5',
    '1.5.0',
    '0x10',
    'abc',
    '9007199254740.992', // one thousandth beyond a safe integer
  ])('parseQuantity(%j) is null', (text) => {
    expect(parseQuantity(text)).toBeNull();
  });

  it.each([
    [1500, '1.5'],
    [2000, '2'],
    [4500, '4.5'],
    [1, '0.001'],
    [10, '0.01'],
    [1250, '1.25'],
    [0, '0'],
    [1_000_000, '1000'],
  ])('formatQuantity(%i) = %j', (qtyMilli, expected) => {
    expect(formatQuantity(qtyMilli)).toBe(expected);
  });

  it('formatQuantity refuses negative and fractional thousandths', () => {
    expect(() => formatQuantity(-1500)).toThrow(RangeError);
    expect(() => formatQuantity(1.5)).toThrow(RangeError);
  });

  it('parseQuantity(formatQuantity(q)) gives q back', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (q) => parseQuantity(formatQuantity(q)) === q));
  });
});

describe('yuan amounts as typed and as shown', () => {
  it.each([
    ['12.34', 1234],
    ['12.3', 1230],
    ['12', 1200],
    ['0.05', 5],
    ['0', 0],
    ['.5', 50],
    [' 180.00 ', 18_000],
    ['¥12.34', 1234],
    ['￥ 12.34', 1234], // full-width yen sign
    ['１２．３４', 1234],
    ['10000000.00', 1_000_000_000],
  ])('parseYuan(%j) = %i fen', (text, expected) => {
    expect(parseYuan(text)).toBe(expected);
  });

  it.each(['12.345', '0.001', '-1', '-12.34', '+12', '1,234.56', '12,34', '1e2', 'abc', '', '¥', '12.3.4', '¥¥12', '12¥'])(
    'parseYuan(%j) is null',
    (text) => {
      expect(parseYuan(text)).toBeNull();
    },
  );

  it.each([
    [123_456, '1,234.56'],
    [0, '0.00'],
    [5, '0.05'],
    [100, '1.00'],
    [18_000, '180.00'],
    [100_000_000, '1,000,000.00'],
    [-1234, '-12.34'],
    [Number.MAX_SAFE_INTEGER, '90,071,992,547,409.91'], // beyond 2^53 / 100 yuan a float would lose the fen
  ])('formatYuan(%i) = %j', (fen, expected) => {
    expect(formatYuan(fen)).toBe(expected);
  });

  it('formats in the locale asked for', () => {
    expect(formatYuan(123_456, 'en-US')).toBe('1,234.56');
    expect(formatYuan(123_456, 'de-DE')).toBe('1.234,56');
  });

  it('formatYuan refuses fractional fen', () => {
    expect(() => formatYuan(12.5)).toThrow(RangeError);
    expect(() => formatYuan(Number.NaN)).toThrow(RangeError);
  });
});

describe('discount limits', () => {
  it.each([
    [1000, 10_000, 1000], // exactly 10%
    [1000, 9999, 1000], // 10.001% -> 1000 bp
    [2, 15, 1333], // 13.33%
    [1, 3, 3333],
    [2, 3, 6667],
    [1, 20_000, 1], // 0.5 bp -> 1
    [0, 0, 0],
    [0, 18_000, 0],
    [27_000, 27_000, 10_000],
  ])('discountPercentBp(%i, %i) = %i', (discount, gross, expected) => {
    expect(discountPercentBp(discount, gross)).toBe(expected);
  });

  it('discountPercentBp refuses a discount above the gross, negatives and fractions', () => {
    expect(() => discountPercentBp(11, 10)).toThrow(RangeError);
    expect(() => discountPercentBp(1, 0)).toThrow(RangeError);
    expect(() => discountPercentBp(-1, 10)).toThrow(RangeError);
    expect(() => discountPercentBp(1.5, 10)).toThrow(RangeError);
  });

  it('a discount exactly at the limit needs no approval, one fen more does', () => {
    expect(maxDiscountFen(100_000, 1000)).toBe(10_000);
    expect(discountNeedsApproval(10_000, 100_000, 1000)).toBe(false);
    expect(discountNeedsApproval(10_001, 100_000, 1000)).toBe(true);
    expect(discountNeedsApproval(0, 0, 0)).toBe(false);
    expect(discountNeedsApproval(1, 100, 0)).toBe(true);
  });

  it('judges small amounts by the fen the limit allows, not by a rounded percentage', () => {
    // 10% of 15 fen is 1.5 -> 2 fen as priceLine computes it, which is 13.33% of 15.
    expect(maxDiscountFen(15, 1000)).toBe(2);
    expect(discountPercentBp(2, 15)).toBeGreaterThan(1000);
    expect(discountNeedsApproval(2, 15, 1000)).toBe(false);
    expect(discountNeedsApproval(3, 15, 1000)).toBe(true);
    // 10% of 9999 is 999.9 -> 1000 fen.
    expect(discountNeedsApproval(1000, 9999, 1000)).toBe(false);
    expect(discountNeedsApproval(1001, 9999, 1000)).toBe(true);
  });

  it('refuses a limit outside 0..10000 bp', () => {
    expect(() => maxDiscountFen(100, 10_001)).toThrow(RangeError);
    expect(() => discountNeedsApproval(1, 100, -1)).toThrow(RangeError);
  });
});

describe('paperSum', () => {
  it('splits the VAT into what is added on top and what is inside the prices, so gross − discount + added = total', () => {
    const included = priceLine({ unitPriceFen: 9_800, qtyMilli: 4_000, discountBp: 1_000, taxRateBp: 1_300, taxIncluded: true });
    const excluded = priceLine({ unitPriceFen: 12_345, qtyMilli: 1_500, discountBp: 500, taxRateBp: 1_300, taxIncluded: false });
    for (const sum of [sumLines([included]), sumLines([excluded]), sumLines([included, excluded])]) {
      const { taxAddedFen, taxWithinFen } = paperSum(sum);
      expect(sum.grossFen - sum.discountFen + taxAddedFen).toBe(sum.totalFen);
      expect(taxAddedFen + taxWithinFen).toBe(sum.taxFen);
      expect(taxAddedFen).toBeGreaterThanOrEqual(0);
      expect(taxWithinFen).toBeGreaterThanOrEqual(0);
    }
    expect(paperSum(sumLines([included]))).toEqual({ taxAddedFen: 0, taxWithinFen: included.taxFen });
    expect(paperSum(sumLines([excluded]))).toEqual({ taxAddedFen: excluded.taxFen, taxWithinFen: 0 });
  });
});
