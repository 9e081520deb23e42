import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import { recordAttemptInput, type FollowupTaskDetail } from '../../../shared/contract/followup';
import type { RecordSurveyResultDto } from '../../../shared/contract/followup/surveys';
import { fromLocalInput } from '../../../shared/domain/desk-time';
import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '../../../shared/domain/followup';
import { orpc } from '../api/client';
import { DataTable } from '../ui/DataTable';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { formatDate, formatDateTime } from '../ui/format';
import { EnumSelect, ErrorBanner, Field, Loading, PageError, Section } from '../ui/widgets';
import { SurveyAnswers, SurveyForm, SurveyVerdict } from './surveys/Survey';
import './followup.css';
import { DateTimeField } from '../ui/DateField';
import { CampaignBanner } from '../campaigns/CampaignBanner';

/** The script to read: the kind's text with the task's names and figures, then the declined work when there is some. */
function Script({ task }: { task: FollowupTaskDetail }) {
  const { t, i18n } = useTranslation();
  const params = task.scriptParams;
  const declinedKey = `followup.scripts.${task.scriptKey}Declined`;
  const declinedParams = { ...params, count: Number(params.declinedCount ?? 0) };
  const declined = declinedParams.count > 0 && i18n.exists(declinedKey, declinedParams);
  return (
    <Section title={t('followup.call.script')}>
      <p className="followup-script" data-testid="followup-script">
        {t(`followup.scripts.${task.scriptKey}`, params)}
        {declined ? ` ${t(declinedKey, declinedParams)}` : ''}
      </p>
    </Section>
  );
}

