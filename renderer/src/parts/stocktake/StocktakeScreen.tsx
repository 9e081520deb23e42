import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { issueFromZod } from '../../../../shared/contract/errors';
import {
  addStocktakeLineInput,
  countedMilli,
  STOCKTAKE_LINE_FILTERS,
  STOCKTAKE_LINE_SORTS,
  type StocktakeDetail,
  type StocktakeLineDto,
  type StocktakeLineFilter,
  type StocktakeLineSort,
} from '../../../../shared/contract/parts/stocktake';
import { formatQuantity, parseQuantity } from '../../../../shared/domain/money';
import { describeIssue } from '../../api/errors';
import { orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { decimalText } from '../../catalog/decimal-text';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { formatDateTime } from '../../ui/format';
import { EnumSelect, ErrorBanner, Field, latestError, Loading, Section } from '../../ui/widgets';
import { usePartsFormat } from '../parts-format';
import { PartsTabs } from '../PartsTabs';
import { signedMoney, useScopeText } from './StocktakeListScreen';
import { Pager } from '../../ui/Pager';
import { ConfirmButton } from '../../ui/ConfirmButton';

const PAGE = 50;
const NOWRAP = { whiteSpace: 'nowrap' } as const;
/** A count as typed ("12", "2.5"), checked by the contract's own schema. */
const countText = decimalText(parseQuantity, 3, countedMilli);

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
}

const addForm = addStocktakeLineInput.omit({ id: true, version: true }).extend({ countedMilli: countText });
type AddValues = z.input<typeof addForm>;

