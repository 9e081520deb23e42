import { guessMappingOf, headerSignature, mappingProblemOf, type Mapping } from './import-mapping';
import { isValidPartNumber, normalisePartNumber } from './part-number';

/**
 * The OEM's price file as the parts desk reads it (issue 5): which column holds what (the mapping), how a header row
 * is recognised next time (its signature), how a price cell becomes fen, and why a line is refused. Pure: the core
 * checks 300,000 lines with it and the screen names the same reasons.
 */

/** What a column of the file can be mapped to: the parts master's fields a price file carries. */
export const MAPPING_TARGETS = ['partNumber', 'nameZh', 'nameEn', 'brand', 'unit', 'listPrice', 'cost', 'supersededBy'] as const;
export type MappingTarget = (typeof MAPPING_TARGETS)[number];

/** Without a part number and a list price a line says nothing the master can use. */
export const REQUIRED_TARGETS: readonly MappingTarget[] = ['partNumber', 'listPrice'];

/** Column index (0-based) of the file for each target; null when the file has no such column. */
export type ColumnMapping = Mapping<MappingTarget>;

export const EMPTY_MAPPING: ColumnMapping = {
  partNumber: null,
  nameZh: null,
  nameEn: null,
  brand: null,
  unit: null,
  listPrice: null,
  cost: null,
  supersededBy: null,
};

