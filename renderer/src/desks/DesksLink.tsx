import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../shared/contract';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';

/** The way from the Settings screen to Settings → Desks, for those who may pair and revoke desks. */
export function DesksLink() {
  const { t } = useTranslation();
  const user = useUser();
  if (!canCall(user.role, contract.desks.list)) return null;
  return (
    <p>
      <Link to="/settings/desks" data-testid="desks-link">
        {t('desks.open')}
      </Link>
    </p>
  );
}
