import { useTranslation } from 'react-i18next';
import type { LineSupplyDto } from '../../../shared/contract/parts/part-supply';
import { wallClock } from '../../../shared/domain/desk-time';
import { formatQuantity } from '../../../shared/domain/money';

/** "11-26": the month and day on the desk's calendar of an expected arrival. */
function monthDay(iso: string): string {
  return wallClock(new Date(iso)).day.slice(5);
}

/**
 * A part line's supply next to it on the RO: what the shelf holds for it, what is still to order (and when it is
 * expected), what the technician has; "non-stock" for a part typed in free text.
 */
export function PartSupplyBadge({ supply }: { supply: LineSupplyDto }) {
  const { t } = useTranslation();
  if (supply.state === 'non_stock') {
    return (
      <span className="badge part-supply part-supply-non_stock" data-testid="part-supply">
        {t('partSupply.badge.nonStock')}
      </span>
    );
  }
  const parts: string[] = [];
  if (supply.toOrderMilli > 0) {
    parts.push(t('partSupply.badge.toOrder', { qty: formatQuantity(supply.toOrderMilli) }));
    if (supply.expectedAt) parts.push(t('partSupply.badge.expected', { date: monthDay(supply.expectedAt) }));
  }
  if (supply.reservedMilli > 0) parts.push(t('partSupply.badge.reserved', { qty: formatQuantity(supply.reservedMilli) }));
  if (supply.issuedMilli > 0) parts.push(t('partSupply.badge.issued', { qty: formatQuantity(supply.issuedMilli) }));
  // Everything came back (or the line was released): nothing to say.
  if (parts.length === 0) return null;
  return (
    <span className={`badge part-supply part-supply-${supply.state}`} data-testid="part-supply">
      {parts.join(' · ')}
    </span>
  );
}