/** Why a line of a price file is refused: catalogue keys under `reasons.`. */
export const REJECTION_REASONS = [
  'priceImport.partNumberMissing',
  'priceImport.partNumberInvalid',
  'priceImport.nameZhMissing',
  'priceImport.textTooLong',
  'priceImport.unitUnknown',
  'priceImport.priceMissing',
  'priceImport.priceUnparsable',
  'priceImport.priceNegative',
  'priceImport.priceTooHigh',
  'priceImport.duplicate',
  'priceImport.supersededInvalid',
  'priceImport.supersededSelf',
  'priceImport.supersededLoop',
  'priceImport.supersededUnknown',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** ¥100,000 for one unit, as the catalogue and the parts master cap a unit price (MAX_UNIT_PRICE_FEN). */
export const MAX_PRICE_FEN = 10_000_000;
/** As the parts master's own form allows. */
export const MAX_NAME_LENGTH = 100;
export const MAX_BRAND_LENGTH = 40;

/** The units of the master (PART_UNITS) and the ways price files write them. */
const UNIT_WORDS: Record<string, string> = {
  piece: 'piece',
  pc: 'piece',
  pcs: 'piece',
  ea: 'piece',
  each: 'piece',
  个: 'piece',
  件: 'piece',
  只: 'piece',
  支: 'piece',
  根: 'piece',
  片: 'piece',
  块: 'piece',
  颗: 'piece',
  条: 'piece',
  litre: 'litre',
  liter: 'litre',
  l: 'litre',
  升: 'litre',
  set: 'set',
  kit: 'set',
  套: 'set',
  pair: 'pair',
  pr: 'pair',
  对: 'pair',
  副: 'pair',
  metre: 'metre',
  meter: 'metre',
  m: 'metre',
  米: 'metre',
  kg: 'kg',
  千克: 'kg',
  公斤: 'kg',
  bottle: 'bottle',
  btl: 'bottle',
  瓶: 'bottle',
  桶: 'bottle',
};

/** The master's unit for a price file's unit text, or null when it is none we know. */
export function unitOf(text: string): string | null {
  if (Object.hasOwn(UNIT_WORDS, text)) return UNIT_WORDS[text]!;
  const word = text.normalize('NFKC').trim().toLowerCase().replace(/\.$/, '');
  return Object.hasOwn(UNIT_WORDS, word) ? UNIT_WORDS[word]! : null;
}

/** The key a mapping is remembered under (the import engine's, import-mapping.ts). */
export { headerSignature };

/** Header names price files use for each target (already in guessCell form). */
const HEADER_NAMES: Record<MappingTarget, readonly string[]> = {
  partNumber: [
    '零件号',
    '零件编号',
    '零件代码',
    '配件编号',
    '配件号',
    '配件代码',
    '备件号',
    '备件编号',
    '件号',
    '物料号',
    '物料编码',
    'partno',
    'partnumber',
    'part',
    'pn',
    'partcode',
    'material',
  ],
  nameZh: ['名称', '中文名称', '中文名', '零件名称', '配件名称', '备件名称', '物料名称', '零件中文名称', 'namezh', 'chinesename'],
  nameEn: ['英文名称', '英文名', '零件英文名称', 'description', 'englishname', 'nameen', 'partdescription', 'partname', 'name'],
  brand: ['品牌', '厂牌', 'brand', 'make'],
  unit: ['单位', '计量单位', 'unit', 'uom'],
  listPrice: [
    '零售价',
    '建议零售价',
    '零售价格',
    '零售单价',
    '销售价',
    '销售单价',
    '含税零售价',
    'listprice',
    'retailprice',
    'retail',
    'msrp',
    'price',
  ],
  cost: [
    '成本',
    '成本价',
    '进价',
    '采购价',
    '经销商价',
    '经销价',
    '经销商进价',
    '网络价',
    'dealernet',
    'dealerprice',
    'netprice',
    'cost',
  ],
  supersededBy: [
    '替代号',
    '替代零件号',
    '替代件',
    '替代件号',
    '新零件号',
    '替换号',
    'supersededby',
    'replacedby',
    'supersession',
    'newpartno',
    'newpartnumber',
  ],
};

/** The mapping read from the header names alone, for a file whose header the desk has not seen before. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  return guessMappingOf(headers, MAPPING_TARGETS, HEADER_NAMES);
}

const PROBLEM_REASONS = {
  required: 'priceImport.mappingRequired',
  twice: 'priceImport.mappingTwice',
  column: 'priceImport.mappingColumn',
} as const;

/** What is wrong with a mapping before any line is read, or null: the required columns, no column used twice. */
export function mappingProblem(
  mapping: ColumnMapping,
  columnCount: number,
): {
  reason: 'priceImport.mappingRequired' | 'priceImport.mappingTwice' | 'priceImport.mappingColumn';
  target: MappingTarget;
} | null {
  const problem = mappingProblemOf(mapping, MAPPING_TARGETS, REQUIRED_TARGETS, columnCount);
  return problem ? { reason: PROBLEM_REASONS[problem.kind], target: problem.target } : null;
}

/** Digits with at most two decimals, nothing else: read directly. */
const PLAIN_PRICE = /^\d{1,9}(?:\.\d{1,2})?$/;

export type MoneyResult =
  | { ok: true; fen: number }
  | { ok: false; reason: 'priceImport.priceUnparsable' | 'priceImport.priceNegative' | 'priceImport.priceTooHigh' };

/**
 * A price as price files write it, in fen: "1234.5", "1,234.50", "¥12.5", "￥12.50", "12.50元", "RMB 8". More than two
 * decimals are refused unless they are zeros (a price is never rounded silently); so are commas that are not
 * thousands separators ("1,5" may be a European 1.5).
 */
export function parseMoneyFen(text: string): MoneyResult {
  // The common case, "123.45" as most price lists write it, without the work below (300,000 times per file).
  if (PLAIN_PRICE.test(text)) {
    const dot = text.indexOf('.');
    const whole = dot < 0 ? text : text.slice(0, dot);
    const fen = Number(whole) * 100 + (dot < 0 ? 0 : Number(text.slice(dot + 1).padEnd(2, '0')));
    return fen > MAX_PRICE_FEN ? { ok: false, reason: 'priceImport.priceTooHigh' } : { ok: true, fen };
  }
  let s = text.normalize('NFKC').replace(/\s+/g, '');
  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  }
  s = s.replace(/^(¥|rmb|cny)/i, '').replace(/元$/, '');
  if (!negative && s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  }
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(s);
  if (!match) return { ok: false, reason: 'priceImport.priceUnparsable' };
  const whole = match[1]!.replace(/,/g, '');
  const decimals = (match[2] ?? '').replace(/0+$/, '');
  if (decimals.length > 2) return { ok: false, reason: 'priceImport.priceUnparsable' };
  if (whole.length > 9) return { ok: false, reason: 'priceImport.priceTooHigh' };
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (negative && fen > 0) return { ok: false, reason: 'priceImport.priceNegative' };
  if (fen > MAX_PRICE_FEN) return { ok: false, reason: 'priceImport.priceTooHigh' };
  return { ok: true, fen };
}

