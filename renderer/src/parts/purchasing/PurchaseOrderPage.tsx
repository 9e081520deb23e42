import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { qtyMilli, unitPriceFen } from '../../../../shared/contract/catalog';
import {
  updatePurchaseOrderInput,
  type FilledRoLineDto,
  type PurchaseOrderDto,
} from '../../../../shared/contract/parts/purchasing';
import { formatQuantity, formatYuan, parseQuantity, parseYuan } from '../../../../shared/domain/money';
import { api, orpc } from '../../api/client';
import { decimalText } from '../../catalog/decimal-text';
import { formatDate, formatDateTime } from '../../ui/format';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { schemaResolver } from '../../ui/form-resolver';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorBanner, Loading, PageError } from '../../ui/widgets';
import { DataTable } from '../../ui/DataTable';
import { usePartsFormat } from '../parts-format';
import { PartsTabs } from '../PartsTabs';
import { FilledLines, ReceiveForm } from './ReceiveForm';

interface DraftValues {
  note: string;
  lines: { partId: number; partNumber: string; nameZh: string; nameEn: string; qtyMilli: string; unitCostFen: string }[];
}

/** The draft's lines as typed (quantities and costs as decimals), checked by the contract's own line schema. */
const draftForm = z.strictObject({
  note: updatePurchaseOrderInput.shape.note,
  lines: z
    .array(
      updatePurchaseOrderInput.shape.lines.element.extend({
        qtyMilli: decimalText(parseQuantity, 3, qtyMilli),
        // Empty: the part's cost as last known.
        unitCostFen: z
          .string()
          .transform((raw) => raw.trim() || undefined)
          .pipe(decimalText(parseYuan, 2, unitPriceFen).optional()),
      }),
    )
    .min(1),
});

function draftInput(values: DraftValues) {
  return {
    note: values.note,
    lines: values.lines.map((line) => ({ partId: line.partId, qtyMilli: line.qtyMilli, unitCostFen: line.unitCostFen })),
  };
}

function draftValues(order: PurchaseOrderDto): DraftValues {
  return {
    note: order.note,
    lines: order.lines.map((line) => ({
      partId: line.partId,
      partNumber: line.partNumber,
      nameZh: line.nameZh,
      nameEn: line.nameEn,
      qtyMilli: formatQuantity(line.qtyMilli),
      unitCostFen: formatYuan(line.unitCostFen, 'en').replace(/,/g, ''),
    })),
  };
}