/** The RO the call is about: who served the customer, what was done by whom, and the work they declined. */
function RoSummary({ task }: { task: FollowupTaskDetail }) {
  const { t } = useTranslation();
  const ro = task.repairOrderSummary;
  if (!ro && task.declinedWork.length === 0) return null;
  return (
    <Section title={ro ? t('followup.call.repairOrder', { number: ro.number }) : t('followup.call.declined')}>
      {ro ? (
        <>
          <dl className="facts">
            <dt>{t('followup.call.advisor')}</dt>
            <dd data-testid="followup-advisor">{ro.advisor.displayName}</dd>
            <dt>{t('followup.call.technicians')}</dt>
            <dd data-testid="followup-technicians">{ro.technicians.map((tech) => tech.displayName).join('、') || '—'}</dd>
            <dt>{t('followup.call.deliveredAt')}</dt>
            <dd>{formatDateTime(ro.deliveredAt)}</dd>
          </dl>
          <DataTable
            caption={t('followup.call.work')}
            columns={[
              { id: 'concern', header: t('followup.call.concern'), cell: (job) => job.concern },
              { id: 'correction', header: t('followup.call.correction'), cell: (job) => job.correction },
              { id: 'technician', header: t('followup.call.technician'), cell: (job) => job.technician?.displayName ?? '' },
            ]}
            rows={ro.jobs}
            rowKey={(job) => job.id}
            empty={t('followup.call.noWork')}
          />
          <p>
            <Link to={`/repair-orders/${ro.id}`}>{ro.number}</Link>
          </p>
        </>
      ) : null}
      {ro && task.declinedWork.length > 0 ? <h3>{t('followup.call.declined')}</h3> : null}
      {task.declinedWork.length > 0 ? (
        <ul data-testid="followup-declined">
          {task.declinedWork.map((item) => (
            <li key={item.id}>
              {item.concern} <span className="muted small">{formatDate(item.declinedAt)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

interface AttemptValues {
  outcome: AttemptOutcome;
  note: string;
  callBackAt: string;
}

/** Records one attempt through the contract's own schema (a call back needs its time, in the future). */
function AttemptForm({ task }: { task: FollowupTaskDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const record = useMutation(
    orpc.followup.recordAttempt.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: orpc.followup.key() }),
    }),
  );
  const form = useForm<AttemptValues, unknown, z.output<typeof recordAttemptInput>>({
    resolver: schemaResolver<AttemptValues, typeof recordAttemptInput>(recordAttemptInput, t, (values) => ({
      taskId: task.id,
      version: task.version,
      outcome: values.outcome,
      note: values.note,
      ...(values.outcome === 'call_back' ? { callBackAt: fromLocalInput(values.callBackAt) ?? undefined } : {}),
    })),
    defaultValues: { outcome: 'no_answer', note: '', callBackAt: '' },
  });
  const outcome = useWatch({ control: form.control, name: 'outcome' });
  const { submit, unplaced } = useFormSubmit(form, ['outcome', 'note', 'callBackAt'], async (values) => {
    await record.mutateAsync(values);
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('followup.call.recordAttempt')}>
      <Field label={t('fields.outcome')} name="outcome" error={errors.outcome}>
        <EnumSelect values={ATTEMPT_OUTCOMES} catalogue="followup.outcomes" {...form.register('outcome')} />
      </Field>
      {outcome === 'call_back' ? (
        <Field label={t('fields.callBackAt')} name="callBackAt" error={errors.callBackAt}>
          <DateTimeField {...form.register('callBackAt')} />
        </Field>
      ) : null}
      <Field label={t('fields.note')} name="note" error={errors.note} wide>
        <textarea rows={2} maxLength={1000} {...form.register('note')} />
      </Field>
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('followup.call.saveAttempt')} />
    </form>
  );
}

function Attempts({ task }: { task: FollowupTaskDetail }) {
  const { t } = useTranslation();
  const open = task.status === 'open';
  return (
    <Section title={t('followup.call.attempts')}>
      <DataTable
        caption={t('followup.call.attempts')}
        columns={[
          { id: 'at', header: t('followup.call.at'), cell: (attempt) => formatDateTime(attempt.at) },
          { id: 'by', header: t('followup.call.by'), cell: (attempt) => attempt.by.displayName },
          {
            id: 'outcome',
            header: t('fields.outcome'),
            cell: (attempt) => (
              <span data-testid="attempt-outcome">
                {t(`followup.outcomes.${attempt.outcome}`)}
                {attempt.callBackAt ? (
                  <span className="muted small">
                    {' '}
                    · {t('followup.call.callBackAt', { at: formatDateTime(attempt.callBackAt) })}
                  </span>
                ) : null}
              </span>
            ),
          },
          { id: 'note', header: t('fields.note'), cell: (attempt) => attempt.note },
        ]}
        rows={task.attemptsHistory}
        rowKey={(attempt) => attempt.id}
        empty={t('followup.call.noAttempts')}
      />
      {!open && task.closedBy ? (
        <p className="banner" data-testid="followup-closed">
          {t(`followup.statuses.${task.status}`)} ·{' '}
          {t('followup.call.closed', { name: task.closedBy.displayName, at: formatDateTime(task.closedAt) })}
        </p>
      ) : null}
      {open && task.channel === 'sms_letter' ? <p className="banner banner-warning">{t('followup.call.onLetterList')}</p> : null}
      {open && task.channel === 'call' ? <AttemptForm key={task.version} task={task} /> : null}
    </Section>
  );
}

/** The day-3 survey: answered already (read-only), or the current template's questions to ask now. */
function SurveySection({ task, repairOrderId }: { task: FollowupTaskDetail; repairOrderId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<RecordSurveyResultDto | null>(null);
  const response = useQuery(orpc.followup.surveyResponseOfOrder.queryOptions({ input: { repairOrderId } }));
  const template = useQuery({ ...orpc.followup.surveyTemplate.queryOptions({ input: {} }), enabled: response.data === null });
  return (
    <Section title={t('surveys.result.title')}>
      {result ? <SurveyVerdict result={result} /> : null}
      {result && task.status === 'open' ? <p className="muted small">{t('followup.call.surveyFirst')}</p> : null}
      {response.isPending ? <Loading /> : null}
      <ErrorBanner error={response.error ?? template.error} />
      {response.data ? <SurveyAnswers response={response.data} /> : null}
      {response.data === null && template.data ? (
        <>
          <h3>{t('surveys.form.title', { version: template.data.version })}</h3>
          <SurveyForm
            template={template.data}
            repairOrderId={repairOrderId}
            followUpTaskId={task.id}
            onRecorded={(recorded) => {
              setResult(recorded);
              void queryClient.invalidateQueries({ queryKey: orpc.followup.key() });
            }}
          />
        </>
      ) : null}
    </Section>
  );
}

/** One follow-up call: the customer and phone, the script, the RO's summary, the survey (day-3 calls), the attempts. */
export function FollowupCallScreen() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useQuery(orpc.followup.task.queryOptions({ input: { id } }));
  if (query.isPending) return <Loading />;
  if (query.error) return <PageError title={t('followup.title')} error={query.error} />;
  const task = query.data;
  return (
    <div className="page">
      <Section
        page
        title={`${t(`followup.kinds.${task.kind}`)} · ${task.customer.name}`}
        actions={
          <Link className="button" to="/followup">
            {t('followup.call.back')}
          </Link>
        }
      >
        <dl className="facts">
          <dt>{t('followup.call.customer')}</dt>
          <dd>
            <Link to={`/customers/${task.customer.id}`}>{task.customer.name}</Link>
          </dd>
          <dt>{t('followup.call.phone')}</dt>
          <dd>
            {task.phone ? (
              <a className="mono" href={`tel:${task.phone}`} data-testid="followup-phone">
                {task.phone}
              </a>
            ) : (
              <span className="muted">{t('followup.call.noPhone')}</span>
            )}
          </dd>
          <dt>{t('followup.columns.plate')}</dt>
          <dd>
            <Link to={`/vehicles/${task.vehicle.id}`}>
              <span className="plate">{task.vehicle.plate}</span> {task.vehicle.makeModel}
            </Link>
          </dd>
          <dt>{t('followup.call.due')}</dt>
          <dd>
            {task.dueDay}
            {task.dueReason ? <span className="muted small"> · {t(`followup.dueReasons.${task.dueReason}`)}</span> : null}
          </dd>
          <dt>{t('followup.columns.attempts')}</dt>
          <dd data-testid="followup-attempts">
            {t('followup.call.attemptsSoFar', { count: task.attempts, failed: task.failedAttempts })}
          </dd>
        </dl>
      </Section>
      <Script task={task} />
      {task.kind === 'campaign' ? <CampaignBanner vehicleId={task.vehicle.id} /> : null}
      <RoSummary task={task} />
      {task.kind === 'csi_call' && task.repairOrder ? <SurveySection task={task} repairOrderId={task.repairOrder.id} /> : null}
      <Attempts task={task} />
    </div>
  );
}
