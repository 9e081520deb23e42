import { useQueryClient } from '@tanstack/react-query';
import type { RepairOrderDetail } from '../../../../shared/contract/repair-orders';
import { orpc } from '../../api/client';
import { useRoSaved } from '../use-ro-write';

/** What an authorisation or an added declined job changes besides the RO: its authorisations and the declined work. */
export function useAuthorisationSaved() {
  const queryClient = useQueryClient();
  const roSaved = useRoSaved();
  return async (detail: RepairOrderDetail) => {
    await roSaved(detail);
    await queryClient.invalidateQueries({ queryKey: orpc.repairOrders.authorisations.key({ input: { id: detail.id } }) });
    await queryClient.invalidateQueries({ queryKey: orpc.repairOrders.declinedWork.key() });
  };
}
