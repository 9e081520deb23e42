import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SurveyResponseRowDto } from '../../../../shared/contract/followup/surveys';
import type { GridInput, Page } from '../../../../shared/contract/paging';
import {
  KPI_DRILL_KINDS,
  type KpiComplaintRowDto,
  type KpiDrillDownDto,
  type KpiDrillGridColumn,
  type KpiDrillKey,
  type KpiRoRowDto,
} from '../../../../shared/contract/reports/kpis';
import { api } from '../../api/client';
import { DataGrid } from '../../ui/DataGrid';
import { formatDateTime } from '../../ui/format';
import { Section } from '../../ui/widgets';
import { formatKpi } from './kpi-format';

type Kind = KpiDrillDownDto['kind'];
type RowOf<K extends Kind> = Extract<KpiDrillDownDto, { kind: K }>['rows'][number];
type T = ReturnType<typeof useTranslation>['t'];

/** A word that marks a row the figure counts against (late, overdue): red, as the late rows were. */
function Flag({ on, yes, no }: { on: boolean; yes: string; no: string }) {
  return on ? <span className="badge kpi-flag">{yes}</span> : <>{no}</>;
}

function roColumns(t: T, kpi: KpiDrillKey): ColDef<KpiRoRowDto>[] {
  const yesNo = (value: boolean) => (value ? t('kpis.drill.yes') : t('kpis.drill.no'));
  return [
    {
      colId: 'ro',
      headerName: t('kpis.drill.ro'),
      cellRenderer: (p: ICellRendererParams<KpiRoRowDto>) =>
        p.data ? <Link to={`/repair-orders/${p.data.repairOrderId}`}>{p.data.repairOrderNumber}</Link> : null,
      width: 150,
    },
    { colId: 'plate', headerName: t('kpis.drill.plate'), valueGetter: (p) => p.data?.plate ?? '', width: 110 },
    {
      colId: 'customer',
      headerName: t('kpis.drill.customer'),
      valueGetter: (p) => p.data?.customerName ?? '',
      flex: 1,
      minWidth: 110,
    },
    { colId: 'advisor', headerName: t('kpis.drill.advisor'), valueGetter: (p) => p.data?.advisorName ?? '', width: 110 },
    {
      colId: 'opened',
      headerName: t('kpis.drill.opened'),
      valueGetter: (p) => (p.data ? formatDateTime(p.data.openedAt) : ''),
      width: 160,
    },
    {
      colId: 'promised',
      headerName: t('kpis.drill.promised'),
      valueGetter: (p) => (p.data ? formatDateTime(p.data.promisedAt) : ''),
      width: 160,
    },
    {
      colId: 'ready',
      headerName: t('kpis.drill.ready'),
      valueGetter: (p) => (p.data ? formatDateTime(p.data.readyAt) : ''),
      width: 160,
    },
    {
      colId: 'delivered',
      headerName: t('kpis.drill.delivered'),
      valueGetter: (p) => (p.data ? formatDateTime(p.data.deliveredAt) : ''),
      width: 160,
    },
    {
      colId: 'total',
      headerName: t('kpis.drill.total'),
      valueGetter: (p) => (p.data ? formatKpi(t, 'fen', p.data.totalFen) : ''),
      width: 120,
    },
    {
      colId: 'hours',
      headerName: t('kpis.drill.hours'),
      valueGetter: (p) => (p.data ? formatKpi(t, 'hoursMilli', p.data.soldMilli) : ''),
      width: 110,
    },
    kpi === 'onTimeDelivery'
      ? {
          colId: 'onTime',
          headerName: t('kpis.drill.onTime'),
          cellRenderer: (p: ICellRendererParams<KpiRoRowDto>) =>
            p.data ? <Flag on={p.data.onTime === false} yes={t('kpis.drill.late')} no={t('kpis.drill.onTime')} /> : null,
          width: 110,
        }
      : {
          colId: 'fromAppointment',
          headerName: t('kpis.drill.fromAppointment'),
          valueGetter: (p) => (p.data ? yesNo(p.data.fromAppointment) : ''),
          width: 130,
        },
  ];
}

function surveyColumns(t: T): ColDef<SurveyResponseRowDto>[] {
  return [
    {
      colId: 'answered',
      headerName: t('kpis.drill.answered'),
      valueGetter: (p) => (p.data ? formatDateTime(p.data.answeredAt) : ''),
      width: 160,
    },
    {
      colId: 'ro',
      headerName: t('kpis.drill.ro'),
      cellRenderer: (p: ICellRendererParams<SurveyResponseRowDto>) =>
        p.data ? <Link to={`/repair-orders/${p.data.repairOrder.id}`}>{p.data.repairOrder.number}</Link> : null,
      width: 150,
    },
    { colId: 'plate', headerName: t('kpis.drill.plate'), valueGetter: (p) => p.data?.plate ?? '', width: 110 },
    {
      colId: 'customer',
      headerName: t('kpis.drill.customer'),
      valueGetter: (p) => p.data?.customer.name ?? '',
      flex: 1,
      minWidth: 110,
    },
    { colId: 'advisor', headerName: t('kpis.drill.advisor'), valueGetter: (p) => p.data?.advisor.displayName ?? '', width: 120 },
    { colId: 'agent', headerName: t('kpis.drill.agent'), valueGetter: (p) => p.data?.agent.displayName ?? '', width: 120 },
    {
      colId: 'dissatisfied',
      headerName: t('kpis.drill.dissatisfied'),
      cellRenderer: (p: ICellRendererParams<SurveyResponseRowDto>) =>
        p.data ? <Flag on={p.data.dissatisfied} yes={t('kpis.drill.yes')} no={t('kpis.drill.no')} /> : null,
      width: 130,
    },
  ];
}

