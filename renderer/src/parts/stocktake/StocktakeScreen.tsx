import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { addStocktakeLineInput, countedMilli, type StocktakeSummary } from '../../../../shared/contract/parts/stocktake';
import { parseQuantity } from '../../../../shared/domain/money';
import { orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { decimalText } from '../../catalog/decimal-text';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { formatDateTime } from '../../ui/format';
import { ErrorBanner, Field, latestError, Loading, Section } from '../../ui/widgets';
import { usePartsFormat } from '../parts-format';
import { PartsTabs } from '../PartsTabs';
import { signedMoney, useScopeText } from './StocktakeListScreen';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { CountSheet, pendingDrafts, type Drafts } from './CountSheet';

/** A count as typed ("12", "2.5"), checked by the contract's own schema. */
const countText = decimalText(parseQuantity, 3, countedMilli);

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
}

const addForm = addStocktakeLineInput.omit({ id: true, version: true }).extend({ countedMilli: countText });
type AddValues = z.input<typeof addForm>;

/** A part found on a shelf of the count that the frozen list does not have: frozen at 0, counted at once. */
function AddLineForm({ take, onDone }: { take: StocktakeSummary; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const add = useMutation(orpc.parts.addStocktakeLine.mutationOptions({ onSuccess: refresh }));
  const form = useForm<AddValues, unknown, z.output<typeof addForm>>({
    resolver: schemaResolver<AddValues, typeof addForm>(addForm, t),
    defaultValues: { partNumber: '', bin: '', countedMilli: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, ['partNumber', 'bin', 'countedMilli'], async (values) => {
    await add.mutateAsync({ id: take.id, version: take.version, ...values });
    onDone();
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('stocktake.addLine')}>
      <p className="muted small field-wide">{t('stocktake.addLineHint')}</p>
      <Field label={t('fields.partNumber')} name="partNumber" error={errors.partNumber}>
        <input autoFocus maxLength={60} {...form.register('partNumber')} />
      </Field>
      <Field label={t('fields.bin')} name="bin" error={errors.bin}>
        <input maxLength={20} {...form.register('bin')} />
      </Field>
      <Field label={t('fields.countedMilli')} name="countedMilli" error={errors.countedMilli}>
        <input inputMode="decimal" maxLength={12} {...form.register('countedMilli')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('stocktake.addLine')}
        onCancel={onDone}
      />
    </form>
  );
}

/** The totals over the whole list: lines counted, 盘盈, 盘亏 and the net, at the costs frozen with the list. */
function Totals({ take }: { take: StocktakeSummary }) {
  const { t } = useTranslation();
  const format = usePartsFormat();
  const totals = take.totals;
  return (
    <dl className="facts" aria-label={t('stocktake.totals')}>
      <dt>{t('stocktake.columns.counted')}</dt>
      <dd data-total="counted">{t('stocktake.countedOf', { counted: totals.counted, lines: totals.lines })}</dd>
      <dt>{t('stocktake.varianceLines')}</dt>
      <dd data-total="varianceLines">{totals.varianceLines}</dd>
      <dt>{t('stocktake.gain')}</dt>
      <dd data-total="gain">{signedMoney(format, totals.gainFen)}</dd>
      <dt>{t('stocktake.loss')}</dt>
      <dd data-total="loss">{signedMoney(format, totals.lossFen)}</dd>
      <dt>{t('stocktake.net')}</dt>
      <dd data-total="net">
        <strong>{signedMoney(format, totals.netFen)}</strong>
      </dd>
    </dl>
  );
}

/**
 * One stocktake: its scope, totals and actions above the count sheet (CountSheet: the frozen lines in bin order, a box
 * per line to type the count into). Blind count: the book quantity stays hidden until the line is counted, so the
 * clerk counts the shelf, not the screen. The manager posts once every line is counted and no count is left unsaved.
 */
export function StocktakeScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const format = usePartsFormat();
  const scopeText = useScopeText();
  const refresh = useRefresh();
  const id = Number(useParams().id);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [adding, setAdding] = useState(false);
  const query = useQuery(orpc.parts.stocktake.queryOptions({ input: { id } }));
  const post = useMutation(orpc.parts.postStocktake.mutationOptions({ onSuccess: refresh }));
  const cancel = useMutation(orpc.parts.cancelStocktake.mutationOptions({ onSuccess: refresh }));
  const take = query.data;
  if (!take) {
    return (
      <div className="page">
        <section className="card">
          <PartsTabs />
          {query.isPending ? <Loading /> : <ErrorBanner error={query.error} />}
        </section>
      </div>
    );
  }
  const counting = take.status === 'counting';
  const mayCount = counting && canCall(user.role, contract.parts.enterCounts);
  const mayPost = counting && canCall(user.role, contract.parts.postStocktake);
  const mayCancel = counting && canCall(user.role, contract.parts.cancelStocktake);
  const uncounted = take.totals.lines - take.totals.counted;
  const pending = pendingDrafts(drafts);

  return (
    <div className="page">
      <section className="card">
        <PartsTabs />
      </section>
      <Section
        title={t('stocktake.heading', { number: take.number })}
        actions={
          <>
            {mayCount ? (
              <button type="button" onClick={() => setAdding(!adding)}>
                {t('stocktake.addLine')}
              </button>
            ) : null}
            {mayCancel ? (
              <ConfirmButton
                label={t('stocktake.cancel')}
                question={t('stocktake.cancelQuestion')}
                yes={t('stocktake.cancelYes')}
                no={t('stocktake.notNow')}
                disabled={cancel.isPending}
                onConfirm={() => cancel.mutate({ id: take.id, version: take.version })}
              />
            ) : null}
            {mayPost ? (
              <ConfirmButton
                className="primary"
                label={t('stocktake.post')}
                yes={t('stocktake.postYes')}
                no={t('stocktake.notNow')}
                question={t('stocktake.postQuestion', {
                  count: take.totals.varianceLines,
                  net: signedMoney(format, take.totals.netFen),
                })}
                disabled={post.isPending || uncounted > 0 || pending.length > 0}
                onConfirm={() => post.mutate({ id: take.id, version: take.version })}
              />
            ) : null}
          </>
        }
      >
        <p>
          <span className="badge" data-status={take.status}>
            {t(`stocktake.statuses.${take.status}`)}
          </span>{' '}
          {scopeText(take)}
          {take.note ? ` · ${take.note}` : ''}
        </p>
        <p className="muted small">
          {t('stocktake.startedBy', { name: take.createdByName, at: formatDateTime(take.createdAt) })}
          {take.postedAt
            ? ` · ${t('stocktake.postedBy', { name: take.postedByName ?? '', at: formatDateTime(take.postedAt) })}`
            : ''}
        </p>
        <Totals take={take} />
        {counting ? <p className="muted small">{t('stocktake.rules')}</p> : null}
        {mayPost && uncounted > 0 ? (
          <p className="banner banner-warning">{t('stocktake.uncountedHint', { count: uncounted })}</p>
        ) : null}
        <ErrorBanner error={latestError(post, cancel)} />
        {adding && mayCount ? <AddLineForm take={take} onDone={() => setAdding(false)} /> : null}
      </Section>
      <CountSheet take={take} mayCount={mayCount} drafts={drafts} setDrafts={setDrafts} />
    </div>
  );
}
