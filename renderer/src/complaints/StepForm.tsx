import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { advanceComplaintInput, type ComplaintDetailDto } from '../../../shared/contract/complaints';
import {
  COMPLAINT_DEPARTMENTS,
  COMPLAINT_ROOT_CAUSES,
  RESOLUTION_KINDS,
  resolutionHasAmount,
  type ComplaintAdvanceStep,
  type ResolutionKind,
} from '../../../shared/domain/complaints';
import { parseYuan } from '../../../shared/domain/money';
import { orpc } from '../api/client';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { EnumSelect, Field } from '../ui/widgets';
import { optionalId, PersonSelect } from './complaint-fields';

/** Every field any step's form holds, as text (selects, radios and boxes); the step's schema reads them. */
type Values = Record<
  | 'valid'
  | 'reason'
  | 'department'
  | 'responsibleUserId'
  | 'cause'
  | 'resolutionKind'
  | 'amountFen'
  | 'resolution'
  | 'approved'
  | 'done'
  | 'satisfied'
  | 'note'
  | 'rootCause'
  | 'correctiveAction',
  string
>;
const FIELDS = [
  'step',
  'valid',
  'reason',
  'department',
  'responsibleUserId',
  'cause',
  'resolutionKind',
  'amountFen',
  'resolution',
  'approved',
  'done',
  'satisfied',
  'note',
  'rootCause',
  'correctiveAction',
] as const;

function yesNo(value: string): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/** What the form holds -> the contract's `advance` input of this step (its discriminated member). */
function toInput(complaint: ComplaintDetailDto, step: ComplaintAdvanceStep) {
  return (v: Values): unknown => {
    const base = { id: complaint.id, version: complaint.version, step };
    switch (step) {
      case 'validity':
        return { ...base, valid: yesNo(v.valid), reason: v.reason };
      case 'assign':
        return { ...base, department: v.department, responsibleUserId: optionalId(v.responsibleUserId) };
      case 'analyse':
        return { ...base, cause: v.cause };
      case 'propose': {
        const amount = v.amountFen.trim();
        // A figure that is not money is sent as typed, so the schema refuses it next to the box.
        return {
          ...base,
          resolutionKind: v.resolutionKind,
          amountFen: amount === '' ? undefined : (parseYuan(amount) ?? amount),
          resolution: v.resolution,
        };
      }
      case 'approve':
        return { ...base, approved: yesNo(v.approved), reason: v.reason };
      case 'carry_out':
        return { ...base, done: v.done };
      case 'callback':
        return { ...base, satisfied: yesNo(v.satisfied), note: v.note };
      case 'summary':
        return { ...base, rootCause: v.rootCause, correctiveAction: v.correctiveAction };
    }
  };
}

/** Two choices as radios (valid / not, approve / reject, satisfied / not), with the error under them. */
function Choice(props: {
  name: 'valid' | 'approved' | 'satisfied';
  catalogue: string;
  error: FieldError | undefined;
  register: ReturnType<typeof useForm<Values>>['register'];
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="field field-wide" data-field={props.name}>
      <legend className="field-label">{t(`fields.${props.name}`)}</legend>
      <div className="complaint-choice">
        {(['true', 'false'] as const).map((value) => (
          <label key={value}>
            <input type="radio" value={value} {...props.register(props.name)} /> {t(`${props.catalogue}.${value}`)}
          </label>
        ))}
      </div>
      {props.error?.message ? (
        <span className="field-error" role="alert">
          {props.error.message}
        </span>
      ) : null}
    </fieldset>
  );
}

/** The form of the step awaited: the contract's `advance` input for that step, checked by its own schema. */
export function StepForm({ complaint, step }: { complaint: ComplaintDetailDto; step: ComplaintAdvanceStep }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const advance = useMutation(orpc.complaints.advance.mutationOptions());
  const form = useForm<Values, unknown, z.output<typeof advanceComplaintInput>>({
    resolver: schemaResolver<Values, typeof advanceComplaintInput>(advanceComplaintInput, t, toInput(complaint, step)),
    defaultValues: {
      valid: '',
      reason: '',
      department: complaint.department ?? complaint.againstDepartment,
      responsibleUserId: '',
      cause: '',
      resolutionKind: 'redo',
      amountFen: '',
      resolution: '',
      approved: '',
      done: '',
      satisfied: '',
      note: '',
      rootCause: 'workmanship',
      correctiveAction: '',
    },
  });
  const { submit, unplaced } = useFormSubmit(form, FIELDS, async (values) => {
    await advance.mutateAsync(values);
    await queryClient.invalidateQueries({ queryKey: orpc.complaints.key() });
  });
  const errors = form.formState.errors;
  const kind = useWatch({ control: form.control, name: 'resolutionKind' }) as ResolutionKind;
  const text = (name: 'reason' | 'cause' | 'resolution' | 'done' | 'note' | 'correctiveAction', rows = 3) => (
    <Field label={t(`fields.${name}`)} name={name} error={errors[name]} wide>
      <textarea rows={rows} maxLength={2000} {...form.register(name)} />
    </Field>
  );
  return (
    <form
      className="form-grid"
      onSubmit={submit}
      noValidate
      aria-label={t(`complaints.step.${step}`)}
      data-testid={`step-form-${step}`}
    >
      {step === 'validity' ? (
        <>
          <Choice name="valid" catalogue="complaints.validChoice" error={errors.valid} register={form.register} />
          {text('reason')}
        </>
      ) : null}
      {step === 'assign' ? (
        <>
          <Field label={t('fields.department')} name="department" error={errors.department}>
            <EnumSelect values={COMPLAINT_DEPARTMENTS} catalogue="complaints.department" {...form.register('department')} />
          </Field>
          <Field label={t('fields.responsibleUserId')} name="responsibleUserId" error={errors.responsibleUserId}>
            <PersonSelect {...form.register('responsibleUserId')} />
          </Field>
        </>
      ) : null}
      {step === 'analyse' ? text('cause') : null}
      {step === 'propose' ? (
        <>
          <Field label={t('fields.resolutionKind')} name="resolutionKind" error={errors.resolutionKind}>
            <EnumSelect values={RESOLUTION_KINDS} catalogue="complaints.resolutionKind" {...form.register('resolutionKind')} />
          </Field>
          {resolutionHasAmount(kind) ? (
            <Field label={t('fields.amountFen')} name="amountFen" error={errors.amountFen}>
              <input inputMode="decimal" maxLength={14} {...form.register('amountFen')} />
            </Field>
          ) : null}
          {text('resolution')}
        </>
      ) : null}
      {step === 'approve' ? (
        <>
          <Choice name="approved" catalogue="complaints.approveChoice" error={errors.approved} register={form.register} />
          {text('reason', 2)}
        </>
      ) : null}
      {step === 'carry_out' ? text('done') : null}
      {step === 'callback' ? (
        <>
          <Choice name="satisfied" catalogue="complaints.satisfiedChoice" error={errors.satisfied} register={form.register} />
          {text('note', 2)}
        </>
      ) : null}
      {step === 'summary' ? (
        <>
          <Field label={t('fields.rootCause')} name="rootCause" error={errors.rootCause}>
            <EnumSelect values={COMPLAINT_ROOT_CAUSES} catalogue="complaints.rootCause" {...form.register('rootCause')} />
          </Field>
          {text('correctiveAction')}
        </>
      ) : null}
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('complaints.submitStep')} />
    </form>
  );
}
