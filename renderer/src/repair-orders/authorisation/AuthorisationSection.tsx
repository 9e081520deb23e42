import { useMutation, useQuery } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../../shared/contract';
import {
  AUTHORISATION_CHANNELS,
  authoriseInput,
  type AuthorisationChannel,
  type AuthorisationDto,
  type JobDecision,
} from '../../../../shared/contract/repair-orders/authorisation';
import type { RepairOrderDetail } from '../../../../shared/contract/repair-orders';
import { isOpenStatus } from '../../../../shared/domain/repair-order-status';
import { orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { schemaResolver } from '../../ui/form-resolver';
import { useFormSubmit } from '../../ui/form-submit';
import { formatDateTime } from '../../ui/format';
import { EnumSelect, ErrorBanner, Field, Loading, Section } from '../../ui/widgets';
import { RoFormFooter } from '../RoError';
import { useRoFormat } from '../ro-format';
import { fromLocalInput } from '../../../../shared/domain/desk-time';
import { SignaturePadField } from './SignaturePadField';
import { useAuthorisationSaved } from './use-authorisation-saved';
import './authorisation.css';
import { DateTimeField } from '../../ui/DateField';

interface AuthoriseValues {
  customerName: string;
  channel: AuthorisationChannel;
  /** datetime-local in the desk's zone; empty for now. */
  authorisedAt: string;
  signaturePng: string | null;
  signedOnPaper: boolean;
  note: string;
  /** One per pending job; null until answered (a job may be left for later). */
  decisions: { jobId: number; decision: JobDecision | null }[];
}

const FORM_FIELDS = ['customerName', 'channel', 'authorisedAt', 'signaturePng', 'signedOnPaper', 'note'];

/** What the form holds -> what repairOrders.authorise takes: what the chosen channel does not use is left out. */
function toInput(ro: RepairOrderDetail, values: AuthoriseValues) {
  const authorisedAt = fromLocalInput(values.authorisedAt);
  return {
    id: ro.id,
    version: ro.version,
    customerName: values.customerName,
    channel: values.channel,
    ...(authorisedAt !== null ? { authorisedAt } : {}),
    signaturePng: values.channel === 'in_person' ? values.signaturePng : null,
    signedOnPaper: values.channel === 'in_person' || values.channel === 'paper' ? values.signedOnPaper : false,
    note: values.note,
    decisions: values.decisions.flatMap((d) => (d.decision ? [{ jobId: d.jobId, decision: d.decision }] : [])),
  };
}

/** The customer's answer for the pending jobs: approve or decline each, who, how, when, and the signature. */
function AuthoriseForm({ ro }: { ro: RepairOrderDetail }) {
  const { t } = useTranslation();
  const saved = useAuthorisationSaved();
  const authorise = useMutation(orpc.repairOrders.authorise.mutationOptions({ onSuccess: saved }));
  const pending = ro.jobs.flatMap((job, index) => (job.authorization === 'pending' ? [{ job, n: index + 1 }] : []));
  const form = useForm<AuthoriseValues, unknown, ReturnType<typeof authoriseInput.parse>>({
    resolver: schemaResolver<AuthoriseValues, typeof authoriseInput>(authoriseInput, t, (values) => toInput(ro, values)),
    defaultValues: {
      customerName: ro.customer.name,
      channel: 'in_person',
      authorisedAt: '',
      signaturePng: null,
      signedOnPaper: false,
      note: '',
      decisions: pending.map(({ job }) => ({ jobId: job.id, decision: null })),
    },
  });
  const { submit, unplaced } = useFormSubmit(form, FORM_FIELDS, (values) => authorise.mutateAsync(values));
  const errors = form.formState.errors;
  const channel = useWatch({ control: form.control, name: 'channel' });
  const decisionsError = errors.decisions?.message ?? errors.decisions?.root?.message;
  return (
    <form className="form-grid authorise-form" onSubmit={submit} noValidate aria-label={t('authorisation.title')}>
      <fieldset className="field-wide authorise-jobs">
        <legend>{t('authorisation.jobsLegend')}</legend>
        {pending.map(({ job, n }, k) => {
          const label = t('authorisation.jobOf', { n, concern: job.concern });
          return (
            <fieldset key={job.id} className="authorise-job" aria-label={label}>
              <legend>{label}</legend>
              <label className="checkbox">
                <input type="radio" value="approved" {...form.register(`decisions.${k}.decision`)} />
                {t('authorisation.approve')}
              </label>
              <label className="checkbox">
                <input type="radio" value="declined" {...form.register(`decisions.${k}.decision`)} />
                {t('authorisation.decline')}
              </label>
            </fieldset>
          );
        })}
        {decisionsError ? (
          <span className="field-error" role="alert">
            {decisionsError}
          </span>
        ) : null}
      </fieldset>
      <Field label={t('fields.customerName')} name="customerName" error={errors.customerName}>
        <input maxLength={100} {...form.register('customerName')} />
      </Field>
      <Field label={t('fields.channel')} name="channel" error={errors.channel}>
        <EnumSelect values={AUTHORISATION_CHANNELS} catalogue="authorisation.channels" {...form.register('channel')} />
      </Field>
      <Field label={t('fields.authorisedAt')} name="authorisedAt" error={errors.authorisedAt}>
        <DateTimeField {...form.register('authorisedAt')} />
        <span className="muted small">{t('authorisation.nowHint')}</span>
      </Field>
      <Field label={t('fields.note')} name="note" error={errors.note}>
        <input maxLength={500} {...form.register('note')} />
      </Field>
      {channel === 'in_person' ? (
        <SignaturePadField
          onChange={(png) => form.setValue('signaturePng', png, { shouldValidate: form.formState.isSubmitted })}
          error={errors.signaturePng?.message}
        />
      ) : null}
      {channel === 'in_person' || channel === 'paper' ? (
        <div className="field field-wide" data-field="signedOnPaper">
          <label className="checkbox">
            <input type="checkbox" {...form.register('signedOnPaper')} />
            {t('authorisation.signedOnPaperLabel')}
          </label>
          {errors.signedOnPaper?.message ? (
            <span className="field-error" role="alert">
              {errors.signedOnPaper.message}
            </span>
          ) : null}
        </div>
      ) : null}
      <RoFormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('authorisation.record')} />
    </form>
  );
}

