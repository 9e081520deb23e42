import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import type { AppointmentDto, BoardDto, BoardSpan } from '../../../shared/contract/appointments';
import { parseHm } from '../../../shared/domain/appointment-slots';
import { instantAt } from '../../../shared/domain/desk-time';
import { formatQuantity } from '../../../shared/domain/money';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { formatDate } from '../ui/format';
import { ErrorBanner, Loading, Section } from '../ui/widgets';
import { AppointmentPanel, useAppointmentSaved } from './AppointmentPanel';
import { BookingForm, type BookingStart } from './BookingForm';
import { RemindersList } from './RemindersList';
import './appointments.css';
import { addDays } from '../../../shared/domain/desk-time';
import { useUrlParams } from '../ui/use-url-params';
import { DateField } from '../ui/DateField';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day for a heading: "Wed, 25 Nov 2026" in the desk's language (noon UTC is the same day in Beijing). */
function dayLabel(day: string, language: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

function Card(props: { appointment: AppointmentDto; onOpen: (id: number) => void; compact?: boolean }) {
  const { t } = useTranslation();
  const a = props.appointment;
  return (
    <button
      type="button"
      className={`appt-card appt-status-${a.status}`}
      data-testid="appt-card"
      title={t(`appointments.statuses.${a.status}`)}
      onClick={() => props.onOpen(a.id)}
    >
      {a.time}
      <span className="plate">{a.vehicle.plate || '—'}</span>
      {props.compact ? null : (
        <>
          {a.customer.name} · {t(`appointments.reasons.${a.reason}`)} · {t(`appointments.statuses.${a.status}`)}
        </>
      )}
    </button>
  );
}

function HoursBars(props: { board: BoardDto }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="appt-hours-row">
      {props.board.days.map((d) => (
        <div key={d.day} className="appt-hours" data-testid={`workshop-hours-${d.day}`}>
          <span>
            {dayLabel(d.day, i18n.language)} ·{' '}
            {t('appointments.workshopHours', {
              booked: formatQuantity(d.bookedHoursMilli),
              capacity: formatQuantity(d.capacityHoursMilli),
            })}
          </span>
          <meter
            min={0}
            max={Math.max(d.capacityHoursMilli, 1)}
            high={d.capacityHoursMilli * 0.9}
            value={d.bookedHoursMilli}
            aria-label={t('appointments.workshopHoursLabel', { day: dayLabel(d.day, i18n.language) })}
          />
        </div>
      ))}
    </div>
  );
}

