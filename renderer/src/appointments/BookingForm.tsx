import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { bookInput, type AppointmentDto } from '../../../shared/contract/appointments';
import { hoursMilli } from '../../../shared/contract/catalog';
import { reasonIssue } from '../../../shared/contract/errors';
import { isoDate } from '../../../shared/contract/fields';
import { MAX_CONCERNS } from '../../../shared/contract/repair-orders';
import { APPOINTMENT_REASONS, parseHm, type AppointmentReason } from '../../../shared/domain/appointment-slots';
import { instantAt } from '../../../shared/domain/desk-time';
import { parseQuantity } from '../../../shared/domain/money';
import { orpc } from '../api/client';
import { decimalText } from '../catalog/decimal-text';
import { DeclinedWorkPanel } from '../repair-orders/authorisation/DeclinedWorkPanel';
import { useLookup } from '../customers/use-lookup';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { EnumSelect, ErrorBanner, Field, Section } from '../ui/widgets';
import { describeAppointmentIssue } from './appointment-format';
import { SlotFields } from './SlotFields';
import { CampaignBanner, CampaignFlag } from '../campaigns/CampaignBanner';

interface BookingValues {
  /** Null until a vehicle is chosen. */
  vehicleId: number | null;
  advisorId: string;
  /** The desk's calendar day and the slot's start on its wall clock (HH:MM): the contract's startsAt is built from both. */
  day: string;
  startsAt: string;
  reason: AppointmentReason;
  concerns: { text: string }[];
  /** Hours as typed ("1.5"); the schema turns them into thousandths. */
  estimatedHoursMilli: string;
  note: string;
}

/** The contract's own rules over what the form holds: a chosen vehicle, a day and a slot, concerns as rows, hours as text. */
const bookingForm = z
  .strictObject({
    vehicleId: bookInput.shape.vehicleId,
    advisorId: z.string().transform(Number).pipe(bookInput.shape.advisorId),
    day: isoDate,
    startsAt: z.string().refine((text) => parseHm(text) !== null, reasonIssue('required')),
    reason: bookInput.shape.reason,
    concerns: z
      .array(z.strictObject({ text: bookInput.shape.concerns.element }))
      .min(1)
      .max(MAX_CONCERNS),
    estimatedHoursMilli: decimalText(parseQuantity, 3, hoursMilli),
    note: bookInput.shape.note,
  })
  .transform(({ day, startsAt, concerns, ...rest }) => ({
    ...rest,
    startsAt: instantAt(day, parseHm(startsAt) ?? 0).toISOString(),
    concerns: concerns.map((concern) => concern.text),
  }));
type BookingOutput = z.output<typeof bookingForm>;
const FORM_FIELDS = ['vehicleId', 'advisorId', 'day', 'startsAt', 'reason', 'concerns', 'estimatedHoursMilli', 'note'];

export interface BookingStart {
  advisorId?: number;
  day: string;
  time?: string;
  vehicleId?: number;
}

