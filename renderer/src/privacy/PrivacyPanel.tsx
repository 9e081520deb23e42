import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import type { CustomerDetail } from '../../../shared/contract/customers';
import { eraseCustomerInput, recordConsentInput } from '../../../shared/contract/privacy';
import { CONSENT_METHODS_RECORDED } from '../../../shared/domain/privacy';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { downloadBase64 } from '../parts/parts-format';
import { DataTable } from '../ui/DataTable';
import { formatDateTime } from '../ui/format';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { EnumSelect, ErrorBanner, Field, Loading, Section } from '../ui/widgets';

interface ConsentValues {
  granted: 'true' | 'false';
  method: (typeof CONSENT_METHODS_RECORDED)[number];
  note: string;
}

/** Records a consent given or withdrawn, with how the customer said it. */
function ConsentForm({ customerId, onDone }: { customerId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const record = useMutation(orpc.privacy.recordConsent.mutationOptions());
  const form = useForm<ConsentValues, unknown, ReturnType<typeof recordConsentInput.parse>>({
    resolver: schemaResolver<ConsentValues, typeof recordConsentInput>(recordConsentInput, t, (values) => ({
      customerId,
      granted: values.granted === 'true',
      method: values.method,
      note: values.note,
    })),
    defaultValues: { granted: 'true', method: 'paper', note: '' },
  });
  const errors = form.formState.errors;
  const { submit, unplaced } = useFormSubmit(form, ['granted', 'method', 'note'], async (values) => {
    await record.mutateAsync(values);
    await queryClient.invalidateQueries({ queryKey: orpc.privacy.key() });
    await queryClient.invalidateQueries({ queryKey: orpc.customers.key() });
    onDone();
  });
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('privacy.recordConsent')}>
      <Field label={t('privacy.change')} name="granted">
        <select {...form.register('granted')}>
          <option value="true">{t('privacy.grant')}</option>
          <option value="false">{t('privacy.withdraw')}</option>
        </select>
      </Field>
      <Field label={t('privacy.method')} name="method" error={errors.method}>
        <EnumSelect values={CONSENT_METHODS_RECORDED} catalogue="privacy.methods" {...form.register('method')} />
      </Field>
      <Field label={t('fields.note')} name="note" error={errors.note} wide>
        <input autoComplete="off" maxLength={500} {...form.register('note')} />
      </Field>
      <FormFooter unplaced={unplaced} submitting={record.isPending} submitLabel={t('privacy.saveConsent')} onCancel={onDone} />
    </form>
  );
}

interface EraseValues {
  confirmName: string;
  reason: string;
}

/** The manager erases the file on the customer's request, after typing the customer's name again. */
function EraseForm({ customer, onDone }: { customer: CustomerDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const erase = useMutation(orpc.privacy.eraseCustomer.mutationOptions());
  const form = useForm<EraseValues, unknown, ReturnType<typeof eraseCustomerInput.parse>>({
    resolver: schemaResolver<EraseValues, typeof eraseCustomerInput>(eraseCustomerInput, t, (values) => ({
      customerId: customer.id,
      ...values,
    })),
    defaultValues: { confirmName: '', reason: '' },
  });
  const errors = form.formState.errors;
  const { submit, unplaced } = useFormSubmit(form, ['confirmName', 'reason'], async (values) => {
    await erase.mutateAsync(values);
    await queryClient.invalidateQueries({ queryKey: orpc.privacy.key() });
    await queryClient.invalidateQueries({ queryKey: orpc.customers.key() });
    onDone();
  });
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('privacy.erase')}>
      <p className="banner banner-warning field-wide" role="note">
        {t('privacy.eraseWarning', { name: customer.name })}
      </p>
      <Field label={t('privacy.confirmNameLabel', { name: customer.name })} name="confirmName" error={errors.confirmName} wide>
        <input autoComplete="off" maxLength={100} {...form.register('confirmName')} />
      </Field>
      <Field label={t('privacy.reasonLabel')} name="reason" error={errors.reason} wide>
        <input autoComplete="off" maxLength={500} {...form.register('reason')} />
      </Field>
      <FormFooter unplaced={unplaced} submitting={erase.isPending} submitLabel={t('privacy.eraseConfirm')} onCancel={onDone} />
    </form>
  );
}

/** Personal data on the customer page (PIPL): consent history and changes, export of everything held, erasure. */
export function PrivacyPanel({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const [panel, setPanel] = useState<'none' | 'consent' | 'erase'>('none');
  const mayRead = canCall(user.role, contract.privacy.consents);
  const consents = useQuery({ ...orpc.privacy.consents.queryOptions({ input: { customerId: customer.id } }), enabled: mayRead });
  const exportData = useMutation(orpc.privacy.exportCustomer.mutationOptions());
  if (!mayRead) return null;
  const live = customer.erasedAt === null && customer.mergedIntoId === null;
  const download = async () => {
    const file = await exportData.mutateAsync({ customerId: customer.id });
    downloadBase64(file.fileName, file.dataBase64, 'application/json');
  };

  return (
    <Section
      title={t('privacy.title')}
      actions={
        <>
          {live && canCall(user.role, contract.privacy.recordConsent) ? (
            <button type="button" onClick={() => setPanel(panel === 'consent' ? 'none' : 'consent')}>
              {t('privacy.recordConsent')}
            </button>
          ) : null}
          {canCall(user.role, contract.privacy.exportCustomer) ? (
            <button type="button" onClick={() => void download()} disabled={exportData.isPending}>
              {exportData.isPending ? t('privacy.exporting') : t('privacy.export')}
            </button>
          ) : null}
          {live && canCall(user.role, contract.privacy.eraseCustomer) ? (
            <button type="button" onClick={() => setPanel(panel === 'erase' ? 'none' : 'erase')}>
              {t('privacy.erase')}
            </button>
          ) : null}
        </>
      }
    >
      {customer.erasedAt !== null ? (
        <p className="banner banner-warning" role="status" data-testid="erased">
          {t('privacy.erased', { date: formatDateTime(customer.erasedAt) })}
        </p>
      ) : null}
      {panel === 'consent' ? <ConsentForm customerId={customer.id} onDone={() => setPanel('none')} /> : null}
      {panel === 'erase' ? <EraseForm customer={customer} onDone={() => setPanel('none')} /> : null}
      <ErrorBanner error={exportData.error} />
      <h3>{t('privacy.history')}</h3>
      {consents.isPending ? (
        <Loading />
      ) : consents.error ? (
        <ErrorBanner error={consents.error} />
      ) : (
        <DataTable
          caption={t('privacy.history')}
          rows={consents.data.history}
          rowKey={(row) => row.id}
          empty={t('privacy.noHistory')}
          columns={[
            { id: 'when', header: t('privacy.when'), cell: (row) => formatDateTime(row.recordedAt) },
            {
              id: 'change',
              header: t('privacy.change'),
              cell: (row) =>
                `${t(`privacy.purposes.${row.purpose}`)}: ${row.granted ? t('privacy.granted') : t('privacy.withdrawn')}`,
            },
            { id: 'method', header: t('privacy.method'), cell: (row) => t(`privacy.methods.${row.method}`) },
            { id: 'by', header: t('privacy.by'), cell: (row) => row.recordedByName ?? '—' },
            { id: 'note', header: t('fields.note'), cell: (row) => row.note },
          ]}
        />
      )}
    </Section>
  );
}
