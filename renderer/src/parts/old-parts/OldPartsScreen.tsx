import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../../shared/contract';
import type { GridInput } from '../../../../shared/contract/paging';
import {
  OLD_PART_VIEWS,
  type OldPartDto,
  type OldPartGridColumn,
  type OldPartView,
  type UntaggedGridColumn,
  type UntaggedWarrantyLine,
} from '../../../../shared/contract/parts/old-parts';
import { formatQuantity } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { DataGrid } from '../../ui/DataGrid';
import { formatDate } from '../../ui/format';
import { useDebounced } from '../../ui/use-debounced';
import { EnumSelect } from '../../ui/widgets';
import { PartsTabs } from '../PartsTabs';
import { DisposeForm, SettleForm, TagForm } from './OldPartForms';

/** Each of the two grids takes half of what the page leaves, never less than its own least height (the page scrolls). */
const HALF = { display: 'flex', flexDirection: 'column', flex: '1 0 auto', gap: 8 } as const;

const qty = (p: { value?: number | null }) => (typeof p.value === 'number' ? formatQuantity(p.value) : '');
const roLink = (p: ICellRendererParams<{ repairOrderId: number; roNumber: string }>) =>
  p.data ? <Link to={`/repair-orders/${p.data.repairOrderId}`}>{p.data.roNumber}</Link> : null;

/** The clerk's to-do: part lines of warranty jobs with no old part tagged yet, issued ones first. */
function UntaggedGrid({ written, onWritten }: { written: number; onWritten: () => void }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const [tagging, setTagging] = useState<UntaggedWarrantyLine | null>(null);
  const mayTag = canCall(user.role, contract.parts.tagOldPart);
  const fetchPage = useCallback(
    (request: GridInput<UntaggedGridColumn>) => api.parts.untaggedWarrantyLinesGrid(request),
    // `written` is a reason to read again, not an input.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [written],
  );
  const columns = useMemo<ColDef<UntaggedWarrantyLine>[]>(
    () => [
      { colId: 'ro', headerName: t('oldParts.columns.ro'), cellRenderer: roLink, flex: 1.1 },
      { colId: 'plate', field: 'plate', headerName: t('oldParts.columns.plate'), flex: 0.9 },
      { colId: 'job', field: 'concern', headerName: t('oldParts.columns.job'), flex: 1.6 },
      {
        colId: 'part',
        headerName: t('oldParts.columns.part'),
        valueGetter: (p) => (p.data ? `${p.data.partNumber} ${p.data.nameZh}` : ''),
        flex: 1.8,
      },
      { colId: 'qty', field: 'qtyMilli', headerName: t('oldParts.columns.qty'), valueFormatter: qty, flex: 0.6 },
      {
        colId: 'issued',
        field: 'issuedMilli',
        headerName: t('oldParts.columns.issued'),
        valueFormatter: (p) => (typeof p.value === 'number' && p.value > 0 ? formatQuantity(p.value) : ''),
        flex: 0.6,
      },
      {
        colId: 'actions',
        headerName: t('app.rowActions'),
        cellRenderer: (p: ICellRendererParams<UntaggedWarrantyLine>) =>
          p.data && mayTag ? (
            <button type="button" className="link" onClick={() => setTagging(p.data ?? null)}>
              {t('oldParts.tag')}
            </button>
          ) : null,
        flex: 0.9,
      },
    ],
    // Column titles follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language, mayTag],
  );
  return (
    <section style={HALF}>
      <h2>{t('oldParts.todo')}</h2>
      <p className="muted small">{t('oldParts.todoHint')}</p>
      {tagging ? (
        <section className="card">
          <TagForm
            key={tagging.lineId}
            line={tagging}
            onDone={() => {
              setTagging(null);
              onWritten();
            }}
          />
        </section>
      ) : null}
      <DataGrid<UntaggedWarrantyLine, UntaggedGridColumn>
        gridId="parts.oldParts.todo"
        label={t('oldParts.todo')}
        emptyText={t('oldParts.todoNone')}
        columns={columns}
        fetchPage={fetchPage}
        liveArea="parts"
      />
    </section>
  );
}

type Panel = { item: OldPartDto; form: 'settle' | 'dispose' } | null;

