import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  checkPackageLines,
  lineAmountFen,
  MAX_PACKAGE_LABOR_LINES,
  MAX_PACKAGE_PART_LINES,
  MAX_QTY_MILLI,
  MAX_UNIT_PRICE_FEN,
  packageEstimate,
  packageShape,
  partLineFields,
  qtyMilli,
  unitPriceFen,
  type PackageDetail,
} from '../../../shared/contract/catalog';
import { formatQuantity, formatYuan, parseQuantity, parseYuan } from '../../../shared/domain/money';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { Field } from '../ui/widgets';
import { useCatalogFormat } from './catalog-format';
import { decimalText } from './decimal-text';
import { LaborPicker } from './LaborPicker';
import { EstimateSummary } from './PackageLines';
import { NameFields } from '../ui/NameFields';

/** A labor line as the form shows it: the operation's figures come along for the live estimate; only its id is sent. */
interface LaborLineValues {
  operationId: number;
  code: string;
  nameZh: string;
  nameEn: string;
  hoursMilli: number;
  laborRateFen: number;
  active: boolean;
}

/** A part line as typed: quantity and unit price are text until the schema parses them. */
interface PartLineValues {
  partNumber: string;
  nameZh: string;
  nameEn: string;
  qtyMilli: string;
  unitPriceFen: string;
}

export interface PackageFormValues {
  code: string;
  nameZh: string;
  nameEn: string;
  laborLines: LaborLineValues[];
  partLines: PartLineValues[];
}

const packageForm = z
  .strictObject({
    ...packageShape,
    partLines: z
      .array(
        partLineFields.extend({
          qtyMilli: decimalText(parseQuantity, 3, qtyMilli),
          unitPriceFen: decimalText(parseYuan, 2, unitPriceFen),
        }),
      )
      .max(MAX_PACKAGE_PART_LINES)
      .default([]),
  })
  .superRefine(checkPackageLines);
export type PackageFormOutput = z.output<typeof packageForm>;

const toInput = (values: PackageFormValues) => ({
  ...values,
  laborLines: values.laborLines.map((line) => ({ operationId: line.operationId })),
});

export const EMPTY_PACKAGE: PackageFormValues = { code: '', nameZh: '', nameEn: '', laborLines: [], partLines: [] };
const FORM_FIELDS = Object.keys(EMPTY_PACKAGE);
/** Part number, two names, quantity, unit price, amount, remove: inputs shrink to the form's width. */
const PART_COLUMNS = 'minmax(0, 1.3fr) minmax(0, 1.8fr) minmax(0, 1.8fr) minmax(0, 0.7fr) minmax(0, 0.9fr) minmax(0, 0.9fr) auto';
const EMPTY_PART: PartLineValues = { partNumber: '', nameZh: '', nameEn: '', qtyMilli: '1', unitPriceFen: '' };

/** Text without grouping, so it goes back through parseYuan unchanged. */
const yuanText = (fen: number) => formatYuan(fen, 'en').replace(/,/g, '');

export function packageFormValues(pkg: PackageDetail): PackageFormValues {
  return {
    code: pkg.code,
    nameZh: pkg.nameZh,
    nameEn: pkg.nameEn,
    laborLines: pkg.laborLines.map(({ operationId, code, nameZh, nameEn, hoursMilli, laborRateFen, active }) => ({
      operationId,
      code,
      nameZh,
      nameEn,
      hoursMilli,
      laborRateFen,
      active,
    })),
    partLines: pkg.partLines.map((line) => ({
      partNumber: line.partNumber,
      nameZh: line.nameZh,
      nameEn: line.nameEn,
      qtyMilli: formatQuantity(line.qtyMilli),
      unitPriceFen: yuanText(line.unitPriceFen),
    })),
  };
}

/** A typed figure as far as it is one the schema would take; anything else counts 0 until it is put right. */
function figure(parse: (raw: string) => number | null, raw: string | undefined, max: number): number {
  const value = parse(raw ?? '');
  return value !== null && value <= max ? value : 0;
}

/** The parts lines as far as they parse: the live estimate counts what it can while the manager types. */
function parsedParts(parts: PartLineValues[]): { qtyMilli: number; unitPriceFen: number }[] {
  return parts.map((part) => ({
    qtyMilli: figure(parseQuantity, part.qtyMilli, MAX_QTY_MILLI),
    unitPriceFen: figure(parseYuan, part.unitPriceFen, MAX_UNIT_PRICE_FEN),
  }));
}

/**
 * Create and edit a maintenance package: operations found with the picker, part lines typed, and the estimate
 * kept up to date as they change. Checked with the contract's schema before sending.
 */