/** The vehicle the appointment is for, found with the reception look-up (plate, VIN, phone, name). */
function VehicleChooser(props: {
  vehicleId: number | null;
  onChoose: (vehicleId: number | null) => void;
  error?: { message?: string };
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { rows, query } = useLookup(q);
  const chosen = useQuery(
    orpc.vehicles.get.queryOptions({ input: { id: props.vehicleId ?? 0 }, enabled: props.vehicleId !== null }),
  );
  if (props.vehicleId !== null) {
    const car = chosen.data;
    const owner = car?.owners.find((o) => o.to === null);
    return (
      <div className="field field-wide" data-field="vehicleId">
        <span className="field-label">{t('appointments.vehicle')}</span>
        <div data-testid="appt-chosen-vehicle">
          {car ? (
            <>
              <span className="plate">{car.plate || '—'}</span> {car.make} {car.model}{' '}
              <span className="mono muted">{car.vin}</span> ·{' '}
              {owner ? owner.customerName : <span className="muted">{t('appointments.noOwner')}</span>}
            </>
          ) : (
            <ErrorBanner error={chosen.error} />
          )}{' '}
          <button type="button" className="link" onClick={() => props.onChoose(null)}>
            {t('appointments.changeVehicle')}
          </button>
        </div>
        {props.error?.message ? (
          <span className="field-error" role="alert">
            {props.error.message}
          </span>
        ) : null}
      </div>
    );
  }
  const vehicles = new Map<number, { id: number; text: string; openCampaign: boolean }>();
  for (const row of rows) {
    if (row.vehicleId === null || vehicles.has(row.vehicleId)) continue;
    vehicles.set(row.vehicleId, {
      id: row.vehicleId,
      text: [row.plate || '—', row.makeModel, row.customerName ?? t('appointments.noOwner'), row.phone]
        .filter(Boolean)
        .join(' · '),
      openCampaign: row.openCampaign,
    });
  }
  return (
    <div className="field-wide">
      <label className="field" data-field="vehicleId">
        <span className="field-label">{t('appointments.vehicle')}</span>
        <input
          type="search"
          autoFocus
          placeholder={t('appointments.findVehicle')}
          value={q}
          onChange={(event) => setQ(event.target.value)}
        />
        {props.error?.message ? (
          <span className="field-error" role="alert">
            {props.error.message}
          </span>
        ) : null}
      </label>
      <ErrorBanner error={query.error} />
      {q.trim() && !query.isFetching && vehicles.size === 0 ? (
        <p className="muted small">{t('appointments.noVehicleFound')}</p>
      ) : null}
      <ul className="appt-vehicle-results" aria-label={t('appointments.vehicle')}>
        {[...vehicles.values()].map((vehicle) => (
          <li key={vehicle.id}>
            <button type="button" onClick={() => props.onChoose(vehicle.id)}>
              {vehicle.text}
            </button>
            {vehicle.openCampaign ? (
              <>
                {' '}
                <CampaignFlag />
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Books an appointment: the vehicle (look-up), advisor, day and slot, reason, the customer's concerns one per row,
 * the labor hours it takes from the workshop's day, a note. The core's refusals (slot full, workshop full, past)
 * show next to the field they name.
 */
export function BookingForm(props: {
  start: BookingStart;
  advisors: { id: number; displayName: string }[];
  slots: string[];
  onBooked: (appointment: AppointmentDto) => void | Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const book = useMutation(orpc.appointments.book.mutationOptions());
  const form = useForm<BookingValues, unknown, BookingOutput>({
    resolver: schemaResolver<BookingValues, typeof bookingForm>(bookingForm, t),
    defaultValues: {
      vehicleId: props.start.vehicleId ?? null,
      advisorId: String(props.start.advisorId ?? props.advisors[0]?.id ?? ''),
      day: props.start.day,
      startsAt: props.start.time ?? '',
      reason: 'maintenance',
      concerns: [{ text: '' }],
      estimatedHoursMilli: '1',
      note: '',
    },
  });
  const concerns = useFieldArray({ control: form.control, name: 'concerns' });
  const { submit, unplaced } = useFormSubmit(form, FORM_FIELDS, async (values) => {
    const appointment = await book.mutateAsync(values);
    await props.onBooked(appointment);
  });

  /** Adds a concern from elsewhere (the vehicle's declined work): fills the first empty row, else adds one. */
  const { fields: concernRows, append, update } = concerns;
  const addConcern = useCallback(
    (text: string) => {
      const rows = form.getValues('concerns');
      const empty = rows.findIndex((row) => !row.text.trim());
      if (empty >= 0) update(empty, { text });
      else if (rows.length < MAX_CONCERNS) append({ text });
    },
    [form, append, update],
  );
  const vehicleId = useWatch({ control: form.control, name: 'vehicleId' });
  const errors = form.formState.errors;
  const concernsMessage = errors.concerns?.root?.message ?? errors.concerns?.message;
  return (
    <Section title={t('appointments.bookTitle')}>
      <form className="form-grid appt-form" onSubmit={submit} noValidate aria-label={t('appointments.bookTitle')}>
        <VehicleChooser
          vehicleId={vehicleId}
          onChoose={(id) => form.setValue('vehicleId', id, { shouldValidate: form.formState.isSubmitted })}
          error={errors.vehicleId}
        />
        {vehicleId !== null ? (
          <div className="field-wide">
            {/* What the customer declined at earlier visits, offered again at booking. */}
            <DeclinedWorkPanel vehicleId={vehicleId} onPick={addConcern} />
            <CampaignBanner vehicleId={vehicleId} />
          </div>
        ) : null}
        <Field label={t('appointments.reasonLabel')} name="reason" error={errors.reason}>
          <EnumSelect values={APPOINTMENT_REASONS} catalogue="appointments.reasons" {...form.register('reason')} />
        </Field>
        <SlotFields
          advisors={props.advisors}
          slots={props.slots}
          advisor={form.register('advisorId')}
          day={form.register('day')}
          time={form.register('startsAt')}
          errors={errors}
        />
        <fieldset className="phones field-wide" data-field="concerns">
          <legend className="field-label">{t('ro.concernsLegend')}</legend>
          <p className="muted small">{t('appointments.concernsHint')}</p>
          {concernRows.map((row, index) => (
            <div key={row.id} className="ro-concern-row">
              <Field
                label={t('ro.concernN', { n: index + 1 })}
                name={`concerns.${index}.text`}
                error={errors.concerns?.[index]?.text}
              >
                <input maxLength={1000} {...form.register(`concerns.${index}.text`)} />
              </Field>
              <button type="button" disabled={concernRows.length <= 1} onClick={() => concerns.remove(index)}>
                {t('ro.removeConcern')}
              </button>
            </div>
          ))}
          {concernsMessage ? (
            <span className="field-error" role="alert">
              {concernsMessage}
            </span>
          ) : null}
          <div>
            <button type="button" disabled={concernRows.length >= MAX_CONCERNS} onClick={() => append({ text: '' })}>
              {t('ro.addConcern')}
            </button>
          </div>
        </fieldset>
        <Field label={t('fields.estimatedHoursMilli')} name="estimatedHoursMilli" error={errors.estimatedHoursMilli}>
          <input
            inputMode="decimal"
            autoComplete="off"
            aria-describedby="appt-hours-hint"
            {...form.register('estimatedHoursMilli')}
          />
          <span id="appt-hours-hint" className="muted small">
            {t('appointments.hoursHint')}
          </span>
        </Field>
        <Field label={t('fields.note')} name="note" error={errors.note}>
          <textarea rows={2} maxLength={500} {...form.register('note')} />
        </Field>
        <FormFooter
          unplaced={unplaced}
          submitting={form.formState.isSubmitting}
          submitLabel={t('appointments.book')}
          onCancel={props.onCancel}
          describe={describeAppointmentIssue}
        />
      </form>
    </Section>
  );
}
