import type { ColDef } from 'ag-grid-community';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { GridInput } from '../../../../shared/contract/paging';
import {
  RO_PAYERS,
  type MoneyRoColumn,
  type MoneyRoRowDto,
  type MoneyRosInput,
  type RoPayer,
} from '../../../../shared/contract/reports/money';
import { monthDays } from '../../../../shared/domain/kpi-months';
import { api } from '../../api/client';
import { DataGrid } from '../../ui/DataGrid';
import { formatDateTime } from '../../ui/format';
import type { Drill, Period } from './MoneyPeriod';
import { moneyFormat } from './money-format';

/** The period and slice a drill-down lists: a day or month row narrows the period, the others the lines. */
export function drillInput(period: Period, drill: Drill): Omit<MoneyRosInput, keyof GridInput> {
  switch (drill.kind) {
    case 'day':
      return { from: drill.key, to: drill.key };
    case 'month': {
      const month = monthDays(drill.key);
      return { from: month.from < period.from ? period.from : month.from, to: month.to > period.to ? period.to : month.to };
    }
    case 'payer':
      return { ...period, ...((RO_PAYERS as readonly string[]).includes(drill.key) ? { payer: drill.key as RoPayer } : {}) };
    case 'advisor':
      return { ...period, advisorId: Number(drill.key) };
    case 'technician':
      return { ...period, technicianId: Number(drill.key) };
    case 'group':
      return { ...period, partGroup: drill.key };
    case 'all':
      return period;
  }
}

/**
 * The ROs behind a figure of the money reports, latest delivery first, paged in SQL (reports.moneyRos): each with the
 * figure's part of it (a payer's jobs, a technician's labor, a part group's lines). A row opens its RO.
 */
export function MoneyRosGrid({
  period,
  drill,
  title,
  onClose,
}: {
  period: Period;
  drill: Drill;
  title: string;
  onClose?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { from, to } = period;
  const { kind, key: drillKey } = drill;
  const input = drillInput({ from, to }, { kind, key: drillKey });
  const key = JSON.stringify(input);
  const fetchPage = useCallback(
    (request: GridInput<MoneyRoColumn>) =>
      api.reports.moneyRos({ ...request, ...drillInput({ from, to }, { kind, key: drillKey }) }),
    [from, to, kind, drillKey],
  );
  const columns = useMemo<ColDef<MoneyRoRowDto>[]>(() => {
    const f = moneyFormat(t);
    const money = (p: { value?: number | null }) => (typeof p.value === 'number' ? f.money(p.value) : '');
    return [
      { colId: 'number', field: 'number', headerName: t('money.columns.ro'), flex: 1.3 },
      { colId: 'plate', field: 'plate', headerName: t('money.columns.plate'), flex: 0.9 },
      { colId: 'advisor', field: 'advisorName', headerName: t('money.columns.advisor'), flex: 0.9 },
      {
        colId: 'deliveredAt',
        field: 'deliveredAt',
        headerName: t('money.columns.delivered'),
        sortable: true,
        sort: 'desc',
        valueFormatter: (p) => formatDateTime(p.value ?? null),
        flex: 1.3,
      },
      {
        colId: 'labor',
        field: 'laborFen',
        headerName: t('money.columns.labor'),
        valueFormatter: money,
        flex: 1,
      },
      {
        colId: 'parts',
        field: 'partsFen',
        headerName: t('money.columns.parts'),
        valueFormatter: money,
        flex: 1,
      },
      {
        colId: 'total',
        field: 'totalFen',
        headerName: t('money.columns.total'),
        valueFormatter: money,
        flex: 1,
      },
      {
        colId: 'sold',
        field: 'soldMilli',
        headerName: t('money.columns.sold'),
        valueFormatter: (p) => (typeof p.value === 'number' ? f.hours(p.value) : ''),
        flex: 0.8,
      },
      {
        colId: 'partsCost',
        field: 'partsCostFen',
        headerName: t('money.columns.partsCost'),
        valueFormatter: money,
        flex: 1,
      },
      {
        colId: 'partsMargin',
        field: 'partsMarginFen',
        headerName: t('money.columns.partsMargin'),
        valueFormatter: money,
        flex: 1,
      },
    ];
    // Column titles and figures follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [i18n.language]);
  return (
    <section className="card money-drill" aria-label={t('money.drill.title', { name: title })} data-testid="money-drill">
      <div className="card-actions">
        <h2>{t('money.drill.title', { name: title })}</h2>
        {onClose ? (
          <button type="button" onClick={onClose}>
            {t('money.drill.close')}
          </button>
        ) : null}
      </div>
      <p className="small muted">{t('money.period.showing', input)}</p>
      <div style={{ height: 360, display: 'flex', flexDirection: 'column' }}>
        <DataGrid<MoneyRoRowDto, MoneyRoColumn>
          key={key}
          gridId="reports.moneyRos"
          label={t('money.drill.grid')}
          columns={columns}
          fetchPage={fetchPage}
          onRowClicked={(row) => void navigate(`/repair-orders/${row.repairOrderId}`)}
        />
      </div>
    </section>
  );
}
