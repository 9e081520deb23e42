import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../../shared/contract';
import type {
  CustomerComplaintRow,
  CustomerDeclinedRow,
  CustomerVisitRow,
  VisitState,
} from '../../../../shared/contract/customers/visits';
import type { KeysetPage } from '../../../../shared/contract/keyset';
import { orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { useRoFormat } from '../../repair-orders/ro-format';
import { formatDate, formatDateTime, formatNumber } from '../../ui/format';
import { ErrorBanner, Loading, Section } from '../../ui/widgets';
import '../../repair-orders/repair-orders.css';
import './visits.css';

const PAGE_SIZE = 10;

/**
 * Pages through a list the core pages by key: the cursors of the pages read so far, so "previous" goes back to the
 * exact page and "next" continues from the last row shown.
 */
function useKeysetPages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    after: cursors.at(-1),
    first: cursors.length === 1,
    next: (cursor: string) => setCursors((stack) => [...stack, cursor]),
    previous: () => setCursors((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack)),
  };
}

/** A section whose table is one page of a keyset-paged list, with previous and next under it. */
function PagedSection<Row>({
  title,
  testId,
  empty,
  query,
  pages,
  head,
  row,
}: {
  title: string;
  testId: string;
  empty: string;
  query: { data?: KeysetPage<Row>; error: unknown; isPending: boolean };
  pages: ReturnType<typeof useKeysetPages>;
  head: ReactNode;
  row: (row: Row) => ReactNode;
}) {
  const { t } = useTranslation();
  const data = query.data;
  return (
    <Section title={title}>
      <div data-testid={testId}>
        {query.error ? <ErrorBanner error={query.error} /> : null}
        {query.isPending ? <Loading /> : null}
        {data && data.rows.length === 0 && pages.first ? <p className="muted">{empty}</p> : null}
        {data && data.rows.length > 0 ? (
          <div className="history-scroll">
            <table className="results customer-history" aria-label={title}>
              <thead>{head}</thead>
              <tbody>{data.rows.map(row)}</tbody>
            </table>
          </div>
        ) : null}
        {data && (!pages.first || data.next) ? (
          <div className="card-actions pager">
            <button type="button" disabled={pages.first} onClick={pages.previous}>
              {t('app.previousPage')}
            </button>
            <button type="button" disabled={!data.next} onClick={() => data.next && pages.next(data.next)}>
              {t('app.nextPage')}
            </button>
          </div>
        ) : null}
      </div>
    </Section>
  );
}

function SurveyCell({ survey }: { survey: CustomerVisitRow['survey'] }) {
  const { t } = useTranslation();
  if (!survey) return <span className="muted">{t('visits.noSurvey')}</span>;
  const csi = survey.csi === null ? '—' : formatNumber(survey.csi);
  return (
    <span className={survey.dissatisfied ? 'survey-dissatisfied' : undefined} title={formatDateTime(survey.answeredAt)}>
      {survey.recommend === null
        ? t('visits.surveyCsiOnly', { csi })
        : t('visits.surveyScore', { csi, recommend: survey.recommend })}
      {survey.dissatisfied ? ` · ${t('visits.surveyDissatisfied')}` : null}
    </span>
  );
}

function Visits({ customerId, state }: { customerId: number; state: VisitState }) {
  const { t } = useTranslation();
  const format = useRoFormat();
  const pages = useKeysetPages();
  const query = useQuery({
    ...orpc.customers.visits.queryOptions({ input: { customerId, state, limit: PAGE_SIZE, after: pages.after } }),
    placeholderData: keepPreviousData,
  });
  const open = state === 'open';
  return (
    <PagedSection
      title={t(open ? 'visits.openTitle' : 'visits.pastTitle')}
      testId={open ? 'customer-open-ros' : 'customer-visits'}
      empty={t(open ? 'visits.noOpen' : 'visits.noPast')}
      query={query}
      pages={pages}
      head={
        <tr>
          <th>{t('visits.columns.number')}</th>
          <th>{t('visits.columns.opened')}</th>
          {open ? <th>{t('visits.columns.promised')}</th> : null}
          <th>{t('visits.columns.vehicle')}</th>
          <th>{t('visits.columns.concerns')}</th>
          <th>{t('visits.columns.status')}</th>
          <th className="num">{t('visits.columns.total')}</th>
          {open ? null : <th>{t('visits.columns.survey')}</th>}
        </tr>
      }
      row={(ro) => (
        <tr key={ro.id}>
          <td className="nowrap">
            <Link to={`/repair-orders/${ro.id}`} className="mono">
              {ro.number}
            </Link>
          </td>
          <td className="nowrap">{formatDate(ro.openedAt)}</td>
          {open ? <td className="nowrap">{ro.promisedAt ? formatDateTime(ro.promisedAt) : '—'}</td> : null}
          <td className="nowrap">
            <span className="plate">{ro.vehicle.plate || '—'}</span>{' '}
            {ro.mileageInKm !== null ? (
              <span className="muted">{t('vehicle.mileageKm', { km: formatNumber(ro.mileageInKm) })}</span>
            ) : null}
          </td>
          <td>
            {ro.concerns.join('；')}
            {ro.jobCount > ro.concerns.length ? (
              <span className="muted"> {t('visits.moreConcerns', { count: ro.jobCount - ro.concerns.length })}</span>
            ) : null}
          </td>
          <td className="nowrap">
            <span className={`badge ro-status ro-status-${ro.status}`}>{format.status(ro.status)}</span>
          </td>
          <td className="num">{format.money(ro.totalFen)}</td>
          {open ? null : (
            <td>
              <SurveyCell survey={ro.survey} />
            </td>
          )}
        </tr>
      )}
    />
  );
}

