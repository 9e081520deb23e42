import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { decideComebackInput, type ComebackDto, type DecideComebackInput } from '../../../../shared/contract/workshop/comebacks';
import { COMEBACK_ROOT_CAUSES } from '../../../../shared/domain/first-time-fix';
import { orpc } from '../../api/client';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { formatDate, formatDateTime } from '../../ui/format';
import { EnumSelect, Field } from '../../ui/widgets';

type DecideValues = Omit<DecideComebackInput, 'id' | 'version'>;

/** The foreman's judgement of one comeback: confirmed with its root cause, or not a quality issue with the reason. */
function DecideForm({ comeback, onDone }: { comeback: ComebackDto; onDone: (decided: ComebackDto | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const decide = useMutation(
    orpc.workshop.decideComeback.mutationOptions({
      onSuccess: async () => {
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
    onDone(await decide.mutateAsync({ ...values, rootCause: values.decision === 'confirmed' ? values.rootCause : undefined }));
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
        <Field label={t('fields.rootCause')} name="rootCause" error={form.formState.errors.rootCause} wide>
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
        onCancel={() => onDone(null)}
      />
    </form>
  );
}

/** A comeback's status as a coloured badge (in the grid and in the panel). */
export function ComebackStatusBadge({ comeback }: { comeback: ComebackDto }) {
  const { t } = useTranslation();
  return (
    <span className={`badge comeback-${comeback.status}`} data-testid="comeback-status">
      {t(`reports.comebacks.statuses.${comeback.status}`)}
    </span>
  );
}

/**
 * The comeback picked in the grid, beside it: both ROs, how long after, the decision on record, and the foreman's
 * decide form while it is suspected. `onDecided` gets the comeback as saved.
 */
export function ComebackPanel({
  comeback: c,
  mayDecide,
  onDecided,
}: {
  comeback: ComebackDto;
  mayDecide: boolean;
  onDecided: (decided: ComebackDto) => void;
}) {
  const { t } = useTranslation();
  const [deciding, setDeciding] = useState(false);
  return (
    <section className="card comeback-panel" aria-label={`${c.earlier.repairOrderNumber} → ${c.later.repairOrderNumber}`}>
      <header className="comeback-panel-header">
        <h2>
          <span className="mono">{c.plate}</span> <span className="badge">{t(`catalog.groups.${c.concernGroup}`)}</span>{' '}
          <ComebackStatusBadge comeback={c} />
        </h2>
        {mayDecide && c.status === 'suspected' && !deciding ? (
          <button type="button" className="primary" onClick={() => setDeciding(true)}>
            {t('reports.comebacks.decide')}
          </button>
        ) : null}
      </header>
      <dl className="comeback-pair">
        <div>
          <dt className="muted small">{t('reports.comebacks.earlier')}</dt>
          <dd>
            <Link to={`/repair-orders/${c.earlier.repairOrderId}`}>{c.earlier.repairOrderNumber}</Link>{' '}
            <span className="small muted">{t('reports.comebacks.deliveredOn', { at: formatDate(c.earlier.deliveredAt) })}</span>
            <div>{c.earlier.concern}</div>
            {c.earlier.technicianName ? (
              <div className="small">{t('reports.comebacks.technician', { name: c.earlier.technicianName })}</div>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="muted small">{t('reports.comebacks.later')}</dt>
          <dd>
            <Link to={`/repair-orders/${c.later.repairOrderId}`}>{c.later.repairOrderNumber}</Link>{' '}
            <span className="small muted">{t('reports.comebacks.openedOn', { at: formatDate(c.later.openedAt) })}</span>
            <div>{c.later.concern}</div>
          </dd>
        </div>
        <div>
          <dt className="muted small">{t('reports.comebacks.after')}</dt>
          <dd>
            {c.kmAfter === null
              ? t('reports.comebacks.afterDays', { days: c.daysAfter })
              : t('reports.comebacks.afterValue', { days: c.daysAfter, km: c.kmAfter })}
          </dd>
        </div>
      </dl>
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
      {deciding ? (
        <DecideForm
          comeback={c}
          onDone={(decided) => {
            setDeciding(false);
            if (decided) onDecided(decided);
          }}
        />
      ) : null}
    </section>
  );
}
