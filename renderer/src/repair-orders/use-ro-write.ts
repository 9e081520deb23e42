import { useQueryClient } from '@tanstack/react-query';
import type { RepairOrderDetail } from '../../../shared/contract/repair-orders';
import { orpc } from '../api/client';

/**
 * What every RO write does when the core answers: the answer is the fresh RO (new version included), so it replaces
 * the cached one at once; the vehicle's service history and RO lists are refetched when next shown.
 */
export function useRoSaved() {
  const queryClient = useQueryClient();
  return async (detail: RepairOrderDetail) => {
    queryClient.setQueryData(orpc.repairOrders.get.queryKey({ input: { id: detail.id } }), detail);
    await queryClient.invalidateQueries({ queryKey: orpc.repairOrders.listForVehicle.key() });
    await queryClient.invalidateQueries({ queryKey: orpc.vehicles.get.key({ input: { id: detail.vehicle.id } }) });
  };
}
