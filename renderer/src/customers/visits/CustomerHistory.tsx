import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../../shared/contract';
import type {
  ComplaintGridColumn,
  CustomerComplaintRow,
  CustomerDeclinedRow,
  CustomerVisitRow,
  DeclinedGridColumn,
  VisitGridColumn,
  VisitState,
} from '../../../../shared/contract/customers/visits';
import type { GridInput } from '../../../../shared/contract/paging';
import { api } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { HistoryBadge } from '../../repair-orders/HistoryBadge';
import { useRoFormat } from '../../repair-orders/ro-format';
import { DataGrid } from '../../ui/DataGrid';
import { formatDate, formatDateTime, formatNumber } from '../../ui/format';
import { withKeysetPaging } from '../../ui/keyset-paging';
import { Section } from '../../ui/widgets';
import '../../repair-orders/repair-orders.css';
import './visits.css';

// Each list of the customer file grows with the years (a fleet customer has thousands of visits): each is a grid the
// core pages newest first along an index, by key after the block before (issue 13).

/** A link to an RO from a grid cell. */
function RoLink({ id, number }: { id: number; number: string }) {
  return (
    <Link to={`/repair-orders/${id}`} className="mono">
      {number}
    </Link>
  );
}

/** A cell's text in full on hover, for a column too narrow for it (a span's title: the grid has no tooltip module). */
function Titled(p: ICellRendererParams<unknown, string>) {
  return <span title={p.value ?? ''}>{p.value}</span>;
}

/** A figure, right-aligned (a renderer, not cellClass: the grid's CellStyle module is not registered). */
function Figure(p: ICellRendererParams<unknown, number>) {
  return <div className="num">{p.valueFormatted ?? ''}</div>;
}

function SurveyCell({ survey }: { survey: CustomerVisitRow['survey'] }) {
  const { t } = useTranslation();
  if (!survey) return <span className="muted">{t('visits.noSurvey')}</span>;
  const csi = survey.csi === null ? '—' : formatNumber(survey.csi);
  return (
    <span className={survey.dissatisfied ? 'survey-dissatisfied' : undefined} title={formatDateTime(survey.answeredAt)}>
      {survey.recommend === null
        ? t('visits.surveyCsiOnly', { csi })
        : t('visits.surveyScore', { csi, recommend: survey.recommend })}
      {survey.dissatisfied ? ` · ${t('visits.surveyDissatisfied')}` : null}
    </span>
  );
}

/** A section holding one history grid, of a fixed height inside the customer page. */
function HistorySection(props: { title: string; testId: string; children: ReactNode }) {
  return (
    <Section title={props.title}>
      <div className="history-grid" data-testid={props.testId}>
        {props.children}
      </div>
    </Section>
  );
}

