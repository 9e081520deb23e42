import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { pairDeskInput, type PairDeskInput, type PairedDeskDto } from '../../../shared/contract/desks';
import { orpc } from '../api/client';
import { schemaResolver } from '../ui/form-resolver';
import { ErrorBanner, Field } from '../ui/widgets';

/**
 * The login page of a browser desk the server does not know (issue 16 item 3): the manager's 6-digit code and a name
 * for this desk. The server's answer leaves the desk's credential in a cookie the page cannot read; then the page
 * asks again and the sign-in form appears.
 */
export function PairDeskForm({ onPaired }: { onPaired?: (paired: PairedDeskDto) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<PairDeskInput, unknown, PairDeskInput>({
    resolver: schemaResolver(pairDeskInput, t),
    defaultValues: { code: '', name: '' },
  });
  const pair = useMutation(
    orpc.desks.pair.mutationOptions({
      onSuccess: async (paired: PairedDeskDto) => {
        onPaired?.(paired);
        await queryClient.invalidateQueries();
      },
    }),
  );
  const errors = form.formState.errors;
  return (
    <form className="login-form" noValidate onSubmit={form.handleSubmit((values) => pair.mutate(values))}>
      <h1>{t('desks.pairTitle')}</h1>
      <p className="muted">{t('desks.pairHint')}</p>
      <Field label={t('desks.code')} name="code" error={errors.code}>
        <input autoFocus inputMode="numeric" autoComplete="one-time-code" maxLength={6} {...form.register('code')} />
      </Field>
      <Field label={t('desks.name')} name="name" error={errors.name}>
        <input placeholder={t('desks.namePlaceholder')} {...form.register('name')} />
      </Field>
      <ErrorBanner error={pair.error} />
      <button type="submit" className="primary" disabled={pair.isPending}>
        {t('desks.pairSubmit')}
      </button>
    </form>
  );
}
