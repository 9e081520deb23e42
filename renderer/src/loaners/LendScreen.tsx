import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { lendInput } from '../../../shared/contract/loaners';
import { fromLocalInput, toLocalInput } from '../../../shared/domain/desk-time';
import { orpc } from '../api/client';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { formatNumber } from '../ui/format';
import { Field, Loading, PageError, Section } from '../ui/widgets';
import { MarksEditor, type LoanMark } from './MarksEditor';
import { useLoanersChanged } from './use-loan-saved';
import './loaners.css';
import { FuelOptions } from '../repair-orders/check-in/FuelOptions';

const lendForm = z.strictObject({
  carId: lendInput.shape.carId,
  driverName: lendInput.shape.driverName,
  licenceNumber: lendInput.shape.licenceNumber,
  outMileageKm: lendInput.shape.outMileageKm,
  fuelEighths: lendInput.shape.fuelEighths,
  expectedReturnAt: z.string(),
});
type LendValues = z.input<typeof lendForm>;
const LEND_FIELDS = ['carId', 'driverName', 'licenceNumber', 'outMileageKm', 'fuelEighths', 'expectedReturnAt'];
const numberOrMissing = (value: unknown) => (value === '' || value === null || value === undefined ? undefined : Number(value));
/** Expected back by default: when the RO promises the customer's car, or else tomorrow at this time. */
function expectedBack(promisedAt: string | null): string {
  const later = promisedAt && Date.parse(promisedAt) > Date.now() ? promisedAt : new Date(Date.now() + 86_400_000).toISOString();
  return toLocalInput(later);
}

/** Lending a loaner car against an RO (route /loaners/lend/:id, the RO's id): the car, the driver, the reading, the walk-around. */
export function LendScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const roId = Number(useParams().id);
  const ro = useQuery(orpc.repairOrders.get.queryOptions({ input: { id: roId } }));
  const cars = useQuery(orpc.loaners.list.queryOptions({ input: { status: 'available', limit: 200 } }));
  if (ro.error || cars.error) return <PageError title={t('loaners.lend')} error={ro.error ?? cars.error} />;
  if (!ro.data || !cars.data) return <Loading />;
  return (
    <div className="page">
      <Section page title={t('loaners.lendTitle', { number: ro.data.number })}>
        <p className="muted">{t('loaners.lendHint')}</p>
        {cars.data.rows.length === 0 ? (
          <p className="banner banner-warning">{t('loaners.noAvailable')}</p>
        ) : (
          <LendForm
            roId={roId}
            driverName={ro.data.customer.name}
            promisedAt={ro.data.promisedAt}
            cars={cars.data.rows}
            onDone={() => void navigate(`/repair-orders/${roId}`)}
          />
        )}
        <p>
          <Link to={`/repair-orders/${roId}`}>{ro.data.number}</Link>
        </p>
      </Section>
    </div>
  );
}

function LendForm(props: {
  roId: number;
  driverName: string;
  promisedAt: string | null;
  cars: { id: number; plate: string; model: string; mileageKm: number; fuelEighths: number; version: number }[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const changed = useLoanersChanged();
  const [marks, setMarks] = useState<LoanMark[]>([]);
  const lend = useMutation(orpc.loaners.lend.mutationOptions({ onSuccess: changed }));
  const first = props.cars[0]!;
  const form = useForm<LendValues, unknown, z.output<typeof lendForm>>({
    resolver: schemaResolver<LendValues, typeof lendForm>(lendForm, t),
    defaultValues: {
      carId: first.id,
      driverName: props.driverName,
      licenceNumber: '',
      outMileageKm: first.mileageKm,
      fuelEighths: first.fuelEighths,
      expectedReturnAt: expectedBack(props.promisedAt),
    },
  });
  const carId = Number(useWatch({ control: form.control, name: 'carId' }));
  const car = props.cars.find((c) => c.id === carId) ?? first;
  const { submit, unplaced } = useFormSubmit(form, LEND_FIELDS, async (values) => {
    await lend.mutateAsync({
      ...values,
      carVersion: car.version,
      repairOrderId: props.roId,
      marks,
      expectedReturnAt: fromLocalInput(values.expectedReturnAt) ?? '',
    });
    props.onDone();
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('loaners.lend')}>
      <Field label={t('fields.carId')} name="carId" error={errors.carId}>
        <select
          {...form.register('carId', {
            setValueAs: numberOrMissing,
            onChange: (event: { target: { value: string } }) => {
              const next = props.cars.find((c) => c.id === Number(event.target.value));
              if (next) {
                form.setValue('outMileageKm', next.mileageKm);
                form.setValue('fuelEighths', next.fuelEighths);
              }
            },
          })}
        >
          {props.cars.map((c) => (
            <option key={c.id} value={c.id}>
              {c.plate} · {c.model}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('fields.outMileageKm')} name="outMileageKm" error={errors.outMileageKm}>
        <input type="number" inputMode="numeric" min={0} {...form.register('outMileageKm', { setValueAs: numberOrMissing })} />
        <span className="muted small">{t('loaners.lastReading', { km: formatNumber(car.mileageKm) })}</span>
      </Field>
      <Field label={t('fields.fuelEighths')} name="fuelEighths" error={errors.fuelEighths}>
        <select {...form.register('fuelEighths', { setValueAs: numberOrMissing })}>
          <FuelOptions />
        </select>
      </Field>
      <Field label={t('fields.expectedReturnAt')} name="expectedReturnAt" error={errors.expectedReturnAt}>
        <input type="datetime-local" {...form.register('expectedReturnAt')} />
      </Field>
      <Field label={t('fields.driverName')} name="driverName" error={errors.driverName}>
        <input maxLength={50} autoComplete="off" {...form.register('driverName')} />
      </Field>
      <Field label={t('fields.licenceNumber')} name="licenceNumber" error={errors.licenceNumber}>
        <input maxLength={40} autoComplete="off" {...form.register('licenceNumber')} />
      </Field>
      <MarksEditor title={t('loaners.marksOut')} marks={marks} onChange={setMarks} />
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('loaners.lendSubmit')} />
    </form>
  );
}