function RecordedAuthorisation({ item }: { item: AuthorisationDto }) {
  const { t } = useTranslation();
  const format = useRoFormat();
  return (
    <li className="authorisation-item" data-authorisation-id={item.id}>
      <div className="authorisation-facts">
        <strong>{item.customerName}</strong> · {t(`authorisation.channels.${item.channel}`)} · {formatDateTime(item.authorisedAt)}
        {item.signedOnPaper ? <span className="badge">{t('authorisation.signedOnPaper')}</span> : null}
        <div className="muted small">
          {t('authorisation.recordedBy', { name: item.recordedBy.displayName, at: formatDateTime(item.recordedAt) })}
        </div>
        <ul className="authorisation-decisions">
          {item.decisions.map((decision, k) => (
            <li key={`${decision.jobId ?? 'x'}-${k}`} className={`authorisation-decision-${decision.decision}`}>
              <span className={`badge ro-auth ro-auth-${decision.decision}`}>
                {decision.decision === 'approved' ? t('authorisation.approvedMark') : t('authorisation.declinedMark')}
              </span>{' '}
              {decision.concern} <span className="num">{format.money(decision.jobTotalFen)}</span>
            </li>
          ))}
        </ul>
        <div>{t('authorisation.approvedTotal', { amount: format.money(item.approvedTotalFen) })}</div>
        {item.note ? <div className="muted">{item.note}</div> : null}
      </div>
      {item.signaturePng ? (
        <img
          className="authorisation-signature"
          src={item.signaturePng}
          alt={t('authorisation.signatureOf', { name: item.customerName })}
        />
      ) : null}
    </li>
  );
}

function RecordedAuthorisations({ ro }: { ro: RepairOrderDetail }) {
  const { t } = useTranslation();
  const query = useQuery(orpc.repairOrders.authorisations.queryOptions({ input: { id: ro.id } }));
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  return (
    <>
      <h3>{t('authorisation.recorded')}</h3>
      {query.data.length === 0 ? (
        <p className="muted">{t('authorisation.noneRecorded')}</p>
      ) : (
        <ul className="authorisation-list" aria-label={t('authorisation.recorded')}>
          {query.data.map((item) => (
            <RecordedAuthorisation key={item.id} item={item} />
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * The RO page's authorisation part: the form for the jobs still pending and every authorisation recorded. (The
 * declined work of earlier visits is offered in the check-in section.)
 */
export function AuthorisationSection({ ro }: { ro: RepairOrderDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const editable = isOpenStatus(ro.status);
  const mayAuthorise = editable && canCall(user.role, contract.repairOrders.authorise);
  const pending = ro.jobs.some((job) => job.authorization === 'pending');
  return (
    <Section title={t('authorisation.title')}>
      {mayAuthorise && pending ? (
        <>
          <p className="muted small">{t('authorisation.hint')}</p>
          <AuthoriseForm key={ro.version} ro={ro} />
        </>
      ) : mayAuthorise ? (
        <p className="muted small">{t('authorisation.noPending')}</p>
      ) : null}
      {canCall(user.role, contract.repairOrders.authorisations) ? <RecordedAuthorisations ro={ro} /> : null}
    </Section>
  );
}
