import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { SuggestedOrderRow } from '../../../../shared/contract/parts/purchasing';
import { formatQuantity, parseQuantity } from '../../../../shared/domain/money';
import { orpc } from '../../api/client';
import { useDebounced } from '../../ui/use-debounced';
import { ErrorBanner, Loading } from '../../ui/widgets';
import { usePartsFormat } from '../parts-format';
import { Pager } from '../../ui/Pager';

const PAGE = 50;

/** Why a part is suggested, in words: below its minimum, and/or RO lines waiting (with their RO numbers). */
function Why({ row }: { row: SuggestedOrderRow }) {
  const { t } = useTranslation();
  return (
    <>
      {row.forWaitingMilli > 0 ? (
        <div>
          {t('purchasing.why.waiting', { qty: formatQuantity(row.forWaitingMilli) })}
          {row.waitingLines.map((line, index) => (
            <span key={`${line.repairOrderId}-${index}`}>
              {index === 0 ? ' ' : ', '}
              <Link to={`/repair-orders/${line.repairOrderId}`}>{line.roNumber}</Link>
              <span className="muted small"> ×{formatQuantity(line.toOrderMilli)}</span>
            </span>
          ))}
        </div>
      ) : null}
      {row.forMinimumMilli > 0 ? <div>{t('purchasing.why.minimum', { qty: formatQuantity(row.forMinimumMilli) })}</div> : null}
    </>
  );
}

/**
 * The suggested order: parts whose waiting RO lines are not covered or whose shelf stays below its minimum. The clerk
 * ticks rows (the quantity can be changed), picks the supplier and makes one purchase order of them.
 */
export function SuggestedOrderSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const format = usePartsFormat();
  const [text, setText] = useState('');
  const [supplierFilter, setSupplierFilter] = useState('');
  const [offset, setOffset] = useState(0);
  const [chosen, setChosen] = useState<Map<number, string>>(new Map());
  const [orderSupplier, setOrderSupplier] = useState('');
  const [qtyProblem, setQtyProblem] = useState<string | null>(null);
  const settledText = useDebounced(text.trim(), 250);

  const suppliers = useQuery(orpc.parts.suppliers.queryOptions({ input: {} }));
  const activeSuppliers = (suppliers.data ?? []).filter((s) => s.active);
  const input = {
    text: settledText,
    offset,
    limit: PAGE,
    ...(supplierFilter ? { supplierId: Number(supplierFilter) } : {}),
  };
  const query = useQuery({ ...orpc.parts.suggestedOrder.queryOptions({ input }), placeholderData: keepPreviousData });
  const create = useMutation(orpc.parts.createPurchaseOrder.mutationOptions());

  const rows = query.data?.rows ?? [];
  const toggle = (row: SuggestedOrderRow, on: boolean) =>
    setChosen((current) => {
      const next = new Map(current);
      if (on) next.set(row.partId, formatQuantity(row.qtyMilli));
      else next.delete(row.partId);
      return next;
    });
  const setQty = (partId: number, value: string) => setChosen((current) => new Map(current).set(partId, value));

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
    <section className="card" aria-label={t('purchasing.sections.suggested')}>
      <div className="card-actions" style={{ flexWrap: 'wrap', marginBottom: 8 }}>
        <input
          type="search"
          aria-label={t('purchasing.search')}
          placeholder={t('purchasing.search')}
          value={text}
          maxLength={60}
          onChange={(e) => {
            setText(e.target.value);
            setOffset(0);
          }}
        />
        <select
          aria-label={t('purchasing.lastSupplier')}
          value={supplierFilter}
          onChange={(e) => {
            setSupplierFilter(e.target.value);
            setOffset(0);
          }}
        >
          <option value="">{t('purchasing.anySupplier')}</option>
          {(suppliers.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <ErrorBanner error={query.error} />
      {query.isPending ? <Loading /> : null}
      {query.data && rows.length === 0 ? <p className="muted">{t('purchasing.none')}</p> : null}
      {rows.length > 0 ? (
        <table className="results" aria-label={t('purchasing.sections.suggested')}>
          <thead>
            <tr>
              <th>{t('purchasing.select')}</th>
              <th>{t('purchasing.columns.partNumber')}</th>
              <th>{t('purchasing.columns.name')}</th>
              <th>{t('purchasing.columns.available')}</th>
              <th>{t('purchasing.columns.onOrder')}</th>
              <th>{t('purchasing.columns.minMax')}</th>
              <th>{t('purchasing.columns.suggested')}</th>
              <th>{t('purchasing.columns.qty')}</th>
              <th>{t('purchasing.columns.lastCost')}</th>
              <th>{t('purchasing.lastSupplier')}</th>
              <th>{t('purchasing.columns.why')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const picked = chosen.get(row.partId);
              return (
                <tr key={row.partId} data-part={row.partNumber}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('purchasing.select')} ${row.partNumber}`}
                      checked={picked !== undefined}
                      onChange={(e) => toggle(row, e.target.checked)}
                    />
                  </td>
                  <td className="mono">{row.partNumber}</td>
                  <td>{format.name(row)}</td>
                  <td>{format.qty(row.availableMilli)}</td>
                  <td>{format.qty(row.onOrderMilli)}</td>
                  <td>
                    {format.qty(row.minMilli)} / {format.qty(row.maxMilli)}
                  </td>
                  <td>
                    <strong>{format.qtyUnit(row.qtyMilli, row.unit)}</strong>
                  </td>
                  <td>
                    {picked !== undefined ? (
                      <input
                        inputMode="decimal"
                        size={6}
                        aria-label={`${t('purchasing.columns.qty')} ${row.partNumber}`}
                        value={picked}
                        onChange={(e) => setQty(row.partId, e.target.value)}
                      />
                    ) : null}
                  </td>
                  <td>{format.money(row.lastCostFen)}</td>
                  <td>{row.lastSupplierName ?? ''}</td>
                  <td>
                    <Why row={row} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <Pager offset={offset} pageSize={PAGE} hasMore={query.data?.hasMore} onOffset={setOffset} />
      <div className="card-actions" style={{ marginTop: 12, alignItems: 'center', flexWrap: 'wrap' }}>
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
    </section>
  );
}
