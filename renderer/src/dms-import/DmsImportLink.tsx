import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../shared/contract';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';

/** The way from the Settings screen to moving in from the previous DMS, for those who may import. */
export function DmsImportLink() {
  const { t } = useTranslation();
  const user = useUser();
  if (!canCall(user.role, contract.dmsImport.prepare)) return null;
  return (
    <p>
      <Link to="/settings/dms-import" data-testid="dms-import-link">
        {t('dmsImport.open')}
      </Link>
    </p>
  );
}
