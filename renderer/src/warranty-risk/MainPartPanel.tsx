import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { contract } from '../../../shared/contract';
import { setMainPartInput } from '../../../shared/contract/warranty-risk';
import { MAIN_PART_KINDS } from '../../../shared/domain/warranty-risk';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { ErrorBanner, Field, Section } from '../ui/widgets';

// The select's "none" is the empty option: null for the contract.
const mainPartForm = z.strictObject({
  kind: z.union([z.literal('').transform(() => null), setMainPartInput.shape.kind]),
});
type MainPartValues = z.input<typeof mainPartForm>;

/** On a part's page: whether the part is a 三包 main part (engine, transmission, ...), set by the parts desk. */
export function MainPartPanel({ partId }: { partId: number }) {
  const { t } = useTranslation();
  const user = useUser();
  const readable = canCall(user.role, contract.warrantyRisk.mainPart);
  const query = useQuery({ ...orpc.warrantyRisk.mainPart.queryOptions({ input: { partId } }), enabled: readable });
  if (!readable) return null;
  return (
    <Section title={t('warrantyRisk.mainPart.title')}>
      <p className="muted small">{t('warrantyRisk.mainPart.hint')}</p>
      {query.error ? <ErrorBanner error={query.error} /> : null}
      {query.data ? (
        canCall(user.role, contract.warrantyRisk.setMainPart) ? (
          <MainPartForm key={query.data.kind ?? ''} partId={partId} kind={query.data.kind ?? ''} />
        ) : (
          <p data-testid="main-part-kind">
            {query.data.kind ? t(`warrantyRisk.partKinds.${query.data.kind}`) : t('warrantyRisk.mainPart.none')}
          </p>
        )
      ) : null}
    </Section>
  );
}

function MainPartForm({ partId, kind }: { partId: number; kind: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const set = useMutation(orpc.warrantyRisk.setMainPart.mutationOptions());
  const form = useForm<MainPartValues, unknown, z.output<typeof mainPartForm>>({
    resolver: schemaResolver<MainPartValues, typeof mainPartForm>(mainPartForm, t),
    defaultValues: { kind: kind as MainPartValues['kind'] },
  });
  const { submit, unplaced } = useFormSubmit(form, ['kind'], async (values) => {
    await set.mutateAsync({ partId, kind: values.kind });
    await queryClient.invalidateQueries({ queryKey: orpc.warrantyRisk.key() });
  });
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('warrantyRisk.mainPart.title')}>
      <Field label={t('fields.mainPartKind')} name="kind" error={form.formState.errors.kind}>
        <select {...form.register('kind')}>
          <option value="">{t('warrantyRisk.mainPart.none')}</option>
          {MAIN_PART_KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`warrantyRisk.partKinds.${value}`)}
            </option>
          ))}
        </select>
      </Field>
      <FormFooter unplaced={unplaced} submitting={set.isPending} submitLabel={t('warrantyRisk.mainPart.save')} />
    </form>
  );
}
