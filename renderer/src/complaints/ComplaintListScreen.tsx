import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { contract } from '../../../shared/contract';
import type { ComplaintDto } from '../../../shared/contract/complaints';
import {
  COMPLAINT_LEVELS,
  COMPLAINT_SOURCES,
  COMPLAINT_STATUSES,
  type ComplaintLevel,
  type ComplaintSource,
  type ComplaintStatus,
} from '../../../shared/domain/complaints';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { formatDateTime } from '../ui/format';
import { Pager } from '../ui/Pager';
import { useUrlParams } from '../ui/use-url-params';
import { ErrorBanner, Loading, Section } from '../ui/widgets';
import './complaints.css';

const PAGE = 50;
const NOWRAP = { whiteSpace: 'nowrap' } as const;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return (values as readonly (string | null)[]).includes(value) ? (value as T) : undefined;
}

/** The two-week closure rate, for those who may read it. */
function ClosureRate() {
  const { t, i18n } = useTranslation();
  const query = useQuery(orpc.complaints.closureRate.queryOptions({ input: {} }));
  const rate = query.data;
  return (
    <p data-testid="closure-rate">
      <strong>{t('complaints.closureRate')}</strong>{' '}
      {rate
        ? rate.rate === null
          ? t('complaints.closureRateNone')
          : t('complaints.closureRateValue', {
              rate: new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(rate.rate),
              closed: rate.closed,
              over: rate.openOverTwoWeeks,
              under: rate.openUnderTwoWeeks,
            })
        : null}
      <ErrorBanner error={query.error} />
    </p>
  );
}

function Row({ c }: { c: ComplaintDto }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const className = [c.overdue ? 'complaint-overdue' : '', c.status === 'draft' ? 'complaint-draft' : ''].join(' ').trim();
  return (
    <tr
      className={className || undefined}
      data-complaint={c.number}
      data-status={c.status}
      data-overdue={c.overdue ? 'true' : 'false'}
      onClick={() => void navigate(`/complaints/${c.id}`)}
    >
      <td className="mono" style={NOWRAP}>
        <Link to={`/complaints/${c.id}`} onClick={(event) => event.stopPropagation()}>
          {c.number}
        </Link>
      </td>
      <td>
        {c.status === 'draft' ? (
          <span className="badge badge-draft">{t('complaints.draftBadge')}</span>
        ) : (
          t(`complaints.status.${c.status}`)
        )}
        {c.overdue ? (
          <>
            {' '}
            <span className="badge badge-overdue">{t('complaints.overdue')}</span>
          </>
        ) : null}
      </td>
      <td>{t(`complaints.level.${c.level}`)}</td>
      <td>{t(`complaints.source.${c.source}`)}</td>
      <td>{c.customer.name}</td>
      <td className="plate">{c.vehicle?.plate ?? ''}</td>
      <td>
        {t(`complaints.department.${c.againstDepartment}`)}
        {c.againstPerson ? ` · ${c.againstPerson.displayName}` : ''}
      </td>
      <td className="small" style={NOWRAP}>
        {formatDateTime(c.createdAt)}
      </td>
      <td className="small" style={NOWRAP}>
        {c.status === 'draft' ? t('complaints.notStarted') : formatDateTime(c.responseDueAt)}
      </td>
    </tr>
  );
}

/**
 * Every complaint, paged and filtered in SQL: drafts from dissatisfied surveys first (the manager's to-do), then open
 * ones with the overdue first, shown in red with the word "overdue". Filters live in the URL.
 */
export function ComplaintListScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useUrlParams();
  const status = oneOf<ComplaintStatus>(COMPLAINT_STATUSES, params.get('status'));
  const level = oneOf<ComplaintLevel>(COMPLAINT_LEVELS, params.get('level'));
  const source = oneOf<ComplaintSource>(COMPLAINT_SOURCES, params.get('source'));
  const overdueParam = params.get('overdue');
  const overdue = overdueParam === 'yes' ? true : overdueParam === 'no' ? false : undefined;
  const offsetParam = Number(params.get('offset'));
  const offset = Number.isSafeInteger(offsetParam) && offsetParam > 0 ? offsetParam : 0;
  const query = useQuery({
    ...orpc.complaints.list.queryOptions({
      input: {
        offset,
        limit: PAGE,
        ...(status ? { status } : {}),
        ...(level ? { level } : {}),
        ...(source ? { source } : {}),
        ...(overdue !== undefined ? { overdue } : {}),
      },
    }),
    placeholderData: keepPreviousData,
  });
  const filter = (changes: Record<string, string | undefined>) => setParams({ ...changes, offset: undefined });
  const rows = query.data?.rows ?? [];
  return (
    <div className="page">
      {canCall(user.role, contract.complaints.closureRate) ? <ClosureRate /> : null}
      <Section
        page
        title={t('complaints.title')}
        actions={
          canCall(user.role, contract.complaints.create) ? (
            <Link className="button primary" to="/complaints/new" data-testid="new-complaint">
              {t('complaints.newComplaint')}
            </Link>
          ) : null
        }
      >
        <div className="complaint-filters" role="group" aria-label={t('complaints.filters')}>
          <select aria-label={t('fields.status')} value={status ?? ''} onChange={(e) => filter({ status: e.target.value })}>
            <option value="">{t('complaints.allStatuses')}</option>
            {COMPLAINT_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`complaints.status.${value}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('fields.level')} value={level ?? ''} onChange={(e) => filter({ level: e.target.value })}>
            <option value="">{t('complaints.allLevels')}</option>
            {COMPLAINT_LEVELS.map((value) => (
              <option key={value} value={value}>
                {t(`complaints.level.${value}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('fields.source')} value={source ?? ''} onChange={(e) => filter({ source: e.target.value })}>
            <option value="">{t('complaints.allSources')}</option>
            {COMPLAINT_SOURCES.map((value) => (
              <option key={value} value={value}>
                {t(`complaints.source.${value}`)}
              </option>
            ))}
          </select>
          <select
            aria-label={t('fields.overdue')}
            value={overdueParam ?? ''}
            onChange={(e) => filter({ overdue: e.target.value })}
          >
            <option value="">{t('complaints.overdueFilter.all')}</option>
            <option value="yes">{t('complaints.overdueFilter.yes')}</option>
            <option value="no">{t('complaints.overdueFilter.no')}</option>
          </select>
        </div>
        {query.isPending ? <Loading /> : null}
        <ErrorBanner error={query.error} />
        {query.data && rows.length === 0 ? <p className="muted">{t('complaints.none')}</p> : null}
        {rows.length > 0 ? (
          <table className="results complaints-table" aria-label={t('complaints.title')}>
            <thead>
              <tr>
                <th>{t('complaints.columns.number')}</th>
                <th>{t('complaints.columns.status')}</th>
                <th>{t('complaints.columns.level')}</th>
                <th>{t('complaints.columns.source')}</th>
                <th>{t('complaints.columns.customer')}</th>
                <th>{t('complaints.columns.plate')}</th>
                <th>{t('complaints.columns.against')}</th>
                <th>{t('complaints.columns.created')}</th>
                <th>{t('complaints.columns.due')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <Row key={c.id} c={c} />
              ))}
            </tbody>
          </table>
        ) : null}
        <Pager
          offset={offset}
          pageSize={PAGE}
          hasMore={query.data?.hasMore}
          onOffset={(next) => setParams({ offset: next ? String(next) : undefined })}
        />
      </Section>
    </div>
  );
}
