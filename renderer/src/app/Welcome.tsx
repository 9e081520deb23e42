import { useTranslation } from 'react-i18next';
import { useUser } from './session-context';

/** Home for roles whose screens come in later issues (technician). */
export function Welcome() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <div className="card">
      <h1>{t('app.welcome', { name: user.displayName })}</h1>
      <p className="muted">{t('app.welcomeHint')}</p>
    </div>
  );
}
