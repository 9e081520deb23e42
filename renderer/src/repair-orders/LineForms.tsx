import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { hoursMilli, laborRateFen, qtyMilli, unitPriceFen } from '../../../shared/contract/catalog';
import { reasonIssue } from '../../../shared/contract/errors';
import {
  addLaborLineInput,
  addPartLineInput,
  setLineDiscountInput,
  type RepairOrderDetail,
  type RoLineDto,
} from '../../../shared/contract/repair-orders';
import { BP_SCALE, formatQuantity, parseQuantity, parseYuan } from '../../../shared/domain/money';
import { orpc } from '../api/client';
import { decimalText } from '../catalog/decimal-text';
import { LaborPicker } from '../catalog/LaborPicker';
import { schemaResolver } from '../ui/form-resolver';
import { useFormSubmit } from '../ui/form-submit';
import { Field } from '../ui/widgets';
import { RoError, RoFormFooter } from './RoError';
import { useRoSaved } from './use-ro-write';
import { NameFields } from '../ui/NameFields';

const labor = addLaborLineInput.shape;
const part = addPartLineInput.shape;

interface LaborValues {
  code: string;
  nameZh: string;
  nameEn: string;
  hoursMilli: string;
  laborRateFen: string;
}
const freeLaborForm = z.strictObject({
  code: labor.code,
  nameZh: labor.nameZh.unwrap(),
  nameEn: labor.nameEn,
  hoursMilli: decimalText(parseQuantity, 3, hoursMilli),
  laborRateFen: decimalText(parseYuan, 2, laborRateFen),
});
const LABOR_FIELDS = ['code', 'nameZh', 'nameEn', 'hoursMilli', 'laborRateFen'];

