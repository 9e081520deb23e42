import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { refundMethods, requestRefundInput, type RefundDto } from '../../../../shared/contract/repair-orders/refunds';
import type { PaymentDto, PaymentMethod, SettlementDto } from '../../../../shared/contract/repair-orders/settlement';
import { parseYuan } from '../../../../shared/domain/money';
import { orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { decimalText } from '../../catalog/decimal-text';
import { schemaResolver } from '../../ui/form-resolver';
import { useFormSubmit } from '../../ui/form-submit';
import { formatDateTime } from '../../ui/format';
import { EnumSelect, ErrorBanner, Field } from '../../ui/widgets';
import { RoFormFooter } from '../RoError';
import { useRoFormat } from '../ro-format';

/** A refund changes the statement and the RO's trail: both are read again. */
function useRefundSaved(repairOrderId: number) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: orpc.repairOrders.settlement.key({ input: { id: repairOrderId } }) });
    await queryClient.invalidateQueries({ queryKey: orpc.audit.key() });
  };
}

interface RefundValues {
  paymentId: string;
  method: PaymentMethod;
  /** Yuan as typed. */
  amountFen: string;
  reason: string;
}
const refundForm = requestRefundInput.pick({ method: true, reason: true }).extend({
  paymentId: decimalText((raw) => (/^\d+$/.test(raw) ? Number(raw) : null), 0, requestRefundInput.shape.paymentId),
  amountFen: decimalText(parseYuan, 2, requestRefundInput.shape.amountFen),
});
const REFUND_FIELDS = ['paymentId', 'method', 'amountFen', 'reason'];

