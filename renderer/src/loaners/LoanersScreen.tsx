import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { contract } from '../../../shared/contract';
import { createLoanerInput, type LoanerCarDto } from '../../../shared/contract/loaners';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { formatNumber } from '../ui/format';
import { ErrorBanner, Field, Loading, Section } from '../ui/widgets';
import { useLoanersChanged } from './use-loan-saved';
import './loaners.css';
import { FuelOptions } from '../repair-orders/check-in/FuelOptions';
import { FUEL_EIGHTHS_MAX } from '../../../shared/contract/repair-orders/check-in';

const PAGE = 50;
type CarValues = z.input<typeof createLoanerInput>;
const CAR_FIELDS = ['plate', 'model', 'mileageKm', 'fuelEighths'];
const numberOrMissing = (value: unknown) => (value === '' || value === null || value === undefined ? undefined : Number(value));

/** The loaner fleet (route /loaners): cars by plate with their status and the RO each lent one is on. */
export function LoanersScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const mayWrite = canCall(user.role, contract.loaners.create);
  const [offset, setOffset] = useState(0);
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    ...orpc.loaners.list.queryOptions({ input: { offset, limit: PAGE } }),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="page">
      <Section
        page
        title={t('loaners.title')}
        actions={
          <>
            {canCall(user.role, contract.loaners.utilisation) ? (
              <Link className="button" to="/loaners/utilisation">
                {t('loaners.utilisation')}
              </Link>
            ) : null}
            {mayWrite && !adding ? (
              <button type="button" onClick={() => setAdding(true)}>
                {t('loaners.add')}
              </button>
            ) : null}
          </>
        }
      >
        <p className="muted">{t('loaners.hint')}</p>
        {adding ? <AddCarForm onDone={() => setAdding(false)} /> : null}
        <ErrorBanner error={list.error} />
        {list.data ? (
          list.data.rows.length === 0 && offset === 0 ? (
            <p className="muted">{t('loaners.none')}</p>
          ) : (
            <FleetTable rows={list.data.rows} mayWrite={mayWrite} />
          )
        ) : (
          <Loading />
        )}
        <div className="form-actions">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('app.previousPage')}
          </button>
          <button type="button" disabled={!list.data?.hasMore} onClick={() => setOffset(offset + PAGE)}>
            {t('app.nextPage')}
          </button>
        </div>
      </Section>
    </div>
  );
}

function FleetTable({ rows, mayWrite }: { rows: LoanerCarDto[]; mayWrite: boolean }) {
  const { t } = useTranslation();
  const changed = useLoanersChanged();
  const update = useMutation(orpc.loaners.update.mutationOptions({ onSuccess: changed }));
  return (
    <>
      <table className="results loaner-table" aria-label={t('loaners.title')}>
        <thead>
          <tr>
            <th>{t('loaners.columns.plate')}</th>
            <th>{t('loaners.columns.model')}</th>
            <th>{t('loaners.columns.status')}</th>
            <th className="num">{t('loaners.columns.mileage')}</th>
            <th>{t('loaners.columns.fuel')}</th>
            <th>{t('loaners.columns.lentOn')}</th>
            {mayWrite ? <th aria-label={t('app.rowActions')} /> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((car) => (
            <tr key={car.id} data-plate={car.plate}>
              <td className="mono">{car.plate}</td>
              <td>{car.model}</td>
              <td data-testid="loaner-status">{t(`loaners.statuses.${car.status}`)}</td>
              <td className="num">{t('loaners.km', { km: formatNumber(car.mileageKm) })}</td>
              <td>{t(`checkIn.fuelLevels.${car.fuelEighths}`)}</td>
              <td>
                {car.lentOn ? (
                  <Link to={`/repair-orders/${car.lentOn.repairOrderId}`}>{car.lentOn.repairOrderNumber}</Link>
                ) : null}
              </td>
              {mayWrite ? (
                <td>
                  {car.status === 'lent' ? null : (
                    <button
                      type="button"
                      className="link"
                      disabled={update.isPending}
                      onClick={() =>
                        update.mutate({
                          id: car.id,
                          version: car.version,
                          plate: car.plate,
                          model: car.model,
                          status: car.status === 'available' ? 'out_of_service' : 'available',
                        })
                      }
                    >
                      {car.status === 'available' ? t('loaners.takeOut') : t('loaners.putBack')}
                    </button>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorBanner error={update.error} />
    </>
  );
}

function AddCarForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const changed = useLoanersChanged();
  const create = useMutation(orpc.loaners.create.mutationOptions({ onSuccess: changed }));
  const form = useForm<CarValues, unknown, z.output<typeof createLoanerInput>>({
    resolver: schemaResolver<CarValues, typeof createLoanerInput>(createLoanerInput, t),
    defaultValues: { plate: '', model: '', fuelEighths: FUEL_EIGHTHS_MAX },
  });
  const { submit, unplaced } = useFormSubmit(form, CAR_FIELDS, async (values) => {
    await create.mutateAsync(values);
    onDone();
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('loaners.addTitle')}>
      <Field label={t('fields.plate')} name="plate" error={errors.plate}>
        <input maxLength={16} autoComplete="off" {...form.register('plate')} />
      </Field>
      <Field label={t('fields.model')} name="model" error={errors.model}>
        <input maxLength={80} autoComplete="off" {...form.register('model')} />
      </Field>
      <Field label={t('fields.mileageKm')} name="mileageKm" error={errors.mileageKm}>
        <input type="number" inputMode="numeric" min={0} {...form.register('mileageKm', { setValueAs: numberOrMissing })} />
      </Field>
      <Field label={t('fields.fuelEighths')} name="fuelEighths" error={errors.fuelEighths}>
        <select {...form.register('fuelEighths', { setValueAs: numberOrMissing })}>
          <FuelOptions />
        </select>
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('loaners.save')}
        onCancel={onDone}
      />
    </form>
  );
}
