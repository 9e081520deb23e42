import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  findingsInput,
  pauseInput,
  proposeJobInput,
  type MyJobsDto,
  type WorkshopJobDto,
} from '../../../shared/contract/workshop';
import { CONCERN_GROUPS } from '../../../shared/domain/concern-groups';
import { PAUSE_REASONS } from '../../../shared/domain/workshop-states';
import { orpc } from '../api/client';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { EnumSelect, ErrorBanner, Field, Loading } from '../ui/widgets';
import { useWorkshopFormat, useWorkshopSaved } from './workshop-format';
import { JobCardFacts } from './JobCardFacts';
import './workshop.css';

type Panel = 'pause' | 'findings' | 'propose' | null;

const pauseForm = pauseInput;
type PauseValues = z.input<typeof pauseForm>;

function PauseForm(props: { job: WorkshopJobDto; onDone: () => void }) {
  const { t } = useTranslation();
  const saved = useWorkshopSaved();
  const pause = useMutation(orpc.workshop.pause.mutationOptions({ onSuccess: saved }));
  const form = useForm<PauseValues, unknown, z.output<typeof pauseForm>>({
    resolver: schemaResolver<PauseValues, typeof pauseForm>(pauseForm, t),
    defaultValues: { jobId: props.job.jobId, reason: 'parts', note: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, ['reason', 'note'], async (values) => {
    await pause.mutateAsync(values);
    props.onDone();
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('workshop.pauseTitle')}>
      <Field label={t('fields.reason')} name="reason" error={errors.reason}>
        <EnumSelect values={PAUSE_REASONS} catalogue="workshop.pauseReasons" {...form.register('reason')} />
      </Field>
      <Field label={t('fields.note')} name="note" error={errors.note}>
        <input maxLength={500} {...form.register('note')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('workshop.savePause')}
        onCancel={props.onDone}
      />
    </form>
  );
}

const findingsForm = findingsInput;
type FindingsValues = z.input<typeof findingsForm>;

function FindingsForm(props: { job: WorkshopJobDto; onDone: () => void }) {
  const { t } = useTranslation();
  const saved = useWorkshopSaved();
  const record = useMutation(orpc.workshop.recordFindings.mutationOptions({ onSuccess: saved }));
  const form = useForm<FindingsValues, unknown, z.output<typeof findingsForm>>({
    resolver: schemaResolver<FindingsValues, typeof findingsForm>(findingsForm, t),
    defaultValues: { jobId: props.job.jobId, cause: props.job.cause, correction: props.job.correction },
  });
  const { submit, unplaced } = useFormSubmit(form, ['cause', 'correction'], async (values) => {
    await record.mutateAsync(values);
    props.onDone();
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('workshop.findingsTitle')}>
      <Field label={t('fields.cause')} name="cause" error={errors.cause}>
        <textarea maxLength={2000} {...form.register('cause')} />
      </Field>
      <Field label={t('fields.correction')} name="correction" error={errors.correction}>
        <textarea maxLength={2000} {...form.register('correction')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('workshop.saveFindings')}
        onCancel={props.onDone}
      />
    </form>
  );
}

const proposeForm = proposeJobInput;
type ProposeValues = z.input<typeof proposeForm>;

function ProposeForm(props: { job: WorkshopJobDto; onDone: (sent: boolean) => void }) {
  const { t } = useTranslation();
  const saved = useWorkshopSaved();
  const propose = useMutation(orpc.workshop.proposeJob.mutationOptions({ onSuccess: saved }));
  const form = useForm<ProposeValues, unknown, z.output<typeof proposeForm>>({
    resolver: schemaResolver<ProposeValues, typeof proposeForm>(proposeForm, t),
    defaultValues: { repairOrderId: props.job.repairOrderId, concern: '', concernGroup: props.job.concernGroup, note: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, ['concern', 'concernGroup', 'note'], async (values) => {
    await propose.mutateAsync(values);
    props.onDone(true);
  });
  const errors = form.formState.errors;
  return (
    <form
      className="form-grid"
      onSubmit={submit}
      noValidate
      aria-label={t('workshop.proposeTitle', { number: props.job.roNumber })}
    >
      <Field label={t('fields.concern')} name="concern" error={errors.concern} wide>
        <textarea maxLength={1000} {...form.register('concern')} />
      </Field>
      <Field label={t('fields.concernGroup')} name="concernGroup" error={errors.concernGroup}>
        <EnumSelect values={CONCERN_GROUPS} catalogue="catalog.groups" {...form.register('concernGroup')} />
      </Field>
      <Field label={t('fields.note')} name="note" error={errors.note}>
        <textarea maxLength={1000} {...form.register('note')} />
      </Field>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('workshop.sendProposal')}
        onCancel={() => props.onDone(false)}
      />
    </form>
  );
}

function MyJobCard(props: { job: WorkshopJobDto; mine: MyJobsDto }) {
  const { t } = useTranslation();
  const saved = useWorkshopSaved();
  const clockOn = useMutation(orpc.workshop.clockOn.mutationOptions({ onSuccess: saved }));
  const clockOff = useMutation(orpc.workshop.clockOff.mutationOptions({ onSuccess: saved }));
  const [panel, setPanel] = useState<Panel>(null);
  const [proposed, setProposed] = useState(false);
  const { job } = props;
  const runningHere = props.mine.running?.jobId === job.jobId;
  const title = `${job.roNumber} · ${job.concern}`;
  const toggle = (next: Panel) => {
    setProposed(false);
    setPanel(panel === next ? null : next);
  };
  return (
    <section className={`card ws-card ws-state-${job.state}`} aria-label={title} data-testid={`my-job-${job.jobId}`}>
      <header className="card-header">
        <h2>
          {job.roNumber} <span className="mono">{job.plate}</span> <span className="muted">{job.makeModel}</span>
        </h2>
        <span className={`ws-state ws-state-${job.state}`} data-testid="job-state">
          {t(`workshop.states.${job.state}`)}
        </span>
      </header>
      <div className="ws-card-concern">{job.concern}</div>
      <JobCardFacts job={job} />
      <div className="ws-actions">
        {runningHere ? (
          <>
            <button
              type="button"
              className="primary"
              disabled={clockOff.isPending}
              onClick={() => clockOff.mutate({ jobId: job.jobId, finished: true })}
            >
              {t('workshop.clockOffFinished')}
            </button>
            <button
              type="button"
              disabled={clockOff.isPending}
              onClick={() => clockOff.mutate({ jobId: job.jobId, finished: false })}
            >
              {t('workshop.clockOffNotFinished')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={clockOn.isPending}
            onClick={() => clockOn.mutate({ jobId: job.jobId })}
          >
            {t('workshop.clockOn')}
          </button>
        )}
        {job.state !== 'done' ? (
          <button type="button" onClick={() => toggle('pause')}>
            {t('workshop.pause')}
          </button>
        ) : null}
        <button type="button" onClick={() => toggle('findings')}>
          {t('workshop.findings')}
        </button>
        <button type="button" onClick={() => toggle('propose')}>
          {t('workshop.propose')}
        </button>
      </div>
      <ErrorBanner error={clockOn.isPending ? null : clockOn.error} />
      <ErrorBanner error={clockOff.isPending ? null : clockOff.error} />
      {job.cause || job.correction ? (
        <dl className="facts">
          <dt>{t('fields.cause')}</dt>
          <dd>{job.cause || <span className="muted">—</span>}</dd>
          <dt>{t('fields.correction')}</dt>
          <dd>{job.correction || <span className="muted">—</span>}</dd>
        </dl>
      ) : null}
      {panel === 'pause' ? <PauseForm job={job} onDone={() => setPanel(null)} /> : null}
      {panel === 'findings' ? <FindingsForm job={job} onDone={() => setPanel(null)} /> : null}
      {panel === 'propose' ? (
        <ProposeForm
          job={job}
          onDone={(sent) => {
            setPanel(null);
            setProposed(sent);
          }}
        />
      ) : null}
      {proposed ? (
        <div className="banner banner-warning" role="status">
          {t('workshop.proposed')}
        </div>
      ) : null}
    </section>
  );
}

/** /my-jobs: the signed-in technician's jobs, clocking on and off, pauses, findings and additional work. */
export function MyJobsScreen() {
  const { t } = useTranslation();
  const format = useWorkshopFormat();
  const mine = useQuery(orpc.workshop.myJobs.queryOptions({ input: {} }));
  return (
    <div className="page">
      <h1>{t('workshop.myJobsTitle')}</h1>
      {mine.isPending ? <Loading /> : null}
      <ErrorBanner error={mine.error} />
      {mine.data ? (
        <>
          <p className={mine.data.running ? 'ws-running' : 'muted'} data-testid="running-clocking">
            {mine.data.running
              ? t('workshop.running', { number: mine.data.running.roNumber, time: format.time(mine.data.running.startedAt) })
              : t('workshop.notRunning')}
          </p>
          {mine.data.jobs.length === 0 ? <p className="muted">{t('workshop.myJobsEmpty')}</p> : null}
          <div className="ws-my-jobs">
            {mine.data.jobs.map((job) => (
              <MyJobCard key={job.jobId} job={job} mine={mine.data} />
            ))}
          </div>
        </>
      ) : null}
    </div>
  );
}
