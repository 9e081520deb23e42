import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from './widgets';

/**
 * The Chinese and English names of a catalogue entry or an RO line: the Chinese one is what prints for the customer,
 * the English one what an English desk shows. Each input says its language, so the browser's spelling and IME fit.
 */
export function NameFields(props: {
  zh: UseFormRegisterReturn;
  en: UseFormRegisterReturn;
  errors: { nameZh?: FieldError | undefined; nameEn?: FieldError | undefined };
  maxLength?: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('fields.nameZh')} name="nameZh" error={props.errors.nameZh}>
        <input lang="zh-CN" maxLength={props.maxLength} {...props.zh} />
      </Field>
      <Field label={t('fields.nameEn')} name="nameEn" error={props.errors.nameEn}>
        <input lang="en" maxLength={props.maxLength} {...props.en} />
      </Field>
    </>
  );
}
