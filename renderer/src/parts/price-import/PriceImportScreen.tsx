import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ApiIssue } from '../../../../shared/contract/errors';
import {
  importRunInput,
  MAX_PRICE_FILE_MB,
  type ImportPrepared,
  type ImportProgress,
  type ImportSummary,
  type OnErrors,
} from '../../../../shared/contract/parts/price-import';
import { MAPPING_TARGETS, REQUIRED_TARGETS, type ColumnMapping, type MappingTarget } from '../../../../shared/domain/price-file';
import { api, orpc } from '../../api/client';
import { describeIssue, toApiError } from '../../api/errors';
import { uploadPriceFile } from '../../api/upload';
import { DataTable } from '../../ui/DataTable';
import { schemaResolver } from '../../ui/form-resolver';
import { Field, Section } from '../../ui/widgets';
import { FileButton } from '../../ui/FileButton';
import { PartsTabs } from '../PartsTabs';

/** What the mapping form holds: one select per target (a column index as text, '' for none) and the error policy. */
interface MappingValues {
  mapping: Record<MappingTarget, string>;
  onErrors: OnErrors;
}

const FORM_SCHEMA = importRunInput.pick({ mapping: true, onErrors: true });

function toInput(values: MappingValues): { mapping: ColumnMapping; onErrors: OnErrors } {
  const mapping = Object.fromEntries(
    MAPPING_TARGETS.map((target) => {
      const value = values.mapping[target];
      return [target, value === '' || value === undefined ? null : Number(value)];
    }),
  ) as ColumnMapping;
  return { mapping, onErrors: values.onErrors };
}

function toValues(mapping: ColumnMapping): MappingValues['mapping'] {
  return Object.fromEntries(
    MAPPING_TARGETS.map((target) => [target, mapping[target] === null ? '' : String(mapping[target])]),
  ) as MappingValues['mapping'];
}

/** A, B, … Z, AA, AB: the column letters a spreadsheet shows. */
function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}

/** The file input's refusals name the file chosen, not the upload that carried it. */
function describe(t: ReturnType<typeof useTranslation>['t'], error: unknown): string {
  return (
    toApiError(error)
      .issues.map((issue: ApiIssue) => describeIssue(t, issue.field === 'uploadId' ? { ...issue, field: 'priceFile' } : issue))
      .join(' ') || t(`errors.${toApiError(error).code}`)
  );
}

/**
 * The OEM's price file into the parts master: choose the file, see its first rows, map its columns (remembered per
 * header), check it (a dry run with progress and a summary of what would change and which lines are refused and
 * why), then import it, all or nothing.
 */
