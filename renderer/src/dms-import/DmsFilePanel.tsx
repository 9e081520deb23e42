import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  MAX_DMS_FILE_MB,
  runInput,
  TEMPLATE_LANGUAGES,
  type DmsPrepared,
  type DmsRunProgress,
  type DmsRunSummary,
} from '../../../shared/contract/dms-import';
import { DMS_TARGETS, type DmsImportKind, type DmsMapping, type DmsTarget } from '../../../shared/domain/dms-import';
import { api, orpc } from '../api/client';
import { toApiError } from '../api/errors';
import { uploadDmsFile } from '../api/upload';
import { FilePreview } from '../imports/FilePreview';
import { ImportFileField } from '../imports/ImportFileField';
import { ImportProgressLine } from '../imports/ImportProgressLine';
import { mappingToValues, valuesToMapping } from '../imports/import-mapping';
import { usePreparedFile } from '../imports/use-prepared-file';
import { MappingFields, MappingSection } from '../imports/MappingFields';
import { downloadBase64 } from '../parts/parts-format';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { schemaResolver } from '../ui/form-resolver';
import { Section } from '../ui/widgets';
import { DmsRunResult, XLSX_TYPE } from './DmsRunResult';

/** Where one file of the move stands, for its step's badge. */
export type FileStatus = 'new' | 'checked' | 'imported';

interface MappingValues {
  mapping: Partial<Record<DmsTarget, string>>;
}

/**
 * One export of the previous DMS (`kind`): its template, the file chosen (format, encoding, first rows), the column
 * mapping (required targets marked, remembered or guessed), a dry run with the rows it would refuse and why, then the
 * import with its progress, a stop that asks first, and the result.
 */