/** A line of the file as the master would take it; null leaves the master's value as it is (or its default). */
export interface PriceLine {
  partNumber: string;
  nameZh: string | null;
  nameEn: string | null;
  brand: string | null;
  unit: string | null;
  listPriceFen: number;
  costFen: number | null;
  supersededBy: string | null;
}

export type LineCheck =
  { ok: true; line: PriceLine } | { ok: false; reason: RejectionReason; target: MappingTarget; partNumber: string };

/**
 * One line of the file checked on its own (the checks needing the master or other lines, like a new part's name,
 * duplicates and supersession loops, come after). Empty optional cells keep what the master has.
 */
function cellOf(cells: readonly string[], mapping: ColumnMapping, target: MappingTarget): string {
  const column = mapping[target];
  return column === null ? '' : (cells[column] ?? '').trim();
}

function refused(reason: RejectionReason, target: MappingTarget, partNumber: string): LineCheck {
  return { ok: false, reason, target, partNumber };
}

export function checkLine(cells: readonly string[], mapping: ColumnMapping): LineCheck {
  // Plain code, no closures: this runs for every line of a 300,000-line file.
  const rawNumber = cellOf(cells, mapping, 'partNumber');
  const partNumber = normalisePartNumber(rawNumber);
  const shown = partNumber || rawNumber;
  if (!partNumber) return refused('priceImport.partNumberMissing', 'partNumber', shown);
  if (!isValidPartNumber(partNumber)) return refused('priceImport.partNumberInvalid', 'partNumber', shown);

  const nameZh = cellOf(cells, mapping, 'nameZh');
  const nameEn = cellOf(cells, mapping, 'nameEn');
  const brand = cellOf(cells, mapping, 'brand');
  if (nameZh.length > MAX_NAME_LENGTH) return refused('priceImport.textTooLong', 'nameZh', shown);
  if (nameEn.length > MAX_NAME_LENGTH) return refused('priceImport.textTooLong', 'nameEn', shown);
  if (brand.length > MAX_BRAND_LENGTH) return refused('priceImport.textTooLong', 'brand', shown);
  const unitText = cellOf(cells, mapping, 'unit');
  const unit = unitText ? unitOf(unitText) : null;
  if (unitText && !unit) return refused('priceImport.unitUnknown', 'unit', shown);

  const listText = cellOf(cells, mapping, 'listPrice');
  if (!listText) return refused('priceImport.priceMissing', 'listPrice', shown);
  const list = parseMoneyFen(listText);
  if (!list.ok) return refused(list.reason, 'listPrice', shown);
  const costText = cellOf(cells, mapping, 'cost');
  let costFen: number | null = null;
  if (costText) {
    const cost = parseMoneyFen(costText);
    if (!cost.ok) return refused(cost.reason, 'cost', shown);
    costFen = cost.fen;
  }

  const rawSuccessor = cellOf(cells, mapping, 'supersededBy');
  const supersededBy = rawSuccessor ? normalisePartNumber(rawSuccessor) : '';
  if (rawSuccessor && !isValidPartNumber(supersededBy)) return refused('priceImport.supersededInvalid', 'supersededBy', shown);
  if (supersededBy === partNumber) return refused('priceImport.supersededSelf', 'supersededBy', shown);

  return {
    ok: true,
    line: {
      partNumber,
      nameZh: nameZh || null,
      nameEn: nameEn || null,
      brand: brand || null,
      unit,
      listPriceFen: list.fen,
      costFen,
      supersededBy: supersededBy || null,
    },
  };
}

/**
 * Whether giving `partNumber` the successor `successor` closes a loop, following the successors as they will stand
 * (`next`: the master's, overridden by the lines of the file accepted so far). A chain already looping without this
 * part (never written by the master, but guarded) ends the walk rather than hanging it.
 */
export function closesLoop(partNumber: string, successor: string, next: (number: string) => string | undefined): boolean {
  const seen = new Set<string>();
  for (let at: string | undefined = successor; at !== undefined; at = next(at)) {
    if (at === partNumber) return true;
    if (seen.has(at)) return false;
    seen.add(at);
  }
  return false;
}