/** A draft's lines: quantities and prices changed, lines removed, parts added by number; then saved whole. */
function DraftEditor({ order }: { order: PurchaseOrderDto }) {
  const { t } = useTranslation();
  const format = usePartsFormat();
  const queryClient = useQueryClient();
  const update = useMutation(orpc.parts.updatePurchaseOrder.mutationOptions());
  const form = useForm<DraftValues, unknown, z.output<typeof draftForm>>({
    resolver: schemaResolver<DraftValues, typeof draftForm>(draftForm, t, draftInput),
    defaultValues: draftValues(order),
  });
  const lines = useFieldArray({ control: form.control, name: 'lines' });
  const errors = form.formState.errors;
  const [adding, setAdding] = useState('');
  const [addProblem, setAddProblem] = useState<string | null>(null);
  const { submit, unplaced } = useFormSubmit(form, ['note', 'lines'], async (values) => {
    await update.mutateAsync({ id: order.id, version: order.version, supplierId: order.supplierId, ...values });
    await queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
  });
  const addLine = async () => {
    setAddProblem(null);
    const number = adding.trim();
    if (!number) return;
    // A superseded number gives the part that replaced it: that is the one to buy.
    const found = await api.parts.lookup({ partNumber: number });
    if (!found) {
      setAddProblem(t('purchasing.unknownPart', { number }));
      return;
    }
    const part = found.current;
    lines.append({
      partId: part.id,
      partNumber: part.partNumber,
      nameZh: part.nameZh,
      nameEn: part.nameEn,
      qtyMilli: '1',
      unitCostFen: '',
    });
    setAdding('');
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('purchasing.saveLines')}>
      <DataTable
        caption={t('purchasing.saveLines')}
        rows={lines.fields.map((line, index) => ({ line, index }))}
        rowKey={({ line }) => line.id}
        empty={t('purchasing.draftEmpty')}
        columns={[
          {
            id: 'partNumber',
            header: t('purchasing.columns.partNumber'),
            className: 'mono',
            cell: ({ line }) => line.partNumber,
          },
          { id: 'name', header: t('purchasing.columns.name'), cell: ({ line }) => format.name(line) },
          {
            id: 'qty',
            header: t('purchasing.columns.qty'),
            cell: ({ line, index }) => (
              <>
                <input
                  inputMode="decimal"
                  size={8}
                  aria-label={`${t('purchasing.columns.qty')} ${line.partNumber}`}
                  {...form.register(`lines.${index}.qtyMilli`)}
                />
                {errors.lines?.[index]?.qtyMilli?.message ? (
                  <div className="field-error">{errors.lines[index].qtyMilli.message}</div>
                ) : null}
              </>
            ),
          },
          {
            id: 'unitCost',
            header: t('purchasing.columns.unitCost'),
            cell: ({ line, index }) => (
              <>
                <input
                  inputMode="decimal"
                  size={10}
                  aria-label={`${t('purchasing.columns.unitCost')} ${line.partNumber}`}
                  {...form.register(`lines.${index}.unitCostFen`)}
                />
                {errors.lines?.[index]?.unitCostFen?.message ? (
                  <div className="field-error">{errors.lines[index].unitCostFen.message}</div>
                ) : null}
              </>
            ),
          },
        ]}
        actions={({ index }) => (
          <button type="button" onClick={() => lines.remove(index)}>
            {t('purchasing.removeLine')}
          </button>
        )}
      />
      {(errors.lines?.root?.message ?? errors.lines?.message) ? (
        <div className="field-error" role="alert">
          {errors.lines?.root?.message ?? errors.lines?.message}
        </div>
      ) : null}
      <div className="inline-form" style={{ marginTop: 8 }}>
        <input
          className="mono"
          aria-label={t('purchasing.addPartNumber')}
          placeholder={t('purchasing.addPartNumber')}
          value={adding}
          maxLength={40}
          onChange={(e) => setAdding(e.target.value)}
        />
        <button type="button" onClick={() => void addLine().catch((error: unknown) => setAddProblem(String(error)))}>
          {t('purchasing.addLine')}
        </button>
      </div>
      {addProblem ? <div className="banner banner-error">{addProblem}</div> : null}
      <label className="field" style={{ maxWidth: 600 }}>
        <span className="field-label">{t('purchasing.note')}</span>
        <textarea rows={2} maxLength={500} {...form.register('note')} />
      </label>
      <FormFooter unplaced={unplaced} submitting={update.isPending} submitLabel={t('purchasing.saveLines')} />
    </form>
  );
}

/** Calling an order off cannot be undone and needs a reason, kept on the order's note: asked in the shared dialog. */
function CancelOrder({ order }: { order: PurchaseOrderDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const cancel = useMutation(orpc.parts.cancelPurchaseOrder.mutationOptions());
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button
        type="button"
        className="danger-quiet"
        onClick={() => {
          cancel.reset();
          setAsking(true);
        }}
      >
        {t('purchasing.cancel')}
      </button>
      {asking ? (
        <ConfirmDialog
          title={t('purchasing.cancelTitle', { number: order.number })}
          confirmLabel={t('purchasing.confirmCancel')}
          danger
          reason={{ label: t('purchasing.cancelReason'), required: true, maxLength: 200 }}
          pending={cancel.isPending}
          error={<ErrorBanner error={cancel.error} />}
          onClose={() => setAsking(false)}
          onConfirm={(reason) =>
            void cancel
              .mutateAsync({ id: order.id, version: order.version, reason })
              .then(() => {
                setAsking(false);
                return queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
              })
              .catch(() => undefined)
          }
        />
      ) : null}
    </>
  );
}