/** A part found on a shelf of the count that the frozen list does not have: frozen at 0, counted at once. */
function AddLineForm({ take, onDone }: { take: StocktakeDetail; onDone: () => void }) {
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
function Totals({ take }: { take: StocktakeDetail }) {
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
 * The count sheet: the frozen lines in bin order, a box per line to type the count into (Enter goes down the sheet),
 * the variance and its value once counted. Blind count: the book quantity stays hidden until the line is counted,
 * so the clerk counts the shelf, not the screen. The manager posts once every line is counted.
 */
export function StocktakeScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const format = usePartsFormat();
  const scopeText = useScopeText();
  const refresh = useRefresh();
  const id = Number(useParams().id);
  const [filter, setFilter] = useState<StocktakeLineFilter>('all');
  const [sort, setSort] = useState<StocktakeLineSort>('bin');
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [draftErrors, setDraftErrors] = useState<Record<number, string>>({});
  const [adding, setAdding] = useState(false);
  const table = useRef<HTMLTableElement>(null);
  const query = useQuery({
    ...orpc.parts.stocktake.queryOptions({ input: { id, filter, sort, text: text.trim(), offset, limit: PAGE } }),
    placeholderData: keepPreviousData,
  });
  const enter = useMutation(orpc.parts.enterCounts.mutationOptions({ onSuccess: refresh }));
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
  const pending = Object.entries(drafts).filter(([lineId, raw]) => {
    const line = take.lines.rows.find((row) => row.id === Number(lineId));
    return line !== undefined && raw.trim() !== (line.countedMilli === null ? '' : formatQuantity(line.countedMilli));
  });

  const saveCounts = () => {
    const counts: { lineId: number; countedMilli: number }[] = [];
    const errors: Record<number, string> = {};
    for (const [lineId, raw] of pending) {
      const parsed = countText.safeParse(raw);
      if (parsed.success) counts.push({ lineId: Number(lineId), countedMilli: parsed.data });
      else errors[Number(lineId)] = describeIssue(t, issueFromZod(parsed.error.issues[0]!, raw));
    }
    setDraftErrors(errors);
    if (counts.length === 0 || Object.keys(errors).length > 0) return;
    enter.mutate({ id: take.id, version: take.version, counts }, { onSuccess: () => setDrafts({}) });
  };

  /** Enter moves down the sheet as on paper; on the last line it saves. */
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const inputs = Array.from(table.current?.querySelectorAll<HTMLInputElement>('input[data-count]') ?? []);
    const next = inputs[inputs.indexOf(event.currentTarget) + 1];
    if (next) next.focus();
    else saveCounts();
  };

  const lineValue = (line: StocktakeLineDto) =>
    drafts[line.id] ?? (line.countedMilli === null ? '' : formatQuantity(line.countedMilli));

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
        <ErrorBanner error={latestError(enter, post, cancel)} />
        {adding && mayCount ? <AddLineForm take={take} onDone={() => setAdding(false)} /> : null}
      </Section>
      <Section title={t('stocktake.sheet')}>
        <div className="inline-form">
          <label>
            {t('stocktake.show')}{' '}
            <EnumSelect
              values={STOCKTAKE_LINE_FILTERS}
              catalogue="stocktake.filters"
              value={filter}
              onChange={(event) => {
                setFilter(event.target.value as StocktakeLineFilter);
                setOffset(0);
              }}
            />
          </label>
          <label>
            {t('stocktake.sortBy')}{' '}
            <EnumSelect
              values={STOCKTAKE_LINE_SORTS}
              catalogue="stocktake.sorts"
              value={sort}
              onChange={(event) => {
                setSort(event.target.value as StocktakeLineSort);
                setOffset(0);
              }}
            />
          </label>
          <label>
            {t('stocktake.search')}{' '}
            <input
              type="search"
              value={text}
              maxLength={60}
              onChange={(event) => {
                setText(event.target.value);
                setOffset(0);
              }}
            />
          </label>
        </div>
        {take.lines.rows.length === 0 ? <p className="muted">{t('stocktake.noLines')}</p> : null}
        {take.lines.rows.length > 0 ? (
          <table className="results" ref={table} aria-label={t('stocktake.sheet')}>
            <thead>
              <tr>
                <th>{t('stocktake.columns.bin')}</th>
                <th>{t('stocktake.columns.partNumber')}</th>
                <th>{t('stocktake.columns.name')}</th>
                <th className="num">{t('stocktake.columns.frozen')}</th>
                <th className="num">{t('stocktake.columns.count')}</th>
                <th className="num">{t('stocktake.columns.variance')}</th>
                <th className="num">{t('stocktake.columns.value')}</th>
              </tr>
            </thead>
            <tbody>
              {take.lines.rows.map((line) => (
                <tr key={line.id} data-line={`${line.bin} ${line.partNumber}`}>
                  <td className="mono" style={NOWRAP}>
                    {line.bin}
                  </td>
                  <td className="mono" style={NOWRAP}>
                    {line.partNumber}
                  </td>
                  <td>{format.name(line)}</td>
                  <td className="num" data-cell="frozen">
                    {line.countedMilli === null && counting ? (
                      <span className="muted" title={t('stocktake.blindHint')}>
                        {t('stocktake.hidden')}
                      </span>
                    ) : (
                      format.qtyUnit(line.frozenMilli, line.unit)
                    )}
                  </td>
                  <td className="num" data-cell="count">
                    {mayCount ? (
                      <>
                        <input
                          data-count
                          inputMode="decimal"
                          size={8}
                          maxLength={12}
                          aria-label={t('stocktake.countFor', { partNumber: line.partNumber, bin: line.bin })}
                          aria-invalid={draftErrors[line.id] ? true : undefined}
                          value={lineValue(line)}
                          onChange={(event) => setDrafts({ ...drafts, [line.id]: event.target.value })}
                          onKeyDown={onKey}
                        />
                        {draftErrors[line.id] ? (
                          <span className="field-error" role="alert">
                            {draftErrors[line.id]}
                          </span>
                        ) : null}
                      </>
                    ) : line.countedMilli === null ? (
                      ''
                    ) : (
                      format.qty(line.countedMilli)
                    )}
                  </td>
                  <td className="num" data-cell="variance">
                    {line.varianceMilli === null ? '' : format.qty(line.varianceMilli)}
                  </td>
                  <td className="num" data-cell="value">
                    {line.varianceFen === null ? '' : signedMoney(format, line.varianceFen)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <div className="form-actions">
          {mayCount ? (
            <button type="button" className="primary" disabled={enter.isPending || pending.length === 0} onClick={saveCounts}>
              {t('stocktake.saveCounts', { count: pending.length })}
            </button>
          ) : null}
        </div>
        <Pager offset={offset} pageSize={PAGE} hasMore={take.lines.hasMore} onOffset={setOffset} />
      </Section>
    </div>
  );
}
