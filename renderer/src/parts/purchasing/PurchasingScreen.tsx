import type { ColDef } from 'ag-grid-community';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { GridInput } from '../../../../shared/contract/paging';
import type { PoGridColumn, PurchaseOrderRow } from '../../../../shared/contract/parts/purchasing';
import { api } from '../../api/client';
import { DataGrid } from '../../ui/DataGrid';
import { formatDate, formatDateTime } from '../../ui/format';
import { usePartsFormat } from '../parts-format';
import { PartsTabs } from '../PartsTabs';
import { SuggestedOrderSection } from './SuggestedOrderSection';
import { SuppliersSection } from './SuppliersSection';

const SECTIONS = ['suggested', 'orders', 'suppliers'] as const;
type PurchasingSection = (typeof SECTIONS)[number];
function isSection(value: string | null): value is PurchasingSection {
  return (SECTIONS as readonly (string | null)[]).includes(value);
}

/**
 * The parts clerk's purchasing: what to buy (the suggested order), the purchase orders, and the suppliers. The
 * section lives in the URL, so coming back from an order finds the same one.
 */
export function PurchasingScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const sectionParam = params.get('section');
  const section: PurchasingSection = isSection(sectionParam) ? sectionParam : 'suggested';
  return (
    <div className={section === 'suppliers' ? 'page' : 'page page-fill'}>
      <PartsTabs />
      <div className="card-actions" role="group" aria-label={t('purchasing.title')}>
        {SECTIONS.map((s) => (
          <button
            key={s}
            type="button"
            className={s === section ? 'primary' : undefined}
            aria-pressed={s === section}
            onClick={() => setParams(s === 'suggested' ? {} : { section: s }, { replace: true })}
          >
            {t(`purchasing.sections.${s}`)}
          </button>
        ))}
      </div>
      {section === 'suggested' ? <SuggestedOrderSection /> : null}
      {section === 'orders' ? <PurchaseOrderList /> : null}
      {section === 'suppliers' ? <SuppliersSection /> : null}
    </div>
  );
}

/** Every purchase order, newest first, paged, sorted and filtered in SQL; a row opens the order. */
function PurchaseOrderList() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const format = usePartsFormat();
  const fetchPage = useCallback((request: GridInput<PoGridColumn>) => api.parts.purchaseOrders(request), []);
  const columns = useMemo<ColDef<PurchaseOrderRow>[]>(
    () => [
      { colId: 'number', field: 'number', headerName: t('purchasing.columns.number'), sortable: true, filter: true, flex: 1.2 },
      {
        colId: 'status',
        field: 'status',
        headerName: t('purchasing.columns.status'),
        sortable: true,
        valueFormatter: (p) => (p.value ? t(`purchasing.statuses.${p.value as PurchaseOrderRow['status']}`) : ''),
        flex: 1,
      },
      {
        colId: 'supplierName',
        field: 'supplierName',
        headerName: t('purchasing.columns.supplier'),
        sortable: true,
        filter: true,
        flex: 1.4,
      },
      {
        colId: 'createdAt',
        field: 'createdAt',
        headerName: t('purchasing.columns.createdAt'),
        sortable: true,
        valueFormatter: (p) => formatDateTime(p.value ?? null),
        flex: 1.3,
      },
      {
        colId: 'orderedAt',
        field: 'orderedAt',
        headerName: t('purchasing.columns.orderedAt'),
        sortable: true,
        valueFormatter: (p) => formatDateTime(p.value ?? null),
        flex: 1.3,
      },
      {
        colId: 'expectedAt',
        field: 'expectedAt',
        headerName: t('purchasing.columns.expectedAt'),
        sortable: true,
        valueFormatter: (p) => formatDate(p.value ?? null),
        flex: 1.3,
      },
      { field: 'lineCount', headerName: t('purchasing.columns.lines'), flex: 0.6 },
      {
        field: 'totalFen',
        headerName: t('purchasing.columns.total'),
        valueFormatter: (p) => (typeof p.value === 'number' ? format.money(p.value) : ''),
        flex: 1,
      },
    ],
    // Column titles and figures follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
  return (
    <DataGrid<PurchaseOrderRow, PoGridColumn>
      gridId="parts.purchaseOrders"
      label={t('purchasing.sections.orders')}
      columns={columns}
      fetchPage={fetchPage}
      liveArea="parts"
      onRowClicked={(row) => void navigate(`/parts/purchasing/${row.id}`)}
    />
  );
}
