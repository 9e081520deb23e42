import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import { contract } from '../../../shared/contract';
import {
  confirmComplaintInput,
  dismissComplaintInput,
  type ComplaintDetailDto,
  type ComplaintStepDto,
} from '../../../shared/contract/complaints';
import { COMPLAINT_DEPARTMENTS, COMPLAINT_LEVELS, COMPLAINT_STEPS } from '../../../shared/domain/complaints';
import { formatYuan } from '../../../shared/domain/money';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { SurveyAnswers } from '../followup/surveys/Survey';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { formatDateTime } from '../ui/format';
import { EnumSelect, Field, Loading, PageError, Section } from '../ui/widgets';
import { optionalId, PersonSelect } from './complaint-fields';
import { StepForm } from './StepForm';
import './complaints.css';

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: orpc.complaints.key() });
}

interface ConfirmValues {
  level: string;
  againstDepartment: string;
  againstUserId: string;
  customerSays: string;
  customerWants: string;
}
const CONFIRM_FIELDS = ['level', 'againstDepartment', 'againstUserId', 'customerSays', 'customerWants'] as const;

/** A draft becomes step 1: the level chosen, whom it is against and the words checked. */
function ConfirmForm({ complaint }: { complaint: ComplaintDetailDto }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const confirm = useMutation(orpc.complaints.confirm.mutationOptions());
  const toInput = (v: ConfirmValues) => ({
    id: complaint.id,
    version: complaint.version,
    level: v.level,
    againstDepartment: v.againstDepartment,
    againstUserId: optionalId(v.againstUserId),
    customerSays: v.customerSays,
    customerWants: v.customerWants,
  });
  const form = useForm<ConfirmValues, unknown, z.output<typeof confirmComplaintInput>>({
    resolver: schemaResolver<ConfirmValues, typeof confirmComplaintInput>(confirmComplaintInput, t, toInput),
    defaultValues: {
      level: complaint.level,
      againstDepartment: complaint.againstDepartment,
      againstUserId: complaint.againstPerson ? String(complaint.againstPerson.id) : '',
      customerSays: complaint.customerSays,
      customerWants: complaint.customerWants,
    },
  });
  const { submit, unplaced } = useFormSubmit(form, CONFIRM_FIELDS, async (values) => {
    await confirm.mutateAsync(values);
    await refresh();
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('complaints.confirm')} data-testid="confirm-form">
      <Field label={t('fields.level')} name="level" error={errors.level}>
        <EnumSelect values={COMPLAINT_LEVELS} catalogue="complaints.level" {...form.register('level')} />
      </Field>
      <Field label={t('fields.againstDepartment')} name="againstDepartment" error={errors.againstDepartment}>
        <EnumSelect values={COMPLAINT_DEPARTMENTS} catalogue="complaints.department" {...form.register('againstDepartment')} />
      </Field>
      <Field label={t('fields.againstUserId')} name="againstUserId" error={errors.againstUserId}>
        <PersonSelect {...form.register('againstUserId')} />
      </Field>
      <Field label={t('fields.customerSays')} name="customerSays" error={errors.customerSays} wide>
        <textarea rows={4} maxLength={2000} {...form.register('customerSays')} />
      </Field>
      <Field label={t('fields.customerWants')} name="customerWants" error={errors.customerWants} wide>
        <textarea rows={2} maxLength={2000} {...form.register('customerWants')} />
      </Field>
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('complaints.confirm')} />
    </form>
  );
}

/** Not a complaint after all: dismissed with the reason. */
function DismissForm({ complaint }: { complaint: ComplaintDetailDto }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const dismiss = useMutation(orpc.complaints.dismiss.mutationOptions());
  const form = useForm<{ reason: string }, unknown, z.output<typeof dismissComplaintInput>>({
    resolver: schemaResolver<{ reason: string }, typeof dismissComplaintInput>(dismissComplaintInput, t, (v) => ({
      id: complaint.id,
      version: complaint.version,
      reason: v.reason,
    })),
    defaultValues: { reason: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, ['reason'], async (values) => {
    await dismiss.mutateAsync(values);
    await refresh();
  });
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('complaints.dismiss')} data-testid="dismiss-form">
      <Field label={t('fields.reason')} name="reason" error={form.formState.errors.reason} wide>
        <input maxLength={2000} {...form.register('reason')} />
      </Field>
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('complaints.dismiss')} />
    </form>
  );
}

