import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Restore of a backup with no signed record of this BayDesk (issue 14): like ConfirmButton, the first click asks in
 * place, and the question also takes an administrator's password, typed at the manager's desk. The core checks it.
 */
export function RestoreFromElsewhere(props: {
  ariaLabel: string;
  question: string;
  disabled?: boolean;
  onConfirm: (adminPassword: string) => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  if (!asking) {
    return (
      <button type="button" aria-label={props.ariaLabel} disabled={props.disabled} onClick={() => setAsking(true)}>
        {t('backups.restore')}
      </button>
    );
  }
  return (
    <form
      className="confirm-inline backups-elsewhere"
      role="group"
      aria-label={props.question}
      onSubmit={(event) => {
        event.preventDefault();
        if (!password) return;
        setAsking(false);
        const typed = password;
        setPassword('');
        props.onConfirm(typed);
      }}
    >
      <span className="small">{props.question}</span>
      <span className="small muted">{t('backups.elsewhereHint')}</span>
      <label>
        {t('backups.adminPassword')}{' '}
        <input
          type="password"
          autoComplete="off"
          autoFocus
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      <span>
        <button type="submit" className="primary" disabled={props.disabled || password === ''}>
          {t('backups.restoreYes')}
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            setAsking(false);
            setPassword('');
          }}
        >
          {t('backups.restoreNo')}
        </button>
      </span>
    </form>
  );
}
