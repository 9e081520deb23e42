import i18next, { type TFunction } from 'i18next';
import type { KpiKey, KpiUnit } from '../../../../shared/contract/reports/kpis';
import { formatYuan } from '../../../../shared/domain/money';

/** A KPI value in its unit, in the desk's language; '—' when there was nothing to divide by. */
export function formatKpi(t: TFunction, unit: KpiUnit, value: number | null): string {
  if (value === null) return t('kpis.none');
  const lng = i18next.language;
  switch (unit) {
    case 'ratio':
      return new Intl.NumberFormat(lng, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    case 'fen':
      return t('catalog.money', { amount: formatYuan(Math.round(value), lng) });
    case 'hoursMilli':
      return t('kpis.hours', { value: new Intl.NumberFormat(lng, { maximumFractionDigits: 2 }).format(value / 1000) });
    case 'points':
      return t('kpis.points', {
        value: new Intl.NumberFormat(lng, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value),
      });
    case 'nps':
      return new Intl.NumberFormat(lng, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
        value,
      );
    case 'count':
      return new Intl.NumberFormat(lng).format(value);
  }
}

/** A numerator or denominator: money for ARO, hours for hours per RO and efficiency, a count otherwise. */
export function formatPart(t: TFunction, key: KpiKey, part: 'numerator' | 'denominator', value: number): string {
  if (key === 'aro' && part === 'numerator') return formatKpi(t, 'fen', value);
  if ((key === 'hoursPerRo' && part === 'numerator') || key === 'laborEfficiency') return formatKpi(t, 'hoursMilli', value);
  return new Intl.NumberFormat(i18next.language).format(value);
}

/** The value a chart plots: per cent for ratios, yuan for money, hours for hours. */
export function chartValue(unit: KpiUnit, value: number | null): number | null {
  if (value === null) return null;
  if (unit === 'ratio') return Math.round(value * 1000) / 10;
  if (unit === 'fen') return Math.round(value) / 100;
  if (unit === 'hoursMilli') return Math.round(value) / 1000;
  return value;
}