export function PriceImportScreen() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [prepared, setPrepared] = useState<(ImportPrepared & { fileName: string }) | null>(null);
  const [uploading, setUploading] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [checked, setChecked] = useState<ImportSummary | null>(null);
  const [imported, setImported] = useState<ImportSummary | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const form = useForm<MappingValues, unknown, { mapping: ColumnMapping; onErrors: OnErrors }>({
    resolver: schemaResolver(FORM_SCHEMA, t, toInput),
    defaultValues: {
      mapping: toValues({
        partNumber: null,
        nameZh: null,
        nameEn: null,
        brand: null,
        unit: null,
        listPrice: null,
        cost: null,
        supersededBy: null,
      }),
      onErrors: 'stop',
    },
  });
  const number = (value: number) => value.toLocaleString(i18n.language);

  const choose = async (file: File | undefined) => {
    setProblem(null);
    setPrepared(null);
    setChecked(null);
    setImported(null);
    if (!file) return;
    setUploading(true);
    try {
      // The file goes first, as a stream to the core's temporary file; the call then names it by its upload id.
      const result = await api.parts.importPrepare({ fileName: file.name, uploadId: await uploadPriceFile(file) });
      setPrepared({ ...result, fileName: file.name });
      form.reset({ mapping: toValues(result.suggestedMapping), onErrors: form.getValues('onErrors') });
    } catch (error) {
      setProblem(describe(t, error));
    } finally {
      setUploading(false);
    }
  };

  const run = (commit: boolean) =>
    form.handleSubmit(async (values) => {
      if (!prepared) return;
      setProblem(null);
      if (commit) setImported(null);
      else setChecked(null);
      setProgress({ kind: 'progress', phase: 'reading', done: 0, total: null });
      try {
        const stream = await api.parts.importRun({ importId: prepared.importId, ...values, commit });
        for await (const event of stream) {
          if (event.kind === 'progress') setProgress(event);
          else if (commit) setImported(event);
          else setChecked(event);
        }
        if (commit) await queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
      } catch (error) {
        setProblem(describe(t, error));
      } finally {
        setProgress(null);
      }
    });

  const running = progress !== null;
  const startOver = () => {
    setPrepared(null);
    setChecked(null);
    setImported(null);
    setProblem(null);
    setFileKey((key) => key + 1);
  };
  const done = imported?.committed === true;

  return (
    <div className="page">
      <PartsTabs />
      <Section
        title={t('priceImport.title')}
        actions={
          done ? (
            <button type="button" onClick={startOver}>
              {t('priceImport.again')}
            </button>
          ) : null
        }
      >
        <div className="form-grid">
          <Field label={t('priceImport.file')} name="priceFile" wide>
            <FileButton
              key={fileKey}
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={uploading || running}
              onFiles={([file]) => void choose(file)}
            />
            <span className="muted small">
              {uploading ? t('priceImport.uploading') : t('priceImport.fileHint', { max: MAX_PRICE_FILE_MB })}
            </span>
          </Field>
        </div>
        {problem ? (
          <div className="banner banner-error" role="alert">
            {problem}
          </div>
        ) : null}
      </Section>

      {prepared ? (
        <Section
          title={t('priceImport.preview')}
          actions={
            <span className="muted">
              {t('priceImport.fileSummary', { fileName: prepared.fileName, format: prepared.format.toUpperCase() })}
            </span>
          }
        >
          <div style={{ overflowX: 'auto' }}>
            <DataTable
              caption={t('priceImport.preview')}
              rows={prepared.previewRows.map((cells, r) => ({ cells, line: r + 2 }))}
              rowKey={(row) => row.line}
              empty={t('priceImport.previewEmpty')}
              columns={[
                {
                  id: 'line',
                  header: t('priceImport.lineColumn'),
                  className: 'muted',
                  cell: (row) => row.line,
                },
                ...prepared.headers.map((header, i) => ({
                  id: String(i),
                  header: (
                    <span title={t('priceImport.column', { letter: columnLetter(i) })}>
                      {columnLetter(i)}: {header}
                    </span>
                  ),
                  cell: (row: { cells: string[] }) => row.cells[i],
                })),
              ]}
            />
          </div>
        </Section>
      ) : null}

      {prepared ? (
        <Section title={t('priceImport.mapping')}>
          <p className="muted">{prepared.remembered ? t('priceImport.mappingRemembered') : t('priceImport.mappingGuessed')}</p>
          <form className="form-grid" onSubmit={(event) => event.preventDefault()} aria-label={t('priceImport.mapping')}>
            {MAPPING_TARGETS.map((target) => (
              <Field
                key={target}
                label={`${t(`priceImport.targets.${target}`)}${REQUIRED_TARGETS.includes(target) ? ` (${t('priceImport.required')})` : ''}`}
                name={`mapping.${target}`}
                error={form.formState.errors.mapping?.[target]}
              >
                <select
                  {...form.register(`mapping.${target}`, {
                    onChange: () => {
                      setChecked(null);
                    },
                  })}
                  disabled={running || done}
                >
                  <option value="">{t('priceImport.noColumn')}</option>
                  {prepared.headers.map((header, i) => (
                    <option key={i} value={String(i)}>
                      {t('priceImport.columnOption', { letter: columnLetter(i), header })}
                    </option>
                  ))}
                </select>
              </Field>
            ))}
            <fieldset className="field field-wide" disabled={running || done}>
              <legend className="field-label">{t('priceImport.onErrors')}</legend>
              <label>
                <input type="radio" value="stop" {...form.register('onErrors', { onChange: () => setChecked(null) })} />{' '}
                {t('priceImport.onErrorsStop')}
              </label>{' '}
              <label>
                <input type="radio" value="skip" {...form.register('onErrors', { onChange: () => setChecked(null) })} />{' '}
                {t('priceImport.onErrorsSkip')}
              </label>
            </fieldset>
            <div className="form-actions field-wide">
              <button type="button" onClick={run(false)} disabled={running || done}>
                {t('priceImport.check')}
              </button>
              {checked ? (
                <button type="button" className="primary" onClick={run(true)} disabled={running || done}>
                  {t('priceImport.import')}
                </button>
              ) : null}
            </div>
          </form>
          {progress ? <ProgressLine progress={progress} format={number} /> : null}
        </Section>
      ) : null}

      {imported ? <SummarySection kind="import" summary={imported} format={number} /> : null}
      {checked && !imported ? <SummarySection kind="check" summary={checked} format={number} /> : null}
    </div>
  );
}

