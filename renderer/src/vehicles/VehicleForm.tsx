import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { vehicleCreateInput, vehicleUpdateInput, type VehicleCreateInput } from '../../../shared/contract/vehicles';
import { FUEL_TYPES } from '../../../shared/domain/enums';
import { plateKind } from '../../../shared/domain/plate';
import { checkVin } from '../../../shared/domain/vin';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { EnumSelect, Field } from '../ui/widgets';
import { DateField } from '../ui/DateField';

export type VehicleFormValues = Required<Omit<VehicleCreateInput, 'ownerId'>>;

export const EMPTY_VEHICLE: VehicleFormValues = {
  vin: '',
  plate: '',
  make: '',
  model: '',
  year: new Date().getFullYear(),
  colour: '',
  fuelType: 'petrol',
  engine: '',
  purchaseDate: null,
  invoiceDate: null,
  mileageKm: null,
  acceptVinWarning: false,
};
const FORM_FIELDS = Object.keys(EMPTY_VEHICLE);

/** An update has no mileage field (mileage is recorded on its own); a create does. */
function withoutMileage(values: VehicleFormValues, extra: Record<string, number>): Partial<VehicleFormValues> {
  if ('ownerId' in extra) return values;
  const { mileageKm: _mileage, ...rest } = values;
  return rest;
}

const emptyAsNull = (value: unknown) => (value === '' || value === null || value === undefined ? null : value);
const numberOrNull = (value: unknown) => (value === '' || value === null || value === undefined ? null : Number(value));
const numberOrUndefined = (value: unknown) => (value === '' || value === null || value === undefined ? undefined : Number(value));

/**
 * Create and edit a vehicle. The VIN and plate are judged as they are typed (shared rules), so a check digit that
 * fails is seen before saving and must be accepted on purpose; the core applies the same rule.
 */
export function VehicleForm(props: {
  initial: VehicleFormValues;
  /** The procedure's schema and what it needs beyond the form (the owner, or the id and version). */
  schema: typeof vehicleCreateInput | typeof vehicleUpdateInput;
  extra: Record<string, number>;
  showMileage: boolean;
  submitting: boolean;
  onSubmit: (values: VehicleFormValues) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<VehicleFormValues, unknown, unknown>({
    // The create schema (owner filled in) checks the same fields as the update schema.
    resolver: schemaResolver(props.schema, t, (values: VehicleFormValues) => ({
      ...withoutMileage(values, props.extra),
      ...props.extra,
    })),
    defaultValues: props.initial,
  });
  const errors = form.formState.errors;
  const vin = checkVin(useWatch({ control: form.control, name: 'vin' }) ?? '');
  const plate = useWatch({ control: form.control, name: 'plate' }) ?? '';
  const vinNeedsAcceptance = !vin.problem && !vin.checkDigitOk;

  // The form's own values go out (the schema's output would add the owner or id the screen adds itself).
  const { submit, unplaced } = useFormSubmit(form, FORM_FIELDS, () => props.onSubmit(form.getValues()));

  return (
    <form className="form-grid" onSubmit={submit} noValidate>
      <Field label={t('fields.vin')} name="vin" error={errors.vin}>
        <input className="mono" autoFocus maxLength={40} {...form.register('vin')} />
      </Field>
      <Field label={t('fields.plate')} name="plate" error={errors.plate}>
        <input {...form.register('plate')} />
      </Field>
      {vinNeedsAcceptance ? (
        <div className="field-wide banner banner-warning" data-testid="vin-warning" role="status">
          {t('vehicle.vinWarning')}
          <label className="checkbox">
            <input type="checkbox" {...form.register('acceptVinWarning')} />
            {t('vehicle.vinAccept')}
          </label>
        </div>
      ) : null}
      {plate.trim() && plateKind(plate) === 'unknown' ? (
        <div className="field-wide banner banner-warning" data-testid="plate-warning" role="status">
          {t('vehicle.plateUnknown')}
        </div>
      ) : null}
      <Field label={t('fields.make')} name="make" error={errors.make}>
        <input {...form.register('make')} />
      </Field>
      <Field label={t('fields.model')} name="model" error={errors.model}>
        <input {...form.register('model')} />
      </Field>
      <Field label={t('fields.year')} name="year" error={errors.year}>
        <input type="number" inputMode="numeric" {...form.register('year', { setValueAs: numberOrUndefined })} />
      </Field>
      <Field label={t('fields.fuelType')} name="fuelType" error={errors.fuelType}>
        <EnumSelect values={FUEL_TYPES} catalogue="fuel" {...form.register('fuelType')} />
      </Field>
      <Field label={t('fields.colour')} name="colour" error={errors.colour}>
        <input {...form.register('colour')} />
      </Field>
      <Field label={t('fields.engine')} name="engine" error={errors.engine}>
        <input {...form.register('engine')} />
      </Field>
      <Field label={t('fields.purchaseDate')} name="purchaseDate" error={errors.purchaseDate}>
        <DateField {...form.register('purchaseDate', { setValueAs: emptyAsNull })} />
      </Field>
      <Field label={t('fields.invoiceDate')} name="invoiceDate" error={errors.invoiceDate}>
        <DateField {...form.register('invoiceDate', { setValueAs: emptyAsNull })} />
      </Field>
      {props.showMileage ? (
        <Field label={t('fields.mileageKm')} name="mileageKm" error={errors.mileageKm}>
          <input type="number" inputMode="numeric" {...form.register('mileageKm', { setValueAs: numberOrNull })} />
        </Field>
      ) : null}
      <FormFooter unplaced={unplaced} submitting={props.submitting} submitLabel={t('customer.save')} onCancel={props.onCancel} />
    </form>
  );
}