export function DmsFilePanel(props: {
  kind: DmsImportKind;
  position: number;
  next: DmsImportKind | null;
  onNext: (kind: DmsImportKind) => void;
  onStatus: (status: FileStatus) => void;
}) {
  const { kind, onStatus } = props;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const targets = DMS_TARGETS[kind];
  const [progress, setProgress] = useState<DmsRunProgress | null>(null);
  const [committing, setCommitting] = useState(false);
  const [asking, setAsking] = useState(false);
  const [stopping, setStopping] = useState(false);
  // The last run's result and the mapping it ran with (the refused rows' values are read through it).
  const [result, setResult] = useState<{ summary: DmsRunSummary; mapping: DmsMapping; runs: number } | null>(null);
  const file = usePreparedFile<DmsPrepared>(
    'dmsFile',
    // The file goes first, streamed to the core's temporary file; the call then names it by its upload id.
    async (chosen) => api.dmsImport.prepare({ kind, fileName: chosen.name, uploadId: await uploadDmsFile(chosen) }),
    () => setResult(null),
  );
  const { prepared, problem, setProblem } = file;
  // The resolver checks the whole call as the core will (the procedure's own schema), naming the prepared import
  // (react-hook-form takes the options of each render, so the resolver sees the file prepared last).
  const form = useForm<MappingValues, unknown, { importId: number; kind: DmsImportKind; mapping: DmsMapping; commit: boolean }>({
    resolver: schemaResolver(runInput, t, (values: MappingValues) => ({
      importId: prepared?.importId ?? 0,
      kind,
      mapping: valuesToMapping(targets, values.mapping),
      commit: false,
    })),
    defaultValues: { mapping: mappingToValues(targets, {}) },
  });

  const running = progress !== null;
  const dryRunDone = result !== null && !result.summary.committed && !result.summary.cancelled;
  const checked = dryRunDone && !running;
  const imported = result?.summary.committed === true;
  useEffect(() => onStatus(imported ? 'imported' : dryRunDone ? 'checked' : 'new'), [dryRunDone, imported, onStatus]);
  const targetLabel = (target: DmsTarget) => t([`dmsImport.targetsOf.${kind}.${target}`, `dmsImport.targets.${target}`]);

  const choose = async (chosen: File | undefined) => {
    const answer = await file.choose(chosen);
    if (answer) form.reset({ mapping: mappingToValues(targets, answer.suggestedMapping) });
  };

  const run = (commit: boolean) =>
    form.handleSubmit(
      async (values) => {
        setProblem(null);
        setResult((last) => (commit ? last : null));
        setCommitting(commit);
        setProgress({ kind: 'progress', phase: commit ? 'writing' : 'reading', done: 0, total: null });
        try {
          const stream = await api.dmsImport.run({ ...values, commit });
          for await (const event of stream) {
            if (event.kind === 'progress') setProgress(event);
            else setResult((last) => ({ summary: event, mapping: values.mapping, runs: (last?.runs ?? 0) + 1 }));
          }
        } catch (error) {
          // A mapping the core refuses (its header read anew) is said beside its select as well as above.
          for (const issue of toApiError(error).issues) {
            if (issue.field?.startsWith('mapping.'))
              form.setError(issue.field as `mapping.${DmsTarget}`, { message: t(`reasons.${issue.reason}`) });
          }
          file.failed(error);
        } finally {
          setProgress(null);
          setStopping(false);
          // Whatever a commit wrote before it ended (or was stopped) shows on every screen that reads it.
          if (commit) await queryClient.invalidateQueries();
          else await queryClient.invalidateQueries({ queryKey: orpc.dmsImport.key() });
        }
      },
      (errors) => {
        // The first target at fault, named: the select says the same beside it.
        const target = targets.find((x) => errors.mapping?.[x]);
        if (target)
          setProblem(t('errors.fieldMessage', { field: targetLabel(target), message: errors.mapping?.[target]?.message }));
      },
    );

  const stop = async () => {
    setAsking(false);
    if (!prepared) return;
    setStopping(true);
    try {
      await api.dmsImport.cancel({ importId: prepared.importId });
    } catch (error) {
      setStopping(false);
      file.failed(error);
    }
  };

  const template = async (language: (typeof TEMPLATE_LANGUAGES)[number]) => {
    try {
      const file = await api.dmsImport.template({ kind, language });
      downloadBase64(file.fileName, file.dataBase64, XLSX_TYPE);
    } catch (error) {
      file.failed(error);
    }
  };

  const kindName = t(`dmsImport.kinds.${kind}`);
  return (
    <>
      <Section
        title={t('dmsImport.step', { n: props.position, kind: kindName })}
        actions={
          <div className="dms-templates">
            <button type="button" onClick={() => void template('zh-CN')}>
              {t('dmsImport.templateZh')}
            </button>
            <button type="button" onClick={() => void template('en')}>
              {t('dmsImport.templateEn')}
            </button>
            {imported ? (
              <button type="button" onClick={file.startOver}>
                {t('dmsImport.again')}
              </button>
            ) : null}
          </div>
        }
      >
        <p className="muted">{t(`dmsImport.kindHints.${kind}`)}</p>
        <ImportFileField
          key={file.fileKey}
          name="dmsFile"
          label={t('dmsImport.file')}
          hint={t('dmsImport.fileHint', { max: MAX_DMS_FILE_MB })}
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
            <span className="muted" data-testid="dms-file-details">
              {prepared.encoding
                ? t('dmsImport.fileDetails', {
                    fileName: prepared.fileName,
                    format: prepared.format.toUpperCase(),
                    encoding: t(`dmsImport.encodings.${prepared.encoding}`, { defaultValue: prepared.encoding.toUpperCase() }),
                  })
                : t('imports.fileSummary', { fileName: prepared.fileName, format: prepared.format.toUpperCase() })}
            </span>
          }
        />
      ) : null}

      {prepared ? (
        <MappingSection
          remembered={prepared.remembered}
          after={progress ? <ImportProgressLine progress={progress} label={t(`dmsImport.phases.${progress.phase}`)} /> : null}
        >
          <MappingFields
            targets={prepared.targets}
            headers={prepared.headers}
            label={targetLabel}
            register={(target) =>
              form.register(`mapping.${target}`, {
                onChange: () => {
                  // A dry run speaks of the mapping it ran with: another mapping needs its own.
                  setResult(null);
                  setProblem(null);
                },
              })
            }
            error={(target) => form.formState.errors.mapping?.[target]}
            disabled={running || imported}
          />
          <div className="form-actions field-wide">
            <button type="button" onClick={run(false)} disabled={running || imported}>
              {t('dmsImport.dryRun')}
            </button>
            {checked ? (
              <button type="button" className="primary" onClick={run(true)} disabled={running}>
                {t('dmsImport.run')}
              </button>
            ) : null}
            {running && committing ? (
              <button type="button" onClick={() => setAsking(true)} disabled={stopping}>
                {stopping ? t('dmsImport.cancelling') : t('dmsImport.cancel')}
              </button>
            ) : null}
          </div>
        </MappingSection>
      ) : null}
      {asking ? (
        <ConfirmDialog
          title={t('dmsImport.cancelQuestion')}
          confirmLabel={t('dmsImport.cancel')}
          keepLabel={t('dmsImport.cancelKeep')}
          danger
          onClose={() => setAsking(false)}
          onConfirm={() => void stop()}
        >
          <p>{t('dmsImport.cancelExplained')}</p>
        </ConfirmDialog>
      ) : null}

      {prepared && result && !running ? (
        <DmsRunResult
          importId={prepared.importId}
          summary={result.summary}
          mapping={result.mapping}
          run={result.runs}
          targetLabel={targetLabel}
          next={
            imported && props.next ? (
              <button type="button" className="primary" onClick={() => props.onNext(props.next!)}>
                {t('dmsImport.next', { kind: t(`dmsImport.kinds.${props.next}`) })}
              </button>
            ) : null
          }
        />
      ) : null}
    </>
  );
}
