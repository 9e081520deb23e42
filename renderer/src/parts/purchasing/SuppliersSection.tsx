import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { supplierInput, type SupplierDto, type SupplierFields } from '../../../../shared/contract/parts/purchasing';
import { orpc } from '../../api/client';
import { DataTable } from '../../ui/DataTable';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { ErrorBanner, Field, Loading } from '../../ui/widgets';

type SupplierOutput = z.output<typeof supplierInput>;
const EMPTY: SupplierFields = { name: '', contact: '', phone: '', leadDays: 2, active: true };
const FORM_FIELDS = ['name', 'contact', 'phone', 'leadDays', 'active'];

function SupplierForm(props: { initial: SupplierFields; title: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation(orpc.parts.saveSupplier.mutationOptions());
  const form = useForm<SupplierFields, unknown, SupplierOutput>({
    resolver: schemaResolver<SupplierFields, typeof supplierInput>(supplierInput, t),
    defaultValues: props.initial,
  });
  const errors = form.formState.errors;
  const { submit, unplaced } = useFormSubmit(form, FORM_FIELDS, async (values) => {
    await save.mutateAsync(values);
    await queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
    props.onDone();
  });
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={props.title} style={{ marginTop: 12 }}>
      <Field label={t('fields.name')} name="name" error={errors.name}>
        <input autoFocus autoComplete="off" maxLength={100} {...form.register('name')} />
      </Field>
      <Field label={t('fields.contact')} name="contact" error={errors.contact}>
        <input autoComplete="off" maxLength={60} {...form.register('contact')} />
      </Field>
      <Field label={t('fields.phone')} name="phone" error={errors.phone}>
        <input autoComplete="off" inputMode="tel" maxLength={30} {...form.register('phone')} />
      </Field>
      <Field label={t('fields.leadDays')} name="leadDays" error={errors.leadDays}>
        <input type="number" min={0} max={60} {...form.register('leadDays', { valueAsNumber: true })} />
      </Field>
      <label className="checkbox">
        <input type="checkbox" {...form.register('active')} /> {t('purchasing.active')}
      </label>
      <FormFooter
        unplaced={unplaced}
        submitting={save.isPending}
        submitLabel={t('purchasing.supplierSave')}
        onCancel={props.onDone}
      />
    </form>
  );
}

function fieldsOf(supplier: SupplierDto): SupplierFields {
  return {
    id: supplier.id,
    name: supplier.name,
    contact: supplier.contact,
    phone: supplier.phone,
    leadDays: supplier.leadDays,
    active: supplier.active,
  };
}

/** The suppliers the parts desk orders from, with their lead time (which dates a new order's arrival). */
export function SuppliersSection() {
  const { t } = useTranslation();
  const query = useQuery(orpc.parts.suppliers.queryOptions({ input: {} }));
  const [editing, setEditing] = useState<SupplierFields | null>(null);
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  return (
    <section className="card" aria-label={t('purchasing.sections.suppliers')}>
      <header className="card-header">
        <h2>{t('purchasing.sections.suppliers')}</h2>
        <div className="card-actions">
          <button type="button" onClick={() => setEditing({ ...EMPTY })}>
            {t('purchasing.suppliersNew')}
          </button>
        </div>
      </header>
      <DataTable<SupplierDto>
        caption={t('purchasing.sections.suppliers')}
        rows={query.data}
        rowKey={(supplier) => supplier.id}
        empty={t('purchasing.noSuppliers')}
        columns={[
          { id: 'name', header: t('purchasing.columns.supplier'), cell: (supplier) => supplier.name },
          { id: 'contact', header: t('purchasing.columns.contact'), cell: (supplier) => supplier.contact },
          { id: 'phone', header: t('purchasing.columns.phone'), cell: (supplier) => supplier.phone },
          {
            id: 'leadDays',
            header: t('purchasing.columns.leadDays'),
            numeric: true,
            cell: (supplier) => t('purchasing.leadDaysValue', { count: supplier.leadDays }),
          },
          {
            id: 'active',
            header: t('purchasing.columns.active'),
            cell: (supplier) =>
              supplier.active ? t('purchasing.active') : <span className="badge">{t('purchasing.retired')}</span>,
          },
        ]}
        actions={(supplier) => (
          <button type="button" onClick={() => setEditing(fieldsOf(supplier))}>
            {t('purchasing.supplierEdit')}
          </button>
        )}
      />
      {editing ? (
        <SupplierForm
          key={editing.id ?? 'new'}
          initial={editing}
          title={editing.id ? t('purchasing.supplierEdit') : t('purchasing.suppliersNew')}
          onDone={() => setEditing(null)}
        />
      ) : null}
    </section>
  );
}
