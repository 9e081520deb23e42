import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { contract } from '../../../shared/contract';
import { QUEUE_DUE, type FollowupTaskRow, type LetterRow, type QueueDue } from '../../../shared/contract/followup';
import { FOLLOWUP_KINDS, type FollowupKind } from '../../../shared/domain/followup';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { Pager } from '../ui/Pager';
import { useUrlParams } from '../ui/use-url-params';
import { ErrorBanner, Loading, Section } from '../ui/widgets';
import './followup.css';

const PAGE = 50;
const NOWRAP = { whiteSpace: 'nowrap' } as const;

function isDue(value: string | null): value is QueueDue {
  return (QUEUE_DUE as readonly string[]).includes(value ?? '');
}

function isKind(value: string | null): value is FollowupKind {
  return (FOLLOWUP_KINDS as readonly string[]).includes(value ?? '');
}

/** The cells both lists share: due day, kind, customer and phone, plate, RO, advisor, attempts. */
function TaskCells({ row }: { row: FollowupTaskRow }) {
  const { t } = useTranslation();
  return (
    <>
      <td className="mono" style={NOWRAP}>
        {row.dueDay}
      </td>
      <td>
        {t(`followup.kinds.${row.kind}`)}
        {row.dueReason ? <div className="muted small">{t(`followup.dueReasons.${row.dueReason}`)}</div> : null}
      </td>
      <td>{row.customer.name}</td>
      <td className="mono" style={NOWRAP}>
        {row.phone ?? ''}
      </td>
      <td className="plate">{row.vehicle.plate}</td>
      <td className="mono" style={NOWRAP}>
        {row.repairOrder ? <Link to={`/repair-orders/${row.repairOrder.id}`}>{row.repairOrder.number}</Link> : ''}
      </td>
      <td>{row.advisor?.displayName ?? ''}</td>
      <td className="num">{row.attempts}</td>
    </>
  );
}

function TaskHead({ extra }: { extra?: string }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <th>{t('followup.columns.dueDay')}</th>
        <th>{t('followup.columns.kind')}</th>
        <th>{t('followup.columns.customer')}</th>
        <th>{t('followup.columns.phone')}</th>
        <th>{t('followup.columns.plate')}</th>
        <th>{t('followup.columns.ro')}</th>
        <th>{t('followup.columns.advisor')}</th>
        <th className="num">{t('followup.columns.attempts')}</th>
        {extra ? <th>{extra}</th> : null}
        <th />
      </tr>
    </thead>
  );
}

/** The call queue: due today, overdue or both, by kind, oldest due first, paged in SQL; a row opens the call. */
function CallQueue() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useUrlParams();
  const dueParam = params.get('due');
  const kindParam = params.get('kind');
  const due: QueueDue = isDue(dueParam) ? dueParam : 'today';
  const kind = isKind(kindParam) ? kindParam : undefined;
  const [offset, setOffset] = useState(0);
  const query = useQuery({
    ...orpc.followup.queue.queryOptions({ input: { due, offset, limit: PAGE, ...(kind ? { kind } : {}) } }),
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.rows ?? [];
  return (
    <Section
      title={t('followup.tabs.queue')}
      actions={
        <>
          <div className="followup-due" role="group" aria-label={t('followup.dueFilter')}>
            {QUEUE_DUE.map((value) => (
              <button
                key={value}
                type="button"
                className={value === due ? 'primary' : undefined}
                aria-pressed={value === due}
                onClick={() => {
                  setOffset(0);
                  setParams({ due: value });
                }}
              >
                {t(`followup.dueFilters.${value}`)}
              </button>
            ))}
          </div>
          <label className="inline-form">
            <span className="visually-hidden">{t('followup.kindFilter')}</span>
            <select
              aria-label={t('followup.kindFilter')}
              value={kind ?? ''}
              onChange={(event) => {
                setOffset(0);
                setParams({ kind: event.target.value });
              }}
            >
              <option value="">{t('followup.allKinds')}</option>
              {FOLLOWUP_KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(`followup.kinds.${value}`)}
                </option>
              ))}
            </select>
          </label>
        </>
      }
    >
      {query.isPending ? <Loading /> : null}
      <ErrorBanner error={query.error} />
      {query.data && rows.length === 0 ? <p className="muted">{t('followup.noCalls')}</p> : null}
      {rows.length > 0 ? (
        <table className="results followup-queue" aria-label={t('followup.tabs.queue')}>
          <TaskHead />
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.id}
                data-task={row.id}
                data-testid={`followup-row-${row.repairOrder?.number ?? row.id}`}
                className="clickable"
                onClick={(event) => {
                  // A link inside the row (the RO) goes where it points; anywhere else opens the call.
                  if ((event.target as HTMLElement).closest('a')) return;
                  void navigate(`/followup/tasks/${row.id}`);
                }}
              >
                <TaskCells row={row} />
                <td>
                  <Link className="button" to={`/followup/tasks/${row.id}`}>
                    {t('followup.open')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager offset={offset} pageSize={PAGE} hasMore={query.data?.hasMore} onOffset={setOffset} />
    </Section>
  );
}

