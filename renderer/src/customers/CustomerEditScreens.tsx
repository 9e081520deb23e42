import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { customerEditValues } from '../../../shared/contract/concurrent-edits';
import type { CustomerDetail } from '../../../shared/contract/customers';
import { orpc } from '../api/client';
import { ErrorBanner, Loading } from '../ui/widgets';
import { CustomerForm, EMPTY_CUSTOMER, type CustomerFormValues } from './CustomerForm';

export function NewCustomerScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation(orpc.customers.create.mutationOptions());
  return (
    <div className="card">
      <h1>{t('customer.newTitle')}</h1>
      <CustomerForm
        title={t('customer.newTitle')}
        initial={EMPTY_CUSTOMER}
        submitting={create.isPending}
        onCancel={() => void navigate(-1)}
        onSubmit={async (values) => {
          const customer = await create.mutateAsync(values);
          await queryClient.invalidateQueries({ queryKey: orpc.customers.key() });
          void navigate(`/customers/${customer.id}`, { replace: true });
        }}
      />
    </div>
  );
}

function toFormValues(customer: CustomerDetail): CustomerFormValues {
  return {
    kind: customer.kind,
    name: customer.name,
    contactPerson: customer.contactPerson,
    phones: customer.phones.length > 0 ? customer.phones : [{ number: '', label: 'mobile' }],
    email: customer.email,
    address: customer.address,
    preferredContact: customer.preferredContact,
    consentToContact: customer.consentToContact,
  };
}

export function EditCustomerScreen() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const customer = useQuery(orpc.customers.get.queryOptions({ input: { id } }));
  const update = useMutation(orpc.customers.update.mutationOptions());
  // The form opens on the file as read; reloading after another desk saved opens it again on what is stored now.
  const [opened, setOpened] = useState(0);
  if (customer.isPending) return <Loading />;
  if (customer.error) return <ErrorBanner error={customer.error} />;
  return (
    <div className="card">
      <h1>{t('customer.editTitle')}</h1>
      <CustomerForm
        key={opened}
        title={t('customer.editTitle')}
        initial={toFormValues(customer.data)}
        edit={{
          version: customer.data.version,
          loaded: customerEditValues(customer.data),
          onReload: () => void customer.refetch().then(() => setOpened((n) => n + 1)),
        }}
        submitting={update.isPending}
        onCancel={() => void navigate(-1)}
        onSubmit={async (values, version) => {
          await update.mutateAsync({ ...values, id, version: version ?? customer.data.version });
          await queryClient.invalidateQueries({ queryKey: orpc.customers.key() });
          void navigate(`/customers/${id}`, { replace: true });
        }}
      />
    </div>
  );
}
