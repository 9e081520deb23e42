import { useTranslation } from 'react-i18next';
import { FileButton } from '../ui/FileButton';
import { Field } from '../ui/widgets';

/** The file types an import reads (told by their bytes in the core; these only narrow the browser's chooser). */
const ACCEPT = '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An import's file chooser (CSV or XLSX), with its hint, or "Reading the file…" while the file is being sent. */
export function ImportFileField(props: {
  name: string;
  label: string;
  hint: string;
  uploading: boolean;
  disabled: boolean;
  onFile: (file: File | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <Field label={props.label} name={props.name} wide>
      <FileButton accept={ACCEPT} disabled={props.uploading || props.disabled} onFiles={([file]) => props.onFile(file)} />
      <span className="muted small">{props.uploading ? t('imports.uploading') : props.hint}</span>
    </Field>
  );
}
