import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../shared/contract';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';

/** The way from the Settings screen to the full audit trail, for those who may read it. */
export function AuditLink() {
  const { t } = useTranslation();
  const user = useUser();
  if (!canCall(user.role, contract.audit.grid)) return null;
  return (
    <p>
      <Link to="/settings/audit" data-testid="audit-link">
        {t('audit.open')}
      </Link>
    </p>
  );
}
