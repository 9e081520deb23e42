import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import type { RepairOrderDetail } from '../../../../shared/contract/repair-orders';
import {
  deliverInput,
  PAYMENT_METHODS,
  recordPaymentInput,
  type PaymentMethod,
  type SettlementDto,
} from '../../../../shared/contract/repair-orders/settlement';
import { formatYuan, parseYuan } from '../../../../shared/domain/money';
import type { RepairOrderStatus } from '../../../../shared/domain/repair-order-status';
import { orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { decimalText } from '../../catalog/decimal-text';
import { schemaResolver } from '../../ui/form-resolver';
import { useFormSubmit } from '../../ui/form-submit';
import { formatDateTime, formatNumber } from '../../ui/format';
import { EnumSelect, ErrorBanner, Field, Loading, Section } from '../../ui/widgets';
import { RoFormFooter } from '../RoError';
import { useRoFormat } from '../ro-format';
import { useRoSaved } from '../use-ro-write';
import { RefundsPanel } from '../refunds/RefundsPanel';
import './settlement.css';

/** From ready on the RO has a settlement; before that there is nothing to pay or hand over. */
const SETTLED_STATUSES: readonly RepairOrderStatus[] = ['ready', 'delivered', 'closed'];

/** A payment or a handover changes the RO and its statement: both are read again. */
function useSettlementSaved() {
  const queryClient = useQueryClient();
  const roSaved = useRoSaved();
  return async (detail: RepairOrderDetail) => {
    await roSaved(detail);
    await queryClient.invalidateQueries({ queryKey: orpc.repairOrders.settlement.key({ input: { id: detail.id } }) });
  };
}

interface PaymentValues {
  method: PaymentMethod;
  /** Yuan as typed: "200", "411.50". */
  amountFen: string;
  reference: string;
}
const paymentForm = recordPaymentInput
  .pick({ method: true, reference: true })
  .extend({ amountFen: decimalText(parseYuan, 2, recordPaymentInput.shape.amountFen) });
const PAYMENT_FIELDS = ['method', 'amountFen', 'reference'];

function PaymentForm({ ro, settlement }: { ro: RepairOrderDetail; settlement: SettlementDto }) {
  const { t } = useTranslation();
  const saved = useSettlementSaved();
  const pay = useMutation(orpc.repairOrders.recordPayment.mutationOptions({ onSuccess: saved }));
  const form = useForm<PaymentValues, unknown, z.output<typeof paymentForm>>({
    resolver: schemaResolver<PaymentValues, typeof paymentForm>(paymentForm, t),
    defaultValues: { method: 'wechat', amountFen: '', reference: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, PAYMENT_FIELDS, async (values) => {
    await pay.mutateAsync({ id: ro.id, version: ro.version, ...values });
    form.reset({ method: values.method, amountFen: '', reference: '' });
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid settlement-form" onSubmit={submit} noValidate aria-label={t('settlement.recordPayment')}>
      <Field label={t('fields.method')} name="method" error={errors.method}>
        <EnumSelect values={PAYMENT_METHODS} catalogue="settlement.methods" {...form.register('method')} />
      </Field>
      <Field label={t('fields.amountFen')} name="amountFen" error={errors.amountFen}>
        <input inputMode="decimal" autoComplete="off" {...form.register('amountFen')} />
        <button
          type="button"
          className="link"
          onClick={() => form.setValue('amountFen', formatYuan(settlement.balanceFen, 'en-US').replace(/,/g, ''))}
        >
          {t('settlement.wholeBalance')}
        </button>
      </Field>
      <Field label={t('fields.reference')} name="reference" error={errors.reference}>
        <input maxLength={100} autoComplete="off" {...form.register('reference')} />
      </Field>
      <RoFormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('settlement.recordPayment')} />
    </form>
  );
}

const deliveryForm = deliverInput.pick({ explanation: true, collectedBy: true, mileageOutKm: true });
type DeliveryValues = z.input<typeof deliveryForm>;
const DELIVERY_FIELDS = ['explanation', 'collectedBy', 'mileageOutKm'];
/** '' (nothing typed) stays missing: the mileage out is optional. */
const numberOrMissing = (value: unknown) => (value === '' || value === null || value === undefined ? undefined : Number(value));

function DeliveryForm({ ro }: { ro: RepairOrderDetail }) {
  const { t } = useTranslation();
  const saved = useSettlementSaved();
  const deliver = useMutation(orpc.repairOrders.deliver.mutationOptions({ onSuccess: saved }));
  const form = useForm<DeliveryValues, unknown, z.output<typeof deliveryForm>>({
    resolver: schemaResolver<DeliveryValues, typeof deliveryForm>(deliveryForm, t),
    defaultValues: { explanation: '', collectedBy: ro.customer.name },
  });
  const { submit, unplaced } = useFormSubmit(form, DELIVERY_FIELDS, (values) =>
    deliver.mutateAsync({ id: ro.id, version: ro.version, ...values }),
  );
  const errors = form.formState.errors;
  return (
    <form className="form-grid settlement-form" onSubmit={submit} noValidate aria-label={t('settlement.deliver')}>
      <p className="muted small field-wide">{t('settlement.deliverHint')}</p>
      <Field label={t('fields.explanation')} name="explanation" error={errors.explanation} wide>
        <textarea rows={4} maxLength={4000} {...form.register('explanation')} />
      </Field>
      <Field label={t('fields.collectedBy')} name="collectedBy" error={errors.collectedBy}>
        <input maxLength={100} {...form.register('collectedBy')} />
      </Field>
      <Field label={t('fields.mileageOutKm')} name="mileageOutKm" error={errors.mileageOutKm}>
        <input type="number" inputMode="numeric" min={0} {...form.register('mileageOutKm', { setValueAs: numberOrMissing })} />
      </Field>
      <RoFormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('settlement.deliver')} />
    </form>
  );
}

function Payments({ settlement }: { settlement: SettlementDto }) {
  const { t } = useTranslation();
  const format = useRoFormat();
  if (settlement.payments.length === 0) return <p className="muted">{t('settlement.noPayments')}</p>;
  return (
    <table className="results" aria-label={t('settlement.payments')}>
      <thead>
        <tr>
          <th>{t('settlement.columns.when')}</th>
          <th>{t('settlement.columns.method')}</th>
          <th className="num">{t('settlement.columns.amount')}</th>
          <th>{t('settlement.columns.reference')}</th>
          <th>{t('settlement.columns.who')}</th>
        </tr>
      </thead>
      <tbody>
        {settlement.payments.map((payment) => (
          <tr key={payment.id}>
            <td>{formatDateTime(payment.receivedAt)}</td>
            <td>{t(`settlement.methods.${payment.method}`)}</td>
            <td className="num">{format.money(payment.amountFen)}</td>
            <td className="mono">{payment.reference}</td>
            <td>{payment.receivedBy.displayName}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Settlement and delivery on the RO page, from ready on: what the customer owes, has paid and still owes, the
 * payments, then the payment form and the handover (with the explanation of the work), for those who may write.
 */
export function SettlementSection({ ro }: { ro: RepairOrderDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const format = useRoFormat();
  const shown = SETTLED_STATUSES.includes(ro.status) && canCall(user.role, contract.repairOrders.settlement);
  const query = useQuery({ ...orpc.repairOrders.settlement.queryOptions({ input: { id: ro.id } }), enabled: shown });
  if (!shown) return null;
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const settlement = query.data;
  const mayPay =
    (ro.status === 'ready' || ro.status === 'delivered') &&
    settlement.balanceFen > 0 &&
    canCall(user.role, contract.repairOrders.recordPayment);
  const mayDeliver = ro.status === 'ready' && canCall(user.role, contract.repairOrders.deliver);
  const others = settlement.byPayer.filter((subtotal) => subtotal.payer !== 'customer');
  return (
    <Section title={t('settlement.title')}>
      <dl className="facts settlement-amounts">
        <dt>{t('settlement.owed')}</dt>
        <dd className="num" data-testid="settlement-owed">
          {format.money(settlement.owedFen)}
        </dd>
        <dt>{t('settlement.paid')}</dt>
        <dd className="num" data-testid="settlement-paid">
          {format.money(settlement.paidFen)}
        </dd>
        {settlement.refundedFen > 0 ? (
          <>
            <dt>{t('refunds.refunded')}</dt>
            <dd className="num" data-testid="settlement-refunded">
              {format.money(settlement.refundedFen)}
            </dd>
            <dt>{t('refunds.netPaid')}</dt>
            <dd className="num">{format.money(settlement.paidFen - settlement.refundedFen)}</dd>
          </>
        ) : null}
        <dt>
          <strong>{t('settlement.balance')}</strong>
        </dt>
        <dd className="num">
          <strong data-testid="settlement-balance">{format.money(settlement.balanceFen)}</strong>
        </dd>
      </dl>
      {others.length > 0 ? (
        <p className="muted small">
          {t('settlement.otherPayers')}:{' '}
          {others.map((subtotal) => `${t(`ro.payers.${subtotal.payer}`)} ${format.money(subtotal.all.totalFen)}`).join(' · ')}
        </p>
      ) : null}
      {ro.status === 'closed' ? (
        <p role="status" data-testid="settlement-closed">
          {t('settlement.closed')}
        </p>
      ) : ro.status === 'delivered' ? (
        <p role="status">{t('settlement.awaitingPayment')}</p>
      ) : null}
      {settlement.categoryMissing.length > 0 && ro.status === 'ready' ? (
        <div className="banner banner-warning" role="alert">
          {t('settlement.categoryMissing', { jobs: settlement.categoryMissing.join(', ') })}
        </div>
      ) : null}
      <h3>{t('settlement.payments')}</h3>
      <Payments settlement={settlement} />
      <RefundsPanel settlement={settlement} />
      {mayPay ? <PaymentForm key={ro.version} ro={ro} settlement={settlement} /> : null}
      {settlement.delivery ? (
        <div className="settlement-delivery" data-testid="settlement-delivery">
          <p>
            {t('settlement.delivered', {
              name: settlement.delivery.collectedBy,
              by: settlement.delivery.deliveredBy.displayName,
              at: formatDateTime(settlement.delivery.deliveredAt),
            })}
            {settlement.delivery.mileageOutKm !== null
              ? ` · ${t('settlement.mileageOut', { km: formatNumber(settlement.delivery.mileageOutKm) })}`
              : null}
          </p>
          <h3>{t('settlement.explanationHeading')}</h3>
          <p className="settlement-explanation">{settlement.delivery.explanation}</p>
        </div>
      ) : mayDeliver ? (
        <>
          <h3>{t('settlement.deliver')}</h3>
          <DeliveryForm key={ro.version} ro={ro} />
        </>
      ) : null}
    </Section>
  );
}
