import { useTranslation } from 'react-i18next';
import type { RoSource } from '../../../shared/domain/repair-order-status';
import './repair-orders.css';

/**
 * "History" next to the number of an RO imported from the previous DMS (issue 18): a past visit kept for the record,
 * numbered by the old system ("H-…"), that nobody works on here. Nothing for an RO written at the desk.
 */
export function HistoryBadge({ source }: { source: RoSource }) {
  const { t } = useTranslation();
  if (source !== 'import') return null;
  return (
    <span className="badge ro-history-badge" title={t('ro.imported.title')} data-testid="ro-history-badge">
      {t('ro.imported.badge')}
    </span>
  );
}
