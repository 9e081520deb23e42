import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { contract } from '../../../shared/contract';
import { correctClockingInput, type ClockingDto } from '../../../shared/contract/workshop';
import { fromLocalInput, toLocalInput } from '../../../shared/domain/desk-time';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { ErrorBanner, Field, Loading } from '../ui/widgets';
import { useWorkshopFormat, useWorkshopSaved } from './workshop-format';
import { DateTimeField } from '../ui/DateField';

interface CorrectionValues {
  /** datetime-local on the desk's clock. */
  startedAt: string;
  endedAt: string;
  reason: string;
}

/** The manager corrects a clocking's times with a reason; the core keeps the times before. */
function CorrectionForm(props: { clocking: ClockingDto; onDone: () => void }) {
  const { t } = useTranslation();
  const saved = useWorkshopSaved();
  const correct = useMutation(orpc.workshop.correctClocking.mutationOptions({ onSuccess: saved }));
  const toInput = (values: CorrectionValues) => ({
    clockingId: props.clocking.id,
    startedAt: fromLocalInput(values.startedAt) ?? '',
    endedAt: fromLocalInput(values.endedAt) ?? '',
    reason: values.reason,
  });
  const form = useForm<CorrectionValues, unknown, z.output<typeof correctClockingInput>>({
    resolver: schemaResolver<CorrectionValues, typeof correctClockingInput>(correctClockingInput, t, toInput),
    defaultValues: {
      startedAt: toLocalInput(props.clocking.startedAt),
      endedAt: toLocalInput(props.clocking.endedAt),
      reason: '',
    },
  });
  const { submit, unplaced } = useFormSubmit(form, ['startedAt', 'endedAt', 'reason'], async (values) => {
    await correct.mutateAsync(values);
    props.onDone();
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('workshop.correctTitle')}>
      <Field label={t('fields.startedAt')} name="startedAt" error={errors.startedAt}>
        <DateTimeField {...form.register('startedAt')} />
      </Field>
      <Field label={t('fields.endedAt')} name="endedAt" error={errors.endedAt}>
        <DateTimeField {...form.register('endedAt')} />
      </Field>
      <Field label={t('fields.reason')} name="reason" error={errors.reason} wide>
        <input maxLength={500} {...form.register('reason')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('workshop.saveCorrection')}
        onCancel={props.onDone}
      />
    </form>
  );
}

/** A job's clockings, oldest first, with their corrections; the manager corrects an ended one. */
export function ClockingsPanel(props: { jobId: number }) {
  const { t } = useTranslation();
  const user = useUser();
  const format = useWorkshopFormat();
  const clockings = useQuery(orpc.workshop.clockings.queryOptions({ input: { jobId: props.jobId } }));
  const [correcting, setCorrecting] = useState<number | null>(null);
  const mayCorrect = canCall(user.role, contract.workshop.correctClocking);
  if (clockings.isPending) return <Loading />;
  if (clockings.error) return <ErrorBanner error={clockings.error} />;
  return (
    <div className="ws-clockings" aria-label={t('workshop.clockingsTitle')}>
      {clockings.data.length === 0 ? <p className="muted">{t('workshop.noClockings')}</p> : null}
      <ul>
        {clockings.data.map((clocking) => (
          <li key={clocking.id} data-testid={`clocking-${clocking.id}`}>
            {clocking.technician.displayName}: {format.time(clocking.startedAt)} –{' '}
            {clocking.endedAt ? format.time(clocking.endedAt) : t('workshop.runningNow')} ({format.minutes(clocking.minutes)})
            {clocking.corrections.map((correction, k) => (
              <div key={k} className="muted small">
                {t('workshop.correctedBy', {
                  name: correction.correctedBy,
                  from: `${format.time(correction.oldStartedAt)} – ${format.time(correction.oldEndedAt)}`,
                  reason: correction.reason,
                })}
              </div>
            ))}
            {mayCorrect && clocking.endedAt && correcting !== clocking.id ? (
              <button type="button" className="link" onClick={() => setCorrecting(clocking.id)}>
                {t('workshop.correct')}
              </button>
            ) : null}
            {correcting === clocking.id ? <CorrectionForm clocking={clocking} onDone={() => setCorrecting(null)} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
