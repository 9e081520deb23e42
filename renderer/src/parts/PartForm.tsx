import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { unitPriceFen } from '../../../shared/contract/catalog';
import type { EditValues } from '../../../shared/contract/concurrent-edits';
import {
  checkLevels,
  PART_TAX_CLASSES,
  PART_UNITS,
  partShape,
  stockLevelMilli,
  type PartDetail,
  type PartTaxClass,
  type PartUnit,
} from '../../../shared/contract/parts';
import { formatQuantity, formatYuan, parseQuantity, parseYuan } from '../../../shared/domain/money';
import { decimalText } from '../catalog/decimal-text';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { findStale, StaleVersionNotice, useStaleGuard, withoutStale } from '../ui/StaleVersionNotice';
import { NameFields } from '../ui/NameFields';
import { EnumSelect, Field } from '../ui/widgets';

/** What the form holds: prices and stock levels as typed ("85.00", "2"); the schema turns them into fen and thousandths. */
export interface PartFormValues {
  partNumber: string;
  nameZh: string;
  nameEn: string;
  brand: string;
  unit: PartUnit;
  listPriceFen: string;
  costFen: string;
  taxClass: PartTaxClass;
  defaultBin: string;
  minQtyMilli: string;
  maxQtyMilli: string;
  active: boolean;
}

/** The contract's own part schema, with the typed decimals in front of its integer fields. */
const partForm = z
  .strictObject({
    ...partShape,
    listPriceFen: decimalText(parseYuan, 2, unitPriceFen),
    costFen: decimalText(parseYuan, 2, unitPriceFen),
    minQtyMilli: decimalText(parseQuantity, 3, stockLevelMilli),
    maxQtyMilli: decimalText(parseQuantity, 3, stockLevelMilli),
    active: z.boolean(),
  })
  .superRefine(checkLevels);
export type PartFormOutput = z.output<typeof partForm>;

export const EMPTY_PART: PartFormValues = {
  partNumber: '',
  nameZh: '',
  nameEn: '',
  brand: '',
  unit: 'piece',
  listPriceFen: '',
  costFen: '',
  taxClass: 'standard',
  defaultBin: '',
  minQtyMilli: '0',
  maxQtyMilli: '0',
  active: true,
};
const FORM_FIELDS = Object.keys(EMPTY_PART);

const yuanText = (fen: number) => formatYuan(fen, 'en').replace(/,/g, '');

export function partFormValues(part: PartDetail): PartFormValues {
  return {
    partNumber: part.partNumber,
    nameZh: part.nameZh,
    nameEn: part.nameEn,
    brand: part.brand,
    unit: (PART_UNITS as readonly string[]).includes(part.unit) ? (part.unit as PartUnit) : 'piece',
    listPriceFen: yuanText(part.listPriceFen),
    costFen: yuanText(part.costFen),
    taxClass: part.taxClass === 'exempt' ? 'exempt' : 'standard',
    defaultBin: part.defaultBin,
    minQtyMilli: formatQuantity(part.minQtyMilli),
    maxQtyMilli: formatQuantity(part.maxQtyMilli),
    active: part.active,
  };
}

/** Create and edit a part's master fields; checked with the contract's schema before sending. */
export function PartForm(props: {
  title: string;
  initial: PartFormValues;
  submitting: boolean;
  /** The active switch is for parts on file; a new part starts active. */
  showActive?: boolean;
  /** `version` to save from (passed on to onSubmit) when editing a part on file. */
  onSubmit: (values: PartFormOutput, version?: number) => Promise<unknown>;
  onCancel: () => void;
  /** Editing a part on file: the version and values it was opened with, and how to reload it after another desk saved. */
  edit?: { version: number; loaded: EditValues; onReload: () => void };
}) {
  const { t } = useTranslation();
  const form = useForm<PartFormValues, unknown, PartFormOutput>({
    resolver: schemaResolver<PartFormValues, typeof partForm>(partForm, t),
    defaultValues: props.initial,
  });
  const errors = form.formState.errors;
  const guard = useStaleGuard(props.edit);
  const { submit, unplaced } = useFormSubmit(form, FORM_FIELDS, (values) => props.onSubmit(values, guard.version()));
  const stale = props.edit ? findStale(unplaced) : undefined;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={props.title}>
      <Field label={t('fields.partNumber')} name="partNumber" error={errors.partNumber}>
        <input
          className="mono"
          autoFocus={!props.showActive}
          autoComplete="off"
          maxLength={60}
          {...form.register('partNumber')}
        />
      </Field>
      <Field label={t('fields.brand')} name="brand" error={errors.brand}>
        <input autoComplete="off" maxLength={40} {...form.register('brand')} />
      </Field>
      <NameFields zh={form.register('nameZh')} en={form.register('nameEn')} errors={errors} maxLength={100} />
      <Field label={t('fields.unit')} name="unit" error={errors.unit}>
        <EnumSelect values={PART_UNITS} catalogue="parts.units" {...form.register('unit')} />
      </Field>
      <Field label={t('fields.taxClass')} name="taxClass" error={errors.taxClass}>
        <EnumSelect values={PART_TAX_CLASSES} catalogue="parts.taxClasses" {...form.register('taxClass')} />
      </Field>
      <Field label={t('fields.listPriceFen')} name="listPriceFen" error={errors.listPriceFen}>
        <input inputMode="decimal" autoComplete="off" {...form.register('listPriceFen')} />
      </Field>
      <Field label={t('fields.costFen')} name="costFen" error={errors.costFen}>
        <input inputMode="decimal" autoComplete="off" {...form.register('costFen')} />
      </Field>
      <Field label={t('fields.defaultBin')} name="defaultBin" error={errors.defaultBin}>
        <input className="mono" autoComplete="off" maxLength={20} {...form.register('defaultBin')} />
      </Field>
      <Field label={t('fields.minQtyMilli')} name="minQtyMilli" error={errors.minQtyMilli}>
        <input inputMode="decimal" autoComplete="off" {...form.register('minQtyMilli')} />
      </Field>
      <Field label={t('fields.maxQtyMilli')} name="maxQtyMilli" error={errors.maxQtyMilli}>
        <input inputMode="decimal" autoComplete="off" {...form.register('maxQtyMilli')} />
      </Field>
      {props.showActive ? (
        <label className="checkbox field-wide">
          <input type="checkbox" {...form.register('active')} />
          {t('parts.activeLabel')}
        </label>
      ) : null}
      {stale && props.edit ? (
        <StaleVersionNotice
          thing="part"
          current={stale.current}
          guard={guard}
          busy={props.submitting}
          onReload={props.edit.onReload}
          onSave={() => void submit()}
        />
      ) : null}
      <FormFooter
        unplaced={withoutStale(unplaced)}
        submitting={props.submitting}
        submitLabel={t('customer.save')}
        onCancel={props.onCancel}
      />
    </form>
  );
}
