import { instantAt } from './desk-time';
import type { DmsMapping, DmsTarget } from './dms-import';
import { isConcernGroup, type ConcernGroup } from './concern-groups';
import type { CustomerKind } from './enums';
import { normalizePhone, phoneProblem } from './phone';
import { normalizePlate } from './plate';
import { checkVin } from './vin';

/**
 * One row of a previous DMS's export read into what the desk keeps, or refused with the reason and the column at
 * fault: the checks a row needs without the database (VIN and its check digit, phone characters, dates, money). The
 * core then matches it against the database (dms-import/*). Reasons are catalogue keys under `reasons.`.
 */

export const DMS_ROW_REASONS = [
  'dmsImport.legacyIdMissing',
  'dmsImport.nameMissing',
  'dmsImport.textTooLong',
  'dmsImport.kindUnknown',
  'dmsImport.phoneLetters',
  'dmsImport.phoneLength',
  'dmsImport.consentUnknown',
  'dmsImport.vinInvalid',
  'dmsImport.vinCheckDigit',
  'dmsImport.yearInvalid',
  'dmsImport.dateInvalid',
  'dmsImport.mileageInvalid',
  'dmsImport.moneyInvalid',
  'dmsImport.quantityInvalid',
  'dmsImport.lineKindUnknown',
  'dmsImport.vehicleMissing',
  'dmsImport.closedBeforeOpened',
  // Found against the database or earlier rows of the file:
  'dmsImport.duplicate',
  'dmsImport.ownerUnknown',
  'dmsImport.vehicleUnknown',
  'dmsImport.customerUnknown',
  'dmsImport.orderUnknown',
  'dmsImport.phoneTaken',
  'dmsImport.vinTaken',
  'dmsImport.plateTaken',
] as const;
export type DmsRowReason = (typeof DMS_ROW_REASONS)[number];

export type RowCheck<T> = { ok: true; row: T } | { ok: false; reason: DmsRowReason; field: DmsTarget; key: string };

export const MAX_TEXT = 200;
export const MAX_LEGACY_ID = 64;

/** The cell a target is mapped to, trimmed ('' when the target is not mapped or the row is short). */
export function cellOf(cells: readonly string[], mapping: DmsMapping, target: DmsTarget): string {
  const column = mapping[target];
  if (column === null || column === undefined) return '';
  return (cells[column] ?? '').trim();
}

class Refusal {
  constructor(
    readonly reason: DmsRowReason,
    readonly field: DmsTarget,
  ) {}
}
const refuse = (reason: DmsRowReason, field: DmsTarget): never => {
  throw new Refusal(reason, field);
};

function text(value: string, field: DmsTarget, max = MAX_TEXT): string {
  if (value.length > max) refuse('dmsImport.textTooLong', field);
  return value;
}

function legacy(value: string, field: DmsTarget): string {
  if (value === '') refuse('dmsImport.legacyIdMissing', field);
  return text(value, field, MAX_LEGACY_ID);
}

/** A phone as the desk stores it, '' for none; letters in it (a typo, "无", "unknown") refuse the row. */
function phone(value: string, field: DmsTarget): string {
  if (value === '') return '';
  const problem = phoneProblem(value);
  if (problem === 'characters') refuse('dmsImport.phoneLetters', field);
  if (problem === 'length') refuse('dmsImport.phoneLength', field);
  return normalizePhone(value);
}

const DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** A date (and perhaps a time) of the desk's zone as an ISO instant; a date alone stands at `defaultMinutes`. */
export function parseDeskDate(value: string, defaultMinutes: number): string | null {
  const match = DATE.exec(value) ?? COMPACT_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1950 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const iso = `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (new Date(`${iso}T00:00:00Z`).getUTCDate() !== day) return null;
  const minutes = match[4] !== undefined ? Number(match[4]) * 60 + Number(match[5]) : defaultMinutes;
  if (minutes >= 24 * 60) return null;
  return instantAt(iso, minutes).toISOString();
}

function date(value: string, field: DmsTarget, defaultMinutes: number): string | null {
  if (value === '') return null;
  return parseDeskDate(value, defaultMinutes) ?? refuse('dmsImport.dateInvalid', field);
}

function kilometres(value: string, field: DmsTarget): number | null {
  if (value === '') return null;
  const km = Number(value.replace(/,/g, '').replace(/(km|公里)$/i, ''));
  if (!Number.isFinite(km) || km < 0 || km > 2_000_000) refuse('dmsImport.mileageInvalid', field);
  return Math.round(km);
}

/** Yuan as written (1,234.50, ¥88, 88元) to fen; negatives are refused (a refund is not history). */
export function parseYuanFen(value: string): number | null {
  const s = value
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^(¥|rmb|cny)/i, '')
    .replace(/元$/, '');
  const match = /^(\d{1,3}(?:,\d{3})+|\d{1,10})(?:\.(\d{1,4}))?$/.exec(s);
  if (!match) return null;
  const decimals = (match[2] ?? '').padEnd(4, '0');
  return Number(match[1]!.replace(/,/g, '')) * 100 + Math.round(Number(decimals) / 100);
}

function money(value: string, field: DmsTarget): number | null {
  if (value === '') return null;
  return parseYuanFen(value) ?? refuse('dmsImport.moneyInvalid', field);
}

const PERSON = new Set(['个人', '私人', '散客', 'person', 'individual', 'private', 'p']);
const COMPANY = new Set(['公司', '企业', '单位', '集团', 'company', 'corporate', 'business', 'fleet', 'c']);
const YES = new Set(['是', '同意', 'y', 'yes', '1', 'true', '√']);
const NO = new Set(['否', '不同意', 'n', 'no', '0', 'false', '×']);

export interface CustomerRow {
  legacyId: string;
  name: string;
  kind: CustomerKind;
  phones: string[];
  contactPerson: string;
  email: string;
  address: string;
  /** null: the old system did not say (kept as not agreed, nothing recorded). */
  consent: boolean | null;
}

export interface VehicleRow {
  legacyId: string;
  vin: string;
  vinCheckOk: boolean;
  plate: string;
  make: string;
  model: string;
  year: number;
  purchaseDate: string | null;
  mileage: number | null;
  mileageAt: string | null;
  ownerLegacyId: string;
  ownerPhone: string;
}

export interface OrderRow {
  legacyId: string;
  number: string;
  vehicleLegacyId: string;
  vin: string;
  customerLegacyId: string;
  openedAt: string;
  closedAt: string;
  mileage: number | null;
  advisor: string;
  laborFen: number | null;
  partsFen: number | null;
  concern: string;
  concernGroup: ConcernGroup;
}

export interface OrderLineRow {
  orderLegacyId: string;
  lineNo: string;
  kind: 'labor' | 'part';
  code: string;
  name: string;
  qtyMilli: number;
  unitPriceFen: number;
  totalFen: number;
}

function checked<T>(key: string, read: () => T): RowCheck<T> {
  try {
    return { ok: true, row: read() };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.reason, field: error.field, key };
    throw error;
  }
}

export function checkCustomerRow(cells: readonly string[], mapping: DmsMapping): RowCheck<CustomerRow> {
  const cell = (target: DmsTarget) => cellOf(cells, mapping, target);
  return checked(cell('legacyId'), () => {
    const legacyId = legacy(cell('legacyId'), 'legacyId');
    const name = text(cell('name'), 'name');
    if (name === '') refuse('dmsImport.nameMissing', 'name');
    const kindText = cell('kind').toLowerCase();
    let kind: CustomerKind = /公司|有限|集团|厂$/.test(name) ? 'company' : 'person';
    if (PERSON.has(kindText)) kind = 'person';
    else if (COMPANY.has(kindText)) kind = 'company';
    else if (kindText !== '') refuse('dmsImport.kindUnknown', 'kind');
    const phones = [phone(cell('phone'), 'phone'), phone(cell('phone2'), 'phone2')].filter(
      (p, i, all) => p !== '' && all.indexOf(p) === i,
    );
    const consentText = cell('consent').toLowerCase();
    const consent =
      consentText === ''
        ? null
        : YES.has(consentText)
          ? true
          : NO.has(consentText)
            ? false
            : refuse('dmsImport.consentUnknown', 'consent');
    return {
      legacyId,
      name,
      kind,
      phones,
      contactPerson: text(cell('contactPerson'), 'contactPerson'),
      email: text(cell('email'), 'email'),
      address: text(cell('address'), 'address'),
      consent,
    };
  });
}

/** A mainland VIN (made in China: it starts with L) must pass its check digit; an imported one may not carry one. */
function vin(value: string, field: DmsTarget): { vin: string; checkOk: boolean } {
  const check = checkVin(value);
  if (check.problem) refuse('dmsImport.vinInvalid', field);
  if (!check.checkDigitOk && check.vin.startsWith('L')) refuse('dmsImport.vinCheckDigit', field);
  return { vin: check.vin, checkOk: check.checkDigitOk };
}

export function checkVehicleRow(cells: readonly string[], mapping: DmsMapping, thisYear: number): RowCheck<VehicleRow> {
  const cell = (target: DmsTarget) => cellOf(cells, mapping, target);
  return checked(cell('legacyId'), () => {
    const legacyId = legacy(cell('legacyId'), 'legacyId');
    const v = vin(cell('vin'), 'vin');
    const yearText = cell('year');
    const year = yearText === '' ? 0 : Number(yearText);
    if (!Number.isInteger(year) || (year !== 0 && (year < 1950 || year > thisYear + 1))) refuse('dmsImport.yearInvalid', 'year');
    const mileage = kilometres(cell('mileage'), 'mileage');
    return {
      legacyId,
      vin: v.vin,
      vinCheckOk: v.checkOk,
      plate: text(normalizePlate(cell('plate')), 'plate', 16),
      make: text(cell('make'), 'make', 40),
      model: text(cell('model'), 'model', 60),
      year,
      purchaseDate: date(cell('purchaseDate'), 'purchaseDate', 12 * 60),
      mileage,
      mileageAt: date(cell('mileageDate'), 'mileageDate', 12 * 60),
      ownerLegacyId: text(cell('ownerLegacyId'), 'ownerLegacyId', MAX_LEGACY_ID),
      ownerPhone: phone(cell('ownerPhone'), 'ownerPhone'),
    };
  });
}

const GROUP_WORDS: [RegExp, ConcernGroup][] = [
  [/保养|机油|首保|定保|maintenance|service|oil/i, 'maintenance'],
  [/刹车|制动|brake/i, 'brakes'],
  [/轮胎|四轮定位|tyre|tire|wheel/i, 'tyres_wheels'],
  [/空调|冷媒|a\/?c|air ?con/i, 'ac_heating'],
  [/钣金|喷漆|油漆|body|paint/i, 'body_paint'],
  [/变速箱|transmission|gearbox/i, 'transmission'],
  [/发动机|engine/i, 'engine'],
  [/电瓶|蓄电池|电路|battery|electrical/i, 'electrical'],
  [/悬挂|转向|suspension|steering/i, 'suspension_steering'],
  [/检测|诊断|diagnos/i, 'diagnostics'],
];

/** What an old RO was about, from its work text: maintenance ROs feed the reminders. */
export function concernGroupOf(concern: string): ConcernGroup {
  if (isConcernGroup(concern)) return concern;
  for (const [words, group] of GROUP_WORDS) if (words.test(concern)) return group;
  return 'other';
}

export function checkOrderRow(cells: readonly string[], mapping: DmsMapping): RowCheck<OrderRow> {
  const cell = (target: DmsTarget) => cellOf(cells, mapping, target);
  return checked(cell('legacyId'), () => {
    const legacyId = legacy(cell('legacyId'), 'legacyId');
    const vehicleLegacyId = text(cell('vehicleLegacyId'), 'vehicleLegacyId', MAX_LEGACY_ID);
    const vinText = cell('vin');
    const v = vinText === '' ? '' : checkVin(vinText).vin;
    if (vehicleLegacyId === '' && v === '') refuse('dmsImport.vehicleMissing', 'vehicleLegacyId');
    const openedAt = date(cell('openedAt'), 'openedAt', 9 * 60) ?? refuse('dmsImport.dateInvalid', 'openedAt');
    const closedAt = date(cell('closedAt'), 'closedAt', 17 * 60) ?? openedAt;
    if (closedAt.slice(0, 10) < openedAt.slice(0, 10)) refuse('dmsImport.closedBeforeOpened', 'closedAt');
    const concern = text(cell('concern'), 'concern', 500);
    return {
      legacyId,
      number: text(cell('number'), 'number', 40),
      vehicleLegacyId,
      vin: v,
      customerLegacyId: text(cell('customerLegacyId'), 'customerLegacyId', MAX_LEGACY_ID),
      openedAt,
      closedAt: closedAt < openedAt ? openedAt : closedAt,
      mileage: kilometres(cell('mileage'), 'mileage'),
      advisor: text(cell('advisor'), 'advisor', 60),
      laborFen: money(cell('laborTotal'), 'laborTotal'),
      partsFen: money(cell('partsTotal'), 'partsTotal'),
      concern,
      concernGroup: concernGroupOf(concern),
    };
  });
}

const LABOR = new Set(['工时', '人工', '工', '工时费', '维修项目', 'labor', 'labour', 'l', 'op']);
const PART = new Set(['配件', '零件', '材料', '备件', '辅料', '油料', 'part', 'parts', 'p', 'material']);

export function checkOrderLineRow(cells: readonly string[], mapping: DmsMapping): RowCheck<OrderLineRow> {
  const cell = (target: DmsTarget) => cellOf(cells, mapping, target);
  const key = `${cell('orderLegacyId')}#${cell('lineNo')}`;
  return checked(key, () => {
    const orderLegacyId = legacy(cell('orderLegacyId'), 'orderLegacyId');
    const lineNo = legacy(cell('lineNo'), 'lineNo');
    const kindText = cell('kind').toLowerCase();
    const kind = LABOR.has(kindText) ? 'labor' : PART.has(kindText) ? 'part' : refuse('dmsImport.lineKindUnknown', 'kind');
    const name = text(cell('name'), 'name', 100);
    if (name === '') refuse('dmsImport.nameMissing', 'name');
    const qtyText = cell('quantity');
    const qty = qtyText === '' ? 1 : Number(qtyText.replace(/,/g, ''));
    if (!Number.isFinite(qty) || qty < 0 || qty > 1_000_000) refuse('dmsImport.quantityInvalid', 'quantity');
    const totalFen = money(cell('total'), 'total') ?? refuse('dmsImport.moneyInvalid', 'total');
    const qtyMilli = Math.round(qty * 1000);
    const unitPriceFen =
      money(cell('unitPrice'), 'unitPrice') ?? (qtyMilli > 0 ? Math.round((totalFen * 1000) / qtyMilli) : totalFen);
    return { orderLegacyId, lineNo, kind, code: text(cell('code'), 'code', 40), name, qtyMilli, unitPriceFen, totalFen };
  });
}
