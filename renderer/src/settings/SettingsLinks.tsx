import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../shared/contract';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';

/** The screens reached from Settings, each shown to those who may call what it reads (settings-routes.tsx guards them). */
const LINKS = [
  { to: '/settings/audit', label: 'audit.open', testId: 'audit-link', procedure: contract.audit.grid },
  { to: '/settings/desks', label: 'desks.open', testId: 'desks-link', procedure: contract.desks.list },
  { to: '/settings/dms-import', label: 'dmsImport.open', testId: 'dms-import-link', procedure: contract.dmsImport.prepare },
];

/** The ways from the Settings screen to the full audit trail, the paired desks and moving in from the previous DMS. */
export function SettingsLinks() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <>
      {LINKS.filter((link) => canCall(user.role, link.procedure)).map((link) => (
        <p key={link.to}>
          <Link to={link.to} data-testid={link.testId}>
            {t(link.label)}
          </Link>
        </p>
      ))}
    </>
  );
}
