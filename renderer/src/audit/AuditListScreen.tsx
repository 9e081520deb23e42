import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ENTITIES, type AuditEntity } from '../../../shared/contract/audit';
import { orpc } from '../api/client';
import { CursorBook } from '../ui/keyset-paging';
import { Pager } from '../ui/Pager';
import { useUrlParams } from '../ui/use-url-params';
import { ErrorBanner, Loading, Section } from '../ui/widgets';
import { AuditEntries } from './AuditEntries';
import { DateField } from '../ui/DateField';

const PAGE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function entityOf(value: string | null): AuditEntity | undefined {
  return (AUDIT_ENTITIES as readonly (string | null)[]).includes(value) ? (value as AuditEntity) : undefined;
}

/** The whole trail newest first, paged in SQL; filters (kind, person, desk days) live in the URL. */
export function AuditListScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useUrlParams();
  const entity = entityOf(params.get('entity'));
  const userIdParam = Number(params.get('user'));
  const userId = Number.isSafeInteger(userIdParam) && userIdParam > 0 ? userIdParam : undefined;
  const from = DAY.test(params.get('from') ?? '') ? params.get('from')! : undefined;
  const to = DAY.test(params.get('to') ?? '') ? params.get('to')! : undefined;
  const offsetParam = Number(params.get('offset'));
  const offset = Number.isSafeInteger(offsetParam) && offsetParam > 0 ? offsetParam : 0;
  const users = useQuery(orpc.users.list.queryOptions({ input: {} }));
  // "Next" continues from the last entry shown (the page's cursor), so page 500 costs what page 1 does (issue 13);
  // an offset typed into the URL by hand is still answered, by offset.
  // One book for the screen's life; filling it needs no re-render (it is read when the offset changes).
  const [cursors] = useState(() => new CursorBook());
  const view = JSON.stringify([entity, userId, from, to]);
  const after = cursors.get(view, offset);
  const query = useQuery({
    ...orpc.audit.list.queryOptions({
      input: {
        offset,
        limit: PAGE,
        ...(entity ? { entity } : {}),
        ...(userId ? { userId } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(after ? { after } : {}),
      },
    }),
    placeholderData: keepPreviousData,
  });
  const next = query.isPlaceholderData ? null : query.data?.next;
  useEffect(() => {
    if (next) cursors.set(view, offset + PAGE, next);
  }, [cursors, next, view, offset]);
  const filter = (changes: Record<string, string | undefined>) => setParams({ ...changes, offset: undefined });
  return (
    <div className="page">
      <Section page title={t('audit.title')}>
        <p className="muted">{t('audit.hint')}</p>
        <div
          className="audit-filters"
          role="group"
          aria-label={t('audit.filters')}
          style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap' }}
        >
          <select aria-label={t('audit.columns.what')} value={entity ?? ''} onChange={(e) => filter({ entity: e.target.value })}>
            <option value="">{t('audit.allEntities')}</option>
            {AUDIT_ENTITIES.map((value) => (
              <option key={value} value={value}>
                {t(`audit.entities.${value}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('audit.columns.who')} value={userId ?? ''} onChange={(e) => filter({ user: e.target.value })}>
            <option value="">{t('audit.allUsers')}</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
          <label>
            {t('audit.from')} <DateField value={from ?? ''} onChange={(e) => filter({ from: e.target.value })} />
          </label>
          <label>
            {t('audit.to')} <DateField value={to ?? ''} onChange={(e) => filter({ to: e.target.value })} />
          </label>
        </div>
        <ErrorBanner error={query.error ?? users.error} />
        {query.data ? <AuditEntries entries={query.data.rows} label={t('audit.title')} /> : query.isPending ? <Loading /> : null}
        <Pager
          offset={offset}
          pageSize={PAGE}
          hasMore={query.data?.hasMore}
          onOffset={(next) => setParams({ offset: String(next) })}
        />
      </Section>
    </div>
  );
}