function RefundForm({ settlement, asManager }: { settlement: SettlementDto; asManager: boolean }) {
  const { t } = useTranslation();
  const format = useRoFormat();
  const saved = useRefundSaved(settlement.repairOrderId);
  const ask = useMutation(orpc.repairOrders.requestRefund.mutationOptions({ onSuccess: saved }));
  const last = settlement.payments.at(-1)!;
  const form = useForm<RefundValues, unknown, z.output<typeof refundForm>>({
    resolver: schemaResolver<RefundValues, typeof refundForm>(refundForm, t),
    defaultValues: { paymentId: String(last.id), method: last.method, amountFen: '', reason: '' },
  });
  const paymentId = Number(useWatch({ control: form.control, name: 'paymentId' }));
  const payment: PaymentDto = settlement.payments.find((p) => p.id === paymentId) ?? last;
  const { submit, unplaced } = useFormSubmit(form, REFUND_FIELDS, async (values) => {
    await ask.mutateAsync({ id: settlement.repairOrderId, ...values });
    form.reset({ paymentId: String(values.paymentId), method: values.method, amountFen: '', reason: '' });
  });
  const errors = form.formState.errors;
  const label = asManager ? t('refunds.record') : t('refunds.ask');
  return (
    <form className="form-grid settlement-form" onSubmit={submit} noValidate aria-label={label}>
      <p className="muted small field-wide">{asManager ? t('refunds.recordHint') : t('refunds.askHint')}</p>
      <Field label={t('fields.paymentId')} name="paymentId" error={errors.paymentId}>
        <select
          {...form.register('paymentId', {
            onChange: (event: { target: { value: string } }) => {
              const chosen = settlement.payments.find((p) => p.id === Number(event.target.value));
              if (chosen) form.setValue('method', chosen.method);
            },
          })}
        >
          {settlement.payments.map((p) => (
            <option key={p.id} value={p.id}>
              {t('refunds.payment', {
                at: formatDateTime(p.receivedAt),
                method: t(`settlement.methods.${p.method}`),
                amount: format.money(p.amountFen),
              })}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('fields.method')} name="method" error={errors.method}>
        <EnumSelect values={refundMethods(payment.method)} catalogue="settlement.methods" {...form.register('method')} />
      </Field>
      <Field label={t('fields.amountFen')} name="amountFen" error={errors.amountFen}>
        <input inputMode="decimal" autoComplete="off" {...form.register('amountFen')} />
      </Field>
      <Field label={t('fields.reason')} name="reason" error={errors.reason} wide>
        <textarea rows={2} maxLength={500} {...form.register('reason')} />
      </Field>
      <RoFormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={label} />
    </form>
  );
}

/** A manager's answer to a refund still waiting: approve, or refuse with the reason the advisor reads. */
function Decide({ refund, repairOrderId }: { refund: RefundDto; repairOrderId: number }) {
  const { t } = useTranslation();
  const saved = useRefundSaved(repairOrderId);
  const decide = useMutation(orpc.repairOrders.decideRefund.mutationOptions({ onSuccess: saved }));
  const [refusing, setRefusing] = useState(false);
  const [note, setNote] = useState('');
  return (
    <div className="refund-decide">
      <ErrorBanner error={decide.error} />
      {refusing ? (
        <>
          <label>
            {t('refunds.refuseNote')} <input value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} />
          </label>{' '}
          <button
            type="button"
            disabled={decide.isPending}
            onClick={() => decide.mutate({ refundId: refund.id, approved: false, note })}
          >
            {t('refunds.refuse')}
          </button>
        </>
      ) : (
        <>
          <button
            type="button"
            className="primary"
            disabled={decide.isPending}
            onClick={() => decide.mutate({ refundId: refund.id, approved: true })}
          >
            {t('refunds.approve')}
          </button>{' '}
          <button type="button" onClick={() => setRefusing(true)}>
            {t('refunds.refuse')}
          </button>
        </>
      )}
    </div>
  );
}

/**
 * The refunds of an RO under its payments: each one asked for, with its state and who decided; the manager's
 * approve and refuse; the form to ask for one (to record one, for the manager) while a payment is there to refund.
 */
export function RefundsPanel({ settlement }: { settlement: SettlementDto }) {
  const { t } = useTranslation();
  const user = useUser();
  const format = useRoFormat();
  const mayAsk = settlement.payments.length > 0 && canCall(user.role, contract.repairOrders.requestRefund);
  const mayDecide = canCall(user.role, contract.repairOrders.decideRefund);
  return (
    <div className="refunds" data-testid="refunds">
      <h3>{t('refunds.title')}</h3>
      {settlement.refunds.length === 0 ? (
        <p className="muted">{t('refunds.none')}</p>
      ) : (
        <table className="results" aria-label={t('refunds.title')}>
          <thead>
            <tr>
              <th>{t('refunds.columns.asked')}</th>
              <th>{t('refunds.columns.method')}</th>
              <th className="num">{t('refunds.columns.amount')}</th>
              <th>{t('refunds.columns.reason')}</th>
              <th>{t('refunds.columns.state')}</th>
              <th>{t('refunds.columns.decided')}</th>
            </tr>
          </thead>
          <tbody>
            {settlement.refunds.map((refund) => (
              <tr key={refund.id}>
                <td>
                  {formatDateTime(refund.requestedAt)} · {refund.requestedBy.displayName}
                </td>
                <td>{t(`settlement.methods.${refund.method}`)}</td>
                <td className="num">{format.money(refund.amountFen)}</td>
                <td>{refund.reason}</td>
                <td data-testid={`refund-state-${refund.id}`}>{t(`refunds.states.${refund.state}`)}</td>
                <td>
                  {refund.decidedBy && refund.decidedAt
                    ? t('refunds.decidedBy', { name: refund.decidedBy.displayName, at: formatDateTime(refund.decidedAt) })
                    : null}
                  {refund.decisionNote ? ` · ${refund.decisionNote}` : null}
                  {refund.state === 'requested' && mayDecide ? (
                    <Decide refund={refund} repairOrderId={settlement.repairOrderId} />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayAsk ? <RefundForm settlement={settlement} asManager={user.role === 'manager'} /> : null}
    </div>
  );
}
