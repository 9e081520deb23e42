/**
 * Money, quantities and rates as integers (docs/domain.md "Money, time and identity").
 *
 * - Money is integer fen (1 yuan = 100 fen). A float never holds an amount: 0.1 + 0.2 is not 0.3, and a settlement
 *   statement that is off by one fen is a complaint.
 * - A quantity is an integer number of thousandths (`qtyMilli`): 1.5 labor hours is 1500, 4.5 L of oil is 4500.
 * - A rate is in basis points (1 bp = 0.01%): a 10% discount is 1000, 13% VAT is 1300.
 *
 * Every product is taken in BigInt, so no intermediate value is ever rounded by the float format: a gross amount
 * times a discount rate easily passes 2^53 (¥100 billion in fen × 10000 bp is 10^17). Only results, which must be
 * safe integers, come back as `number`. Rounding is half-up, done once per quantity that is printed; all inputs are
 * non-negative (lines are never negative: credits are separate documents), so "half-up" and "half away from zero"
 * are the same thing here.
 */

/** Fen in one yuan. */
export const FEN_PER_YUAN = 100;
/** Quantities are held in thousandths, so people may enter up to 3 decimals (0.001 L, 0.125 h). */
export const QTY_SCALE = 1000;
/** 100% in basis points: the largest discount, and the denominator of every rate. */
export const BP_SCALE = 10_000;

