import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
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
import { describeImportError, mappingToValues, valuesToMapping } from '../imports/import-mapping';
import { MappingFields } from '../imports/MappingFields';
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
  const [prepared, setPrepared] = useState<(DmsPrepared & { fileName: string }) | null>(null);
  const [uploading, setUploading] = useState(false);
  const [progress, setProgress] = useState<DmsRunProgress | null>(null);
  const [committing, setCommitting] = useState(false);
  const [asking, setAsking] = useState(false);
  const [stopping, setStopping] = useState(false);
  // The last run's result and the mapping it ran with (the refused rows' values are read through it).
  const [result, setResult] = useState<{ summary: DmsRunSummary; mapping: DmsMapping; runs: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [fileKey, setFileKey] = useState(0);
  // The resolver checks the whole call as the core will (the procedure's own schema), naming the prepared import.
  const importId = useRef(0);
  const form = useForm<MappingValues, unknown, { importId: number; kind: DmsImportKind; mapping: DmsMapping; commit: boolean }>({
    resolver: schemaResolver(runInput, t, (values: MappingValues) => ({
      importId: importId.current,
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

  const choose = async (file: File | undefined) => {
    setProblem(null);
    setPrepared(null);
    setResult(null);
    if (!file) return;
    setUploading(true);
    try {
      // The file goes first, streamed to the core's temporary file; the call then names it by its upload id.
      const answer = await api.dmsImport.prepare({ kind, fileName: file.name, uploadId: await uploadDmsFile(file) });
      importId.current = answer.importId;
      setPrepared({ ...answer, fileName: file.name });
      form.reset({ mapping: mappingToValues(targets, answer.suggestedMapping) });
    } catch (error) {
      setProblem(describeImportError(t, error, 'dmsFile'));
    } finally {
      setUploading(false);
    }
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
          setProblem(describeImportError(t, error, 'dmsFile'));
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
        if (target) setProblem(t('errors.fieldMessage', { field: targetLabel(target), message: errors.mapping?.[target]?.message }));
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
      setProblem(describeImportError(t, error, 'dmsFile'));
    }
  };

  const template = async (language: (typeof TEMPLATE_LANGUAGES)[number]) => {
    try {
      const file = await api.dmsImport.template({ kind, language });
      downloadBase64(file.fileName, file.dataBase64, XLSX_TYPE);
    } catch (error) {
      setProblem(describeImportError(t, error, 'dmsFile'));
    }
  };

  const startOver = () => {
    setPrepared(null);
    setResult(null);
    setProblem(null);
    setFileKey((key) => key + 1);
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
              <button type="button" onClick={startOver}>
                {t('dmsImport.again')}
              </button>
            ) : null}
          </div>
        }
      >
        <p className="muted">{t(`dmsImport.kindHints.${kind}`)}</p>
        <div className="form-grid">
          <ImportFileField
            key={fileKey}
            name="dmsFile"
            label={t('dmsImport.file')}
            hint={t('dmsImport.fileHint', { max: MAX_DMS_FILE_MB })}
            uploading={uploading}
            disabled={running}
            onFile={(file) => void choose(file)}
          />
        </div>
        {problem ? (
          <div className="banner banner-error" role="alert">
            {problem}
          </div>
        ) : null}
      </Section>

      {prepared ? (
        <Section
          title={t('imports.preview')}
          actions={
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
        >
          <FilePreview headers={prepared.headers} rows={prepared.previewRows} />
        </Section>
      ) : null}

      {prepared ? (
        <Section title={t('imports.mapping')}>
          <p className="muted">{prepared.remembered ? t('imports.mappingRemembered') : t('imports.mappingGuessed')}</p>
          <form
            className="form-grid"
            onSubmit={(event) => event.preventDefault()}
            aria-label={t('imports.mapping')}
            noValidate
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
          </form>
          {progress ? <ImportProgressLine progress={progress} label={t(`dmsImport.phases.${progress.phase}`)} /> : null}
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
        </Section>
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