/** What a recorded step holds, in words. */
function StepRecord({ step, people }: { step: ComplaintStepDto; people: Map<number, string> }) {
  const { t, i18n } = useTranslation();
  const d = step.data;
  const lines: string[] = [];
  switch (d.step) {
    case 'record':
      break;
    case 'dismiss':
      lines.push(d.reason);
      break;
    case 'validity':
      lines.push(t(`complaints.validChoice.${d.valid}`), d.reason);
      break;
    case 'assign':
      lines.push(
        [t(`complaints.department.${d.department}`), d.responsibleUserId ? (people.get(d.responsibleUserId) ?? '') : '']
          .filter(Boolean)
          .join(' · '),
      );
      break;
    case 'analyse':
      lines.push(d.cause);
      break;
    case 'propose':
      lines.push(t(`complaints.resolutionKind.${d.resolutionKind}`));
      if (d.amountFen !== undefined) lines.push(t('complaints.amount', { amount: formatYuan(d.amountFen, i18n.language) }));
      lines.push(d.resolution);
      break;
    case 'approve':
      lines.push(d.approved ? t('complaints.approvedLabel') : t('complaints.rejected'));
      if (d.reason) lines.push(d.reason);
      break;
    case 'carry_out':
      lines.push(d.done);
      break;
    case 'callback':
      lines.push(t(`complaints.satisfiedChoice.${d.satisfied}`));
      if (d.note) lines.push(d.note);
      break;
    case 'summary':
      lines.push(t(`complaints.rootCause.${d.rootCause}`), d.correctiveAction);
      break;
  }
  return (
    <li data-step={d.step}>
      <h3>{t(`complaints.step.${d.step}`)}</h3>
      {lines.map((line, index) => (
        <p key={index} className="complaint-says">
          {line}
        </p>
      ))}
      <p className="muted small" data-testid="step-by">
        {t('complaints.by', { who: step.by.displayName, at: formatDateTime(step.at) })}
      </p>
    </li>
  );
}

/** The eight steps across the top: done, the one awaited, the ones to come. */
function Stepper({ complaint }: { complaint: ComplaintDetailDto }) {
  const { t } = useTranslation();
  const nextIndex = complaint.nextStep ? COMPLAINT_STEPS.indexOf(complaint.nextStep) : -1;
  const allDone = complaint.status === 'closed';
  const reached = new Set(complaint.steps.map((s) => s.data.step));
  return (
    <ol className="complaint-stepper" aria-label={t('complaints.stepper')}>
      {COMPLAINT_STEPS.map((step, index) => {
        const state =
          complaint.status === 'draft' || complaint.status === 'dismissed'
            ? 'todo'
            : allDone || (nextIndex >= 0 ? index < nextIndex : reached.has(step))
              ? 'done'
              : index === nextIndex
                ? 'current'
                : 'todo';
        return (
          <li key={step} className={state} data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
            {t(`complaints.step.${step}`)}
          </li>
        );
      })}
    </ol>
  );
}

function SurveyOf({ responseId }: { responseId: number }) {
  const { t } = useTranslation();
  const query = useQuery(orpc.followup.surveyResponse.queryOptions({ input: { id: responseId } }));
  if (!query.data) return null;
  return (
    <details data-testid="complaint-survey">
      <summary>{t('complaints.surveyFrom', { number: query.data.repairOrder.number })}</summary>
      <SurveyAnswers response={query.data} />
    </details>
  );
}