function Visits({ customerId, state }: { customerId: number; state: VisitState }) {
  const { t, i18n } = useTranslation();
  const format = useRoFormat();
  const open = state === 'open';
  const fetchPage = useMemo(
    () =>
      withKeysetPaging((request: GridInput<VisitGridColumn> & { after?: string }) =>
        api.customers.visits({ ...request, customerId, state }),
      ),
    [customerId, state],
  );
  const columns = useMemo<ColDef<CustomerVisitRow>[]>(
    () => [
      {
        colId: 'number',
        field: 'number',
        headerName: t('visits.columns.number'),
        cellRenderer: (p: ICellRendererParams<CustomerVisitRow>) =>
          p.data ? (
            <>
              <RoLink {...p.data} />
              <HistoryBadge source={p.data.source} />
            </>
          ) : null,
        width: 160,
      },
      {
        colId: 'openedAt',
        field: 'openedAt',
        headerName: t('visits.columns.opened'),
        valueFormatter: (p) => (p.value ? formatDate(p.value as string) : ''),
        width: 120,
      },
      ...(open
        ? [
            {
              colId: 'promisedAt',
              field: 'promisedAt',
              headerName: t('visits.columns.promised'),
              valueFormatter: (p: { value?: string | null }) => (p.value ? formatDateTime(p.value) : '—'),
              width: 160,
            } satisfies ColDef<CustomerVisitRow>,
          ]
        : []),
      {
        colId: 'vehicle',
        headerName: t('visits.columns.vehicle'),
        cellRenderer: (p: ICellRendererParams<CustomerVisitRow>) =>
          p.data ? (
            <>
              <span className="plate">{p.data.vehicle.plate || '—'}</span>{' '}
              {p.data.mileageInKm !== null ? (
                <span className="muted">{t('vehicle.mileageKm', { km: formatNumber(p.data.mileageInKm) })}</span>
              ) : null}
            </>
          ) : null,
        width: 200,
      },
      {
        colId: 'concerns',
        headerName: t('visits.columns.concerns'),
        valueGetter: (p) =>
          p.data
            ? p.data.concerns.join('；') +
              (p.data.jobCount > p.data.concerns.length
                ? ` ${t('visits.moreConcerns', { count: p.data.jobCount - p.data.concerns.length })}`
                : '')
            : '',
        cellRenderer: Titled,
        flex: 2,
        minWidth: 200,
      },
      {
        colId: 'status',
        headerName: t('visits.columns.status'),
        cellRenderer: (p: ICellRendererParams<CustomerVisitRow>) =>
          p.data ? <span className={`badge ro-status ro-status-${p.data.status}`}>{format.status(p.data.status)}</span> : null,
        width: 130,
      },
      {
        colId: 'total',
        field: 'totalFen',
        headerName: t('visits.columns.total'),
        valueFormatter: (p) => (typeof p.value === 'number' ? format.money(p.value) : ''),
        cellRenderer: Figure,
        width: 120,
      },
      ...(open
        ? []
        : [
            {
              colId: 'survey',
              headerName: t('visits.columns.survey'),
              cellRenderer: (p: ICellRendererParams<CustomerVisitRow>) => (p.data ? <SurveyCell survey={p.data.survey} /> : null),
              width: 220,
            } satisfies ColDef<CustomerVisitRow>,
          ]),
    ],
    // Column titles and figures follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language, open],
  );
  const title = t(open ? 'visits.openTitle' : 'visits.pastTitle');
  return (
    <HistorySection title={title} testId={open ? 'customer-open-ros' : 'customer-visits'}>
      <DataGrid<CustomerVisitRow, VisitGridColumn>
        gridId={open ? 'customer-open-ros' : 'customer-visits'}
        label={title}
        emptyText={t(open ? 'visits.noOpen' : 'visits.noPast')}
        columns={columns}
        fetchPage={fetchPage}
        fitRows
        liveArea="repairOrders"
      />
    </HistorySection>
  );
}

