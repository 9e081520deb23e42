import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { bin, checkTransfer, transferQtyMilli, type PartDetail } from '../../../shared/contract/parts';
import { parseQuantity } from '../../../shared/domain/money';
import { orpc } from '../api/client';
import { decimalText } from '../catalog/decimal-text';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { Field } from '../ui/widgets';

interface TransferValues {
  fromBin: string;
  toBin: string;
  qtyMilli: string;
}

/** The contract's transfer, the quantity typed as a decimal; the same bin twice is refused as the core refuses it. */
const transferForm = z
  .strictObject({ fromBin: bin, toBin: bin, qtyMilli: decimalText(parseQuantity, 3, transferQtyMilli) })
  .superRefine(checkTransfer);
type TransferOutput = z.output<typeof transferForm>;

/** Moves stock from one bin to another (two adjustments in the ledger, value unchanged). */
export function TransferBinForm({ part }: { part: PartDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [done, setDone] = useState(false);
  const transfer = useMutation(orpc.parts.transferBin.mutationOptions());
  const form = useForm<TransferValues, unknown, TransferOutput>({
    resolver: schemaResolver<TransferValues, typeof transferForm>(transferForm, t),
    defaultValues: { fromBin: part.defaultBin, toBin: '', qtyMilli: '' },
  });
  const errors = form.formState.errors;
  const { submit, unplaced } = useFormSubmit(form, ['fromBin', 'toBin', 'qtyMilli'], async (values) => {
    setDone(false);
    await transfer.mutateAsync({ ...values, partId: part.id });
    await queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
    form.reset({ fromBin: values.fromBin, toBin: '', qtyMilli: '' });
    setDone(true);
  });
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('parts.transfer')}>
      <Field label={t('fields.fromBin')} name="fromBin" error={errors.fromBin}>
        <input className="mono" autoComplete="off" maxLength={20} {...form.register('fromBin')} />
      </Field>
      <Field label={t('fields.toBin')} name="toBin" error={errors.toBin}>
        <input className="mono" autoComplete="off" maxLength={20} {...form.register('toBin')} />
      </Field>
      <Field label={t('fields.qtyMilli')} name="qtyMilli" error={errors.qtyMilli}>
        <input inputMode="decimal" autoComplete="off" {...form.register('qtyMilli')} />
      </Field>
      {done ? (
        <p className="badge badge-green field-wide" role="status">
          {t('parts.transferred')}
        </p>
      ) : null}
      <FormFooter unplaced={unplaced} submitting={transfer.isPending} submitLabel={t('parts.transferSave')} />
    </form>
  );
}
