import { useQuery } from '@tanstack/react-query';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { contract } from '../../../shared/contract';
import type { ComplaintDto, ComplaintGridColumn } from '../../../shared/contract/complaints';
import type { GridInput } from '../../../shared/contract/paging';
import {
  COMPLAINT_LEVELS,
  COMPLAINT_SOURCES,
  COMPLAINT_STATUSES,
  type ComplaintLevel,
  type ComplaintSource,
  type ComplaintStatus,
} from '../../../shared/domain/complaints';
import { api, orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { DataGrid } from '../ui/DataGrid';
import { formatDateTime } from '../ui/format';
import { useUrlParams } from '../ui/use-url-params';
import { ErrorBanner } from '../ui/widgets';
import './complaints.css';

type Cell = ICellRendererParams<ComplaintDto>;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return (values as readonly (string | null)[]).includes(value) ? (value as T) : undefined;
}

/** The two-week closure rate, for those who may read it. */
function ClosureRate() {
  const { t, i18n } = useTranslation();
  const query = useQuery(orpc.complaints.closureRate.queryOptions({ input: {} }));
  const rate = query.data;
  return (
    <p data-testid="closure-rate">
      <strong>{t('complaints.closureRate')}</strong>{' '}
      {rate
        ? rate.rate === null
          ? t('complaints.closureRateNone')
          : t('complaints.closureRateValue', {
              rate: new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(rate.rate),
              closed: rate.closed,
              over: rate.openOverTwoWeeks,
              under: rate.openUnderTwoWeeks,
            })
        : null}
      <ErrorBanner error={query.error} />
    </p>
  );
}

/** The status, with the draft and overdue badges: drafts wait for the manager, overdue ones are late to answer. */
function StatusCell({ c }: { c: ComplaintDto }) {
  const { t } = useTranslation();
  return (
    <>
      {c.status === 'draft' ? (
        <span className="badge badge-draft">{t('complaints.draftBadge')}</span>
      ) : (
        t(`complaints.status.${c.status}`)
      )}
      {c.overdue ? (
        <>
          {' '}
          <span className="badge badge-overdue">{t('complaints.overdue')}</span>
        </>
      ) : null}
    </>
  );
}

