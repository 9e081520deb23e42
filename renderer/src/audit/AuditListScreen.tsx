import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ENTITIES, type AuditEntity, type AuditGridColumn } from '../../../shared/contract/audit';
import type { GridInput } from '../../../shared/contract/paging';
import { api, orpc } from '../api/client';
import { DateField } from '../ui/DateField';
import { withKeysetPaging } from '../ui/keyset-paging';
import { useUrlParams } from '../ui/use-url-params';
import { ErrorBanner, Section } from '../ui/widgets';
import { AuditGrid } from './AuditGrid';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function entityOf(value: string | null): AuditEntity | undefined {
  return (AUDIT_ENTITIES as readonly (string | null)[]).includes(value) ? (value as AuditEntity) : undefined;
}

/** The whole trail newest first, a grid paged in SQL; filters (kind, person, desk days) live in the URL. */
export function AuditListScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useUrlParams();
  const entity = entityOf(params.get('entity'));
  const userIdParam = Number(params.get('user'));
  const userId = Number.isSafeInteger(userIdParam) && userIdParam > 0 ? userIdParam : undefined;
  const from = DAY.test(params.get('from') ?? '') ? params.get('from')! : undefined;
  const to = DAY.test(params.get('to') ?? '') ? params.get('to')! : undefined;
  // The core refuses a range that ends before it starts: said here instead of asking.
  const reversed = from !== undefined && to !== undefined && to < from;
  const users = useQuery(orpc.users.list.queryOptions({ input: {} }));
  // A new set of filters is a new fetchPage: the grid reads its first block again. By key after a block read (issue 13).
  const fetchPage = useMemo(
    () =>
      withKeysetPaging((request: GridInput<AuditGridColumn> & { after?: string }) =>
        api.audit.grid({
          ...request,
          ...(entity ? { entity } : {}),
          ...(userId ? { userId } : {}),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
        }),
      ),
    [entity, userId, from, to],
  );
  const filter = (changes: Record<string, string | undefined>) => setParams(changes);
  return (
    <div className="page page-fill">
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
        {reversed ? (
          <p className="field-error" role="alert">
            {t('audit.to')}: {t('reasons.dateRange.order')}
          </p>
        ) : null}
        <ErrorBanner error={users.error} />
      </Section>
      {reversed ? null : <AuditGrid gridId="audit" label={t('audit.title')} fetchPage={fetchPage} />}
    </div>
  );
}
