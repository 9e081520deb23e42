import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { partNumber, type PartDetail } from '../../../shared/contract/parts';
import { orpc } from '../api/client';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { ErrorBanner, Field } from '../ui/widgets';

const supersedeForm = z.strictObject({ supersededBy: partNumber });
type SupersedeOutput = z.output<typeof supersedeForm>;

/** The chain a part belongs to, and (for the parts desk) setting or clearing the number that replaces it. */
export function SupersessionPanel({ part, mayEdit }: { part: PartDetail; mayEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const set = useMutation(orpc.parts.setSupersession.mutationOptions());
  const form = useForm<{ supersededBy: string }, unknown, SupersedeOutput>({
    resolver: schemaResolver<{ supersededBy: string }, typeof supersedeForm>(supersedeForm, t),
    defaultValues: { supersededBy: part.supersededBy ?? '' },
  });
  const save = async (supersededBy: string | null) => {
    await set.mutateAsync({ id: part.id, version: part.version, supersededBy });
    await queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
  };
  const { submit, unplaced } = useFormSubmit(form, ['supersededBy'], (values) => save(values.supersededBy));
  return (
    <>
      <dl className="facts">
        <dt>{t('parts.chain')}</dt>
        <dd className="mono" data-testid="supersession-chain">
          {part.chain.length > 1 ? part.chain.join(' → ') : t('parts.notSuperseded')}
        </dd>
        {part.replaces.length > 0 ? (
          <>
            <dt>{t('parts.replaces')}</dt>
            <dd>
              {part.replaces.map((old, i) => (
                <span key={old.id}>
                  {i > 0 ? ', ' : ''}
                  <Link className="mono" to={`/parts/${old.id}`}>
                    {old.partNumber}
                  </Link>
                </span>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      {mayEdit ? (
        <form className="form-grid" onSubmit={submit} noValidate aria-label={t('parts.supersession')} style={{ marginTop: 12 }}>
          <Field label={t('parts.supersedeWith')} name="supersededBy" error={form.formState.errors.supersededBy}>
            <input className="mono" autoComplete="off" maxLength={60} {...form.register('supersededBy')} />
          </Field>
          <FormFooter unplaced={unplaced} submitting={set.isPending} submitLabel={t('parts.setSupersession')} />
          {part.supersededBy ? (
            <div className="form-actions field-wide">
              <button type="button" disabled={set.isPending} onClick={() => void save(null).catch(() => undefined)}>
                {t('parts.clearSupersession')}
              </button>
            </div>
          ) : null}
          {set.error && !form.formState.errors.supersededBy && unplaced.length === 0 ? <ErrorBanner error={set.error} /> : null}
        </form>
      ) : null}
    </>
  );
}
