import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { LanguageSwitch } from './LanguageSwitch';

/** How often the start-up screen asks again while the core upgrades the database. */
const POLL_MS = 500;

/** Set once the core was seen upgrading: when it is ready then, the page loads again on the open core. */
let upgradeSeen = false;

async function startupStatus() {
  const status = await api.settings.startupStatus({});
  if (!status.ready) upgradeSeen = true;
  else if (upgradeSeen) window.location.reload();
  return status;
}

/**
 * Stands in front of the app until the core is open. A ten-year database takes a minute or two to upgrade after an
 * update; meanwhile the desk shows what is being done and how far, instead of a window that answers nothing. Once the
 * core is ready the page is loaded again, so every screen (and, on a desk, the transport) starts on the open core.
 */
export function StartupGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const status = useQuery({
    queryKey: ['startupStatus'],
    queryFn: startupStatus,
    refetchInterval: (query) => (query.state.data?.ready === false ? POLL_MS : false),
    staleTime: 0,
  });
  // A lost connection has nothing to say here: the app's own screens handle it.
  if ((status.data?.ready === true && !upgradeSeen) || status.isError) return <>{children}</>;
  const upgrade = status.data?.upgrade ?? null;
  const upgrading = upgrade !== null && upgrade.phase !== 'open';
  return (
    <div className="login-page">
      <header className="login-header">
        <div className="brand">
          {t('app.name')} <span className="muted">{t('app.tagline')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <main className="login-main">
        <section className="login-form startup-progress" role="status" aria-live="polite">
          <h1>{upgrading ? t('startup.upgrading') : t('startup.opening')}</h1>
          {upgrading ? (
            <>
              <p>{t('startup.explain')}</p>
              <p>{t(`startup.phase.${upgrade.phase}`)}</p>
              <progress max={100} value={upgrade.percent} aria-label={t(`startup.phase.${upgrade.phase}`)} />
              {upgrade.migration ? (
                <p className="muted">
                  {t('startup.step', {
                    migration: upgrade.migration,
                    done: upgrade.done.toLocaleString(),
                    total: upgrade.total.toLocaleString(),
                  })}
                </p>
              ) : null}
            </>
          ) : null}
        </section>
      </main>
    </div>
  );
}
