import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
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
import { useRoFormat } from './ro-format';
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
        onPick={(op) =>
          add.mutate(
            { id: props.ro.id, version: props.ro.version, jobId: props.jobId, operationId: op.id },
            { onSuccess: props.onDone },
          )
        }
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
/** A number of the parts master: the master gives the names and the price, the form only the quantity. */
const masterPartForm = z.object({
  partNumber: part.partNumber,
  qtyMilli: decimalText(parseQuantity, 3, qtyMilli),
});
/** A non-stock part (not in the master): typed in whole. */
const freePartForm = z.strictObject({
  partNumber: part.partNumber,
  nameZh: part.nameZh.unwrap(),
  nameEn: part.nameEn,
  qtyMilli: decimalText(parseQuantity, 3, qtyMilli),
  unitPriceFen: decimalText(parseYuan, 2, unitPriceFen),
});
type PartOutput = z.output<typeof masterPartForm> & Partial<z.output<typeof freePartForm>>;
const PART_FIELDS = ['partNumber', 'nameZh', 'nameEn', 'qtyMilli', 'unitPriceFen'];

/** The typed text once the typing pauses, so the master is asked once per number rather than per key. */
function useSettled(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * A part line. The number is looked up in the parts master as it is typed (any spelling, supersession followed): a
 * master part shows its name, list price and what is available, and only the quantity is asked (more than is
 * available is said to go to order); any other number is a non-stock line with its names and price typed in.
 */
export function AddPartLine(props: { ro: RepairOrderDetail; jobId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useRoFormat();
  const saved = useRoSaved();
  const add = useMutation(orpc.repairOrders.addPartLine.mutationOptions({ onSuccess: saved }));
  const [replaced, setReplaced] = useState<{ from: string; to: string } | null>(null);
  const masterRef = useRef(false);
  const form = useForm<PartValues, unknown, PartOutput>({
    resolver: (values, context, options) =>
      masterRef.current
        ? schemaResolver<PartValues, typeof masterPartForm>(masterPartForm, t)(values, context, options)
        : schemaResolver<PartValues, typeof freePartForm>(freePartForm, t)(values, context, options),
    defaultValues: { partNumber: '', nameZh: '', nameEn: '', qtyMilli: '1', unitPriceFen: '' },
  });
  const typed = useSettled(useWatch({ control: form.control, name: 'partNumber' }).trim());
  const lookup = useQuery({ ...orpc.parts.lookup.queryOptions({ input: { partNumber: typed } }), enabled: typed.length > 0 });
  const found = typed.length > 0 && lookup.isSuccess ? lookup.data : null;
  const isMaster = found !== null;
  // The resolver and the submit run outside render: they read which form applies from here.
  useEffect(() => {
    masterRef.current = isMaster;
  }, [isMaster]);
  const qtyText = useWatch({ control: form.control, name: 'qtyMilli' });
  const qty = parseQuantity(qtyText.trim()) ?? 0;
  const short = found ? Math.max(0, qty - Math.max(0, found.current.availableMilli)) : 0;
  const { submit, unplaced } = useFormSubmit(form, PART_FIELDS, async (values) => {
    const line = masterRef.current ? { partNumber: values.partNumber, qtyMilli: values.qtyMilli } : values;
    const result = await add.mutateAsync({ id: props.ro.id, version: props.ro.version, jobId: props.jobId, ...line });
    if (result.superseded) {
      setReplaced(result.superseded);
      form.reset();
      return;
    }
    props.onDone();
  });
  const errors = form.formState.errors;
  return (
    <div className="ro-add-panel">
      {replaced ? (
        <p className="banner" role="status">
          {t('partSupply.line.replaced', replaced)}
        </p>
      ) : null}
      <form className="form-grid ro-line-form" onSubmit={submit} noValidate aria-label={t('ro.addPart')}>
        <Field label={t('fields.partNumber')} name="partNumber" error={errors.partNumber}>
          <input className="mono" autoFocus autoComplete="off" maxLength={40} {...form.register('partNumber')} />
        </Field>
        {typed.length > 0 && lookup.isFetching && !found ? <p className="muted small">{t('partSupply.line.looking')}</p> : null}
        {found ? (
          <div className="part-line-master" data-testid="part-line-master">
            <strong>{format.name({ nameZh: found.current.nameZh, nameEn: found.current.nameEn }) || found.current.nameZh}</strong>{' '}
            <span>{t('partSupply.line.price', { price: format.money(found.current.listPriceFen) })}</span>{' '}
            <span>{t('partSupply.line.available', { qty: format.qty(Math.max(0, found.current.availableMilli)) })}</span>
            {found.superseded ? (
              <p className="muted small">
                {t('partSupply.line.superseded', { from: found.requested.partNumber, to: found.current.partNumber })}
              </p>
            ) : null}
            {!found.current.active ? <p className="banner banner-error">{t('partSupply.line.retired')}</p> : null}
            {short > 0 ? (
              <p className="banner banner-warning">{t('partSupply.line.willOrder', { qty: format.qty(short) })}</p>
            ) : null}
          </div>
        ) : null}
        {!found && typed.length > 0 && lookup.isSuccess ? (
          <p className="muted small">{t('partSupply.line.notInMaster')}</p>
        ) : null}
        {found ? null : <NameFields zh={form.register('nameZh')} en={form.register('nameEn')} errors={errors} maxLength={100} />}
        <Field label={t('fields.qtyMilli')} name="qtyMilli" error={errors.qtyMilli}>
          <input inputMode="decimal" autoComplete="off" {...form.register('qtyMilli')} />
        </Field>
        {found ? null : (
          <Field label={t('fields.unitPriceFen')} name="unitPriceFen" error={errors.unitPriceFen}>
            <input inputMode="decimal" autoComplete="off" {...form.register('unitPriceFen')} />
          </Field>
        )}
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
    <form
      className="form-grid ro-line-form"
      onSubmit={submit}
      noValidate
      aria-label={t('ro.discountTitle', { code: props.line.code || props.line.nameZh })}
    >
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
