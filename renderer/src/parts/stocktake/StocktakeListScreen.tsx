import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { startStocktakeInput, type StocktakeSummary } from '../../../../shared/contract/parts/stocktake';
import { orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { formatDateTime } from '../../ui/format';
import { ErrorBanner, Field, Loading, Section } from '../../ui/widgets';
import { usePartsFormat } from '../parts-format';
import { PartsTabs } from '../PartsTabs';
import { Pager } from '../../ui/Pager';

const PAGE = 50;
const NOWRAP = { whiteSpace: 'nowrap' } as const;

interface StartValues {
  binPrefix: string;
  binFrom: string;
  binTo: string;
  note: string;
}
const START_FIELDS = ['binPrefix', 'binFrom', 'binTo', 'note'] as const;

/** Empty boxes are "not limited that way": the contract takes them as absent. */
function toStartInput(values: StartValues): unknown {
  return {
    ...(values.binPrefix.trim() ? { binPrefix: values.binPrefix } : {}),
    ...(values.binFrom.trim() ? { binFrom: values.binFrom } : {}),
    ...(values.binTo.trim() ? { binTo: values.binTo } : {}),
    note: values.note,
  };
}

/** A variance's value with its sign in front of the ¥ (−¥91.00), as a shortage is written on a stocktake report. */
export function signedMoney(format: { money: (fen: number) => string }, fen: number): string {
  return fen < 0 ? `-${format.money(-fen)}` : format.money(fen);
}

/** The scope as the clerk chose it: "A-*", "A-01 … B-99", or the whole store. */
export function useScopeText() {
  const { t } = useTranslation();
  return (take: Pick<StocktakeSummary, 'binFrom' | 'binTo' | 'binPrefix'>) => {
    const parts: string[] = [];
    if (take.binPrefix) parts.push(t('stocktake.scopePrefix', { prefix: take.binPrefix }));
    if (take.binFrom || take.binTo) parts.push(t('stocktake.scopeRange', { from: take.binFrom || '…', to: take.binTo || '…' }));
    return parts.length > 0 ? parts.join(t('stocktake.scopeAnd')) : t('stocktake.scopeAll');
  };
}

/** Freezes a new count list over the bins chosen, then opens it. */
function StartForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const start = useMutation(orpc.parts.startStocktake.mutationOptions());
  const form = useForm<StartValues, unknown, z.output<typeof startStocktakeInput>>({
    resolver: schemaResolver<StartValues, typeof startStocktakeInput>(startStocktakeInput, t, toStartInput),
    defaultValues: { binPrefix: '', binFrom: '', binTo: '', note: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, START_FIELDS, async (values) => {
    const take = await start.mutateAsync(values);
    await queryClient.invalidateQueries({ queryKey: orpc.parts.stocktakes.key() });
    void navigate(`/parts/stocktakes/${take.id}`);
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('stocktake.start')}>
      <p className="muted small field-wide">{t('stocktake.startHint')}</p>
      <Field label={t('fields.binPrefix')} name="binPrefix" error={errors.binPrefix}>
        <input maxLength={20} placeholder={t('stocktake.prefixExample')} {...form.register('binPrefix')} />
      </Field>
      <Field label={t('fields.binFrom')} name="binFrom" error={errors.binFrom}>
        <input maxLength={20} {...form.register('binFrom')} />
      </Field>
      <Field label={t('fields.binTo')} name="binTo" error={errors.binTo}>
        <input maxLength={20} {...form.register('binTo')} />
      </Field>
      <Field label={t('fields.note')} name="note" error={errors.note}>
        <input maxLength={200} {...form.register('note')} />
      </Field>
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('stocktake.freeze')} />
    </form>
  );
}

/** The stocktakes, newest first, and the form that freezes a new count list. */
export function StocktakeListScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const format = usePartsFormat();
  const scopeText = useScopeText();
  const [offset, setOffset] = useState(0);
  const query = useQuery({
    ...orpc.parts.stocktakes.queryOptions({ input: { offset, limit: PAGE } }),
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.rows ?? [];
  return (
    <div className="page">
      <section className="card">
        <PartsTabs />
      </section>
      {canCall(user.role, contract.parts.startStocktake) ? (
        <Section title={t('stocktake.start')}>
          <StartForm />
        </Section>
      ) : null}
      <Section title={t('stocktake.title')}>
        {query.isPending ? <Loading /> : null}
        <ErrorBanner error={query.error} />
        {query.data && rows.length === 0 ? <p className="muted">{t('stocktake.none')}</p> : null}
        {rows.length > 0 ? (
          <table className="results" aria-label={t('stocktake.title')}>
            <thead>
              <tr>
                <th>{t('stocktake.columns.number')}</th>
                <th>{t('stocktake.columns.status')}</th>
                <th>{t('stocktake.columns.scope')}</th>
                <th className="num">{t('stocktake.columns.counted')}</th>
                <th className="num">{t('stocktake.gain')}</th>
                <th className="num">{t('stocktake.loss')}</th>
                <th className="num">{t('stocktake.net')}</th>
                <th>{t('stocktake.columns.started')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((take) => (
                <tr key={take.id} data-stocktake={take.number}>
                  <td className="mono" style={NOWRAP}>
                    <Link to={`/parts/stocktakes/${take.id}`}>{take.number}</Link>
                  </td>
                  <td>{t(`stocktake.statuses.${take.status}`)}</td>
                  <td>{scopeText(take)}</td>
                  <td className="num" style={NOWRAP}>
                    {t('stocktake.countedOf', { counted: take.totals.counted, lines: take.totals.lines })}
                  </td>
                  <td className="num">{signedMoney(format, take.totals.gainFen)}</td>
                  <td className="num">{signedMoney(format, take.totals.lossFen)}</td>
                  <td className="num">{signedMoney(format, take.totals.netFen)}</td>
                  <td className="small">
                    {take.createdByName} · {formatDateTime(take.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <Pager offset={offset} pageSize={PAGE} hasMore={query.data?.hasMore} onOffset={setOffset} />
      </Section>
    </div>
  );
}
