import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A button for a step that cannot be undone (removing a job or a line, posting a stocktake): the first click asks, in
 * place, and only "Yes" does it. In place rather than window.confirm: it stays in the desk's language and does not
 * block the window. A removal answers "Yes, remove" / "Keep"; another step names its own answers (`yes`, `no`).
 */
export function ConfirmButton(props: {
  label: string;
  /** The button's accessible name where the label alone does not say what it removes (one photo of several). */
  ariaLabel?: string;
  question: string;
  /** The answer that does it, when it is not a removal ("Yes, post"); shown as a primary rather than a danger button. */
  yes?: string;
  no?: string;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className={props.className}
        aria-label={props.ariaLabel}
        disabled={props.disabled}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  }
  return (
    <span className="confirm-inline" role="group" aria-label={props.question}>
      <span className="small">{props.question}</span>{' '}
      <button
        type="button"
        className={props.yes ? 'primary' : 'danger'}
        autoFocus
        disabled={props.disabled}
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {props.yes ?? t('app.confirmYes')}
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        {props.no ?? t('app.confirmNo')}
      </button>
    </span>
  );
}
