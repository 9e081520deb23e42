import { useQuery } from '@tanstack/react-query';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { contract } from '../../../shared/contract';
import type { GridInput, Page } from '../../../shared/contract/paging';
import {
  RO_GRID_VIEWS,
  RO_PAYERS,
  type RoGridColumn,
  type RoGridCursor,
  type RoGridRow,
  type RoGridView,
  type RoPayer,
} from '../../../shared/contract/repair-orders';
import { formatYuan } from '../../../shared/domain/money';
import { isRepairOrderStatus, RO_STATUSES } from '../../../shared/domain/repair-order-status';
import { api, orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { DataGrid } from '../ui/DataGrid';
import { formatDateTime } from '../ui/format';
import { PartArrivalNotices } from './PartArrivalNotices';
import { PromiseRiskPanel } from './PromiseRiskPanel';
import { useUrlParams } from '../ui/use-url-params';
import { DateField } from '../ui/DateField';
import { HistoryBadge } from './HistoryBadge';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const LATE_STYLE: CSSProperties = { color: '#b42318', fontWeight: 600 };

function isView(value: string | null): value is RoGridView {
  return (RO_GRID_VIEWS as readonly (string | null)[]).includes(value);
}
function isPayer(value: string | null): value is RoPayer {
  return (RO_PAYERS as readonly (string | null)[]).includes(value);
}

/**
 * Keyset paging for the grid's datasource: each block asks for the rows after the last row of the block before it
 * (which the grid asked for first), so a block ten years deep costs the core what the first one does. Kept per sort,
 * for one set of filters (a new filter makes a new datasource); a block whose predecessor is unknown (or failed)
 * falls back to its startRow.
 */
function withKeysetPaging(
  fetch: (request: GridInput<RoGridColumn>, after: RoGridCursor | null) => Promise<Page<RoGridRow>>,
): (request: GridInput<RoGridColumn>) => Promise<Page<RoGridRow>> {
  const blockEnds = new Map<string, Promise<RoGridCursor | null>>();
  return (request) => {
    const sort = JSON.stringify(request.sortModel);
    const before = request.startRow > 0 ? blockEnds.get(`${sort}@${request.startRow}`) : undefined;
    const page = (before ?? Promise.resolve(null)).catch(() => null).then((after) => fetch(request, after));
    blockEnds.set(
      `${sort}@${request.endRow}`,
      page.then((result) => {
        const last = result.rows.at(-1);
        // A short block ends the list: nothing follows it.
        if (!last || result.rows.length < request.endRow - request.startRow) return null;
        return { id: last.id, number: last.number, status: last.status, openedAt: last.openedAt, promisedAt: last.promisedAt };
      }),
    );
    return page;
  };
}

/**
 * Every RO, paged, sorted and filtered in SQL, with the saved views ("my open ROs", "due today", "late") as buttons
 * above the grid. The view and the filters live in the URL, so coming back from an RO finds the same list.
 */
export function RepairOrderListScreen() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useUrlParams();

  const viewParam = params.get('view');
  const view: RoGridView = isView(viewParam) ? viewParam : 'all';
  const statusParam = params.get('status');
  const status = isRepairOrderStatus(statusParam) ? statusParam : '';
  const advisorParam = Number(params.get('advisor'));
  const advisorId = Number.isSafeInteger(advisorParam) && advisorParam > 0 ? advisorParam : undefined;
  const payerParam = params.get('payer');
  const payer = isPayer(payerParam) ? payerParam : '';
  const fromParam = params.get('from') ?? '';
  const toParam = params.get('to') ?? '';
  const openedFrom = DAY.test(fromParam) ? fromParam : '';
  const openedTo = DAY.test(toParam) ? toParam : '';
  const query = params.get('q') ?? '';

  // The search box answers as one types, but asks the core only once typing pauses.
  const [text, setText] = useState(query);
  useEffect(() => {
    if (text.trim() === query) return;
    const timer = window.setTimeout(() => setParams({ q: text.trim() }), 250);
    return () => window.clearTimeout(timer);
  }, [text, query, setParams]);

  // Only roles that may list users can pick an advisor; everyone else has "my open ROs".
  const mayPickAdvisor = canCall(user.role, contract.users.list);
  const users = useQuery({ ...orpc.users.list.queryOptions({ input: {} }), enabled: mayPickAdvisor });
  const advisors = (users.data ?? []).filter((u) => u.role === 'advisor' || u.id === advisorId);

  // A date range the wrong way round is not sent (the core would refuse it); the later date field says so.
  const rangeReversed = Boolean(openedFrom && openedTo && openedTo < openedFrom);
  const fetchPage = useMemo(
    () =>
      withKeysetPaging((request, after) =>
        api.repairOrders.grid({
          ...request,
          view,
          ...(status ? { status: [status] } : {}),
          ...(advisorId !== undefined ? { advisorId } : {}),
          ...(payer ? { payer } : {}),
          ...(openedFrom ? { openedFrom } : {}),
          ...(openedTo && !rangeReversed ? { openedTo } : {}),
          ...(query ? { text: query } : {}),
          ...(after ? { after } : {}),
        }),
      ),
    [view, status, advisorId, payer, openedFrom, openedTo, rangeReversed, query],
  );

  const columns = useMemo<ColDef<RoGridRow>[]>(
    () => [
      {
        colId: 'number',
        field: 'number',
        headerName: t('roList.columns.number'),
        sortable: true,
        cellRenderer: (p: ICellRendererParams<RoGridRow, string>) => (
          <>
            {p.value}
            {p.data ? <HistoryBadge source={p.data.source} /> : null}
          </>
        ),
        flex: 1.4,
      },
      {
        colId: 'status',
        field: 'status',
        headerName: t('roList.columns.status'),
        sortable: true,
        valueFormatter: (p) => (p.value ? t(`ro.statuses.${p.value as RoGridRow['status']}`) : ''),
        flex: 1,
      },
      { colId: 'customerName', field: 'customerName', headerName: t('roList.columns.customer'), flex: 1.4 },
      { colId: 'plate', field: 'plate', headerName: t('roList.columns.plate'), flex: 1 },
      { colId: 'advisorName', field: 'advisorName', headerName: t('roList.columns.advisor'), flex: 1.2 },
      {
        colId: 'openedAt',
        field: 'openedAt',
        headerName: t('roList.columns.openedAt'),
        sortable: true,
        valueFormatter: (p) => formatDateTime(p.value ?? null),
        flex: 1.4,
      },
      {
        colId: 'promisedAt',
        field: 'promisedAt',
        headerName: t('roList.columns.promisedAt'),
        sortable: true,
        // A renderer, not cellStyle: the grid's CellStyle module is not registered (see DataGrid).
        cellRenderer: (p: ICellRendererParams<RoGridRow, string | null>) => {
          const when = formatDateTime(p.value ?? null);
          return p.data?.late ? <span style={LATE_STYLE}>{`${when} · ${t('roList.late')}`}</span> : when;
        },
        flex: 1.6,
      },
      {
        colId: 'total',
        field: 'totalFen',
        headerName: t('roList.columns.total'),
        valueFormatter: (p) =>
          typeof p.value === 'number' ? t('roList.money', { amount: formatYuan(p.value, i18n.language) }) : '',
        flex: 1,
      },
      {
        colId: 'payers',
        field: 'payers',
        headerName: t('roList.columns.payers'),
        valueFormatter: (p) => ((p.value as RoPayer[] | undefined) ?? []).map((x) => t(`ro.payers.${x}`)).join(', '),
        flex: 1.2,
      },
    ],
    // Column titles and figures follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );

  const filtered = Boolean(status || advisorId || payer || openedFrom || openedTo || query);
  return (
    <div className="page page-fill">
      <h1>{t('roList.title')}</h1>
      <div className="card-actions" style={{ flexWrap: 'wrap', marginBottom: 8 }} role="group" aria-label={t('fields.view')}>
        {RO_GRID_VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            className={v === view ? 'primary' : undefined}
            aria-pressed={v === view}
            onClick={() => setParams({ view: v === 'all' ? '' : v })}
          >
            {t(`roList.views.${v}`)}
          </button>
        ))}
      </div>
      <div className="card-actions" style={{ flexWrap: 'wrap', marginBottom: 8 }}>
        <input
          type="search"
          aria-label={t('roList.search')}
          placeholder={t('roList.searchHint')}
          value={text}
          maxLength={60}
          onChange={(e) => setText(e.target.value)}
        />
        <select aria-label={t('fields.status')} value={status} onChange={(e) => setParams({ status: e.target.value })}>
          <option value="">{t('roList.anyStatus')}</option>
          {RO_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`ro.statuses.${s}`)}
            </option>
          ))}
        </select>
        {mayPickAdvisor ? (
          <select
            aria-label={t('fields.advisorId')}
            value={advisorId ?? ''}
            onChange={(e) => setParams({ advisor: e.target.value })}
          >
            <option value="">{t('roList.anyAdvisor')}</option>
            {advisors.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        ) : null}
        <select aria-label={t('roList.columns.payers')} value={payer} onChange={(e) => setParams({ payer: e.target.value })}>
          <option value="">{t('roList.anyPayer')}</option>
          {RO_PAYERS.map((p) => (
            <option key={p} value={p}>
              {t(`ro.payers.${p}`)}
            </option>
          ))}
        </select>
        <label>
          {t('roList.openedFrom')} <DateField value={openedFrom} onChange={(e) => setParams({ from: e.target.value })} />
        </label>
        <label>
          {t('roList.openedTo')}{' '}
          <DateField
            value={openedTo}
            aria-invalid={rangeReversed || undefined}
            title={rangeReversed ? t('reasons.dateRange.order') : undefined}
            onChange={(e) => setParams({ to: e.target.value })}
          />
        </label>
        {filtered ? (
          <button
            type="button"
            onClick={() => {
              setText('');
              // Every filter but the view (My open, Due today…), which is a tab rather than a filter.
              setParams({ q: '', status: '', advisor: '', payer: '', from: '', to: '' });
            }}
          >
            {t('roList.clear')}
          </button>
        ) : null}
      </div>
      <PartArrivalNotices />
      <PromiseRiskPanel />
      <DataGrid<RoGridRow, RoGridColumn>
        gridId="repairOrders"
        label={t('roList.title')}
        columns={columns}
        fetchPage={fetchPage}
        liveArea="repairOrders"
        onRowClicked={(row) => void navigate(`/repair-orders/${row.id}`)}
      />
    </div>
  );
}
