import { useTranslation } from 'react-i18next';
import { formatQuantity, formatYuan } from '../../../shared/domain/money';

/** Quantities in thousandths shown as units, signed (a movement out is negative): -1500 -> "-1.5". */
export function formatSignedQty(milli: number): string {
  return milli < 0 ? `-${formatQuantity(-milli)}` : formatQuantity(milli);
}

/** How the parts desk shows its figures in the desk's language: ¥ with two decimals, quantities without trailing zeros. */
export function usePartsFormat() {
  const { t, i18n } = useTranslation();
  return {
    money: (fen: number) => t('parts.money', { amount: formatYuan(fen, i18n.language) }),
    qty: formatSignedQty,
    /** A quantity with its unit: "4 升", "2 sets", "1 piece" (the unit takes the count's plural form). */
    qtyUnit: (milli: number, unit: string) =>
      `${formatSignedQty(milli)} ${t(`parts.unitCounts.${unit}`, { count: Math.abs(milli) / 1000, defaultValue: unit })}`,
    name: (item: { nameZh: string; nameEn: string }) => (i18n.language === 'zh-CN' || !item.nameEn ? item.nameZh : item.nameEn),
  };
}

/** Hands a file the core made to the browser as a download (works the same in Electron and in browser mode). */
export function downloadBase64(fileName: string, dataBase64: string, mimeType: string): void {
  const bytes = Uint8Array.from(atob(dataBase64), (ch) => ch.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoked after the click has been handled: revoking at once can cancel the download in some engines.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
