import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { attendanceInput, setSkillsInput, type BoardTechnicianDto } from '../../../shared/contract/workshop';
import { CONCERN_GROUPS } from '../../../shared/domain/concern-groups';
import { formatQuantity, parseQuantity } from '../../../shared/domain/money';
import { orpc } from '../api/client';
import { decimalText } from '../catalog/decimal-text';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { Field } from '../ui/widgets';
import { useWorkshopFormat, useWorkshopSaved } from './workshop-format';

/*
 * The planner's technician panel: what a row's head only sums up (skills, clocked time, attendance), with the
 * foreman's forms for the skills and the hours attended.
 */

const skillsForm = setSkillsInput.pick({ concernGroups: true });
type SkillsValues = { concernGroups: string[] };

function SkillsEditor(props: { technician: BoardTechnicianDto; onDone: () => void }) {
  const { t } = useTranslation();
  const saved = useWorkshopSaved();
  const save = useMutation(orpc.workshop.setSkills.mutationOptions({ onSuccess: saved }));
  const form = useForm<SkillsValues, unknown, z.output<typeof skillsForm>>({
    resolver: schemaResolver<SkillsValues, typeof skillsForm>(skillsForm, t),
    defaultValues: { concernGroups: [...props.technician.skills] },
  });
  const { submit, unplaced } = useFormSubmit(form, ['concernGroups'], async (values) => {
    await save.mutateAsync({ technicianId: props.technician.id, concernGroups: values.concernGroups });
    props.onDone();
  });
  return (
    <form onSubmit={submit} noValidate aria-label={t('workshop.skillsOf', { name: props.technician.displayName })}>
      <fieldset className="ws-skills">
        <legend>{t('workshop.skillsOf', { name: props.technician.displayName })}</legend>
        {CONCERN_GROUPS.map((group) => (
          <label key={group}>
            <input type="checkbox" value={group} {...form.register('concernGroups')} /> {t(`catalog.groups.${group}`)}
          </label>
        ))}
      </fieldset>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('workshop.saveSkills')}
        onCancel={props.onDone}
      />
    </form>
  );
}

const attendanceForm = z.strictObject({
  attendedMilli: decimalText(parseQuantity, 3, attendanceInput.shape.attendedMilli),
});
type AttendanceValues = { attendedMilli: string };

function AttendanceForm(props: { technician: BoardTechnicianDto; day: string }) {
  const { t } = useTranslation();
  const saved = useWorkshopSaved();
  const save = useMutation(orpc.workshop.recordAttendance.mutationOptions({ onSuccess: saved }));
  const form = useForm<AttendanceValues, unknown, z.output<typeof attendanceForm>>({
    resolver: schemaResolver<AttendanceValues, typeof attendanceForm>(attendanceForm, t),
    values: { attendedMilli: props.technician.attendedMilli === null ? '' : formatQuantity(props.technician.attendedMilli) },
  });
  const { submit, unplaced } = useFormSubmit(form, ['attendedMilli'], async (values) => {
    await save.mutateAsync({ technicianId: props.technician.id, day: props.day, attendedMilli: values.attendedMilli });
  });
  return (
    <form
      className="ws-inline-form"
      onSubmit={submit}
      noValidate
      aria-label={t('workshop.attendanceOf', { name: props.technician.displayName })}
    >
      <Field label={t('workshop.attendanceHours')} name="attendedMilli" error={form.formState.errors.attendedMilli}>
        <input inputMode="decimal" autoComplete="off" {...form.register('attendedMilli')} />
      </Field>
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('workshop.saveAttendance')} />
    </form>
  );
}

/** Beside the planner, for the technician whose row head was chosen. */
export function TechnicianPanel(props: {
  technician: BoardTechnicianDto;
  day: string;
  mayEditSkills: boolean;
  mayRecordAttendance: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useWorkshopFormat();
  const [editing, setEditing] = useState(false);
  const { technician } = props;
  return (
    <section className="ws-panel" aria-label={t('workshop.planner.editTechnician', { name: technician.displayName })}>
      <div className="ws-panel-head">
        <h2>{technician.displayName}</h2>
        <button type="button" className="link" onClick={props.onClose}>
          {t('workshop.planner.close')}
        </button>
      </div>
      <div className="ws-column-facts">
        <span>
          {t('workshop.skills')}:{' '}
          {technician.skills.length > 0
            ? technician.skills.map((group) => t(`catalog.groups.${group}`)).join('、')
            : t('workshop.noSkills')}
        </span>
        <span>{t('workshop.clockedToday', { time: format.minutes(technician.clockedMinutesDay) })}</span>
        <span>
          {t('workshop.attendance')}:{' '}
          {technician.attendedMilli === null ? t('workshop.attendedNone') : format.sold(technician.attendedMilli)}
        </span>
      </div>
      {props.mayEditSkills && !editing ? (
        <button type="button" className="link" onClick={() => setEditing(true)}>
          {t('workshop.editSkills')}
        </button>
      ) : null}
      {editing ? <SkillsEditor technician={technician} onDone={() => setEditing(false)} /> : null}
      {props.mayRecordAttendance ? <AttendanceForm technician={technician} day={props.day} /> : null}
    </section>
  );
}
