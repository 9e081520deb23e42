import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { hoursMilli, laborFields, laborRateFen, type LaborOperationDto } from '../../../shared/contract/catalog';
import { CONCERN_GROUPS, type ConcernGroup } from '../../../shared/domain/concern-groups';
import { formatQuantity, formatYuan, parseQuantity, parseYuan } from '../../../shared/domain/money';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { EnumSelect, Field } from '../ui/widgets';
import { decimalText } from './decimal-text';
import { NameFields } from '../ui/NameFields';

/** What the form holds: hours and rate as typed ("1.5", "220.00"); the schema turns them into thousandths and fen. */
export interface LaborFormValues {
  code: string;
  nameZh: string;
  nameEn: string;
  concernGroup: ConcernGroup;
  hoursMilli: string;
  laborRateFen: string;
}

const laborForm = laborFields.extend({
  hoursMilli: decimalText(parseQuantity, 3, hoursMilli),
  laborRateFen: decimalText(parseYuan, 2, laborRateFen),
});
export type LaborFormOutput = z.output<typeof laborForm>;

export const EMPTY_LABOR: LaborFormValues = {
  code: '',
  nameZh: '',
  nameEn: '',
  concernGroup: 'maintenance',
  hoursMilli: '',
  laborRateFen: '',
};
const FORM_FIELDS = Object.keys(EMPTY_LABOR);

export function laborFormValues(op: LaborOperationDto): LaborFormValues {
  return {
    code: op.code,
    nameZh: op.nameZh,
    nameEn: op.nameEn,
    concernGroup: op.concernGroup,
    hoursMilli: formatQuantity(op.hoursMilli),
    // No grouping: the text goes back through parseYuan, which refuses "1,200.00".
    laborRateFen: formatYuan(op.laborRateFen, 'en').replace(/,/g, ''),
  };
}

/** Create and edit an operation; checked with the contract's schema before sending, the core's refusals shown by field. */
export function LaborForm(props: {
  title: string;
  initial: LaborFormValues;
  submitting: boolean;
  onSubmit: (values: LaborFormOutput) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<LaborFormValues, unknown, LaborFormOutput>({
    resolver: schemaResolver<LaborFormValues, typeof laborForm>(laborForm, t),
    defaultValues: props.initial,
  });
  const errors = form.formState.errors;
  const { submit, unplaced } = useFormSubmit(form, FORM_FIELDS, props.onSubmit);
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={props.title}>
      <Field label={t('fields.code')} name="code" error={errors.code}>
        <input className="mono" autoFocus autoComplete="off" maxLength={20} {...form.register('code')} />
      </Field>
      <Field label={t('fields.concernGroup')} name="concernGroup" error={errors.concernGroup}>
        <EnumSelect values={CONCERN_GROUPS} catalogue="catalog.groups" {...form.register('concernGroup')} />
      </Field>
      <NameFields zh={form.register('nameZh')} en={form.register('nameEn')} errors={errors} />
      <Field label={t('fields.hoursMilli')} name="hoursMilli" error={errors.hoursMilli}>
        <input inputMode="decimal" autoComplete="off" {...form.register('hoursMilli')} />
      </Field>
      <Field label={t('fields.laborRateFen')} name="laborRateFen" error={errors.laborRateFen}>
        <input inputMode="decimal" autoComplete="off" {...form.register('laborRateFen')} />
      </Field>
      <FormFooter unplaced={unplaced} submitting={props.submitting} submitLabel={t('customer.save')} onCancel={props.onCancel} />
    </form>
  );
}
