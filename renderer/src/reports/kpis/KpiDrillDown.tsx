import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { KpiDrillKey, KpiDrillDownDto } from '../../../../shared/contract/reports/kpis';
import { orpc } from '../../api/client';
import { formatDateTime } from '../../ui/format';
import { Pager } from '../../ui/Pager';
import { ErrorBanner, Loading, Section } from '../../ui/widgets';
import { formatKpi } from './kpi-format';

const PAGE_SIZE = 20;

function Rows({ data, kpi }: { data: KpiDrillDownDto; kpi: KpiDrillKey }) {
  const { t } = useTranslation();
  const yesNo = (value: boolean) => (value ? t('kpis.drill.yes') : t('kpis.drill.no'));
  const label = t('kpis.drill.title', { name: t(`kpis.names.${kpi}`) });
  if (data.rows.length === 0) return <p className="muted">{t('kpis.drill.empty')}</p>;
  switch (data.kind) {
    case 'repairOrders':
      return (
        <table className="results" aria-label={label}>
          <thead>
            <tr>
              <th>{t('kpis.drill.ro')}</th>
              <th>{t('kpis.drill.plate')}</th>
              <th>{t('kpis.drill.customer')}</th>
              <th>{t('kpis.drill.advisor')}</th>
              <th>{t('kpis.drill.opened')}</th>
              <th>{t('kpis.drill.promised')}</th>
              <th>{t('kpis.drill.ready')}</th>
              <th>{t('kpis.drill.delivered')}</th>
              <th className="num">{t('kpis.drill.total')}</th>
              <th className="num">{t('kpis.drill.hours')}</th>
              <th>{kpi === 'onTimeDelivery' ? t('kpis.drill.onTime') : t('kpis.drill.fromAppointment')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.repairOrderId} className={row.onTime === false ? 'kpi-late' : undefined}>
                <td className="mono">
                  <Link to={`/repair-orders/${row.repairOrderId}`}>{row.repairOrderNumber}</Link>
                </td>
                <td className="mono">{row.plate}</td>
                <td>{row.customerName}</td>
                <td>{row.advisorName}</td>
                <td>{formatDateTime(row.openedAt)}</td>
                <td>{formatDateTime(row.promisedAt)}</td>
                <td>{formatDateTime(row.readyAt)}</td>
                <td>{formatDateTime(row.deliveredAt)}</td>
                <td className="num">{formatKpi(t, 'fen', row.totalFen)}</td>
                <td className="num">{formatKpi(t, 'hoursMilli', row.soldMilli)}</td>
                <td>
                  {kpi === 'onTimeDelivery'
                    ? row.onTime
                      ? t('kpis.drill.onTime')
                      : t('kpis.drill.late')
                    : yesNo(row.fromAppointment)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'surveys':
      return (
        <table className="results" aria-label={label}>
          <thead>
            <tr>
              <th>{t('kpis.drill.answered')}</th>
              <th>{t('kpis.drill.ro')}</th>
              <th>{t('kpis.drill.plate')}</th>
              <th>{t('kpis.drill.customer')}</th>
              <th>{t('kpis.drill.advisor')}</th>
              <th>{t('kpis.drill.agent')}</th>
              <th>{t('kpis.drill.dissatisfied')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.id}>
                <td>{formatDateTime(row.answeredAt)}</td>
                <td className="mono">
                  <Link to={`/repair-orders/${row.repairOrder.id}`}>{row.repairOrder.number}</Link>
                </td>
                <td className="mono">{row.plate}</td>
                <td>{row.customer.name}</td>
                <td>{row.advisor.displayName}</td>
                <td>{row.agent.displayName}</td>
                <td>{yesNo(row.dissatisfied)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'complaints':
      return (
        <table className="results" aria-label={label}>
          <thead>
            <tr>
              <th>{t('kpis.drill.complaint')}</th>
              <th>{t('kpis.drill.level')}</th>
              <th>{t('kpis.drill.status')}</th>
              <th>{t('kpis.drill.customer')}</th>
              <th>{t('kpis.drill.ro')}</th>
              <th>{t('kpis.drill.created')}</th>
              <th>{t('kpis.drill.responseDue')}</th>
              <th>{t('kpis.drill.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.id} className={row.overdue ? 'kpi-late' : undefined}>
                <td className="mono">{row.number}</td>
                <td>{t(`complaints.level.${row.level}`)}</td>
                <td>{t(`complaints.status.${row.status}`)}</td>
                <td>{row.customerName}</td>
                <td className="mono">
                  {row.repairOrder ? <Link to={`/repair-orders/${row.repairOrder.id}`}>{row.repairOrder.number}</Link> : null}
                </td>
                <td>{formatDateTime(row.createdAt)}</td>
                <td>{formatDateTime(row.responseDueAt)}</td>
                <td>{yesNo(row.overdue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

/** The ROs, surveys or complaints behind one figure of the dashboard, paged in the core. */
export function KpiDrillDown(props: {
  kpi: KpiDrillKey;
  period: { from: string; to: string };
  offset: number;
  onOffset: (offset: number) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const query = useQuery(
    orpc.reports.kpiDrillDown.queryOptions({
      input: { ...props.period, kpi: props.kpi, offset: props.offset, limit: PAGE_SIZE },
    }),
  );
  return (
    <Section
      title={t('kpis.drill.title', { name: t(`kpis.names.${props.kpi}`) })}
      actions={
        <button type="button" onClick={props.onClose}>
          {t('kpis.drill.close')}
        </button>
      }
    >
      {query.isPending ? <Loading /> : null}
      <ErrorBanner error={query.error} />
      {query.data ? <Rows data={query.data} kpi={props.kpi} /> : null}
      <Pager offset={props.offset} pageSize={PAGE_SIZE} hasMore={query.data?.hasMore} onOffset={props.onOffset} />
    </Section>
  );
}
