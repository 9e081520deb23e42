import { useQuery } from '@tanstack/react-query';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useTranslation } from 'react-i18next';
import { orpc } from '../api/client';

/** A <select> of the users a complaint may name, "(none)" first; spread react-hook-form's `register(...)` into it. */
export const PersonSelect = forwardRef<HTMLSelectElement, ComponentPropsWithoutRef<'select'>>(function PersonSelect(props, ref) {
  const { t } = useTranslation();
  const people = useQuery(orpc.complaints.people.queryOptions({ input: {} }));
  return (
    <select ref={ref} {...props}>
      <option value="">{t('complaints.noneOption')}</option>
      {(people.data ?? []).map((p) => (
        <option key={p.id} value={String(p.id)}>
          {t('complaints.person', { name: p.displayName, role: t(`roles.${p.role}`) })}
        </option>
      ))}
    </select>
  );
});

/** A picked id from a <select> or '' for none: the contract's optional ids are left out when empty. */
export function optionalId(value: string): number | undefined {
  return value === '' ? undefined : Number(value);
}
