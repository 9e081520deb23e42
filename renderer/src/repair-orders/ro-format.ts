import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ApiIssue } from '../../../shared/contract/errors';
import { formatQuantity } from '../../../shared/domain/money';
import { RO_STATUSES, type RepairOrderStatus } from '../../../shared/domain/repair-order-status';
import { describeIssue, toApiError } from '../api/errors';
import { useCatalogFormat } from '../catalog/catalog-format';

function isStatus(value: unknown): value is RepairOrderStatus {
  return typeof value === 'string' && (RO_STATUSES as readonly string[]).includes(value);
}

/** The core names statuses by code in its reasons ("cannot go from open to closed"): say them in the desk's language. */
export function describeRoIssue(t: TFunction, issue: ApiIssue): string {
  if (!issue.params) return describeIssue(t, issue);
  const params = Object.fromEntries(
    Object.entries(issue.params).map(([key, value]) => [key, isStatus(value) ? t(`ro.statuses.${value}`) : value]),
  );
  return describeIssue(t, { ...issue, params });
}

export function describeRoError(t: TFunction, error: unknown): string {
  const apiError = toApiError(error);
  if (apiError.issues.length === 0) return t(`errors.${apiError.code}`);
  return apiError.issues.map((issue) => describeRoIssue(t, issue)).join(' ');
}

/** The catalogue's money and hours, plus what only an RO shows: quantities, discount percentages, status names. */
export function useRoFormat() {
  const { t } = useTranslation();
  const catalog = useCatalogFormat();
  return {
    ...catalog,
    qty: (milli: number) => formatQuantity(milli),
    /** 1000 bp -> "10%", 1250 -> "12.5%" (bp × 10 is the percentage in thousandths). */
    percent: (bp: number) => t('ro.percent', { value: formatQuantity(bp * 10) }),
    status: (status: RepairOrderStatus) => t(`ro.statuses.${status}`),
  };
}
