import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { checkInInput, type CheckInDetail } from '../../../../shared/contract/repair-orders/check-in';
import { orpc } from '../../api/client';
import { useUser } from '../../app/session-context';
import { schemaResolver } from '../../ui/form-resolver';
import { useFormSubmit } from '../../ui/form-submit';
import { formatDateTime, formatNumber } from '../../ui/format';
import { Field } from '../../ui/widgets';
import { RoFormFooter } from '../RoError';
import { useCheckInSaved } from './use-check-in';
import { FuelOptions } from './FuelOptions';

const checkInForm = checkInInput.pick({
  mileageKm: true,
  fuelEighths: true,
  valuables: true,
  notes: true,
  mileageOverrideReason: true,
});
type CheckInValues = z.input<typeof checkInForm>;
const CHECK_IN_FIELDS = ['mileageKm', 'fuelEighths', 'valuables', 'notes', 'mileageOverrideReason'];

/** '' (nothing typed or chosen) stays missing for the schema to call required; anything else is read as a number. */
const numberOrMissing = (value: unknown) => (value === '' || value === null || value === undefined ? undefined : Number(value));

/** A fuel level in the desk's words: E, 1/8 … F. */
export function useFuelLabel() {
  const { t } = useTranslation();
  return (eighths: number) => t(`checkIn.fuelLevels.${eighths}`);
}

/** What the reception recorded, read-only. */
export function CheckInSummary({ detail }: { detail: CheckInDetail }) {
  const { t } = useTranslation();
  const fuel = useFuelLabel();
  const record = detail.checkIn;
  if (!record) return <p className="muted">{t('checkIn.notCheckedIn')}</p>;
  return (
    <>
      <dl className="facts" data-testid="check-in-summary">
        <dt>{t('fields.mileageKm')}</dt>
        <dd data-testid="check-in-mileage">{t('vehicle.mileageKm', { km: formatNumber(record.mileageKm) })}</dd>
        <dt>{t('fields.fuelEighths')}</dt>
        <dd data-testid="check-in-fuel">{fuel(record.fuelEighths)}</dd>
        <dt>{t('fields.valuables')}</dt>
        <dd className="ro-concern">{record.valuables || <span className="muted">—</span>}</dd>
        <dt>{t('fields.notes')}</dt>
        <dd className="ro-concern">{record.notes || <span className="muted">—</span>}</dd>
      </dl>
      {record.mileageOverrideReason ? (
        <p className="small" data-testid="check-in-override">
          {t('checkIn.overridden', { reason: record.mileageOverrideReason })}
        </p>
      ) : null}
      <p className="muted small">
        {t('checkIn.checkedIn', { name: record.checkedInBy.displayName, at: formatDateTime(record.checkedInAt) })}
      </p>
    </>
  );
}

/**
 * Mileage, fuel, valuables and notes, checked by the contract's own schema. The vehicle's last reading is shown next
 * to the mileage; a lower one is for the manager only, who gives the reason in a field only the manager sees.
 */
export function CheckInForm(props: { detail: CheckInDetail; roId: number; vehicleId: number; onDone?: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const saved = useCheckInSaved(props.vehicleId);
  const record = props.detail.checkIn;
  const manager = user.role === 'manager';
  const save = useMutation(orpc.repairOrders.checkIn.mutationOptions({ onSuccess: saved }));
  const form = useForm<CheckInValues, unknown, z.output<typeof checkInForm>>({
    resolver: schemaResolver<CheckInValues, typeof checkInForm>(checkInForm, t),
    defaultValues: {
      ...(record ? { mileageKm: record.mileageKm, fuelEighths: record.fuelEighths } : {}),
      valuables: record?.valuables ?? '',
      notes: record?.notes ?? '',
      mileageOverrideReason: record?.mileageOverrideReason ?? '',
    },
  });
  const { submit, unplaced } = useFormSubmit(form, CHECK_IN_FIELDS, async (values) => {
    const { mileageOverrideReason, ...rest } = values;
    await save.mutateAsync({
      id: props.roId,
      version: props.detail.roVersion,
      ...rest,
      ...(manager && mileageOverrideReason ? { mileageOverrideReason } : {}),
    });
    props.onDone?.();
  });
  const errors = form.formState.errors;
  const last = props.detail.lastMileageKm;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('checkIn.title')}>
      <Field label={t('fields.mileageKm')} name="mileageKm" error={errors.mileageKm}>
        <input type="number" inputMode="numeric" min={0} {...form.register('mileageKm', { setValueAs: numberOrMissing })} />
        <span className="muted small" data-testid="check-in-last-reading">
          {last === null ? t('checkIn.noLastReading') : t('checkIn.lastReading', { km: formatNumber(last) })}
        </span>
      </Field>
      <Field label={t('fields.fuelEighths')} name="fuelEighths" error={errors.fuelEighths}>
        <select {...form.register('fuelEighths', { setValueAs: numberOrMissing })}>
          <option value="">—</option>
          <FuelOptions />
        </select>
      </Field>
      <p className="muted small field-wide check-in-rule">{t('checkIn.lowerNeedsManager')}</p>
      {manager ? (
        <Field label={t('fields.mileageOverrideReason')} name="mileageOverrideReason" error={errors.mileageOverrideReason} wide>
          <input maxLength={200} {...form.register('mileageOverrideReason')} />
        </Field>
      ) : null}
      <Field label={t('fields.valuables')} name="valuables" error={errors.valuables}>
        <textarea maxLength={500} {...form.register('valuables')} />
      </Field>
      <Field label={t('fields.notes')} name="notes" error={errors.notes}>
        <textarea maxLength={2000} {...form.register('notes')} />
      </Field>
      <RoFormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('checkIn.save')}
        {...(props.onDone ? { onCancel: props.onDone } : {})}
      />
    </form>
  );
}
