import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { createComplaintInput } from '../../../shared/contract/complaints';
import { COMPLAINT_DEPARTMENTS, COMPLAINT_LEVELS, MANUAL_COMPLAINT_SOURCES } from '../../../shared/domain/complaints';
import { orpc } from '../api/client';
import { CustomerPicker } from '../customers/CustomerPicker';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { formatDate } from '../ui/format';
import { EnumSelect, Field, Section } from '../ui/widgets';
import { optionalId, PersonSelect } from './complaint-fields';
import './complaints.css';

interface Values {
  source: string;
  vehicleId: string;
  repairOrderId: string;
  level: string;
  againstDepartment: string;
  againstUserId: string;
  customerSays: string;
  customerWants: string;
}
const FIELDS = [
  'source',
  'customerId',
  'vehicleId',
  'repairOrderId',
  'level',
  'againstDepartment',
  'againstUserId',
  'customerSays',
  'customerWants',
] as const;

function ComplaintForm({ customer, onOtherCustomer }: { customer: { id: number; name: string }; onOtherCustomer: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation(orpc.complaints.create.mutationOptions());
  const toInput = (values: Values) => ({
    source: values.source,
    customerId: customer.id,
    vehicleId: optionalId(values.vehicleId),
    repairOrderId: optionalId(values.repairOrderId),
    level: values.level,
    againstDepartment: values.againstDepartment,
    againstUserId: optionalId(values.againstUserId),
    customerSays: values.customerSays,
    customerWants: values.customerWants,
  });
  const form = useForm<Values, unknown, z.output<typeof createComplaintInput>>({
    resolver: schemaResolver<Values, typeof createComplaintInput>(createComplaintInput, t, toInput),
    defaultValues: {
      source: 'phone',
      vehicleId: '',
      repairOrderId: '',
      level: 'ordinary',
      againstDepartment: 'service',
      againstUserId: '',
      customerSays: '',
      customerWants: '',
    },
  });
  const vehicleId = optionalId(useWatch({ control: form.control, name: 'vehicleId' }));
  const detail = useQuery(orpc.customers.get.queryOptions({ input: { id: customer.id } }));
  const orders = useQuery({
    ...orpc.repairOrders.listForVehicle.queryOptions({ input: { vehicleId: vehicleId ?? 0, offset: 0, limit: 20 } }),
    enabled: vehicleId !== undefined,
  });
  const { submit, unplaced } = useFormSubmit(form, FIELDS, async (values) => {
    const created = await create.mutateAsync(values);
    await queryClient.invalidateQueries({ queryKey: orpc.complaints.key() });
    void navigate(`/complaints/${created.id}`);
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('complaints.newTitle')}>
      <p className="field-wide">
        <strong data-testid="complaint-customer">{customer.name}</strong>{' '}
        <button type="button" onClick={onOtherCustomer}>
          {t('complaints.otherCustomer')}
        </button>
      </p>
      <Field label={t('fields.source')} name="source" error={errors.source}>
        <EnumSelect values={MANUAL_COMPLAINT_SOURCES} catalogue="complaints.source" {...form.register('source')} />
      </Field>
      <Field label={t('fields.level')} name="level" error={errors.level}>
        <EnumSelect values={COMPLAINT_LEVELS} catalogue="complaints.level" {...form.register('level')} />
      </Field>
      <Field label={t('fields.vehicleId')} name="vehicleId" error={errors.vehicleId}>
        <select {...form.register('vehicleId', { onChange: () => form.setValue('repairOrderId', '') })}>
          <option value="">{t('complaints.noneOption')}</option>
          {(detail.data?.vehicles ?? []).map((v) => (
            <option key={v.id} value={String(v.id)}>
              {[v.plate, v.makeModel].filter(Boolean).join(' · ')}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('fields.repairOrderId')} name="repairOrderId" error={errors.repairOrderId}>
        <select disabled={vehicleId === undefined} {...form.register('repairOrderId')}>
          <option value="">{t('complaints.noneOption')}</option>
          {(orders.data?.rows ?? []).map((ro) => (
            <option key={ro.id} value={String(ro.id)}>
              {`${ro.number} · ${formatDate(ro.openedAt)}`}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('fields.againstDepartment')} name="againstDepartment" error={errors.againstDepartment}>
        <EnumSelect values={COMPLAINT_DEPARTMENTS} catalogue="complaints.department" {...form.register('againstDepartment')} />
      </Field>
      <Field label={t('fields.againstUserId')} name="againstUserId" error={errors.againstUserId}>
        <PersonSelect {...form.register('againstUserId')} />
      </Field>
      <Field label={t('fields.customerSays')} name="customerSays" error={errors.customerSays} wide>
        <textarea rows={4} maxLength={2000} {...form.register('customerSays')} />
      </Field>
      <Field label={t('fields.customerWants')} name="customerWants" error={errors.customerWants} wide>
        <textarea rows={2} maxLength={2000} {...form.register('customerWants')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('complaints.newComplaint')}
        onCancel={() => void navigate('/complaints')}
      />
    </form>
  );
}

/** Step 1 by hand: find the customer with the reception look-up, then what they say and want. */
export function NewComplaintScreen() {
  const { t } = useTranslation();
  const [customer, setCustomer] = useState<{ id: number; name: string } | null>(null);
  return (
    <div className="page page-form">
      <h1>{t('complaints.newTitle')}</h1>
      <Section title={customer ? t('complaints.customer') : t('complaints.pickCustomer')}>
        {customer ? (
          <ComplaintForm key={customer.id} customer={customer} onOtherCustomer={() => setCustomer(null)} />
        ) : (
          <CustomerPicker busy={false} confirmLabel={(name) => t('complaints.pickConfirm', { name })} onPick={setCustomer} />
        )}
      </Section>
    </div>
  );
}
