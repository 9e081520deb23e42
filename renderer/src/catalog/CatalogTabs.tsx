import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The catalogue's two halves, operations and packages, as tabs over one heading, with the screen's own buttons. */
export function CatalogTabs({ actions }: { actions?: ReactNode }) {
  const { t } = useTranslation();
  const tab = ({ isActive }: { isActive: boolean }) => (isActive ? 'button primary' : 'button');
  return (
    <header className="card-header">
      <h1 style={{ margin: 0 }}>{t('catalog.title')}</h1>
      <div className="card-actions">
        <NavLink to="/catalog" end className={tab}>
          {t('catalog.operations')}
        </NavLink>
        <NavLink to="/catalog/packages" end className={tab}>
          {t('catalog.packages')}
        </NavLink>
      </div>
      <div className="card-actions">{actions}</div>
    </header>
  );
}
