import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import type { ReminderDto } from '../../../shared/contract/appointments';
import { api, orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { formatDate, formatDateTime } from '../ui/format';
import { DataTable, type TableColumn } from '../ui/DataTable';
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
  const columns: TableColumn<ReminderDto>[] = [
    {
      id: 'time',
      header: t('appointments.columns.time'),
      cell: (row) => (
        <button type="button" className="link" onClick={() => props.onOpen(row.id)}>
          {row.time}
        </button>
      ),
    },
    { id: 'plate', header: t('appointments.columns.plate'), cell: (row) => row.vehicle.plate || '—', className: 'plate' },
    { id: 'customer', header: t('appointments.columns.customer'), cell: (row) => row.customer.name },
    { id: 'phones', header: t('appointments.columns.phones'), cell: (row) => row.phones.join(', '), className: 'mono' },
    {
      id: 'contact',
      header: t('appointments.columns.contact'),
      cell: (row) => (
        <>
          {t(`channels.${row.preferredContact}`)}
          {row.consentToContact ? null : <span className="muted small"> ({t('appointments.noConsent')})</span>}
        </>
      ),
    },
    { id: 'reason', header: t('appointments.columns.reason'), cell: (row) => t(`appointments.reasons.${row.reason}`) },
    { id: 'advisor', header: t('appointments.columns.advisor'), cell: (row) => row.advisor.displayName },
    {
      id: 'reminded',
      header: t('appointments.columns.reminded'),
      cell: (row) => <RemindedCell row={row} mayMark={mayMark} />,
    },
  ];
  // One day's bookings: a handful of rows by nature (the day's slots), so a short table.
  return (
    <div>
      <h3>{title}</h3>
      <DataTable
        caption={title}
        columns={columns}
        rows={rows}
        rowKey={(row) => row.id}
        empty={t('appointments.remindersEmpty')}
      />
    </div>
  );
}
