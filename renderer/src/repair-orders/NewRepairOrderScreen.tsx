import { useMutation, useQuery } from '@tanstack/react-query';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { createInput, MAX_CONCERNS } from '../../../shared/contract/repair-orders';
import { orpc } from '../api/client';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { ErrorBanner, Field, Loading, Section } from '../ui/widgets';
import { fromLocalInput } from '../../../shared/domain/desk-time';
import { useRoSaved } from './use-ro-write';
import { DateTimeField } from '../ui/DateField';
import { CampaignBanner } from '../campaigns/CampaignBanner';

interface NewRoValues {
  concerns: { text: string }[];
  /** datetime-local, in the desk's time zone; '' for no promise yet. */
  promisedAt: string;
}

/** The contract's own concern and promised-time rules, over what the form holds (rows of text, a local time). */
const newRoForm = z.strictObject({
  concerns: z
    .array(z.strictObject({ text: createInput.shape.concerns.element }))
    .min(1)
    .max(MAX_CONCERNS),
  promisedAt: z.string().transform(fromLocalInput).pipe(createInput.shape.promisedAt.removeDefault()),
});
type NewRoOutput = z.output<typeof newRoForm>;
const FORM_FIELDS = ['concerns', 'promisedAt'];

/** Opens an RO for a car (reception): the customer's concerns word for word, one job each, and when it is promised. */
export function NewRepairOrderScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const saved = useRoSaved();
  const vehicleId = Number(useSearchParams()[0].get('vehicleId'));
  const vehicle = useQuery(
    orpc.vehicles.get.queryOptions({ input: { id: vehicleId }, enabled: Number.isSafeInteger(vehicleId) && vehicleId > 0 }),
  );
  const create = useMutation(orpc.repairOrders.create.mutationOptions());
  const form = useForm<NewRoValues, unknown, NewRoOutput>({
    resolver: schemaResolver<NewRoValues, typeof newRoForm>(newRoForm, t),
    defaultValues: { concerns: [{ text: '' }], promisedAt: '' },
  });
  const concerns = useFieldArray({ control: form.control, name: 'concerns' });
  const { submit, unplaced } = useFormSubmit(form, FORM_FIELDS, async (values) => {
    const ro = await create.mutateAsync({
      vehicleId,
      promisedAt: values.promisedAt,
      concerns: values.concerns.map((concern) => concern.text),
    });
    await saved(ro);
    void navigate(`/repair-orders/${ro.id}`, { replace: true });
  });
  if (!(vehicleId > 0)) {
    return (
      <div className="page page-form">
        <Section page title={t('ro.newTitle')}>
          <div className="banner banner-error" role="alert">
            {t('errors.NOT_FOUND')}
          </div>
        </Section>
      </div>
    );
  }
  if (vehicle.isPending) return <Loading />;
  if (vehicle.error) return <ErrorBanner error={vehicle.error} />;
  const car = vehicle.data;
  const owner = car.owners.find((o) => o.to === null);
  const errors = form.formState.errors;
  return (
    <div className="page page-form">
      <Section page title={t('ro.newTitle')}>
        <dl className="facts">
          <dt>{t('ro.vehicle')}</dt>
          <dd>
            <Link to={`/vehicles/${car.id}`}>
              <span className="plate">{car.plate || '—'}</span> {car.make} {car.model}
            </Link>{' '}
            <span className="mono muted">{car.vin}</span>
          </dd>
          <dt>{t('ro.customer')}</dt>
          <dd>
            {owner ? (
              <Link to={`/customers/${owner.customerId}`}>{owner.customerName}</Link>
            ) : (
              <span className="muted">{t('ro.noOwner')}</span>
            )}
          </dd>
        </dl>
        {/* Check-in: an open recall or campaign is said before the concerns are written. */}
        <CampaignBanner vehicleId={car.id} />
        <form className="form-grid ro-form" onSubmit={submit} noValidate aria-label={t('ro.newTitle')}>
          <fieldset className="phones field-wide" data-field="concerns">
            <legend className="field-label">{t('ro.concernsLegend')}</legend>
            <p className="muted small">{t('ro.concernsHint')}</p>
            {concerns.fields.map((row, index) => (
              <div key={row.id} className="ro-concern-row">
                <Field
                  label={t('ro.concernN', { n: index + 1 })}
                  name={`concerns.${index}.text`}
                  error={errors.concerns?.[index]?.text}
                >
                  <input autoFocus={index === 0} maxLength={1000} {...form.register(`concerns.${index}.text`)} />
                </Field>
                <button type="button" disabled={concerns.fields.length <= 1} onClick={() => concerns.remove(index)}>
                  {t('ro.removeConcern')}
                </button>
              </div>
            ))}
            {(errors.concerns?.root?.message ?? errors.concerns?.message) ? (
              <span className="field-error" role="alert">
                {errors.concerns?.root?.message ?? errors.concerns?.message}
              </span>
            ) : null}
            <div>
              <button
                type="button"
                disabled={concerns.fields.length >= MAX_CONCERNS}
                onClick={() => concerns.append({ text: '' })}
              >
                {t('ro.addConcern')}
              </button>
            </div>
          </fieldset>
          <Field label={t('fields.promisedAt')} name="promisedAt" error={errors.promisedAt}>
            <DateTimeField {...form.register('promisedAt')} />
          </Field>
          <FormFooter
            unplaced={unplaced}
            submitting={form.formState.isSubmitting}
            submitLabel={t('ro.create')}
            onCancel={() => void navigate(-1)}
          />
        </form>
      </Section>
    </div>
  );
}
