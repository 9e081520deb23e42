import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { contract } from '../../../shared/contract';
import type { VehicleDetail } from '../../../shared/contract/vehicles';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { CustomerPicker } from '../customers/CustomerPicker';
import { HistoryBadge } from '../repair-orders/HistoryBadge';
import { formatDate, formatDateTime, formatNumber } from '../ui/format';
import { ErrorBanner, Loading, Section } from '../ui/widgets';
import { WarrantyRiskBanner } from '../warranty-risk/WarrantyRiskBanner';
import { CampaignBanner } from '../campaigns/CampaignBanner';

function MileagePanel({ vehicle }: { vehicle: VehicleDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const queryClient = useQueryClient();
  const [km, setKm] = useState('');
  const record = useMutation(
    orpc.vehicles.recordMileage.mutationOptions({
      onSuccess: async () => {
        setKm('');
        await queryClient.invalidateQueries({ queryKey: orpc.vehicles.get.key({ input: { id: vehicle.id } }) });
      },
    }),
  );
  return (
    <Section title={t('vehicle.mileage')}>
      {canCall(user.role, contract.vehicles.recordMileage) ? (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            record.mutate({ vehicleId: vehicle.id, km: km === '' ? Number.NaN : Number(km) });
          }}
        >
          <input
            type="number"
            inputMode="numeric"
            aria-label={t('fields.km')}
            value={km}
            onChange={(e) => setKm(e.target.value)}
          />
          <button type="submit" disabled={record.isPending}>
            {t('vehicle.recordMileage')}
          </button>
        </form>
      ) : null}
      <ErrorBanner error={record.error} />
      {vehicle.mileage.length === 0 ? <p className="muted">{t('vehicle.noMileage')}</p> : null}
      <ul className="plain">
        {vehicle.mileage.map((reading, index) => (
          <li key={`${reading.recordedAt}-${index}`}>
            <strong>{t('vehicle.mileageKm', { km: formatNumber(reading.km) })}</strong>{' '}
            <span className="muted">
              {formatDateTime(reading.recordedAt)} · {t(`vehicle.sources.${reading.source}`)}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function OwnersPanel({ vehicle }: { vehicle: VehicleDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const queryClient = useQueryClient();
  const [transferring, setTransferring] = useState(false);
  const current = vehicle.owners.find((owner) => owner.to === null);
  const transfer = useMutation(
    orpc.vehicles.transferOwner.mutationOptions({
      onSuccess: async () => {
        setTransferring(false);
        await queryClient.invalidateQueries({ queryKey: orpc.vehicles.key() });
        await queryClient.invalidateQueries({ queryKey: orpc.customers.key() });
      },
    }),
  );
  return (
    <Section
      title={t('vehicle.owners')}
      actions={
        canCall(user.role, contract.vehicles.transferOwner) ? (
          <button type="button" onClick={() => setTransferring((v) => !v)}>
            {t('vehicle.transfer')}
          </button>
        ) : null
      }
    >
      <ul className="plain">
        {vehicle.owners.map((owner, index) => (
          <li key={`${owner.customerId}-${index}`}>
            <Link to={`/customers/${owner.customerId}`}>{owner.customerName}</Link>{' '}
            <span className="muted">
              {formatDate(owner.from)} – {owner.to ? formatDate(owner.to) : t('vehicle.currentOwner')}
            </span>
          </li>
        ))}
      </ul>
      {transferring ? (
        <>
          <h3>{t('vehicle.transferTitle')}</h3>
          <p className="muted">{t('vehicle.transferHint')}</p>
          <CustomerPicker
            {...(current ? { excludeId: current.customerId } : {})}
            busy={transfer.isPending}
            confirmLabel={(name) => t('vehicle.transferConfirm', { name })}
            onPick={(customer) => transfer.mutate({ vehicleId: vehicle.id, newOwnerId: customer.id })}
          />
          <ErrorBanner error={transfer.error} />
        </>
      ) : null}
    </Section>
  );
}

/** A vehicle's page: identity (with the VIN and plate warnings), owners over time, mileage, service history. */
export function VehiclePage() {
  const { t } = useTranslation();
  const user = useUser();
  const id = Number(useParams().id);
  const query = useQuery(orpc.vehicles.get.queryOptions({ input: { id } }));
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const vehicle = query.data;
  return (
    <div className="page">
      <Section
        page
        title={`${vehicle.plate || '—'} · ${vehicle.make} ${vehicle.model}`}
        actions={
          <>
            {canCall(user.role, contract.repairOrders.create) ? (
              <Link className="button primary" to={`/repair-orders/new?vehicleId=${vehicle.id}`}>
                {t('ro.newButton')}
              </Link>
            ) : null}
            {canCall(user.role, contract.appointments.book) ? (
              <Link className="button" to={`/appointments?vehicleId=${vehicle.id}`}>
                {t('appointments.bookButton')}
              </Link>
            ) : null}
            {canCall(user.role, contract.vehicles.update) ? (
              <Link className="button" to={`/vehicles/${vehicle.id}/edit`}>
                {t('customer.edit')}
              </Link>
            ) : null}
          </>
        }
      >
        {!vehicle.vinCheckDigitOk ? (
          <div className="banner banner-warning" role="status" data-testid="vin-unverified">
            {t('vehicle.vinUnverified')}
          </div>
        ) : null}
        {vehicle.plate && vehicle.plateKind === 'unknown' ? (
          <div className="banner banner-warning" role="status">
            {t('vehicle.plateUnknown')}
          </div>
        ) : null}
        <dl className="facts">
          <dt>{t('fields.vin')}</dt>
          <dd className="mono">{vehicle.vin}</dd>
          <dt>{t('fields.plate')}</dt>
          <dd className="plate">
            {vehicle.plate} {vehicle.newEnergy ? <span className="badge badge-green">{t('vehicle.newEnergy')}</span> : null}
          </dd>
          <dt>{t('fields.year')}</dt>
          <dd>{vehicle.year}</dd>
          <dt>{t('fields.fuelType')}</dt>
          <dd>{t(`fuel.${vehicle.fuelType}`)}</dd>
          {vehicle.colour ? (
            <>
              <dt>{t('fields.colour')}</dt>
              <dd>{vehicle.colour}</dd>
            </>
          ) : null}
          {vehicle.engine ? (
            <>
              <dt>{t('fields.engine')}</dt>
              <dd>{vehicle.engine}</dd>
            </>
          ) : null}
          <dt>{t('fields.purchaseDate')}</dt>
          <dd>{vehicle.purchaseDate ? formatDate(vehicle.purchaseDate) : '—'}</dd>
          <dt>{t('fields.invoiceDate')}</dt>
          <dd>{vehicle.invoiceDate ? formatDate(vehicle.invoiceDate) : '—'}</dd>
          <dt>{t('fields.mileageKm')}</dt>
          <dd>{vehicle.mileageKm === null ? '—' : t('vehicle.mileageKm', { km: formatNumber(vehicle.mileageKm) })}</dd>
        </dl>
        <WarrantyRiskBanner key={vehicle.version} vehicleId={vehicle.id} showOutside />
        <CampaignBanner vehicleId={vehicle.id} />
      </Section>
      <OwnersPanel vehicle={vehicle} />
      <MileagePanel vehicle={vehicle} />
      <Section title={t('vehicle.history')}>
        {vehicle.history.length === 0 ? <p className="muted">{t('vehicle.noHistory')}</p> : null}
        <ul className="plain" aria-label={t('vehicle.history')}>
          {vehicle.history.map((ro) => (
            <li key={ro.id}>
              <Link className="mono" to={`/repair-orders/${ro.id}`}>
                {ro.number}
              </Link>
              <HistoryBadge source={ro.source} /> <span className="muted">{formatDate(ro.openedAt)}</span>{' '}
              <span className="badge">{t(`ro.statuses.${ro.status}`)}</span>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
