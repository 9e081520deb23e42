import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatQuantity } from '../../../shared/domain/money';
import { orpc } from '../api/client';
import { formatDateTime } from '../ui/format';

/** How the workshop screens show time: sold hours like the catalogue, clocked time in hours and minutes. */
export function useWorkshopFormat() {
  const { t } = useTranslation();
  return {
    sold: (milli: number) => t('workshop.sold', { hours: formatQuantity(milli) }),
    minutes: (total: number) => t('workshop.minutes', { h: Math.floor(total / 60), m: total % 60 }),
    time: formatDateTime,
  };
}

/** After a workshop write on this desk: the board, my jobs and the RO pages read again (other desks hear the event). */
export function useWorkshopSaved() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: orpc.workshop.key() });
    await queryClient.invalidateQueries({ queryKey: orpc.repairOrders.key() });
  };
}
