import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ColDef, ICellRendererParams, SuppressKeyboardEventParams } from 'ag-grid-community';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { issueFromZod } from '../../../../shared/contract/errors';
import type { GridInput } from '../../../../shared/contract/paging';
import {
  countedMilli,
  MAX_COUNTS_PER_ENTRY,
  STOCKTAKE_LINE_FILTERS,
  type StocktakeLineDto,
  type StocktakeLineFilter,
  type StocktakeLineGridColumn,
  type StocktakeSummary,
} from '../../../../shared/contract/parts/stocktake';
import { formatQuantity, parseQuantity } from '../../../../shared/domain/money';
import { api, orpc } from '../../api/client';
import { describeIssue } from '../../api/errors';
import { decimalText } from '../../catalog/decimal-text';
import { DataGrid } from '../../ui/DataGrid';
import { useDebounced } from '../../ui/use-debounced';
import { EnumSelect, ErrorBanner, Section } from '../../ui/widgets';
import { usePartsFormat } from '../parts-format';
import { signedMoney } from './StocktakeListScreen';

/** A count as typed ("12", "2.5"), checked by the contract's own schema. */
const countText = decimalText(parseQuantity, 3, countedMilli);

/** A count typed into a line and not saved yet, with what the line showed when typing began. */
export interface Draft {
  text: string;
  was: string;
}
export type Drafts = Record<number, Draft>;

/** The counts typed that differ from what their lines show: what "Save counts" sends. */
export function pendingDrafts(drafts: Drafts): [number, string][] {
  return Object.entries(drafts)
    .filter(([, draft]) => draft.text.trim() !== draft.was)
    .map(([lineId, draft]) => [Number(lineId), draft.text]);
}

const savedText = (line: StocktakeLineDto) => (line.countedMilli === null ? '' : formatQuantity(line.countedMilli));

/** What the sheet's cells need of the screen: whether counting is on, the typed counts, and the way down the sheet. */
interface SheetState {
  counting: boolean;
  mayCount: boolean;
  drafts: Drafts;
  errors: Record<number, string>;
  type: (line: StocktakeLineDto, text: string) => void;
  next: (from: HTMLElement, rowIndex: number) => void;
}
const SheetContext = createContext<SheetState | null>(null);

/** Blind count: the book quantity stays hidden while the stocktake counts and the line is not counted. */
function FrozenCell(p: ICellRendererParams<StocktakeLineDto>) {
  const { t } = useTranslation();
  const format = usePartsFormat();
  const sheet = useContext(SheetContext);
  const line = p.data;
  if (!line || !sheet) return null;
  if (line.countedMilli === null && sheet.counting) {
    return (
      <span className="muted" title={t('stocktake.blindHint')}>
        {t('stocktake.hidden')}
      </span>
    );
  }
  return <>{format.qtyUnit(line.frozenMilli, line.unit)}</>;
}

