import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import {
  ColumnApiModule,
  InfiniteRowModelModule,
  LocaleModule,
  ModuleRegistry,
  TextFilterModule,
  themeQuartz,
  type ColDef,
  type ColumnState,
  type GridApi,
  type IDatasource,
  type IGetRowsParams,
  type RowClickedEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridInput, Page } from '../../../shared/contract/paging';
import type { LiveArea } from '../../../shared/domain/live-areas';
import { useLiveArea } from '../api/live';
import { useUser } from '../app/session-context';

// Only the grid features BayDesk uses: a smaller bundle, and a desk that starts faster.
ModuleRegistry.registerModules([InfiniteRowModelModule, TextFilterModule, LocaleModule, ColumnApiModule]);

/** What of a grid's columns a user arranges and keeps: their order and widths (sort and filters stay per visit). */
type KeptColumn = Pick<ColumnState, 'colId' | 'width' | 'flex'>;

/** Where one user's arrangement of one grid is kept on this desk. */
export function gridLayoutKey(userId: number, gridId: string): string {
  return `baydesk.grid.${userId}.${gridId}`;
}

function readLayout(key: string): KeptColumn[] | null {
  try {
    const kept: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    return Array.isArray(kept) ? (kept as KeptColumn[]).filter((c) => typeof c?.colId === 'string') : null;
  } catch {
    return null;
  }
}

function keepLayout(key: string, api: GridApi): void {
  const columns: KeptColumn[] = api.getColumnState().map(({ colId, width, flex }) => ({ colId, width, flex: flex ?? null }));
  localStorage.setItem(key, JSON.stringify(columns));
}

/** The height of a grid showing `rows` rows and its header, when the whole (short) list is known; else the CSS's. */
function fittedHeight(rows: number | null): CSSProperties | undefined {
  if (rows === null || rows > 6) return undefined;
  return { flex: 'none', minHeight: 0, height: HEADER_PX + Math.max(rows, 1) * ROW_PX + 2 };
}

/** The grid's row and header heights, set on the grid (the theme's own), so a fitted frame knows them. */
const ROW_PX = 42;
const HEADER_PX = 48;

/** Rows per request: a screenful or two; the core caps a page at 200. */
const BLOCK_SIZE = 100;

/** The grid's own words (filter menus, "Loading…") come from AG Grid's catalogue for each of our languages. */
const GRID_TEXT: Record<string, Record<string, string>> = { 'zh-CN': AG_GRID_LOCALE_CN, en: AG_GRID_LOCALE_EN };

/**
 * An AG Grid over one `*.grid` procedure (Infinite Row Model: the core pages, sorts and filters in SQL; an extra row
 * tells whether there is more). Text filters offer only what the core understands.
 */
export function DataGrid<Row, C extends string>(props: {
  columns: ColDef<Row>[];
  /** Names this grid among the desk's grids: each user's column order and widths are kept under it. */
  gridId: string;
  fetchPage: (request: GridInput<C>) => Promise<Page<Row>>;
  onRowClicked?: (row: Row) => void;
  label: string;
  /** The live area whose changes (from any desk) make the grid read its pages again, keeping its scroll position. */
  liveArea?: LiveArea;
  /** What the grid says when nothing matches, in the screen's own words ("No calls due."); AG Grid's otherwise. */
  emptyText?: string;
  /**
   * A list that is often short (a customer's open ROs): once the first block shows the whole list, the grid is only as
   * tall as its rows (one row's height when empty), so a few rows do not sit in a screenful of blank grid.
   */
  fitRows?: boolean;
}) {
  const { i18n } = useTranslation();
  const { fetchPage } = props;
  const grid = useRef<AgGridReact<Row>>(null);
  const layoutKey = gridLayoutKey(useUser().id, props.gridId);
  /** The frame's height when the first block held all of a short list (fitRows), else the CSS's. */
  const [fitted, setFitted] = useState<CSSProperties | undefined>(undefined);
  const fitRows = props.fitRows ?? false;
  useLiveArea(props.liveArea, () => grid.current?.api?.refreshInfiniteCache());
  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams) {
        fetchPage({
          startRow: params.startRow,
          endRow: params.endRow,
          sortModel: params.sortModel.map((s) => ({ colId: s.colId as C, sort: s.sort })),
          filterModel: params.filterModel as GridInput<C>['filterModel'],
        })
          .then((page) => {
            params.successCallback(page.rows, page.hasMore ? undefined : params.startRow + page.rows.length);
            if (fitRows && params.startRow === 0) {
              setFitted(fittedHeight(page.hasMore ? null : page.rows.length));
            }
          })
          .catch(() => params.failCallback());
      },
    }),
    [fetchPage, fitRows],
  );
  const defaultColDef = useMemo<ColDef<Row>>(
    () => ({
      sortable: false,
      resizable: true,
      filterParams: { filterOptions: ['contains', 'startsWith', 'equals'], maxNumConditions: 1, buttons: ['reset'] },
    }),
    [],
  );
  return (
    <div className="grid-frame" aria-label={props.label} style={fitted} data-fitted={fitted ? true : undefined}>
      <AgGridReact<Row>
        ref={grid}
        key={i18n.language}
        containerStyle={{ height: '100%', width: '100%' }}
        theme={themeQuartz}
        localeText={{
          ...(GRID_TEXT[i18n.language] ?? AG_GRID_LOCALE_EN),
          ...(props.emptyText ? { noRowsToShow: props.emptyText } : {}),
        }}
        rowModelType="infinite"
        rowHeight={ROW_PX}
        headerHeight={HEADER_PX}
        datasource={datasource}
        cacheBlockSize={BLOCK_SIZE}
        maxBlocksInCache={20}
        columnDefs={props.columns}
        defaultColDef={defaultColDef}
        onRowClicked={(event: RowClickedEvent<Row>) => {
          // A link or button inside the row does what it says; anywhere else in the row opens the row.
          if ((event.event?.target as Element | null)?.closest?.('a, button')) return;
          if (event.data) props.onRowClicked?.(event.data);
        }}
        onGridReady={(event) => {
          const kept = readLayout(layoutKey);
          if (kept) event.api.applyColumnState({ state: kept, applyOrder: true });
        }}
        onColumnResized={(event) => {
          if (event.finished && event.source === 'uiColumnResized') keepLayout(layoutKey, event.api);
        }}
        onColumnMoved={(event) => {
          if (event.finished && event.source === 'uiColumnMoved') keepLayout(layoutKey, event.api);
        }}
        // A header dragged to a new place moves the column while the drag lasts: what is kept is where it ends.
        onDragStopped={(event) => keepLayout(layoutKey, event.api)}
      />
    </div>
  );
}