function MarkSent({ row }: { row: LetterRow }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mark = useMutation(
    orpc.followup.markSent.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: orpc.followup.key() }),
    }),
  );
  return (
    <>
      <button type="button" disabled={mark.isPending} onClick={() => mark.mutate({ taskId: row.id, version: row.version })}>
        {t('followup.markSent')}
      </button>
      <ErrorBanner error={mark.error} />
    </>
  );
}

/** The SMS/letter list: tasks the calls did not reach, with the address; each one marked sent when it went out. */
function LetterList() {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const query = useQuery({
    ...orpc.followup.letters.queryOptions({ input: { offset, limit: PAGE } }),
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.rows ?? [];
  return (
    <Section title={t('followup.tabs.letters')}>
      <p className="muted small">{t('followup.lettersHint')}</p>
      {query.isPending ? <Loading /> : null}
      <ErrorBanner error={query.error} />
      {query.data && rows.length === 0 ? <p className="muted">{t('followup.noLetters')}</p> : null}
      {rows.length > 0 ? (
        <table className="results" aria-label={t('followup.tabs.letters')}>
          <TaskHead extra={t('followup.columns.address')} />
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-task={row.id} data-testid={`letter-row-${row.repairOrder?.number ?? row.id}`}>
                <TaskCells row={row} />
                <td>{row.address || <span className="muted">{t('followup.noAddress')}</span>}</td>
                <td>
                  <MarkSent row={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager offset={offset} pageSize={PAGE} hasMore={query.data?.hasMore} onOffset={setOffset} />
    </Section>
  );
}

/**
 * The CSI desk's follow-up: the call queue (day-3 satisfaction calls, lapsed customers, maintenance reminders) and the
 * SMS/letter list. Opening the screen makes today's lapsed and reminder tasks first (idempotent once a desk day).
 */
export function FollowupQueueScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const queryClient = useQueryClient();
  const [params, setParams] = useUrlParams();
  const tab = params.get('tab') === 'letters' ? 'letters' : 'queue';
  const generate = useMutation(
    orpc.followup.generateDue.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: orpc.followup.key() }),
    }),
  );
  const generated = useRef(false);
  const { mutate } = generate;
  useEffect(() => {
    if (generated.current) return;
    generated.current = true;
    mutate({});
  }, [mutate]);
  const tabClass = (name: string) => (name === tab ? 'button primary' : 'button');
  return (
    <div className="page">
      <section className="card">
        <header className="card-header">
          <h1 style={{ margin: 0 }}>{t('followup.title')}</h1>
          <div className="card-actions" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'queue'}
              className={tabClass('queue')}
              onClick={() => setParams({ tab: undefined })}
            >
              {t('followup.tabs.queue')}
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'letters'}
              className={tabClass('letters')}
              onClick={() => setParams({ tab: 'letters' })}
            >
              {t('followup.tabs.letters')}
            </button>
          </div>
          <div className="card-actions">
            {canCall(user.role, contract.followup.saveSurveyTemplate) ? (
              <Link className="button" to="/followup/survey-template">
                {t('followup.surveyTemplate')}
              </Link>
            ) : null}
          </div>
        </header>
        {generate.data && generate.data.created > 0 ? (
          <p className="muted small" role="status">
            {t('followup.generated', { count: generate.data.created })}
          </p>
        ) : null}
        <ErrorBanner error={generate.error} />
      </section>
      {tab === 'queue' ? <CallQueue /> : <LetterList />}
    </div>
  );
}
