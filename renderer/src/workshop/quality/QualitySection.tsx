import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { reasonIssue, type ApiIssue } from '../../../../shared/contract/errors';
import { recordQcInput, type QcJobDto, type QcStatusDto } from '../../../../shared/contract/workshop/quality';
import type { RepairOrderDetail } from '../../../../shared/contract/repair-orders';
import {
  QC_ANSWERS,
  qcAnswersProblem,
  type QcAnswer,
  type QcItemKey,
  type QcResult,
} from '../../../../shared/domain/qc-checklists';
import { describeIssue } from '../../api/errors';
import { orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { schemaResolver } from '../../ui/form-resolver';
import { useFormSubmit } from '../../ui/form-submit';
import { formatDateTime } from '../../ui/format';
import { ErrorBanner, Field, Loading, Section } from '../../ui/widgets';
import './quality.css';
import type * as qualityEn from '../../i18n/areas/workshop/quality.en';

type ItemLabels = typeof qualityEn.text.items;
type Labelled<K extends string> = K extends `${infer Area}.${infer Item}`
  ? Area extends keyof ItemLabels
    ? Item extends keyof ItemLabels[Area]
      ? true
      : false
    : false
  : false;
type Unlabelled = { [K in QcItemKey]: Labelled<K> extends true ? never : K }[QcItemKey];
/** Compile-time proof that every checklist item has its words (`quality.items.<key>`); names the keys that have none. */
export const EVERY_QC_ITEM_LABELLED: [Unlabelled] extends [never] ? true : Unlabelled = true;

interface QcValues {
  result: QcResult;
  /** One row per checklist item, in the checklist's order; '' until answered. */
  answers: { key: string; answer: QcAnswer | '' }[];
  note: string;
}

/** The RO's quality check, its certificate and the RO itself change together (a job sent back moves the RO). */
function useQualitySaved(repairOrderId: number) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: orpc.workshop.qcStatus.key({ input: { repairOrderId } }) });
    await queryClient.invalidateQueries({ queryKey: orpc.workshop.certificate.key({ input: { repairOrderId } }) });
    await queryClient.invalidateQueries({ queryKey: orpc.repairOrders.get.key({ input: { id: repairOrderId } }) });
  };
}