function complaintColumns(t: T): ColDef<KpiComplaintRowDto>[] {
  return [
    {
      colId: 'complaint',
      headerName: t('kpis.drill.complaint'),
      cellRenderer: (p: ICellRendererParams<KpiComplaintRowDto>) =>
        p.data ? <Link to={`/complaints/${p.data.id}`}>{p.data.number}</Link> : null,
      width: 160,
    },
    {
      colId: 'level',
      headerName: t('kpis.drill.level'),
      valueGetter: (p) => (p.data ? t(`complaints.level.${p.data.level}`) : ''),
      width: 110,
    },
    {
      colId: 'status',
      headerName: t('kpis.drill.status'),
      valueGetter: (p) => (p.data ? t(`complaints.status.${p.data.status}`) : ''),
      width: 130,
    },
    {
      colId: 'customer',
      headerName: t('kpis.drill.customer'),
      valueGetter: (p) => p.data?.customerName ?? '',
      flex: 1,
      minWidth: 110,
    },
    {
      colId: 'ro',
      headerName: t('kpis.drill.ro'),
      cellRenderer: (p: ICellRendererParams<KpiComplaintRowDto>) =>
        p.data?.repairOrder ? <Link to={`/repair-orders/${p.data.repairOrder.id}`}>{p.data.repairOrder.number}</Link> : null,
      width: 150,
    },
    {
      colId: 'created',
      headerName: t('kpis.drill.created'),
      valueGetter: (p) => (p.data ? formatDateTime(p.data.createdAt) : ''),
      width: 160,
    },
    {
      colId: 'responseDue',
      headerName: t('kpis.drill.responseDue'),
      valueGetter: (p) => (p.data ? formatDateTime(p.data.responseDueAt) : ''),
      width: 160,
    },
    {
      colId: 'overdue',
      headerName: t('kpis.drill.overdue'),
      cellRenderer: (p: ICellRendererParams<KpiComplaintRowDto>) =>
        p.data ? <Flag on={p.data.overdue} yes={t('kpis.drill.yes')} no={t('kpis.drill.no')} /> : null,
      width: 110,
    },
  ];
}

/** One figure's grid: its rows read a block at a time from reports.kpiDrillGrid. */
function DrillGrid<K extends Kind>(props: {
  kind: K;
  kpi: KpiDrillKey;
  period: { from: string; to: string };
  columns: ColDef<RowOf<K>>[];
  label: string;
}) {
  const { t } = useTranslation();
  const { kind, kpi } = props;
  const { from, to } = props.period;
  const fetchPage = useMemo(
    () =>
      async (request: GridInput<KpiDrillGridColumn>): Promise<Page<RowOf<K>>> => {
        const page = await api.reports.kpiDrillGrid({ startRow: request.startRow, endRow: request.endRow, from, to, kpi });
        // The figure names the kind of its rows (KPI_DRILL_KINDS): what came back is this grid's rows.
        if (page.kind !== kind) throw new Error(`kpiDrillGrid: ${page.kind} rows for a ${kind} grid`);
        return { rows: page.rows as RowOf<K>[], hasMore: page.hasMore };
      },
    [kind, kpi, from, to],
  );
  return (
    <DataGrid<RowOf<K>, KpiDrillGridColumn>
      gridId={`kpiDrill.${kind}`}
      label={props.label}
      emptyText={t('kpis.drill.empty')}
      columns={props.columns}
      fetchPage={fetchPage}
    />
  );
}

/** The ROs, surveys or complaints behind one figure of the dashboard: a grid paged in the core. */
export function KpiDrillDown(props: { kpi: KpiDrillKey; period: { from: string; to: string }; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { kpi, period } = props;
  const label = t('kpis.drill.title', { name: t(`kpis.names.${kpi}`) });
  const kind = KPI_DRILL_KINDS[kpi];
  const grid = useMemo(() => {
    switch (kind) {
      case 'repairOrders':
        return <DrillGrid kind={kind} kpi={kpi} period={period} columns={roColumns(t, kpi)} label={label} />;
      case 'surveys':
        return <DrillGrid kind={kind} kpi={kpi} period={period} columns={surveyColumns(t)} label={label} />;
      case 'complaints':
        return <DrillGrid kind={kind} kpi={kpi} period={period} columns={complaintColumns(t)} label={label} />;
    }
    // Column titles follow the language; the grid reads again for another figure or period.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, kpi, period.from, period.to, i18n.language]);
  return (
    <Section
      title={label}
      actions={
        <button type="button" onClick={props.onClose}>
          {t('kpis.drill.close')}
        </button>
      }
    >
      <div className="kpi-drill">{grid}</div>
    </Section>
  );
}
