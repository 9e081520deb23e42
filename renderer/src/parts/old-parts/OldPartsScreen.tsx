import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { qtyMilli } from '../../../../shared/contract/catalog';
import {
  disposeOldPartInput,
  OLD_PART_DISPOSITIONS,
  OLD_PART_VIEWS,
  settleOldPartClaimInput,
  tagOldPartInput,
  type OldPartDto,
  type OldPartView,
  type UntaggedWarrantyLine,
} from '../../../../shared/contract/parts/old-parts';
import { formatQuantity, parseQuantity } from '../../../../shared/domain/money';
import { orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { decimalText } from '../../catalog/decimal-text';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { formatDate } from '../../ui/format';
import { EnumSelect, ErrorBanner, Field, Loading, Section } from '../../ui/widgets';
import { PartsTabs } from '../PartsTabs';
import { Pager } from '../../ui/Pager';

const PAGE = 50;
const NOWRAP = { whiteSpace: 'nowrap' } as const;

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
}

const tagForm = z.strictObject({
  location: tagOldPartInput.shape.location,
  claimNumber: tagOldPartInput.shape.claimNumber,
  qtyMilli: decimalText(parseQuantity, 3, qtyMilli),
});
type TagValues = z.input<typeof tagForm>;

/** Tags the failed part of a warranty line: where it is kept, the claim number when known, how many. */
function TagForm({ line, onDone }: { line: UntaggedWarrantyLine; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const tag = useMutation(orpc.parts.tagOldPart.mutationOptions({ onSuccess: refresh }));
  const form = useForm<TagValues, unknown, z.output<typeof tagForm>>({
    resolver: schemaResolver<TagValues, typeof tagForm>(tagForm, t),
    defaultValues: { location: '', claimNumber: '', qtyMilli: formatQuantity(line.qtyMilli) },
  });
  const { submit, unplaced } = useFormSubmit(form, ['location', 'claimNumber', 'qtyMilli'], async (values) => {
    await tag.mutateAsync({ repairOrderId: line.repairOrderId, jobId: line.jobId, lineId: line.lineId, ...values });
    onDone();
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('oldParts.tagFor', { partNumber: line.partNumber })}>
      <Field label={t('fields.location')} name="location" error={errors.location}>
        <input autoFocus maxLength={40} placeholder={t('oldParts.locationExample')} {...form.register('location')} />
      </Field>
      <Field label={t('fields.claimNumber')} name="claimNumber" error={errors.claimNumber}>
        <input maxLength={40} {...form.register('claimNumber')} />
      </Field>
      <Field label={t('fields.qtyMilli')} name="qtyMilli" error={errors.qtyMilli}>
        <input inputMode="decimal" maxLength={12} {...form.register('qtyMilli')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('oldParts.tag')}
        onCancel={onDone}
      />
    </form>
  );
}

/** The clerk's to-do: part lines of warranty jobs with no old part tagged yet. */
function UntaggedSection() {
  const { t } = useTranslation();
  const user = useUser();
  const [offset, setOffset] = useState(0);
  const [tagging, setTagging] = useState<number | null>(null);
  const query = useQuery({
    ...orpc.parts.untaggedWarrantyLines.queryOptions({ input: { offset, limit: PAGE } }),
    placeholderData: keepPreviousData,
  });
  const mayTag = canCall(user.role, contract.parts.tagOldPart);
  const rows = query.data?.rows ?? [];
  return (
    <Section title={t('oldParts.todo')}>
      <p className="muted small">{t('oldParts.todoHint')}</p>
      {query.isPending ? <Loading /> : null}
      <ErrorBanner error={query.error} />
      {query.data && rows.length === 0 ? <p className="muted">{t('oldParts.todoNone')}</p> : null}
      {rows.length > 0 ? (
        <table className="results" aria-label={t('oldParts.todo')}>
          <thead>
            <tr>
              <th>{t('oldParts.columns.ro')}</th>
              <th>{t('oldParts.columns.plate')}</th>
              <th>{t('oldParts.columns.job')}</th>
              <th>{t('oldParts.columns.part')}</th>
              <th className="num">{t('oldParts.columns.qty')}</th>
              <th className="num">{t('oldParts.columns.issued')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((line) => (
              <tr key={line.lineId} data-untagged={line.partNumber}>
                <td className="mono" style={NOWRAP}>
                  <Link to={`/repair-orders/${line.repairOrderId}`}>{line.roNumber}</Link>
                </td>
                <td className="plate">{line.plate}</td>
                <td>{line.concern}</td>
                <td>
                  <span className="mono">{line.partNumber}</span> {line.nameZh}
                  {tagging === line.lineId ? <TagForm line={line} onDone={() => setTagging(null)} /> : null}
                </td>
                <td className="num">{formatQuantity(line.qtyMilli)}</td>
                <td className="num">{line.issuedMilli > 0 ? formatQuantity(line.issuedMilli) : ''}</td>
                <td>
                  {mayTag && tagging !== line.lineId ? (
                    <button type="button" onClick={() => setTagging(line.lineId)}>
                      {t('oldParts.tag')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager offset={offset} pageSize={PAGE} hasMore={query.data?.hasMore} onOffset={setOffset} />
    </Section>
  );
}

const settleForm = settleOldPartClaimInput.pick({ claimNumber: true });
type SettleValues = z.input<typeof settleForm>;

/** The OEM settled the claim: its number (already known when the part was tagged with it). */
function SettleForm({ item, onDone }: { item: OldPartDto; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const settle = useMutation(orpc.parts.settleOldPartClaim.mutationOptions({ onSuccess: refresh }));
  const form = useForm<SettleValues, unknown, z.output<typeof settleForm>>({
    resolver: schemaResolver<SettleValues, typeof settleForm>(settleForm, t),
    defaultValues: { claimNumber: item.claimNumber },
  });
  const { submit, unplaced } = useFormSubmit(form, ['claimNumber'], async (values) => {
    await settle.mutateAsync({ id: item.id, version: item.version, ...values });
    onDone();
  });
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('oldParts.settle')}>
      <Field label={t('fields.claimNumber')} name="claimNumber" error={form.formState.errors.claimNumber}>
        <input autoFocus maxLength={40} {...form.register('claimNumber')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('oldParts.settle')}
        onCancel={onDone}
      />
    </form>
  );
}

const disposeForm = disposeOldPartInput.pick({ disposition: true, note: true });
type DisposeValues = z.input<typeof disposeForm>;

/** The part leaves the shelf: returned to the OEM (a note of the shipment) or scrapped. */
function DisposeForm({ item, onDone }: { item: OldPartDto; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const dispose = useMutation(orpc.parts.disposeOldPart.mutationOptions({ onSuccess: refresh }));
  const form = useForm<DisposeValues, unknown, z.output<typeof disposeForm>>({
    resolver: schemaResolver<DisposeValues, typeof disposeForm>(disposeForm, t),
    defaultValues: { disposition: 'returned', note: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, ['disposition', 'note'], async (values) => {
    await dispose.mutateAsync({ id: item.id, version: item.version, ...values });
    onDone();
  });
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('oldParts.dispose')}>
      <Field label={t('fields.disposition')} name="disposition" error={form.formState.errors.disposition}>
        <EnumSelect values={OLD_PART_DISPOSITIONS} catalogue="oldParts.statuses" {...form.register('disposition')} />
      </Field>
      <Field label={t('fields.note')} name="note" error={form.formState.errors.note}>
        <input maxLength={200} placeholder={t('oldParts.noteExample')} {...form.register('note')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('oldParts.dispose')}
        onCancel={onDone}
      />
    </form>
  );
}

type Panel = { id: number; form: 'settle' | 'dispose' } | null;

/** What is on the old-parts shelf (by default: held or settled, not yet gone), oldest first, with its actions. */
function HeldSection() {
  const { t } = useTranslation();
  const user = useUser();
  const [view, setView] = useState<OldPartView>('stillHeld');
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [panel, setPanel] = useState<Panel>(null);
  const query = useQuery({
    ...orpc.parts.oldParts.queryOptions({ input: { view, text: text.trim(), offset, limit: PAGE } }),
    placeholderData: keepPreviousData,
  });
  const mayWrite = canCall(user.role, contract.parts.settleOldPartClaim);
  const rows = query.data?.rows ?? [];
  return (
    <Section title={t('oldParts.held')}>
      <div className="inline-form">
        <label>
          {t('oldParts.show')}{' '}
          <EnumSelect
            values={OLD_PART_VIEWS}
            catalogue="oldParts.views"
            value={view}
            onChange={(event) => {
              setView(event.target.value as OldPartView);
              setOffset(0);
            }}
          />
        </label>
        <label>
          {t('oldParts.search')}{' '}
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
      {query.isPending ? <Loading /> : null}
      <ErrorBanner error={query.error} />
      {query.data && rows.length === 0 ? <p className="muted">{t('oldParts.none')}</p> : null}
      {rows.length > 0 ? (
        <table className="results" aria-label={t('oldParts.held')}>
          <thead>
            <tr>
              <th>{t('oldParts.columns.tag')}</th>
              <th>{t('oldParts.columns.ro')}</th>
              <th>{t('oldParts.columns.plate')}</th>
              <th>{t('oldParts.columns.part')}</th>
              <th className="num">{t('oldParts.columns.qty')}</th>
              <th>{t('oldParts.columns.claim')}</th>
              <th>{t('oldParts.columns.location')}</th>
              <th>{t('oldParts.columns.status')}</th>
              <th className="num">{t('oldParts.columns.age')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.id} data-tag={item.tagNumber}>
                <td className="mono" style={NOWRAP}>
                  {item.tagNumber}
                </td>
                <td className="mono" style={NOWRAP}>
                  <Link to={`/repair-orders/${item.repairOrderId}`}>{item.roNumber}</Link>
                </td>
                <td className="plate">{item.plate}</td>
                <td>
                  <span className="mono">{item.partNumber}</span> {item.nameZh}
                  {panel?.id === item.id && panel.form === 'settle' ? (
                    <SettleForm item={item} onDone={() => setPanel(null)} />
                  ) : null}
                  {panel?.id === item.id && panel.form === 'dispose' ? (
                    <DisposeForm item={item} onDone={() => setPanel(null)} />
                  ) : null}
                </td>
                <td className="num">{formatQuantity(item.qtyMilli)}</td>
                <td className="mono">{item.claimNumber}</td>
                <td>{item.location}</td>
                <td data-cell="status">
                  {t(`oldParts.statuses.${item.status}`)}
                  {item.disposedAt ? <div className="muted small">{formatDate(item.disposedAt)}</div> : null}
                  {item.note ? <div className="muted small">{item.note}</div> : null}
                </td>
                <td className="num">{t('oldParts.days', { count: item.ageDays })}</td>
                <td>
                  {mayWrite && item.status === 'held' && panel?.id !== item.id ? (
                    <button type="button" onClick={() => setPanel({ id: item.id, form: 'settle' })}>
                      {t('oldParts.settle')}
                    </button>
                  ) : null}
                  {mayWrite && item.status === 'claim_settled' && panel?.id !== item.id ? (
                    <button type="button" onClick={() => setPanel({ id: item.id, form: 'dispose' })}>
                      {t('oldParts.dispose')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager offset={offset} pageSize={PAGE} hasMore={query.data?.hasMore} onOffset={setOffset} />
    </Section>
  );
}

/**
 * Warranty old parts (旧件): failed parts taken off cars under warranty, tagged to their job and kept until the
 * OEM settles the claim, then returned or scrapped. The to-do of untagged warranty lines, then what is held.
 */
export function OldPartsScreen() {
  return (
    <div className="page">
      <section className="card">
        <PartsTabs />
      </section>
      <UntaggedSection />
      <HeldSection />
    </div>
  );
}
