import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A button for a step that cannot be undone (removing a job or a line): the first click asks, in place, and only
 * "Yes" does it. In place rather than window.confirm: it stays in the desk's language and does not block the window.
 */
export function ConfirmButton(props: {
  label: string;
  /** The button's accessible name where the label alone does not say what it removes (one photo of several). */
  ariaLabel?: string;
  question: string;
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
        className="danger"
        autoFocus
        disabled={props.disabled}
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {t('app.confirmYes')}
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        {t('app.confirmNo')}
      </button>
    </span>
  );
}
