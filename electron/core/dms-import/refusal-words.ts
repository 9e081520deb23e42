import type { DmsLanguage } from '../../../shared/domain/dms-import';
import type { DmsRowReason } from '../../../shared/domain/dms-import-rows';

/**
 * The words of the refused rows' workbook, [zh-CN, en], as the template's headers are kept (shared/domain/dms-import.ts):
 * the file is opened in Excel, away from the screen's catalogue, by the person who fixes the rows. The reasons are the
 * catalogue's `reasons.dmsImport.*` texts (renderer/src/i18n/areas/dms-import.*.ts), so the file says what the
 * screen's list says; tests/unit/dms-import-refusal-words.test.ts holds the two to each other.
 */
const REASONS: Record<DmsRowReason, readonly [string, string]> = {
  'dmsImport.legacyIdMissing': ['缺少原系统编号', 'No old system ID'],
  'dmsImport.nameMissing': ['缺少名称', 'No name'],
  'dmsImport.textTooLong': ['文字过长', 'Text too long'],
  'dmsImport.kindUnknown': ['类型无法识别（个人或公司）', 'Unknown type (person or company)'],
  'dmsImport.phoneLetters': ['电话中含有字母', 'Phone has letters in it'],
  'dmsImport.phoneLength': ['电话位数过少或过多', 'Phone has too few or too many digits'],
  'dmsImport.consentUnknown': ['同意联系既不是“是”也不是“否”', 'Consent is neither yes nor no'],
  'dmsImport.vinInvalid': ['车架号不是 17 位有效字符', 'VIN is not 17 valid characters'],
  'dmsImport.vinCheckDigit': ['车架号校验位错误', 'VIN check digit is wrong'],
  'dmsImport.yearInvalid': ['年款无效', 'Year is not a model year'],
  'dmsImport.dateInvalid': ['日期无法识别', 'Date cannot be read'],
  'dmsImport.mileageInvalid': ['里程不是公里数', 'Mileage is not a number of km'],
  'dmsImport.moneyInvalid': ['金额不是元数', 'Amount is not a number of yuan'],
  'dmsImport.quantityInvalid': ['数量不是数字', 'Quantity is not a number'],
  'dmsImport.lineKindUnknown': ['类别既不是工时也不是配件', 'Kind is neither labor nor parts'],
  'dmsImport.vehicleMissing': ['缺少车辆（原车辆编号或车架号）', 'No vehicle (old vehicle ID or VIN)'],
  'dmsImport.closedBeforeOpened': ['结算日期早于进厂日期', 'Closed before it was opened'],
  'dmsImport.duplicate': ['与本文件前面的行重复', 'Already on an earlier row of this file'],
  'dmsImport.ownerUnknown': ['找不到车主（请先导入客户）', 'Owner not found (import the customers first)'],
  'dmsImport.vehicleUnknown': ['找不到车辆（请先导入车辆）', 'Vehicle not found (import the vehicles first)'],
  'dmsImport.customerUnknown': ['找不到客户', 'Customer not found'],
  'dmsImport.orderUnknown': ['找不到工单（请先导入工单表头）', 'Repair order not found (import the headers first)'],
  'dmsImport.phoneTaken': ['电话属于另一位客户', 'Phone belongs to another customer'],
  'dmsImport.vinTaken': ['车架号属于另一辆车', 'VIN belongs to another vehicle'],
  'dmsImport.plateTaken': ['车牌号属于另一辆车', 'Plate belongs to another vehicle'],
};

/** The workbook's own titles: its sheet, the columns it puts before the file's, and the file name's ending. */
const TITLES = {
  sheet: ['被拒绝的行', 'Refused rows'],
  line: ['行号', 'Line'],
  reason: ['原因', 'Why'],
  field: ['出错的列', 'Column at fault'],
  fileSuffix: ['被拒绝的行', 'refused'],
} as const satisfies Record<string, readonly [string, string]>;

const at = (language: DmsLanguage) => (language === 'zh-CN' ? 0 : 1);

/** Why a row was refused, in a language (a reason this version does not know, from an older run, as it was stored). */
export function reasonWords(reason: string, language: DmsLanguage): string {
  return (REASONS as Partial<Record<string, readonly [string, string]>>)[reason]?.[at(language)] ?? reason;
}

/** One of the workbook's own titles, in a language. */
export function titleWords(title: keyof typeof TITLES, language: DmsLanguage): string {
  return TITLES[title][at(language)];
}
