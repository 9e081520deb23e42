import { useTranslation } from 'react-i18next';
import { formatQuantity, formatYuan } from '../../../shared/domain/money';

/** How the catalogue shows its figures in the desk's language: ¥ with two decimals, hours without trailing zeros. */
export function useCatalogFormat() {
  const { t, i18n } = useTranslation();
  const money = (fen: number) => t('catalog.money', { amount: formatYuan(fen, i18n.language) });
  return {
    money,
    /** 500 -> "0.5 h" / "0.5 小时". */
    hours: (milli: number) => t('catalog.hours', { hours: formatQuantity(milli) }),
    /** 18000 -> "¥180.00 / h". */
    rate: (fen: number) => t('catalog.perHour', { amount: money(fen) }),
    /** An operation's, package's or part's name in the desk's language. */
    name: (item: { nameZh: string; nameEn: string }) => (i18n.language === 'zh-CN' ? item.nameZh : item.nameEn),
  };
}
