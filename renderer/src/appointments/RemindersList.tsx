import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import type { ReminderDto } from '../../../shared/contract/appointments';
import { api, orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { formatDate, formatDateTime } from '../ui/format';
import { ErrorBanner, Loading } from '../ui/widgets';
import { describeAppointmentError } from './appointment-format';
import { useAppointmentSaved } from './AppointmentPanel';

function RemindedCell(props: { row: ReminderDto; mayMark: boolean }) {
  const { t } = useTranslation();
  const saved = useAppointmentSaved();
  const mark = useMutation({
    mutationFn: async () => saved(await api.appointments.markReminded({ id: props.row.id, version: props.row.version })),
  });
  if (props.row.remindedAt) {
    return (
      <span className="badge badge-green">
        {t('appointments.reminded', { at: formatDateTime(props.row.remindedAt), name: props.row.remindedBy?.displayName ?? '' })}
      </span>
    );
  }
  return (
    <>
      {props.mayMark ? (
        <button type="button" disabled={mark.isPending} onClick={() => mark.mutate()}>
          {t('appointments.markReminded')}
        </button>
      ) : (
        <span className="muted">{t('appointments.notReminded')}</span>
      )}
      {mark.error ? (
        <span className="field-error" role="alert">
          {describeAppointmentError(t, mark.error)}
        </span>
      ) : null}
    </>
  );
}

/** The calls to make for a day's booked appointments (tomorrow unless a day is given), with the numbers to dial. */
export function RemindersList(props: { day?: string; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const query = useQuery(orpc.appointments.reminders.queryOptions({ input: props.day ? { day: props.day } : {} }));
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const { day, rows } = query.data;
  const mayMark = canCall(user.role, contract.appointments.markReminded);
  const title = t('appointments.remindersTitle', { day: formatDate(`${day}T12:00:00Z`) });
  return (
    <div>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('appointments.remindersEmpty')}</p>
      ) : (
        <table className="results" aria-label={title}>
          <thead>
            <tr>
              <th>{t('appointments.columns.time')}</th>
              <th>{t('appointments.columns.plate')}</th>
              <th>{t('appointments.columns.customer')}</th>
              <th>{t('appointments.columns.phones')}</th>
              <th>{t('appointments.columns.contact')}</th>
              <th>{t('appointments.columns.reason')}</th>
              <th>{t('appointments.columns.advisor')}</th>
              <th>{t('appointments.columns.reminded')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <button type="button" className="link" onClick={() => props.onOpen(row.id)}>
                    {row.time}
                  </button>
                </td>
                <td className="plate">{row.vehicle.plate || '—'}</td>
                <td>{row.customer.name}</td>
                <td className="mono">{row.phones.join(', ')}</td>
                <td>
                  {t(`channels.${row.preferredContact}`)}
                  {row.consentToContact ? null : <span className="muted small"> ({t('appointments.noConsent')})</span>}
                </td>
                <td>{t(`appointments.reasons.${row.reason}`)}</td>
                <td>{row.advisor.displayName}</td>
                <td>
                  <RemindedCell row={row} mayMark={mayMark} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
