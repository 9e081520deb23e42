import { forwardRef, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './date-field.css';

export interface FileButtonProps {
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
  /**
   * The button's text when the field's own label does not say what is chosen (e.g. "Choose logo file"): shown, so
   * that what is read out is what is seen (WCAG 2.5.3, label in name).
   */
  label?: string;
  /** The files chosen; the input is emptied after, so the same file may be chosen again. */
  onFiles: (files: File[]) => void;
  /**
   * What is shown beside the button: the names of the files the screen holds. Left out, the field shows the last
   * files chosen; null shows that nothing is chosen.
   */
  chosen?: string[] | null;
  /** False where the screen shows what was chosen itself (the logo's preview). */
  showChosen?: boolean;
}

/** Lets the screen empty what the field shows once the files were used (uploaded, imported). */
export interface FileButtonHandle {
  clear: () => void;
}

/**
 * BayDesk's own file chooser: a button in the desk's language and the chosen file's name, over a hidden file input
 * (the browser's own widget speaks the browser's language). The input stays the field's first input, so a label
 * around it names it and tests hand it files.
 */
export const FileButton = forwardRef<FileButtonHandle, FileButtonProps>(function FileButton(props, ref) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [names, setNames] = useState<string[]>([]);
  useImperativeHandle(ref, () => ({ clear: () => setNames([]) }), []);
  const shown = props.chosen === undefined ? names : (props.chosen ?? []);
  return (
    <span className="file-button">
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        accept={props.accept}
        multiple={props.multiple}
        disabled={props.disabled}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          event.currentTarget.value = '';
          if (files.length === 0) return;
          setNames(files.map((file) => file.name));
          props.onFiles(files);
        }}
      />
      <button type="button" disabled={props.disabled} onClick={() => input.current?.click()}>
        {props.label ?? t(props.multiple ? 'pickers.chooseFiles' : 'pickers.chooseFile')}
      </button>
      {props.showChosen === false ? null : (
        <span className="file-button-name muted" aria-live="polite">
          {shown.length === 0
            ? t('pickers.noFile')
            : shown.length === 1
              ? shown[0]
              : t('pickers.filesChosen', { count: shown.length, names: shown.join(', ') })}
        </span>
      )}
    </span>
  );
});
