import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { contract } from '../../../shared/contract';
import type { AppointmentDto } from '../../../shared/contract/appointments';
import { appointmentMayBecome } from '../../../shared/domain/appointment-slots';
import { formatQuantity } from '../../../shared/domain/money';
import { api, orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatDate, formatDateTime } from '../ui/format';
import { Loading, ErrorBanner, Section } from '../ui/widgets';
import { describeAppointmentError } from './appointment-format';
import { RescheduleForm } from './RescheduleForm';

/** After any write the board, the reminder list and the appointment itself are read again. */
export function useAppointmentSaved() {
  const queryClient = useQueryClient();
  return async (appointment: AppointmentDto) => {
    queryClient.setQueryData(orpc.appointments.get.queryKey({ input: { id: appointment.id } }), appointment);
    await queryClient.invalidateQueries({ queryKey: orpc.appointments.key() });
  };
}

/**
 * Calling an appointment off cannot be undone and needs the reason (kept on it): asked in the shared dialog, from a
 * danger button apart from the next steps.
 */
function CancelAppointment({ appointment }: { appointment: AppointmentDto }) {
  const { t } = useTranslation();
  const saved = useAppointmentSaved();
  const cancel = useMutation(orpc.appointments.cancel.mutationOptions());
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button
        type="button"
        className="danger-quiet appt-cancel"
        onClick={() => {
          cancel.reset();
          setAsking(true);
        }}
      >
        {t('appointments.cancel')}
      </button>
      {asking ? (
        <ConfirmDialog
          title={t('appointments.cancelTitle', { time: appointment.time, plate: appointment.vehicle.plate || '—' })}
          confirmLabel={t('appointments.cancelConfirm')}
          keepLabel={t('appointments.keep')}
          danger
          reason={{ label: t('appointments.cancelReason'), required: true, maxLength: 200 }}
          pending={cancel.isPending}
          error={
            cancel.error ? (
              <div className="banner banner-error" role="alert">
                {describeAppointmentError(t, cancel.error)}
              </div>
            ) : null
          }
          onClose={() => setAsking(false)}
          onConfirm={(reason) =>
            void cancel
              .mutateAsync({ id: appointment.id, version: appointment.version, reason })
              .then(async (done) => {
                setAsking(false);
                await saved(done);
              })
              .catch(() => undefined)
          }
        >
          <p>{t('appointments.cancelBody')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/**
 * One appointment: what was booked, and the next steps (arrival, no-show, cancel, turn into an RO); with the board's
 * advisors and slots it can also be moved (reschedule).
 */
export function AppointmentPanel(props: {
  id: number;
  onClose: () => void;
  board?: { advisors: { id: number; displayName: string }[]; slots: string[] };
}) {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const saved = useAppointmentSaved();
  const query = useQuery(orpc.appointments.get.queryOptions({ input: { id: props.id } }));
  const [askingNoShow, setAskingNoShow] = useState(false);
  const [moving, setMoving] = useState(false);
  const mayWrite = canCall(user.role, contract.appointments.arrive);
  const step = useMutation({
    mutationFn: async (action: 'arrive' | 'noShow' | 'convert') => {
      const a = query.data;
      if (!a) return;
      const input = { id: a.id, version: a.version };
      if (action === 'convert') {
        const { repairOrderId, appointment } = await api.appointments.convert(input);
        await saved(appointment);
        void navigate(`/repair-orders/${repairOrderId}`);
        return;
      }
      await saved(await (action === 'arrive' ? api.appointments.arrive(input) : api.appointments.noShow(input)));
    },
  });

  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const a = query.data;
  return (
    <Section
      title={t('appointments.detailTitle', { time: a.time, plate: a.vehicle.plate || '—' })}
      actions={
        <button type="button" onClick={props.onClose}>
          {t('appointments.close')}
        </button>
      }
    >
      <dl className="facts">
        <dt>{t('appointments.when')}</dt>
        <dd>
          {formatDate(a.startsAt)} {a.time}{' '}
          <span className={`badge appt-badge-${a.status}`} data-testid="appt-status">
            {t(`appointments.statuses.${a.status}`)}
          </span>
        </dd>
        <dt>{t('appointments.vehicle')}</dt>
        <dd>
          <Link to={`/vehicles/${a.vehicle.id}`}>
            <span className="plate">{a.vehicle.plate || '—'}</span> {a.vehicle.makeModel}
          </Link>
        </dd>
        <dt>{t('appointments.customer')}</dt>
        <dd>
          <Link to={`/customers/${a.customer.id}`}>{a.customer.name}</Link>
        </dd>
        <dt>{t('appointments.advisor')}</dt>
        <dd>{a.advisor.displayName}</dd>
        <dt>{t('appointments.reasonLabel')}</dt>
        <dd>{t(`appointments.reasons.${a.reason}`)}</dd>
        <dt>{t('appointments.estimated')}</dt>
        <dd>{t('appointments.hours', { hours: formatQuantity(a.estimatedHoursMilli) })}</dd>
        <dt>{t('appointments.concerns')}</dt>
        <dd>
          <ul className="appt-concerns">
            {a.concerns.map((concern, index) => (
              <li key={index} className="ro-concern">
                {concern}
              </li>
            ))}
          </ul>
        </dd>
        {a.note ? (
          <>
            <dt>{t('appointments.note')}</dt>
            <dd className="note-body">{a.note}</dd>
          </>
        ) : null}
        {a.arrivedAt ? (
          <>
            <dt>{t('appointments.arrivedAt')}</dt>
            <dd>{formatDateTime(a.arrivedAt)}</dd>
          </>
        ) : null}
        {a.cancelReason ? (
          <>
            <dt>{t('appointments.cancelReason')}</dt>
            <dd>{a.cancelReason}</dd>
          </>
        ) : null}
        {a.status === 'booked' ? (
          <>
            <dt>{t('appointments.columns.reminded')}</dt>
            <dd>
              {a.remindedAt
                ? t('appointments.reminded', { at: formatDateTime(a.remindedAt), name: a.remindedBy?.displayName ?? '' })
                : t('appointments.notReminded')}
            </dd>
          </>
        ) : null}
      </dl>
      {step.error ? (
        <div className="banner banner-error" role="alert">
          {describeAppointmentError(t, step.error)}
        </div>
      ) : null}
      <div className="appt-actions">
        {mayWrite && appointmentMayBecome(a.status, 'arrived') ? (
          <button type="button" className="primary" disabled={step.isPending} onClick={() => step.mutate('arrive')}>
            {t('appointments.arrive')}
          </button>
        ) : null}
        {mayWrite && appointmentMayBecome(a.status, 'converted') ? (
          <button type="button" className="primary" disabled={step.isPending} onClick={() => step.mutate('convert')}>
            {t('appointments.convert')}
          </button>
        ) : null}
        {mayWrite && appointmentMayBecome(a.status, 'no_show') ? (
          <button type="button" disabled={step.isPending} onClick={() => setAskingNoShow(true)}>
            {t('appointments.noShow')}
          </button>
        ) : null}
        {mayWrite && props.board && a.status === 'booked' && !moving ? (
          <button type="button" disabled={step.isPending} onClick={() => setMoving(true)}>
            {t('appointments.reschedule')}
          </button>
        ) : null}
        {a.repairOrderId !== null ? (
          <Link className="button" to={`/repair-orders/${a.repairOrderId}`}>
            {t('appointments.openRo')}
          </Link>
        ) : null}
        {mayWrite && appointmentMayBecome(a.status, 'cancelled') ? <CancelAppointment key={a.version} appointment={a} /> : null}
      </div>
      {askingNoShow ? (
        <ConfirmDialog
          title={t('appointments.noShowTitle', { time: a.time, plate: a.vehicle.plate || '—' })}
          confirmLabel={t('appointments.noShowConfirm')}
          keepLabel={t('appointments.keep')}
          pending={step.isPending}
          onClose={() => setAskingNoShow(false)}
          onConfirm={() => {
            setAskingNoShow(false);
            step.mutate('noShow');
          }}
        >
          <p>{t('appointments.noShowBody')}</p>
        </ConfirmDialog>
      ) : null}
      {moving && props.board && a.status === 'booked' ? (
        <RescheduleForm
          key={a.version}
          appointment={a}
          advisors={props.board.advisors}
          slots={props.board.slots}
          onCancel={() => setMoving(false)}
          onSaved={async (appointment) => {
            await saved(appointment);
            setMoving(false);
          }}
        />
      ) : null}
    </Section>
  );
}