/** Chinese VAT rates seen on a service invoice: 13% for goods and repair/maintenance labor (修理修配劳务), 6% for some services. */
export const VAT_BP = { standard: 1300, services: 600, zero: 0 } as const;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Accepts a non-negative safe integer (number) or a non-negative bigint; anything else is a programming error. */
function toNonNegativeBigInt(value: bigint | number, what: string): bigint {
  if (typeof value === 'bigint') {
    if (value < 0n) throw new RangeError(`${what} must not be negative (got ${value})`);
    return value;
  }
  // Number.isSafeInteger refuses NaN, Infinity, fractions and anything a double cannot hold exactly.
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer (got ${value})`);
  if (value < 0) throw new RangeError(`${what} must not be negative (got ${value})`);
  return BigInt(value);
}

/** Brings an exact BigInt result back to `number`, refusing anything a double could not hold exactly. */
function toSafeNumber(value: bigint, what: string): number {
  if (value > MAX_SAFE || value < -MAX_SAFE) throw new RangeError(`${what} is too large to hold exactly (${value})`);
  return Number(value);
}

/**
 * numerator ÷ denominator rounded half-up (x.5 goes up), in exact integer arithmetic.
 * Both must be integers (a number must be a safe integer); the numerator may not be negative and the
 * denominator must be positive, otherwise a RangeError is thrown. The result must fit a safe integer.
 */
export function roundHalfUp(numerator: bigint | number, denominator: bigint | number): number {
  const n = toNonNegativeBigInt(numerator, 'numerator');
  const d = toNonNegativeBigInt(denominator, 'denominator');
  if (d === 0n) throw new RangeError('denominator must be positive');
  const quotient = n / d; // BigInt division truncates, which for n >= 0 is the floor
  const remainder = n % d;
  // Compare 2·remainder with the denominator instead of remainder with d/2, which would be a fraction for odd d.
  return toSafeNumber(remainder * 2n >= d ? quotient + 1n : quotient, 'rounded result');
}

/** a × b ÷ divisor rounded half-up once; the product is taken in BigInt so it may pass 2^53 safely. */
export function mulDivRoundHalfUp(a: bigint | number, b: bigint | number, divisor: bigint | number): number {
  return roundHalfUp(toNonNegativeBigInt(a, 'factor') * toNonNegativeBigInt(b, 'factor'), divisor);
}

function checkFen(value: number, what: string): void {
  toNonNegativeBigInt(value, what);
}

function checkBp(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > BP_SCALE) {
    throw new RangeError(`${what} must be an integer number of basis points from 0 to ${BP_SCALE} (got ${value})`);
  }
}

/** What one RO line (a labor operation or a part) is priced from. */
export interface LinePriceInput {
  /** Price of one unit (one hour, one litre, one piece) in fen, as the price list states it. */
  unitPriceFen: number;
  /** Quantity in thousandths: 1.5 h is 1500. */
  qtyMilli: number;
  /** Discount on this line in basis points, 0 (none) to 10000 (free of charge). */
  discountBp: number;
  /** VAT rate in basis points: 1300 for 13%, 600 for 6%, 0 where none applies. */
  taxRateBp: number;
  /** True when unitPriceFen already contains VAT (usual for Chinese retail prices); false when VAT is added on top. */
  taxIncluded: boolean;
}

/** The priced line; every field is integer fen and was rounded at most once. */
export interface LinePrice {
  /** unit price × quantity. */
  grossFen: number;
  /** gross × discount rate. */
  discountFen: number;
  /** gross − discount: what the line costs after discount, as priced (so VAT-inclusive when taxIncluded). */
  netFen: number;
  /** VAT: added on top of net, or (taxIncluded) the VAT contained in net. */
  taxFen: number;
  /** What the customer pays for the line. In both modes totalFen − taxFen is the amount before VAT. */
  totalFen: number;
}

/**
 * Prices one line the way docs/domain.md ("Money, time and identity") requires: tax and discount per line, rounded half-up once.
 *
 * - gross    = unit × qty / 1000, rounded half-up once;
 * - discount = gross × discountBp / 10000, rounded half-up once (from the rounded gross, which is what is printed);
 * - net      = gross − discount (exact; never negative since discountBp <= 10000);
 * - taxIncluded false: tax = net × rate / 10000 rounded half-up, total = net + tax;
 * - taxIncluded true:  total = net, tax = net × rate / (10000 + rate) rounded half-up (the VAT contained in a
 *   VAT-inclusive price: net = exTax × (1 + rate), so tax = net − net / (1 + rate)).
 *
 * Throws RangeError for a negative or non-integer amount or quantity, or a rate outside 0..10000 bp.
 */
export function priceLine(input: LinePriceInput): LinePrice {
  const { unitPriceFen, qtyMilli, discountBp, taxRateBp, taxIncluded } = input;
  checkFen(unitPriceFen, 'unitPriceFen');
  checkFen(qtyMilli, 'qtyMilli');
  checkBp(discountBp, 'discountBp');
  checkBp(taxRateBp, 'taxRateBp');

  const grossFen = mulDivRoundHalfUp(unitPriceFen, qtyMilli, QTY_SCALE);
  const discountFen = mulDivRoundHalfUp(grossFen, discountBp, BP_SCALE);
  const netFen = grossFen - discountFen;
  if (taxIncluded) {
    const taxFen = mulDivRoundHalfUp(netFen, taxRateBp, BP_SCALE + taxRateBp);
    return { grossFen, discountFen, netFen, taxFen, totalFen: netFen };
  }
  const taxFen = mulDivRoundHalfUp(netFen, taxRateBp, BP_SCALE);
  return { grossFen, discountFen, netFen, taxFen, totalFen: toSafeNumber(BigInt(netFen) + BigInt(taxFen), 'totalFen') };
}

/**
 * A sum of lines as the customer adds it on paper (issue 17): gross at list price, less the discount, plus the VAT
 * added on top of prices without it, makes the total; the VAT already inside VAT-inclusive prices is said apart,
 * since it adds nothing. gross − discount + taxAdded = total, exactly, and taxAdded + taxWithin = tax.
 */
export function paperSum(sum: LinePrice): { taxAddedFen: number; taxWithinFen: number } {
  const taxAddedFen = sum.totalFen - sum.netFen;
  return { taxAddedFen, taxWithinFen: sum.taxFen - taxAddedFen };
}

/**
 * Field-by-field sum of priced lines. The RO total is the sum of its rounded lines, never a re-rounding of the
 * summed exact amounts, so the statement always adds up line by line. An empty list sums to zero.
 */
export function sumLines(lines: readonly LinePrice[]): LinePrice {
  let grossFen = 0n;
  let discountFen = 0n;
  let netFen = 0n;
  let taxFen = 0n;
  let totalFen = 0n;
  for (const line of lines) {
    grossFen += toNonNegativeBigInt(line.grossFen, 'grossFen');
    discountFen += toNonNegativeBigInt(line.discountFen, 'discountFen');
    netFen += toNonNegativeBigInt(line.netFen, 'netFen');
    taxFen += toNonNegativeBigInt(line.taxFen, 'taxFen');
    totalFen += toNonNegativeBigInt(line.totalFen, 'totalFen');
  }
  return {
    grossFen: toSafeNumber(grossFen, 'grossFen sum'),
    discountFen: toSafeNumber(discountFen, 'discountFen sum'),
    netFen: toSafeNumber(netFen, 'netFen sum'),
    taxFen: toSafeNumber(taxFen, 'taxFen sum'),
    totalFen: toSafeNumber(totalFen, 'totalFen sum'),
  };
}

/**
 * Parses a non-negative decimal typed by a person into an integer count of 1/10^decimals units, or null.
 * Full-width digits and point from a Chinese IME ("１２．５") are folded to ASCII first (NFKC).
 * Grouping separators are refused rather than guessed at: "1,5" is 1.5 in much of Europe and 15 elsewhere.
 */
function parseScaledDecimal(raw: string, maxDecimals: number): number | null {
  const text = raw.normalize('NFKC').trim();
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (whole === '' && fraction === '') return null; // "" or "."
  if (fraction.length > maxDecimals) return null;
  const scaled = BigInt(whole + fraction.padEnd(maxDecimals, '0'));
  return scaled > MAX_SAFE ? null : Number(scaled);
}

/**
 * Parses a quantity as typed ("1.5", "4.5", "2", ".25", "１．５") into thousandths: parseQuantity('1.5') === 1500.
 * Returns null (never throws) for text that is not a plain non-negative decimal with at most 3 decimals:
 * "", "-1", "1.2345", "1e3", "NaN", "1,5". Callers show the null as a field error; zero is returned as 0 and
 * left for the caller to refuse if a line needs a positive quantity.
 */
export function parseQuantity(raw: string): number | null {
  return parseScaledDecimal(raw, 3);
}

/** Formats thousandths for display and editing, without trailing zeros or grouping: 1500 -> "1.5", 2000 -> "2", 1 -> "0.001". */
export function formatQuantity(qtyMilli: number): string {
  checkFen(qtyMilli, 'qtyMilli');
  const whole = Math.trunc(qtyMilli / QTY_SCALE);
  const fraction = String(qtyMilli % QTY_SCALE)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

/**
 * Parses a yuan amount as typed into fen: "12.34" -> 1234, "12.3" -> 1230, "12" -> 1200, "¥12.34" -> 1234.
 * Returns null (never throws) for anything else: more than 2 decimals ("12.345"), a sign, grouping commas,
 * exponents, empty text. Like parseQuantity, full-width input is accepted; one leading ¥ (or full-width ￥) is
 * dropped, since people paste amounts from statements.
 */
export function parseYuan(raw: string): number | null {
  const text = raw.normalize('NFKC').trim().replace(/^¥\s*/, '');
  return parseScaledDecimal(text, 2);
}

/**
 * Formats fen as yuan with two decimals and the locale's grouping: formatYuan(123456) === '1,234.56'.
 * The caller adds the ¥. The decimal string is built from integers and handed to Intl.NumberFormat as a string, so
 * even amounts beyond 2^53 / 100 yuan never pass through a float. Negative amounts (a refund shown on screen) are
 * formatted with the locale's minus sign.
 */
export function formatYuan(fen: number, locale: string = 'zh-CN'): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer (got ${fen})`);
  const magnitude = Math.abs(fen);
  const yuan = Math.trunc(magnitude / FEN_PER_YUAN);
  const cents = String(magnitude % FEN_PER_YUAN).padStart(2, '0');
  const decimal = `${fen < 0 ? '-' : ''}${yuan}.${cents}` as `${number}`;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(decimal);
}

