import { useMutation } from '@tanstack/react-query';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useCallback, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import type { GridInput } from '../../../../shared/contract/paging';
import {
  startStocktakeInput,
  type StocktakeGridColumn,
  type StocktakeSummary,
} from '../../../../shared/contract/parts/stocktake';
import { api, orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { formatDateTime } from '../../ui/format';
import { DataGrid } from '../../ui/DataGrid';
import { Field, Section } from '../../ui/widgets';
import { usePartsFormat } from '../parts-format';
import { PartsTabs } from '../PartsTabs';

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
  const start = useMutation(orpc.parts.startStocktake.mutationOptions());
  const form = useForm<StartValues, unknown, z.output<typeof startStocktakeInput>>({
    resolver: schemaResolver<StartValues, typeof startStocktakeInput>(startStocktakeInput, t, toStartInput),
    defaultValues: { binPrefix: '', binFrom: '', binTo: '', note: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, START_FIELDS, async (values) => {
    const take = await start.mutateAsync(values);
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
  const { t, i18n } = useTranslation();
  const user = useUser();
  const format = usePartsFormat();
  const scopeText = useScopeText();
  const fetchPage = useCallback((request: GridInput<StocktakeGridColumn>) => api.parts.stocktakesGrid(request), []);
  const columns = useMemo<ColDef<StocktakeSummary>[]>(
    () => [
      {
        colId: 'number',
        headerName: t('stocktake.columns.number'),
        sortable: true,
        cellRenderer: (p: ICellRendererParams<StocktakeSummary>) =>
          p.data ? <Link to={`/parts/stocktakes/${p.data.id}`}>{p.data.number}</Link> : null,
        flex: 1.1,
      },
      {
        colId: 'status',
        headerName: t('stocktake.columns.status'),
        valueGetter: (p) => (p.data ? t(`stocktake.statuses.${p.data.status}`) : ''),
        flex: 0.8,
      },
      {
        colId: 'scope',
        headerName: t('stocktake.columns.scope'),
        valueGetter: (p) => (p.data ? scopeText(p.data) : ''),
        flex: 1.4,
      },
      {
        colId: 'counted',
        headerName: t('stocktake.columns.counted'),
        valueGetter: (p) =>
          p.data ? t('stocktake.countedOf', { counted: p.data.totals.counted, lines: p.data.totals.lines }) : '',
        flex: 0.9,
      },
      {
        colId: 'gain',
        headerName: t('stocktake.gain'),
        valueGetter: (p) => (p.data ? signedMoney(format, p.data.totals.gainFen) : ''),
        flex: 0.9,
      },
      {
        colId: 'loss',
        headerName: t('stocktake.loss'),
        valueGetter: (p) => (p.data ? signedMoney(format, p.data.totals.lossFen) : ''),
        flex: 0.9,
      },
      {
        colId: 'net',
        headerName: t('stocktake.net'),
        valueGetter: (p) => (p.data ? signedMoney(format, p.data.totals.netFen) : ''),
        flex: 0.9,
      },
      {
        colId: 'started',
        headerName: t('stocktake.columns.started'),
        valueGetter: (p) => (p.data ? `${p.data.createdByName} · ${formatDateTime(p.data.createdAt)}` : ''),
        flex: 1.5,
      },
    ],
    // Column titles and figures follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
  return (
    <div className="page page-fill">
      <PartsTabs />
      {canCall(user.role, contract.parts.startStocktake) ? (
        <Section title={t('stocktake.start')}>
          <StartForm />
        </Section>
      ) : null}
      <h2>{t('stocktake.title')}</h2>
      <DataGrid<StocktakeSummary, StocktakeGridColumn>
        gridId="parts.stocktakes"
        label={t('stocktake.title')}
        emptyText={t('stocktake.none')}
        columns={columns}
        fetchPage={fetchPage}
        liveArea="parts"
      />
    </div>
  );
}
