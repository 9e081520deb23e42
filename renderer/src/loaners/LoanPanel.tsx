import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { contract } from '../../../shared/contract';
import { returnLoanInput, type LoanDto } from '../../../shared/contract/loaners';
import type { RepairOrderDetail } from '../../../shared/contract/repair-orders';
import { isOpenStatus } from '../../../shared/domain/repair-order-status';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { formatDateTime, formatNumber } from '../ui/format';
import { ErrorBanner, Field, Section } from '../ui/widgets';
import { MarksEditor, type LoanMark } from './MarksEditor';
import { useLoanersChanged } from './use-loan-saved';
import './loaners.css';
import { FuelOptions } from '../repair-orders/check-in/FuelOptions';

const returnForm = returnLoanInput.pick({ inMileageKm: true, fuelEighths: true, notes: true });
type ReturnValues = z.input<typeof returnForm>;
const RETURN_FIELDS = ['inMileageKm', 'fuelEighths', 'notes'];
const numberOrMissing = (value: unknown) => (value === '' || value === null || value === undefined ? undefined : Number(value));

/** The loaner car on an RO: the open loan with its agreement and its return, or a link to lend one. */
export function LoanPanel({ ro }: { ro: RepairOrderDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const allowed = canCall(user.role, contract.loaners.openLoanOfRo);
  const mayLend = canCall(user.role, contract.loaners.lend);
  const loan = useQuery({
    ...orpc.loaners.openLoanOfRo.queryOptions({ input: { repairOrderId: ro.id } }),
    enabled: allowed,
  });
  const loans = useQuery({ ...orpc.loaners.loansOfRo.queryOptions({ input: { repairOrderId: ro.id } }), enabled: allowed });
  const [returning, setReturning] = useState(false);
  if (!allowed || loan.isPending) return null;
  if (loan.error) return <ErrorBanner error={loan.error} />;
  const open = loan.data;
  return (
    <Section
      title={t('loaners.loanOnRo')}
      actions={
        open ? (
          <>
            <Link className="button" to={`/print/loans/${open.id}/agreement`}>
              {t('loaners.printAgreement')}
            </Link>
            {mayLend && !returning ? (
              <button type="button" onClick={() => setReturning(true)}>
                {t('loaners.return')}
              </button>
            ) : null}
          </>
        ) : mayLend && isOpenStatus(ro.status) ? (
          <Link className="button" to={`/loaners/lend/${ro.id}`}>
            {t('loaners.lend')}
          </Link>
        ) : null
      }
    >
      {open ? <LoanSummary loan={open} /> : <p className="muted">{t('loaners.noLoan')}</p>}
      {open && returning ? <ReturnForm loan={open} onDone={() => setReturning(false)} /> : null}
      <PastLoans loans={(loans.data ?? []).filter((past) => past.returned !== null)} />
    </Section>
  );
}

/** The RO's loans already back: each with its return and its agreement, which stays printable. */
function PastLoans({ loans }: { loans: LoanDto[] }) {
  const { t } = useTranslation();
  if (loans.length === 0) return null;
  return (
    <>
      <h3>{t('loaners.pastLoans')}</h3>
      <ul className="plain" data-testid="past-loans">
        {loans.map((past) => (
          <li key={past.id}>
            {past.car.plate} ·{' '}
            {past.returned
              ? t('loaners.backLine', {
                  at: formatDateTime(past.returned.at),
                  km: formatNumber(past.returned.mileageKm),
                  driven: formatNumber(past.drivenKm ?? 0),
                  fuel: t(`checkIn.fuelLevels.${past.returned.fuelEighths}`),
                  days: past.daysLent,
                })
              : null}{' '}
            <Link to={`/print/loans/${past.id}/agreement`}>{t('loaners.printAgreement')}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function LoanSummary({ loan }: { loan: LoanDto }) {
  const { t } = useTranslation();
  return (
    <div data-testid="loan-summary">
      <p>
        {t('loaners.outLine', {
          plate: loan.car.plate,
          model: loan.car.model,
          at: formatDateTime(loan.out.at),
          km: formatNumber(loan.out.mileageKm),
          fuel: t(`checkIn.fuelLevels.${loan.out.fuelEighths}`),
          expected: formatDateTime(loan.expectedReturnAt),
        })}
      </p>
      <p className="muted small">
        {loan.driverName} · {loan.licenceNumber} · {t('loaners.daysLent', { count: loan.daysLent })}
      </p>
    </div>
  );
}

function ReturnForm({ loan, onDone }: { loan: LoanDto; onDone: () => void }) {
  const { t } = useTranslation();
  const changed = useLoanersChanged();
  const [marks, setMarks] = useState<LoanMark[]>([]);
  const back = useMutation(orpc.loaners.returnLoan.mutationOptions({ onSuccess: changed }));
  const form = useForm<ReturnValues, unknown, z.output<typeof returnForm>>({
    resolver: schemaResolver<ReturnValues, typeof returnForm>(returnForm, t),
    defaultValues: { fuelEighths: loan.out.fuelEighths, notes: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, RETURN_FIELDS, async (values) => {
    await back.mutateAsync({ loanId: loan.id, ...values, newMarks: marks });
    onDone();
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('loaners.returnTitle', { plate: loan.car.plate })}>
      <Field label={t('fields.inMileageKm')} name="inMileageKm" error={errors.inMileageKm}>
        <input type="number" inputMode="numeric" min={0} {...form.register('inMileageKm', { setValueAs: numberOrMissing })} />
      </Field>
      <Field label={t('fields.fuelEighths')} name="fuelEighths" error={errors.fuelEighths}>
        <select {...form.register('fuelEighths', { setValueAs: numberOrMissing })}>
          <FuelOptions />
        </select>
      </Field>
      <Field label={t('loaners.returnNotes')} name="notes" error={errors.notes} wide>
        <input maxLength={500} {...form.register('notes')} />
      </Field>
      <MarksEditor title={t('loaners.marksIn')} marks={marks} onChange={setMarks} fixed={loan.marks} />
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('loaners.returnSubmit')}
        onCancel={onDone}
      />
    </form>
  );
}
