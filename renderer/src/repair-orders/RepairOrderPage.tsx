import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { contract } from '../../../shared/contract';
import { addJobInput, RO_PAYERS, setPromisedTimeInput, type RepairOrderDetail } from '../../../shared/contract/repair-orders';
import { CONCERN_GROUPS } from '../../../shared/domain/concern-groups';
import { paperSum } from '../../../shared/domain/money';
import { isOpenStatus, type RepairOrderStatus } from '../../../shared/domain/repair-order-status';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { schemaResolver } from '../ui/form-resolver';
import { useFormSubmit } from '../ui/form-submit';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatDateTime, formatNumber } from '../ui/format';
import { EnumSelect, Field, Loading, PageError, Section } from '../ui/widgets';
import { AddPackage } from './AddPackage';
import { RoHeader, RoSectionAnchor, type RoSection } from './RoHeader';
import { RoWorkshop } from './RoWorkshop';
import { CheckInPanel } from './check-in/CheckInPanel';
import { LoanPanel } from '../loaners/LoanPanel';
import { AuthorisationSection } from './authorisation/AuthorisationSection';
import { QualitySection } from '../workshop/quality/QualitySection';
import { SettlementSection } from './settlement/SettlementSection';
import { JobCard, type OpenPanel } from './JobCard';
import { RoError, RoFormFooter } from './RoError';
import { useRoFormat } from './ro-format';
import { fromLocalInput, toLocalInput } from '../../../shared/domain/desk-time';
import { useRoSaved } from './use-ro-write';
import { WarrantyRiskBanner } from '../warranty-risk/WarrantyRiskBanner';
import { CampaignBanner } from '../campaigns/CampaignBanner';
import './repair-orders.css';
import { RoSurveyResult } from '../followup/surveys/RoSurveyResult';
import { RoAuditTrail } from '../audit/RoAuditTrail';
import { DateTimeField } from '../ui/DateField';

const promisedForm = z.strictObject({
  promisedAt: z.string().transform(fromLocalInput).pipe(setPromisedTimeInput.shape.promisedAt),
});

/** The promised time, shown in the desk's time zone; changed or cleared by those who may (a past time is refused). */
function PromisedTime({ ro, mayEdit }: { ro: RepairOrderDetail; mayEdit: boolean }) {
  const { t } = useTranslation();
  const saved = useRoSaved();
  const [editing, setEditing] = useState(false);
  const set = useMutation(orpc.repairOrders.setPromisedTime.mutationOptions({ onSuccess: saved }));
  const form = useForm<{ promisedAt: string }, unknown, z.output<typeof promisedForm>>({
    resolver: schemaResolver<{ promisedAt: string }, typeof promisedForm>(promisedForm, t),
    defaultValues: { promisedAt: toLocalInput(ro.promisedAt) },
  });
  const { submit, unplaced } = useFormSubmit(form, ['promisedAt'], async (values) => {
    await set.mutateAsync({ id: ro.id, version: ro.version, promisedAt: values.promisedAt });
    setEditing(false);
  });
  if (!editing) {
    return (
      <>
        <span data-testid="ro-promised">
          {ro.promisedAt ? formatDateTime(ro.promisedAt) : <span className="muted">{t('ro.notPromised')}</span>}
        </span>{' '}
        {mayEdit ? (
          <button
            type="button"
            className="link"
            onClick={() => {
              form.reset({ promisedAt: toLocalInput(ro.promisedAt) });
              setEditing(true);
            }}
          >
            {t('ro.changePromised')}
          </button>
        ) : null}
      </>
    );
  }
  return (
    <form className="ro-inline-form" onSubmit={submit} noValidate aria-label={t('fields.promisedAt')}>
      <Field label={t('fields.promisedAt')} name="promisedAt" error={form.formState.errors.promisedAt}>
        <DateTimeField {...form.register('promisedAt')} />
      </Field>
      <RoFormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('customer.save')}
        onCancel={() => setEditing(false)}
      />
    </form>
  );
}

/**
 * The next statuses as buttons, the usual next step first; a refusal is said with the statuses' names. The steps
 * that cannot be undone ask first in the shared dialog: closing, and cancelling, which also needs the reason (kept
 * in the status history) and sits apart from the forward steps, at the far end, as a danger button.
 */
