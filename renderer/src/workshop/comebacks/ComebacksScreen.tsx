import { useQuery } from '@tanstack/react-query';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../../shared/contract';
import type { ComebackDto, ComebackGridColumn } from '../../../../shared/contract/workshop/comebacks';
import type { GridInput } from '../../../../shared/contract/paging';
import { COMEBACK_STATUSES, type ComebackStatus } from '../../../../shared/domain/first-time-fix';
import { api, orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { DataGrid } from '../../ui/DataGrid';
import { formatDate } from '../../ui/format';
import { ComebackPanel, ComebackStatusBadge } from './ComebackPanel';
import '../../reports/reports.css';
import { StatusFilter } from '../../ui/StatusFilter';

type Cell = ICellRendererParams<ComebackDto>;

function useColumns(): ColDef<ComebackDto>[] {
  const { t, i18n } = useTranslation();
  return useMemo<ColDef<ComebackDto>[]>(
    () => [
      {
        colId: 'status',
        headerName: t('reports.comebacks.columns.status'),
        cellRenderer: (p: Cell) => (p.data ? <ComebackStatusBadge comeback={p.data} /> : null),
        width: 150,
      },
      { colId: 'plate', headerName: t('reports.comebacks.columns.plate'), valueGetter: (p) => p.data?.plate ?? '', width: 120 },
      {
        colId: 'group',
        headerName: t('reports.comebacks.columns.group'),
        valueGetter: (p) => (p.data ? t(`catalog.groups.${p.data.concernGroup}`) : ''),
        width: 130,
      },
      {
        colId: 'earlier',
        headerName: t('reports.comebacks.columns.earlier'),
        cellRenderer: (p: Cell) =>
          p.data ? (
            <>
              <Link to={`/repair-orders/${p.data.earlier.repairOrderId}`}>{p.data.earlier.repairOrderNumber}</Link>{' '}
              <span className="small muted">{formatDate(p.data.earlier.deliveredAt)}</span>
            </>
          ) : null,
        width: 210,
      },
      {
        colId: 'technician',
        headerName: t('reports.comebacks.columns.technician'),
        valueGetter: (p) => p.data?.earlier.technicianName ?? '',
        width: 120,
      },
      {
        colId: 'later',
        headerName: t('reports.comebacks.columns.later'),
        cellRenderer: (p: Cell) =>
          p.data ? (
            <>
              <Link to={`/repair-orders/${p.data.later.repairOrderId}`}>{p.data.later.repairOrderNumber}</Link>{' '}
              <span className="small muted">{formatDate(p.data.later.openedAt)}</span>
            </>
          ) : null,
        width: 210,
      },
      {
        colId: 'concern',
        headerName: t('reports.comebacks.columns.concern'),
        valueGetter: (p) => p.data?.later.concern ?? '',
        flex: 1,
        minWidth: 140,
      },
      {
        colId: 'after',
        headerName: t('reports.comebacks.columns.after'),
        valueGetter: (p) =>
          p.data
            ? p.data.kmAfter === null
              ? t('reports.comebacks.afterDays', { days: p.data.daysAfter })
              : t('reports.comebacks.afterValue', { days: p.data.daysAfter, km: p.data.kmAfter })
            : '',
        width: 170,
      },
    ],
    // Column titles follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
}

/**
 * Comebacks for the foreman: a grid in the list's order (suspected first, then the latest found first, paged in the
 * core), and beside it the picked one with both ROs: confirm with a root cause or dismiss with a reason.
 */
export function ComebacksScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const [status, setStatus] = useState<ComebackStatus | ''>('');
  const [picked, setPicked] = useState<ComebackDto | null>(null);
  // A decision made here reads the grid again (its row moves out of the suspected ones).
  const [reads, setReads] = useState(0);
  const window = useQuery(orpc.workshop.comebackWindow.queryOptions({ input: {} }));
  const mayDecide = canCall(user.role, contract.workshop.decideComeback);
  const columns = useColumns();
  const fetchPage = useMemo(
    () => (request: GridInput<ComebackGridColumn>) =>
      api.workshop.comebacksGrid({
        startRow: request.startRow,
        endRow: request.endRow,
        ...(status ? { status } : {}),
      }),
    // A new source after each decision: the grid reads its pages again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [status, reads],
  );
  return (
    <div className="page page-fill">
      <section className="card">
        <header className="card-header">
          <h1 className="card-title">{t('reports.comebacks.title')}</h1>
          <div className="card-actions">
            <StatusFilter<ComebackStatus>
              label={t('reports.comebacks.status')}
              allLabel={t('reports.comebacks.allStatuses')}
              value={status}
              statuses={COMEBACK_STATUSES}
              statusLabel={(value) => t(`reports.comebacks.statuses.${value}`)}
              onChange={(value) => {
                setStatus(value);
                setPicked(null);
              }}
            />
          </div>
        </header>
        {window.data ? (
          <p className="muted small">{t('reports.comebacks.hint', { days: window.data.days, km: window.data.km })}</p>
        ) : null}
      </section>
      <div className="comebacks-body">
        <DataGrid<ComebackDto, ComebackGridColumn>
          gridId="comebacks"
          label={t('reports.comebacks.title')}
          emptyText={t('reports.comebacks.empty')}
          columns={columns}
          fetchPage={fetchPage}
          liveArea="workshop"
          onRowClicked={setPicked}
        />
        {picked ? (
          <ComebackPanel
            key={picked.id}
            comeback={picked}
            mayDecide={mayDecide}
            onDecided={(decided) => {
              setPicked(decided);
              setReads((n) => n + 1);
            }}
          />
        ) : (
          <p className="card comeback-panel muted">{t('reports.comebacks.pick')}</p>
        )}
      </div>
    </div>
  );
}
