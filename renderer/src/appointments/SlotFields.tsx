import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '../ui/widgets';
import { DateField } from '../ui/DateField';

/**
 * Where and when an appointment sits: the advisor, the desk's calendar day and the slot's start. The same three
 * fields book an appointment and move one (reschedule); each form registers them in its own react-hook-form.
 */
export function SlotFields(props: {
  advisors: { id: number; displayName: string }[];
  slots: string[];
  advisor: UseFormRegisterReturn;
  day: UseFormRegisterReturn;
  time: UseFormRegisterReturn;
  errors: { advisorId?: FieldError | undefined; day?: FieldError | undefined; startsAt?: FieldError | undefined };
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('fields.advisorId')} name="advisorId" error={props.errors.advisorId}>
        <select {...props.advisor}>
          {props.advisors.map((advisor) => (
            <option key={advisor.id} value={advisor.id}>
              {advisor.displayName}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('fields.day')} name="day" error={props.errors.day}>
        <DateField {...props.day} />
      </Field>
      <Field label={t('fields.startsAt')} name="startsAt" error={props.errors.startsAt}>
        <select {...props.time}>
          <option value="">—</option>
          {props.slots.map((slot) => (
            <option key={slot} value={slot}>
              {slot}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