function Facts({ complaint }: { complaint: ComplaintDetailDto }) {
  const { t } = useTranslation();
  const user = useUser();
  const draft = complaint.status === 'draft';
  return (
    <dl className="facts">
      <dt>{t('fields.status')}</dt>
      <dd data-testid="complaint-status">
        {t(`complaints.status.${complaint.status}`)}
        {complaint.overdue ? (
          <>
            {' '}
            <span className="badge badge-overdue" data-testid="complaint-overdue">
              {t('complaints.overdue')}
            </span>
          </>
        ) : null}
        {complaint.lateResponse ? (
          <>
            {' '}
            <span className="badge badge-overdue">{t('complaints.lateResponse')}</span>
          </>
        ) : null}
      </dd>
      <dt>{t('fields.level')}</dt>
      <dd data-testid="complaint-level">{t(`complaints.level.${complaint.level}`)}</dd>
      <dt>{t('complaints.responseDue')}</dt>
      <dd data-testid="complaint-due">{draft ? t('complaints.notStarted') : formatDateTime(complaint.responseDueAt)}</dd>
      <dt>{t('fields.source')}</dt>
      <dd>{t(`complaints.source.${complaint.source}`)}</dd>
      <dt>{t('complaints.customer')}</dt>
      <dd>
        {canCall(user.role, contract.customers.get) ? (
          <Link to={`/customers/${complaint.customer.id}`}>{complaint.customer.name}</Link>
        ) : (
          complaint.customer.name
        )}
      </dd>
      {complaint.vehicle ? (
        <>
          <dt>{t('complaints.vehicle')}</dt>
          <dd className="plate">{complaint.vehicle.plate}</dd>
        </>
      ) : null}
      {complaint.repairOrder ? (
        <>
          <dt>{t('complaints.repairOrder')}</dt>
          <dd className="mono">
            <Link to={`/repair-orders/${complaint.repairOrder.id}`} data-testid="complaint-ro">
              {complaint.repairOrder.number}
            </Link>
          </dd>
        </>
      ) : null}
      <dt>{t('complaints.against')}</dt>
      <dd data-testid="complaint-against">
        {t(`complaints.department.${complaint.againstDepartment}`)}
        {complaint.againstPerson ? ` · ${complaint.againstPerson.displayName}` : ''}
      </dd>
      <dt>{t('fields.customerSays')}</dt>
      <dd>
        <p className="complaint-says" data-testid="complaint-says">
          {complaint.customerSays}
        </p>
      </dd>
      {complaint.customerWants ? (
        <>
          <dt>{t('fields.customerWants')}</dt>
          <dd className="complaint-says">{complaint.customerWants}</dd>
        </>
      ) : null}
      <dt>{t('complaints.columns.created')}</dt>
      <dd>
        {t(complaint.source === 'survey' ? 'complaints.drafted' : 'complaints.recorded', {
          who: complaint.createdBy.displayName,
          at: formatDateTime(complaint.createdAt),
        })}
      </dd>
    </dl>
  );
}

/** One complaint: what it is about, the eight steps as a stepper, each finished step with who and when, the form of the step awaited. */
export function ComplaintPage() {
  const { t } = useTranslation();
  const user = useUser();
  const id = Number(useParams().id);
  const query = useQuery(orpc.complaints.get.queryOptions({ input: { id } }));
  const people = useQuery(orpc.complaints.people.queryOptions({ input: {} }));
  // The person selects take their value from the form once, so their options must be there first.
  if (query.isPending || people.isPending) return <Loading />;
  if (query.error) return <PageError title={t('complaints.title')} error={query.error} />;
  const complaint = query.data;
  const names = new Map((people.data ?? []).map((p) => [p.id, p.displayName]));
  const next = complaint.nextStep;
  const mayHandle = canCall(user.role, contract.complaints.advance);
  return (
    <div className="page">
      <h1>
        <span className="mono" data-testid="complaint-number">
          {complaint.number}
        </span>{' '}
        · {t(`complaints.status.${complaint.status}`)}
      </h1>
      <Section title={t('complaints.title')}>
        <Facts complaint={complaint} />
        {complaint.surveyResponseId !== null && canCall(user.role, contract.followup.surveyResponse) ? (
          <SurveyOf responseId={complaint.surveyResponseId} />
        ) : null}
      </Section>
      {complaint.status === 'draft' && canCall(user.role, contract.complaints.confirm) ? (
        <Section title={t('complaints.draftTitle')}>
          <p className="muted small">{t('complaints.draftHint')}</p>
          <ConfirmForm key={complaint.version} complaint={complaint} />
          {complaint.againstPerson?.id !== user.id ? (
            <div className="complaint-dismiss">
              <h3>{t('complaints.dismissTitle')}</h3>
              <DismissForm key={`d${complaint.version}`} complaint={complaint} />
            </div>
          ) : null}
        </Section>
      ) : null}
      <Section title={t('complaints.steps')}>
        <Stepper complaint={complaint} />
        <ol className="complaint-steps" data-testid="complaint-steps">
          {complaint.steps.map((step) => (
            <StepRecord key={step.id} step={step} people={names} />
          ))}
          {next && mayHandle ? (
            <li className="current" data-step={next} data-testid="current-step">
              <h3>{t('complaints.currentStep', { step: t(`complaints.step.${next}`) })}</h3>
              {next === 'approve' && user.role !== 'manager' ? (
                <p className="complaint-waiting" data-testid="waiting-approval">
                  {t('complaints.waitingApproval')}
                </p>
              ) : (
                <StepForm key={`${next}-${complaint.version}`} complaint={complaint} step={next} />
              )}
            </li>
          ) : null}
        </ol>
        {complaint.status === 'closed' ? <p data-testid="complaint-closed">{t('complaints.closedNote')}</p> : null}
        {complaint.status === 'invalid' ? <p>{t('complaints.invalidNote')}</p> : null}
        {complaint.status === 'dismissed' ? <p>{t('complaints.dismissedNote')}</p> : null}
      </Section>
    </div>
  );
}