/**
 * A discount as a share of the gross amount, in basis points rounded half-up: for showing "10.00%" and for reports.
 * A zero gross with a zero discount is 0 bp. Throws RangeError if the discount exceeds the gross or either is negative.
 *
 * For deciding whether a manual discount needs a manager, prefer discountNeedsApproval: on small amounts the rounded
 * fen move the percentage a long way (priceLine's 10% of 15 fen is 2 fen, which is 1333 bp), while comparing the
 * discount with the fen the limit allows is exact.
 */
export function discountPercentBp(discountFen: number, grossFen: number): number {
  checkFen(discountFen, 'discountFen');
  checkFen(grossFen, 'grossFen');
  if (discountFen > grossFen) throw new RangeError(`discount ${discountFen} exceeds gross ${grossFen}`);
  if (grossFen === 0) return 0;
  return mulDivRoundHalfUp(discountFen, BP_SCALE, grossFen);
}

/**
 * The largest discount in fen that stays within limitBp of grossFen: the same half-up rounding priceLine uses, so a
 * line discounted at exactly the limit rate by priceLine never counts as over the limit.
 */
export function maxDiscountFen(grossFen: number, limitBp: number): number {
  checkFen(grossFen, 'grossFen');
  checkBp(limitBp, 'limitBp');
  return mulDivRoundHalfUp(grossFen, limitBp, BP_SCALE);
}

/**
 * True when a manual discount goes beyond the configurable limit (e.g. 1000 bp = 10%) and a manager must approve it.
 * A discount exactly at the limit is allowed.
 */
export function discountNeedsApproval(discountFen: number, grossFen: number, limitBp: number): boolean {
  checkFen(discountFen, 'discountFen');
  return discountFen > maxDiscountFen(grossFen, limitBp);
}