export function PackageForm(props: {
  title: string;
  initial: PackageFormValues;
  submitting: boolean;
  onSubmit: (values: PackageFormOutput) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const format = useCatalogFormat();
  const form = useForm<PackageFormValues, unknown, PackageFormOutput>({
    resolver: schemaResolver<PackageFormValues, typeof packageForm>(packageForm, t, toInput),
    defaultValues: props.initial,
  });
  const labor = useFieldArray({ control: form.control, name: 'laborLines' });
  const parts = useFieldArray({ control: form.control, name: 'partLines' });
  const errors = form.formState.errors;
  const laborValues = useWatch({ control: form.control, name: 'laborLines' }) ?? [];
  const partValues = useWatch({ control: form.control, name: 'partLines' }) ?? [];
  const partFigures = parsedParts(partValues);
  const estimate = packageEstimate(laborValues, partFigures);
  const { submit, unplaced } = useFormSubmit(form, FORM_FIELDS, props.onSubmit);
  const laborError = errors.laborLines?.root?.message ?? errors.laborLines?.message;
  const partsError = errors.partLines?.root?.message ?? errors.partLines?.message;

  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={props.title}>
      <Field label={t('fields.code')} name="code" error={errors.code}>
        <input className="mono" autoFocus autoComplete="off" maxLength={20} {...form.register('code')} />
      </Field>
      <span />
      <NameFields zh={form.register('nameZh')} en={form.register('nameEn')} errors={errors} />

      <fieldset className="field-wide phones" data-field="laborLines">
        <legend>{t('catalog.laborLines')}</legend>
        {labor.fields.length > 0 ? (
          <table className="results" aria-label={t('catalog.laborLines')}>
            <thead>
              <tr>
                <th>{t('catalog.columns.code')}</th>
                <th>{t('catalog.columns.name')}</th>
                <th>{t('catalog.columns.hours')}</th>
                <th>{t('catalog.columns.rate')}</th>
                <th>{t('catalog.columns.amount')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {labor.fields.map((line, index) => {
                const error = errors.laborLines?.[index]?.operationId?.message;
                return (
                  <tr key={line.id} data-field={`laborLines.${index}.operationId`}>
                    <td className="mono">{line.code}</td>
                    <td>
                      {format.name(line)} {line.active ? null : <span className="badge">{t('catalog.retired')}</span>}
                      {error ? (
                        <div className="field-error" role="alert">
                          {error}
                        </div>
                      ) : null}
                    </td>
                    <td>{format.hours(line.hoursMilli)}</td>
                    <td>{format.rate(line.laborRateFen)}</td>
                    <td>{format.money(lineAmountFen(line.hoursMilli, line.laborRateFen))}</td>
                    <td>
                      <button type="button" className="link" onClick={() => labor.remove(index)}>
                        {t('catalog.remove')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        {laborError ? (
          <span className="field-error" role="alert">
            {laborError}
          </span>
        ) : null}
        {labor.fields.length < MAX_PACKAGE_LABOR_LINES ? (
          <LaborPicker
            exclude={new Set(laborValues.map((line) => line.operationId))}
            onPick={(op) => {
              const { id: operationId, code, nameZh, nameEn, hoursMilli, laborRateFen } = op;
              labor.append({ operationId, code, nameZh, nameEn, hoursMilli, laborRateFen, active: true });
              form.clearErrors('laborLines');
            }}
          />
        ) : null}
      </fieldset>

      <fieldset className="field-wide phones" data-field="partLines">
        <legend>{t('catalog.partLines')}</legend>
        {parts.fields.map((line, index) => {
          const lineErrors = errors.partLines?.[index];
          const figures = partFigures[index];
          return (
            <div key={line.id} style={{ display: 'grid', gridTemplateColumns: PART_COLUMNS, gap: 8, alignItems: 'end' }}>
              <Field
                label={t('fields.partLines_partNumber')}
                name={`partLines.${index}.partNumber`}
                error={lineErrors?.partNumber}
              >
                <input className="mono" autoComplete="off" {...form.register(`partLines.${index}.partNumber`)} />
              </Field>
              <Field label={t('fields.partLines_nameZh')} name={`partLines.${index}.nameZh`} error={lineErrors?.nameZh}>
                <input lang="zh-CN" {...form.register(`partLines.${index}.nameZh`)} />
              </Field>
              <Field label={t('fields.partLines_nameEn')} name={`partLines.${index}.nameEn`} error={lineErrors?.nameEn}>
                <input lang="en" {...form.register(`partLines.${index}.nameEn`)} />
              </Field>
              <Field label={t('fields.partLines_qtyMilli')} name={`partLines.${index}.qtyMilli`} error={lineErrors?.qtyMilli}>
                <input inputMode="decimal" autoComplete="off" {...form.register(`partLines.${index}.qtyMilli`)} />
              </Field>
              <Field
                label={t('fields.partLines_unitPriceFen')}
                name={`partLines.${index}.unitPriceFen`}
                error={lineErrors?.unitPriceFen}
              >
                <input inputMode="decimal" autoComplete="off" {...form.register(`partLines.${index}.unitPriceFen`)} />
              </Field>
              <div className="field">
                <span className="field-label">{t('catalog.columns.amount')}</span>
                <span style={{ padding: '6px 0' }}>
                  {figures ? format.money(lineAmountFen(figures.qtyMilli, figures.unitPriceFen)) : ''}
                </span>
              </div>
              <button type="button" className="link" onClick={() => parts.remove(index)}>
                {t('catalog.remove')}
              </button>
            </div>
          );
        })}
        {partsError ? (
          <span className="field-error" role="alert">
            {partsError}
          </span>
        ) : null}
        {parts.fields.length < MAX_PACKAGE_PART_LINES ? (
          <button
            type="button"
            className="link"
            style={{ alignSelf: 'flex-start' }}
            onClick={() => parts.append({ ...EMPTY_PART })}
          >
            {t('catalog.addPart')}
          </button>
        ) : null}
      </fieldset>

      <div className="field-wide">
        <EstimateSummary estimate={estimate} />
      </div>
      <FormFooter unplaced={unplaced} submitting={props.submitting} submitLabel={t('customer.save')} onCancel={props.onCancel} />
    </form>
  );
}
