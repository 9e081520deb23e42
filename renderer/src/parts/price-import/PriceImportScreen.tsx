import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
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
import { uploadPriceFile } from '../../api/upload';
import { FilePreview } from '../../imports/FilePreview';
import { ImportFigures } from '../../imports/ImportFigures';
import { ImportFileField } from '../../imports/ImportFileField';
import { ImportProgressLine } from '../../imports/ImportProgressLine';
import { mappingToValues, valuesToMapping } from '../../imports/import-mapping';
import { usePreparedFile } from '../../imports/use-prepared-file';
import { MappingFields, MappingSection } from '../../imports/MappingFields';
import { DataTable } from '../../ui/DataTable';
import { schemaResolver } from '../../ui/form-resolver';
import { Section } from '../../ui/widgets';
import { PartsTabs } from '../PartsTabs';

/** What the mapping form holds: one select per target (a column index as text, '' for none) and the error policy. */
interface MappingValues {
  mapping: Record<MappingTarget, string>;
  onErrors: OnErrors;
}

const FORM_SCHEMA = importRunInput.pick({ mapping: true, onErrors: true });
const TARGETS = MAPPING_TARGETS.map((target) => ({ target, required: REQUIRED_TARGETS.includes(target) }));

function toInput(values: MappingValues): { mapping: ColumnMapping; onErrors: OnErrors } {
  return { mapping: valuesToMapping(MAPPING_TARGETS, values.mapping), onErrors: values.onErrors };
}

/**
 * The OEM's price file into the parts master: choose the file, see its first rows, map its columns (remembered per
 * header), check it (a dry run with progress and a summary of what would change and which lines are refused and
 * why), then import it, all or nothing.
 */
export function PriceImportScreen() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [checked, setChecked] = useState<ImportSummary | null>(null);
  const [imported, setImported] = useState<ImportSummary | null>(null);
  const file = usePreparedFile<ImportPrepared>(
    'priceFile',
    // The file goes first, as a stream to the core's temporary file; the call then names it by its upload id.
    async (chosen) => api.parts.importPrepare({ fileName: chosen.name, uploadId: await uploadPriceFile(chosen) }),
    () => {
      setChecked(null);
      setImported(null);
    },
  );
  const { prepared, problem, setProblem } = file;
  const form = useForm<MappingValues, unknown, { mapping: ColumnMapping; onErrors: OnErrors }>({
    resolver: schemaResolver(FORM_SCHEMA, t, toInput),
    defaultValues: {
      mapping: mappingToValues(MAPPING_TARGETS, {}),
      onErrors: 'stop',
    },
  });

  const choose = async (chosen: File | undefined) => {
    const answer = await file.choose(chosen);
    if (answer)
      form.reset({ mapping: mappingToValues(MAPPING_TARGETS, answer.suggestedMapping), onErrors: form.getValues('onErrors') });
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
        file.failed(error);
      } finally {
        setProgress(null);
      }
    });

  const running = progress !== null;
  const done = imported?.committed === true;

  return (
    <div className="page">
      <PartsTabs />
      <Section
        title={t('priceImport.title')}
        actions={
          done ? (
            <button type="button" onClick={file.startOver}>
              {t('priceImport.again')}
            </button>
          ) : null
        }
      >
        <ImportFileField
          key={file.fileKey}
          name="priceFile"
          label={t('priceImport.file')}
          hint={t('priceImport.fileHint', { max: MAX_PRICE_FILE_MB })}
          uploading={file.uploading}
          disabled={running}
          onFile={(chosen) => void choose(chosen)}
          problem={problem}
        />
      </Section>

      {prepared ? (
        <FilePreview
          headers={prepared.headers}
          rows={prepared.previewRows}
          details={
            <span className="muted">
              {t('imports.fileSummary', { fileName: prepared.fileName, format: prepared.format.toUpperCase() })}
            </span>
          }
        />
      ) : null}

      {prepared ? (
        <MappingSection
          remembered={prepared.remembered}
          after={progress ? <ImportProgressLine progress={progress} label={t(`priceImport.phases.${progress.phase}`)} /> : null}
        >
          <MappingFields
            targets={TARGETS}
            headers={prepared.headers}
            label={(target) => t(`priceImport.targets.${target}`)}
            register={(target) => form.register(`mapping.${target}`, { onChange: () => setChecked(null) })}
            error={(target) => form.formState.errors.mapping?.[target]}
            disabled={running || done}
          />
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
        </MappingSection>
      ) : null}

      {imported ? <SummarySection kind="import" summary={imported} /> : null}
      {checked && !imported ? <SummarySection kind="check" summary={checked} /> : null}
    </div>
  );
}

function SummarySection({ kind, summary }: { kind: 'check' | 'import'; summary: ImportSummary }) {
  const { t } = useTranslation();
  const figures = ['lines', 'added', 'changedPrice', 'changedOther', 'unchanged', 'rejected'] as const;
  const isImport = kind === 'import';
  const title = isImport ? t('priceImport.importResult') : t('priceImport.checkResult');
  return (
    <Section title={title}>
      {isImport ? (
        <div className={summary.committed ? 'banner badge-green' : 'banner banner-error'} role="status">
          {summary.committed ? t('priceImport.committed') : t('priceImport.notCommitted', { count: summary.rejected })}
        </div>
      ) : null}
      <ImportFigures
        caption={title}
        arrived={summary}
        figures={figures.map((figure) => ({ key: figure, label: t(`priceImport.summary.${figure}`), value: summary[figure] }))}
      />
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
                header: t('imports.lineColumn'),
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
