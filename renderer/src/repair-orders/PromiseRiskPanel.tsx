import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatQuantity } from '../../../shared/domain/money';
import { orpc } from '../api/client';
import { formatDateTime } from '../ui/format';
import { ErrorBanner } from '../ui/widgets';

/**
 * The promise-time warning above the RO list: the ROs late or at risk of missing the time promised to the customer,
 * with why, and the rule itself in one paragraph. Read again every minute (time alone makes an RO late) and when
 * another desk changes an RO or a job (live updates of the repairOrders area).
 */
export function PromiseRiskPanel() {
  const { t } = useTranslation();
  const query = useQuery({ ...orpc.repairOrders.promiseRisks.queryOptions({ input: {} }), refetchInterval: 60_000 });
  if (query.error) return <ErrorBanner error={query.error} />;
  const flagged = (query.data ?? []).filter((row) => row.level !== 'on_track');
  return (
    <details className="promise-risk" open={flagged.length > 0}>
      <summary>
        {t('roList.risk.title')}{' '}
        <span className={flagged.length > 0 ? 'badge ro-late' : 'badge'} data-testid="promise-risk-count">
          {flagged.length}
        </span>
      </summary>
      <p className="muted small">{t('roList.risk.rule')}</p>
      {flagged.length === 0 ? (
        <p className="muted">{t('roList.risk.none')}</p>
      ) : (
        <table className="table" aria-label={t('roList.risk.title')}>
          <thead>
            <tr>
              <th>{t('roList.columns.number')}</th>
              <th>{t('roList.columns.plate')}</th>
              <th>{t('roList.columns.promisedAt')}</th>
              <th>{t('roList.risk.level')}</th>
              <th>{t('roList.risk.why')}</th>
            </tr>
          </thead>
          <tbody>
            {flagged.map((row) => (
              <tr key={row.id} className={`risk-${row.level}`}>
                <td>
                  <Link to={`/repair-orders/${row.id}`}>{row.number}</Link>
                </td>
                <td className="plate">{row.plate}</td>
                <td>{formatDateTime(row.promisedAt)}</td>
                <td>{t(`roList.risk.levels.${row.level}`)}</td>
                <td>
                  {row.reasons
                    .map((reason) =>
                      t(`roList.risk.reasons.${reason}`, {
                        left: formatQuantity(row.remainingMilli),
                        available: formatQuantity(row.availableMilli),
                      }),
                    )
                    .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
