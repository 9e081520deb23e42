import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { adjustInput, type PartDetail } from '../../../shared/contract/parts';
import { parseQuantity } from '../../../shared/domain/money';
import { orpc } from '../api/client';
import { useUser } from '../app/session-context';
import { decimalText } from '../catalog/decimal-text';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { Field } from '../ui/widgets';

interface AdjustValues {
  bin: string;
  qtyMilli: string;
  reason: string;
  allowNegative: boolean;
}

/** The contract's adjustment, the quantity typed as a signed decimal ("-2", "1.5"). */
const adjustForm = adjustInput
  .omit({ partId: true })
  .extend({ qtyMilli: decimalText(parseQuantity, 3, adjustInput.shape.qtyMilli) });
type AdjustOutput = z.output<typeof adjustForm>;
const FORM_FIELDS = ['bin', 'qtyMilli', 'reason', 'allowNegative'];

/**
 * Corrects a bin's stock with a reason: one adjustment in the ledger. The manager alone sees "allow below zero";
 * the core refuses it from anyone else too.
 */
export function AdjustStockForm({ part }: { part: PartDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const queryClient = useQueryClient();
  const [done, setDone] = useState(false);
  const adjust = useMutation(orpc.parts.adjust.mutationOptions());
  const form = useForm<AdjustValues, unknown, AdjustOutput>({
    resolver: schemaResolver<AdjustValues, typeof adjustForm>(adjustForm, t),
    defaultValues: { bin: part.defaultBin, qtyMilli: '', reason: '', allowNegative: false },
  });
  const errors = form.formState.errors;
  const { submit, unplaced } = useFormSubmit(form, FORM_FIELDS, async (values) => {
    setDone(false);
    await adjust.mutateAsync({ ...values, partId: part.id });
    await queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
    form.reset({ bin: values.bin, qtyMilli: '', reason: '', allowNegative: false });
    setDone(true);
  });
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('parts.adjust')}>
      <p className="muted small field-wide">{t('parts.adjustHint')}</p>
      <Field label={t('fields.bin')} name="bin" error={errors.bin}>
        <input className="mono" autoComplete="off" maxLength={20} list={`bins-${part.id}`} {...form.register('bin')} />
        <datalist id={`bins-${part.id}`}>
          {part.bins.map((b) => (
            <option key={b.bin} value={b.bin} />
          ))}
        </datalist>
      </Field>
      <Field label={t('fields.qtyMilli')} name="qtyMilli" error={errors.qtyMilli}>
        <input inputMode="decimal" autoComplete="off" {...form.register('qtyMilli')} />
      </Field>
      <Field label={t('fields.reason')} name="reason" error={errors.reason} wide>
        <input autoComplete="off" maxLength={200} {...form.register('reason')} />
      </Field>
      {user.role === 'manager' ? (
        <label className="checkbox field-wide">
          <input type="checkbox" {...form.register('allowNegative')} />
          {t('fields.allowNegative')}
        </label>
      ) : (
        <p className="muted small field-wide">{t('parts.allowNegativeHint')}</p>
      )}
      {done ? (
        <p className="badge badge-green field-wide" role="status">
          {t('parts.adjusted')}
        </p>
      ) : null}
      <FormFooter unplaced={unplaced} submitting={adjust.isPending} submitLabel={t('parts.adjustSave')} />
    </form>
  );
}
