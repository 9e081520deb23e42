import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { contract } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/roles';
import { useSession } from '../app/session-context';
import { canCall } from '../app/access';

/**
 * The parts desk's screens as tabs over one heading. Each screen adds its own entry: where it lives, its label's
 * catalogue key, and who may open it (from the contract, as the routes guard it).
 */
const TABS: { to: string; label: string; end?: boolean; when: (role: Role) => boolean }[] = [
  { to: '/parts', label: 'parts.stockTab', end: true, when: (role) => canCall(role, contract.parts.grid) },
  { to: '/parts/movements', label: 'parts.movements', when: (role) => canCall(role, contract.parts.movements) },
  { to: '/parts/counter', label: 'partSupply.counter.tab', when: (role) => canCall(role, contract.parts.counterGrid) },
  { to: '/parts/stocktakes', label: 'stocktake.tab', when: (role) => canCall(role, contract.parts.stocktakesGrid) },
  { to: '/parts/old-parts', label: 'oldParts.tab', when: (role) => canCall(role, contract.parts.oldPartsGrid) },
  { to: '/parts/purchasing', label: 'purchasing.tab', when: (role) => canCall(role, contract.parts.suggestedOrderGrid) },
  { to: '/parts/import', label: 'priceImport.tab', when: (role) => canCall(role, contract.parts.importPrepare) },
];

export function PartsTabs({ actions }: { actions?: ReactNode }) {
  const { t } = useTranslation();
  const role = useSession()?.user.role;
  const tab = ({ isActive }: { isActive: boolean }) => (isActive ? 'button primary' : 'button');
  return (
    <header className="card-header">
      <h1 style={{ margin: 0 }}>{t('parts.title')}</h1>
      <div className="card-actions">
        {TABS.filter((entry) => role && entry.when(role)).map((entry) => (
          <NavLink key={entry.to} to={entry.to} end={entry.end ?? false} className={tab}>
            {t(entry.label)}
          </NavLink>
        ))}
      </div>
      <div className="card-actions">{actions}</div>
    </header>
  );
}
