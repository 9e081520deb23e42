import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GridInput } from '../../../shared/contract/paging';
import type { RadarGridColumn, VehicleRiskDto } from '../../../shared/contract/warranty-risk';
import { api } from '../api/client';
import { DataGrid } from '../ui/DataGrid';
import { formatDate } from '../ui/format';
import { useUrlParams } from '../ui/use-url-params';
import { loanerOwedOn, signalText } from './signal-text';
import { contract } from '../../../shared/contract';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import './warranty-risk.css';
import { ReportsTabs } from '../reports/ReportsTabs';

type Cell = ICellRendererParams<VehicleRiskDto>;

/**
 * The manager's 三包 radar: vehicles inside their period with a signal, worst first (a grid paged in the core; the
 * order is the rule's, so no column sorts), each with its signals in words and links to the vehicle and the ROs; the
 * rule itself above the list.
 */
export function WarrantyRadarScreen() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useUrlParams();
  const mayLend = canCall(useUser().role, contract.loaners.lend);
  const reachedOnly = params.get('reached') === '1';
  const fetchPage = useMemo(
    () => (request: GridInput<RadarGridColumn>) =>
      api.warrantyRisk.grid({ startRow: request.startRow, endRow: request.endRow, reachedOnly }),
    [reachedOnly],
  );
  const columns = useMemo<ColDef<VehicleRiskDto>[]>(
    () => [
      {
        colId: 'vehicle',
        headerName: t('warrantyRisk.columns.vehicle'),
        cellRenderer: (p: Cell) =>
          p.data ? (
            <Link to={`/vehicles/${p.data.vehicleId}`}>
              <span className="plate">{p.data.plate || '—'}</span> {p.data.makeModel}
            </Link>
          ) : null,
        flex: 1.3,
      },
      { colId: 'vin', headerName: t('fields.vin'), valueGetter: (p) => p.data?.vin ?? '', width: 190 },
      {
        colId: 'level',
        headerName: t('warrantyRisk.columns.level'),
        cellRenderer: (p: Cell) =>
          p.data?.level ? (
            <span className={`badge warranty-badge-${p.data.level}`}>{t(`warrantyRisk.levels.${p.data.level}`)}</span>
          ) : null,
        width: 120,
      },
      {
        colId: 'signals',
        headerName: t('warrantyRisk.columns.signals'),
        valueGetter: (p) => (p.data ? p.data.signals.map((signal) => signalText(t, signal, p.data!)).join('; ') : ''),
        flex: 2.5,
      },
      {
        colId: 'repairOrders',
        headerName: t('warrantyRisk.repairOrders'),
        cellRenderer: (p: Cell) =>
          p.data ? (
            <span className="warranty-radar-ros">
              {p.data.repairOrders.map((ro) => (
                <Link key={ro.id} className="mono" to={`/repair-orders/${ro.id}`}>
                  {ro.number}
                </Link>
              ))}
              {mayLend
                ? p.data.signals.map(loanerOwedOn).map((roId) =>
                    roId === undefined ? null : (
                      <Link key={`loaner-${roId}`} to={`/loaners/lend/${roId}`} title={t('loaners.offerHint')}>
                        {t('loaners.offer')}
                      </Link>
                    ),
                  )
                : null}
            </span>
          ) : null,
        flex: 1.5,
      },
      {
        colId: 'periodEnd',
        headerName: t('warrantyRisk.columns.periodEnd'),
        valueGetter: (p) => (p.data ? (p.data.period ? formatDate(p.data.period.end) : '—') : ''),
        width: 130,
      },
    ],
    // Column titles and signal texts follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language, mayLend],
  );
  return (
    <div className="page page-fill">
      <ReportsTabs />
      <section className="card">
        <header className="card-header">
          <h1 className="card-title">{t('warrantyRisk.title')}</h1>
        </header>
        <p className="muted small">{t('warrantyRisk.rule')}</p>
        <label className="inline">
          <input
            type="checkbox"
            checked={reachedOnly}
            onChange={(event) => setParams({ reached: event.target.checked ? '1' : undefined })}
          />{' '}
          {t('warrantyRisk.reachedOnly')}
        </label>
      </section>
      <DataGrid<VehicleRiskDto, RadarGridColumn>
        gridId="warrantyRadar"
        label={t('warrantyRisk.title')}
        emptyText={t('warrantyRisk.none')}
        columns={columns}
        fetchPage={fetchPage}
      />
    </div>
  );
}
