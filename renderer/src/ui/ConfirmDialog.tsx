import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The reason a step asks for, where the record keeps one (an RO's cancellation, a purchase order called off). */
export interface ConfirmReason {
  label: string;
  /** Refused blank (after trimming), with the shared "required" text, before anything is sent. */
  required: boolean;
  maxLength: number;
}

/**
 * The one way BayDesk asks before a step that cannot be undone (cancel, close, erase, dismiss, restore, remove): a
 * modal dialog in the desk's language, its question, what the step does, perhaps a reason, and two answers. A native
 * <dialog> opened with showModal(): the rest of the window is inert, and Tab goes round the dialog's controls; Esc, the cancel
 * answer or a click outside the box closes it and nothing happens. The step's own refusal (`error`) is shown in the
 * dialog, which stays open so the person can answer it.
 */
export function ConfirmDialog(props: {
  title: string;
  /** What the step does and what cannot be undone afterwards. */
  children?: ReactNode;
  /** The answer that does it ("Cancel the repair order"). */
  confirmLabel: string;
  /** The answer that leaves everything as it is; "Keep" unless named. */
  keepLabel?: string;
  /** A removal, cancellation or erasure: the answer is shown as a danger button. Otherwise as the primary one. */
  danger?: boolean;
  reason?: ConfirmReason;
  pending?: boolean;
  /** The answer is not yet possible (a password still to type). */
  confirmDisabled?: boolean;
  /** Shown under the question when the step was refused (already in words: a banner of the caller). */
  error?: ReactNode;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [blank, setBlank] = useState(false);
  // Opened once, when mounted; closed by unmounting (the caller stops rendering it).
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, []);

  const confirm = () => {
    if (props.pending || props.confirmDisabled) return;
    if (props.reason?.required && reason.trim() === '') {
      setBlank(true);
      return;
    }
    props.onConfirm(reason.trim());
  };

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-modal="true"
      onCancel={(event) => {
        // Esc: the browser would close the dialog itself; the caller decides, by no longer rendering it.
        event.preventDefault();
        props.onClose();
      }}
      onKeyDown={(event) => {
        // Tab and Shift+Tab go round the dialog's own controls, never out to the page under it or the browser.
        if (event.key !== 'Tab' || !ref.current) return;
        const focusable = [...ref.current.querySelectorAll<HTMLElement>('button, input, textarea, select, a[href]')].filter(
          (element) => !element.hasAttribute('disabled'),
        );
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (!first || !last) return;
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself, outside its box.
        if (event.target === ref.current) props.onClose();
      }}
    >
      <form
        method="dialog"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          confirm();
        }}
      >
        <h2 id={titleId} className="confirm-dialog-title">
          {props.title}
        </h2>
        {props.children ? <div className="confirm-dialog-body">{props.children}</div> : null}
        {props.reason ? (
          <label className="field field-wide" htmlFor={reasonId}>
            <span className="field-label">{props.reason.label}</span>
            <textarea
              id={reasonId}
              rows={3}
              autoFocus
              maxLength={props.reason.maxLength}
              value={reason}
              aria-invalid={blank}
              aria-required={props.reason.required}
              onChange={(event) => {
                setReason(event.target.value);
                if (event.target.value.trim() !== '') setBlank(false);
              }}
            />
            {blank ? (
              <span className="field-error" role="alert">
                {t('app.reasonRequired')}
              </span>
            ) : null}
          </label>
        ) : null}
        {props.error}
        <div className="confirm-dialog-actions">
          <button type="button" autoFocus={!props.reason} onClick={props.onClose}>
            {props.keepLabel ?? t('app.confirmNo')}
          </button>
          <button type="submit" className={props.danger ? 'danger' : 'primary'} disabled={props.pending || props.confirmDisabled}>
            {props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
