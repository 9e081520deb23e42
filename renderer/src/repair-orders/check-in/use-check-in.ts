import { useQueryClient } from '@tanstack/react-query';
import type { CheckInDetail } from '../../../../shared/contract/repair-orders/check-in';
import { orpc } from '../../api/client';

/**
 * What every check-in write does when the core answers: the answer is the fresh check-in (with the RO's new version),
 * so it replaces the cached one at once; the RO (its version and mileage in) and the vehicle's readings are refetched.
 */
export function useCheckInSaved(vehicleId: number) {
  const queryClient = useQueryClient();
  return async (detail: CheckInDetail) => {
    queryClient.setQueryData(orpc.repairOrders.getCheckIn.queryKey({ input: { id: detail.repairOrderId } }), detail);
    await queryClient.invalidateQueries({ queryKey: orpc.repairOrders.get.key({ input: { id: detail.repairOrderId } }) });
    await queryClient.invalidateQueries({ queryKey: orpc.vehicles.get.key({ input: { id: vehicleId } }) });
  };
}

/** Bytes in base64, without the `data:...;base64,` head a FileReader puts before them. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('file not readable'));
    reader.readAsDataURL(file);
  });
}

/** base64 text -> a Blob of `mime`, for a blob: URL (the CSP allows img-src blob:). */
export function base64Blob(dataBase64: string, mime: string): Blob {
  const binary = atob(dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}
