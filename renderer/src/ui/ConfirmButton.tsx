import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * A button for a step that cannot be undone (removing a job or a line, posting a stocktake): the click asks first, in
 * the shared ConfirmDialog, and only its "Yes" does it. A removal answers "Yes, remove" / "Keep"; another step names
 * its own answers (`yes`, `no`).
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
  return (
    <>
      <button
        type="button"
        className={props.className}
        aria-label={props.ariaLabel}
        disabled={props.disabled}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
      {asking ? (
        <ConfirmDialog
          title={props.question}
          confirmLabel={props.yes ?? t('app.confirmYes')}
          danger={!props.yes}
          pending={props.disabled}
          {...(props.no ? { keepLabel: props.no } : {})}
          onClose={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            props.onConfirm();
          }}
        />
      ) : null}
    </>
  );
}
