import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { contract } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/roles';
import { canCall } from '../app/access';
import { useSession } from '../app/session-context';

/**
 * The manager's and foreman's reports as tabs under one "Reports" entry of the navigation (the top bar would not hold
 * one entry per report). Each report adds its entry: where it lives, its label's catalogue key, who may open it.
 */
const TABS: { to: string; label: string; end?: boolean; when: (role: Role) => boolean }[] = [
  { to: '/reports', label: 'kpis.nav', end: true, when: (role) => canCall(role, contract.reports.kpis) },
  { to: '/reports/revenue', label: 'money.revenueNav', when: (role) => canCall(role, contract.reports.revenue) },
  { to: '/reports/parts-margin', label: 'money.marginNav', when: (role) => canCall(role, contract.reports.partsMargin) },
  { to: '/reports/csi', label: 'csiReport.nav', when: (role) => canCall(role, contract.reports.monthlyCsi) },
  { to: '/reports/daily-closing', label: 'dailyClosing.nav', when: (role) => canCall(role, contract.reports.dailyClosing) },
  { to: '/reports/workshop', label: 'reports.nav', when: (role) => canCall(role, contract.reports.firstTimeFix) },
  { to: '/reports/warranty-risk', label: 'warrantyRisk.nav', when: (role) => canCall(role, contract.warrantyRisk.radar) },
];

function tabsOf(role: Role) {
  return TABS.filter((entry) => entry.when(role));
}

/** Where the navigation's "Reports" entry leads a role: its first report; null when it may open none. */
export function reportsHome(role: Role): string | null {
  return tabsOf(role)[0]?.to ?? null;
}

export function ReportsTabs() {
  const { t } = useTranslation();
  const role = useSession()?.user.role;
  if (!role) return null;
  const tab = ({ isActive }: { isActive: boolean }) => (isActive ? 'button primary' : 'button');
  return (
    <nav className="card-actions report-tabs" aria-label={t('nav.reports')}>
      {tabsOf(role).map((entry) => (
        <NavLink key={entry.to} to={entry.to} end={entry.end ?? false} className={tab}>
          {t(entry.label)}
        </NavLink>
      ))}
    </nav>
  );
}