/** One purchase order: its lines, and what the clerk can do with it now (edit and place a draft, receive, cancel). */
export function PurchaseOrderPage() {
  const { t } = useTranslation();
  const format = usePartsFormat();
  const id = Number(useParams().id);
  const queryClient = useQueryClient();
  const query = useQuery(orpc.parts.purchaseOrder.queryOptions({ input: { id } }));
  const place = useMutation(orpc.parts.placePurchaseOrder.mutationOptions());
  const [filled, setFilled] = useState<FilledRoLineDto[] | null>(null);
  if (query.isPending) return <Loading />;
  if (query.error) return <PageError title={t('purchasing.title')} error={query.error} />;
  const order = query.data;
  const receivable = order.status === 'ordered' || order.status === 'partly_received';
  const cancellable =
    order.status === 'draft' || (order.status === 'ordered' && order.lines.every((line) => line.receivedMilli === 0));
  return (
    <div className="page">
      <PartsTabs />
      <Link to="/parts/purchasing?section=orders">{t('purchasing.back')}</Link>
      <section className="card">
        <header className="card-header">
          <h2>
            {t('purchasing.orderTitle', { number: order.number })}{' '}
            <span className="badge" data-testid="po-status">
              {t(`purchasing.statuses.${order.status}`)}
            </span>
          </h2>
          <div className="card-actions">
            {cancellable ? <CancelOrder key={order.version} order={order} /> : null}
            {cancellable ? <span className="actions-gap" aria-hidden="true" /> : null}
            {order.status === 'draft' ? (
              <button
                type="button"
                className="primary"
                disabled={place.isPending}
                onClick={() =>
                  void place
                    .mutateAsync({ id: order.id, version: order.version })
                    .then(() => queryClient.invalidateQueries({ queryKey: orpc.parts.key() }))
                    .catch(() => undefined)
                }
              >
                {t('purchasing.place')}
              </button>
            ) : null}
          </div>
        </header>
        <ErrorBanner error={place.error} />
        <dl className="facts">
          <dt>{t('purchasing.columns.supplier')}</dt>
          <dd>
            {order.supplierName} <span className="muted small">({t('purchasing.leadDaysValue', { count: order.leadDays })})</span>
          </dd>
          <dt>{t('purchasing.columns.createdAt')}</dt>
          <dd>{t('purchasing.createdBy', { name: order.createdByName, at: formatDateTime(order.createdAt) })}</dd>
          <dt>{t('purchasing.columns.orderedAt')}</dt>
          <dd>{formatDateTime(order.orderedAt)}</dd>
          <dt>{t('purchasing.columns.expectedAt')}</dt>
          <dd data-testid="po-expected">{formatDate(order.expectedAt)}</dd>
          <dt>{t('purchasing.columns.total')}</dt>
          <dd>{format.money(order.totalFen)}</dd>
          {order.note && order.status !== 'draft' ? (
            <>
              <dt>{t('purchasing.note')}</dt>
              <dd className="note-body">{order.note}</dd>
            </>
          ) : null}
        </dl>
        {order.status === 'draft' ? (
          <>
            <p className="muted small">{t('purchasing.placeHint', { days: order.leadDays })}</p>
            <DraftEditor key={order.version} order={order} />
          </>
        ) : (
          <DataTable
            caption={t('purchasing.orderTitle', { number: order.number })}
            rows={order.lines}
            rowKey={(line) => line.id}
            empty=""
            columns={[
              {
                id: 'partNumber',
                header: t('purchasing.columns.partNumber'),
                className: 'mono',
                cell: (line) => line.partNumber,
              },
              { id: 'name', header: t('purchasing.columns.name'), cell: (line) => format.name(line) },
              {
                id: 'qty',
                header: t('purchasing.columns.qty'),
                numeric: true,
                cell: (line) => format.qtyUnit(line.qtyMilli, line.unit),
              },
              {
                id: 'received',
                header: t('purchasing.columns.received'),
                numeric: true,
                cell: (line) => format.qty(line.receivedMilli),
              },
              {
                id: 'unitCost',
                header: t('purchasing.columns.unitCost'),
                numeric: true,
                cell: (line) => format.money(line.unitCostFen),
              },
              {
                id: 'amount',
                header: t('purchasing.columns.amount'),
                numeric: true,
                cell: (line) => format.money(line.amountFen),
              },
            ]}
          />
        )}
      </section>
      {filled ? <FilledLines filled={filled} /> : null}
      {receivable ? <ReceiveForm key={order.version} order={order} onReceived={setFilled} /> : null}
    </div>
  );
}
