import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { decideComebackInput, type ComebackDto, type DecideComebackInput } from '../../../../shared/contract/workshop/comebacks';
import { MAX_PAGE_SIZE } from '../../../../shared/contract/paging';
import { COMEBACK_ROOT_CAUSES, COMEBACK_STATUSES, type ComebackStatus } from '../../../../shared/domain/first-time-fix';
import { orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { formatDate, formatDateTime } from '../../ui/format';
import { EnumSelect, ErrorBanner, Field, Loading } from '../../ui/widgets';
import '../../reports/reports.css';

const PAGE = 50;

type DecideValues = Omit<DecideComebackInput, 'id' | 'version'>;

/** The foreman's judgement of one comeback: confirmed with its root cause, or not a quality issue with the reason. */
function DecideForm({ comeback, onDone }: { comeback: ComebackDto; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const decide = useMutation(
    orpc.workshop.decideComeback.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: orpc.workshop.comebacks.key() });
        await queryClient.invalidateQueries({ queryKey: orpc.reports.key() });
      },
    }),
  );
  const form = useForm<DecideValues, unknown, z.output<typeof decideComebackInput>>({
    resolver: schemaResolver<DecideValues, typeof decideComebackInput>(decideComebackInput, t, (values) => ({
      ...values,
      ...(values.rootCause ? {} : { rootCause: undefined }),
      id: comeback.id,
      version: comeback.version,
    })),
    defaultValues: { decision: 'confirmed', rootCause: 'workmanship', reason: '' },
  });
  const decision = useWatch({ control: form.control, name: 'decision' });
  const { submit, unplaced } = useFormSubmit(form, ['decision', 'rootCause', 'reason'], async (values) => {
    await decide.mutateAsync({ ...values, rootCause: values.decision === 'confirmed' ? values.rootCause : undefined });
    onDone();
  });
  return (
    <form className="form-grid comeback-decide" onSubmit={submit} noValidate aria-label={t('reports.comebacks.decision')}>
      <fieldset className="field field-wide" data-field="decision">
        <legend className="field-label">{t('reports.comebacks.decision')}</legend>
        <label className="checkbox">
          <input type="radio" value="confirmed" {...form.register('decision')} />
          {t('reports.comebacks.confirm')}
        </label>
        <label className="checkbox">
          <input type="radio" value="not_quality" {...form.register('decision')} />
          {t('reports.comebacks.notQuality')}
        </label>
      </fieldset>
      {decision === 'confirmed' ? (
        <Field label={t('fields.rootCause')} name="rootCause" error={form.formState.errors.rootCause}>
          <EnumSelect values={COMEBACK_ROOT_CAUSES} catalogue="reports.comebacks.rootCauses" {...form.register('rootCause')} />
        </Field>
      ) : null}
      <Field label={t('fields.reason')} name="reason" error={form.formState.errors.reason} wide>
        <textarea rows={2} maxLength={500} {...form.register('reason')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('reports.comebacks.save')}
        onCancel={onDone}
      />
    </form>
  );
}

