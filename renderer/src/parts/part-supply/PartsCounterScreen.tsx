import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../../shared/contract';
import type { GridInput } from '../../../../shared/contract/paging';
import {
  COUNTER_STATES,
  type CounterGridColumn,
  type CounterRow,
  type CounterState,
} from '../../../../shared/contract/parts/part-supply';
import { wallClock } from '../../../../shared/domain/desk-time';
import { formatQuantity } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { DataGrid } from '../../ui/DataGrid';
import { formatDateTime } from '../../ui/format';
import { useDebounced } from '../../ui/use-debounced';
import { EnumSelect } from '../../ui/widgets';
import { useRoFormat } from '../../repair-orders/ro-format';
import { PartsTabs } from '../PartsTabs';
import { ExpectedForm, IssueForm, ReturnForm } from './CounterForms';

type Form = 'issue' | 'return' | 'expected';
type Panel = { row: CounterRow; form: Form } | null;

/**
 * The parts counter: the RO part lines still to be served, by RO (soonest promise first), with what to issue, what
 * is to order and when it is expected, as a grid paged in SQL; the parts clerk issues, takes returns and sets the
 * expected date from a row's buttons, in a panel above the grid.
 */
export function PartsCounterScreen() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const format = useRoFormat();
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 250);
  const [state, setState] = useState<CounterState>('open');
  const [panel, setPanel] = useState<Panel>(null);
  // A write at this desk reads the grid again (other desks' writes come through the live area).
  const [written, setWritten] = useState(0);
  const mayIssue = canCall(user.role, contract.parts.issueToLine);
  const mayReturn = canCall(user.role, contract.parts.returnFromLine);
  const mayExpect = canCall(user.role, contract.parts.setExpected);

  const fetchPage = useCallback(
    (request: GridInput<CounterGridColumn>) => api.parts.counterGrid({ ...request, text: search, state }),
    // `written` is a reason to read again, not an input.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [search, state, written],
  );

  const columns = useMemo<ColDef<CounterRow>[]>(() => {
    const qty = (p: { value?: number | null }) => (typeof p.value === 'number' ? formatQuantity(p.value) : '');
    const open = (row: CounterRow, form: Form) =>
      setPanel((now) => (now?.row.lineId === row.lineId && now.form === form ? null : { row, form }));
    return [
      {
        colId: 'roNumber',
        headerName: t('partSupply.counter.columns.ro'),
        cellRenderer: (p: ICellRendererParams<CounterRow>) =>
          p.data ? <Link to={`/repair-orders/${p.data.repairOrderId}`}>{p.data.roNumber}</Link> : null,
        flex: 1.2,
      },
      { colId: 'plate', field: 'plate', headerName: t('partSupply.counter.columns.plate'), flex: 0.9 },
      { colId: 'advisor', field: 'advisorName', headerName: t('partSupply.counter.columns.advisor'), flex: 0.8 },
      {
        colId: 'promisedAt',
        field: 'promisedAt',
        headerName: t('partSupply.counter.columns.promised'),
        sortable: true,
        valueFormatter: (p) => (p.value ? formatDateTime(p.value as string) : '—'),
        flex: 1.2,
      },
      { colId: 'partNumber', field: 'partNumber', headerName: t('partSupply.counter.columns.part'), flex: 1 },
      {
        colId: 'name',
        headerName: t('partSupply.counter.columns.name'),
        valueGetter: (p) => (p.data ? format.name(p.data) || p.data.nameZh : ''),
        flex: 1.4,
      },
      { colId: 'bin', field: 'defaultBin', headerName: t('partSupply.counter.columns.bin'), flex: 0.8 },
      { colId: 'qty', field: 'qtyMilli', headerName: t('partSupply.counter.columns.qty'), valueFormatter: qty, flex: 0.6 },
      {
        colId: 'reserved',
        field: 'reservedMilli',
        headerName: t('partSupply.counter.columns.reserved'),
        valueFormatter: qty,
        flex: 0.7,
      },
      {
        colId: 'toOrder',
        field: 'toOrderMilli',
        headerName: t('partSupply.counter.columns.toOrder'),
        valueFormatter: qty,
        flex: 0.7,
      },
      {
        colId: 'expectedAt',
        headerName: t('partSupply.counter.columns.expected'),
        valueGetter: (p) =>
          !p.data
            ? ''
            : p.data.toOrderMilli > 0
              ? p.data.expectedAt
                ? wallClock(new Date(p.data.expectedAt)).day
                : t('partSupply.counter.unknown')
              : '—',
        flex: 0.9,
      },
      {
        colId: 'issued',
        field: 'issuedMilli',
        headerName: t('partSupply.counter.columns.issued'),
        valueFormatter: qty,
        flex: 0.6,
      },
      {
        colId: 'actions',
        headerName: t('partSupply.counter.columns.actions'),
        cellRenderer: (p: ICellRendererParams<CounterRow>) => {
          const row = p.data;
          if (!row) return null;
          return (
            <span className="ro-line-actions">
              {mayIssue && row.reservedMilli > 0 ? (
                <button type="button" className="link" onClick={() => open(row, 'issue')}>
                  {t('partSupply.counter.issue')}
                </button>
              ) : null}
              {mayReturn && row.issuedMilli > 0 ? (
                <button type="button" className="link" onClick={() => open(row, 'return')}>
                  {t('partSupply.counter.return')}
                </button>
              ) : null}
              {mayExpect && row.toOrderMilli > 0 ? (
                <button type="button" className="link" onClick={() => open(row, 'expected')}>
                  {t('partSupply.counter.expected')}
                </button>
              ) : null}
            </span>
          );
        },
        flex: 1.6,
      },
    ];
    // Column titles and figures follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [i18n.language, mayIssue, mayReturn, mayExpect]);

  const done = () => {
    setPanel(null);
    setWritten((n) => n + 1);
  };
  return (
    <div className="page page-fill">
      <PartsTabs />
      <div className="inline-form">
        <label>
          {t('partSupply.counter.search')}{' '}
          <input type="search" value={text} maxLength={40} onChange={(event) => setText(event.target.value)} />
        </label>
        <label>
          {t('partSupply.counter.state')}{' '}
          <EnumSelect
            values={COUNTER_STATES}
            catalogue="partSupply.counter.states"
            value={state}
            onChange={(event) => setState(event.target.value as CounterState)}
          />
        </label>
      </div>
      {panel ? (
        <section className="card ro-line-editor">
          {panel.form === 'issue' ? <IssueForm row={panel.row} onDone={done} /> : null}
          {panel.form === 'return' ? <ReturnForm row={panel.row} onDone={done} /> : null}
          {panel.form === 'expected' ? <ExpectedForm row={panel.row} onDone={done} /> : null}
        </section>
      ) : null}
      <DataGrid<CounterRow, CounterGridColumn>
        gridId="parts.counter"
        label={t('partSupply.counter.title')}
        emptyText={t('partSupply.counter.none')}
        columns={columns}
        fetchPage={fetchPage}
        liveArea="parts"
      />
    </div>
  );
}
