import type { ColDef } from 'ag-grid-community';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GridInput } from '../../../shared/contract/paging';
import { ISSUED_AT_DELIVERY, type MovementGridColumn, type MovementRow } from '../../../shared/contract/parts';
import { STOCK_MOVEMENT_KINDS, type StockMovementKind } from '../../../shared/domain/stock';
import { api } from '../api/client';
import { DataGrid } from '../ui/DataGrid';
import { useDebounced } from '../ui/use-debounced';
import { formatDateTime } from '../ui/format';
import { usePartsFormat } from './parts-format';
import { DateField } from '../ui/DateField';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isKind(value: string): value is StockMovementKind {
  return (STOCK_MOVEMENT_KINDS as readonly string[]).includes(value);
}

/**
 * The stock ledger, newest first, paged from SQL: of one part (`partId`) or of all, filtered by kind, desk days and
 * RO number. A movement that took a bin below zero names the manager who allowed it.
 */
export function MovementsGrid({ partId }: { partId?: number }) {
  const { t, i18n } = useTranslation();
  const format = usePartsFormat();
  const [kind, setKind] = useState<StockMovementKind | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [roNumber, setRoNumber] = useState('');
  const roSearch = useDebounced(roNumber.trim(), 250);
  // A range the wrong way round is not sent (the core would refuse it).
  const reversed = Boolean(from && to && to < from);
  const fetchPage = useCallback(
    (request: GridInput<MovementGridColumn>) =>
      api.parts.movements({
        ...request,
        ...(partId !== undefined ? { partId } : {}),
        ...(kind ? { kind } : {}),
        ...(DAY.test(from) ? { from } : {}),
        ...(DAY.test(to) && !reversed ? { to } : {}),
        roNumber: roSearch,
      }),
    [partId, kind, from, to, reversed, roSearch],
  );
  const columns = useMemo<ColDef<MovementRow>[]>(() => {
    const money = (p: { value?: number | null }) => (typeof p.value === 'number' ? format.money(p.value) : '');
    const qty = (p: { value?: number | null }) => (typeof p.value === 'number' ? format.qty(p.value) : '');
    return [
      {
        colId: 'createdAt',
        field: 'createdAt',
        headerName: t('parts.columns.date'),
        sortable: true,
        valueFormatter: (p) => formatDateTime(p.value ?? null),
        flex: 1.4,
      },
      ...(partId === undefined
        ? [{ colId: 'part', field: 'partNumber' as const, headerName: t('parts.columns.part'), flex: 1.2 }]
        : []),
      { colId: 'bin', field: 'bin', headerName: t('parts.columns.bin'), sortable: true, flex: 0.8 },
      {
        colId: 'kind',
        field: 'kind',
        headerName: t('parts.columns.kind'),
        sortable: true,
        valueFormatter: (p) => (p.value ? t(`parts.kinds.${p.value as StockMovementKind}`) : ''),
        flex: 1,
      },
      { colId: 'qty', field: 'qtyMilli', headerName: t('parts.columns.qty'), sortable: true, valueFormatter: qty, flex: 0.7 },
      { colId: 'unitCost', field: 'unitCostFen', headerName: t('parts.columns.unitCost'), valueFormatter: money, flex: 0.9 },
      { colId: 'value', field: 'valueFen', headerName: t('parts.columns.value'), valueFormatter: money, flex: 0.9 },
      {
        colId: 'onHandAfter',
        field: 'onHandAfterMilli',
        headerName: t('parts.columns.onHandAfter'),
        valueFormatter: qty,
        flex: 0.8,
      },
      {
        colId: 'ro',
        field: 'roNumber',
        headerName: t('parts.columns.ro'),
        cellRenderer: (p: { data?: MovementRow }) =>
          p.data?.repairOrderId ? <Link to={`/repair-orders/${p.data.repairOrderId}`}>{p.data.roNumber}</Link> : '',
        flex: 1.2,
      },
      { colId: 'who', field: 'userName', headerName: t('parts.columns.who'), flex: 0.8 },
      {
        colId: 'reason',
        headerName: t('parts.columns.reason'),
        valueGetter: (p) =>
          p.data
            ? [
                p.data.reason === ISSUED_AT_DELIVERY ? t('parts.issuedAtDelivery') : p.data.reason,
                p.data.overrideByName ? t('parts.override', { name: p.data.overrideByName }) : '',
              ]
                .filter(Boolean)
                .join(' · ')
            : '',
        flex: 1.6,
      },
    ];
    // Column titles and figures follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [i18n.language, partId]);
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'center', marginBottom: '0.5rem' }}>
        <select
          aria-label={t('parts.columns.kind')}
          value={kind}
          onChange={(e) => setKind(isKind(e.target.value) ? e.target.value : '')}
        >
          <option value="">{t('parts.allKinds')}</option>
          {STOCK_MOVEMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`parts.kinds.${k}`)}
            </option>
          ))}
        </select>
        <label className="checkbox">
          {t('parts.from')}
          <DateField value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="checkbox">
          {t('parts.to')}
          <DateField value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={reversed} />
        </label>
        <input
          aria-label={t('parts.roNumber')}
          placeholder={t('parts.roNumber')}
          value={roNumber}
          onChange={(e) => setRoNumber(e.target.value)}
          size={14}
        />
      </div>
      <div style={{ height: 360, display: 'flex', flexDirection: 'column' }}>
        <DataGrid<MovementRow, MovementGridColumn>
          gridId="parts.movements"
          label={t('parts.movements')}
          columns={columns}
          fetchPage={fetchPage}
          liveArea="parts"
        />
      </div>
    </>
  );
}