/** The checklist of one job with an answer per item, a note, and the two outcomes: pass or send back. */
function InspectForm({ job, repairOrderId, n }: { job: QcJobDto; repairOrderId: number; n: number }) {
  const { t } = useTranslation();
  const saved = useQualitySaved(repairOrderId);
  const record = useMutation(orpc.workshop.recordQc.mutationOptions({ onSuccess: saved }));
  // The contract's schema, with the checklist's own rule (the same reasons the core gives).
  const schema = recordQcInput.superRefine((value, ctx) => {
    const problem = qcAnswersProblem(job.checklist, value.result, value.answers, value.note);
    if (problem) ctx.addIssue({ ...reasonIssue(problem.reason), path: [problem.field] });
  });
  const toInput = (values: QcValues) => ({
    jobId: job.jobId,
    result: values.result,
    answers: Object.fromEntries(values.answers.flatMap((row) => (row.answer ? [[row.key, row.answer]] : []))),
    note: values.note,
  });
  const form = useForm<QcValues, unknown, z.output<typeof schema>>({
    resolver: schemaResolver<QcValues, typeof schema>(schema, t, toInput),
    defaultValues: { result: 'passed', answers: job.checklist.map((key) => ({ key, answer: '' })), note: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, ['answers', 'note', 'result'], async (values) => {
    await record.mutateAsync(values);
    form.reset({ result: 'passed', answers: job.checklist.map((key) => ({ key, answer: '' })), note: '' });
  });
  const errors = form.formState.errors;
  const answersError = (errors.answers as { message?: string } | undefined)?.message ?? errors.answers?.root?.message;
  const label = t('quality.jobOf', { n, concern: job.concern });
  return (
    <form className="qc-form" onSubmit={submit} noValidate aria-label={label}>
      <table className="results qc-checklist">
        <thead>
          <tr>
            <th>{t('quality.item')}</th>
            {QC_ANSWERS.map((answer) => (
              <th key={answer}>{t(`quality.answers.${answer}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {job.checklist.map((key, k) => (
            <tr key={key} data-item={key}>
              <td>{t(`quality.items.${key}`)}</td>
              {QC_ANSWERS.map((answer) => (
                <td key={answer}>
                  <input
                    type="radio"
                    value={answer}
                    aria-label={`${t(`quality.items.${key}`)}: ${t(`quality.answers.${answer}`)}`}
                    {...form.register(`answers.${k}.answer`)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {answersError ? (
        <span className="field-error" role="alert">
          {answersError}
        </span>
      ) : null}
      {errors.result?.message ? (
        <span className="field-error" role="alert">
          {errors.result.message}
        </span>
      ) : null}
      <Field label={t('fields.note')} name="note" error={errors.note} wide>
        <input maxLength={500} {...form.register('note')} />
        <span className="muted small">{t('quality.noteHint')}</span>
      </Field>
      <QcFooter unplaced={unplaced} />
      <div className="form-actions">
        <button type="button" onClick={() => job.checklist.forEach((_key, k) => form.setValue(`answers.${k}.answer`, 'ok'))}>
          {t('quality.allOk')}
        </button>
        <button
          type="submit"
          className="primary"
          disabled={form.formState.isSubmitting}
          onClick={() => form.setValue('result', 'passed')}
        >
          {t('quality.pass')}
        </button>
        <button type="submit" disabled={form.formState.isSubmitting} onClick={() => form.setValue('result', 'returned')}>
          {t('quality.sendBack')}
        </button>
      </div>
    </form>
  );
}

function QcFooter({ unplaced }: { unplaced: ApiIssue[] }) {
  const { t } = useTranslation();
  if (unplaced.length === 0) return null;
  return (
    <div className="banner banner-error" role="alert">
      {unplaced.map((issue) => describeIssue(t, issue)).join(' ')}
    </div>
  );
}

function JobQc({ job, ro, mayInspect }: { job: QcJobDto; ro: RepairOrderDetail; mayInspect: boolean }) {
  const { t } = useTranslation();
  const user = useUser();
  const n = job.position + 1;
  const inspectable = ro.status === 'in_progress' || ro.status === 'qc';
  const own = job.technician?.id === user.id;
  // A passed job is checked again only on purpose (a fault found after the pass).
  const [again, setAgain] = useState(false);
  const passed = job.latest?.result === 'passed';
  return (
    <div className="qc-job" data-testid={`qc-job-${n}`}>
      <h3>
        {t('quality.jobOf', { n, concern: job.concern })}{' '}
        <span className={`badge qc-result qc-result-${job.latest?.result ?? 'none'}`} data-testid={`qc-latest-${n}`}>
          {job.latest ? t(`quality.results.${job.latest.result}`) : t('quality.notChecked')}
        </span>
      </h3>
      <p className="muted small">
        {job.technician ? t('quality.technician', { name: job.technician.displayName }) : t('quality.noTechnician')}
      </p>
      {mayInspect && inspectable ? (
        own ? (
          <p className="muted">{t('quality.ownWork')}</p>
        ) : passed && !again ? (
          <button type="button" onClick={() => setAgain(true)}>
            {t('quality.checkAgain')}
          </button>
        ) : (
          <InspectForm key={job.latest?.id ?? 0} job={job} repairOrderId={ro.id} n={n} />
        )
      ) : null}
      {job.history.length > 0 ? (
        <>
          <h4>{t('quality.history')}</h4>
          <ul className="qc-history" aria-label={t('quality.history')}>
            {job.history.map((inspection) => (
              <li key={inspection.id}>
                {t('quality.inspectedBy', {
                  result: t(`quality.results.${inspection.result}`),
                  name: inspection.inspector.displayName,
                  at: formatDateTime(inspection.inspectedAt),
                })}
                {inspection.note ? <> — {inspection.note}</> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** Whether one is needed, and then the button to issue it or the certificate issued with its print link. */
function CertificateBlock({ status, ro }: { status: QcStatusDto; ro: RepairOrderDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const saved = useQualitySaved(ro.id);
  const issue = useMutation(orpc.workshop.issueCertificate.mutationOptions({ onSuccess: saved }));
  const { certificate } = status;
  return (
    <div className="qc-certificate" data-testid="qc-certificate">
      <h3>{t('quality.certificate.title')}</h3>
      {!status.certificateNeeded && !certificate ? <p className="muted">{t('quality.certificate.notNeeded')}</p> : null}
      {status.certificateNeeded && !certificate ? <p>{t('quality.certificate.needed')}</p> : null}
      {certificate ? (
        <p>
          <span data-testid="certificate-issued">
            {t('quality.certificate.issued', {
              number: certificate.number,
              name: certificate.issuedBy.displayName,
              at: formatDateTime(certificate.issuedAt),
            })}
          </span>{' '}
          <Link className="button" to={`/print/repair-orders/${ro.id}/certificate`}>
            {t('quality.certificate.print')}
          </Link>
        </p>
      ) : status.certificateNeeded ? (
        status.allPassed && canCall(user.role, contract.workshop.issueCertificate) ? (
          <button
            type="button"
            className="primary"
            disabled={issue.isPending}
            onClick={() => issue.mutate({ repairOrderId: ro.id })}
          >
            {t('quality.certificate.issue')}
          </button>
        ) : (
          <p className="muted small">{t('quality.certificate.waiting')}</p>
        )
      ) : null}
      <ErrorBanner error={issue.error} />
    </div>
  );
}

/**
 * The final quality check of the RO: per approved job its checklist (for those who inspect, when they did not work on
 * it), the latest result and the history; then the completion certificate. Hidden before work starts.
 */
export function QualitySection({ ro }: { ro: RepairOrderDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const shown = ro.status !== 'open' && ro.status !== 'cancelled' && canCall(user.role, contract.workshop.qcStatus);
  const query = useQuery({ ...orpc.workshop.qcStatus.queryOptions({ input: { repairOrderId: ro.id } }), enabled: shown });
  if (!shown) return null;
  const mayInspect = canCall(user.role, contract.workshop.recordQc);
  return (
    <Section title={t('quality.title')}>
      <p className="muted small">{t('quality.hint')}</p>
      {query.isPending ? <Loading /> : null}
      <ErrorBanner error={query.error} />
      {query.data ? (
        <>
          {query.data.jobs.length === 0 ? <p className="muted">{t('quality.noJobs')}</p> : null}
          {query.data.jobs.map((job) => (
            <JobQc key={`${job.jobId}-${job.latest?.id ?? 0}`} job={job} ro={ro} mayInspect={mayInspect} />
          ))}
          <CertificateBlock status={query.data} ro={ro} />
        </>
      ) : null}
    </Section>
  );
}
