import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../ui/ConfirmDialog';

/**
 * Restore of a backup with no signed record of this BayDesk (issue 14): like ConfirmButton, the click asks first in
 * the shared dialog, and the question also takes an administrator's password, typed at the manager's desk. The core
 * checks it.
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
  const close = () => {
    setAsking(false);
    setPassword('');
  };
  return (
    <>
      <button type="button" aria-label={props.ariaLabel} disabled={props.disabled} onClick={() => setAsking(true)}>
        {t('backups.restore')}
      </button>
      {asking ? (
        <ConfirmDialog
          title={props.question}
          confirmLabel={t('backups.restoreYes')}
          keepLabel={t('backups.restoreNo')}
          pending={props.disabled}
          confirmDisabled={password === ''}
          onClose={close}
          onConfirm={() => {
            const typed = password;
            close();
            props.onConfirm(typed);
          }}
        >
          <p className="small muted">{t('backups.elsewhereHint')}</p>
          <label className="field">
            <span className="field-label">{t('backups.adminPassword')}</span>
            <input
              type="password"
              autoComplete="off"
              autoFocus
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