/** A labor line: an operation from the catalogue (copied with its hours and rate), or one written out here. */
export function AddLaborLine(props: { ro: RepairOrderDetail; jobId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const saved = useRoSaved();
  const add = useMutation(orpc.repairOrders.addLaborLine.mutationOptions({ onSuccess: saved }));
  const form = useForm<LaborValues, unknown, z.output<typeof freeLaborForm>>({
    resolver: schemaResolver<LaborValues, typeof freeLaborForm>(freeLaborForm, t),
    defaultValues: { code: '', nameZh: '', nameEn: '', hoursMilli: '', laborRateFen: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, LABOR_FIELDS, async (values) => {
    await add.mutateAsync({ id: props.ro.id, version: props.ro.version, jobId: props.jobId, ...values });
    props.onDone();
  });
  const errors = form.formState.errors;
  const job = props.ro.jobs.find((j) => j.id === props.jobId);
  const onJob = new Set(job?.laborLines.flatMap((line) => (line.operationId === null ? [] : [line.operationId])) ?? []);
  return (
    <div className="ro-add-panel">
      <h3>{t('ro.fromCatalogue')}</h3>
      <LaborPicker
        exclude={onJob}
        onPick={(op) => add.mutate({ id: props.ro.id, version: props.ro.version, jobId: props.jobId, operationId: op.id }, { onSuccess: props.onDone })}
      />
      <RoError error={add.isPending ? null : add.error} />
      <h3>{t('ro.freeLabor')}</h3>
      <form className="form-grid ro-line-form" onSubmit={submit} noValidate aria-label={t('ro.freeLabor')}>
        <Field label={t('fields.code')} name="code" error={errors.code}>
          <input className="mono" autoComplete="off" maxLength={20} {...form.register('code')} />
        </Field>
        <NameFields zh={form.register('nameZh')} en={form.register('nameEn')} errors={errors} maxLength={100} />
        <Field label={t('fields.hoursMilli')} name="hoursMilli" error={errors.hoursMilli}>
          <input inputMode="decimal" autoComplete="off" {...form.register('hoursMilli')} />
        </Field>
        <Field label={t('fields.laborRateFen')} name="laborRateFen" error={errors.laborRateFen}>
          <input inputMode="decimal" autoComplete="off" {...form.register('laborRateFen')} />
        </Field>
        <RoFormFooter
          unplaced={unplaced}
          submitting={form.formState.isSubmitting}
          submitLabel={t('ro.addLaborLine')}
          onCancel={props.onDone}
        />
      </form>
    </div>
  );
}

interface PartValues {
  partNumber: string;
  nameZh: string;
  nameEn: string;
  qtyMilli: string;
  unitPriceFen: string;
}
const partForm = z.strictObject({
  partNumber: part.partNumber,
  nameZh: part.nameZh,
  nameEn: part.nameEn,
  qtyMilli: decimalText(parseQuantity, 3, qtyMilli),
  unitPriceFen: decimalText(parseYuan, 2, unitPriceFen),
});
const PART_FIELDS = ['partNumber', 'nameZh', 'nameEn', 'qtyMilli', 'unitPriceFen'];

/** A part line, typed in (part number, names, quantity, unit price) until the parts master arrives. */
export function AddPartLine(props: { ro: RepairOrderDetail; jobId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const saved = useRoSaved();
  const add = useMutation(orpc.repairOrders.addPartLine.mutationOptions({ onSuccess: saved }));
  const form = useForm<PartValues, unknown, z.output<typeof partForm>>({
    resolver: schemaResolver<PartValues, typeof partForm>(partForm, t),
    defaultValues: { partNumber: '', nameZh: '', nameEn: '', qtyMilli: '1', unitPriceFen: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, PART_FIELDS, async (values) => {
    await add.mutateAsync({ id: props.ro.id, version: props.ro.version, jobId: props.jobId, ...values });
    props.onDone();
  });
  const errors = form.formState.errors;
  return (
    <div className="ro-add-panel">
      <form className="form-grid ro-line-form" onSubmit={submit} noValidate aria-label={t('ro.addPart')}>
        <Field label={t('fields.partNumber')} name="partNumber" error={errors.partNumber}>
          <input className="mono" autoFocus autoComplete="off" maxLength={40} {...form.register('partNumber')} />
        </Field>
        <NameFields zh={form.register('nameZh')} en={form.register('nameEn')} errors={errors} maxLength={100} />
        <Field label={t('fields.qtyMilli')} name="qtyMilli" error={errors.qtyMilli}>
          <input inputMode="decimal" autoComplete="off" {...form.register('qtyMilli')} />
        </Field>
        <Field label={t('fields.unitPriceFen')} name="unitPriceFen" error={errors.unitPriceFen}>
          <input inputMode="decimal" autoComplete="off" {...form.register('unitPriceFen')} />
        </Field>
        <RoFormFooter
          unplaced={unplaced}
          submitting={form.formState.isSubmitting}
          submitLabel={t('ro.addPartLine')}
          onCancel={props.onDone}
        />
      </form>
    </div>
  );
}

/** A discount typed as a percentage with up to 2 decimals ("12.5"): hundredths of a percent are basis points. */
const percentBp = z.int().superRefine((value, ctx) => {
  if (value < 0) ctx.addIssue(reasonIssue('discount.negative'));
  else if (value > BP_SCALE) ctx.addIssue(reasonIssue('discount.tooLarge'));
});
const discountForm = z
  .strictObject({
    // parseYuan reads a decimal with 2 places into hundredths, which for a percentage is exactly basis points.
    discountBp: decimalText(parseYuan, 2, percentBp),
    discountReason: setLineDiscountInput.shape.discountReason,
  })
  .superRefine((value, ctx) => {
    if (value.discountBp > 0 && !value.discountReason) ctx.addIssue({ ...reasonIssue('required'), path: ['discountReason'] });
  });
const DISCOUNT_FIELDS = ['discountBp', 'discountReason'];

/** A line's discount, percent and reason; above the limit the core asks for a manager and says so by the percentage. */
export function DiscountForm(props: { ro: RepairOrderDetail; line: RoLineDto; onDone: () => void }) {
  const { t } = useTranslation();
  const saved = useRoSaved();
  const set = useMutation(orpc.repairOrders.setLineDiscount.mutationOptions({ onSuccess: saved }));
  const form = useForm<{ discountBp: string; discountReason: string }, unknown, z.output<typeof discountForm>>({
    resolver: schemaResolver<{ discountBp: string; discountReason: string }, typeof discountForm>(discountForm, t),
    defaultValues: { discountBp: formatQuantity(props.line.discountBp * 10), discountReason: props.line.discountReason },
  });
  const { submit, unplaced } = useFormSubmit(form, DISCOUNT_FIELDS, async (values) => {
    await set.mutateAsync({ id: props.ro.id, version: props.ro.version, lineId: props.line.id, ...values });
    props.onDone();
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid ro-line-form" onSubmit={submit} noValidate aria-label={t('ro.discountTitle', { code: props.line.code || props.line.nameZh })}>
      <Field label={t('ro.discountPercent')} name="discountBp" error={errors.discountBp}>
        <input inputMode="decimal" autoFocus autoComplete="off" {...form.register('discountBp')} />
      </Field>
      <Field label={t('fields.discountReason')} name="discountReason" error={errors.discountReason}>
        <input maxLength={200} {...form.register('discountReason')} />
      </Field>
      <RoFormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('ro.setDiscount')}
        onCancel={props.onDone}
      />
    </form>
  );
}
