import type { ReactNode } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field, Section } from '../ui/widgets';
import { columnLetter } from './import-mapping';

/**
 * One <select> per target of an import, each offering the file's columns (by letter and header) or none; the
 * required ones say so in their label. The form (react-hook-form) is the screen's: it registers each select as
 * `mapping.<target>` and checks the whole mapping with the procedure's schema.
 */
export function MappingFields<T extends string>(props: {
  targets: readonly { target: T; required: boolean }[];
  headers: readonly string[];
  label: (target: T) => string;
  register: (target: T) => UseFormRegisterReturn;
  error: (target: T) => FieldError | undefined;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {props.targets.map(({ target, required }) => (
        <Field
          key={target}
          label={required ? t('imports.requiredLabel', { label: props.label(target) }) : props.label(target)}
          name={`mapping.${target}`}
          error={props.error(target)}
        >
          <select {...props.register(target)} disabled={props.disabled}>
            <option value="">{t('imports.noColumn')}</option>
            {props.headers.map((header, i) => (
              <option key={i} value={String(i)}>
                {t('imports.columnOption', { letter: columnLetter(i), header })}
              </option>
            ))}
          </select>
        </Field>
      ))}
    </>
  );
}

/**
 * The mapping's card: whether the mapping was remembered or guessed, the form (its selects and buttons, `children`)
 * and what follows it (`after`: the run's progress).
 */
export function MappingSection(props: { remembered: boolean; children: ReactNode; after?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Section title={t('imports.mapping')}>
      <p className="muted">{props.remembered ? t('imports.mappingRemembered') : t('imports.mappingGuessed')}</p>
      <form className="form-grid" onSubmit={(event) => event.preventDefault()} aria-label={t('imports.mapping')} noValidate>
        {props.children}
      </form>
      {props.after}
    </Section>
  );
}
