import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { EditValues } from '../../../shared/contract/concurrent-edits';
import { customerFields, type CustomerFields } from '../../../shared/contract/customers';
import { CONTACT_CHANNELS, CUSTOMER_KINDS, PHONE_LABELS } from '../../../shared/domain/enums';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { findStale, StaleVersionNotice, useStaleGuard, withoutStale } from '../ui/StaleVersionNotice';
import { EnumSelect, Field } from '../ui/widgets';

export type CustomerFormValues = Required<CustomerFields>;

export const EMPTY_CUSTOMER: CustomerFormValues = {
  kind: 'person',
  name: '',
  contactPerson: '',
  phones: [{ number: '', label: 'mobile' }],
  email: '',
  address: '',
  preferredContact: 'phone',
  consentToContact: false,
};

const FORM_FIELDS = Object.keys(EMPTY_CUSTOMER);

/**
 * Create and edit share this form. It checks with the contract's own schema before sending, and shows the core's
 * refusal next to the field it names; `submit` rejects with the core's error.
 */
export function CustomerForm(props: {
  title: string;
  initial: CustomerFormValues;
  submitting: boolean;
  /** `version` to save from (passed on to onSubmit) when editing a file on record. */
  onSubmit: (values: CustomerFormValues, version?: number) => Promise<unknown>;
  onCancel: () => void;
  /** Editing a file on record: the version and values it was opened with, and how to reload it after another desk saved. */
  edit?: { version: number; loaded: EditValues; onReload: () => void };
}) {
  const { t } = useTranslation();
  const form = useForm<CustomerFormValues, unknown, CustomerFormValues>({
    resolver: schemaResolver<CustomerFormValues, typeof customerFields>(customerFields, t),
    defaultValues: props.initial,
  });
  const phones = useFieldArray({ control: form.control, name: 'phones' });
  const errors = form.formState.errors;
  const kind = useWatch({ control: form.control, name: 'kind' });

  const guard = useStaleGuard(props.edit);
  const { submit, unplaced } = useFormSubmit(form, FORM_FIELDS, (values) => props.onSubmit(values, guard.version()));
  const stale = props.edit ? findStale(unplaced) : undefined;

  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={props.title}>
      <Field label={t('fields.kind')} name="kind" error={errors.kind}>
        <EnumSelect values={CUSTOMER_KINDS} catalogue="customer" {...form.register('kind')} />
      </Field>
      <Field label={t('fields.name')} name="name" error={errors.name}>
        <input autoFocus {...form.register('name')} />
      </Field>
      {kind === 'company' ? (
        <Field label={t('fields.contactPerson')} name="contactPerson" error={errors.contactPerson}>
          <input {...form.register('contactPerson')} />
        </Field>
      ) : null}
      <fieldset className="field-wide phones">
        <legend>{t('fields.phones')}</legend>
        {phones.fields.map((phone, index) => (
          <div className="phone-row" key={phone.id}>
            <Field label={t('fields.phones_number')} name={`phones.${index}.number`} error={errors.phones?.[index]?.number}>
              <input inputMode="tel" {...form.register(`phones.${index}.number`)} />
            </Field>
            <Field label={t('fields.phones_label')} name={`phones.${index}.label`}>
              <EnumSelect values={PHONE_LABELS} catalogue="phoneLabels" {...form.register(`phones.${index}.label`)} />
            </Field>
            {phones.fields.length > 1 ? (
              <button type="button" className="link" onClick={() => phones.remove(index)}>
                {t('customer.removePhone')}
              </button>
            ) : null}
          </div>
        ))}
        {errors.phones?.root?.message || errors.phones?.message ? (
          <span className="field-error" role="alert">
            {errors.phones?.root?.message ?? errors.phones?.message}
          </span>
        ) : null}
        {phones.fields.length < 5 ? (
          <button type="button" className="link" onClick={() => phones.append({ number: '', label: 'mobile' })}>
            {t('customer.addPhone')}
          </button>
        ) : null}
      </fieldset>
      <Field label={t('fields.email')} name="email" error={errors.email}>
        <input type="email" {...form.register('email')} />
      </Field>
      <Field label={t('fields.preferredContact')} name="preferredContact" error={errors.preferredContact}>
        <EnumSelect values={CONTACT_CHANNELS} catalogue="channels" {...form.register('preferredContact')} />
      </Field>
      <Field label={t('fields.address')} name="address" error={errors.address} wide>
        <input {...form.register('address')} />
      </Field>
      <label className="checkbox field-wide">
        <input type="checkbox" {...form.register('consentToContact')} />
        {t('customer.consentLabel')}
      </label>
      {stale && props.edit ? (
        <StaleVersionNotice
          thing="customer"
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
