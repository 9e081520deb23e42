import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { dismissDeclinedWorkInput, type DeclinedWorkDto } from '../../../../shared/contract/repair-orders/authorisation';
import { MAX_PAGE_SIZE } from '../../../../shared/contract/paging';
import { orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { formatDate } from '../../ui/format';
import { Field, Section } from '../../ui/widgets';
import { useAuthorisationSaved } from './use-authorisation-saved';
import { RoError } from '../RoError';
import { useRoFormat } from '../ro-format';

const dismissForm = dismissDeclinedWorkInput.pick({ reason: true });
type DismissValues = z.input<typeof dismissForm>;

/** Stops offering an item, with the reason (the customer had it done elsewhere). */
function DismissForm({ item, onDone }: { item: DeclinedWorkDto; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const dismiss = useMutation(
    orpc.repairOrders.dismissDeclinedWork.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: orpc.repairOrders.declinedWork.key() }),
    }),
  );
  const form = useForm<DismissValues, unknown, z.output<typeof dismissForm>>({
    resolver: schemaResolver<DismissValues, typeof dismissForm>(dismissForm, t),
    defaultValues: { reason: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, ['reason'], async (values) => {
    await dismiss.mutateAsync({ declinedWorkId: item.id, reason: values.reason });
    onDone();
  });
  return (
    <form className="ro-inline-form" onSubmit={submit} noValidate aria-label={t('authorisation.declined.doneElsewhere')}>
      <Field label={t('authorisation.declined.doneElsewhere')} name="reason" error={form.formState.errors.reason}>
        <input autoFocus maxLength={200} {...form.register('reason')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('authorisation.declined.dismiss')}
        onCancel={onDone}
      />
    </form>
  );
}

/**
 * The vehicle's open declined work: what the customer turned down at earlier visits, offered again. With
 * `repairOrder`, each item can be added to that RO as a new job (its lines priced again); with `onPick`, its
 * concern is handed to a form (the booking's concerns). Renders nothing when there is none.
 */
export function DeclinedWorkPanel(props: {
  vehicleId: number;
  onPick?: (concern: string) => void;
  repairOrder?: { id: number; version: number };
}) {
  const { t } = useTranslation();
  const user = useUser();
  const format = useRoFormat();
  const saved = useAuthorisationSaved();
  const [dismissing, setDismissing] = useState<number | null>(null);
  const mayRead = canCall(user.role, contract.repairOrders.declinedWork);
  const query = useQuery({
    ...orpc.repairOrders.declinedWork.queryOptions({ input: { vehicleId: props.vehicleId, limit: MAX_PAGE_SIZE } }),
    enabled: mayRead,
  });
  const add = useMutation(orpc.repairOrders.addDeclinedWork.mutationOptions({ onSuccess: saved }));
  const { repairOrder, onPick } = props;
  // On an RO, its own declined jobs are on its job cards already: the panel offers earlier visits' work.
  const items = (query.data?.rows ?? []).filter((item) => item.repairOrder.id !== repairOrder?.id);
  if (items.length === 0) return null;
  const mayAdd = repairOrder !== undefined && canCall(user.role, contract.repairOrders.addDeclinedWork);
  const mayDismiss = canCall(user.role, contract.repairOrders.dismissDeclinedWork);
  return (
    <Section title={t('authorisation.declined.title')}>
      <p className="muted small">{t('authorisation.declined.hint')}</p>
      <ul className="declined-work" aria-label={t('authorisation.declined.title')}>
        {items.map((item) => (
          <li key={item.id} data-declined-work-id={item.id}>
            <div className="declined-work-item">
              <div>
                <span className="ro-concern">{item.concern}</span>{' '}
                <span className="badge">{t(`catalog.groups.${item.concernGroup}`)}</span>{' '}
                <span className="num">{format.money(item.totalFen)}</span>
                <div className="muted small">
                  {t('authorisation.declined.from', { number: item.repairOrder.number, date: formatDate(item.declinedAt) })}
                </div>
              </div>
              <div className="card-actions">
                {mayAdd ? (
                  <button
                    type="button"
                    disabled={add.isPending}
                    onClick={() => add.mutate({ id: repairOrder.id, version: repairOrder.version, declinedWorkId: item.id })}
                  >
                    {t('authorisation.declined.addToRo')}
                  </button>
                ) : null}
                {onPick ? (
                  <button type="button" onClick={() => onPick(item.concern)}>
                    {t('authorisation.declined.addToConcerns')}
                  </button>
                ) : null}
                {mayDismiss && dismissing !== item.id ? (
                  <button type="button" onClick={() => setDismissing(item.id)}>
                    {t('authorisation.declined.doneElsewhere')}
                  </button>
                ) : null}
              </div>
            </div>
            {dismissing === item.id ? <DismissForm item={item} onDone={() => setDismissing(null)} /> : null}
          </li>
        ))}
      </ul>
      {repairOrder ? <RoError error={add.error} /> : null}
    </Section>
  );
}
