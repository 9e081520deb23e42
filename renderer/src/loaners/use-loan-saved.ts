import { useQueryClient } from '@tanstack/react-query';
import { orpc } from '../api/client';

/** After any loaner write: the fleet, the RO's loan, the report and the RO's trail are read again. */
export function useLoanersChanged() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: orpc.loaners.key() });
  };
}