/** The box a count is typed into; Enter goes down the sheet as on paper. */
function CountCell(p: ICellRendererParams<StocktakeLineDto>) {
  const { t } = useTranslation();
  const format = usePartsFormat();
  const sheet = useContext(SheetContext);
  const line = p.data;
  if (!line || !sheet) return null;
  if (!sheet.mayCount) return <>{line.countedMilli === null ? '' : format.qty(line.countedMilli)}</>;
  const error = sheet.errors[line.id];
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    sheet.next(event.currentTarget, p.node.rowIndex ?? 0);
  };
  return (
    <span className="sheet-count">
      <input
        data-count
        inputMode="decimal"
        size={8}
        maxLength={12}
        aria-label={t('stocktake.countFor', { partNumber: line.partNumber, bin: line.bin })}
        aria-invalid={error ? true : undefined}
        value={sheet.drafts[line.id]?.text ?? savedText(line)}
        onChange={(event) => sheet.type(line, event.target.value)}
        onKeyDown={onKey}
      />
      {error ? (
        <span className="field-error" role="alert" title={error}>
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** Keys typed in a count box are the box's (arrows move the caret, Enter goes down): the grid does not take them. */
const keysStayInBox = (params: SuppressKeyboardEventParams) => (params.event.target as Element | null)?.tagName === 'INPUT';

/**
 * Focuses the count box of row `rowIndex` once the grid has drawn it: focusing scrolls it into view; a row past the
 * ones drawn is brought in by scrolling the grid a row down (and may still be loading).
 */
function focusCountBox(frame: Element | null, rowIndex: number, tries = 40): void {
  const input = frame?.querySelector<HTMLInputElement>(`.ag-row[row-index="${rowIndex}"] input[data-count]`);
  if (input) {
    input.focus();
    input.select();
    return;
  }
  if (tries === 0) return;
  const viewport = frame?.querySelector<HTMLElement>('.ag-body-viewport');
  const drawn = frame?.querySelector<HTMLElement>(`.ag-row[row-index="${rowIndex - 1}"]`);
  if (viewport && drawn) viewport.scrollTop += drawn.offsetHeight;
  window.setTimeout(() => focusCountBox(frame, rowIndex, tries - 1), 50);
}

/**
 * The count sheet: the frozen lines in bin order as a grid paged in SQL, a box per line to type the count into
 * (Enter goes down the sheet; on the last line it saves), the variance and its value once counted. Typed counts are
 * kept by line while the grid pages, so scrolling away loses nothing; "Save counts" sends them all.
 */
export function CountSheet(props: {
  take: StocktakeSummary;
  mayCount: boolean;
  drafts: Drafts;
  setDrafts: (update: (drafts: Drafts) => Drafts) => void;
}) {
  const { take, drafts, setDrafts } = props;
  const { t, i18n } = useTranslation();
  const format = usePartsFormat();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<StocktakeLineFilter>('all');
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 250);
  const [errors, setErrors] = useState<Record<number, string>>({});
  const enter = useMutation(orpc.parts.enterCounts.mutationOptions());
  const pending = pendingDrafts(drafts);
  // How many lines the sheet shows, once the grid has read its last block: Enter on the last line saves.
  const lineCount = useRef<number | null>(null);

  const saveCounts = async () => {
    const counts: { lineId: number; countedMilli: number }[] = [];
    const refused: Record<number, string> = {};
    for (const [lineId, raw] of pending) {
      const parsed = countText.safeParse(raw);
      if (parsed.success) counts.push({ lineId, countedMilli: parsed.data });
      else refused[lineId] = describeIssue(t, issueFromZod(parsed.error.issues[0]!, raw));
    }
    setErrors(refused);
    if (counts.length === 0 || Object.keys(refused).length > 0) return;
    // A long sheet typed in one go goes in entries of at most MAX_COUNTS_PER_ENTRY lines, each at the version the last left.
    let version = take.version;
    try {
      for (let start = 0; start < counts.length; start += MAX_COUNTS_PER_ENTRY) {
        const saved = await enter.mutateAsync({
          id: take.id,
          version,
          counts: counts.slice(start, start + MAX_COUNTS_PER_ENTRY),
        });
        version = saved.version;
        const done = new Set(counts.slice(start, start + MAX_COUNTS_PER_ENTRY).map((count) => count.lineId));
        setDrafts((now) => Object.fromEntries(Object.entries(now).filter(([lineId]) => !done.has(Number(lineId)))));
      }
    } finally {
      void queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
    }
  };

  const sheet: SheetState = {
    counting: take.status === 'counting',
    mayCount: props.mayCount,
    drafts,
    errors,
    type: (line, typed) =>
      setDrafts((now) => ({ ...now, [line.id]: { text: typed, was: now[line.id]?.was ?? savedText(line) } })),
    next: (from, rowIndex) => {
      if (lineCount.current !== null && rowIndex + 1 >= lineCount.current) void saveCounts().catch(() => undefined);
      else focusCountBox(from.closest('.grid-frame'), rowIndex + 1);
    },
  };

  const fetchPage = useCallback(
    (request: GridInput<StocktakeLineGridColumn>) =>
      api.parts.stocktakeLinesGrid({ ...request, id: take.id, filter, text: search }),
    [take.id, filter, search],
  );

  const columns = useMemo<ColDef<StocktakeLineDto>[]>(
    () => [
      { colId: 'bin', field: 'bin', headerName: t('stocktake.columns.bin'), sortable: true, flex: 0.9 },
      { colId: 'partNumber', field: 'partNumber', headerName: t('stocktake.columns.partNumber'), flex: 1 },
      {
        colId: 'name',
        headerName: t('stocktake.columns.name'),
        valueGetter: (p) => (p.data ? format.name(p.data) : ''),
        flex: 1.6,
      },
      {
        colId: 'frozen',
        headerName: t('stocktake.columns.frozen'),
        cellRenderer: FrozenCell,
        flex: 0.9,
      },
      {
        colId: 'count',
        headerName: t('stocktake.columns.count'),
        cellRenderer: CountCell,
        suppressKeyboardEvent: keysStayInBox,
        flex: 1.2,
      },
      {
        colId: 'variance',
        headerName: t('stocktake.columns.variance'),
        valueGetter: (p) => (p.data?.varianceMilli == null ? '' : format.qty(p.data.varianceMilli)),
        flex: 0.8,
      },
      {
        colId: 'value',
        headerName: t('stocktake.columns.value'),
        sortable: true,
        valueGetter: (p) => (p.data?.varianceFen == null ? '' : signedMoney(format, p.data.varianceFen)),
        flex: 0.9,
      },
    ],
    // Column titles and figures follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );

  return (
    <Section title={t('stocktake.sheet')}>
      <div className="inline-form">
        <label>
          {t('stocktake.show')}{' '}
          <EnumSelect
            values={STOCKTAKE_LINE_FILTERS}
            catalogue="stocktake.filters"
            value={filter}
            onChange={(event) => setFilter(event.target.value as StocktakeLineFilter)}
          />
        </label>
        <label>
          {t('stocktake.search')}{' '}
          <input type="search" value={text} maxLength={60} onChange={(event) => setText(event.target.value)} />
        </label>
        {props.mayCount ? (
          <button
            type="button"
            className="primary"
            disabled={enter.isPending || pending.length === 0}
            onClick={() => void saveCounts().catch(() => undefined)}
          >
            {t('stocktake.saveCounts', { count: pending.length })}
          </button>
        ) : null}
      </div>
      <ErrorBanner error={enter.error} />
      <div className="sheet-grid">
        <SheetContext.Provider value={sheet}>
          <DataGrid<StocktakeLineDto, StocktakeLineGridColumn>
            gridId="parts.stocktakeLines"
            label={t('stocktake.sheet')}
            columns={columns}
            fetchPage={fetchPage}
            liveArea="parts"
            emptyText={t('stocktake.noLines')}
          />
        </SheetContext.Provider>
      </div>
    </Section>
  );
}
