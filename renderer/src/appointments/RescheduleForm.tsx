import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { rescheduleInput, type AppointmentDto } from '../../../shared/contract/appointments';
import { hoursMilli } from '../../../shared/contract/catalog';
import { reasonIssue } from '../../../shared/contract/errors';
import { isoDate } from '../../../shared/contract/fields';
import { parseHm } from '../../../shared/domain/appointment-slots';
import { instantAt } from '../../../shared/domain/desk-time';
import { formatQuantity, parseQuantity } from '../../../shared/domain/money';
import { orpc } from '../api/client';
import { decimalText } from '../catalog/decimal-text';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { Field } from '../ui/widgets';
import { describeAppointmentIssue } from './appointment-format';
import { SlotFields } from './SlotFields';

interface RescheduleValues {
  advisorId: string;
  day: string;
  startsAt: string;
  estimatedHoursMilli: string;
}

/** The contract's rules over the form: a day and a slot on the desk's clock become the instant the core checks. */
const rescheduleForm = z
  .strictObject({
    advisorId: z.string().transform(Number).pipe(rescheduleInput.shape.advisorId),
    day: isoDate,
    startsAt: z.string().refine((text) => parseHm(text) !== null, reasonIssue('required')),
    estimatedHoursMilli: decimalText(parseQuantity, 3, hoursMilli),
  })
  .transform(({ day, startsAt, ...rest }) => ({ ...rest, startsAt: instantAt(day, parseHm(startsAt) ?? 0).toISOString() }));
const FORM_FIELDS = ['advisorId', 'day', 'startsAt', 'estimatedHoursMilli'];

/**
 * Moves a booked appointment to another slot, advisor or length; the core checks the slot and the workshop's day
 * again as for a new booking (not counting the appointment itself), and a reminder already made is asked again.
 */
export function RescheduleForm(props: {
  appointment: AppointmentDto;
  advisors: { id: number; displayName: string }[];
  slots: string[];
  onSaved: (appointment: AppointmentDto) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { appointment } = props;
  const reschedule = useMutation(orpc.appointments.reschedule.mutationOptions());
  const form = useForm<RescheduleValues, unknown, z.output<typeof rescheduleForm>>({
    resolver: schemaResolver<RescheduleValues, typeof rescheduleForm>(rescheduleForm, t),
    defaultValues: {
      advisorId: String(appointment.advisor.id),
      day: appointment.day,
      startsAt: appointment.time,
      estimatedHoursMilli: formatQuantity(appointment.estimatedHoursMilli),
    },
  });
  const { submit, unplaced } = useFormSubmit(form, FORM_FIELDS, async (values) => {
    await props.onSaved(await reschedule.mutateAsync({ id: appointment.id, version: appointment.version, ...values }));
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid appt-form" onSubmit={submit} noValidate aria-label={t('appointments.reschedule')}>
      <SlotFields
        advisors={props.advisors}
        slots={props.slots}
        advisor={form.register('advisorId')}
        day={form.register('day')}
        time={form.register('startsAt')}
        errors={errors}
      />
      <Field label={t('fields.estimatedHoursMilli')} name="estimatedHoursMilli" error={errors.estimatedHoursMilli}>
        <input inputMode="decimal" autoComplete="off" {...form.register('estimatedHoursMilli')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('appointments.rescheduleConfirm')}
        onCancel={props.onCancel}
        describe={describeAppointmentIssue}
      />
    </form>
  );
}