/** What is on the old-parts shelf (by default: held or settled, not yet gone), oldest first, with its actions. */
function HeldGrid({ written, onWritten }: { written: number; onWritten: () => void }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const [view, setView] = useState<OldPartView>('stillHeld');
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 250);
  const [panel, setPanel] = useState<Panel>(null);
  const mayWrite = canCall(user.role, contract.parts.settleOldPartClaim);
  const fetchPage = useCallback(
    (request: GridInput<OldPartGridColumn>) => api.parts.oldPartsGrid({ ...request, view, text: search }),
    // `written` is a reason to read again, not an input.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [view, search, written],
  );
  const columns = useMemo<ColDef<OldPartDto>[]>(
    () => [
      { colId: 'tag', field: 'tagNumber', headerName: t('oldParts.columns.tag'), flex: 1.1 },
      { colId: 'ro', headerName: t('oldParts.columns.ro'), cellRenderer: roLink, flex: 1.1 },
      { colId: 'plate', field: 'plate', headerName: t('oldParts.columns.plate'), flex: 0.9 },
      {
        colId: 'part',
        headerName: t('oldParts.columns.part'),
        valueGetter: (p) => (p.data ? `${p.data.partNumber} ${p.data.nameZh}` : ''),
        flex: 1.6,
      },
      { colId: 'qty', field: 'qtyMilli', headerName: t('oldParts.columns.qty'), valueFormatter: qty, flex: 0.5 },
      { colId: 'claim', field: 'claimNumber', headerName: t('oldParts.columns.claim'), flex: 0.9 },
      { colId: 'location', field: 'location', headerName: t('oldParts.columns.location'), flex: 0.8 },
      {
        colId: 'status',
        headerName: t('oldParts.columns.status'),
        valueGetter: (p) =>
          p.data
            ? [t(`oldParts.statuses.${p.data.status}`), p.data.disposedAt ? formatDate(p.data.disposedAt) : '', p.data.note]
                .filter(Boolean)
                .join(' · ')
            : '',
        flex: 1.4,
      },
      {
        colId: 'createdAt',
        field: 'ageDays',
        headerName: t('oldParts.columns.age'),
        sortable: true,
        valueFormatter: (p) => (typeof p.value === 'number' ? t('oldParts.days', { count: p.value }) : ''),
        flex: 0.6,
      },
      {
        colId: 'actions',
        headerName: t('app.rowActions'),
        cellRenderer: (p: ICellRendererParams<OldPartDto>) => {
          const item = p.data;
          if (!item || !mayWrite) return null;
          if (item.status === 'held')
            return (
              <button type="button" className="link" onClick={() => setPanel({ item, form: 'settle' })}>
                {t('oldParts.settle')}
              </button>
            );
          if (item.status === 'claim_settled')
            return (
              <button type="button" className="link" onClick={() => setPanel({ item, form: 'dispose' })}>
                {t('oldParts.dispose')}
              </button>
            );
          return null;
        },
        flex: 1,
      },
    ],
    // Column titles and figures follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language, mayWrite],
  );
  const done = () => {
    setPanel(null);
    onWritten();
  };
  return (
    <section style={HALF}>
      <h2>{t('oldParts.held')}</h2>
      <div className="inline-form">
        <label>
          {t('oldParts.show')}{' '}
          <EnumSelect
            values={OLD_PART_VIEWS}
            catalogue="oldParts.views"
            value={view}
            onChange={(event) => setView(event.target.value as OldPartView)}
          />
        </label>
        <label>
          {t('oldParts.search')}{' '}
          <input type="search" value={text} maxLength={60} onChange={(event) => setText(event.target.value)} />
        </label>
      </div>
      {panel ? (
        <section className="card">
          {panel.form === 'settle' ? <SettleForm key={panel.item.id} item={panel.item} onDone={done} /> : null}
          {panel.form === 'dispose' ? <DisposeForm key={panel.item.id} item={panel.item} onDone={done} /> : null}
        </section>
      ) : null}
      <DataGrid<OldPartDto, OldPartGridColumn>
        gridId="parts.oldParts"
        label={t('oldParts.held')}
        emptyText={t('oldParts.none')}
        columns={columns}
        fetchPage={fetchPage}
        liveArea="parts"
      />
    </section>
  );
}

/**
 * Warranty old parts (旧件): failed parts taken off cars under warranty, tagged to their job and kept until the
 * OEM settles the claim, then returned or scrapped. The to-do of untagged warranty lines, then what is held: two
 * grids paged in SQL. A tag moves a line from the one to the other, so a write at this desk reads both again.
 */
export function OldPartsScreen() {
  const [written, setWritten] = useState(0);
  const onWritten = () => setWritten((n) => n + 1);
  return (
    <div className="page page-fill">
      <PartsTabs />
      <UntaggedGrid written={written} onWritten={onWritten} />
      <HeldGrid written={written} onWritten={onWritten} />
    </div>
  );
}
