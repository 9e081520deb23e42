import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { BAY_KINDS, MAX_BAYS, setBaysInput, type BayDto, type BaysDto } from '../../../shared/contract/workshop';
import { orpc } from '../api/client';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { ErrorBanner, Loading, Section } from '../ui/widgets';

interface BaysFormValues {
  bays: BayDto[];
  version: number;
}

/** The list of bays as a table of small fields: name, kind, active, and its place in the order. */
function BaysForm({ list, onSaved }: { list: BaysDto; onSaved: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation(orpc.workshop.setBays.mutationOptions());
  const form = useForm<BaysFormValues, unknown, z.output<typeof setBaysInput>>({
    resolver: schemaResolver<BaysFormValues, typeof setBaysInput>(setBaysInput, t),
    defaultValues: { bays: list.bays, version: list.version },
  });
  const bays = useFieldArray({ control: form.control, name: 'bays' });
  const { submit, unplaced } = useFormSubmit(form, ['bays'], async (values) => {
    const fresh = await save.mutateAsync(values);
    queryClient.setQueryData(orpc.workshop.bays.queryKey({ input: {} }), fresh);
    await queryClient.invalidateQueries({ queryKey: orpc.workshop.board.key() });
    onSaved();
  });
  const errors = form.formState.errors.bays;
  return (
    <form onSubmit={submit} noValidate aria-label={t('workshop.baysSettings.title')}>
      {bays.fields.length === 0 ? <p className="muted">{t('workshop.baysSettings.empty')}</p> : null}
      {bays.fields.length > 0 ? (
        <table className="results ws-bays-table" aria-label={t('workshop.baysSettings.title')}>
          <thead>
            <tr>
              <th scope="col">{t('workshop.baysSettings.name')}</th>
              <th scope="col">{t('workshop.baysSettings.kind')}</th>
              <th scope="col">{t('workshop.baysSettings.active')}</th>
              <th scope="col">{t('app.rowActions')}</th>
            </tr>
          </thead>
          <tbody>
            {bays.fields.map((field, index) => {
              const row = t('workshop.baysSettings.rowOf', { index: index + 1 });
              const error = errors?.[index]?.name?.message;
              return (
                <tr key={field.id} data-testid={`bay-row-${index}`}>
                  <td>
                    <input
                      maxLength={20}
                      autoComplete="off"
                      aria-label={`${row} · ${t('workshop.baysSettings.name')}`}
                      aria-invalid={error ? true : undefined}
                      {...form.register(`bays.${index}.name`)}
                    />
                    {error ? (
                      <span className="field-error" role="alert">
                        {error}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <select aria-label={`${row} · ${t('workshop.baysSettings.kind')}`} {...form.register(`bays.${index}.kind`)}>
                      {BAY_KINDS.map((kind) => (
                        <option key={kind} value={kind}>
                          {t(`workshop.bayKinds.${kind}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${row} · ${t('workshop.baysSettings.active')}`}
                      {...form.register(`bays.${index}.active`)}
                    />
                  </td>
                  <td className="ws-bays-actions">
                    <button
                      type="button"
                      disabled={index === 0}
                      aria-label={`${row} · ${t('workshop.baysSettings.up')}`}
                      onClick={() => bays.move(index, index - 1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      disabled={index === bays.fields.length - 1}
                      aria-label={`${row} · ${t('workshop.baysSettings.down')}`}
                      onClick={() => bays.move(index, index + 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      onClick={() => bays.remove(index)}
                      aria-label={`${row} · ${t('workshop.baysSettings.remove')}`}
                    >
                      {t('workshop.baysSettings.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <p>
        <button
          type="button"
          disabled={bays.fields.length >= MAX_BAYS}
          onClick={() => bays.append({ name: '', kind: 'lift', active: true }, { shouldFocus: true })}
        >
          {t('workshop.baysSettings.add')}
        </button>
      </p>
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('workshop.baysSettings.save')} />
    </form>
  );
}

/** Settings → the workshop's bays, the rows of the planner's bay view (issue 17 item 4); the manager keeps the list. */
export function WorkshopBaysSection() {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const query = useQuery(orpc.workshop.bays.queryOptions({ input: {} }));
  return (
    <Section title={t('workshop.baysSettings.title')}>
      <p className="muted">{t('workshop.baysSettings.hint')}</p>
      {query.isPending ? <Loading /> : null}
      <ErrorBanner error={query.error} />
      {query.data ? <BaysForm key={query.data.version} list={query.data} onSaved={() => setSaved(true)} /> : null}
      {saved ? <p role="status">{t('workshop.baysSettings.saved')}</p> : null}
    </Section>
  );
}