/** Columns per advisor, rows per slot; an open slot offers a booking button prefilled with advisor and time. */
function DayGrid(props: {
  board: BoardDto;
  advisors: BoardDto['advisors'];
  mayBook: boolean;
  onOpen: (id: number) => void;
  onBook: (start: BookingStart) => void;
}) {
  const { t } = useTranslation();
  const { board } = props;
  const day = board.day;
  const now = new Date(board.now).getTime();
  const holding = (a: AppointmentDto) => a.status !== 'cancelled' && a.status !== 'no_show';
  return (
    <table className="appt-grid" aria-label={formatDate(`${day}T12:00:00Z`)}>
      <thead>
        <tr>
          <th className="appt-time">{t('appointments.slot')}</th>
          {props.advisors.map((advisor) => (
            <th key={advisor.id} scope="col">
              {advisor.displayName}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {board.slots.map((slot) => {
          const past = instantAt(day, parseHm(slot) ?? 0).getTime() <= now;
          return (
            <tr key={slot}>
              <th scope="row" className="appt-time">
                {slot}
              </th>
              {props.advisors.map((advisor) => {
                const here = board.appointments.filter((a) => a.advisor.id === advisor.id && a.time === slot);
                const full = here.filter(holding).length >= board.perAdvisorSlot;
                return (
                  <td key={advisor.id} className={past ? 'appt-past' : undefined} data-testid={`slot-${advisor.id}-${slot}`}>
                    <div className="appt-cell">
                      {here.map((a) => (
                        <Card key={a.id} appointment={a} onOpen={props.onOpen} />
                      ))}
                      {!past && full ? <span className="appt-full">{t('appointments.slotFull')}</span> : null}
                      {!past && !full && props.mayBook ? (
                        <button
                          type="button"
                          className="appt-add"
                          aria-label={t('appointments.bookIn', { advisor: advisor.displayName, time: slot })}
                          onClick={() => props.onBook({ advisorId: advisor.id, day, time: slot })}
                        >
                          +
                        </button>
                      ) : null}
                    </div>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Days across, advisors down: how many each advisor has each day, with compact cards. */
function WeekGrid(props: {
  board: BoardDto;
  advisors: BoardDto['advisors'];
  onOpen: (id: number) => void;
  onDay: (day: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { board } = props;
  return (
    <table className="appt-grid">
      <thead>
        <tr>
          <th className="appt-time">{t('appointments.advisor')}</th>
          {board.days.map((d) => (
            <th key={d.day} scope="col">
              <button type="button" className="link" onClick={() => props.onDay(d.day)}>
                {dayLabel(d.day, i18n.language)}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.advisors.map((advisor) => (
          <tr key={advisor.id}>
            <th scope="row">{advisor.displayName}</th>
            {board.days.map((d) => {
              const here = board.appointments.filter((a) => a.advisor.id === advisor.id && a.day === d.day);
              return (
                <td key={d.day}>
                  <div className="appt-cell">
                    {here.length > 0 ? (
                      <span className="appt-week-count">{t('appointments.count', { count: here.length })}</span>
                    ) : null}
                    {here.map((a) => (
                      <Card key={a.id} appointment={a} onOpen={props.onOpen} compact />
                    ))}
                  </div>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The appointment board: a day (advisors x slots) or a week (advisors x days), the workshop's hours per day, the
 * booking form from an open slot, an appointment's next steps, and tomorrow's reminder calls. Day, span, advisor and
 * tab live in the URL; `?vehicleId=` opens the booking form for that vehicle (from its page).
 */
export function AppointmentsScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParam] = useUrlParams();
  const dayParam = params.get('day') ?? '';
  const day = DAY.test(dayParam) ? dayParam : undefined;
  const span: BoardSpan = params.get('span') === 'week' ? 'week' : 'day';
  const advisorParam = Number(params.get('advisor'));
  const advisorId = Number.isSafeInteger(advisorParam) && advisorParam > 0 ? advisorParam : undefined;
  const tab = params.get('tab') === 'reminders' ? 'reminders' : 'board';
  const vehicleParam = Number(params.get('vehicleId'));
  const mayBook = canCall(user.role, contract.appointments.book);

  const board = useQuery(
    orpc.appointments.board.queryOptions({
      input: { ...(day ? { day } : {}), span, ...(advisorId ? { advisorId } : {}) },
      placeholderData: keepPreviousData,
    }),
  );
  const [opened, setOpened] = useState<number | null>(null);
  const [booking, setBooking] = useState<BookingStart | null>(null);
  const saved = useAppointmentSaved();
  const data = board.data;
  const vehicleId = mayBook && Number.isSafeInteger(vehicleParam) && vehicleParam > 0 ? vehicleParam : undefined;
  // Coming from a vehicle's page: the form opens for that vehicle on the board's day, the advisor's own column first.
  const start: BookingStart | null =
    booking ??
    (vehicleId && data
      ? { day: day ?? data.today, vehicleId, ...(data.advisors.some((a) => a.id === user.id) ? { advisorId: user.id } : {}) }
      : null);
  const current = day ?? data?.day ?? '';
  const step = span === 'week' ? 7 : 1;
  const shownAdvisors = data ? (advisorId ? data.advisors.filter((a) => a.id === advisorId) : data.advisors) : [];

  const openBooking = (next: BookingStart) => {
    setOpened(null);
    setBooking({ ...next, ...(vehicleId ? { vehicleId } : {}) });
  };
  const closeBooking = () => {
    setBooking(null);
    if (vehicleId) setParam({ vehicleId: undefined });
  };
  const open = (id: number) => {
    closeBooking();
    setOpened(id);
  };

  return (
    <div className="page page-fill appt-page">
      <Section
        page
        title={t('appointments.title')}
        actions={
          <div className="appt-tabs" role="tablist" aria-label={t('appointments.title')}>
            <button type="button" role="tab" aria-selected={tab === 'board'} onClick={() => setParam({ tab: undefined })}>
              {t('appointments.boardTab')}
            </button>
            <button type="button" role="tab" aria-selected={tab === 'reminders'} onClick={() => setParam({ tab: 'reminders' })}>
              {t('appointments.remindersTab')}
            </button>
          </div>
        }
      >
        {tab === 'reminders' ? (
          <div className={opened !== null ? 'appt-layout with-side' : 'appt-layout'}>
            <RemindersList onOpen={open} />
            {opened !== null ? (
              <div className="appt-side">
                <AppointmentPanel key={opened} id={opened} onClose={() => setOpened(null)} />
              </div>
            ) : null}
          </div>
        ) : (
          <>
            <div className="appt-toolbar">
              <div className="appt-toggle" role="group" aria-label={t('appointments.span')}>
                <button type="button" aria-pressed={span === 'day'} onClick={() => setParam({ span: undefined })}>
                  {t('appointments.day')}
                </button>
                <button type="button" aria-pressed={span === 'week'} onClick={() => setParam({ span: 'week' })}>
                  {t('appointments.week')}
                </button>
              </div>
              <button type="button" disabled={!current} onClick={() => setParam({ day: addDays(current, -step) })}>
                {t('appointments.previous')}
              </button>
              <button type="button" onClick={() => setParam({ day: undefined })}>
                {t('appointments.today')}
              </button>
              <button type="button" disabled={!current} onClick={() => setParam({ day: addDays(current, step) })}>
                {t('appointments.next')}
              </button>
              <label className="field" data-field="boardDay">
                <span className="field-label">{t('appointments.date')}</span>
                <DateField
                  value={day ?? data?.today ?? ''}
                  onChange={(event) => setParam({ day: DAY.test(event.target.value) ? event.target.value : undefined })}
                />
              </label>
              <label className="field" data-field="boardAdvisor">
                <span className="field-label">{t('appointments.advisorFilter')}</span>
                <select value={advisorId ?? ''} onChange={(event) => setParam({ advisor: event.target.value || undefined })}>
                  <option value="">{t('appointments.allAdvisors')}</option>
                  {data?.advisors.map((advisor) => (
                    <option key={advisor.id} value={advisor.id}>
                      {advisor.displayName}
                    </option>
                  ))}
                </select>
              </label>
              {mayBook && data ? (
                <button
                  type="button"
                  className="primary"
                  onClick={() => openBooking({ day: day ?? data.today, ...(advisorId ? { advisorId } : {}) })}
                >
                  {t('appointments.bookButton')}
                </button>
              ) : null}
            </div>
            {board.error ? <ErrorBanner error={board.error} /> : null}
            {!data ? (
              board.isPending ? (
                <Loading />
              ) : null
            ) : (
              <div className={start || opened !== null ? 'appt-layout with-side' : 'appt-layout'}>
                <div>
                  <h3>
                    {span === 'week'
                      ? `${formatDate(`${data.days[0]?.day ?? data.day}T12:00:00Z`)} – ${formatDate(`${data.days.at(-1)?.day ?? data.day}T12:00:00Z`)}`
                      : formatDate(`${data.day}T12:00:00Z`)}
                  </h3>
                  <HoursBars board={data} />
                  {data.advisors.length === 0 ? <p className="muted">{t('appointments.noAdvisors')}</p> : null}
                  {span === 'week' ? (
                    <WeekGrid
                      board={data}
                      advisors={shownAdvisors}
                      onOpen={open}
                      onDay={(d) => setParam({ day: d, span: undefined })}
                    />
                  ) : (
                    <DayGrid board={data} advisors={shownAdvisors} mayBook={mayBook} onOpen={open} onBook={openBooking} />
                  )}
                </div>
                {start ? (
                  <div className="appt-side">
                    <BookingForm
                      key={`${start.advisorId ?? ''}-${start.day}-${start.time ?? ''}-${start.vehicleId ?? ''}`}
                      start={start}
                      advisors={data.advisors}
                      slots={data.slots}
                      onCancel={closeBooking}
                      onBooked={async (appointment) => {
                        await saved(appointment);
                        closeBooking();
                        setParam({ day: appointment.day, vehicleId: undefined });
                        setOpened(appointment.id);
                      }}
                    />
                  </div>
                ) : opened !== null ? (
                  <div className="appt-side">
                    <AppointmentPanel
                      key={opened}
                      id={opened}
                      onClose={() => setOpened(null)}
                      board={{ advisors: data.advisors, slots: data.slots }}
                    />
                  </div>
                ) : null}
              </div>
            )}
          </>
        )}
      </Section>
    </div>
  );
}
