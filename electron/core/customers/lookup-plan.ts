import { pinyinQuery } from '../../../shared/domain/pinyin-keys';
import { nameKey } from '../../../shared/domain/text';
import { isPlateSerialPrefix, normalizePlate } from '../../../shared/domain/plate';
import { reversed, VIN_LENGTH } from '../../../shared/domain/vin';

/**
 * What the one look-up box means by what was typed. Several readings can hold at once ("123456" is a VIN tail and
 * a phone tail); each becomes one indexed branch of the query.
 */
export interface LookupPlan {
  vinExact?: string;
  /** The typed VIN tail, reversed: a prefix of vehicles.vin_rev. */
  vinTailRev?: string;
  /** A prefix of the normalised plate (starts with the province character). */
  platePrefix?: string;
  /** A prefix of the plate without its province character ("A123" finds 京A12345, "B1234学" finds 粤B1234学). */
  plateSerialPrefix?: string;
  /** The typed phone digits, reversed: a prefix of customer_phones.number_rev. */
  phoneTailRev?: string;
  namePrefix?: string;
  /** Latin letters read as pinyin ("zs", "zhang s" -> "zhangs"): a prefix of customer_pinyin.key. */
  pinyinPrefix?: string;
  /**
   * Not a reading of the text: the desk day (YYYY-MM-DD) the page's open recall/service campaigns are judged on. Set by
   * the service from the clock; it rides in the plan so the compiled template binds it like the readings.
   */
  today?: string;
}

const VIN_PART = /^[A-HJ-NPR-Z0-9]+$/;
const PLATE_START = /^[\u4e00-\u9fff][A-Z0-9]/;

export function planLookup(raw: string): LookupPlan {
  const text = raw.trim();
  if (text.length === 0) return {};
  const plan: LookupPlan = {};
  const compact = normalizePlate(text);

  const phoneDigits = text.replace(/[\s\-().]/g, '');
  if (/^\+?\d{4,20}$/.test(phoneDigits)) plan.phoneTailRev = reversed(phoneDigits.replace('+', ''));

  if (VIN_PART.test(compact)) {
    if (compact.length === VIN_LENGTH) plan.vinExact = compact;
    else if (compact.length >= 6 && compact.length < VIN_LENGTH) plan.vinTailRev = reversed(compact);
  }

  if (PLATE_START.test(compact)) plan.platePrefix = compact;
  else if (isPlateSerialPrefix(compact)) plan.plateSerialPrefix = compact;

  // Names: anything that is not only digits (people do not search customers by a number that is not a phone).
  if (!/^[\d\s+\-().]+$/.test(text)) plan.namePrefix = nameKey(text);

  // Pinyin: letters (and spaces) only. A digit makes it a plate, VIN or phone ("ab12" is never pinyin); letters
  // alone may also be a plate serial or VIN tail ("zhangsan"), and every reading is searched (docs/domain.md).
  const pinyin = pinyinQuery(text);
  if (pinyin) plan.pinyinPrefix = pinyin;
  return plan;
}
