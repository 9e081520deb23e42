import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { contract } from '../../../shared/contract';
import type { CustomerDetail } from '../../../shared/contract/customers';
import type { VehicleSummary } from '../../../shared/contract/vehicles';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { formatDate, formatDateTime } from '../ui/format';
import { ErrorBanner, Loading, Section } from '../ui/widgets';
import { PrivacyPanel } from '../privacy/PrivacyPanel';
import { CustomerPicker } from './CustomerPicker';
import { CustomerHistory } from './visits/CustomerHistory';

function VehicleList({ vehicles }: { vehicles: VehicleSummary[] }) {
  const { t } = useTranslation();
  return (
    <ul className="vehicle-list">
      {vehicles.map((vehicle) => (
        <li key={vehicle.id}>
          <Link to={`/vehicles/${vehicle.id}`}>
            <span className="plate">{vehicle.plate || '—'}</span> {vehicle.makeModel} {vehicle.year}
          </Link>{' '}
          <span className="mono muted">{vehicle.vin}</span> <span className="badge">{t(`fuel.${vehicle.fuelType}`)}</span>
        </li>
      ))}
    </ul>
  );
}

function Notes({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const addNote = useMutation(
    orpc.customers.addNote.mutationOptions({
      onSuccess: async () => {
        setBody('');
        await queryClient.invalidateQueries({ queryKey: orpc.customers.get.key({ input: { id: customer.id } }) });
      },
    }),
  );
  return (
    <Section title={t('customer.notes')}>
      {canCall(user.role, contract.customers.addNote) ? (
        <form
          className="note-form"
          onSubmit={(event) => {
            event.preventDefault();
            addNote.mutate({ customerId: customer.id, body });
          }}
        >
          <textarea
            aria-label={t('customer.addNote')}
            placeholder={t('customer.notePlaceholder')}
            value={body}
            maxLength={2000}
            onChange={(event) => setBody(event.target.value)}
          />
          <button type="submit" disabled={addNote.isPending}>
            {t('customer.addNote')}
          </button>
          <ErrorBanner error={addNote.error} />
        </form>
      ) : null}
      {customer.notes.length === 0 ? <p className="muted">{t('customer.noNotes')}</p> : null}
      <ul className="notes">
        {customer.notes.map((note) => (
          <li key={note.id}>
            <div className="note-meta muted">
              {note.authorName} · {formatDateTime(note.createdAt)}
            </div>
            <div className="note-body">{note.body}</div>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function MergePanel({ customer, onDone }: { customer: CustomerDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const merge = useMutation(
    orpc.customers.merge.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: orpc.customers.key() });
        onDone();
      },
    }),
  );
  return (
    <Section title={t('customer.mergeTitle')}>
      <p className="muted">{t('customer.mergeHint')}</p>
      <CustomerPicker
        excludeId={customer.id}
        busy={merge.isPending}
        confirmLabel={(name) => t('customer.mergeConfirm', { name })}
        onPick={(duplicate) => merge.mutate({ keepId: customer.id, duplicateId: duplicate.id })}
      />
      <ErrorBanner error={merge.error} />
    </Section>
  );
}

/**
 * The customer's file: contact details and consent, their cars, their open ROs and visits (with totals and survey
 * scores), declined work and complaints, notes; edit, add a car, merge a duplicate.
 */
export function CustomerPage() {
  const { t } = useTranslation();
  const user = useUser();
  const id = Number(useParams().id);
  const [merging, setMerging] = useState(false);
  const query = useQuery(orpc.customers.get.queryOptions({ input: { id } }));
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const customer = query.data;
  const mayEdit = canCall(user.role, contract.customers.update) && customer.mergedIntoId === null && customer.erasedAt === null;

  return (
    <div className="page">
      {customer.mergedIntoId !== null ? (
        <div className="banner banner-warning" role="status">
          {t('customer.merged')} <Link to={`/customers/${customer.mergedIntoId}`}>{t('customer.openMerged')}</Link>
        </div>
      ) : null}
      <Section
        page
        title={customer.name}
        actions={
          mayEdit ? (
            <>
              <Link className="button" to={`/customers/${customer.id}/edit`}>
                {t('customer.edit')}
              </Link>
              {canCall(user.role, contract.customers.merge) ? (
                <button type="button" onClick={() => setMerging((m) => !m)}>
                  {t('customer.merge')}
                </button>
              ) : null}
            </>
          ) : null
        }
      >
        <dl className="facts">
          <dt>{t('fields.kind')}</dt>
          <dd>{t(`customer.${customer.kind}`)}</dd>
          {customer.contactPerson ? (
            <>
              <dt>{t('fields.contactPerson')}</dt>
              <dd>{customer.contactPerson}</dd>
            </>
          ) : null}
          <dt>{t('fields.phones')}</dt>
          <dd>
            {customer.phones.map((phone) => (
              <div key={phone.number} className="mono">
                {phone.number} <span className="muted">{t(`phoneLabels.${phone.label}`)}</span>
              </div>
            ))}
          </dd>
          {customer.email ? (
            <>
              <dt>{t('fields.email')}</dt>
              <dd>{customer.email}</dd>
            </>
          ) : null}
          {customer.address ? (
            <>
              <dt>{t('fields.address')}</dt>
              <dd>{customer.address}</dd>
            </>
          ) : null}
          <dt>{t('fields.preferredContact')}</dt>
          <dd>{t(`channels.${customer.preferredContact}`)}</dd>
          <dt>{t('fields.consentToContact')}</dt>
          <dd data-testid="consent">
            {customer.consentToContact
              ? t('customer.consentGiven', { date: formatDate(customer.consentChangedAt) })
              : t('customer.consentNone')}
          </dd>
        </dl>
        <p className="muted small">
          {t('customer.created', { date: formatDateTime(customer.createdAt) })} ·{' '}
          {t('customer.updated', { date: formatDateTime(customer.updatedAt) })}
        </p>
      </Section>
      {merging ? <MergePanel customer={customer} onDone={() => setMerging(false)} /> : null}
      <Section
        title={t('customer.vehicles')}
        actions={
          mayEdit && canCall(user.role, contract.vehicles.create) ? (
            <Link className="button" to={`/customers/${customer.id}/vehicles/new`}>
              {t('customer.addVehicle')}
            </Link>
          ) : null
        }
      >
        {customer.vehicles.length === 0 ? (
          <p className="muted">{t('customer.noVehicles')}</p>
        ) : (
          <VehicleList vehicles={customer.vehicles} />
        )}
        {customer.pastVehicles.length > 0 ? (
          <>
            <h3>{t('customer.pastVehicles')}</h3>
            <VehicleList vehicles={customer.pastVehicles} />
          </>
        ) : null}
      </Section>
      <CustomerHistory customerId={customer.id} />
      <Notes customer={customer} />
      <PrivacyPanel customer={customer} />
    </div>
  );
}
