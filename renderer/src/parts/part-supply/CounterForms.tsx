import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  issueToLineInput,
  returnFromLineInput,
  setExpectedInput,
  type CounterRow,
} from '../../../../shared/contract/parts/part-supply';
import { wallClock } from '../../../../shared/domain/desk-time';
import { formatQuantity, parseQuantity } from '../../../../shared/domain/money';
import { orpc } from '../../api/client';
import { decimalText } from '../../catalog/decimal-text';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { Field } from '../../ui/widgets';
import { DateField } from '../../ui/DateField';

/** After a counter write: the counter, the parts lists and the ROs read again. */
function useCounterSaved() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
    await queryClient.invalidateQueries({ queryKey: orpc.repairOrders.key() });
  };
}

/** An optional bin typed or left empty (the part's default bin). */
function withoutEmptyBin<V extends { bin: string }>(values: V) {
  const { bin, ...rest } = values;
  return bin.trim() ? { ...rest, bin } : rest;
}

interface IssueValues {
  qtyMilli: string;
  bin: string;
}
const issueForm = issueToLineInput
  .omit({ lineId: true })
  .extend({ qtyMilli: decimalText(parseQuantity, 3, issueToLineInput.shape.qtyMilli.unwrap()) });
const ISSUE_FIELDS = ['qtyMilli', 'bin'];

/** Issues what is reserved for a line (all of it unless a smaller quantity is typed), from a bin or where it lies. */
export function IssueForm({ row, onDone }: { row: CounterRow; onDone: () => void }) {
  const { t } = useTranslation();
  const saved = useCounterSaved();
  const issue = useMutation(orpc.parts.issueToLine.mutationOptions({ onSuccess: saved }));
  const form = useForm<IssueValues, unknown, z.output<typeof issueForm>>({
    resolver: schemaResolver<IssueValues, typeof issueForm>(issueForm, t, withoutEmptyBin),
    defaultValues: { qtyMilli: formatQuantity(row.reservedMilli), bin: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, ISSUE_FIELDS, async (values) => {
    await issue.mutateAsync({ lineId: row.lineId, ...values });
    onDone();
  });
  const errors = form.formState.errors;
  return (
    <form
      className="form-grid"
      onSubmit={submit}
      noValidate
      aria-label={t('partSupply.counter.issueTitle', { part: row.partNumber, ro: row.roNumber })}
    >
      <Field label={t('fields.qtyMilli')} name="qtyMilli" error={errors.qtyMilli}>
        <input inputMode="decimal" autoFocus autoComplete="off" {...form.register('qtyMilli')} />
      </Field>
      <Field label={t('fields.bin')} name="bin" error={errors.bin}>
        <input className="mono" autoComplete="off" maxLength={20} placeholder={row.defaultBin} {...form.register('bin')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('partSupply.counter.issue')}
        onCancel={onDone}
      />
    </form>
  );
}

interface ReturnValues {
  qtyMilli: string;
  reason: string;
  bin: string;
}
const returnForm = returnFromLineInput
  .omit({ lineId: true })
  .extend({ qtyMilli: decimalText(parseQuantity, 3, returnFromLineInput.shape.qtyMilli) });
const RETURN_FIELDS = ['qtyMilli', 'reason', 'bin'];

/** Unused parts back from the technician: into stock, and off the RO line. */
export function ReturnForm({ row, onDone }: { row: CounterRow; onDone: () => void }) {
  const { t } = useTranslation();
  const saved = useCounterSaved();
  const back = useMutation(orpc.parts.returnFromLine.mutationOptions({ onSuccess: saved }));
  const form = useForm<ReturnValues, unknown, z.output<typeof returnForm>>({
    resolver: schemaResolver<ReturnValues, typeof returnForm>(returnForm, t, withoutEmptyBin),
    defaultValues: { qtyMilli: '', reason: '', bin: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, RETURN_FIELDS, async (values) => {
    await back.mutateAsync({ lineId: row.lineId, ...values });
    onDone();
  });
  const errors = form.formState.errors;
  return (
    <form
      className="form-grid"
      onSubmit={submit}
      noValidate
      aria-label={t('partSupply.counter.returnTitle', { part: row.partNumber, ro: row.roNumber })}
    >
      <Field label={t('fields.qtyMilli')} name="qtyMilli" error={errors.qtyMilli}>
        <input inputMode="decimal" autoFocus autoComplete="off" {...form.register('qtyMilli')} />
      </Field>
      <Field label={t('fields.reason')} name="reason" error={errors.reason}>
        <input autoComplete="off" maxLength={200} {...form.register('reason')} />
      </Field>
      <Field label={t('fields.bin')} name="bin" error={errors.bin}>
        <input className="mono" autoComplete="off" maxLength={20} placeholder={row.defaultBin} {...form.register('bin')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('partSupply.counter.return')}
        onCancel={onDone}
      />
    </form>
  );
}

interface ExpectedValues {
  expectedAt: string;
}
const expectedForm = setExpectedInput.omit({ lineId: true });

/** When the quantity still to order is expected (a day on the desk's calendar); empty: not known. */
export function ExpectedForm({ row, onDone }: { row: CounterRow; onDone: () => void }) {
  const { t } = useTranslation();
  const saved = useCounterSaved();
  const set = useMutation(orpc.parts.setExpected.mutationOptions({ onSuccess: saved }));
  const form = useForm<ExpectedValues, unknown, z.output<typeof expectedForm>>({
    resolver: schemaResolver<ExpectedValues, typeof expectedForm>(expectedForm, t, (values) => ({
      expectedAt: values.expectedAt || null,
    })),
    defaultValues: { expectedAt: row.expectedAt ? wallClock(new Date(row.expectedAt)).day : '' },
  });
  const { submit, unplaced } = useFormSubmit(form, ['expectedAt'], async (values) => {
    await set.mutateAsync({ lineId: row.lineId, ...values });
    onDone();
  });
  return (
    <form
      className="form-grid"
      onSubmit={submit}
      noValidate
      aria-label={t('partSupply.counter.expectedTitle', { part: row.partNumber, ro: row.roNumber })}
    >
      <Field label={t('fields.expectedAt')} name="expectedAt" error={form.formState.errors.expectedAt}>
        <DateField autoFocus {...form.register('expectedAt')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('partSupply.counter.saveExpected')}
        onCancel={onDone}
      />
    </form>
  );
}
