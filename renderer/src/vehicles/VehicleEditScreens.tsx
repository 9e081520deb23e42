import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { vehicleCreateInput, vehicleUpdateInput } from '../../../shared/contract/vehicles';
import { orpc } from '../api/client';
import { ErrorBanner, Loading } from '../ui/widgets';
import { EMPTY_VEHICLE, VehicleForm } from './VehicleForm';

export function NewVehicleScreen() {
  const { t } = useTranslation();
  const ownerId = Number(useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const owner = useQuery(orpc.customers.get.queryOptions({ input: { id: ownerId } }));
  const create = useMutation(orpc.vehicles.create.mutationOptions());
  if (owner.isPending) return <Loading />;
  if (owner.error) return <ErrorBanner error={owner.error} />;
  return (
    <div className="card">
      <h1>{t('vehicle.newTitle', { name: owner.data.name })}</h1>
      <VehicleForm
        initial={EMPTY_VEHICLE}
        schema={vehicleCreateInput}
        extra={{ ownerId }}
        showMileage
        submitting={create.isPending}
        onCancel={() => void navigate(-1)}
        onSubmit={async (values) => {
          const vehicle = await create.mutateAsync({ ...values, ownerId });
          await queryClient.invalidateQueries({ queryKey: orpc.customers.key() });
          void navigate(`/vehicles/${vehicle.id}`, { replace: true });
        }}
      />
    </div>
  );
}

export function EditVehicleScreen() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const vehicle = useQuery(orpc.vehicles.get.queryOptions({ input: { id } }));
  const update = useMutation(orpc.vehicles.update.mutationOptions());
  if (vehicle.isPending) return <Loading />;
  if (vehicle.error) return <ErrorBanner error={vehicle.error} />;
  const v = vehicle.data;
  return (
    <div className="card">
      <h1>{t('vehicle.editTitle')}</h1>
      <VehicleForm
        initial={{
          vin: v.vin,
          plate: v.plate,
          make: v.make,
          model: v.model,
          year: v.year,
          colour: v.colour,
          fuelType: v.fuelType,
          engine: v.engine,
          purchaseDate: v.purchaseDate,
          invoiceDate: v.invoiceDate,
          mileageKm: null,
          acceptVinWarning: !v.vinCheckDigitOk,
        }}
        schema={vehicleUpdateInput}
        extra={{ id, version: v.version }}
        showMileage={false}
        submitting={update.isPending}
        onCancel={() => void navigate(-1)}
        onSubmit={async ({ mileageKm: _mileage, ...values }) => {
          await update.mutateAsync({ ...values, id, version: v.version });
          await queryClient.invalidateQueries({ queryKey: orpc.vehicles.key() });
          await queryClient.invalidateQueries({ queryKey: orpc.customers.key() });
          void navigate(`/vehicles/${id}`, { replace: true });
        }}
      />
    </div>
  );
}
