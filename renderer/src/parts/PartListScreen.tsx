import { useMutation } from '@tanstack/react-query';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { contract } from '../../../shared/contract';
import type { GridInput } from '../../../shared/contract/paging';
import { PART_ACTIVE_FILTERS, type PartFilterInput, type PartGridColumn, type PartRow } from '../../../shared/contract/parts';
import { api, orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { DataGrid } from '../ui/DataGrid';
import { withKeysetPaging } from '../ui/keyset-paging';
import { EnumSelect, ErrorBanner } from '../ui/widgets';
import { downloadBase64, usePartsFormat } from './parts-format';
import { PartsTabs } from './PartsTabs';
import { useUrlParams } from '../ui/use-url-params';

const SHORT_STYLE: CSSProperties = { color: '#b42318', fontWeight: 600 };
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type ActiveFilter = (typeof PART_ACTIVE_FILTERS)[number];
function isActiveFilter(value: string | null): value is ActiveFilter {
  return (PART_ACTIVE_FILTERS as readonly (string | null)[]).includes(value);
}

/**
 * Every part with its stock, paged, sorted and filtered in SQL: a number in any spelling or a name word, brand, bin,
 * below minimum, active. The filters live in the URL, so coming back from a part finds the same list; the Excel
 * export takes the same filters.
 */
export function PartListScreen() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const format = usePartsFormat();
  const [params, setParams] = useUrlParams();
  const query = params.get('q') ?? '';
  const brand = params.get('brand') ?? '';
  const bin = params.get('bin') ?? '';
  const belowMin = params.get('below') === '1';
  const activeParam = params.get('active');
  const active: ActiveFilter = isActiveFilter(activeParam) ? activeParam : 'active';

  // Typed boxes ask the core only once typing pauses.
  const [text, setText] = useState(query);
  const [brandText, setBrandText] = useState(brand);
  const [binText, setBinText] = useState(bin);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      if (text.trim() !== query) setParams({ q: text.trim() });
      if (brandText.trim() !== brand) setParams({ brand: brandText.trim() });
      if (binText.trim() !== bin) setParams({ bin: binText.trim() });
    }, 250);
    return () => window.clearTimeout(timer);
  }, [text, brandText, binText, query, brand, bin, setParams]);

  const filters = useMemo<PartFilterInput>(
    () => ({ text: query, brand, bin, belowMin, active }),
    [query, brand, bin, belowMin, active],
  );
  // By key where the page before was read: scrolling deep never makes the core skip rows (issue 13).
  const fetchPage = useMemo(
    () =>
      withKeysetPaging((request: GridInput<PartGridColumn> & { after?: string }) => api.parts.grid({ ...request, ...filters })),
    [filters],
  );

  const exportStock = useMutation(orpc.parts.exportStock.mutationOptions());
  const download = async () => {
    const file = await exportStock.mutateAsync(filters);
    downloadBase64(file.fileName, file.dataBase64, XLSX_TYPE);
  };

  const nameColumn: PartGridColumn = i18n.language === 'zh-CN' ? 'nameZh' : 'nameEn';
  const columns = useMemo<ColDef<PartRow>[]>(() => {
    const money = (p: { value?: number | null }) => (typeof p.value === 'number' ? format.money(p.value) : '');
    const qty = (p: { value?: number | null }) => (typeof p.value === 'number' ? format.qty(p.value) : '');
    return [
      { colId: 'partNumber', field: 'partNumber', headerName: t('parts.columns.partNumber'), sortable: true, flex: 1.3 },
      {
        colId: nameColumn,
        headerName: t('parts.columns.name'),
        sortable: true,
        valueGetter: (p) => (p.data ? format.name(p.data) : ''),
        flex: 2,
      },
      { colId: 'brand', field: 'brand', headerName: t('parts.columns.brand'), sortable: true, flex: 0.8 },
      { colId: 'defaultBin', field: 'defaultBin', headerName: t('parts.columns.bin'), sortable: true, flex: 0.9 },
      {
        colId: 'onHand',
        field: 'onHandMilli',
        headerName: t('parts.columns.onHand'),
        sortable: true,
        valueFormatter: qty,
        flex: 0.8,
      },
      {
        colId: 'reserved',
        field: 'reservedMilli',
        headerName: t('parts.columns.reserved'),
        sortable: true,
        valueFormatter: qty,
        flex: 0.8,
      },
      {
        colId: 'available',
        field: 'availableMilli',
        headerName: t('parts.columns.available'),
        sortable: true,
        // A renderer, not cellStyle: the grid's CellStyle module is not registered (see DataGrid).
        cellRenderer: (p: ICellRendererParams<PartRow, number>) =>
          typeof p.value !== 'number' ? (
            ''
          ) : p.data?.belowMin ? (
            <span style={SHORT_STYLE}>{format.qty(p.value)}</span>
          ) : (
            format.qty(p.value)
          ),
        flex: 0.8,
      },
      {
        colId: 'avgUnitCost',
        field: 'avgUnitCostFen',
        headerName: t('parts.columns.avgUnitCost'),
        sortable: true,
        valueFormatter: money,
        flex: 1,
      },
      {
        colId: 'listPrice',
        field: 'listPriceFen',
        headerName: t('parts.columns.listPrice'),
        sortable: true,
        valueFormatter: money,
        flex: 1,
      },
      {
        colId: 'stockValue',
        field: 'stockValueFen',
        headerName: t('parts.columns.stockValue'),
        sortable: true,
        valueFormatter: money,
        flex: 1,
      },
    ];
    // Column titles and figures follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [i18n.language]);

  return (
    <div className="page page-fill">
      <PartsTabs
        actions={
          <>
            {canCall(user.role, contract.parts.create) ? (
              <Link className="button primary" to="/parts/new">
                {t('parts.newPart')}
              </Link>
            ) : null}
            <button type="button" onClick={() => void download()} disabled={exportStock.isPending}>
              {exportStock.isPending ? t('parts.exporting') : t('parts.exportExcel')}
            </button>
          </>
        }
      />
      <div
        className="toolbar"
        style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'center', marginBottom: '0.5rem' }}
      >
        <input
          type="search"
          aria-label={t('parts.search')}
          placeholder={t('parts.search')}
          title={t('parts.searchHint')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoFocus
        />
        <input
          aria-label={t('parts.columns.brand')}
          placeholder={t('parts.allBrands')}
          value={brandText}
          onChange={(e) => setBrandText(e.target.value)}
          size={10}
        />
        <input
          aria-label={t('parts.binPrefix')}
          placeholder={t('parts.binPrefixHint')}
          value={binText}
          onChange={(e) => setBinText(e.target.value)}
          size={8}
        />
        <label className="checkbox">
          <input type="checkbox" checked={belowMin} onChange={(e) => setParams({ below: e.target.checked ? '1' : '' })} />
          {t('parts.belowMin')}
        </label>
        <EnumSelect
          values={PART_ACTIVE_FILTERS}
          catalogue="parts.activeFilter"
          aria-label={t('fields.active')}
          value={active}
          onChange={(e) => setParams({ active: e.target.value === 'active' ? '' : e.target.value })}
        />
      </div>
      {exportStock.error ? <ErrorBanner error={exportStock.error} /> : null}
      <DataGrid<PartRow, PartGridColumn>
        gridId="parts"
        label={t('parts.gridLabel')}
        columns={columns}
        fetchPage={fetchPage}
        liveArea="parts"
        onRowClicked={(row) => void navigate(`/parts/${row.id}`, { state: { listSearch: `?${params.toString()}` } })}
      />
    </div>
  );
}