function DeclinedWork({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const format = useRoFormat();
  const pages = useKeysetPages();
  const query = useQuery({
    ...orpc.customers.declinedWork.queryOptions({ input: { customerId, limit: PAGE_SIZE, after: pages.after } }),
    placeholderData: keepPreviousData,
  });
  return (
    <PagedSection<CustomerDeclinedRow>
      title={t('visits.declinedTitle')}
      testId="customer-declined"
      empty={t('visits.noDeclined')}
      query={query}
      pages={pages}
      head={
        <tr>
          <th>{t('visits.columns.declinedOn')}</th>
          <th>{t('visits.columns.concern')}</th>
          <th>{t('visits.columns.vehicle')}</th>
          <th>{t('visits.columns.number')}</th>
          <th className="num">{t('visits.columns.total')}</th>
          <th>{t('visits.columns.status')}</th>
        </tr>
      }
      row={(item) => (
        <tr key={item.id}>
          <td className="nowrap">{formatDate(item.declinedAt)}</td>
          <td>{item.concern}</td>
          <td>
            <span className="plate">{item.vehicle.plate || '—'}</span>
          </td>
          <td className="nowrap">
            <Link to={`/repair-orders/${item.repairOrder.id}`} className="mono">
              {item.repairOrder.number}
            </Link>
          </td>
          <td className="num">{format.money(item.totalFen)}</td>
          <td>{t(`visits.declinedStatus.${item.status}`)}</td>
        </tr>
      )}
    />
  );
}

function Complaints({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const pages = useKeysetPages();
  const query = useQuery({
    ...orpc.customers.complaints.queryOptions({ input: { customerId, limit: PAGE_SIZE, after: pages.after } }),
    placeholderData: keepPreviousData,
  });
  return (
    <PagedSection<CustomerComplaintRow>
      title={t('visits.complaintsTitle')}
      testId="customer-complaints"
      empty={t('visits.noComplaints')}
      query={query}
      pages={pages}
      head={
        <tr>
          <th>{t('visits.columns.complaint')}</th>
          <th>{t('visits.columns.recorded')}</th>
          <th>{t('visits.columns.level')}</th>
          <th>{t('visits.columns.customerSays')}</th>
          <th>{t('visits.columns.status')}</th>
          <th>{t('visits.columns.nextStep')}</th>
        </tr>
      }
      row={(complaint) => (
        <tr key={complaint.id}>
          <td className="nowrap">
            <Link to={`/complaints/${complaint.id}`} className="mono">
              {complaint.number}
            </Link>
            {complaint.repairOrder ? (
              <div className="muted small">
                <Link to={`/repair-orders/${complaint.repairOrder.id}`}>{complaint.repairOrder.number}</Link>
              </div>
            ) : null}
          </td>
          <td className="nowrap">{formatDateTime(complaint.createdAt)}</td>
          <td>{t(`complaints.level.${complaint.level}`)}</td>
          <td className="customer-history-says">{complaint.customerSays}</td>
          <td>{t(`complaints.status.${complaint.status}`)}</td>
          <td>{complaint.nextStep ? t(`complaints.step.${complaint.nextStep}`) : '—'}</td>
        </tr>
      )}
    />
  );
}

/** The customer file's history: open ROs, past visits with totals and survey scores, declined work, complaints. */
export function CustomerHistory({ customerId }: { customerId: number }) {
  const user = useUser();
  return (
    <>
      {canCall(user.role, contract.customers.visits) ? (
        <>
          <Visits customerId={customerId} state="open" />
          <Visits customerId={customerId} state="past" />
        </>
      ) : null}
      {canCall(user.role, contract.customers.declinedWork) ? <DeclinedWork customerId={customerId} /> : null}
      {canCall(user.role, contract.customers.complaints) ? <Complaints customerId={customerId} /> : null}
    </>
  );
}
