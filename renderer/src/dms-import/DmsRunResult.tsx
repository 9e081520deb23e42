import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DmsRunSummary } from '../../../shared/contract/dms-import';
import { cellOf, type DmsRowReason } from '../../../shared/domain/dms-import-rows';
import type { DmsMapping, DmsTarget } from '../../../shared/domain/dms-import';
import { api, orpc } from '../api/client';
import { ImportFigures } from '../imports/ImportFigures';
import { ImportProblem } from '../imports/ImportFileField';
import { describeImportError } from '../imports/import-mapping';
import { downloadBase64 } from '../parts/parts-format';
import { DataTable } from '../ui/DataTable';
import { formatNumber } from '../ui/format';
import { ErrorBanner, Section } from '../ui/widgets';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Refused rows shown a page at a time: the list of a whole file refused is paged in the core. */
const PAGE = 20;
const FIGURES = ['rows', 'created', 'updated', 'unchanged', 'refused'] as const;

/**
 * What a run of one file did (a commit) or would do (a dry run): its counts, what that means in a sentence, and the
 * rows refused with their line, old id, column, value and reason, paged, and downloadable as a spreadsheet.
 */
export function DmsRunResult(props: {
  importId: number;
  summary: DmsRunSummary;
  mapping: DmsMapping;
  /** Which run of this panel: a new run starts its refused rows at the first page. */
  run: number;
  targetLabel: (target: DmsTarget) => string;
  next: ReactNode;
}) {
  const { t } = useTranslation();
  const { summary } = props;
  const title = summary.committed || summary.cancelled ? t('dmsImport.importResult') : t('dmsImport.dryRunResult');
  const sentences = summary.cancelled
    ? [t('dmsImport.cancelled')]
    : summary.committed
      ? [
          summary.written > 0 ? t('dmsImport.written', { count: summary.written }) : t('dmsImport.writtenNone'),
          ...(summary.refused > 0 ? [t('dmsImport.refusedLeftOut')] : []),
        ]
      : [summary.refused > 0 ? t('dmsImport.dryRunRefused', { count: summary.refused }) : t('dmsImport.dryRunGood')];
  const good = !summary.cancelled && (summary.committed || summary.refused === 0);
  return (
    <Section title={title} actions={props.next}>
      <div className={good ? 'banner badge-green' : 'banner banner-warning'} role="status">
        {sentences.map((sentence) => (
          <div key={sentence}>{sentence}</div>
        ))}
      </div>
      <ImportFigures
        caption={title}
        arrived={summary}
        figures={FIGURES.map((figure) => ({ key: figure, label: t(`dmsImport.figures.${figure}`), value: summary[figure] }))}
      />
      {summary.refused > 0 ? (
        <RefusedRows key={props.run} importId={props.importId} mapping={props.mapping} targetLabel={props.targetLabel} />
      ) : null}
    </Section>
  );
}

function RefusedRows(props: { importId: number; mapping: DmsMapping; targetLabel: (target: DmsTarget) => string }) {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const page = useQuery({
    ...orpc.dmsImport.refusalsPage.queryOptions({ input: { importId: props.importId, offset, limit: PAGE } }),
    placeholderData: keepPreviousData,
  });
  const download = async () => {
    setProblem(null);
    try {
      // The spreadsheet speaks the screen's language: its reasons and column names are written by the core in it.
      const language = i18n.language === 'en' ? 'en' : 'zh-CN';
      const file = await api.dmsImport.refusals({ importId: props.importId, language });
      downloadBase64(file.fileName, file.dataBase64, XLSX_TYPE);
    } catch (error) {
      setProblem(describeImportError(t, error, 'dmsFile'));
    }
  };
  const total = page.data?.total ?? 0;
  return (
    <>
      <div className="card-header">
        <h3>{t('dmsImport.refused.title')}</h3>
        <div className="card-actions">
          <button type="button" onClick={() => void download()}>
            {t('dmsImport.refused.download')}
          </button>
        </div>
      </div>
      <ImportProblem text={problem} />
      <ErrorBanner error={page.error} />
      <DataTable
        caption={t('dmsImport.refused.title')}
        rows={page.data?.rows}
        rowKey={(row) => row.line}
        empty=""
        columns={[
          { id: 'line', header: t('dmsImport.refused.line'), numeric: true, cell: (row) => row.line },
          { id: 'key', header: t('dmsImport.refused.key'), cell: (row) => row.key },
          { id: 'column', header: t('dmsImport.refused.column'), cell: (row) => props.targetLabel(row.field) },
          { id: 'value', header: t('dmsImport.refused.value'), cell: (row) => cellOf(row.cells, props.mapping, row.field) },
          {
            id: 'reason',
            header: t('dmsImport.refused.reason'),
            cell: (row) => t(`reasons.${row.reason satisfies DmsRowReason}`),
          },
        ]}
      />
      {total > PAGE ? (
        <div className="dms-pager">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('dmsImport.refused.previous')}
          </button>
          <span className="muted">
            {t('dmsImport.refused.page', {
              from: formatNumber(offset + 1),
              to: formatNumber(Math.min(total, offset + PAGE)),
              total: formatNumber(total),
            })}
          </span>
          <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            {t('dmsImport.refused.next')}
          </button>
        </div>
      ) : null}
    </>
  );
}
