import i18next, { type TFunction } from 'i18next';
import { formatQuantity, formatYuan } from '../../../../shared/domain/money';

/** The money reports' figures in the screen's (or a printed document's) language. */
export interface MoneyFormat {
  money: (fen: number) => string;
  hours: (milli: number) => string;
  /** A ratio 0-1 as a per cent with one decimal; '—' for none. */
  percent: (ratio: number | null) => string;
  /** A change as a signed per cent: +12.5 %; '—' when there was nothing to compare with. */
  change: (ratio: number | null) => string;
  /** Labor revenue ÷ sold hours, per hour; '—' without hours. */
  rate: (laborFen: number, soldMilli: number) => string;
  count: (value: number) => string;
}

export function moneyFormat(t: TFunction, lng: string = i18next.language): MoneyFormat {
  const money = (fen: number) => t('catalog.money', { amount: formatYuan(fen, lng) });
  const pct = (signed: boolean) =>
    new Intl.NumberFormat(lng, {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
    });
  return {
    money,
    hours: (milli) => t('money.hours', { value: formatQuantity(milli) }),
    percent: (ratio) => (ratio === null ? t('money.none') : pct(false).format(ratio)),
    change: (ratio) => (ratio === null ? t('money.none') : pct(true).format(ratio)),
    rate: (laborFen, soldMilli) =>
      soldMilli > 0 ? t('money.perHour', { value: money(Math.round((laborFen * 1000) / soldMilli)) }) : t('money.none'),
    count: (value) => new Intl.NumberFormat(lng).format(value),
  };
}
