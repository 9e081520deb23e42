import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../app/LanguageSwitch';

/** The frame of the desk's own pages (first run, server not reachable): the name and the language, as on the login. */
export function DeskOwnPage({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="login-page">
      <header className="login-header">
        <div className="brand">{t('app.name')}</div>
        <LanguageSwitch />
      </header>
      <main className="login-main">{children}</main>
    </div>
  );
}
