import { useTranslation } from 'react-i18next';
import { FileButton } from '../ui/FileButton';
import { Field } from '../ui/widgets';

/** The file types an import reads (told by their bytes in the core; these only narrow the browser's chooser). */
const ACCEPT = '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What went wrong with an import's file or run, in words (null: nothing). */
export function ImportProblem({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div className="banner banner-error" role="alert">
      {text}
    </div>
  );
}

/**
 * An import's file chooser (CSV or XLSX) with its hint, or "Reading the file…" while the file is being sent, and
 * under it what went wrong with the file or its run.
 */
export function ImportFileField(props: {
  name: string;
  label: string;
  hint: string;
  uploading: boolean;
  disabled: boolean;
  onFile: (file: File | undefined) => void;
  problem: string | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="form-grid">
        <Field label={props.label} name={props.name} wide>
          <FileButton accept={ACCEPT} disabled={props.uploading || props.disabled} onFiles={([file]) => props.onFile(file)} />
          <span className="muted small">{props.uploading ? t('imports.uploading') : props.hint}</span>
        </Field>
      </div>
      <ImportProblem text={props.problem} />
    </>
  );
}
