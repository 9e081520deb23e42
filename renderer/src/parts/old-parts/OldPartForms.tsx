import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { qtyMilli } from '../../../../shared/contract/catalog';
import {
  disposeOldPartInput,
  OLD_PART_DISPOSITIONS,
  settleOldPartClaimInput,
  tagOldPartInput,
  type OldPartDto,
  type UntaggedWarrantyLine,
} from '../../../../shared/contract/parts/old-parts';
import { formatQuantity, parseQuantity } from '../../../../shared/domain/money';
import { orpc } from '../../api/client';
import { decimalText } from '../../catalog/decimal-text';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { EnumSelect, Field } from '../../ui/widgets';

/** After an old-part write: the parts queries read again (the grids are told by the screen). */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
}

const tagForm = z.strictObject({
  location: tagOldPartInput.shape.location,
  claimNumber: tagOldPartInput.shape.claimNumber,
  qtyMilli: decimalText(parseQuantity, 3, qtyMilli),
});
type TagValues = z.input<typeof tagForm>;

/** Tags the failed part of a warranty line: where it is kept, the claim number when known, how many. */
export function TagForm({ line, onDone }: { line: UntaggedWarrantyLine; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const tag = useMutation(orpc.parts.tagOldPart.mutationOptions({ onSuccess: refresh }));
  const form = useForm<TagValues, unknown, z.output<typeof tagForm>>({
    resolver: schemaResolver<TagValues, typeof tagForm>(tagForm, t),
    defaultValues: { location: '', claimNumber: '', qtyMilli: formatQuantity(line.qtyMilli) },
  });
  const { submit, unplaced } = useFormSubmit(form, ['location', 'claimNumber', 'qtyMilli'], async (values) => {
    await tag.mutateAsync({ repairOrderId: line.repairOrderId, jobId: line.jobId, lineId: line.lineId, ...values });
    onDone();
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('oldParts.tagFor', { partNumber: line.partNumber })}>
      <Field label={t('fields.location')} name="location" error={errors.location}>
        <input autoFocus maxLength={40} placeholder={t('oldParts.locationExample')} {...form.register('location')} />
      </Field>
      <Field label={t('fields.claimNumber')} name="claimNumber" error={errors.claimNumber}>
        <input maxLength={40} {...form.register('claimNumber')} />
      </Field>
      <Field label={t('fields.qtyMilli')} name="qtyMilli" error={errors.qtyMilli}>
        <input inputMode="decimal" maxLength={12} {...form.register('qtyMilli')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('oldParts.tag')}
        onCancel={onDone}
      />
    </form>
  );
}

const settleForm = settleOldPartClaimInput.pick({ claimNumber: true });
type SettleValues = z.input<typeof settleForm>;

/** The OEM settled the claim: its number (already known when the part was tagged with it). */
export function SettleForm({ item, onDone }: { item: OldPartDto; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const settle = useMutation(orpc.parts.settleOldPartClaim.mutationOptions({ onSuccess: refresh }));
  const form = useForm<SettleValues, unknown, z.output<typeof settleForm>>({
    resolver: schemaResolver<SettleValues, typeof settleForm>(settleForm, t),
    defaultValues: { claimNumber: item.claimNumber },
  });
  const { submit, unplaced } = useFormSubmit(form, ['claimNumber'], async (values) => {
    await settle.mutateAsync({ id: item.id, version: item.version, ...values });
    onDone();
  });
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('oldParts.settle')}>
      <Field label={t('fields.claimNumber')} name="claimNumber" error={form.formState.errors.claimNumber}>
        <input autoFocus maxLength={40} {...form.register('claimNumber')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('oldParts.settle')}
        onCancel={onDone}
      />
    </form>
  );
}

const disposeForm = disposeOldPartInput.pick({ disposition: true, note: true });
type DisposeValues = z.input<typeof disposeForm>;

/** The part leaves the shelf: returned to the OEM (a note of the shipment) or scrapped. */
export function DisposeForm({ item, onDone }: { item: OldPartDto; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const dispose = useMutation(orpc.parts.disposeOldPart.mutationOptions({ onSuccess: refresh }));
  const form = useForm<DisposeValues, unknown, z.output<typeof disposeForm>>({
    resolver: schemaResolver<DisposeValues, typeof disposeForm>(disposeForm, t),
    defaultValues: { disposition: 'returned', note: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, ['disposition', 'note'], async (values) => {
    await dispose.mutateAsync({ id: item.id, version: item.version, ...values });
    onDone();
  });
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('oldParts.dispose')}>
      <Field label={t('fields.disposition')} name="disposition" error={form.formState.errors.disposition}>
        <EnumSelect values={OLD_PART_DISPOSITIONS} catalogue="oldParts.statuses" {...form.register('disposition')} />
      </Field>
      <Field label={t('fields.note')} name="note" error={form.formState.errors.note}>
        <input maxLength={200} placeholder={t('oldParts.noteExample')} {...form.register('note')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('oldParts.dispose')}
        onCancel={onDone}
      />
    </form>
  );
}