function StatusActions({ ro }: { ro: RepairOrderDetail }) {
  const { t } = useTranslation();
  const format = useRoFormat();
  const saved = useRoSaved();
  const move = useMutation(orpc.repairOrders.transition.mutationOptions({ onSuccess: saved }));
  const [asking, setAsking] = useState<'cancelled' | 'closed' | null>(null);
  if (ro.nextStatuses.length === 0) return null;
  const forward = ro.nextStatuses.filter((to) => to !== 'cancelled');
  const ask = (to: 'cancelled' | 'closed') => {
    move.reset();
    setAsking(to);
  };
  const confirm = (to: RepairOrderStatus, note: string) =>
    move.mutate({ id: ro.id, version: ro.version, to, note }, { onSuccess: () => setAsking(null) });
  return (
    <div className="ro-status-actions">
      <span className="muted">{t('ro.nextStep')}</span>
      {forward.map((to, index) => (
        <button
          key={to}
          type="button"
          className={index === 0 ? 'primary' : undefined}
          disabled={move.isPending}
          onClick={() => (to === 'closed' ? ask('closed') : move.mutate({ id: ro.id, version: ro.version, to }))}
        >
          {t('ro.moveTo', { status: format.status(to) })}
        </button>
      ))}
      {ro.nextStatuses.includes('cancelled') ? (
        <button
          type="button"
          className="danger-quiet ro-status-cancel"
          disabled={move.isPending}
          onClick={() => ask('cancelled')}
        >
          {t('ro.cancelRo')}
        </button>
      ) : null}
      {asking === null ? <RoError error={move.error} /> : null}
      {asking === 'cancelled' ? (
        <ConfirmDialog
          title={t('ro.cancelTitle', { number: ro.number })}
          confirmLabel={t('ro.cancelConfirm')}
          keepLabel={t('ro.keepRo')}
          danger
          reason={{ label: t('ro.cancelReason'), required: true, maxLength: 500 }}
          pending={move.isPending}
          error={<RoError error={move.error} />}
          onClose={() => setAsking(null)}
          onConfirm={(reason) => confirm('cancelled', reason)}
        >
          <p>{t('ro.cancelBody')}</p>
        </ConfirmDialog>
      ) : null}
      {asking === 'closed' ? (
        <ConfirmDialog
          title={t('ro.closeTitle', { number: ro.number })}
          confirmLabel={t('ro.closeConfirm')}
          keepLabel={t('ro.notYet')}
          pending={move.isPending}
          error={<RoError error={move.error} />}
          onClose={() => setAsking(null)}
          onConfirm={() => confirm('closed', '')}
        >
          <p>{t('ro.closeBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function History({ ro }: { ro: RepairOrderDetail }) {
  const { t } = useTranslation();
  const format = useRoFormat();
  return (
    <Section title={t('ro.history')}>
      <table className="results ro-history" aria-label={t('ro.history')}>
        <thead>
          <tr>
            <th>{t('ro.columns.status')}</th>
            <th>{t('ro.columns.who')}</th>
            <th>{t('ro.columns.when')}</th>
            <th>{t('fields.note')}</th>
          </tr>
        </thead>
        <tbody>
          {ro.history.map((change, index) => (
            <tr key={`${change.at}-${index}`}>
              <td>
                {change.from === null
                  ? t('ro.createdAs', { status: format.status(change.to) })
                  : `${format.status(change.from)} → ${format.status(change.to)}`}
              </td>
              <td>{change.userName}</td>
              <td>{formatDateTime(change.at)}</td>
              <td>{change.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

/**
 * The RO's totals as the customer adds them (the printed documents say the same): labor and parts at list price, less
 * the discount, plus any VAT added on prices without it, make the total; the VAT inside the prices is said under
 * it. Then what each payer owes. Sums of the stored lines.
 */
function Totals({ ro }: { ro: RepairOrderDetail }) {
  const { t } = useTranslation();
  const format = useRoFormat();
  const { totals } = ro;
  const { taxAddedFen, taxWithinFen } = paperSum(totals.all);
  const payers = RO_PAYERS.filter((payer) => totals.byPayer[payer].totalFen > 0 || ro.jobs.some((job) => job.payer === payer));
  return (
    <Section title={t('ro.totals')}>
      <div className="ro-totals">
        <dl className="facts ro-totals-sum">
          <dt>{t('ro.labor')}</dt>
          <dd className="num" data-testid="ro-total-labor">
            {format.money(totals.labor.grossFen)}
          </dd>
          <dt>{t('ro.parts')}</dt>
          <dd className="num" data-testid="ro-total-parts">
            {format.money(totals.parts.grossFen)}
          </dd>
          {totals.all.discountFen > 0 ? (
            <>
              <dt>{t('ro.discountTotal')}</dt>
              <dd className="num" data-testid="ro-total-discount">
                {t('printing.doc.minus', { amount: format.money(totals.all.discountFen) })}
              </dd>
            </>
          ) : null}
          {taxAddedFen > 0 ? (
            <>
              <dt>{t('ro.taxAdded')}</dt>
              <dd className="num" data-testid="ro-total-tax-added">
                {format.money(taxAddedFen)}
              </dd>
            </>
          ) : null}
          <dt className="ro-totals-total">
            <strong>{t('ro.total')}</strong>
          </dt>
          <dd className="num ro-totals-total">
            <strong data-testid="ro-total">{format.money(totals.all.totalFen)}</strong>
          </dd>
          {taxWithinFen > 0 ? (
            <>
              <dt className="muted">{t('ro.taxWithin')}</dt>
              <dd className="num muted" data-testid="ro-total-tax">
                {format.money(taxWithinFen)}
              </dd>
            </>
          ) : null}
        </dl>
        <div>
          <h3>{t('ro.byPayer')}</h3>
          <dl className="facts">
            {payers.map((payer) => (
              <div key={payer} className="ro-payer" data-testid={`ro-payer-${payer}`}>
                <dt>{t(`ro.payers.${payer}`)}</dt>
                <dd className="num">{format.money(totals.byPayer[payer].totalFen)}</dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
      <p className="muted small">{t('ro.totalsHint')}</p>
    </Section>
  );
}

const jobForm = addJobInput.pick({ concern: true, concernGroup: true, payer: true });
type NewJobValues = z.input<typeof jobForm>;

function AddJob({ ro, onDone }: { ro: RepairOrderDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const saved = useRoSaved();
  const add = useMutation(orpc.repairOrders.addJob.mutationOptions({ onSuccess: saved }));
  const form = useForm<NewJobValues, unknown, z.output<typeof jobForm>>({
    resolver: schemaResolver<NewJobValues, typeof jobForm>(jobForm, t),
    defaultValues: { concern: '', concernGroup: 'other', payer: 'customer' },
  });
  const { submit, unplaced } = useFormSubmit(form, ['concern', 'concernGroup', 'payer'], async (values) => {
    await add.mutateAsync({ id: ro.id, version: ro.version, ...values });
    onDone();
  });
  const errors = form.formState.errors;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('ro.addJob')}>
      <Field label={t('fields.concern')} name="concern" error={errors.concern} wide>
        <textarea autoFocus maxLength={1000} {...form.register('concern')} />
      </Field>
      <Field label={t('fields.concernGroup')} name="concernGroup" error={errors.concernGroup}>
        <EnumSelect values={CONCERN_GROUPS} catalogue="catalog.groups" {...form.register('concernGroup')} />
      </Field>
      <Field label={t('fields.payer')} name="payer" error={errors.payer}>
        <EnumSelect values={RO_PAYERS} catalogue="ro.payers" {...form.register('payer')} />
      </Field>
      <RoFormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('ro.addJob')} onCancel={onDone} />
    </form>
  );
}

/** One repair order: who and what, where it stands and where it may go, its jobs with their lines, and the totals. */
export function RepairOrderPage() {
  const { t } = useTranslation();
  const user = useUser();
  const format = useRoFormat();
  const id = Number(useParams().id);
  const [open, setOpen] = useState<OpenPanel>(null);
  const [addingJob, setAddingJob] = useState(false);
  const [addingPackage, setAddingPackage] = useState(false);
  const query = useQuery(orpc.repairOrders.get.queryOptions({ input: { id } }));
  if (query.isPending) return <Loading />;
  if (query.error) return <PageError title={t('roList.title')} error={query.error} />;
  const ro = query.data;
  const editable = isOpenStatus(ro.status);
  const cancelReason =
    ro.status === 'cancelled' ? (ro.history.findLast((change) => change.to === 'cancelled')?.note ?? '') : null;
  const mayQc = canCall(user.role, contract.workshop.qcStatus);
  const maySettle = canCall(user.role, contract.repairOrders.settlement);
  const present = new Set<RoSection>(
    ['checkIn', 'jobs', 'approval', 'workshop', 'history'].concat(
      mayQc ? ['quality'] : [],
      maySettle ? ['settlement'] : [],
    ) as RoSection[],
  );
  return (
    <div className="page ro-page">
      <RoHeader ro={ro} present={present} />
      <Section
        page
        title={t('ro.title', { number: ro.number })}
        actions={
          <>
            <Link className="button" to={`/print/repair-orders/${ro.id}/work-order`}>
              {t('printing.printWorkOrder')}
            </Link>
            <Link className="button" to={`/print/repair-orders/${ro.id}/estimate`}>
              {t('printing.printEstimate')}
            </Link>
            {['ready', 'delivered', 'closed'].includes(ro.status) ? (
              <Link className="button" to={`/print/repair-orders/${ro.id}/settlement`}>
                {t('settlement.printSettlement')}
              </Link>
            ) : null}
            <span className={`badge ro-status ro-status-${ro.status}`} data-testid="ro-status">
              {format.status(ro.status)}
            </span>
          </>
        }
      >
        <dl className="facts">
          <dt>{t('ro.customer')}</dt>
          <dd>
            <Link to={`/customers/${ro.customer.id}`}>{ro.customer.name}</Link>
          </dd>
          <dt>{t('ro.vehicle')}</dt>
          <dd>
            <Link to={`/vehicles/${ro.vehicle.id}`}>
              <span className="plate">{ro.vehicle.plate || '—'}</span> {ro.vehicle.makeModel}
            </Link>{' '}
            <span className="mono muted">{ro.vehicle.vin}</span>
          </dd>
          <dt>{t('ro.advisor')}</dt>
          <dd>{ro.advisor.displayName}</dd>
          <dt>{t('ro.opened')}</dt>
          <dd>{formatDateTime(ro.openedAt)}</dd>
          <dt>{t('fields.promisedAt')}</dt>
          <dd>
            <PromisedTime
              key={ro.version}
              ro={ro}
              mayEdit={editable && canCall(user.role, contract.repairOrders.setPromisedTime)}
            />
          </dd>
          {cancelReason !== null ? (
            <>
              <dt>{t('ro.cancelledBecause')}</dt>
              <dd data-testid="ro-cancel-reason">{cancelReason}</dd>
            </>
          ) : null}
          {ro.mileageInKm !== null ? (
            <>
              <dt>{t('fields.mileageKm')}</dt>
              <dd>{t('vehicle.mileageKm', { km: formatNumber(ro.mileageInKm) })}</dd>
            </>
          ) : null}
        </dl>
        {canCall(user.role, contract.repairOrders.transition) ? <StatusActions ro={ro} /> : null}
        <WarrantyRiskBanner key={ro.version} vehicleId={ro.vehicle.id} />
        <CampaignBanner key={`campaigns-${ro.version}`} vehicleId={ro.vehicle.id} {...(editable ? { ro } : {})} />
      </Section>
      <RoSectionAnchor section="checkIn">
        <CheckInPanel ro={ro} />
        <LoanPanel ro={ro} />
      </RoSectionAnchor>
      <RoSectionAnchor section="jobs">
        {ro.jobs.map((job, index) => (
          <JobCard key={job.id} ro={ro} job={job} index={index} open={open} setOpen={setOpen} />
        ))}
        {editable && canCall(user.role, contract.repairOrders.addJob) ? (
          <Section
            title={t('ro.newJob')}
            actions={
              addingJob ? null : (
                <button type="button" onClick={() => setAddingJob(true)}>
                  {t('ro.addJob')}
                </button>
              )
            }
          >
            {addingJob ? (
              <AddJob ro={ro} onDone={() => setAddingJob(false)} />
            ) : (
              <p className="muted small">{t('ro.newJobHint')}</p>
            )}
          </Section>
        ) : null}
        {editable && canCall(user.role, contract.repairOrders.addPackage) && canCall(user.role, contract.catalog.listPackages) ? (
          <Section
            title={t('ro.packageSection')}
            actions={
              addingPackage ? null : (
                <button type="button" onClick={() => setAddingPackage(true)}>
                  {t('ro.addPackage')}
                </button>
              )
            }
          >
            {addingPackage ? (
              <AddPackage ro={ro} open={open} onDone={() => setAddingPackage(false)} />
            ) : (
              <p className="muted small">{t('ro.packageHint')}</p>
            )}
          </Section>
        ) : null}
        <Totals ro={ro} />
      </RoSectionAnchor>
      <RoSectionAnchor section="approval">
        <AuthorisationSection ro={ro} />
      </RoSectionAnchor>
      <RoSectionAnchor section="workshop">
        <RoWorkshop ro={ro} />
      </RoSectionAnchor>
      {mayQc ? (
        <RoSectionAnchor section="quality">
          {ro.status === 'open' || ro.status === 'cancelled' ? (
            <Section title={t('quality.title')}>
              <p className="muted">{t('ro.qualityNotYet')}</p>
            </Section>
          ) : (
            <QualitySection ro={ro} />
          )}
        </RoSectionAnchor>
      ) : null}
      {maySettle ? (
        <RoSectionAnchor section="settlement">
          {['ready', 'delivered', 'closed'].includes(ro.status) ? (
            <SettlementSection ro={ro} />
          ) : (
            <Section title={t('settlement.title')}>
              <p className="muted">{t('settlement.notYet')}</p>
            </Section>
          )}
        </RoSectionAnchor>
      ) : null}
      <RoSectionAnchor section="history">
        <RoSurveyResult ro={ro} />
        <History ro={ro} />
        <RoAuditTrail ro={ro} />
      </RoSectionAnchor>
    </div>
  );
}