function useColumns(): ColDef<ComplaintDto>[] {
  const { t, i18n } = useTranslation();
  return useMemo<ColDef<ComplaintDto>[]>(
    () => [
      {
        colId: 'number',
        headerName: t('complaints.columns.number'),
        cellRenderer: (p: Cell) =>
          p.data ? (
            <Link to={`/complaints/${p.data.id}`} className={p.data.overdue ? 'complaint-overdue-link' : undefined}>
              {p.data.number}
            </Link>
          ) : null,
        width: 160,
      },
      {
        colId: 'status',
        headerName: t('complaints.columns.status'),
        cellRenderer: (p: Cell) => (p.data ? <StatusCell c={p.data} /> : null),
        width: 170,
      },
      {
        colId: 'level',
        headerName: t('complaints.columns.level'),
        valueGetter: (p) => (p.data ? t(`complaints.level.${p.data.level}`) : ''),
        width: 150,
      },
      {
        colId: 'source',
        headerName: t('complaints.columns.source'),
        valueGetter: (p) => (p.data ? t(`complaints.source.${p.data.source}`) : ''),
        width: 120,
      },
      {
        colId: 'customer',
        headerName: t('complaints.columns.customer'),
        valueGetter: (p) => p.data?.customer.name ?? '',
        flex: 1,
      },
      { colId: 'plate', headerName: t('complaints.columns.plate'), valueGetter: (p) => p.data?.vehicle?.plate ?? '', width: 120 },
      {
        colId: 'against',
        headerName: t('complaints.columns.against'),
        valueGetter: (p) =>
          p.data
            ? `${t(`complaints.department.${p.data.againstDepartment}`)}${p.data.againstPerson ? ` · ${p.data.againstPerson.displayName}` : ''}`
            : '',
        flex: 1.2,
      },
      {
        colId: 'createdAt',
        headerName: t('complaints.columns.created'),
        valueGetter: (p) => (p.data ? formatDateTime(p.data.createdAt) : ''),
        sortable: true,
        width: 170,
      },
      {
        colId: 'due',
        headerName: t('complaints.columns.due'),
        valueGetter: (p) =>
          p.data ? (p.data.status === 'draft' ? t('complaints.notStarted') : formatDateTime(p.data.responseDueAt)) : '',
        width: 170,
      },
    ],
    // Column titles follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
}

/**
 * Every complaint, paged and filtered in SQL: drafts from dissatisfied surveys first (the manager's to-do), then open
 * ones with the overdue first, shown in red with the word "overdue". Filters live in the URL.
 */
export function ComplaintListScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useUrlParams();
  const status = oneOf<ComplaintStatus>(COMPLAINT_STATUSES, params.get('status'));
  const level = oneOf<ComplaintLevel>(COMPLAINT_LEVELS, params.get('level'));
  const source = oneOf<ComplaintSource>(COMPLAINT_SOURCES, params.get('source'));
  const overdueParam = params.get('overdue');
  const overdue = overdueParam === 'yes' ? true : overdueParam === 'no' ? false : undefined;
  const navigate = useNavigate();
  const columns = useColumns();
  const fetchPage = useMemo(
    () => (request: GridInput<ComplaintGridColumn>) =>
      api.complaints.grid({
        ...request,
        ...(status ? { status } : {}),
        ...(level ? { level } : {}),
        ...(source ? { source } : {}),
        ...(overdue !== undefined ? { overdue } : {}),
      }),
    [status, level, source, overdue],
  );
  const filter = (changes: Record<string, string | undefined>) => setParams(changes);
  return (
    <div className="page page-fill">
      <section className="card">
        <header className="card-header">
          <h1 className="card-title">{t('complaints.title')}</h1>
          <div className="card-actions">
            {canCall(user.role, contract.complaints.create) ? (
              <Link className="button primary" to="/complaints/new" data-testid="new-complaint">
                {t('complaints.newComplaint')}
              </Link>
            ) : null}
          </div>
        </header>
        {canCall(user.role, contract.complaints.closureRate) ? <ClosureRate /> : null}
        <div className="complaint-filters" role="group" aria-label={t('complaints.filters')}>
          <select aria-label={t('fields.status')} value={status ?? ''} onChange={(e) => filter({ status: e.target.value })}>
            <option value="">{t('complaints.allStatuses')}</option>
            {COMPLAINT_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`complaints.status.${value}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('fields.level')} value={level ?? ''} onChange={(e) => filter({ level: e.target.value })}>
            <option value="">{t('complaints.allLevels')}</option>
            {COMPLAINT_LEVELS.map((value) => (
              <option key={value} value={value}>
                {t(`complaints.level.${value}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('fields.source')} value={source ?? ''} onChange={(e) => filter({ source: e.target.value })}>
            <option value="">{t('complaints.allSources')}</option>
            {COMPLAINT_SOURCES.map((value) => (
              <option key={value} value={value}>
                {t(`complaints.source.${value}`)}
              </option>
            ))}
          </select>
          <select
            aria-label={t('fields.overdue')}
            value={overdueParam ?? ''}
            onChange={(e) => filter({ overdue: e.target.value })}
          >
            <option value="">{t('complaints.overdueFilter.all')}</option>
            <option value="yes">{t('complaints.overdueFilter.yes')}</option>
            <option value="no">{t('complaints.overdueFilter.no')}</option>
          </select>
        </div>
      </section>
      <DataGrid<ComplaintDto, ComplaintGridColumn>
        gridId="complaints"
        label={t('complaints.title')}
        emptyText={t('complaints.none')}
        columns={columns}
        fetchPage={fetchPage}
        liveArea="complaints"
        onRowClicked={(c) => void navigate(`/complaints/${c.id}`)}
      />
    </div>
  );
}
