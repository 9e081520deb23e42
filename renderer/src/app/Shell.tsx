import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { contract } from '../../../shared/contract';
import { orpc } from '../api/client';
import { useLiveChanges } from '../api/live';
import { setSession } from '../api/session';
import { canCall } from './access';
import { LanguageSwitch } from './LanguageSwitch';
import { ScreenLoading } from './ScreenLoading';
import { reportsHome } from '../reports/ReportsTabs';
import { useUser } from './session-context';

/** The frame of every signed-in screen: navigation by role, who is signed in, language, sign-out. */
export function Shell() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Other desks' changes refresh this desk's screens: one stream for the whole signed-in window.
  const live = useLiveChanges();
  const logout = useMutation(
    orpc.users.logout.mutationOptions({
      onSettled: () => {
        // The next person at the desk starts on their own home screen, not on this one's last screen and query.
        void navigate('/', { replace: true });
        setSession(null);
        // Every query back to no data (the last person's customers leave memory) and the ones on screen read again:
        // the core ends this session's live stream at logout, which may already have shown the login screen with its
        // first-run status from the cache; clear() would cancel that screen's refetch and leave it on "Set up".
        void queryClient.resetQueries();
      },
    }),
  );

  // F2 brings the advisor back to the look-up from anywhere, with what was last typed there (kept in its URL).
  const location = useLocation();
  // One "Reports" entry leads to the role's first report; it stays lit on every report's tab.
  const reports = reportsHome(user.role);
  const inReports = location.pathname.startsWith('/reports');
  const lookupSearch = useRef('');
  useEffect(() => {
    if (location.pathname === '/') lookupSearch.current = location.search;
  }, [location]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F2') {
        event.preventDefault();
        void navigate({ pathname: '/', search: lookupSearch.current });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  // A desktop desk joined to the server names it; the live dot beside it says whether it answers.
  const joined = window.baydesk?.desk.mode === 'server' ? window.baydesk.desk : null;
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">{t('app.name')}</div>
        <nav className="nav">
          {canCall(user.role, contract.customers.lookup) ? (
            <NavLink to="/" end>
              {t('nav.lookup')}
            </NavLink>
          ) : null}
          {canCall(user.role, contract.customers.grid) ? <NavLink to="/customers">{t('nav.customers')}</NavLink> : null}
          {canCall(user.role, contract.appointments.board) ? <NavLink to="/appointments">{t('appointments.nav')}</NavLink> : null}
          {canCall(user.role, contract.repairOrders.grid) ? <NavLink to="/repair-orders">{t('nav.repairOrders')}</NavLink> : null}
          {canCall(user.role, contract.parts.grid) ? <NavLink to="/parts">{t('parts.nav')}</NavLink> : null}
          {canCall(user.role, contract.workshop.assign) ? <NavLink to="/workshop">{t('workshop.nav')}</NavLink> : null}
          {canCall(user.role, contract.workshop.myJobs) ? <NavLink to="/my-jobs">{t('workshop.navMyJobs')}</NavLink> : null}
          {canCall(user.role, contract.catalog.laborGrid) ? <NavLink to="/catalog">{t('nav.catalog')}</NavLink> : null}
          {canCall(user.role, contract.followup.queue) ? <NavLink to="/followup">{t('followup.nav')}</NavLink> : null}
          {canCall(user.role, contract.complaints.list) ? <NavLink to="/complaints">{t('complaints.nav')}</NavLink> : null}
          {canCall(user.role, contract.campaigns.grid) ? <NavLink to="/campaigns">{t('campaigns.nav')}</NavLink> : null}
          {canCall(user.role, contract.loaners.list) ? <NavLink to="/loaners">{t('loaners.nav')}</NavLink> : null}
          {canCall(user.role, contract.warrantyClaims.grid) ? (
            <NavLink to="/warranty-claims">{t('warrantyClaims.nav')}</NavLink>
          ) : null}
          {reports ? (
            <NavLink to={reports} className={({ isActive }) => (isActive || inReports ? 'active' : '')}>
              {t('nav.reports')}
            </NavLink>
          ) : null}
          {canCall(user.role, contract.users.list) ? <NavLink to="/users">{t('nav.users')}</NavLink> : null}
          {canCall(user.role, contract.settings.setDealer) ? (
            <NavLink to="/settings">{t('printing.nav.settings')}</NavLink>
          ) : null}
        </nav>
        <div className="topbar-right">
          <span className="who" data-testid="signed-in-user">
            {user.displayName} · {t(`roles.${user.role}`)}
          </span>
          {/* Whether other desks' changes reach this one: a dot and a word, its hint on hover; one image to assistive technology, named with the state. */}
          <span className={`live live-${live}`} role="img" aria-label={t(`live.name.${live}`)} title={t(`live.hint.${live}`)}>
            <span aria-hidden="true" style={{ color: live === 'live' ? '#4ade80' : '#fbbf24' }}>
              ●
            </span>{' '}
            {t(`live.status.${live}`)}
          </span>
          {joined ? (
            <span className="who" title={joined.origin} data-testid="joined-server">
              {t('desks.connectedTo', { server: joined.serverName })}
            </span>
          ) : null}
          <LanguageSwitch />
          <button type="button" onClick={() => logout.mutate({})}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <main className="content">
        {/* A screen's chunk loads when it is first opened; the frame stays meanwhile (Screens.tsx). */}
        <Suspense fallback={<ScreenLoading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