function ComebackCard({ comeback, mayDecide }: { comeback: ComebackDto; mayDecide: boolean }) {
  const { t } = useTranslation();
  const [deciding, setDeciding] = useState(false);
  const c = comeback;
  return (
    <article className="card comeback" aria-label={`${c.earlier.repairOrderNumber} → ${c.later.repairOrderNumber}`}>
      <header className="card-header">
        <h2>
          <span className="mono">{c.plate}</span> <span className="badge">{t(`catalog.groups.${c.concernGroup}`)}</span>{' '}
          <span className={`badge comeback-${c.status}`} data-testid="comeback-status">
            {t(`reports.comebacks.statuses.${c.status}`)}
          </span>
        </h2>
        <div className="card-actions">
          {mayDecide && c.status === 'suspected' && !deciding ? (
            <button type="button" className="primary" onClick={() => setDeciding(true)}>
              {t('reports.comebacks.decide')}
            </button>
          ) : null}
        </div>
      </header>
      <div className="comeback-pair">
        <div>
          <div className="muted small">{t('reports.comebacks.earlier')}</div>
          <Link to={`/repair-orders/${c.earlier.repairOrderId}`}>{c.earlier.repairOrderNumber}</Link>{' '}
          <span className="small muted">{t('reports.comebacks.deliveredOn', { at: formatDate(c.earlier.deliveredAt) })}</span>
          <div>{c.earlier.concern}</div>
          {c.earlier.technicianName ? (
            <div className="small">{t('reports.comebacks.technician', { name: c.earlier.technicianName })}</div>
          ) : null}
        </div>
        <div>
          <div className="muted small">{t('reports.comebacks.later')}</div>
          <Link to={`/repair-orders/${c.later.repairOrderId}`}>{c.later.repairOrderNumber}</Link>{' '}
          <span className="small muted">{t('reports.comebacks.openedOn', { at: formatDate(c.later.openedAt) })}</span>
          <div>{c.later.concern}</div>
        </div>
        <div>
          <div className="muted small">{t('reports.comebacks.after')}</div>
          {c.kmAfter === null
            ? t('reports.comebacks.afterDays', { days: c.daysAfter })
            : t('reports.comebacks.afterValue', { days: c.daysAfter, km: c.kmAfter })}
        </div>
      </div>
      {c.decidedBy ? (
        <p className="small">
          {t('reports.comebacks.decidedBy', {
            status: t(`reports.comebacks.statuses.${c.status}`),
            name: c.decidedBy.displayName,
            at: formatDateTime(c.decidedAt),
          })}
          {c.rootCause ? ` · ${t('fields.rootCause')}: ${t(`reports.comebacks.rootCauses.${c.rootCause}`)}` : ''}
          {c.reason ? ` · ${c.reason}` : ''}
        </p>
      ) : null}
      {deciding ? <DecideForm comeback={c} onDone={() => setDeciding(false)} /> : null}
    </article>
  );
}

/** Comebacks for the foreman: suspected ones first, each with both ROs; confirm with a root cause or dismiss with a reason. */
export function ComebacksScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const [status, setStatus] = useState<ComebackStatus | ''>('');
  const [limit, setLimit] = useState(PAGE);
  const query = useQuery(orpc.workshop.comebacks.queryOptions({ input: { offset: 0, limit, ...(status ? { status } : {}) } }));
  const window = useQuery(orpc.workshop.comebackWindow.queryOptions({ input: {} }));
  const mayDecide = canCall(user.role, contract.workshop.decideComeback);
  return (
    <div className="page">
      <div className="card">
        <header className="card-header">
          <h1>{t('reports.comebacks.title')}</h1>
          <div className="card-actions">
            <label className="field">
              <span className="field-label">{t('reports.comebacks.status')}</span>
              <select value={status} onChange={(e) => setStatus(e.target.value as ComebackStatus | '')}>
                <option value="">{t('reports.comebacks.allStatuses')}</option>
                {COMEBACK_STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {t(`reports.comebacks.statuses.${value}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </header>
        {window.data ? (
          <p className="muted small">{t('reports.comebacks.hint', { days: window.data.days, km: window.data.km })}</p>
        ) : null}
      </div>
      {query.isPending ? <Loading /> : null}
      <ErrorBanner error={query.error} />
      {query.data && query.data.rows.length === 0 ? <p className="muted">{t('reports.comebacks.empty')}</p> : null}
      {query.data?.rows.map((comeback) => (
        <ComebackCard key={comeback.id} comeback={comeback} mayDecide={mayDecide} />
      ))}
      {query.data?.hasMore && limit < MAX_PAGE_SIZE ? (
        <button type="button" onClick={() => setLimit(Math.min(MAX_PAGE_SIZE, limit + PAGE))}>
          {t('reports.comebacks.more')}
        </button>
      ) : null}
    </div>
  );
}
