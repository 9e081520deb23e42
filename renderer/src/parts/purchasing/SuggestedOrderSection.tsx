import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { GridInput } from '../../../../shared/contract/paging';
import type { SuggestedOrderGridColumn, SuggestedOrderRow } from '../../../../shared/contract/parts/purchasing';
import { formatQuantity, parseQuantity } from '../../../../shared/domain/money';
import { api, orpc } from '../../api/client';
import { DataGrid } from '../../ui/DataGrid';
import { useDebounced } from '../../ui/use-debounced';
import { ErrorBanner } from '../../ui/widgets';
import { usePartsFormat } from '../parts-format';

/** Why a part is suggested, in words: below its minimum, and/or RO lines waiting (with their RO numbers). */
function Why({ row }: { row: SuggestedOrderRow }) {
  const { t } = useTranslation();
  return (
    <>
      {row.forWaitingMilli > 0 ? (
        <span>
          {t('purchasing.why.waiting', { qty: formatQuantity(row.forWaitingMilli) })}
          {row.waitingLines.map((line, index) => (
            <span key={`${line.repairOrderId}-${index}`}>
              {index === 0 ? ' ' : ', '}
              <Link to={`/repair-orders/${line.repairOrderId}`}>{line.roNumber}</Link>
              <span className="muted small"> ×{formatQuantity(line.toOrderMilli)}</span>
            </span>
          ))}
        </span>
      ) : null}
      {row.forWaitingMilli > 0 && row.forMinimumMilli > 0 ? ' · ' : null}
      {row.forMinimumMilli > 0 ? <span>{t('purchasing.why.minimum', { qty: formatQuantity(row.forMinimumMilli) })}</span> : null}
    </>
  );
}

/** The rows ticked for the new order, with their quantity as typed: kept by part while the grid pages. */
interface Picking {
  chosen: Map<number, string>;
  toggle: (row: SuggestedOrderRow, on: boolean) => void;
  setQty: (partId: number, value: string) => void;
}
const PickingContext = createContext<Picking | null>(null);

function PickCell(p: ICellRendererParams<SuggestedOrderRow>) {
  const { t } = useTranslation();
  const picking = useContext(PickingContext);
  const row = p.data;
  if (!row || !picking) return null;
  return (
    <input
      type="checkbox"
      aria-label={`${t('purchasing.select')} ${row.partNumber}`}
      checked={picking.chosen.has(row.partId)}
      onChange={(e) => picking.toggle(row, e.target.checked)}
    />
  );
}

function QtyCell(p: ICellRendererParams<SuggestedOrderRow>) {
  const { t } = useTranslation();
  const picking = useContext(PickingContext);
  const row = p.data;
  const picked = row ? picking?.chosen.get(row.partId) : undefined;
  if (!row || !picking || picked === undefined) return null;
  return (
    <input
      inputMode="decimal"
      size={6}
      aria-label={`${t('purchasing.columns.qty')} ${row.partNumber}`}
      value={picked}
      onChange={(e) => picking.setQty(row.partId, e.target.value)}
    />
  );
}

/** A text box's keys are the box's, not the grid's (arrows move the caret). */
const keysStayInBox = (params: { event: KeyboardEvent }) => (params.event.target as Element | null)?.tagName === 'INPUT';

/**
 * The suggested order: parts whose waiting RO lines are not covered or whose shelf stays below its minimum, as a grid
 * paged in SQL by part number. The clerk ticks rows (the quantity can be changed), picks the supplier and makes one
 * purchase order of them.
 */