function DeclinedWork({ customerId }: { customerId: number }) {
  const { t, i18n } = useTranslation();
  const format = useRoFormat();
  const fetchPage = useMemo(
    () =>
      withKeysetPaging((request: GridInput<DeclinedGridColumn> & { after?: string }) =>
        api.customers.declinedWork({ ...request, customerId }),
      ),
    [customerId],
  );
  const columns = useMemo<ColDef<CustomerDeclinedRow>[]>(
    () => [
      {
        colId: 'declinedAt',
        field: 'declinedAt',
        headerName: t('visits.columns.declinedOn'),
        valueFormatter: (p) => (p.value ? formatDate(p.value as string) : ''),
        width: 120,
      },
      {
        colId: 'concern',
        field: 'concern',
        headerName: t('visits.columns.concern'),
        cellRenderer: Titled,
        flex: 2,
        minWidth: 200,
      },
      {
        colId: 'vehicle',
        headerName: t('visits.columns.vehicle'),
        cellRenderer: (p: ICellRendererParams<CustomerDeclinedRow>) =>
          p.data ? <span className="plate">{p.data.vehicle.plate || '—'}</span> : null,
        width: 140,
      },
      {
        colId: 'number',
        headerName: t('visits.columns.number'),
        cellRenderer: (p: ICellRendererParams<CustomerDeclinedRow>) => (p.data ? <RoLink {...p.data.repairOrder} /> : null),
        width: 160,
      },
      {
        colId: 'total',
        field: 'totalFen',
        headerName: t('visits.columns.total'),
        valueFormatter: (p) => (typeof p.value === 'number' ? format.money(p.value) : ''),
        cellRenderer: Figure,
        width: 120,
      },
      {
        colId: 'status',
        field: 'status',
        headerName: t('visits.columns.status'),
        valueFormatter: (p) => (p.value ? t(`visits.declinedStatus.${p.value as string}`) : ''),
        width: 180,
      },
    ],
    // Column titles and figures follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
  return (
    <HistorySection title={t('visits.declinedTitle')} testId="customer-declined">
      <DataGrid<CustomerDeclinedRow, DeclinedGridColumn>
        gridId="customer-declined"
        label={t('visits.declinedTitle')}
        emptyText={t('visits.noDeclined')}
        columns={columns}
        fetchPage={fetchPage}
        fitRows
        liveArea="repairOrders"
      />
    </HistorySection>
  );
}

function Complaints({ customerId }: { customerId: number }) {
  const { t, i18n } = useTranslation();
  const fetchPage = useMemo(
    () =>
      withKeysetPaging((request: GridInput<ComplaintGridColumn> & { after?: string }) =>
        api.customers.complaints({ ...request, customerId }),
      ),
    [customerId],
  );
  const columns = useMemo<ColDef<CustomerComplaintRow>[]>(
    () => [
      {
        colId: 'number',
        field: 'number',
        headerName: t('visits.columns.complaint'),
        cellRenderer: (p: ICellRendererParams<CustomerComplaintRow>) =>
          p.data ? (
            <Link to={`/complaints/${p.data.id}`} className="mono">
              {p.data.number}
            </Link>
          ) : null,
        width: 170,
      },
      {
        colId: 'repairOrder',
        headerName: t('visits.columns.number'),
        cellRenderer: (p: ICellRendererParams<CustomerComplaintRow>) =>
          p.data?.repairOrder ? <RoLink {...p.data.repairOrder} /> : null,
        width: 160,
      },
      {
        colId: 'createdAt',
        field: 'createdAt',
        headerName: t('visits.columns.recorded'),
        valueFormatter: (p) => (p.value ? formatDateTime(p.value as string) : ''),
        width: 160,
      },
      {
        colId: 'level',
        field: 'level',
        headerName: t('visits.columns.level'),
        valueFormatter: (p) => (p.value ? t(`complaints.level.${p.value as string}`) : ''),
        width: 110,
      },
      {
        colId: 'customerSays',
        field: 'customerSays',
        headerName: t('visits.columns.customerSays'),
        cellRenderer: Titled,
        flex: 2,
        minWidth: 200,
      },
      {
        colId: 'status',
        field: 'status',
        headerName: t('visits.columns.status'),
        valueFormatter: (p) => (p.value ? t(`complaints.status.${p.value as string}`) : ''),
        width: 130,
      },
      {
        colId: 'nextStep',
        field: 'nextStep',
        headerName: t('visits.columns.nextStep'),
        valueFormatter: (p) => (p.value ? t(`complaints.step.${p.value as string}`) : '—'),
        width: 150,
      },
    ],
    // Column titles follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
  return (
    <HistorySection title={t('visits.complaintsTitle')} testId="customer-complaints">
      <DataGrid<CustomerComplaintRow, ComplaintGridColumn>
        gridId="customer-complaints"
        label={t('visits.complaintsTitle')}
        emptyText={t('visits.noComplaints')}
        columns={columns}
        fetchPage={fetchPage}
        fitRows
        liveArea="complaints"
      />
    </HistorySection>
  );
}

/** The customer file's history: open ROs, past visits with totals and survey scores, declined work, complaints. */
export function CustomerHistory({ customerId }: { customerId: number }) {
  const user = useUser();
  return (
    <>
      {canCall(user.role, contract.customers.visits) ? (
        <>
          <Visits customerId={customerId} state="open" />
          <Visits customerId={customerId} state="past" />
        </>
      ) : null}
      {canCall(user.role, contract.customers.declinedWork) ? <DeclinedWork customerId={customerId} /> : null}
      {canCall(user.role, contract.customers.complaints) ? <Complaints customerId={customerId} /> : null}
    </>
  );
}
