import type { TFunction } from 'i18next';
import { DESK_TIME_ZONE } from '../../../shared/domain/desk-time';
import { formatQuantity, formatYuan } from '../../../shared/domain/money';
import type { Language } from '../i18n';

/**
 * A printed document's words and figures in its own language, which may differ from the screen's (an English desk
 * prints a Chinese work order): `t` is fixed to that language, and money, quantities and names follow it.
 */
export interface DocumentFormat {
  lng: Language;
  t: TFunction;
  /** Fen as the catalogues say money: "¥1,234.50". */
  money: (fen: number) => string;
  /** Hours and quantities without trailing zeros: 1500 -> "1.5". */
  qty: (milli: number) => string;
  /** 1000 bp -> "10%". */
  percent: (bp: number) => string;
  /** A count with the language's grouping: 45,230. */
  number: (value: number) => string;
  /** An instant on the desk's calendar and clock: "2026/11/24 10:00". */
  dateTime: (iso: string | null) => string;
  /** A line's or operation's name in the document's language (the Chinese name where no English one was given). */
  name: (item: { nameZh: string; nameEn: string }) => string;
}

export function documentFormat(lng: Language, t: TFunction): DocumentFormat {
  const dateTimeFormat = new Intl.DateTimeFormat(lng, {
    timeZone: DESK_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return {
    lng,
    t,
    money: (fen) => t('catalog.money', { amount: formatYuan(fen, lng) }),
    qty: (milli) => formatQuantity(milli),
    number: (value) => new Intl.NumberFormat(lng).format(value),
    percent: (bp) => t('ro.percent', { value: formatQuantity(bp * 10) }),
    dateTime: (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : t('printing.doc.none')),
    name: (item) => (lng === 'en' && item.nameEn ? item.nameEn : item.nameZh),
  };
}