export function SuggestedOrderSection() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const format = usePartsFormat();
  const [text, setText] = useState('');
  const [supplierFilter, setSupplierFilter] = useState('');
  const [chosen, setChosen] = useState<Map<number, string>>(new Map());
  const [orderSupplier, setOrderSupplier] = useState('');
  const [qtyProblem, setQtyProblem] = useState<string | null>(null);
  const settledText = useDebounced(text.trim(), 250);

  const suppliers = useQuery(orpc.parts.suppliers.queryOptions({ input: {} }));
  const activeSuppliers = (suppliers.data ?? []).filter((s) => s.active);
  const create = useMutation(orpc.parts.createPurchaseOrder.mutationOptions());

  const fetchPage = useCallback(
    (request: GridInput<SuggestedOrderGridColumn>) =>
      api.parts.suggestedOrderGrid({
        ...request,
        text: settledText,
        ...(supplierFilter ? { supplierId: Number(supplierFilter) } : {}),
      }),
    [settledText, supplierFilter],
  );

  const picking: Picking = {
    chosen,
    toggle: (row, on) =>
      setChosen((current) => {
        const next = new Map(current);
        if (on) next.set(row.partId, formatQuantity(row.qtyMilli));
        else next.delete(row.partId);
        return next;
      }),
    setQty: (partId, value) => setChosen((current) => new Map(current).set(partId, value)),
  };

  const columns = useMemo<ColDef<SuggestedOrderRow>[]>(
    () => [
      { colId: 'select', headerName: t('purchasing.select'), cellRenderer: PickCell, width: 80 },
      { colId: 'partNumber', field: 'partNumber', headerName: t('purchasing.columns.partNumber'), sortable: true, flex: 1 },
      {
        colId: 'name',
        headerName: t('purchasing.columns.name'),
        valueGetter: (p) => (p.data ? format.name(p.data) : ''),
        flex: 1.4,
      },
      {
        colId: 'available',
        headerName: t('purchasing.columns.available'),
        valueGetter: (p) => (p.data ? format.qty(p.data.availableMilli) : ''),
        flex: 0.7,
      },
      {
        colId: 'onOrder',
        headerName: t('purchasing.columns.onOrder'),
        valueGetter: (p) => (p.data ? format.qty(p.data.onOrderMilli) : ''),
        flex: 0.7,
      },
      {
        colId: 'minMax',
        headerName: t('purchasing.columns.minMax'),
        valueGetter: (p) => (p.data ? `${format.qty(p.data.minMilli)} / ${format.qty(p.data.maxMilli)}` : ''),
        flex: 0.8,
      },
      {
        colId: 'suggested',
        headerName: t('purchasing.columns.suggested'),
        cellRenderer: (p: ICellRendererParams<SuggestedOrderRow>) =>
          p.data ? <strong>{format.qtyUnit(p.data.qtyMilli, p.data.unit)}</strong> : null,
        flex: 0.9,
      },
      {
        colId: 'qty',
        headerName: t('purchasing.columns.qty'),
        cellRenderer: QtyCell,
        suppressKeyboardEvent: keysStayInBox,
        flex: 0.8,
      },
      {
        colId: 'lastCost',
        headerName: t('purchasing.columns.lastCost'),
        valueGetter: (p) => (p.data ? format.money(p.data.lastCostFen) : ''),
        flex: 0.8,
      },
      { colId: 'lastSupplier', field: 'lastSupplierName', headerName: t('purchasing.lastSupplier'), flex: 1 },
      {
        colId: 'why',
        headerName: t('purchasing.columns.why'),
        cellRenderer: (p: ICellRendererParams<SuggestedOrderRow>) => (p.data ? <Why row={p.data} /> : null),
        flex: 2.4,
      },
    ],
    // Column titles and figures follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );

  const supplierId = orderSupplier || supplierFilter;
  const makeOrder = async () => {
    setQtyProblem(null);
    const lines: { partId: number; qtyMilli: number }[] = [];
    for (const [partId, qtyText] of chosen) {
      const qtyMilli = parseQuantity(qtyText.trim());
      if (qtyMilli === null || qtyMilli <= 0) {
        setQtyProblem(`${t('fields.lines_qtyMilli')}: ${t('reasons.qty.notPositive')}`);
        return;
      }
      lines.push({ partId, qtyMilli });
    }
    const order = await create.mutateAsync({ supplierId: Number(supplierId), lines });
    setChosen(new Map());
    await queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
    void navigate(`/parts/purchasing/${order.id}`);
  };

  return (
    <>
      <div className="card-actions" style={{ flexWrap: 'wrap' }}>
        <input
          type="search"
          aria-label={t('purchasing.search')}
          placeholder={t('purchasing.search')}
          value={text}
          maxLength={60}
          onChange={(e) => setText(e.target.value)}
        />
        <select
          aria-label={t('purchasing.lastSupplier')}
          value={supplierFilter}
          onChange={(e) => setSupplierFilter(e.target.value)}
        >
          <option value="">{t('purchasing.anySupplier')}</option>
          {(suppliers.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <PickingContext.Provider value={picking}>
        <DataGrid<SuggestedOrderRow, SuggestedOrderGridColumn>
          gridId="parts.suggestedOrder"
          label={t('purchasing.sections.suggested')}
          columns={columns}
          fetchPage={fetchPage}
          liveArea="parts"
          emptyText={t('purchasing.none')}
        />
      </PickingContext.Provider>
      <div className="card-actions" style={{ alignItems: 'center', flexWrap: 'wrap' }}>
        {activeSuppliers.length === 0 && suppliers.data ? <span className="muted">{t('purchasing.noSupplier')}</span> : null}
        <label>
          {t('purchasing.orderFrom')}{' '}
          <select value={supplierId} onChange={(e) => setOrderSupplier(e.target.value)}>
            <option value="">{t('purchasing.chooseSupplier')}</option>
            {activeSuppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="primary"
          disabled={chosen.size === 0 || !supplierId || create.isPending}
          onClick={() => void makeOrder().catch(() => undefined)}
        >
          {t('purchasing.createOrder', { count: chosen.size })}
        </button>
      </div>
      {qtyProblem ? (
        <div className="banner banner-error" role="alert">
          {qtyProblem}
        </div>
      ) : null}
      <ErrorBanner error={create.error} />
    </>
  );
}
