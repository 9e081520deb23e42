import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { contract } from '../../../shared/contract';
import {
  QUEUE_DUE,
  type FollowupGridColumn,
  type FollowupTaskRow,
  type LetterRow,
  type QueueDue,
} from '../../../shared/contract/followup';
import type { GridInput } from '../../../shared/contract/paging';
import { FOLLOWUP_KINDS, type FollowupKind } from '../../../shared/domain/followup';
import { api, orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { DataGrid } from '../ui/DataGrid';
import { useUrlParams } from '../ui/use-url-params';
import { ErrorBanner } from '../ui/widgets';
import './followup.css';

function isDue(value: string | null): value is QueueDue {
  return (QUEUE_DUE as readonly string[]).includes(value ?? '');
}

function isKind(value: string | null): value is FollowupKind {
  return (FOLLOWUP_KINDS as readonly string[]).includes(value ?? '');
}

type Cell<Row> = ICellRendererParams<Row>;

/** The columns both lists share: due day, kind, customer and phone, plate, RO, advisor, attempts. */
function useTaskColumns<Row extends FollowupTaskRow>(): ColDef<Row>[] {
  const { t, i18n } = useTranslation();
  return useMemo<ColDef<Row>[]>(
    () => [
      {
        colId: 'dueDay',
        valueGetter: (p) => p.data?.dueDay,
        headerName: t('followup.columns.dueDay'),
        sortable: true,
        width: 130,
      },
      {
        colId: 'kind',
        headerName: t('followup.columns.kind'),
        valueGetter: (p) =>
          p.data
            ? [t(`followup.kinds.${p.data.kind}`), p.data.dueReason ? t(`followup.dueReasons.${p.data.dueReason}`) : '']
                .filter(Boolean)
                .join(' · ')
            : '',
        flex: 1.4,
      },
      {
        colId: 'customer',
        headerName: t('followup.columns.customer'),
        valueGetter: (p) => p.data?.customer.name ?? '',
        flex: 1.2,
      },
      { colId: 'phone', headerName: t('followup.columns.phone'), valueGetter: (p) => p.data?.phone ?? '', width: 140 },
      { colId: 'plate', headerName: t('followup.columns.plate'), valueGetter: (p) => p.data?.vehicle.plate ?? '', width: 120 },
      {
        colId: 'ro',
        headerName: t('followup.columns.ro'),
        cellRenderer: (p: Cell<Row>) =>
          p.data?.repairOrder ? <Link to={`/repair-orders/${p.data.repairOrder.id}`}>{p.data.repairOrder.number}</Link> : null,
        width: 170,
      },
      {
        colId: 'advisor',
        headerName: t('followup.columns.advisor'),
        valueGetter: (p) => p.data?.advisor?.displayName ?? '',
        flex: 1,
      },
      {
        colId: 'attempts',
        headerName: t('followup.columns.attempts'),
        valueGetter: (p) => p.data?.attempts,

        width: 100,
      },
    ],
    // Column titles follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
}

/** The call queue: due today, overdue or both, by kind, oldest due first, paged in SQL; a row opens the call. */
function CallQueue() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useUrlParams();
  const dueParam = params.get('due');
  const kindParam = params.get('kind');
  const due: QueueDue = isDue(dueParam) ? dueParam : 'today';
  const kind = isKind(kindParam) ? kindParam : undefined;
  const fetchPage = useMemo(
    () => (request: GridInput<FollowupGridColumn>) => api.followup.grid({ ...request, due, ...(kind ? { kind } : {}) }),
    [due, kind],
  );
  const shared = useTaskColumns<FollowupTaskRow>();
  const columns = useMemo<ColDef<FollowupTaskRow>[]>(
    () => [
      ...shared,
      {
        colId: 'open',
        headerName: t('app.rowActions'),
        cellRenderer: (p: Cell<FollowupTaskRow>) =>
          p.data ? (
            <Link className="button" to={`/followup/tasks/${p.data.id}`}>
              {t('followup.open')}
            </Link>
          ) : null,
        width: 110,
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [shared, i18n.language],
  );
  return (
    <>
      <div className="card-actions followup-filters">
        <div className="followup-due" role="group" aria-label={t('followup.dueFilter')}>
          {QUEUE_DUE.map((value) => (
            <button
              key={value}
              type="button"
              className={value === due ? 'primary' : undefined}
              aria-pressed={value === due}
              onClick={() => setParams({ due: value })}
            >
              {t(`followup.dueFilters.${value}`)}
            </button>
          ))}
        </div>
        <select
          aria-label={t('followup.kindFilter')}
          value={kind ?? ''}
          onChange={(event) => setParams({ kind: event.target.value })}
        >
          <option value="">{t('followup.allKinds')}</option>
          {FOLLOWUP_KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`followup.kinds.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <DataGrid<FollowupTaskRow, FollowupGridColumn>
        gridId="followupQueue"
        label={t('followup.tabs.queue')}
        emptyText={t('followup.noCalls')}
        columns={columns}
        fetchPage={fetchPage}
        liveArea="followup"
        onRowClicked={(row) => void navigate(`/followup/tasks/${row.id}`)}
      />
    </>
  );
}

function MarkSent({ row }: { row: LetterRow }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mark = useMutation(
    orpc.followup.markSent.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: orpc.followup.key() }),
    }),
  );
  return (
    <>
      <button type="button" disabled={mark.isPending} onClick={() => mark.mutate({ taskId: row.id, version: row.version })}>
        {t('followup.markSent')}
      </button>
      <ErrorBanner error={mark.error} />
    </>
  );
}

/** The SMS/letter list: tasks the calls did not reach, with the address; each one marked sent when it went out. */
function LetterList() {
  const { t, i18n } = useTranslation();
  const fetchPage = useMemo(() => (request: GridInput<FollowupGridColumn>) => api.followup.letterGrid(request), []);
  const shared = useTaskColumns<LetterRow>();
  const columns = useMemo<ColDef<LetterRow>[]>(
    () => [
      ...shared,
      {
        colId: 'address',
        headerName: t('followup.columns.address'),
        valueGetter: (p) => (p.data ? p.data.address || t('followup.noAddress') : ''),
        flex: 1.6,
      },
      {
        colId: 'markSent',
        headerName: t('app.rowActions'),
        cellRenderer: (p: Cell<LetterRow>) => (p.data ? <MarkSent row={p.data} /> : null),
        width: 150,
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [shared, i18n.language],
  );
  return (
    <>
      <p className="muted small">{t('followup.lettersHint')}</p>
      <DataGrid<LetterRow, FollowupGridColumn>
        gridId="followupLetters"
        label={t('followup.tabs.letters')}
        emptyText={t('followup.noLetters')}
        columns={columns}
        fetchPage={fetchPage}
        liveArea="followup"
      />
    </>
  );
}

/**
 * The CSI desk's follow-up: the call queue (day-3 satisfaction calls, lapsed customers, maintenance reminders) and the
 * SMS/letter list. Opening the screen makes today's lapsed and reminder tasks first (idempotent once a desk day).
 */
export function FollowupQueueScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const queryClient = useQueryClient();
  const [params, setParams] = useUrlParams();
  const tab = params.get('tab') === 'letters' ? 'letters' : 'queue';
  const generate = useMutation(
    orpc.followup.generateDue.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: orpc.followup.key() }),
    }),
  );
  const generated = useRef(false);
  const { mutate } = generate;
  useEffect(() => {
    if (generated.current) return;
    generated.current = true;
    mutate({});
  }, [mutate]);
  const tabClass = (name: string) => (name === tab ? 'button primary' : 'button');
  return (
    <div className="page page-fill">
      <section className="card">
        <header className="card-header">
          <h1 style={{ margin: 0 }}>{t('followup.title')}</h1>
          <div className="card-actions" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'queue'}
              className={tabClass('queue')}
              onClick={() => setParams({ tab: undefined })}
            >
              {t('followup.tabs.queue')}
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'letters'}
              className={tabClass('letters')}
              onClick={() => setParams({ tab: 'letters' })}
            >
              {t('followup.tabs.letters')}
            </button>
          </div>
          <div className="card-actions">
            {canCall(user.role, contract.followup.saveSurveyTemplate) ? (
              <Link className="button" to="/followup/survey-template">
                {t('followup.surveyTemplate')}
              </Link>
            ) : null}
          </div>
        </header>
        {generate.data && generate.data.created > 0 ? (
          <p className="muted small" role="status">
            {t('followup.generated', { count: generate.data.created })}
          </p>
        ) : null}
        <ErrorBanner error={generate.error} />
      </section>
      {tab === 'queue' ? <CallQueue /> : <LetterList />}
    </div>
  );
}