function ProgressLine({ progress, format }: { progress: ImportProgress; format: (n: number) => string }) {
  const { t } = useTranslation();
  const label = t(`priceImport.phases.${progress.phase}`);
  return (
    <div className="import-progress" role="status" aria-live="polite">
      <div>
        {label}:{' '}
        {progress.total === null
          ? t('priceImport.progressRead', { done: format(progress.done) })
          : t('priceImport.progressCount', { done: format(progress.done), total: format(progress.total) })}
      </div>
      {progress.total === null ? (
        <progress aria-label={label} style={{ width: '100%' }} />
      ) : (
        <progress aria-label={label} value={progress.done} max={Math.max(1, progress.total)} style={{ width: '100%' }} />
      )}
    </div>
  );
}

function SummarySection({
  kind,
  summary,
  format,
}: {
  kind: 'check' | 'import';
  summary: ImportSummary;
  format: (n: number) => string;
}) {
  const { t } = useTranslation();
  const figures = ['lines', 'added', 'changedPrice', 'changedOther', 'unchanged', 'rejected'] as const;
  const isImport = kind === 'import';
  const title = isImport ? t('priceImport.importResult') : t('priceImport.checkResult');
  // The result appears below the mapping form: bring it into view when it arrives.
  const anchor = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Braces: newer Chromium returns a promise from scrollIntoView, which React would take for a clean-up function.
    void anchor.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [summary]);
  return (
    <Section title={title}>
      <div ref={anchor} />
      {isImport ? (
        <div className={summary.committed ? 'banner badge-green' : 'banner banner-error'} role="status">
          {summary.committed ? t('priceImport.committed') : t('priceImport.notCommitted', { count: summary.rejected })}
        </div>
      ) : null}
      <dl
        className="import-summary"
        aria-label={title}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(6, auto)', gap: '0.25rem 1.5rem' }}
      >
        {figures.map((figure) => (
          <div key={figure} data-figure={figure}>
            <dt className="muted">{t(`priceImport.summary.${figure}`)}</dt>
            <dd style={{ margin: 0, fontSize: '1.4em', fontWeight: 600 }}>{format(summary[figure])}</dd>
          </div>
        ))}
      </dl>
      {summary.rejections.length > 0 ? (
        <>
          <h3>{t('priceImport.rejectedLines')}</h3>
          {summary.rejected > summary.rejections.length ? (
            <p className="muted">
              {t('priceImport.rejectedMore', { shown: summary.rejections.length, count: summary.rejected })}
            </p>
          ) : null}
          <DataTable
            caption={t('priceImport.rejectedLines')}
            rows={summary.rejections}
            rowKey={(rejection) => rejection.line}
            empty=""
            columns={[
              {
                id: 'line',
                header: t('priceImport.lineColumn'),
                cell: (rejection) => t('priceImport.line', { line: rejection.line }),
              },
              { id: 'partNumber', header: t('priceImport.partNumberColumn'), cell: (rejection) => rejection.partNumber },
              {
                id: 'field',
                header: t('priceImport.fieldColumn'),
                cell: (rejection) => t(`priceImport.targets.${rejection.field}`),
              },
              { id: 'reason', header: t('priceImport.reasonColumn'), cell: (rejection) => t(`reasons.${rejection.reason}`) },
            ]}
          />
        </>
      ) : null}
    </Section>
  );
}
