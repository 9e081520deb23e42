import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, orpc } from '../api/client';
import { ErrorBanner } from '../ui/widgets';

/** Retire or bring back an operation or a package: it stays on file either way (repair orders point at it). */
export function ActiveToggle({
  item,
  kind,
}: {
  item: { id: number; version: number; active: boolean };
  kind: 'labor' | 'package';
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const setActive = useMutation({
    mutationFn: (input: { id: number; version: number; active: boolean }): Promise<unknown> =>
      kind === 'labor' ? api.catalog.setLaborActive(input) : api.catalog.setPackageActive(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orpc.catalog.key() }),
  });
  return (
    <>
      <button
        type="button"
        disabled={setActive.isPending}
        onClick={() => setActive.mutate({ id: item.id, version: item.version, active: !item.active })}
      >
        {item.active ? t('catalog.retire') : t('catalog.reactivate')}
      </button>
      {setActive.error ? <ErrorBanner error={setActive.error} /> : null}
    </>
  );
}
