import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../shared/contract';
import type { RepairOrderDetail } from '../../../shared/contract/repair-orders';
import { usualNextStatus } from '../../../shared/domain/repair-order-status';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { formatDateTime } from '../ui/format';
import { HistoryBadge } from './HistoryBadge';
import { useRoFormat } from './ro-format';

/** The parts of the RO page, in the page's order; each is reached from the header's tabs. */
export const RO_SECTIONS = ['checkIn', 'jobs', 'approval', 'workshop', 'quality', 'settlement', 'history'] as const;
export type RoSection = (typeof RO_SECTIONS)[number];

export function sectionId(section: RoSection): string {
  return `ro-section-${section}`;
}

/** The nearest ancestor that scrolls (the shell's content pane), or the document. */
function scrollParent(element: HTMLElement | null): HTMLElement | null {
  for (let node = element?.parentElement ?? null; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return null;
}

/**
 * Which section is under the sticky header as the page scrolls: the last one whose top has passed the header's bottom
 * edge (the first at the top of the page, the last once the page is scrolled to its end).
 */
function useCurrentSection(header: RefObject<HTMLElement | null>): [RoSection, (section: RoSection) => void] {
  const [current, setCurrent] = useState<RoSection>(RO_SECTIONS[0]);
  // A part reached by its tab stays current while it is in view, even where the page's end keeps it from reaching the
  // header (a short last part).
  const chosen = useRef<RoSection | null>(null);
  useEffect(() => {
    const pane = scrollParent(header.current);
    const target: HTMLElement | Window = pane ?? window;
    const update = () => {
      const edge = (header.current?.getBoundingClientRect().bottom ?? 0) + 10;
      const pinned = chosen.current ? document.getElementById(sectionId(chosen.current)) : null;
      if (chosen.current && pinned) {
        const top = pinned.getBoundingClientRect().top;
        if (top >= edge - 20 && top < window.innerHeight - 40) {
          setCurrent(chosen.current);
          return;
        }
        chosen.current = null;
      }
      let found: RoSection = RO_SECTIONS[0];
      for (const section of RO_SECTIONS) {
        const element = document.getElementById(sectionId(section));
        if (element && element.getBoundingClientRect().top <= edge) found = section;
      }
      if (pane && pane.scrollTop + pane.clientHeight >= pane.scrollHeight - 2) {
        // At the end of the page the last sections cannot reach the header: the one last in view is current.
        const visible = RO_SECTIONS.filter((section) => {
          const element = document.getElementById(sectionId(section));
          return element ? element.getBoundingClientRect().top < window.innerHeight : false;
        });
        found = visible.at(-1) ?? found;
      }
      setCurrent(found);
    };
    update();
    target.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      target.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [header]);
  const choose = useCallback((section: RoSection) => {
    chosen.current = section;
    setCurrent(section);
  }, []);
  return [current, choose];
}

/** The customer's first phone, as the role may see it (customers.get masks it for those who do not call customers). */
function CustomerPhone({ customerId }: { customerId: number }) {
  const user = useUser();
  const allowed = canCall(user.role, contract.customers.get);
  const customer = useQuery({ ...orpc.customers.get.queryOptions({ input: { id: customerId } }), enabled: allowed });
  const phone = customer.data?.phones[0]?.number;
  return <span className="mono">{phone ?? '—'}</span>;
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div className="ro-header-fact">
      <span className="ro-header-label">{label}</span>
      <span className="ro-header-value" data-testid={testId}>
        {children}
      </span>
    </div>
  );
}

/**
 * The RO page's sticky header: where the RO stands (status and the usual next step), whom to call, when the car was
 * promised and what it comes to, and a tab per part of the page. A tab scrolls its part under the header and moves the
 * keyboard focus there; the part in view is the current tab.
 */
export function RoHeader({ ro, present }: { ro: RepairOrderDetail; present: ReadonlySet<RoSection> }) {
  const { t } = useTranslation();
  const format = useRoFormat();
  const header = useRef<HTMLElement>(null);
  const [current, setCurrent] = useCurrentSection(header);
  // Sections land right under the header: its height is the scroll margin of every section.
  useLayoutEffect(() => {
    const element = header.current;
    if (!element) return;
    const page = element.parentElement;
    const observer = new ResizeObserver(() => page?.style.setProperty('--ro-header-height', `${element.offsetHeight + 8}px`));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const go = useCallback(
    (section: RoSection) => {
      const element = document.getElementById(sectionId(section));
      if (!element) return;
      element.scrollIntoView({ block: 'start' });
      element.focus({ preventScroll: true });
      setCurrent(section);
    },
    [setCurrent],
  );
  const next = usualNextStatus(ro.status);
  return (
    <header className="ro-sticky" ref={header} role="region" aria-label={t('ro.header.label')}>
      <div className="ro-header-facts">
        <div className="ro-header-fact ro-header-number">
          <strong className="mono">{ro.number}</strong>
          <HistoryBadge source={ro.source} />{' '}
          <span className={`badge ro-status ro-status-${ro.status}`} data-testid="ro-header-status">
            {format.status(ro.status)}
          </span>
        </div>
        <Fact label={t('ro.header.next')} testId="ro-header-next">
          {next ? format.status(next) : <span className="muted">{t('ro.header.noNext')}</span>}
        </Fact>
        <Fact label={t('ro.customer')} testId="ro-header-customer">
          <Link to={`/customers/${ro.customer.id}`}>{ro.customer.name}</Link>{' '}
          <span data-testid="ro-header-phone">
            <CustomerPhone customerId={ro.customer.id} />
          </span>
        </Fact>
        <Fact label={t('ro.header.promised')} testId="ro-header-promised">
          {ro.promisedAt ? formatDateTime(ro.promisedAt) : <span className="muted">{t('ro.notPromised')}</span>}
        </Fact>
        <Fact label={t('ro.header.total')} testId="ro-header-total">
          <strong className="num">{format.money(ro.totals.all.totalFen)}</strong>
        </Fact>
      </div>
      <nav className="ro-tabs" aria-label={t('ro.sections.nav')}>
        {RO_SECTIONS.filter((section) => present.has(section)).map((section) => (
          <button
            key={section}
            type="button"
            className={section === current ? 'ro-tab ro-tab-current' : 'ro-tab'}
            aria-current={section === current ? 'true' : undefined}
            aria-controls={sectionId(section)}
            onClick={() => go(section)}
          >
            {t(`ro.sections.${section}`)}
          </button>
        ))}
      </nav>
    </header>
  );
}

/** A part of the RO page the header's tabs reach: focusable for the keyboard, landing under the sticky header. */
export function RoSectionAnchor({ section, children }: { section: RoSection; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div id={sectionId(section)} className="ro-section" tabIndex={-1} aria-label={t(`ro.sections.${section}`)} role="region">
      {children}
    </div>
  );
}
