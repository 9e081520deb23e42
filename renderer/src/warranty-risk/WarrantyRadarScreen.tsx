import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { orpc } from '../api/client';
import { formatDate } from '../ui/format';
import { Pager } from '../ui/Pager';
import { useUrlParams } from '../ui/use-url-params';
import { ErrorBanner, Loading, Section } from '../ui/widgets';
import { signalText } from './signal-text';
import './warranty-risk.css';
import { ReportsTabs } from '../reports/ReportsTabs';

const PAGE = 20;

/**
 * The manager's 三包 radar: vehicles inside their period with a signal, worst first (paged in the core), each with its
 * signals in words and links to the vehicle and the ROs; the rule itself above the list.
 */
export function WarrantyRadarScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useUrlParams();
  const offset = Number(params.get('offset') ?? 0) || 0;
  const reachedOnly = params.get('reached') === '1';
  const query = useQuery({
    ...orpc.warrantyRisk.radar.queryOptions({ input: { offset, limit: PAGE, reachedOnly } }),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="page">
      <ReportsTabs />
      <Section page title={t('warrantyRisk.title')}>
        <p className="muted small">{t('warrantyRisk.rule')}</p>
        <label className="inline">
          <input
            type="checkbox"
            checked={reachedOnly}
            onChange={(event) => setParams({ reached: event.target.checked ? '1' : undefined, offset: undefined })}
          />{' '}
          {t('warrantyRisk.reachedOnly')}
        </label>
        {query.error ? <ErrorBanner error={query.error} /> : null}
        {query.isPending ? <Loading /> : null}
        {query.data && query.data.rows.length === 0 ? <p className="muted">{t('warrantyRisk.none')}</p> : null}
        {query.data && query.data.rows.length > 0 ? (
          <table className="results warranty-radar" aria-label={t('warrantyRisk.title')}>
            <thead>
              <tr>
                <th>{t('warrantyRisk.columns.vehicle')}</th>
                <th>{t('warrantyRisk.columns.level')}</th>
                <th>{t('warrantyRisk.columns.signals')}</th>
                <th>{t('warrantyRisk.repairOrders')}</th>
                <th>{t('warrantyRisk.columns.periodEnd')}</th>
              </tr>
            </thead>
            <tbody>
              {query.data.rows.map((risk) => (
                <tr key={risk.vehicleId} data-testid="warranty-radar-row">
                  <td>
                    <Link to={`/vehicles/${risk.vehicleId}`}>
                      <span className="plate">{risk.plate || '—'}</span> {risk.makeModel}
                    </Link>
                    <div className="mono muted small">{risk.vin}</div>
                  </td>
                  <td>
                    {risk.level ? (
                      <span className={`badge warranty-badge-${risk.level}`}>{t(`warrantyRisk.levels.${risk.level}`)}</span>
                    ) : null}
                  </td>
                  <td>
                    <ul className="plain">
                      {risk.signals.map((signal, index) => (
                        <li key={`${signal.kind}-${index}`}>{signalText(t, signal, risk)}</li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {risk.repairOrders.map((ro) => (
                      <div key={ro.id}>
                        <Link className="mono" to={`/repair-orders/${ro.id}`}>
                          {ro.number}
                        </Link>
                      </div>
                    ))}
                  </td>
                  <td>{risk.period ? formatDate(risk.period.end) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <Pager
          offset={offset}
          pageSize={PAGE}
          hasMore={query.data?.hasMore}
          onOffset={(next) => setParams({ offset: next > 0 ? String(next) : undefined })}
        />
      </Section>
    </div>
  );
}
